"""Rituals: due days (month ends, leap day, quarterly, DST, year ends), marks, streaks, rates."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import InvalidInput, NotFound, dates
from storage.models import RITUAL_NOTE_MAX
from storage.portable import export_json, export_markdown, import_json
from storage.rituals import _Schedule, describe_rule

BERLIN = ZoneInfo("Europe/Berlin")


def freeze(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(dates, "now", lambda: moment)


@pytest.fixture
def today(monkeypatch):
    """The clock stopped at Wednesday 12 March 2025, 20:00 in Berlin."""
    freeze(monkeypatch, datetime(2025, 3, 12, 20, 0, tzinfo=BERLIN))
    return date(2025, 3, 12)


def due_days(journal, ritual_id: int, start: date, end: date) -> list[date]:
    return [d for d, items in journal.rituals.due(start, end).items()
            if any(r.id == ritual_id for r in items)]


# ------------------------------------------------------------------ adding and checking


def test_add_from_every_template(journal, today):
    from content import knowledge

    for template in knowledge().rituals:
        ritual = journal.rituals.add_from_template(template.key)
        assert ritual.name == template.name
        assert ritual.dtstart == today and ritual.active and ritual.template == template.key
        assert ritual.asks_good_and_hard == template.asks_good_and_hard
    assert journal.rituals.count() == len(knowledge().rituals)
    with pytest.raises(InvalidInput, match="no ritual idea"):
        journal.rituals.add_from_template("grand_gesture")


@pytest.mark.parametrize("rule, words", [
    ("", "Choose how often it repeats"),
    ("every sunday", "repeat rule could not be read"),
    ("FREQ=FORTNIGHTLY", "'fortnightly' is not one of daily, weekly"),
    ("FREQ=HOURLY", "by the day at most"),
    ("FREQ=DAILY;BYHOUR=9", "time of day in its own field"),
    ("DTSTART:20250101\nRRULE:FREQ=DAILY", "start date in its own field"),
    ("FREQ=DAILY\nFREQ=WEEKLY", "one line"),
    ("FREQ=WEEKLY;BYDAY=XX", "repeat rule could not be read"),
    ("BYDAY=SU", "does not say how often"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never falls on a real date"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "never falls on a real date"),
])
def test_a_bad_rule_is_refused_with_a_clear_message_and_nothing_saved(journal, today, rule,
                                                                      words):
    with pytest.raises(InvalidInput, match=words):
        journal.rituals.add("Walk", rule)
    assert journal.rituals.count() == 0


def test_a_date_that_does_not_exist_or_out_of_range_is_refused(journal, today):
    with pytest.raises(InvalidInput, match="The start date is not a real date"):
        journal.rituals.add("Walk", "FREQ=DAILY", dtstart="2025-02-30")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="out of range"):
        journal.rituals.add("Walk", "FREQ=DAILY", dtstart=date(1066, 10, 14))
    with pytest.raises(InvalidInput, match="The time of day [(]'25:00'[)] should be a time like 07:30"):
        journal.rituals.add("Walk", "FREQ=DAILY", time_of_day="25:00")
    with pytest.raises(InvalidInput, match="A ritual needs a name"):
        journal.rituals.add("   ", "FREQ=DAILY")
    with pytest.raises(InvalidInput, match="^The name is empty[.]$"):
        journal.rituals.add("", "FREQ=DAILY")
    assert journal.rituals.count() == 0


def test_rules_are_kept_upper_case_without_the_rrule_prefix(journal, today):
    ritual = journal.rituals.add("Walk", "RRULE:freq=weekly;byday=su")
    assert ritual.rrule == "FREQ=WEEKLY;BYDAY=SU"


def test_update_and_delete(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 1))
    walk = journal.rituals.update(walk.id, name="Sunday walk", time_of_day="10:30")
    assert (walk.name, walk.time_of_day) == ("Sunday walk", "10:30")
    with pytest.raises(InvalidInput, match="set_active"):
        journal.rituals.update(walk.id, active=False)
    with pytest.raises(InvalidInput,
                       match="'sometimes' is not one of daily, weekly, monthly or yearly"):
        journal.rituals.update(walk.id, rrule="FREQ=SOMETIMES")
    assert journal.rituals.get(walk.id).rrule == "FREQ=WEEKLY;BYDAY=SU"
    journal.rituals.mark(walk.id, date(2025, 3, 2), "done")
    journal.rituals.mark(walk.id, date(2025, 3, 9), "skipped")
    assert journal.rituals.delete(walk.id) == 2
    assert journal.scalar("SELECT count(*) FROM ritual_log") == 0
    with pytest.raises(NotFound):
        journal.rituals.get(walk.id)
    with pytest.raises(NotFound):
        journal.rituals.delete(walk.id)


# ------------------------------------------------------------------ due days


def test_the_31st_is_due_only_in_months_that_have_one(journal, today):
    ritual = journal.rituals.add("Month end", "FREQ=MONTHLY;BYMONTHDAY=31",
                                 dtstart=date(2025, 1, 1))
    days = due_days(journal, ritual.id, date(2025, 1, 1), date(2025, 12, 31))
    assert [d.month for d in days] == [1, 3, 5, 7, 8, 10, 12]
    assert all(d.day == 31 for d in days)


def test_the_last_day_of_every_month_with_bymonthday_minus_one(journal, today):
    ritual = journal.rituals.add("Month end", "FREQ=MONTHLY;BYMONTHDAY=-1",
                                 dtstart=date(2024, 1, 1))
    days = due_days(journal, ritual.id, date(2024, 1, 1), date(2025, 12, 31))
    assert len(days) == 24
    assert date(2024, 2, 29) in days and date(2025, 2, 28) in days
    assert all((d + timedelta(days=1)).day == 1 for d in days)


def test_a_leap_day_ritual_comes_every_four_years(journal, today):
    ritual = journal.rituals.add("Leap day", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                                 dtstart=date(2023, 6, 1))
    assert due_days(journal, ritual.id, date(2023, 1, 1), date(2033, 12, 31)) == [
        date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29)]
    # 1900 was not a leap year: from 1897 the next one is 1904, within the eight years.
    old = journal.rituals.add("Old leap day", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                              dtstart=date(1900, 1, 1))
    assert due_days(journal, old.id, date(1900, 1, 1), date(1908, 12, 31)) == [
        date(1904, 2, 29), date(1908, 2, 29)]


def test_quarterly_family_meeting_is_the_first_sunday_every_three_months(journal, today):
    ritual = journal.rituals.add_from_template("family_boundary_meeting",
                                               dtstart=date(2025, 1, 1))
    assert due_days(journal, ritual.id, date(2025, 1, 1), date(2026, 1, 31)) == [
        date(2025, 1, 5), date(2025, 4, 6), date(2025, 7, 6), date(2025, 10, 5),
        date(2026, 1, 4)]


def test_first_saturday_across_the_year_boundary(journal, today):
    ritual = journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 11, 1))
    assert due_days(journal, ritual.id, date(2025, 11, 1), date(2026, 2, 28)) == [
        date(2025, 11, 1), date(2025, 12, 6), date(2026, 1, 3), date(2026, 2, 7)]


def test_weekly_across_new_year_and_an_iso_week_53(journal, today):
    ritual = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=TH", dtstart=date(2026, 12, 1))
    days = due_days(journal, ritual.id, date(2026, 12, 20), date(2027, 1, 10))
    assert days == [date(2026, 12, 24), date(2026, 12, 31), date(2027, 1, 7)]
    assert date(2026, 12, 31).isocalendar()[1] == 53


def test_the_start_day_is_due_only_when_the_rule_falls_on_it(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 5))
    assert due_days(journal, walk.id, date(2025, 3, 1), date(2025, 3, 16)) == [
        date(2025, 3, 9), date(2025, 3, 16)]


@pytest.mark.parametrize("change_day, before, after", [
    # Spring forward in Berlin: Sunday 30 March 2025, 02:00 -> 03:00 (a 23-hour day).
    (date(2025, 3, 30), datetime(2025, 3, 30, 1, 30), datetime(2025, 3, 30, 23, 30)),
    # Fall back: Sunday 26 October 2025, 03:00 -> 02:00 (a 25-hour day).
    (date(2025, 10, 26), datetime(2025, 10, 26, 0, 30), datetime(2025, 10, 26, 23, 30)),
])
def test_the_week_the_clocks_change(journal, monkeypatch, change_day, before, after):
    monday = change_day - timedelta(days=6)
    freeze(monkeypatch, before.replace(tzinfo=BERLIN))
    daily = journal.rituals.add("Download", "FREQ=DAILY", dtstart=monday - timedelta(days=7))
    sunday = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", time_of_day="02:30",
                                 dtstart=monday - timedelta(days=7))
    week = journal.rituals.due(monday, change_day)
    assert list(week) == [monday + timedelta(days=n) for n in range(7)]
    assert all(daily.id in [r.id for r in items] for items in week.values())
    assert [d for d, items in week.items() if any(r.id == sunday.id for r in items)] == [
        change_day]
    assert dates.today() == change_day
    journal.rituals.mark(sunday.id, change_day, "done", note="clocks changed, we walked")
    assert journal.rituals.kept_and_due(monday, change_day) == (1, 8)
    # Late on the same day, after the change: still the same day, still one mark.
    freeze(monkeypatch, after.replace(tzinfo=BERLIN))
    assert dates.today() == change_day
    journal.rituals.mark(sunday.id, change_day, "done", note="edited after the change")
    assert journal.scalar("SELECT count(*) FROM ritual_log") == 1
    states = journal.rituals.day_status(monday, change_day + timedelta(days=1))
    assert [d.state for d in states[change_day]] == ["done", "due"]  # the walk has a time
    assert [d.state for d in states[change_day + timedelta(days=1)]] == ["upcoming"]


def test_due_maps_every_day_of_the_range(journal, today):
    assert journal.rituals.due(date(2025, 3, 1), date(2025, 3, 3)) == {
        date(2025, 3, 1): [], date(2025, 3, 2): [], date(2025, 3, 3): []}
    with pytest.raises(InvalidInput, match="before it starts"):
        journal.rituals.due(date(2025, 3, 3), date(2025, 3, 1))


def test_next_due(journal, today):
    month_end = journal.rituals.add("Month end", "FREQ=MONTHLY;BYMONTHDAY=31",
                                    dtstart=date(2025, 1, 1))
    assert journal.rituals.next_due(month_end.id, date(2025, 4, 1)) == [
        date(2025, 5, 31), date(2025, 7, 31), date(2025, 8, 31)]


# ------------------------------------------------------------------ pausing


def test_a_paused_ritual_is_not_due_and_its_record_stays(journal, today):
    daily = journal.rituals.add("Download", "FREQ=DAILY", dtstart=date(2025, 3, 1))
    journal.rituals.set_active(daily.id, False, on=date(2025, 3, 5))
    paused = journal.rituals.get(daily.id)
    assert not paused.active
    assert journal.rituals.list(active=False) == [paused]
    assert journal.rituals.kept_and_due(date(2025, 3, 1), date(2025, 3, 12)) == (0, 4)
    with pytest.raises(InvalidInput, match="not due"):
        journal.rituals.mark(daily.id, date(2025, 3, 6), "done")
    journal.rituals.set_active(daily.id, True, on=date(2025, 3, 10))
    assert journal.rituals.get(daily.id).active
    days = due_days(journal, daily.id, date(2025, 3, 1), date(2025, 3, 12))
    assert [d.day for d in days] == [1, 2, 3, 4, 10, 11, 12]
    # Paused and taken up again on the same day leaves no pause behind.
    journal.rituals.set_active(daily.id, False, on=date(2025, 3, 12))
    journal.rituals.set_active(daily.id, True, on=date(2025, 3, 12))
    assert len(journal.rituals.get(daily.id).pauses) == 1


# ------------------------------------------------------------------ marks


def test_marking_twice_changes_the_mark_never_duplicates(journal, today):
    download = journal.rituals.add_from_template("five_minute_download",
                                                 dtstart=date(2025, 3, 1))
    first = journal.rituals.mark(download.id, date(2025, 3, 10), "done", note="tired but did it",
                                 positive="the demo worked", negative="the call at four")
    again = journal.rituals.mark(download.id, date(2025, 3, 10), "skipped", note="actually not",
                                 reason="busy")
    assert again.id == first.id
    assert (again.status, again.note, again.reason) == ("skipped", "actually not", "busy")
    assert journal.scalar("SELECT count(*) FROM ritual_log") == 1
    with pytest.raises(sqlite3.IntegrityError):
        journal.conn.execute(
            "INSERT INTO ritual_log (ritual_id, on_date, status, created_at, updated_at)"
            " VALUES (?, '2025-03-10', 'done', 'x', 'x')", (download.id,))


def test_marks_are_checked_and_nothing_is_saved_half_way(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 1))
    with pytest.raises(InvalidInput, match="not due on Mon 10 Mar 2025"):
        journal.rituals.mark(walk.id, date(2025, 3, 10), "done")
    with pytest.raises(InvalidInput, match="has not come yet"):
        journal.rituals.mark(walk.id, date(2025, 3, 16), "done")
    with pytest.raises(InvalidInput, match="over the limit"):
        journal.rituals.mark(walk.id, date(2025, 3, 9), "done", note="x" * (RITUAL_NOTE_MAX + 1))
    with pytest.raises(InvalidInput, match="no reason called 'lazy'"):
        journal.rituals.mark(walk.id, date(2025, 3, 9), "missed", reason="lazy")
    with pytest.raises(InvalidInput,
                       match="The status [(]'sort of'[)] should be one of: done, skipped or missed"):
        journal.rituals.mark(walk.id, date(2025, 3, 9), "sort of")
    with pytest.raises(NotFound):
        journal.rituals.mark(999, date(2025, 3, 9), "done")
    assert journal.scalar("SELECT count(*) FROM ritual_log") == 0
    # A day to come can be skipped ahead; done needs the day to have come.
    ahead = journal.rituals.mark(walk.id, date(2025, 3, 16), "skipped", reason="chose_not_to")
    assert ahead.status == "skipped"
    # A reason belongs to skipped or missed days only.
    done = journal.rituals.mark(walk.id, date(2025, 3, 9), "done", reason="busy",
                                note="x" * RITUAL_NOTE_MAX)
    assert done.reason is None


def test_text_is_kept_as_typed_and_found_by_search(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 1))
    log = journal.rituals.mark(walk.id, date(2025, 3, 9), "done", note="[red]river[/] 🌊",
                               positive="held hands", negative="rain\x1b[2J")
    assert log.note == "[red]river[/] 🌊" and log.negative == "rain[2J"
    hits = journal.search("river", kinds=["ritual_note"])
    assert [(h.kind, h.id) for h in hits] == [("ritual_note", log.id)]
    journal.rituals.mark(walk.id, date(2025, 3, 9), "done", note="the lake this time")
    assert journal.search("river", kinds=["ritual_note"]) == []
    assert [h.id for h in journal.search("lake")] == [log.id]


def test_missed_is_worked_out_and_a_reason_can_be_kept(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU,WE", dtstart=date(2025, 3, 1))
    journal.rituals.mark(walk.id, date(2025, 3, 2), "done")
    journal.rituals.mark(walk.id, date(2025, 3, 5), "skipped")
    journal.rituals.mark(walk.id, date(2025, 3, 9), "missed", reason="conflict",
                         note="after the row about the holidays")
    states = journal.rituals.day_status(date(2025, 3, 1), date(2025, 3, 16))
    seen = {d: [(i.state, i.reason) for i in items] for d, items in states.items() if items}
    assert seen == {
        date(2025, 3, 2): [("done", None)],
        date(2025, 3, 5): [("skipped", None)],
        date(2025, 3, 9): [("missed", "conflict")],
        date(2025, 3, 12): [("due", None)],
        date(2025, 3, 16): [("upcoming", None)],
    }
    assert journal.scalar("SELECT count(*) FROM ritual_log") == 3
    assert [d.name for d in journal.rituals.today_open()] == ["Walk"]
    assert journal.rituals.unmark(walk.id, date(2025, 3, 9))
    assert not journal.rituals.unmark(walk.id, date(2025, 3, 9))
    states = journal.rituals.day_status(date(2025, 3, 9), date(2025, 3, 9))
    assert [(i.state, i.marked) for i in states[date(2025, 3, 9)]] == [("missed", False)]


def test_a_mark_outlives_a_change_of_rule(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 1))
    journal.rituals.mark(walk.id, date(2025, 3, 2), "done", note="kept")
    journal.rituals.update(walk.id, rrule="FREQ=WEEKLY;BYDAY=SA")
    items = journal.rituals.day_status(date(2025, 3, 2), date(2025, 3, 2))[date(2025, 3, 2)]
    assert [(i.state, i.due, i.note) for i in items] == [("done", False, "kept")]
    # It can still be edited there.
    journal.rituals.mark(walk.id, date(2025, 3, 2), "done", note="kept, edited")


def test_logs_and_get_mark(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 1))
    one = journal.rituals.mark(walk.id, date(2025, 3, 9), "done")
    two = journal.rituals.mark(walk.id, date(2025, 3, 2), "skipped")
    assert [log.id for log in journal.rituals.logs(date(2025, 3, 1), date(2025, 3, 31))] == [
        two.id, one.id]
    assert journal.rituals.get_mark(walk.id, date(2025, 3, 9)) == one
    assert journal.rituals.get_mark(walk.id, date(2025, 3, 16)) is None


def test_read_back_as_stored_without_validation(journal, today):
    from storage import rows
    from storage.models import StoredRitual
    from storage.models import StoredRitualLog as StoredLog

    download = journal.rituals.add_from_template("five_minute_download", time_of_day="18:30",
                                                 dtstart=date(2025, 3, 1))
    journal.rituals.set_active(download.id, False, on=date(2025, 3, 5))
    journal.rituals.set_active(download.id, True, on=date(2025, 3, 8))
    log = journal.rituals.mark(download.id, date(2025, 3, 11), "missed", reason="forgot",
                               note="[red]late[/]")
    ritual = journal.rituals.get(download.id)
    validated = rows.get(journal, "rituals", StoredRitual, download.id)
    for name in StoredRitual.model_fields:
        if name != "pauses":
            assert getattr(ritual, name) == getattr(validated, name), name
    assert [(p.start, p.end) for p in ritual.pauses] == [
        (p.start, p.end) for p in validated.pauses] == [(date(2025, 3, 5), date(2025, 3, 8))]
    validated_log = rows.get(journal, "ritual_log", StoredLog, log.id)
    for name in StoredLog.model_fields:
        assert getattr(log, name) == getattr(validated_log, name), name
    assert journal.rituals.list() == [ritual]
    assert journal.rituals.logs(date(2025, 3, 1), date(2025, 3, 31)) == [log]
    with pytest.raises(NotFound, match="no ritual mark with id 99"):
        journal.rituals.get_log(99)


def test_showing_rituals_needs_neither_pydantic_nor_content(journal, today):
    """What the Rituals pane reads (the list, one ritual, a month, streaks, a rule in words,
    a mark) is read back without validation: a fresh process never imports the models,
    pydantic or content/ for it."""
    import subprocess
    import sys
    import textwrap

    walk = journal.rituals.add_from_template("walk_and_talk", dtstart=date(2025, 3, 1))
    journal.rituals.mark(walk.id, date(2025, 3, 9), "missed", reason="busy")
    script = textwrap.dedent(f"""
        import sys
        from datetime import date
        from storage import Journal
        from storage.rituals import _Schedule, describe_rule

        with Journal.open({str(journal.path)!r}) as journal:
            rituals = journal.rituals
            ritual = rituals.get({walk.id})
            assert rituals.list() == [ritual]
            describe_rule(ritual.rrule, ritual.dtstart)
            rituals.day_status(date(2025, 3, 1), date(2025, 3, 31), today=date(2025, 3, 12))
            rituals.all_streaks(date(2025, 3, 12))
            assert rituals.get_mark({walk.id}, date(2025, 3, 9)).reason == "busy"
            with journal.reader() as reader:
                reader.rituals.list()
        print(sorted(m for m in ("pydantic", "storage.models", "content") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("rule, parts", [
    ("FREQ=WEEKLY;BYDAY=SU", {"FREQ": "WEEKLY", "BYDAY": "SU"}),
    ("RRULE:freq=monthly;bymonthday=-1", {"FREQ": "MONTHLY", "BYMONTHDAY": "-1"}),
    (" FREQ=DAILY ; ", {"FREQ": "DAILY"}),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=+1SU", {"FREQ": "MONTHLY", "INTERVAL": "3", "BYDAY": "+1SU"}),
])
def test_rule_parts_reads_each_name_and_value(rule, parts):
    """The one reading of a rule's parts (storage.rituals.rule_parts): the models check a
    rule with it and describe_rule puts it in words with it."""
    from storage import models
    from storage.rituals import rule_parts

    assert rule_parts(rule) == parts
    assert models.rule_parts is rule_parts
    with pytest.raises(ValueError):
        rule_parts("every sunday")


# ------------------------------------------------------------------ streaks and rates


def test_streaks_skips_do_not_break_them_misses_do_and_today_waits(journal, today):
    daily = journal.rituals.add("Download", "FREQ=DAILY", dtstart=date(2025, 2, 26))
    plan = {  # 26 Feb .. 11 Mar; 12 Mar (today) unmarked
        date(2025, 2, 26): "done", date(2025, 2, 27): "done", date(2025, 2, 28): "done",
        date(2025, 3, 1): "done",
        # 2 March: nothing -> missed
        date(2025, 3, 3): "done", date(2025, 3, 4): "skipped", date(2025, 3, 5): "done",
        date(2025, 3, 6): "done", date(2025, 3, 7): "done", date(2025, 3, 8): "done",
        date(2025, 3, 9): "skipped", date(2025, 3, 10): "done", date(2025, 3, 11): "done",
    }
    for day, status in plan.items():
        journal.rituals.mark(daily.id, day, status)
    stats = journal.rituals.streaks(daily.id)
    assert (stats.current, stats.longest) == (7, 7)
    assert (stats.kept, stats.due) == (11, 15)  # 26 Feb .. 12 Mar is within four weeks
    assert stats.rate == pytest.approx(11 / 15)
    # The next day, with today (12 March) left unmarked, the streak is over.
    assert journal.rituals.streaks(daily.id, today=date(2025, 3, 13)).current == 0
    assert journal.rituals.all_streaks()[daily.id] == stats


def test_streaks_of_a_weekly_ritual_and_an_empty_one(journal, today):
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 1, 1))
    for day in (date(2025, 2, 16), date(2025, 2, 23), date(2025, 3, 2), date(2025, 3, 9)):
        journal.rituals.mark(walk.id, day, "done")
    stats = journal.rituals.streaks(walk.id)
    assert (stats.current, stats.longest, stats.kept, stats.due) == (4, 4, 4, 4)
    missed_one = journal.rituals.streaks(walk.id, today=date(2025, 3, 23))
    assert (missed_one.current, missed_one.longest, missed_one.kept, missed_one.due) == (
        0, 4, 2, 4)
    fresh = journal.rituals.add("New", "FREQ=DAILY", dtstart=date(2025, 3, 13))
    empty = journal.rituals.streaks(fresh.id)
    assert (empty.current, empty.longest, empty.kept, empty.due, empty.rate) == (
        0, 0, 0, 0, None)


