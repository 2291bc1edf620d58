"""Keys that never surprise: menus that pick by typing (and never swallow what is typed),
radio rows whose arrows choose, one meaning for escape, screens that do not stack, and the
focus where the first key is meant to go."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet, Select, TextArea

from pilot_tools import type_text, until
from storage import dates
from tui import compat
from tui.panes.loop.moment import MomentForm
from tui.screens.main import MainScreen
from tui.screens.write import WriteScreen
from tui.widgets.choice import Menu, RadioRow

TUI = Path(__file__).resolve().parents[2] / "tui"
FROZEN = datetime(2027, 1, 20, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)


async def open_write(app, pilot) -> WriteScreen:
    await pilot.press("f6")
    await until(pilot, lambda: isinstance(app.screen, WriteScreen) and app.screen.is_mounted)
    return app.screen


# -- menus ------------------------------------------------------------------------------


async def test_typing_into_the_mood_menu_picks_by_letter(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_write(app, pilot)
        mood = screen.query_one("#write-mood", Select)
        mood.focus()
        await until(pilot, lambda: mood.has_focus)
        await pilot.press("g")  # "+1  good": the option whose word starts earliest
        await until(pilot, lambda: mood.value == 1)
        assert mood.has_focus
        await pilot.press("o", "o")  # more letters of the same word keep the pick
        assert mood.value == 1 and mood.has_focus


async def test_typing_a_sentence_into_a_menu_moves_on_with_every_letter(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_write(app, pilot)
        mood = screen.query_one("#write-mood", Select)
        mood.focus()
        await until(pilot, lambda: mood.has_focus)
        # "I" picks "in between" for a moment; "I " matches nothing: the menu goes back to
        # no mood and everything typed goes on to the next field that takes text.
        # As a terminal sends it: in one burst, before the focus has had time to move.
        compat.feed_terminal(app, "I went out")
        tags = screen.query_one("#write-tags", Input)
        await until(pilot, lambda: tags.value == "I went out")
        assert tags.has_focus and mood.value is Select.NULL


def test_every_menu_and_radio_row_in_the_app_is_closers():
    """A stock Select or RadioSet would bring back the surprises: closer's own are used."""
    built: list[str] = []
    for path in TUI.rglob("*.py"):
        if path.name == "choice.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("Select", "RadioSet"):
                built.append(f"{path.relative_to(TUI)}:{node.lineno} {node.func.id}")
    assert built == []
    assert issubclass(Menu, Select) and issubclass(RadioRow, RadioSet)


# -- radio rows -------------------------------------------------------------------------


async def open_moment(app, pilot) -> MomentForm:
    tui_journal = app.journal
    tui_journal.loop.save_map({"me": {"move": "I chase"}, "them": {"move": "they retreat"}})
    await pilot.press("f2")
    await pilot.press("l")
    await until(pilot, lambda: isinstance(app.screen, MomentForm) and app.screen.is_mounted)
    return app.screen


async def test_the_arrows_of_a_radio_row_choose_what_they_land_on(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_moment(app, pilot)
        ending = form.query_one("#moment-ending", RadioSet)
        assert ending.pressed_button.id == "ending-unresolved"  # the form's default
        ending.focus()
        await until(pilot, lambda: ending.has_focus)
        await pilot.press("up")  # one up from "unresolved": "pause", chosen and shown
        await until(pilot, lambda: ending.pressed_button.id == "ending-pause")
        await pilot.press("down", "down")  # and round again: past the end to the first
        await until(pilot, lambda: ending.pressed_button.id == "ending-repair")
        form.query_one("#moment-trigger", Input).value = "a late reply"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, MomentForm))
    [event] = tui_journal.loop.list_events()
    assert event.ending == "repair"


async def test_a_fresh_radio_row_starts_from_nothing(app):
    from textual.app import App, ComposeResult
    from textual.widgets import RadioButton

    class Row(App):
        def compose(self) -> ComposeResult:
            with RadioRow(id="row"):
                for name in ("one", "two", "three"):
                    yield RadioButton(name, id=name)

    for keys, chosen in [(("down",), "one"), (("up",), "three"), (("space",), "one"),
                         (("right", "right"), "two")]:
        row_app = Row()
        async with row_app.run_test(size=(40, 8)) as pilot:
            row = row_app.query_one("#row", RadioRow)
            await until(pilot, lambda: row.has_focus)
            assert not row.query(".-selected")  # nothing looks chosen before a key
            await pilot.press(*keys)
            await until(pilot, lambda: row.pressed_button is not None)
            assert row.pressed_button.id == chosen, keys
            assert list(row.query(".-selected")) == [row.pressed_button]


# -- escape, and the panes --------------------------------------------------------------


async def test_escape_in_a_maximised_record_goes_back_to_the_list_as_the_footer_says(app):
    from tui.panes.thought.pane import ThoughtPane

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        pane = app.screen.query_one(ThoughtPane)
        await until(pilot, lambda: app.focused is not None and pane in app.focused.ancestors)
        await pilot.press("n")
        await until(pilot, lambda: pane.editing)
        await pilot.press("f11")
        await until(pilot, lambda: app.screen.maximized is pane)
        await pilot.press("escape")  # the footer: "Back to list"
        await until(pilot, lambda: not pane.editing)
        assert app.screen.maximized is pane  # still the whole screen
        await pilot.press("escape")  # nothing left to close in the pane: the panes again
        await until(pilot, lambda: app.screen.maximized is None)


