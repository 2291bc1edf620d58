"""One picture of Look back over the demo journal, on a fixed day (pytest-textual-snapshot).

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from pilot_tools import still
from tui.screens.look_back import LookBackScreen


def opened(demo_app, theme: str | None = None):
    """Open Look back (in ``theme`` when given) and wait until it is drawn and still."""
    async def open_look_back(pilot):
        if theme is not None:
            demo_app.theme = theme
        await pilot.press("f5")

        def drawn() -> bool:
            screen = demo_app.screen
            return (isinstance(screen, LookBackScreen) and bool(screen.weeks)
                    and bool(screen.query_one("#lb-items", OptionList).border_title)
                    and demo_app.focused is screen.query_one("#lb-weeks", DataTable))

        await still(pilot, drawn)

    return open_look_back


def test_look_back_over_the_demo_journal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=opened(demo_app))


def test_look_back_in_the_light_theme(snap_compare, demo_app):
    """Look back in closer's light theme: the cursor and the charts readable."""
    from tui.themes import LIGHT

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=opened(demo_app, LIGHT))