def test_kept_and_due_counts_due_days_only_up_to_today(journal, today):
    daily = journal.rituals.add("Download", "FREQ=DAILY", dtstart=date(2025, 3, 1))
    walk = journal.rituals.add("Walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 1))
    journal.rituals.mark(daily.id, date(2025, 3, 10), "done")
    journal.rituals.mark(daily.id, date(2025, 3, 11), "skipped")
    journal.rituals.mark(walk.id, date(2025, 3, 9), "done")
    journal.rituals.mark(walk.id, date(2025, 3, 16), "skipped")
    # The week of 10-16 March: seven downloads and a walk, but only 10-12 have come.
    assert journal.rituals.kept_and_due(date(2025, 3, 10), date(2025, 3, 16)) == (1, 3)
    assert journal.rituals.kept_and_due(date(2025, 3, 3), date(2025, 3, 9)) == (1, 8)
    assert journal.rituals.kept_and_due(date(2025, 3, 17), date(2025, 3, 23)) == (0, 0)
    assert journal.rituals.kept_and_due(date(2025, 2, 1), date(2025, 2, 28)) == (0, 0)


# ------------------------------------------------------------------ words and files


@pytest.mark.parametrize("rule, start, words", [
    ("FREQ=DAILY", None, "Every day"),
    ("FREQ=DAILY;INTERVAL=2", None, "Every other day"),
    ("FREQ=DAILY;INTERVAL=3", None, "Every 3 days"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None, "Every weekday"),
    ("FREQ=WEEKLY;BYDAY=FR,TU", None, "Every Tuesday and Friday"),
    ("FREQ=WEEKLY", date(2025, 3, 9), "Every Sunday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", None, "Every other Saturday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", None, "Every other Wednesday"),
    ("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH", None, "Every 3 weeks on Monday and Thursday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", None, "Every other week, on weekdays"),
    ("FREQ=MONTHLY;BYDAY=-1SU", None, "The last Sunday of every month"),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU", None, "The second Tuesday, every other month"),
    ("FREQ=MONTHLY;INTERVAL=18;BYDAY=+4TH", None, "The fourth Thursday, every 18 months"),
    ("FREQ=YEARLY;INTERVAL=2", date(2026, 3, 4), "Every other year on 4 March"),
    ("FREQ=MONTHLY;BYDAY=+1SA", None, "The first Saturday of every month"),
    ("FREQ=MONTHLY;BYDAY=-1FR", None, "The last Friday of every month"),
    ("FREQ=MONTHLY;BYMONTHDAY=31", None, "The 31st of every month"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", None, "The last day of every month"),
    ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", None, "The 1st, every three months"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", None, "Every year on 29 February"),
    ("FREQ=WEEKLY;BYDAY=SU;COUNT=4", None, "Every Sunday, 4 times"),
    ("FREQ=DAILY;UNTIL=20251231", None, "Every day, until 31 December 2025"),
    ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", None, "A custom rule"),
])
def test_rules_in_plain_words(rule, start, words):
    assert describe_rule(rule, start) == words


def test_rituals_pauses_and_marks_go_out_and_come_back(journal, other_journal, today):
    download = journal.rituals.add_from_template("five_minute_download",
                                                 dtstart=date(2025, 3, 1))
    journal.rituals.set_active(download.id, False, on=date(2025, 3, 5))
    journal.rituals.set_active(download.id, True, on=date(2025, 3, 8))
    journal.rituals.mark(download.id, date(2025, 3, 10), "done", positive="sun on the way home",
                         negative="a hard call")
    journal.rituals.mark(download.id, date(2025, 3, 11), "missed", reason="forgot")
    data = export_json(journal)
    assert import_json(other_journal, data)["ritual_log"] == 2
    assert import_json(other_journal, data)["ritual_log"] == 0
    copy = other_journal.rituals.list()[0]
    assert copy.pauses == journal.rituals.get(download.id).pauses
    assert other_journal.rituals.kept_and_due(date(2025, 3, 1), date(2025, 3, 12)) == (1, 9)
    text = export_markdown(journal)
    for piece in ("A ritual begins: Five-minute download", "Every day (`FREQ=DAILY`)",
                  "from 05 Mar 2025 to 08 Mar 2025", "Five-minute download: done",
                  "sun on the way home", "a hard call", "Five-minute download: missed",
                  "forgot"):
        assert piece in text, piece


@pytest.fixture
def other_journal(tmp_path, empty_journal_bytes):
    from storage import Journal

    path = tmp_path / "other" / "journal.db"
    path.parent.mkdir()
    path.write_bytes(empty_journal_bytes)
    with Journal.open(path) as opened:
        yield opened


# -------------------------------------------------------------- the plainest rules, by arithmetic

_PLAIN_RULES = st.one_of(
    st.just("FREQ=DAILY"),
    st.integers(1, 40).map(lambda n: f"FREQ=DAILY;INTERVAL={n}"),
    st.just("FREQ=WEEKLY"),
    st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]).map(
        lambda d: f"FREQ=WEEKLY;BYDAY={d}"),
)