async def test_after_f11_one_press_of_a_pane_key_goes_to_that_pane(app):
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("f2")
        await until(pilot, lambda: main.current_pane().id == "loop")
        await pilot.press("f11")
        await until(pilot, lambda: main.maximized is not None)
        await pilot.press("f4")
        await until(pilot, lambda: main.maximized is None and app.focused is not None
                    and main.current_pane().id == "rituals")
        await pilot.pause()
        assert main.current_pane().id == "rituals" and main.active == "rituals"


# -- screens that do not stack ----------------------------------------------------------


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 20, 0).astimezone()


async def settle(app, pilot) -> None:
    await until(pilot, lambda: all(w.is_finished for w in app.workers))
    await pilot.pause()


async def test_one_escape_leaves_look_back_wherever_the_focus_is(app, tui_journal):
    from textual.widgets import OptionList

    from tui.screens.look_back import LookBackScreen

    tui_journal.entries.add("a walk by the canal", occurred_at=at(date(2027, 1, 19)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen)
                    and app.screen.weeks)
        await settle(app, pilot)
        await pilot.press("enter")  # into the week's records
        items = app.screen.query_one("#lb-items", OptionList)
        await until(pilot, lambda: items.has_focus)
        await pilot.press("f1")  # help over it, then an entry from the week
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        await pilot.press("escape")  # back one step: the list it was chosen from, focused
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen)
                    and app.screen.query_one("#lb-items", OptionList).has_focus)
        await pilot.press("escape")  # and one more: the panes, from the records' list
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert len(app.screen_stack) == 2  # the default screen and the main one


async def test_full_screens_replace_each_other_so_one_escape_is_the_panes(app, tui_journal):
    from tui.screens.journal import JournalScreen
    from tui.screens.look_back import LookBackScreen
    from tui.screens.trash import TrashScreen

    tui_journal.entries.add("a walk by the canal", occurred_at=at(date(2027, 1, 19)))
    async with app.run_test(size=(120, 40)) as pilot:
        for key, screen in [("f7", JournalScreen), ("f5", LookBackScreen),
                            ("f8", TrashScreen), ("f6", WriteScreen), ("f7", JournalScreen)]:
            await pilot.press(key)
            await until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            await settle(app, pilot)
        await pilot.press("enter")  # an entry from the Journal's list: over the list
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        await pilot.press("f5")  # another full screen: in place of both
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
        await settle(app, pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert len(app.screen_stack) == 2


async def test_enter_on_a_week_shows_that_week_and_then_its_records(app, tui_journal,
                                                                    monkeypatch):
    from textual.widgets import OptionList, Static

    from storage.review import Review
    from tui.screens.look_back import LookBackScreen

    tui_journal.entries.add("this week's walk", occurred_at=at(date(2027, 1, 19)))
    tui_journal.entries.add("last week's rain", occurred_at=at(date(2027, 1, 12)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen)
                    and app.screen.weeks)
        await settle(app, pilot)
        screen = app.screen
        items = screen.query_one("#lb-items", OptionList)
        # A week that takes a while to read (a long journal): enter must not put the focus
        # in the records of the week shown before.
        slow_week = Review.week

        def slowly(self, *args, **kwargs):
            import time

            time.sleep(0.3)
            return slow_week(self, *args, **kwargs)

        monkeypatch.setattr(Review, "week", slowly)
        await pilot.press("down", "enter")
        await until(pilot, lambda: items.has_focus)
        summary = str(screen.query_one("#lb-summary", Static).render())
        assert "11 Jan" in summary, summary
        assert "last week's rain" in str(items.get_option_at_index(0).prompt)
        assert items.highlighted == 0


async def test_write_opens_in_the_title_and_enter_goes_on_to_the_text(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_write(app, pilot)
        await type_text(pilot, "Sunday\nWe walked")
        body = screen.query_one("#write-body", TextArea)
        await until(pilot, lambda: body.text == "We walked")
        assert screen.query_one("#write-title", Input).value == "Sunday"


async def test_the_view_keys_work_from_inside_a_text(app, tui_journal):
    from tui.screens.journal import JournalScreen

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_write(app, pilot)
        await pilot.press("tab")
        body = screen.query_one("#write-body", TextArea)
        await until(pilot, lambda: body.has_focus)
        await type_text(pilot, "kept")
        await pilot.press("f7")  # a TextArea's own f7 selects all: the Journal comes first
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        await until(pilot, lambda: app.screen.query_one("#write-body", TextArea).text
                    == "kept")


async def test_the_month_keys_work_from_the_day_list_too(app, tui_journal):
    from tui.panes.rituals.pane import RitualsPane

    tui_journal.rituals.add("Walk and talk", rrule="FREQ=DAILY")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        pane = app.screen.query_one(RitualsPane)
        await until(pilot, lambda: pane.loaded and pane.calendar.has_focus)
        day = pane.selected_day
        pane.day_list.focus()
        await until(pilot, lambda: pane.day_list.has_focus)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: pane.selected_day.month == day.month % 12 + 1)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await until(pilot, lambda: pane.selected_day.month == (day.month - 2) % 12 + 1)


def test_keys_are_named_as_people_say_them_in_the_footer_and_the_help():
    from textual.binding import Binding

    from tui.app import CloserApp
    from tui.keys import key_name, keys_name

    assert key_name("left_square_bracket") == "["
    assert key_name("ctrl+pageup") == "ctrl+page up"
    assert keys_name("pagedown,right_square_bracket") == "page down or ]"
    footer = CloserApp.get_key_display
    assert footer(None, Binding("left_square_bracket", "x")) == "["  # type: ignore[arg-type]
    assert footer(None, Binding("ctrl+pageup", "x")) == "^page up"  # type: ignore[arg-type]
