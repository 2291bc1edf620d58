"""One picture of the Thought record pane with a finished record open in the form, on a fixed
day over the demo journal (pytest-textual-snapshot). The pane is maximised so the picture shows
this pane alone.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage import Journal, dates
from storage.demo import entries as demo_entries
from storage.demo import thoughts as demo_thoughts
from tui.app import create_app

FROZEN = datetime(2025, 3, 12, 20, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def thought_app(tmp_path, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    with journal.transaction():
        demo_entries.fill(journal, FROZEN.date())
        demo_thoughts.fill(journal, FROZEN.date())
    yield create_app(journal)
    journal.close()


def test_a_finished_record_filled_in(snap_compare, thought_app):
    async def open_record(pilot):
        await pilot.press("f3")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        await pilot.press("down", "enter")  # the newest finished record
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(thought_app, terminal_size=(120, 40), run_before=open_record)
