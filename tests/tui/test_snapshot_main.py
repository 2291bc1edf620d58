"""The main screen over the demo journal on a fixed day: the picture in the README."""

from __future__ import annotations

from pilot_tools import still
from tui.panes import PANES
from tui.screens.main import MainScreen


def test_main_screen_demo(snap_compare, demo_app):
    async def settle(pilot):
        def drawn() -> bool:
            if not isinstance(demo_app.screen, MainScreen):
                return False
            panes = demo_app.panes()
            return (len(panes) == len(PANES) and all(p.border_subtitle for p in panes)
                    and panes[-1].loaded and demo_app.focused is not None)

        await still(pilot, drawn)

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=settle)
