"""The canary for tui/compat.py: each private Textual part closer leans on is still there and
still behaves as closer uses it. A Textual upgrade that changes one fails here, by name,
instead of somewhere in the app."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static, TextArea

from pilot_tools import until
from tui import compat


def test_textual_is_the_release_compat_was_checked_with():
    assert version("textual") == compat.CHECKED_WITH, (
        "Textual is not the release tui/compat.py was checked with: check each helper there "
        "(this file says what each must do), then change compat.CHECKED_WITH"
    )


class Base(Screen):
    BINDINGS = [Binding("f7", "one", "One", id="t.one")]


class Child(Base):
    BINDINGS = [Binding("f8", "two", "Two", id="t.two")]


def test_merged_bindings_holds_a_class_and_its_bases():
    merged = compat.merged_bindings(Child())
    assert isinstance(merged, BindingsMap)
    assert {b.id for key in ("f7", "f8") for b in merged.key_to_bindings[key]} == {"t.one",
                                                                                   "t.two"}


class FooterApp(App):
    BINDINGS = [Binding("f9", "bell", "Ring", id="t.ring", tooltip="Ring the bell.")]

    def compose(self) -> ComposeResult:
        yield Button("first")
        yield compat.QuietFooter()


def test_the_footer_still_waits_for_its_signal_and_flag():
    # QuietFooter answers the signal Footer subscribes on mount, and sets the flag Footer's
    # compose waits for.
    assert "bindings_changed" in inspect.getsource(Footer.on_mount)
    assert "_bindings_ready" in inspect.getsource(Footer.compose)
    assert list(inspect.signature(Footer.bindings_changed).parameters) == ["self", "screen"]


async def test_the_quiet_footer_shows_the_keys_after_one_rebuild(monkeypatch):
    rebuilds: list[int] = []
    real = compat.QuietFooter.recompose

    async def counted(self):
        rebuilds.append(1)
        await real(self)

    monkeypatch.setattr(compat.QuietFooter, "recompose", counted)
    app = FooterApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await until(pilot, lambda: "Ring" in compat.screen_text(app.screen))
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert "f9" in compat.screen_text(app.screen)
        assert len(rebuilds) == 1
        node, binding, enabled, tooltip = next(
            value for value in app.screen.active_bindings.values() if value[1].key == "f9")
        assert (binding.id, enabled, tooltip) == ("t.ring", True, "Ring the bell.")


def test_set_focus_takes_the_three_parameters_still_screen_passes():
    assert list(inspect.signature(Screen.set_focus).parameters) == [
        "self", "widget", "scroll_visible", "from_app_focus"]


class Recording(compat.StillScreen):
    AUTO_FOCUS = "Button"

    def __init__(self, calls: list) -> None:
        super().__init__()
        self.calls = calls

    def compose(self) -> ComposeResult:
        yield Button("first", id="first")

    def set_focus(self, widget, scroll_visible=True, from_app_focus=False) -> None:
        self.calls.append((widget, scroll_visible, self.is_mounted))
        super().set_focus(widget, scroll_visible, from_app_focus)


async def test_auto_focus_goes_through_set_focus_before_the_screen_is_mounted():
    calls: list = []

    class FocusApp(App):
        def on_mount(self) -> None:
            self.push_screen(Recording(calls))

    app = FocusApp()
    async with app.run_test(size=(40, 8)) as pilot:
        await until(pilot, lambda: app.focused is not None)
        assert app.focused.id == "first"
        first = [mounted for widget, _scroll, mounted in calls if widget is app.focused][0]
        assert first is False  # so StillScreen's "not yet mounted: do not scroll" applies


class TextApp(App):
    def compose(self) -> ComposeResult:
        yield Static("[b]not markup[/b] here", markup=False)
        yield Input(id="typed")


async def test_the_screen_reads_back_as_text():
    app = TextApp()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        strips = compat.screen_strips(app.screen)
        assert len(strips) == 8
        assert "[b]not markup[/b] here" in compat.screen_text(app.screen).splitlines()[0]


async def test_text_fed_to_the_driver_reaches_the_focused_input():
    app = TextApp()
    async with app.run_test(size=(40, 8)) as pilot:
        app.query_one("#typed", Input).focus()
        await until(pilot, lambda: app.focused is app.query_one("#typed", Input))
        compat.feed_terminal(app, "caf\u00e9 ok")
        await until(pilot, lambda: app.query_one("#typed", Input).value == "caf\u00e9 ok")


def test_the_linux_driver_still_makes_its_decoder_by_that_name():
    linux_driver = pytest.importorskip("textual.drivers.linux_driver")
    assert "getincrementaldecoder(" in inspect.getsource(linux_driver.LinuxDriver)
    stock = compat.keyboard_decoder()
    assert callable(stock)

    def marker(encoding):
        return stock(encoding)

    try:
        assert compat.set_keyboard_decoder(marker)
        assert compat.keyboard_decoder() is marker
        assert linux_driver.getincrementaldecoder is marker
    finally:
        compat.set_keyboard_decoder(stock)


def test_app_display_still_takes_each_frame_for_the_benchmark():
    assert list(inspect.signature(App._display).parameters) == ["self", "screen", "renderable"]


def test_the_cursor_blink_the_benchmark_turns_off_is_still_a_default_of_both_fields():
    for field in (Input, TextArea):
        assert field.cursor_blink._default is True


class Styled(compat.StillScreen):
    def __init__(self, restyles: list) -> None:
        self.restyles = restyles
        super().__init__()
        self.wide_at_compose: bool | None = None

    def compose(self) -> ComposeResult:
        self.wide_at_compose = self.has_class("-wide")
        yield Static("one")
        yield Button("two")

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_mounted:
            self.restyles.append(animate)
        super().update_node_styles(animate)


async def test_a_still_screen_opens_wide_and_styled_once_and_later_resumes_restyle():
    restyles: list = []

    class BreakApp(App):
        HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

        def on_mount(self) -> None:
            self.push_screen(Styled(restyles))

    app = BreakApp()
    async with app.run_test(size=(120, 20)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Styled) and app.screen.is_mounted)
        await pilot.pause()
        screen = app.screen
        assert screen.wide_at_compose is True and screen.has_class("-wide")
        assert restyles == []  # neither its resume nor its first resize restyled it all
        screen.post_message(events.ScreenResume())  # as when a see-through dialog closes
        await until(pilot, lambda: restyles)
        await pilot.resize_terminal(80, 20)
        await until(pilot, lambda: screen.has_class("-narrow"))


class AreaApp(App):
    def compose(self) -> ComposeResult:
        yield TextArea("abc", id="area")


async def test_a_cursor_that_stops_blinking_is_drawn_even_if_it_had_blinked_off():
    app = AreaApp()
    async with app.run_test(size=(30, 5)) as pilot:
        area = app.query_one("#area", TextArea)
        area.focus()
        await until(pilot, lambda: area.has_focus)
        area._cursor_visible = False  # the blink's off half (Textual's own flag)
        await pilot.pause()
        blinked_off = area.render_line(0)
        compat.stop_blinking(area)
        await pilot.pause()
        assert area.render_line(0) != blinked_off  # the cursor is drawn again


async def test_notifications_reads_the_toasts_shown():
    app = TextApp()
    async with app.run_test(size=(40, 8)) as pilot:
        app.notify("[b]kept[/b] as typed", markup=False)
        await until(pilot, lambda: compat.notifications(app) == ["[b]kept[/b] as typed"])


class PickApp(App):
    def compose(self) -> ComposeResult:
        from textual.widgets import SelectionList

        yield SelectionList(("one", 1, True), ("two", 2))


async def test_a_selection_list_line_still_starts_with_its_box():
    app = PickApp()
    async with app.run_test() as pilot:
        from textual.widgets import SelectionList

        await pilot.pause()
        picks = app.query_one(SelectionList)
        line = picks.render_line(0)
        assert [seg.text for seg in list(line)[:3]] == ["▐", "X", "▌"]
        marked = compat.selection_mark(line, "✓")
        assert marked.text.startswith("▐✓▌ one")
        assert marked.cell_length == line.cell_length
        assert compat.selection_mark(marked, "✓") is marked  # no box: nothing changes
class RadioApp(App):
    def compose(self) -> ComposeResult:
        from textual.widgets import RadioButton, RadioSet

        with RadioSet(id="row"):
            yield RadioButton("one")
            yield RadioButton("two")


async def test_a_radio_set_highlights_through_selected():
    from textual.widgets import RadioSet

    app = RadioApp()
    async with app.run_test(size=(40, 8)) as pilot:
        row = app.query_one("#row", RadioSet)
        await until(pilot, lambda: compat.radio_highlight(row) == 0)  # Textual's first one
        compat.set_radio_highlight(row, None)
        await until(pilot, lambda: not row.query(".-selected"))
        compat.set_radio_highlight(row, 1)
        await until(pilot, lambda: list(row.query(".-selected")) == [row.children[1]])


@pytest.mark.parametrize("saved", ["closer-dark", "closer-light"])
async def test_the_app_opens_in_its_saved_theme_reading_its_stylesheets_once(
        tui_journal, monkeypatch, saved):
    """open_in_theme: the saved theme's classes and colours from the first frame, and no
    second reading of every stylesheet at start (setting App.theme queued one); changing
    the theme later still reads them again in the new colours."""
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    from tui.app import create_app

    reread: list[str] = []
    reparse = Stylesheet.reparse

    def counted(self):
        reread.append("reparse")
        return reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    tui_journal.set_setting("theme", saved)
    app = create_app(tui_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        theme = app.current_theme
        assert app.theme == saved and app.has_class(f"-theme-{saved}")
        assert app.has_class("-dark-mode") == theme.dark != app.has_class("-light-mode")
        assert app.screen.styles.background == Color.parse(theme.background)
        assert reread == []
        app.action_toggle_theme()
        await until(pilot, lambda: app.screen.styles.background
                    == Color.parse(app.current_theme.background) and app.theme != saved)
        assert reread


@pytest.mark.parametrize("width, compact", [(120, False), (80, True)])
async def test_the_footer_makes_its_keys_as_it_is_not_restyled_again(app, monkeypatch, width,
                                                                     compact):
    """QuietFooter.compose: each key is born compact or not as the footer is, so no key
    changes its class once mounted (each change restyled it: twice a key, on every rebuild,
    at 100 columns and more); the palette's key stays as Textual draws it."""
    from textual.widgets._footer import FooterKey

    restyled: list[str] = []
    update = FooterKey.update_node_styles

    def counted(self, animate=True):
        if not self.has_class("-command-palette"):
            restyled.append(self.key)
        return update(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    async with app.run_test(size=(width, 24)) as pilot:
        footer = app.screen.query_one(compat.QuietFooter)
        await until(pilot, lambda: footer.children and not footer.rebuild_waiting)
        keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
        assert keys and all(k.has_class("-compact") == compact for k in keys)
        assert footer.has_class("-compact") == compact
        assert restyled == []


class _FieldOne(Input):
    BINDINGS = [Binding("ctrl+a", "one", "One")]


class _FieldTwo(Input):
    BINDINGS = [Binding("ctrl+b", "two", "Second")]


class _TwoFields(App):
    def compose(self) -> ComposeResult:
        yield _FieldOne(id="one")
        yield _FieldTwo(id="two")
        yield compat.QuietFooter()


async def test_a_focus_move_that_changes_the_keys_relabels_the_footer_in_place():
    """QuietFooter._relabel: as many keys as before show the new bindings on the keys
    already mounted (making the row again cost most of a focus move in a form); their
    words, actions and widths follow."""
    from textual.widgets._footer import FooterKey

    app = _TwoFields()
    async with app.run_test(size=(100, 10)) as pilot:
        footer = app.query_one(compat.QuietFooter)

        def words() -> list[str]:
            return [k.description for k in footer.query(FooterKey)
                    if not k.has_class("-command-palette")]

        await until(pilot, lambda: "One" in words() and not footer.rebuild_waiting)
        keys = list(footer.children)
        app.query_one("#two").focus()
        await until(pilot, lambda: "Second" in words() and not footer.rebuild_waiting)
        assert "One" not in words()
        assert list(footer.children) == keys  # the same widgets, relabelled
        second = next(k for k in keys if getattr(k, "description", "") == "Second")
        assert (second.key, second.action) == ("ctrl+b", "two")
        await until(pilot, lambda: "Second" in compat.screen_text(app.screen))
