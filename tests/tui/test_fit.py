"""Nothing cut off, everything in reach by keyboard: at 80x24, 120x40 and 200x60, and after
resizing between them, over the whole demo journal (Pilot, reading what the screen shows)."""

from __future__ import annotations

import pytest
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from storage.weeks import week_words
from conftest import DEMO_DAY
from pilot_tools import screen_text, still, until
from shared_app import pictured, shared_app_fixture
from tui.compat import QuietFooter
from tui.panes.loop.calm import CalmTimer
from tui.panes.loop.pane import LoopPane
from tui.panes.rituals.calendar import RitualCalendar
from tui.panes.rituals.pane import RitualsPane
from tui.panes.thought.pane import ThoughtPane
from tui.screens.look_back import LookBackScreen
from tui.screens.main import MainScreen
from tui.widgets.fit import FittedLabel, ScrollingBox, fitting

SIZES = [(80, 24), (120, 40), (200, 60)]


def words(text: str) -> str:
    return " ".join(text.split())


def shown_in(app, widget: Widget) -> str:
    """The text the screen shows inside ``widget``'s region (its lines joined)."""
    lines = screen_text(app).splitlines()
    region = widget.region
    return "\n".join(line[region.x:region.right] for line in lines[region.y:region.bottom])


def footer(app) -> QuietFooter:
    return app.screen.query_one(QuietFooter)


def main_ready(app) -> bool:
    return (isinstance(app.screen, MainScreen) and app.focused is not None
            and app.screen.query_one(RitualsPane).loaded
            and not footer(app).rebuild_waiting and bool(footer(app).children))


demo_at_80x24 = shared_app_fixture(pictured(DEMO_DAY, demo=True), (80, 24), main_ready,
                                   clock=DEMO_DAY)
"""The demo journal's app at 80x24, for the cases below that each start it and look
(shared_app: each case gets it as a new app shows it, or a new app)."""
SHARED = pytest.mark.asyncio(loop_scope="module")
"""A case run in the module's event loop, where the shared app runs."""


async def resized(pilot, width: int, height: int) -> None:
    await pilot.resize_terminal(width, height)
    app = pilot.app
    await until(pilot, lambda: app.size == (width, height) and app.screen.size.width == width
                and not footer(app).rebuild_waiting)
    await pilot.pause()


def footer_drawn(app) -> bool:
    """The footer's keys are built and the last line shows each of them (a rebuilt row is
    drawn a frame after its keys are mounted)."""
    bar = footer(app)
    if bar.rebuild_waiting or not bar.children:
        return False
    last = screen_text(app).splitlines()[-1]
    return all(f"{key.key_display} {key.description}" in last
               for key in bar.children if key.display)


async def assert_the_footer_fits(pilot) -> None:
    """Each key the footer shows is there whole on the last line, help among them, and
    the keys together fit the width (once the footer has been drawn, or has had the time
    any wait has to be)."""
    app = pilot.app
    try:
        await until(pilot, lambda: footer_drawn(app))
    except AssertionError:
        pass  # the assertions below say what is missing
    bar = footer(app)
    last = screen_text(app).splitlines()[-1]
    shown = [key for key in bar.children if key.display]
    assert "f1" in bar.shown_keys
    assert sum(bar._key_width(key) for key in shown) <= app.size.width
    for key in shown:
        assert f"{key.key_display} {key.description}" in last, (key.key_display, last)


def assert_the_calendar_is_whole(app) -> None:
    """Every line the calendar draws (six weeks and the legend) is on screen in full."""
    calendar = app.screen.query_one(RitualCalendar)
    assert calendar.region.height == calendar.line_count()
    assert app.screen.can_view_entire(calendar)
    seen = shown_in(app, calendar).splitlines()
    drawn = calendar.render().plain.splitlines()
    assert len(seen) == len(drawn) == calendar.line_count()
    for on_screen, line in zip(seen, drawn):
        assert on_screen.rstrip() == line.rstrip()


def assert_the_calm_title_has_the_countdown(app) -> None:
    calm = app.screen.query_one(CalmTimer)
    title = Content.from_markup(str(calm.border_title)).plain
    assert "left" in title and not title.endswith("…")
    top = shown_in(app, calm).splitlines()[0]
    assert title in top, (title, top)


async def test_the_resize_80x24_200x60_120x40_keeps_everything_whole(demo_app):
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: main_ready(app))
        await pilot.press("c")  # the calm timer's title must keep its countdown
        await pilot.press("f4")
        await until(pilot, lambda: app.screen.query_one(RitualsPane).display)
        await pilot.pause()
        assert_the_calendar_is_whole(app)
        await assert_the_footer_fits(pilot)
        # narrow: the footer gives way (whole keys only) and keeps help
        assert len(footer(app).shown_keys) < len(footer(app).children)
        for width, height in [(200, 60), (120, 40)]:
            await resized(pilot, width, height)
            await until(pilot, lambda: app.screen.query_one(RitualCalendar).region.height
                        == app.screen.query_one(RitualCalendar).line_count())
            assert_the_calendar_is_whole(app)
            await assert_the_footer_fits(pilot)
            assert_the_calm_title_has_the_countdown(app)
            titles = [str(pane.border_title) for pane in app.panes()]
            assert titles == ["The loop", "Thought record", "Rituals"]
            for pane in app.panes():
                top = shown_in(app, pane).splitlines()[0]  # round, or heavy when focused
                assert any(f"{line} {pane.border_title} {line}" in top for line in "─━"), top
        # 120x40 shows the names of the timer and every key of the loop pane's footer
        await pilot.press("f2")
        await until(pilot, lambda: "l" in footer(app).shown_keys)
        await assert_the_footer_fits(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: "x".join(map(str, s)))
