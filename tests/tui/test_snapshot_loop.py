"""Pictures of the loop pane over the demo loop on a fixed day (pytest-textual-snapshot): the
square diagram with the person's words, the four-week count on the cycle, the most common
exits and the weeks, at 120x40 (the pane maximised, so the picture shows this pane alone)
and at 80x24 (the panes as tabs).

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage import Journal, dates
from storage.demo import loop as demo_loop
from tui.app import create_app

FROZEN = datetime(2025, 3, 12, 20, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def loop_app(tmp_path, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    with journal.transaction():
        demo_loop.fill(journal, FROZEN.date())
    yield create_app(journal)
    journal.close()


def test_the_loop_pane_maximised_at_120x40(snap_compare, loop_app):
    async def open_loop(pilot):
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()

    assert snap_compare(loop_app, terminal_size=(120, 40), run_before=open_loop)


def test_the_loop_pane_as_a_tab_at_80x24(snap_compare, loop_app):
    async def open_loop(pilot):
        await pilot.press("f2")
        await pilot.pause()

    assert snap_compare(loop_app, terminal_size=(80, 24), run_before=open_loop)