@settings(max_examples=300, deadline=None)
@given(rule=_PLAIN_RULES, start=st.dates(date(1990, 1, 1), date(2060, 12, 31)),
       offset=st.integers(-400, 4000), span=st.integers(0, 800))
def test_every_n_days_and_weekly_on_one_day_match_dateutil(rule, start, offset, span):
    """These rules skip dateutil's iterator; they must give exactly the days it gives."""
    from dateutil.rrule import rrulestr

    plan = _Schedule(rule, start)
    assert plan._step, "the rule should take the arithmetic path"
    first = start + timedelta(days=offset)
    last = first + timedelta(days=span)
    expected = [
        moment.toordinal() for moment in rrulestr(rule, dtstart=datetime.combine(
            start, datetime.min.time())).between(
            datetime.combine(first, datetime.min.time()),
            datetime.combine(last, datetime.min.time()), inc=True)
    ]
    assert plan.between(first.toordinal(), last.toordinal()) == expected
    assert plan.count(first.toordinal(), last.toordinal()) == len(expected)


@pytest.mark.parametrize("rule", [
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", "FREQ=WEEKLY;BYDAY=SA,SU", "FREQ=MONTHLY;BYDAY=+1SA",
    "FREQ=DAILY;BYMONTH=6", "FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;BYDAY=+1SU",
])
def test_any_other_rule_is_left_to_dateutil(rule):
    assert not _Schedule(rule, date(2025, 3, 1))._step


