"""The Rituals pane as a person uses it: moving through months, marking a day with notes,
coming back to it, finding it by search, adding a ritual, drafts, bad input."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList, Select, Static

from pilot_tools import until
from storage import JournalError, dates
from storage.models import RITUAL_NOTE_MAX
from tui.panes.rituals.calendar import RitualCalendar, grid_range
from tui.panes.rituals.editor import RitualEditor
from tui.panes.rituals.mark import MarkScreen, draft_key
from tui.panes.rituals.pane import RitualsPane

TODAY = date(2025, 12, 30)  # a Tuesday, two days before the year ends


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    moment = datetime(2025, 12, 30, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(dates, "now", lambda: moment)


@pytest.fixture
def rituals(tui_journal):
    start = date(2025, 11, 1)
    download = tui_journal.rituals.add_from_template("five_minute_download", dtstart=start,
                                                     time_of_day="18:30")
    walk = tui_journal.rituals.add_from_template("walk_and_talk", dtstart=start)
    return download, walk


def pane(app) -> RitualsPane:
    return app.screen.query_one(RitualsPane)


def text_of(widget) -> str:
    return str(widget.render())


async def settled(pilot):
    """Wait for any worker, then for what it brought to be shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_pane(pilot):
    await pilot.press("f4")
    await pilot.pause()
    await settled(pilot)
    return pane(pilot.app)


async def test_today_strip_calendar_and_day_list(app, rituals):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert p.border_title == "Rituals"
        assert isinstance(app.focused, RitualCalendar)
        strip = text_of(p.query_one("#ritual-today"))
        assert "Today, Tue 30 Dec" in strip and "Five-minute download" in strip
        grid = text_of(p.calendar)
        assert "December 2025" in grid
        assert grid.splitlines()[1].split() == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        items = p.day_list
        assert items.option_count == 1
        assert "due today" in str(items.get_option_at_index(0).prompt)
        assert "Every day" in text_of(p.query_one("#ritual-detail"))


async def test_how_it_went_lately_is_counted_kindly(app, rituals, tui_journal):
    download, _ = rituals
    for day in (26, 28, 29):  # 27 December went by without a mark
        tui_journal.rituals.mark(download.id, date(2025, 12, day), "done")
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        detail = text_of(p.query_one("#ritual-detail"))
        due = tui_journal.rituals.streaks(download.id, TODAY).due
        assert f"Kept 3 of the last {due} times · 2 in a row" in detail
        assert "Streak" not in detail and "missed" not in detail.lower()


async def test_the_pane_is_whole_as_soon_as_it_is_mounted(app, rituals):
    """Its read is part of mounting (a few milliseconds, however long the history): the
    first frame has today, the calendar and the day's ritual, with nothing left to wait
    for."""
    async with app.run_test(size=(120, 40)):
        p = pane(app)
        assert p.loaded
        assert "Today, Tue 30 Dec" in text_of(p.query_one("#ritual-today"))
        assert "December 2025" in text_of(p.calendar)
        assert p.current_item().name == "Five-minute download"
        detail = text_of(p.query_one("#ritual-detail"))
        assert "Every day, at 18:30" in detail and "Press d when it's done" in detail


async def test_a_journal_that_cannot_be_read_is_said_in_one_line(app, rituals, monkeypatch):
    from tui.panes.rituals import pane as rituals_pane

    real = rituals_pane.read_view

    def broken(*args, **kwargs):
        raise JournalError("the journal file is not readable")

    monkeypatch.setattr(rituals_pane, "read_view", broken)
    async with app.run_test(size=(120, 40)) as pilot:
        p = pane(app)
        assert not p.loaded
        assert text_of(p.query_one("#ritual-today")) == (
            "Your rituals could not be read just now: the journal file is not readable")
        monkeypatch.setattr(rituals_pane, "read_view", real)
        p.reload()
        await pilot.pause()
        assert p.loaded and "Today, Tue 30 Dec" in text_of(p.query_one("#ritual-today"))


async def test_keys_move_by_day_week_and_month_across_the_year(app, rituals):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        cal = p.calendar
        await pilot.press("right")
        assert cal.selected == date(2025, 12, 31)
        await pilot.press("right")
        assert cal.selected == date(2026, 1, 1)
        await pilot.pause()
        assert "January 2026" in text_of(cal)
        await pilot.press("up")
        assert cal.selected == date(2025, 12, 25)
        await pilot.press("down", "down")
        assert cal.selected == date(2026, 1, 8)
        await pilot.press("pagedown")
        assert cal.selected == date(2026, 2, 8)
        await pilot.press("right_square_bracket")
        assert cal.selected == date(2026, 3, 8)
        await pilot.press("pageup", "left_square_bracket", "left_square_bracket")
        assert cal.selected == date(2025, 12, 8)
        await pilot.pause()
        # A Monday: the daily download only, missed (nothing was marked).
        item = p.current_item()
        assert (item.name, item.state) == ("Five-minute download", "missed")
        assert p.day_list.option_count == 1
        await pilot.press("t")
        await pilot.pause()
        assert cal.selected == TODAY