async def test_the_loop_pane_is_read_to_its_end_by_keyboard(demo_app, size):
    app = demo_app
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: main_ready(app))
        await pilot.press("f2")
        pane = app.screen.query_one(LoopPane)
        await until(pilot, lambda: app.focused is pane.diagram and pane.display)
        if not pane.max_scroll_y:
            return  # it fits whole at this size
        detail = pane.query_one("#loop-detail", Static)
        assert not app.screen.can_view_entire(detail)
        # Still first: the pane keeps its focus in view once more after the app starts (a
        # refresh later), and that would undo a line scrolled before it (1 run in 3 failed).
        await still(pilot)
        before = pane.scroll_y
        await pilot.press("down")
        await until(pilot, lambda: pane.scroll_y == before + 1)
        await pilot.press("end")
        await until(pilot, lambda: pane.scroll_y == pane.max_scroll_y)
        await pilot.pause()
        assert app.screen.can_view_entire(detail)
        assert words(detail.render().plain) in words(shown_in(app, detail))
        await pilot.press("home")
        await until(pilot, lambda: pane.scroll_y == 0)
        await pilot.press("pagedown")
        await until(pilot, lambda: pane.scroll_y > 1)


async def test_a_list_keeps_the_detail_it_shows_in_view(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: main_ready(app))
        pane = app.screen.query_one(LoopPane)
        pane.moments.focus()
        detail = pane.query_one("#loop-detail", Static)
        for _ in range(3):
            before = detail.render().plain
            await pilot.press("down")
            await until(pilot, lambda: detail.render().plain != before)
            await until(pilot, lambda: app.screen.can_view_entire(pane.moments)
                        and app.screen.can_view_entire(detail))
            assert words(detail.render().plain) in words(shown_in(app, detail))


@SHARED
async def test_the_rituals_tab_at_80x24_opens_at_its_top(demo_at_80x24):
    async with demo_at_80x24.case() as pilot:
        app = pilot.app
        await until(pilot, lambda: main_ready(app))
        await pilot.press("f4")
        pane = app.screen.query_one(RitualsPane)
        await until(pilot, lambda: app.focused is pane.calendar and pane.display)
        await pilot.pause()
        assert pane.scroll_y == 0
        today = pane.query_one("#ritual-today", Static)
        assert app.screen.can_view_entire(today)
        assert_the_calendar_is_whole(app)


@SHARED
async def test_a_long_thought_record_detail_scrolls_by_keyboard(demo_at_80x24):
    async with demo_at_80x24.case() as pilot:
        app = pilot.app
        await until(pilot, lambda: main_ready(app))
        await pilot.press("f3")
        pane = app.screen.query_one(ThoughtPane)
        box = pane.query_one("#thought-detail-box", ScrollingBox)
        await until(pilot, lambda: pane.display and box.max_scroll_y > 0 and box.can_focus)
        last = pane.query_one("#thought-detail", Static).render().plain.splitlines()[-1]
        assert last.strip() not in screen_text(app)
        while app.focused is not box:
            await pilot.press("tab")
        await pilot.press("end")
        await until(pilot, lambda: box.scroll_y == box.max_scroll_y)
        await pilot.pause()
        assert last.strip() in shown_in(app, box)


@SHARED
async def test_the_mark_form_at_80x24_opens_at_its_top_with_its_field_in_view(demo_at_80x24):
    async with demo_at_80x24.case() as pilot:
        app = pilot.app
        await until(pilot, lambda: main_ready(app))
        await pilot.press("f4", "d")
        await until(pilot, lambda: type(app.screen).__name__ == "MarkScreen"
                    and app.focused is not None)
        await pilot.pause()
        form = app.screen.query_one("#mark-form")
        assert form.max_scroll_y > 0  # the form is taller than the terminal: it scrolls
        assert form.scroll_y == 0
        assert app.screen.can_view_entire(app.focused)
        prompt = app.screen.query_one("#mark-prompt", Static)
        assert words(prompt.render().plain) in words(shown_in(app, prompt))


