"""Every screen and dialog at 80x24, the smallest terminal closer is made for, over the whole
demo journal on a fixed day (pytest-textual-snapshot): the main screen with each pane as a
tab, Look back, Write, the Journal, the Trash, help and the dialogs.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from pilot_tools import still, until
from tui.panes.rituals.pane import RitualsPane
from tui.screens.main import MainScreen

SCREENS = {
    "main_loop": ["f2"],
    "main_thought": ["f3"],
    "main_rituals": ["f4"],
    "look_back": ["f5"],
    "write": ["f6"],
    "journal": ["f7"],
    "trash": ["f8"],
    "help": ["f1"],
    "loop_moment": ["l"],
    "loop_map": ["e"],
    "loop_versions": ["v"],
    "thought_form": ["f3", "n"],
    "ritual_mark": ["f4", "d"],
    "ritual_editor": ["f4", "a"],
    "ritual_list": ["f4", "r"],
    "look_back_filter": ["f5", "f"],
    "look_back_year": ["f5", "y"],
    "look_back_brief": ["f5", "b"],
}
"""What to press from the main screen to bring each one up."""


@pytest.mark.parametrize("keys", SCREENS.values(), ids=SCREENS.keys())
def test_each_screen_at_80x24(snap_compare, demo_app, keys):
    app = demo_app

    async def open_it(pilot):
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.focused
                    is not None and app.screen.query_one(RitualsPane).loaded)
        for key in keys:
            screen = app.screen
            await pilot.press(key)
            if key not in ("f2", "f3", "f4", "n"):
                await until(pilot, lambda screen=screen: app.screen is not screen)
        if keys[-1] == "b":  # the brief offers a file beside the journal: a temporary path
            app.screen.query_one("#brief-file", Input).value = "brief-2027-01-20.md"

        def drawn() -> bool:
            screen = app.screen
            if any(table.loading for table in screen.query(DataTable)):
                return False
            summary = screen.query("#lb-summary")
            return not summary or bool(str(summary.first().render()).strip())

        await still(pilot, drawn)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)