async def test_the_months_end_on_the_31st_then_february(app, rituals):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        p.go_to(date(2026, 1, 31))
        await pilot.pause()
        await pilot.press("pagedown")
        assert p.calendar.selected == date(2026, 2, 28)


async def test_a_click_selects_a_day(app, rituals):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        cal = p.calendar
        start, _ = grid_range(TODAY)
        assert start == date(2025, 12, 1)  # a Monday, so the grid starts on it
        cell = cal.cell_width()
        # Below the month's name and the weekdays, each week takes two lines.
        await pilot.click(cal, offset=(cell * 2 + 1, 2 + 2 * 1 + 1))  # the marks line
        await pilot.pause()
        assert cal.selected == start + timedelta(days=7 + 2) == date(2025, 12, 10)
        await pilot.click(cal, offset=(cell * 2 + 1, 2))
        await pilot.pause()
        assert cal.selected == date(2025, 12, 3)
        await pilot.click(cal, offset=(cell * 7 - 1, 0))  # the › after the month's name
        await pilot.pause()
        assert cal.selected == date(2026, 1, 3)


async def test_mark_a_day_done_with_notes_reopen_and_find_it(app, rituals, tui_journal):
    download, _ = rituals
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await pilot.press("left")  # Monday 29 December
        await pilot.pause()
        assert "no mark" in str(p.day_list.get_option_at_index(0).prompt)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)
        assert app.focused.id == "mark-note"
        app.focused.value = "after dinner by the "
        await pilot.press(*"river")
        await pilot.press("tab")
        app.focused.value = "they laughed"
        await pilot.press("tab")
        app.focused.value = "[red]tired[/]"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MarkScreen)
        await settled(pilot)
        log = tui_journal.rituals.get_mark(download.id, date(2025, 12, 29))
        assert (log.status, log.note, log.positive, log.negative) == (
            "done", "after dinner by the river", "they laughed", "[red]tired[/]")
        assert tui_journal.load_draft(draft_key(download.id, date(2025, 12, 29))) is None
        option = str(p.day_list.get_option_at_index(0).prompt)
        assert "done" in option and "after dinner by the river" in option
        detail = text_of(p.query_one("#ritual-detail"))
        assert "Hard: [red]tired[/]" in detail  # shown as typed, never as markup

        # Reopen it: the form holds what was saved; change the note.
        p.day_list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)
        note = app.screen.query_one("#mark-note", Input)
        assert note.value == "after dinner by the river"
        assert app.screen.query_one("#mark-positive", Input).value == "they laughed"
        note.value = "after dinner by the river, slowly"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await settled(pilot)
        assert tui_journal.scalar("SELECT count(*) FROM ritual_log") == 1

        # Somewhere else, then find it by its words.
        await pilot.press("t")
        hit = tui_journal.search("river", kinds=["ritual_note"])[0]
        assert app.open_record(hit.kind, hit.id)
        await pilot.pause()
        assert p.calendar.selected == date(2025, 12, 29)
        assert "slowly" in text_of(p.query_one("#ritual-detail"))
        assert isinstance(app.focused, OptionList)


async def test_a_day_that_did_not_happen_needs_no_reason_and_a_long_note_is_refused(
        app, rituals, tui_journal):
    download, _ = rituals
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await pilot.press("left")  # Monday 29 December, a past day with no mark
        await pilot.pause()
        option = str(p.day_list.get_option_at_index(0).prompt)
        assert "no mark" in option and "missed" not in option
        assert "that's all right" in text_of(p.query_one("#ritual-detail"))
        # drawn softly: in the muted colour, not the error colour
        soft = p.calendar.get_component_rich_style("ritual-calendar--missed").color
        assert soft is not None
        assert soft.triplet.hex.lower() != app.theme_variables["error"].lower()[:7]
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MarkScreen)
        words = screen.query_one("#mark-reason-words", Static)
        assert not words.display
        screen.query_one("#mark-reason", Select).value = "forgot"
        await until(pilot, lambda: words.display)
        assert "That happens" in text_of(words)  # the kind words for the reason chosen
        screen.query_one("#mark-note", Input).value = "x" * (RITUAL_NOTE_MAX + 1)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)
        assert "over the limit" in text_of(screen.query_one("#mark-message", Static))
        assert tui_journal.scalar("SELECT count(*) FROM ritual_log") == 0
        screen.query_one("#mark-reason", Select).clear()  # no reason at all: fine too
        screen.query_one("#mark-note", Input).value = "a long day at work"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, MarkScreen))
        await settled(pilot)
        log = tui_journal.rituals.get_mark(download.id, date(2025, 12, 29))
        assert (log.status, log.reason, log.note) == ("missed", None, "a long day at work")
        assert "didn't happen" in str(p.day_list.get_option_at_index(0).prompt)


