"""Every screen and dialog, in both themes, drawn over the demo journal: each drawn cell's
colour against its own background meets WCAG AA (4.5:1 for text, 3:1 for borders, blocks
and other glyphs). Blank cells are skipped, and so is a border drawn in its own background
(nothing shows). A failure names the worst cells by view and widget, so a widget that
regresses is easy to find."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.cells import cell_len
from rich.style import Style
from textual.color import Color
from textual.command import CommandPalette
from textual.widget import Widget
from textual.widgets import TabbedContent

from pilot_tools import first_hit, still, type_text, until
from tui import compat
from tui.panes.loop.pane import LoopPane
from tui.panes.rituals.pane import RitualsPane
from tui.panes.thought.pane import ThoughtPane
from tui.screens.main import MainScreen
from tui.themes import DARK, LIGHT
from tui.widgets.pane import Pane
from tui.widgets.toggles import Choice, Tick

from conftest import DEMO_DAY

TEXT, GLYPH = 4.5, 3.0
"""WCAG AA: the least contrast for text, and for borders, blocks and other glyphs."""

DIM = 0.5
"""How far a terminal moves dim text towards its background (half way, like Textual's own
dim filter), so dim words are measured as they look."""


def is_glyph(char: str) -> bool:
    """Whether a character is drawn as a line or shape (3:1 is enough) rather than as text."""
    code = ord(char)
    return (0x2190 <= code <= 0x21FF or 0x2300 <= code <= 0x23FF or 0x2500 <= code <= 0x25FF
            or 0x2800 <= code <= 0x28FF or 0x1FB00 <= code <= 0x1FBFF)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def ratio(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass
class Offence:
    view: str
    widget: str
    ratio: float
    need: float
    char: str
    fg: tuple[int, int, int]
    bg: tuple[int, int, int]
    at: tuple[int, int]
    cells: int = 1

    def __str__(self) -> str:
        fg, bg = (Color(*c).hex for c in (self.fg, self.bg))
        return (f"{self.view} / {self.widget}: {self.ratio:.2f}:1 < {self.need}:1, "
                f"{self.char!r} {fg} on {bg} at {self.at} ({self.cells} cells)")


def colours(style: Style | None, fg: tuple, bg: tuple) -> tuple[tuple, tuple]:
    """The foreground and background a cell shows (reverse and dim applied)."""
    if style is not None:
        if style.color is not None and not style.color.is_default:
            fg = tuple(style.color.get_truecolor())
        if style.bgcolor is not None and not style.bgcolor.is_default:
            bg = tuple(style.bgcolor.get_truecolor())
        if style.reverse:
            fg, bg = bg, fg
        if style.dim:
            fg = tuple(round(b + (f - b) * DIM) for f, b in zip(fg, bg))
    return fg, bg


def widget_name(widget: Widget) -> str:
    return type(widget).__name__ + (f"#{widget.id}" if widget.id else "")


def offences(app, view: str) -> list[Offence]:
    """Every cell of the screen in view below its contrast, one Offence per widget (its
    worst cell, with how many cells of it fall short)."""
    screen = app.screen
    variables = app.theme_variables
    default_fg = Color.parse(variables["foreground"]).rgb
    default_bg = Color.parse(variables["background"]).rgb
    found: dict[str, Offence] = {}
    for y, strip in enumerate(compat.screen_strips(screen)):
        x = 0
        for segment in strip:
            fg, bg = colours(segment.style, default_fg, default_bg)
            for char in segment.text:
                width = cell_len(char)
                if char.isspace() or not width:
                    x += width
                    continue
                glyph = is_glyph(char)
                need = GLYPH if glyph else TEXT
                measured = ratio(fg, bg)
                if measured < need and not (glyph and fg == bg):
                    widget, _ = screen.get_widget_at(x, y)
                    if widget is not screen:  # a modal's backdrop over the screen below
                        name = widget_name(widget)
                        old = found.get(name)
                        if old is None:
                            found[name] = Offence(view, name, measured, need, char, fg, bg,
                                                  (x, y))
                        else:
                            old.cells += 1
                            if measured < old.ratio:
                                old.ratio, old.need, old.char = measured, need, char
                                old.fg, old.bg, old.at = fg, bg, (x, y)
                x += width
    return list(found.values())


def stock_toggles(app, view: str) -> list[str]:
    """Check boxes and radio buttons that are not closer's (which show state by shape)."""
    return [f"{view} / {widget_name(w)}" for w in app.screen.query("Checkbox, RadioButton")
            if not isinstance(w, (Tick, Choice))]


