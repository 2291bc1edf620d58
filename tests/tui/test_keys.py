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
        await type_text(pilot, "I went out")
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