async def test_a_draft_is_kept_and_comes_back(app, rituals, tui_journal):
    download, _ = rituals
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("d")
        await pilot.pause()
        app.focused.value = "half a "
        await pilot.press(*"thought")
        key = draft_key(download.id, TODAY)
        await until(pilot, lambda: tui_journal.load_draft(key))
        assert tui_journal.load_draft(key)["note"] == "half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#mark-note", Input).value == "half a thought"
        assert "back" in text_of(app.screen.query_one("#mark-message", Static))


async def test_palette_commands(app, rituals, tui_journal):
    download, _ = rituals
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        names = [c.name for c in app.palette_commands()]
        for name in ("Mark today's download", "Add a ritual", "Go to today"):
            assert name in names
        command = {c.name: c for c in app.palette_commands()}
        command["Mark today's download"].callback()
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)
        assert (app.screen.ritual_id, app.screen.day) == (download.id, TODAY)
        await pilot.press("escape")
        await pilot.pause()
        p = pane(app)
        p.go_to(date(2025, 11, 5))
        await pilot.pause()
        command["Go to today"].callback()
        await pilot.pause()
        assert p.calendar.selected == TODAY


async def test_add_a_ritual_from_an_idea_and_a_bad_rule_is_explained(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert "No rituals yet" in str(p.day_list.get_option_at_index(0).prompt)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, RitualEditor)
        editor.query_one("#editor-idea", Select).value = "shared_discovery"
        await pilot.pause()
        assert editor.query_one("#editor-name", Input).value == "Shared discovery"
        assert "first Saturday of every month" in text_of(editor.query_one("#editor-words"))
        editor.query_one("#editor-rule", Input).value = "FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2"
        await pilot.pause()
        assert "never falls on a real date" in text_of(editor.query_one("#editor-words"))
        editor.query_one("#editor-start", Input).value = "2025-02-30"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "unknown date '2025-02-30'" in text_of(editor.query_one("#editor-message"))
        assert tui_journal.rituals.count() == 0
        editor.query_one("#editor-start", Input).value = "2025-12-01"
        editor.query_one("#editor-rule", Input).value = "FREQ=MONTHLY;BYMONTHDAY=31"
        await pilot.pause()
        assert "Months without that day are skipped" in text_of(
            editor.query_one("#editor-words"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not isinstance(app.screen, RitualEditor)
        await settled(pilot)
        ritual = tui_journal.rituals.list()[0]
        assert (ritual.name, ritual.template, ritual.rrule) == (
            "Shared discovery", "shared_discovery", "FREQ=MONTHLY;BYMONTHDAY=31")
        p.go_to(date(2025, 12, 31))
        await pilot.pause()
        assert p.day_list.option_count == 1


async def test_pause_from_the_list_of_rituals(app, rituals, tui_journal):
    _, walk = rituals
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("r")
        await pilot.pause()
        options = app.screen.query_one("#ritual-list", OptionList)
        assert options.option_count == 2
        options.highlighted = [o.id for o in options.options].index(str(walk.id))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RitualEditor)
        await pilot.click("#editor-pause")
        await pilot.pause()
        assert not tui_journal.rituals.get(walk.id).active
        assert "paused" in str(app.screen.query_one("#ritual-list", OptionList)
                               .get_option_at_index(1).prompt) or "paused" in "".join(
            str(o.prompt) for o in app.screen.query_one("#ritual-list", OptionList).options)


async def test_a_small_terminal_draws_one_line_per_week(app, rituals):
    async with app.run_test(size=(80, 24)) as pilot:
        p = await open_pane(pilot)
        await pilot.pause()
        assert p.calendar.compact
        lines = text_of(p.calendar).splitlines()
        # The month, the weekdays, six weeks, then the legend: the states, the rituals.
        assert len(lines) == 2 + 6 + 2
        assert lines[-1].split("  ") == ["F Five-minute download", "W Walk and talk"]
        await pilot.press("left", "d")
        await pilot.pause()
        assert isinstance(app.screen, MarkScreen)


# ------------------------------------------------------------------ the repeat picker


def _words(editor) -> str:
    return text_of(editor.query_one("#editor-words"))


def _rule(editor) -> str:
    return editor.query_one("#editor-rule", Input).value


async def _open_editor(pilot) -> RitualEditor:
    await open_pane(pilot)
    await pilot.press("a")
    await until(pilot, lambda: isinstance(pilot.app.screen, RitualEditor))
    return pilot.app.screen


async def test_the_repeat_picker_writes_the_rule_and_says_it_in_words(app, tui_journal):
    from textual.widgets import Checkbox

    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot)
        await until(pilot, lambda: _words(editor).startswith("Every Tuesday"))  # today's
        assert _rule(editor) == "FREQ=WEEKLY"
        assert editor.query_one("#editor-weekdays").display
        assert not editor.query_one("#editor-monthly").display
        editor.query_one("#editor-name", Input).value = "Midweek walk"
        editor.query_one("#editor-every", Input).value = "2"
        editor.query_one("#editor-day-WE", Checkbox).value = True
        await until(pilot, lambda: _rule(editor) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")
        assert _words(editor).startswith("Every other Wednesday. Next: Wed 31 Dec 2025")
        editor.query_one("#editor-unit", Select).value = "month"
        await until(pilot, lambda: _rule(editor) == "FREQ=MONTHLY;INTERVAL=2")
        assert editor.query_one("#editor-monthly").display
        assert not editor.query_one("#editor-weekdays").display
        assert not editor.query_one("#editor-weekday").display
        editor.query_one("#editor-every", Input).value = ""
        editor.query_one("#editor-month-day", Select).value = "-1"
        await until(pilot, lambda: editor.query_one("#editor-weekday").display)
        editor.query_one("#editor-weekday", Select).value = "SU"
        await until(pilot, lambda: _rule(editor) == "FREQ=MONTHLY;BYDAY=-1SU")
        assert _words(editor).startswith("The last Sunday of every month. Next: Sun 25 Jan")
        editor.query_one("#editor-every", Input).value = "often"
        await until(pilot, lambda: "Every how many months?" in _words(editor))
        assert _rule(editor) == "FREQ=MONTHLY;BYDAY=-1SU"  # the last good choice stays
        editor.query_one("#editor-every", Input).value = "3"
        await until(pilot, lambda: _rule(editor) == "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1SU")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, RitualEditor))
        [ritual] = tui_journal.rituals.list()
        assert (ritual.name, ritual.rrule) == ("Midweek walk", "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1SU")


