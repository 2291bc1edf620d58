"""Look back (f5) and record search in the palette: write an entry, find it by its words,
see it counted in its week; filters; opening a week's records; markup stays literal."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Sparkline, Static, TextArea

from pilot_tools import screen_text
from storage import dates
from tui.screens.look_back import FilterDialog, LookBackScreen
from tui.screens.main import MainScreen
from tui.screens.write import WriteScreen

FROZEN = datetime(2027, 1, 20, 9, 30).astimezone()  # a Wednesday; its week began 18 Jan


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)


def at(day: date, hour: int = 20) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def row(app, index: int) -> list[str]:
    table = app.screen.query_one("#lb-weeks", DataTable)
    return [str(cell) for cell in table.get_row_at(index)]


def options(app, selector: str) -> list[str]:
    found = app.screen.query_one(selector, OptionList)
    return [str(found.get_option_at_index(n).prompt) for n in range(found.option_count)]


async def test_write_find_it_by_search_and_see_it_counted_in_its_week(app, tui_journal):
    tui_journal.entries.add("an older week", occurred_at=at(date(2027, 1, 6)), mood=-1)
    async with app.run_test(size=(120, 40)) as pilot:
        # Write an entry.
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await pilot.press(*"Pancakes")
        app.screen.query_one("#write-body", TextArea).insert(" on the balcony, laughing")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        # Find it in the palette by the start of a word; the snippet shows the match.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"balc")
        await settle(app, pilot)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = screen_text(app)
        assert "Pancakes on the balcony, laughing" in shown
        assert "Entry · Wed 20 Jan 2027" in shown
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        [entry] = tui_journal.entries.list(limit=1)
        assert app.screen.entry_id == entry.id
        await pilot.press("escape")
        await pilot.pause()

        # See it counted in its week in Look back.
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, LookBackScreen)
        this_week, last_week, older = row(app, 0), row(app, 1), row(app, 2)
        assert this_week[:2] == ["Mon 18 Jan 2027", "1"]
        assert last_week[:2] == ["Mon 11 Jan 2027", "—"]
        assert older[:3] == ["Mon 04 Jan 2027", "1", "-1.0"]
        summary = str(app.screen.query_one("#lb-summary", Static).render())
        assert "You wrote 1 entry." in summary
        assert summary.startswith("Week of 18 Jan · to Sun 24 Jan 2027")  # never 2027-W03
        assert str(app.screen.query_one("#lb-items").border_title).startswith(
            "Week of 18 Jan: 1 record")
        assert any("Pancakes on the balcony" in o for o in options(app, "#lb-items"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_look_back_from_the_palette_and_its_parts(app, tui_journal):
    for day, text in [(date(2027, 1, 20), "today"), (date(2027, 1, 19), "yesterday"),
                      (date(2026, 12, 20), "a month ago"), (date(2026, 1, 20), "a year ago"),
                      (date(2026, 12, 19), "a month and a day ago")]:
        tui_journal.entries.add(f"written {text} #us", mood=1, occurred_at=at(day))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"look back")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, LookBackScreen)
        table = screen.query_one("#lb-weeks", DataTable)
        # From the week a year ago to this week, one row each.
        assert table.row_count == 53
        assert table.has_focus
        mood = screen.query_one("#lb-spark-mood", Sparkline)
        assert len(mood.data) == 12 and mood.data[-1] == 3  # +1, shifted to 0..4
        echoes = options(app, "#lb-echoes")
        assert echoes[0].startswith("One month ago · Sun 20 Dec 2026")
        assert "written a month ago" in echoes[1]
        assert not any("a month and a day" in o for o in echoes)
        assert any(o.startswith("Three months ago") for o in echoes)
        assert "  Nothing written that day." in echoes

        # Moving down the weeks shows each week's records beside the list.
        await pilot.press("down")
        await settle(app, pilot)
        assert screen.shown_week == date(2027, 1, 11)
        assert options(app, "#lb-items") == []
        assert "Nothing was written down" in str(screen.query_one("#lb-summary").render())


async def test_filters_narrow_the_weeks_and_bad_dates_say_so(app, tui_journal):
    tui_journal.entries.add("river walk #walk", occurred_at=at(date(2027, 1, 5)))
    tui_journal.entries.add("quiet day", occurred_at=at(date(2026, 12, 1)), starred=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#lb-weeks", DataTable)
        line = screen.query_one("#lb-filter-line", Static)
        assert table.row_count == 8
        assert "Every week" in str(line.render())

        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        dialog.query_one("#lb-tag", Input).value = "walk"
        dialog.query_one("#lb-tag", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen and table.has_focus
        assert [row(app, n)[0] for n in range(table.row_count)] == ["Mon 04 Jan 2027"]
        assert "entries tagged #walk" in str(line.render())

        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#lb-tag", Input).value == "#walk"  # as it stands
        dialog.query_one("#lb-from", Input).value = "the day after never"
        dialog.query_one("#lb-from", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        message = dialog.query_one("#lb-message", Static)
        assert app.screen is dialog
        assert message.display and "From: unknown date" in str(message.render())
        await pilot.press("escape")  # cancel: nothing changes
        await settle(app, pilot)
        assert app.screen is screen and table.row_count == 1

        await pilot.press("c")
        await settle(app, pilot)
        assert table.row_count == 8 and "Every week" in str(line.render())

        await pilot.press("f")
        await pilot.pause()
        await pilot.click("#lb-starred")
        await pilot.click("#lb-apply")
        await settle(app, pilot)
        assert [row(app, n)[:2] for n in range(table.row_count)] == [
            ["Mon 30 Nov 2026", "1 ★1"]]


async def test_choosing_a_record_of_the_week_opens_it_and_escape_comes_back(app, tui_journal):
    entry = tui_journal.entries.add("[red]not red[/] and [b]not bold", title="[b]x[/b]",
                                    occurred_at=at(date(2027, 1, 19)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "[b]x[/b]" in shown  # markup shows as typed
        await pilot.press("enter")  # the week: focus goes to its records
        await pilot.pause()
        items = app.screen.query_one("#lb-items", OptionList)
        assert items.has_focus and items.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen) and app.screen.entry_id == entry.id
        app.screen.query_one("#write-mood").value = 2
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        # Back in Look back, on the same week, with the new mood counted.
        assert isinstance(app.screen, LookBackScreen)
        assert row(app, 0)[2] == "+2.0"


async def test_search_shows_markup_literally_and_needs_two_letters(app, tui_journal):
    tui_journal.entries.add("[red]tulips[/] by the door", occurred_at=at(date(2027, 1, 19)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("t")
        await settle(app, pilot)
        assert "tulips" not in screen_text(app)
        await pilot.press("u")
        await settle(app, pilot)
        assert "[red]tulips[/] by the door" in screen_text(app)


def test_closer_weeks_prints_the_same_figures_as_look_back(tui_journal, capsys):
    import json

    from tui.cli import main

    tui_journal.entries.add("a walk", occurred_at=at(date(2027, 1, 12)), mood=2, starred=True)
    tui_journal.entries.add("tea", occurred_at=at(date(2027, 1, 19)))
    path = str(tui_journal.path)
    assert main(["weeks", "--db", path, "-n", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "Week of 18 Jan 2027  entries 1",
        "Week of 11 Jan 2027  entries 1 (★1)  mood +2.0",
    ]
    assert main(["weeks", "-n", "1", "--json", "--db", path]) == 0
    [week] = json.loads(capsys.readouterr().out)
    assert week == tui_journal.review.weeks(limit=1)[0].to_json()
    assert main(["weeks", "-n", "0", "--db", path]) == 0
    assert capsys.readouterr().out == ""