# -- the views ------------------------------------------------------------------------------

Step = Callable[..., Awaitable[object]]


async def back_to_main(pilot) -> None:
    """Close what the view opened: screens above the main one, a running calm timer."""
    app = pilot.app
    loop = pane(app, LoopPane)
    if loop.query_one("#loop-calm").display:
        await call(loop.action_stop_calm)
    await close_to(pilot, app.get_screen_stack_main())


async def close_to(pilot, screen) -> None:
    """Close the screens above ``screen``."""
    app = pilot.app
    while app.screen is not screen:
        if isinstance(app.screen, CommandPalette):
            await app.workers.wait_for_complete()
            await pilot.press("escape")
        else:
            app.pop_screen()
        await pilot.pause()


async def on_screen(pilot, kind: type) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await still(pilot)


async def call(method: Callable[..., object], *args: object) -> None:
    """Call an action, awaiting it when it is a coroutine."""
    result = method(*args)
    if inspect.isawaitable(result):
        await result


def pane(app, kind: type):
    return app.get_screen_stack_main().query_one(kind)


async def focus_pane(pilot, kind: type) -> None:
    app = pilot.app
    found = pane(app, kind)
    app.get_screen_stack_main().show_pane(found.id or "")
    await until(pilot, lambda: app.focused is not None and found in app.focused.ancestors)
    await still(pilot)


async def calm_timer(pilot) -> None:
    await focus_pane(pilot, LoopPane)
    loop = pane(pilot.app, LoopPane)
    await call(loop.action_calm_down)
    await until(pilot, lambda: loop.query_one("#loop-calm").display)
    await still(pilot)


async def open_from(pilot, kind: type, action: str, screen_kind: type, *args) -> None:
    await focus_pane(pilot, kind)
    await call(getattr(pane(pilot.app, kind), action), *args)
    await on_screen(pilot, screen_kind)


async def push(pilot, make: Callable[[], object]) -> None:
    screen = make()
    pilot.app.push_screen(screen)
    await on_screen(pilot, type(screen))


async def thought_form(pilot) -> None:
    await focus_pane(pilot, ThoughtPane)
    thought = pane(pilot.app, ThoughtPane)
    await call(thought.action_new)
    await until(pilot, lambda: thought.switcher.current == "thought-editor")
    await still(pilot)


async def palette(pilot) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await type_text(pilot, "look")
    await until(pilot, lambda: first_hit(app))
    await still(pilot)


async def over(pilot, action: str, kind: type) -> None:
    """Open a dialog of the screen in front (its ``action``)."""
    await call(getattr(pilot.app.screen, action))
    await on_screen(pilot, kind)


View = tuple[str, Step, list[tuple[str, Step]]]


