"""One picture of the Write view over the demo journal, on a fixed day, with a paragraph
typed in (markup in it shown as typed). pytest-textual-snapshot.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input, TextArea

from storage import Journal, dates
from storage.demo import fill
from tui.app import create_app

FROZEN = datetime(2027, 1, 20, 21, 15).astimezone()
TYPED = ("We did the five-minute download tonight. [b]Phones away[/b], one good thing and "
         "one hard thing each. I listened instead of fixing it.")


@pytest.fixture
def demo_app(tmp_path, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    fill(journal, FROZEN.date())
    yield create_app(journal, demo=True)
    journal.close()


def test_write_with_a_paragraph_typed(snap_compare, demo_app):
    async def write(pilot):
        await pilot.press("f6")
        await pilot.pause()
        await demo_app.workers.wait_for_complete()
        area = demo_app.screen.query_one(TextArea)
        area.focus()
        await pilot.pause()
        await pilot.press(*TYPED)
        for widget in demo_app.screen.query("TextArea, Input"):
            if isinstance(widget, (TextArea, Input)):
                widget.cursor_blink = False
        await demo_app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=write)
