"""Pictures of the loop pane over the demo loop on a fixed day (pytest-textual-snapshot): the
square diagram with the person's words, the four-week count on the cycle, the most common
exits and the weeks, at 120x40 (the pane maximised, so the picture shows this pane alone)
and at 80x24 (the panes as tabs).

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from textual.widgets import Tabs

from pilot_tools import still, until
from tui.panes.loop.pane import LoopPane


def focus_in(app, pane) -> bool:
    return app.focused is not None and pane in app.focused.ancestors


def test_the_loop_pane_maximised_at_120x40(snap_compare, loop_app):
    async def open_loop(pilot):
        await pilot.press("f2")
        pane = loop_app.screen.query_one(LoopPane)
        await until(pilot, lambda: focus_in(loop_app, pane))
        await pilot.press("f11")
        await still(pilot, lambda: loop_app.screen.maximized is pane and focus_in(loop_app, pane))

    assert snap_compare(loop_app, terminal_size=(120, 40), run_before=open_loop)


def test_the_loop_pane_as_a_tab_at_80x24(snap_compare, loop_app):
    async def open_loop(pilot):
        await pilot.press("f2")
        pane = loop_app.screen.query_one(LoopPane)
        await still(pilot, lambda: focus_in(loop_app, pane) and pane.display
                    and loop_app.screen.query_one(Tabs).active == "tab-loop")

    assert snap_compare(loop_app, terminal_size=(80, 24), run_before=open_loop)
