"""The pane registry (tui.panes.PANES): the main screen, its keys, the app's stylesheets, the
help and the palette are all built from it; and the one typed way to the App (tui.reach)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pilot_tools import until
from tui.app import CloserApp
from tui.panes import PANES
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.pane import Pane

TUI = Path(importlib.util.find_spec("tui").origin).parent


def test_each_pane_names_a_pane_class_with_a_title_and_a_stylesheet_beside_it():
    assert len({spec.id for spec in PANES}) == len({spec.key for spec in PANES}) == len(PANES)
    for spec in PANES:
        cls = spec.load()
        assert issubclass(cls, Pane) and cls.PANE_TITLE, spec
        module_file = Path(importlib.util.find_spec(spec.module).origin)
        assert (module_file.parent / spec.stylesheet).is_file(), spec
        assert (TUI / spec.css_path) == module_file.parent / spec.stylesheet


def test_the_app_loads_every_pane_stylesheet_and_the_screen_binds_every_key():
    for spec in PANES:
        assert spec.css_path in CloserApp.CSS_PATH
    bound = {b.key: b for b in MainScreen.BINDINGS}
    for spec in PANES:
        binding = bound[spec.key]
        assert binding.action == f"show_pane('{spec.id}')"
        assert (binding.id, binding.description, binding.tooltip) == (
            f"main.{spec.id}", spec.label, spec.tooltip)


async def test_the_main_screen_is_built_from_the_registry(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(app.panes()) == len(PANES))
        panes = app.panes()
        assert [p.id for p in panes] == [spec.id for spec in PANES]
        assert [p.border_subtitle for p in panes] == [spec.key for spec in PANES]
        assert [type(p) for p in panes] == [spec.load() for spec in PANES]
        names = [c.name for c in app.palette_commands()]
        for pane in panes:
            assert f"Go to {pane.PANE_TITLE}" in names
        for spec in reversed(PANES):
            await pilot.press(spec.key)
            await until(pilot, lambda spec=spec: app.focused is not None
                        and app.screen.query_one(f"#{spec.id}") in app.focused.ancestors)
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_text = str(app.screen.query_one("#help-text").render())
        for spec in PANES:
            assert spec.tooltip in " ".join(help_text.split())


async def test_widgets_and_screens_reach_the_app_and_its_journal(app, tui_journal):
    from tui.reach import Reach, closer_app

    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(app.panes()) == len(PANES))
        for pane in app.panes():
            assert isinstance(pane, Reach)
            assert pane.closer_app is app and closer_app(pane) is app
            assert pane.journal is tui_journal
        await pilot.press("f5")
        await until(pilot, lambda: type(app.screen).__name__ == "LookBackScreen")
        assert app.screen.journal is tui_journal


async def test_tab_through_a_long_form_restyles_the_fields_not_the_whole_pane(app):
    """The pane in focus is outlined; moving from field to field inside it must not restyle
    every widget of the pane (Textual's ``:focus-within`` did: about a tenth of a second of
    CPU on each Tab in the thought record's form of some 60 widgets)."""
    restyled: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.press("n")
        thought = app.screen.query_one("#thought", Pane)
        await until(pilot, lambda: thought.editing and app.focused is not None)
        widgets = len(list(thought.walk_children()))
        assert widgets > 50
        assert thought.styles.border_top[0] == "heavy"  # the pane in focus is outlined
        update_nodes = app.stylesheet.update_nodes

        def counting(nodes, animate=False):
            nodes = list(nodes)
            restyled.append(len(nodes))
            return update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = counting
        for _ in range(6):
            before = app.focused
            await pilot.press("tab")
            await until(pilot, lambda: app.focused is not before)
        assert thought in app.focused.ancestors  # still inside the same pane
        assert restyled and max(restyled) < 20, restyled
        assert thought.styles.border_top[0] == "heavy"
        await pilot.press("f2")  # the focus leaves for the loop pane: the outline follows
        loop = app.screen.query_one("#loop", Pane)
        await until(pilot, lambda: loop.styles.border_top[0] == "heavy")
        assert thought.styles.border_top[0] == "round"


async def test_a_dialog_shows_none_of_the_keys_of_the_screen_beneath(app):
    from pilot_tools import screen_text
    from tui.panes.loop.moment import MomentForm

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await until(pilot, lambda: "l Log moment" in screen_text(app).splitlines()[-1])
        await pilot.press("l")  # the loop moment form, over the main screen
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        await until(pilot, lambda: "Log moment" not in screen_text(app).splitlines()[-1])
        assert not screen_text(app).splitlines()[-1].strip()  # none of the main screen's
        await pilot.press("escape")
        await until(pilot, lambda: "l Log moment" in screen_text(app).splitlines()[-1])
