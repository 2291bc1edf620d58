"""The main screen over the demo journal on a fixed day: the picture in the README."""

from __future__ import annotations

from pilot_tools import still
from tui.panes import PANES
from tui.screens.main import MainScreen


def settled(app):
    """Wait until every pane of the main screen is drawn and nothing moves any more."""
    async def settle(pilot):
        def drawn() -> bool:
            if not isinstance(app.screen, MainScreen):
                return False
            panes = app.panes()
            return (len(panes) == len(PANES) and all(p.border_subtitle for p in panes)
                    and panes[-1].loaded and app.focused is not None)

        await still(pilot, drawn)

    return settle


def test_main_screen_demo(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=settled(demo_app))


def test_main_screen_withdrawer_demo(snap_compare, withdrawer_app):
    """The one who steps back sees their own side: their map, their moments, their notes."""
    assert snap_compare(withdrawer_app, terminal_size=(120, 40),
                        run_before=settled(withdrawer_app))


def test_main_screen_demo_in_the_light_theme(snap_compare, demo_app):
    """The same screen in closer's light theme: every edge, title and mark readable."""
    from tui.themes import LIGHT

    settle = settled(demo_app)

    async def in_light(pilot):
        demo_app.theme = LIGHT
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=in_light)