# Every screen and dialog at 80x24: tab reaches each field, and the field shows on screen.
# (Write and a new thought record come last: leaving Write writes its draft, and the form
# stays in its pane, so the cases after them could not have the shared app back as it was,
# and would each start an app of their own.)
OPEN = {
    "the loop": ["f2"],
    "thought records": ["f3"],
    "rituals": ["f4"],
    "a loop moment": ["l"],
    "the loop map": ["e"],
    "marking a ritual": ["f4", "d"],
    "a new ritual": ["f4", "a"],
    "every ritual": ["f4", "r"],
    "look back": ["f5"],
    "look back's filters": ["f5", "f"],
    "the brief": ["f5", "b"],
    "the journal": ["f7"],
    "the trash": ["f8"],
    "help": ["f1"],
    "write": ["f6"],
    "a new thought record": ["f3", "n"],
}


FIELD_LINES = 6
"""Fields and buttons are at most this tall (a row of choices on two lines with its border);
a taller widget (a list, a diagram) counts as shown when part of it is in view."""


@SHARED
@pytest.mark.parametrize("keys", OPEN.values(), ids=OPEN.keys())
async def test_tab_shows_every_field_at_80x24(demo_at_80x24, keys):
    async with demo_at_80x24.case() as pilot:
        app = pilot.app
        await until(pilot, lambda: main_ready(app))
        for key in keys:
            screen = app.screen
            await pilot.press(key)
            if key.startswith("f") and key[1:].isdigit() and key not in ("f2", "f3", "f4"):
                await until(pilot, lambda screen=screen: app.screen is not screen)
        await until(pilot, lambda: app.focused is not None)
        await pilot.pause()
        seen: list[Widget] = []
        while app.focused is not None and app.focused not in seen:
            focused = app.focused
            seen.append(focused)
            await until(pilot, lambda: app.screen.can_view_partial(focused))
            if focused.outer_size.height <= FIELD_LINES:  # a field, a button: seen whole
                await until(pilot, lambda: app.screen.can_view_entire(focused))
            await pilot.press("tab")
            await pilot.pause()
        assert len(seen) >= 1


async def test_look_back_shows_a_long_summary_whole_and_titles_that_fit(demo_app):
    app = demo_app
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: main_ready(app))
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen)
                    and bool(app.screen.weeks) and app.focused is not None)
        screen = app.screen
        summary = screen.query_one("#lb-summary", Static)
        # the week with the most to say (the demo's fullest week ran to nine lines)
        longest = max(range(len(screen.weeks)), key=lambda n: screen.weeks[n].entries
                      + screen.weeks[n].records + screen.weeks[n].moments)
        for _ in range(longest):
            await pilot.press("down")
        await until(pilot, lambda: screen.shown_week == screen.weeks[longest].start
                    and week_words(screen.weeks[longest].start, capital=True)
                    in summary.render().plain)
        await pilot.pause()
        said = words(summary.render().plain)
        assert said.endswith(".") and len(said) > 300
        assert said in words(shown_in(app, summary))
        # each size after a resize: down from 120x40, up to 200x60, down to 120x40 again
        for size in [(80, 24), (200, 60), (120, 40)]:
            await resized(pilot, *size)
            for label in screen.query(FittedLabel):
                assert label.shown in label.choices
                assert label.shown in shown_in(app, label)
            assert said in words(shown_in(app, summary)) or not screen.can_view_entire(summary)
            if size == (80, 24):
                assert screen.query_one("#lb-spark-label-moments", FittedLabel).shown != \
                    screen.query_one("#lb-spark-label-moments", FittedLabel).choices[0]


@pytest.mark.parametrize("width", [80, 120])
async def test_the_footer_measures_its_keys_as_textual_draws_them(demo_app, width):
    # The fitting leans on how wide Textual's Footer draws a key (its padding and margin):
    # a canary for an upgrade of Textual.
    app = demo_app
    async with app.run_test(size=(width, 40)) as pilot:
        await until(pilot, lambda: main_ready(app))
        bar = footer(app)
        assert bar.compact == (width < 100)
        for key in bar.children:
            if key.display:
                drawn = key.outer_size.width + key.styles.margin.left + key.styles.margin.right
                assert drawn == bar._key_width(key), key.key_display


def test_fitting_takes_the_longest_way_that_fits():
    assert fitting(40, "Loop moments · last 12 weeks · 15 in all", "Loop") == \
        "Loop moments · last 12 weeks · 15 in all"
    assert fitting(39, "Loop moments · last 12 weeks · 15 in all", "Loop") == "Loop"
    assert fitting(2, "Loop") == "L…"
    assert fitting(0, "Loop") == ""


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_moment_forms_choices_are_shown_whole_at_every_size(demo_app, size):
    from content import knowledge

    app = demo_app
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: main_ready(app))
        await pilot.press("l")
        await until(pilot, lambda: type(app.screen).__name__ == "MomentForm"
                    and app.focused is not None)
        k = knowledge()
        for row, names in [("#moment-mover", [m.name for m in k.first_movers]),
                           ("#moment-ending", [e.name for e in k.endings])]:
            choices = app.screen.query_one(row)
            choices.scroll_visible(animate=False)
            await until(pilot, lambda: app.screen.can_view_entire(choices))
            shown = shown_in(app, choices)
            for name in names:  # whole, never "My partner di…"
                assert name in shown, (name, shown)
