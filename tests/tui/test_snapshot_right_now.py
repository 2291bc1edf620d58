"""Pictures of the Right now flow over the demo loop on a fixed evening (pytest-textual-snapshot):
naming the pull at 120x40 and at 80x24, and a time-out with its way back at 80x24.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from textual.widgets import OptionList

from pilot_tools import still, until
from tui.screens.right_now import RightNowScreen, Strength


async def open_flow(pilot) -> RightNowScreen:
    app = pilot.app
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(app.screen, RightNowScreen)
                and isinstance(app.focused, OptionList))
    return app.screen


def test_naming_the_pull_at_120x40(snap_compare, loop_app):
    async def run(pilot):
        await open_flow(pilot)
        await still(pilot)

    assert snap_compare(loop_app, terminal_size=(120, 40), run_before=run)


def test_naming_the_pull_at_80x24(snap_compare, loop_app):
    async def run(pilot):
        screen = await open_flow(pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(pilot.app.focused, Strength))
        await pilot.press("7")
        await still(pilot, lambda: screen.query_one(Strength).value == 7)

    assert snap_compare(loop_app, terminal_size=(80, 24), run_before=run)


def test_a_time_out_with_a_way_back_at_80x24(snap_compare, loop_app):
    async def run(pilot):
        screen = await open_flow(pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(pilot.app.focused, Strength))
        await pilot.press("enter")
        await still(pilot, lambda: screen.shown == "rn-time_out")

    assert snap_compare(loop_app, terminal_size=(80, 24), run_before=run)
