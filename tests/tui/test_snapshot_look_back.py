"""One picture of Look back over the demo journal, on a fixed day (pytest-textual-snapshot).

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from pilot_tools import still
from tui.screens.look_back import LookBackScreen


def test_look_back_over_the_demo_journal(snap_compare, demo_app):
    async def open_look_back(pilot):
        await pilot.press("f5")

        def drawn() -> bool:
            screen = demo_app.screen
            return (isinstance(screen, LookBackScreen) and bool(screen.weeks)
                    and bool(screen.query_one("#lb-items", OptionList).border_title)
                    and demo_app.focused is screen.query_one("#lb-weeks", DataTable))

        await still(pilot, drawn)

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=open_look_back)