def test_streaks_read_marks_across_month_year_and_leap_day(journal, today):
    daily = journal.rituals.add("Download", "FREQ=DAILY", dtstart=date(2023, 12, 25))
    day = date(2023, 12, 25)
    while day <= date(2024, 3, 5):  # over a new year and 29 February 2024
        journal.rituals.mark(daily.id, day, "done")
        day += timedelta(days=1)
    stats = journal.rituals.streaks(daily.id, today=date(2024, 3, 5))
    assert (stats.current, stats.longest) == (72, 72)
    assert (stats.kept, stats.due) == (28, 28)
    later = journal.rituals.streaks(daily.id, today=date(2024, 3, 8))  # 6 and 7 March missed
    assert (later.current, later.longest) == (0, 72)


def test_a_second_ritual_with_the_same_name_is_refused_in_plain_words(journal, today):
    walk = journal.rituals.add("Sunday walk", "FREQ=WEEKLY;BYDAY=SU")
    talk = journal.rituals.add("Talk", "FREQ=DAILY")
    for name in ("Sunday walk", "  sunday   WALK "):
        with pytest.raises(InvalidInput,
                           match="^You already have a ritual called 'Sunday walk'; give this"):
            journal.rituals.add(name, "FREQ=DAILY")
    with pytest.raises(InvalidInput, match="already have a ritual called 'Sunday walk'"):
        journal.rituals.update(talk.id, name="SUNDAY WALK")
    journal.rituals.set_active(walk.id, False)  # paused, and still its name
    with pytest.raises(InvalidInput, match="already have a ritual called"):
        journal.rituals.add_from_template("walk_and_talk", name="Sunday walk")
    assert [r.name for r in journal.rituals.list()] == ["Sunday walk", "Talk"]
    assert journal.rituals.update(walk.id, name="Sunday Walk").name == "Sunday Walk"  # itself
    assert journal.rituals.add("Sunday walk, longer", "FREQ=DAILY").name == "Sunday walk, longer"