def views() -> list[View]:
    """Each view of closer, how to bring it up from the main screen, and the views reached
    from it (its dialogs, its other tabs), each brought up over it and closed back to it:
    a screen is opened once for all its dialogs."""
    from tui.dialogs.brief import BriefDialog
    from tui.dialogs.unkept import UnkeptScreen
    from tui.dialogs.year import YearDialog
    from tui.panes.loop.map_editor import MapEditor, MapVersions
    from tui.panes.loop.moment import MomentForm
    from tui.panes.rituals.editor import RitualEditor, RitualList
    from tui.panes.rituals.check_in import CheckInScreen
    from tui.panes.rituals.ideas import BankScreen, IdeaScreen
    from tui.panes.rituals.mark import MarkScreen
    from tui.screens.help import HelpScreen
    from tui.screens.journal import JournalScreen
    from tui.screens.look_back import FilterDialog, LookBackScreen
    from tui.screens.passphrase import PassphraseScreen
    from tui.screens.small_things.love_form import LoveDayNote, LoveForm
    from tui.screens.small_things.tally_form import TallyNote
    from tui.screens.trash import ConfirmForGood, TrashScreen
    from tui.screens.write import WriteScreen

    def app_action(name: str, kind: type) -> Step:
        async def step(pilot) -> None:
            await call(getattr(pilot.app, name))
            await on_screen(pilot, kind)
        return step

    async def mark(pilot) -> None:
        rituals = pane(pilot.app, RitualsPane)
        await focus_pane(pilot, RitualsPane)
        item = rituals.current_item()
        assert item is not None, "the demo has a ritual due today"
        rituals.open_mark(item.ritual_id, rituals.selected_day, "missed")
        await on_screen(pilot, MarkScreen)

    def ritual_day(pilot, template: str):
        """The ritual made from ``template`` and the last day it was kept (the demo's)."""
        rituals = pilot.app.journal.rituals
        ritual = next(r for r in rituals.list() if r.template == template)
        logs = rituals.logs(ritual.dtstart, DEMO_DAY.date(), ritual_id=ritual.id)
        last = max(log.on_date for log in logs)
        return ritual.id, last

    async def meeting(pilot) -> None:  # with the agreements of the meeting before
        await focus_pane(pilot, RitualsPane)
        await push(pilot, lambda: MarkScreen(*ritual_day(pilot, "family_boundary_meeting")))

    async def discovery(pilot) -> None:  # with its idea menu
        await focus_pane(pilot, RitualsPane)
        await push(pilot, lambda: MarkScreen(*ritual_day(pilot, "shared_discovery")))

    async def check_in(pilot) -> None:
        await focus_pane(pilot, RitualsPane)
        await push(pilot, lambda: CheckInScreen(*ritual_day(pilot, "bigger_picture")))

    def small_things(tab: str) -> Step:
        """Small things on ``tab`` (opened, or the tab brought to the front)."""
        async def step(pilot) -> None:
            from tui.screens.small_things.screen import SmallThingsScreen

            app = pilot.app

            def in_front() -> bool:
                screen = app.screen
                if not isinstance(screen, SmallThingsScreen) or not screen.is_mounted:
                    return False
                return (screen.query_one(TabbedContent).active == tab
                        and app.focused is not None
                        and screen.tab(tab) in app.focused.ancestors)

            await call(app.action_small_things, tab)
            await until(pilot, in_front)
            await still(pilot)
        return step

    def tab_dialog(tab: str, action: str, kind: type) -> Step:
        """A dialog of the Small things tab in front."""
        async def step(pilot) -> None:
            shown = pilot.app.screen.tab(tab)
            if tab == "tally":  # a note needs a mark of today
                await call(shown.action_mark, "thanks")
            await call(getattr(shown, action))
            await on_screen(pilot, kind)
        return step

    keeper = SimpleNamespace(what="The entry you were writing",
                             error="the disk is full", text="Some words")
    return [
        ("main, The loop focused", lambda pilot: focus_pane(pilot, LoopPane), []),
        ("main, Thought record focused", lambda pilot: focus_pane(pilot, ThoughtPane), []),
        ("main, Rituals focused", lambda pilot: focus_pane(pilot, RitualsPane), []),
        ("calm timer", calm_timer, []),
        ("thought record form", thought_form, []),
        ("moment form", lambda p: open_from(p, LoopPane, "action_log_moment", MomentForm), []),
        ("map editor", lambda p: open_from(p, LoopPane, "action_edit_map", MapEditor), []),
        ("map versions", lambda p: open_from(p, LoopPane, "action_versions", MapVersions), []),
        ("ritual editor", lambda p: open_from(p, RitualsPane, "action_add", RitualEditor), []),
        ("ritual list", lambda p: open_from(p, RitualsPane, "action_manage", RitualList), []),
        ("mark", mark, []),
        ("boundary meeting mark", meeting, []),
        ("shared discovery mark", discovery, []),
        ("bigger picture check-in", check_in, []),
        ("discovery idea",
         lambda p: open_from(p, RitualsPane, "action_add_idea", IdeaScreen), []),
        ("discovery bank", lambda p: open_from(p, RitualsPane, "action_bank", BankScreen), []),
        ("Look back", app_action("action_look_back", LookBackScreen), [
            ("Look back filter", lambda p: over(p, "action_filters", FilterDialog)),
            ("year", lambda p: over(p, "action_year", YearDialog)),
            ("brief", lambda p: over(p, "action_brief", BriefDialog)),
        ]),
        ("Write", app_action("action_write", WriteScreen), []),
        ("Journal", app_action("action_journal", JournalScreen), []),
        ("Trash", app_action("action_trash", TrashScreen), []),
        ("Small things: Love list", small_things("love"), [
            ("love-list form", tab_dialog("love", "action_edit", LoveForm)),
            ("love-list day note", tab_dialog("love", "action_note", LoveDayNote)),
            ("Small things: My tally", small_things("tally")),
            ("tally note", tab_dialog("tally", "action_note", TallyNote)),
        ]),
        ("delete for good?",
         lambda p: push(p, lambda: ConfirmForGood("Delete it for good?")), []),
        ("Help", app_action("action_help", HelpScreen), []),
        ("palette", palette, []),
        ("passphrase", lambda p: push(p, lambda: PassphraseScreen(Path("journal.db"))), []),
        ("unkept",
         lambda p: push(p, lambda: UnkeptScreen([keeper])), []),  # type: ignore[list-item]
    ]


