"""One picture of the Rituals month view over the demo rituals, on a fixed day
(pytest-textual-snapshot). The pane is maximised so the picture shows this pane alone.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import timedelta

from conftest import PANES_DAY
from pilot_tools import still, until
from tui.panes.rituals.pane import RitualsPane

YESTERDAY = PANES_DAY.date() - timedelta(days=1)
"""A download with a good and a hard thing."""


def test_the_month_view_of_the_demo_rituals(snap_compare, rituals_app):
    async def open_rituals(pilot):
        await pilot.press("f4")
        pane = rituals_app.screen.query_one(RitualsPane)
        await until(pilot, lambda: pane.loaded and rituals_app.focused is not None
                    and pane in rituals_app.focused.ancestors)
        await pilot.press("f11")
        await until(pilot, lambda: rituals_app.screen.maximized is pane)
        await pilot.press("left")
        await still(pilot, lambda: pane.selected_day == YESTERDAY)

    assert snap_compare(rituals_app, terminal_size=(120, 40), run_before=open_rituals)
