"""The two meanings of a week (storage.weeks): ISO weeks, in Python and in SQL, and rolling
windows of days ending on a day."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest

from storage.dates import local_day
from storage.weeks import (
    blocks,
    week_end,
    week_key,
    week_label,
    week_start,
    week_start_sql,
    week_words,
    window,
    window_before,
)

# ------------------------------------------------------------------ ISO weeks


def test_a_week_runs_monday_to_sunday():
    assert week_start(date(2025, 3, 12)) == date(2025, 3, 10)  # a Wednesday
    assert week_start(date(2025, 3, 10)) == date(2025, 3, 10)  # the Monday itself
    assert week_start(date(2025, 3, 16)) == date(2025, 3, 10)  # a Sunday stays in its week
    assert week_end(date(2025, 3, 10)) == week_end(date(2025, 3, 16)) == date(2025, 3, 16)


@pytest.mark.parametrize(
    ("day", "monday", "label"),
    [
        (date(2026, 12, 28), date(2026, 12, 28), "2026-W53"),
        (date(2026, 12, 31), date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 1), date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 3), date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 4), date(2027, 1, 4), "2027-W01"),
        (date(2025, 12, 29), date(2025, 12, 29), "2026-W01"),
        (date(2024, 2, 29), date(2024, 2, 26), "2024-W09"),
    ],
)
def test_iso_week_of_a_day(day, monday, label):
    assert week_start(day) == monday
    assert week_label(week_start(day)) == week_label(day) == label
    assert week_key(day) == (int(label[:4]), int(label[-2:]))


def test_the_sql_week_is_the_python_week_on_every_day_of_two_years():
    """Every weekday of 2026 and 2027: the DST changes, and 1 January 2027, which belongs to
    2026's last ISO week."""
    conn = sqlite3.connect(":memory:")
    try:
        first = date(2026, 1, 1)
        days = [first + timedelta(days=n) for n in range(365 * 2)]
        for day in days:
            found = conn.execute(f"SELECT {week_start_sql('?')}", (day.isoformat(),)).fetchone()
            assert found[0] == week_start(day).isoformat(), day
    finally:
        conn.close()
    assert {day.weekday() for day in days} == set(range(7))


def test_look_back_weeks_group_records_by_the_local_day_across_clock_changes(journal, berlin):
    """Entries just after midnight and just before it, local time, on the days around both
    changes of clock and the turn of 2026 into 2027: Look back's SQL puts each in the ISO
    week of its local day, as Python does."""
    days = [date(2026, 3, 28) + timedelta(days=n) for n in range(4)]
    days += [date(2026, 10, 24) + timedelta(days=n) for n in range(4)]
    days += [date(2026, 12, 31) + timedelta(days=n) for n in range(5)]
    expected: dict[date, int] = {}
    for day in days:
        for hour, minute in ((0, 10), (23, 50)):
            moment = datetime.combine(day, clock(hour, minute)).astimezone()
            journal.entries.add(f"{day} {hour}", occurred_at=moment)
            monday = week_start(local_day(moment))
            expected[monday] = expected.get(monday, 0) + 1
    weeks = journal.review.weeks(date(2026, 3, 23), date(2027, 1, 10), today=date(2027, 1, 10))
    assert {w.start: w.entries for w in weeks if w.entries} == expected
    assert expected[date(2026, 12, 28)] == 8  # 31 Dec to 3 Jan, in 2026-W53


# ------------------------------------------------------------------ rolling windows


def test_a_window_is_the_days_ending_on_a_day():
    assert window(date(2025, 3, 28), 28) == (date(2025, 3, 1), date(2025, 3, 28))
    assert window(date(2025, 3, 28), 1) == (date(2025, 3, 28), date(2025, 3, 28))
    assert window_before(date(2025, 3, 1), 28) == (date(2025, 2, 1), date(2025, 2, 28))


def test_blocks_end_on_the_day_oldest_first_without_gaps():
    spans = blocks(date(2025, 3, 28), 3)
    assert spans == [
        (date(2025, 3, 8), date(2025, 3, 14)),
        (date(2025, 3, 15), date(2025, 3, 21)),
        (date(2025, 3, 22), date(2025, 3, 28)),
    ]
    assert spans[-1] == window(date(2025, 3, 28), 7)
    assert blocks(date(2025, 3, 28), 4)[0][0] == window(date(2025, 3, 28), 28)[0]


@pytest.mark.parametrize(
    ("day", "words", "with_year"),
    [
        (date(2026, 12, 3), "week of 30 Nov", "Week of 30 Nov 2026"),
        (date(2026, 11, 30), "week of 30 Nov", "Week of 30 Nov 2026"),
        (date(2027, 1, 1), "week of 28 Dec", "Week of 28 Dec 2026"),  # Monday's year
        (date(2027, 1, 10), "week of 4 Jan", "Week of 4 Jan 2027"),
    ],
)
def test_a_week_is_named_to_people_by_its_monday(day, words, with_year):
    assert week_words(day) == words
    assert week_words(day, year=True, capital=True) == with_year


def test_people_never_read_an_iso_week(journal):
    """Look back's words, ``closer weeks`` and the brief name weeks by their Monday; only
    the JSON keeps the ISO label."""
    from storage.review import WeekFigures

    week = WeekFigures(start=date(2026, 11, 30), entries=1)
    assert week.line().startswith("Week of 30 Nov 2026  entries 1")
    assert "W49" not in week.line() and "W49" not in week.words
    assert week.to_json()["week"] == "2026-W49"
