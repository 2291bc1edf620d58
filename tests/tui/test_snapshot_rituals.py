"""One picture of the Rituals month view over the demo rituals, on a fixed day
(pytest-textual-snapshot). The pane is maximised so the picture shows this pane alone.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage import Journal, dates
from storage.demo import rituals as demo_rituals
from tui.app import create_app

FROZEN = datetime(2025, 3, 12, 20, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def rituals_app(tmp_path, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    with journal.transaction():
        demo_rituals.fill(journal, FROZEN.date())
    yield create_app(journal)
    journal.close()


def test_the_month_view_of_the_demo_rituals(snap_compare, rituals_app):
    async def open_rituals(pilot):
        await pilot.press("f4")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()  # the pane reads in a thread worker
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        await pilot.press("left")  # yesterday: a download with a good and a hard thing
        await pilot.pause()

    assert snap_compare(rituals_app, terminal_size=(120, 40), run_before=open_rituals)