async def test_a_typed_rule_shows_in_the_picker_or_is_kept_as_typed(app, tui_journal):
    from textual.widgets import Checkbox

    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot)
        editor.query_one("#editor-name", Input).value = "Third Thursday"
        editor.query_one("#editor-rule", Input).value = "FREQ=MONTHLY;INTERVAL=2;BYDAY=+3TH"
        await until(pilot, lambda: editor.query_one("#editor-unit", Select).value == "month")
        assert editor.query_one("#editor-every", Input).value == "2"
        assert editor.query_one("#editor-month-day", Select).value == "3"
        assert editor.query_one("#editor-weekday", Select).value == "TH"
        assert _words(editor).startswith("The third Thursday, every other month")
        editor.query_one("#editor-rule", Input).value = "freq=weekly;byday=fr,mo"
        await until(pilot, lambda: editor.query_one("#editor-day-FR", Checkbox).value)
        assert editor.query_one("#editor-day-MO", Checkbox).value
        assert not editor.query_one("#editor-day-WE", Checkbox).value
        expert = "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR"
        editor.query_one("#editor-rule", Input).value = expert
        await until(pilot, lambda: "cannot show this rule" in _words(editor))
        assert _rule(editor) == expert
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, RitualEditor))
        assert tui_journal.rituals.list()[0].rrule == expert


async def test_changing_a_ritual_shows_its_rule_in_the_picker_and_keeps_it(app, rituals,
                                                                           tui_journal):
    from textual.widgets import Checkbox

    _, walk = rituals
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        app.push_screen(RitualEditor(walk.id))
        await until(pilot, lambda: isinstance(app.screen, RitualEditor)
                    and any(box.value for box in app.screen.query("#editor-day-SU")))
        editor = app.screen
        assert [key for key in ("MO", "TU", "WE", "TH", "FR", "SA")
                if editor.query_one(f"#editor-day-{key}", Checkbox).value] == []
        assert _rule(editor) == "FREQ=WEEKLY;BYDAY=SU"
        assert _words(editor).startswith("Every Sunday")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, RitualEditor))
        assert tui_journal.rituals.get(walk.id).rrule == "FREQ=WEEKLY;BYDAY=SU"


async def test_a_name_another_ritual_has_is_refused_in_the_editor(app, rituals, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await _open_editor(pilot)
        editor.query_one("#editor-name", Input).value = "walk and talk"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "already have a ritual called 'Walk and talk'"
                    in text_of(editor.query_one("#editor-message")))
        assert isinstance(app.screen, RitualEditor)
        assert tui_journal.rituals.count() == 2