async def measure(pilot, view: str, found: list[Offence], stock: list[str]) -> None:
    """Measure the view in front in the theme it is in, then in the other (so the next
    view starts in the theme this one ended in): its cells, and its toggles."""
    app = pilot.app
    for turn in range(2):
        if turn:
            app.theme = LIGHT if app.theme == DARK else DARK
            await still(pilot)
        found += offences(app, f"{app.theme}: {view}")
    stock += stock_toggles(app, view)


@pytest.mark.parametrize("half", ["main screen and its dialogs", "screens and app dialogs"])
async def test_every_view_meets_wcag_aa_contrast_in_both_themes(pictured, half):
    """Each view is opened once and measured in one theme, then in the other (in two
    halves, so that two workers share the work); the dialogs and other tabs of a screen
    are measured over it before it is closed."""
    app = pictured(DEMO_DAY, demo=True)
    found: list[Offence] = []
    stock: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MainScreen)
                    and pane(app, RitualsPane).loaded)
        await still(pilot)
        everything = views()
        split = next(n for n, (view, *_) in enumerate(everything) if view == "Look back")
        for view, step, reached in (everything[:split] if half.startswith("main")
                                    else everything[split:]):
            await step(pilot)
            await measure(pilot, view, found, stock)
            shown = app.screen
            for name, then in reached:
                await then(pilot)
                await measure(pilot, name, found, stock)
                await close_to(pilot, shown)
            await back_to_main(pilot)
    found.sort(key=lambda o: o.ratio / o.need)
    assert not found, (f"{len(found)} widgets draw below WCAG AA contrast; the worst:\n"
                       + "\n".join(map(str, found[:40])))
    assert not stock, "use tui.widgets.toggles (state by shape): " + ", ".join(stock)


# -- focus ------------------------------------------------------------------------------------

Cell = tuple[str, tuple, tuple]


def cells(app, region) -> list[Cell]:
    """The cells the screen draws in ``region``: (character, foreground, background)."""
    variables = app.theme_variables
    default_fg = Color.parse(variables["foreground"]).rgb
    default_bg = Color.parse(variables["background"]).rgb
    out: list[Cell] = []
    strips = compat.screen_strips(app.screen)
    for y in range(region.y, region.bottom):
        for segment in strips[y].crop(region.x, region.right):
            fg, bg = colours(segment.style, default_fg, default_bg)
            out += [(char, fg, bg) for char in segment.text]
    return out


