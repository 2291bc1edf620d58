"""The app shell: panes, tabs, maximise, help, palette, themes, quitting."""

from __future__ import annotations

from textual.widgets import Tabs

from pilot_tools import first_hit, paste, screen_text, until
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen

TITLES = ["The loop", "Thought record", "Rituals"]


async def test_three_titled_panes_side_by_side_at_120x40(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panes = app.panes()
        assert [str(p.border_title) for p in panes] == TITLES
        assert all(p.display for p in panes)
        assert not [tabs for tabs in app.screen.query(Tabs) if tabs.display]
        xs = [p.region.x for p in panes]
        assert xs == sorted(xs) and len(set(xs)) == 3
        assert all(p.region.width >= 30 and p.region.height >= 30 for p in panes)


async def test_narrow_terminal_shows_tabs_with_the_same_labels(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tabs = app.screen.query_one(Tabs)
        assert tabs.display
        assert [str(t.label) for t in tabs.query("Tab")] == TITLES
        assert [p.id for p in app.panes() if p.display] == ["loop"]

        await pilot.press("f3")
        await pilot.pause()
        assert [p.id for p in app.panes() if p.display] == ["thought"]
        assert tabs.active == "tab-thought"

        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert all(p.display for p in app.panes())
        assert not tabs.display


async def test_clicking_a_tab_shows_its_pane(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#tab-rituals")
        await pilot.pause()
        assert [p.id for p in app.panes() if p.display] == ["rituals"]


async def test_maximise_and_restore_a_pane(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        screen = app.screen
        assert screen.maximized is not None and screen.maximized.id == "rituals"
        assert screen.maximized.region.width == 120
        await pilot.press("f11")
        await pilot.pause()
        assert screen.maximized is None
        assert all(p.region.width < 60 for p in app.panes())


async def test_help_lists_every_key_and_says_it_is_not_therapy(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for key in ("ctrl+q", "f1", "f2", "f3", "f4", "f11", "ctrl+t", "ctrl+p"):
            assert key in text.lower(), key
        assert "not therapy" in text.lower()
        assert "couples therap" in text.lower()
        assert "emergency" in text.lower()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_every_binding_has_an_id_and_a_tooltip(app):
    from textual.binding import Binding

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        nodes = [app, app.screen, *app.screen.walk_children()]
        ours = {cls for node in nodes for cls in type(node).__mro__
                if cls.__module__.startswith("tui.")}
        checked = 0
        for cls in ours:
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    assert binding.id, (cls.__name__, binding.key)
                    assert binding.tooltip, (cls.__name__, binding.key)
                    checked += 1
                else:  # a tuple binding has neither
                    raise AssertionError(f"{cls.__name__}: {binding!r} is not a Binding")
        assert checked >= 7


async def test_palette_offers_closer_commands(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        names = [c.name for c in app.palette_commands()]
        assert "Go to Rituals" in names
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to rituals")
        await until(pilot, lambda: "Go to Rituals" in first_hit(app))  # hits arrive as found
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.active == "rituals"


async def test_the_palette_reaches_every_view_and_none_of_textuals_own_commands(
        app, tui_journal):
    from textual.app import App
    from textual.command import CommandPalette

    from tui.screens.journal import JournalScreen
    from tui.screens.trash import TrashScreen

    tui_journal.entries.add("a note to delete")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for typed, screen in (("journal", JournalScreen), ("trash", TrashScreen)):
            await pilot.press("ctrl+p")
            await until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await paste(pilot, typed)
            await until(pilot, lambda: first_hit(app).lower().startswith(typed))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, screen))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await paste(pilot, "undo")
        await until(pilot, lambda: first_hit(app).startswith("Undo the last delete"))
        await pilot.press("enter")  # nothing deleted just now: it says so
        await until(pilot, lambda: any("Nothing was deleted just now" in str(toast.message)
                                       for toast in app._notifications))
        await pilot.press("ctrl+p")  # Textual's own commands are not offered
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await paste(pilot, "screenshot")
        await until(pilot, lambda: "No matches found" in screen_text(app))
        assert App.COMMANDS.isdisjoint(type(app).COMMANDS)
        assert "Quit closer" in [c.name for c in app.palette_commands()]


async def test_theme_toggles_and_is_remembered_in_the_journal(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = app.current_theme.dark
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.current_theme.dark is not before
        saved = tui_journal.get_setting("theme")
        assert saved == app.theme

    from tui.app import create_app

    again = create_app(tui_journal)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == saved


async def test_ctrl_q_quits(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert not app.is_running


async def test_demo_subtitle_says_nothing_is_kept(tui_journal):
    from tui.app import create_app

    app = create_app(tui_journal, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "demo" in app.sub_title and "not" in app.sub_title


async def test_a_long_journal_opens_with_every_pane_at_its_top(app, tui_journal):
    # Enough moments that the loop pane is taller than the screen. The first focus must not
    # scroll it (Textual would glide to the focused widget, then the pane would jump back).
    for n in range(40):
        tui_journal.loop.log(my_move=f"I asked again ({n})", intensity=5)
    moved: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        loop = app.screen.query_one("#loop")
        loop.watch(loop, "scroll_y", lambda y: y and moved.append(y), init=False)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert loop.max_scroll_y > 0  # the pane does need scrolling
        assert app.focused is not None and loop in app.focused.ancestors
        assert [p.scroll_y for p in app.panes()] == [0, 0, 0]
        assert moved == []