def shows_focus(focused: list[Cell], blurred: list[Cell]) -> bool:
    """Whether the focused look differs from the blurred one in a way that shows: a cell
    with another shape, or a colour that changed by 3:1 or more."""
    for (char, fg, bg), (was, old_fg, old_bg) in zip(focused, blurred):
        if char != was and (char.strip() or was.strip()):
            return True
        if ratio(bg, old_bg) >= GLYPH:
            return True
        if char.strip() and ratio(fg, old_fg) >= GLYPH and ratio(fg, bg) >= GLYPH:
            return True
    return False


def in_view(app, widget: Widget) -> bool:
    """Whether ``widget`` is scrolled into view: whole, or as much of it as its box shows."""
    box = next((a for a in widget.ancestors if isinstance(a, Widget) and a.is_scrollable),
               app.screen)
    return (app.screen.can_view_entire(widget)
            or widget.outer_size.height >= box.scrollable_content_region.height)


async def focus_on(pilot, widget: Widget | None) -> None:
    app = pilot.app
    app.screen.set_focus(widget)
    await until(pilot, lambda: app.focused is widget
                and (widget is None or in_view(app, widget)))
    await still(pilot)


async def hidden_focus(pilot, view: str) -> list[str]:
    """Each widget of the screen in view that can take the focus, and does not show it."""
    app = pilot.app
    out: list[str] = []
    for widget in list(app.screen.focus_chain):
        box = widget
        pane_of = next((a for a in widget.ancestors if isinstance(a, Pane)), None)
        if pane_of is not None and not widget.styles.border.top[0]:
            box = pane_of  # a borderless list or field in a pane: the pane's edge shows it
        await focus_on(pilot, widget)  # (scrolls it into view)
        region = box.region.intersection(app.screen.region)
        if not region.area:
            continue
        focused = cells(app, region)
        await focus_on(pilot, None)
        if not shows_focus(focused, cells(app, region)):
            out.append(f"{app.theme}: {view} / {widget_name(widget)}")
    return out


@pytest.mark.parametrize("theme", [DARK, LIGHT])
async def test_the_focused_widget_shows_it_on_every_screen(pictured, theme):
    from tui.panes.loop.moment import MomentForm
    from tui.screens.look_back import LookBackScreen
    from tui.screens.write import WriteScreen

    app = pictured(DEMO_DAY, demo=True)
    app.theme = theme  # it opens in it, as when it is the theme saved
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == theme
        await until(pilot, lambda: isinstance(app.screen, MainScreen)
                    and pane(app, RitualsPane).loaded)
        await still(pilot)
        hidden = await hidden_focus(pilot, "main")
        for view, step in [
            ("moment form", lambda p: open_from(p, LoopPane, "action_log_moment", MomentForm)),
            ("Look back", lambda p: call(p.app.action_look_back)),
            ("Write", lambda p: call(p.app.action_write)),
        ]:
            await step(pilot)
            await on_screen(pilot, {"moment form": MomentForm, "Look back": LookBackScreen,
                                    "Write": WriteScreen}[view])
            hidden += await hidden_focus(pilot, view)
            await back_to_main(pilot)
    assert not hidden, "the focus does not show on: " + ", ".join(hidden)


# -- the saved theme ----------------------------------------------------------------------

@pytest.mark.parametrize(("saved", "shown"), [("textual-light", LIGHT), ("textual-dark", DARK),
                                              (LIGHT, LIGHT), ("nord", DARK), (None, DARK)])
async def test_a_theme_saved_by_an_older_closer_opens_as_closers_own(tui_journal, saved, shown):
    from tui.app import create_app

    if saved is not None:
        tui_journal.set_setting("theme", saved)
    app = create_app(tui_journal)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.theme == shown
        assert set(app.available_themes) == {DARK, LIGHT}  # the palette offers only these
        await pilot.press("ctrl+t")
        await until(pilot, lambda: tui_journal.get_setting("theme") == (
            DARK if shown == LIGHT else LIGHT))
