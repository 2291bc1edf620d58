"""A year at a glance: each day's level from its entries and kept rituals, the grid and its
legend in characters, and the writing streak; and doctor's repair of the tag table."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from storage import InvalidInput
from storage.year import MARKS, OUTSIDE, _streaks, legend, level, year_at_a_glance

TODAY = date(2026, 3, 25)


def write(journal, day: date, n: int = 1) -> None:
    for i in range(n):
        journal.entries.add(f"day {day} #{i}", occurred_at=datetime.combine(
            day, time(9 + i)).astimezone())


def test_a_days_level_counts_its_entries_and_the_rituals_kept_on_it(journal):
    write(journal, date(2026, 3, 2), 2)
    walk = journal.rituals.add("Walk", "FREQ=DAILY", dtstart=date(2026, 3, 1))
    journal.rituals.mark(walk.id, date(2026, 3, 2), "done")
    journal.rituals.mark(walk.id, date(2026, 3, 3), "done")
    journal.rituals.mark(walk.id, date(2026, 3, 4), "skipped")  # not kept: not counted
    write(journal, date(2025, 12, 31))  # another year
    year = year_at_a_glance(journal, 2026, today=TODAY)
    assert year.count(date(2026, 3, 2)) == 3 and year.mark(date(2026, 3, 2)) == MARKS[3]
    assert year.mark(date(2026, 3, 3)) == MARKS[1]
    assert year.mark(date(2026, 3, 4)) == MARKS[0]
    assert year.mark(date(2026, 3, 26)) == OUTSIDE  # still to come
    assert (year.days_written, year.days_kept) == (1, 2)
    assert year.to_json()["days"] == [
        {"day": "2026-03-02", "entries": 2, "rituals_kept": 1, "level": 3},
        {"day": "2026-03-03", "entries": 0, "rituals_kept": 1, "level": 1},
    ]
    assert level(0) == 0 and level(9) == len(MARKS) - 1


def test_the_grid_has_a_row_per_weekday_and_a_column_per_week(journal):
    write(journal, date(2026, 1, 1))  # a Thursday
    lines = year_at_a_glance(journal, 2026, today=date(2026, 12, 31)).lines()
    assert lines[0].startswith("2026 Jan")
    rows = dict(line.split(" ", 1) for line in lines[1:8])
    assert list(rows) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    # 1 January is a Thursday: the first week's Monday to Wednesday lie in 2025.
    cells = {name: row[1:] for name, row in rows.items()}  # after the label's padding
    assert cells["Mon"].startswith(OUTSIDE) and cells["Thu"].startswith(MARKS[1])
    assert cells["Fri"].startswith(MARKS[0])
    assert max(len(line) for line in lines[:8]) <= 60
    assert legend() in lines
    assert all(mark in legend() for mark in MARKS) and "4 or more" in legend()
    assert len(set(MARKS)) == len(MARKS) and OUTSIDE not in MARKS


def test_streaks_run_up_to_today_and_today_unwritten_does_not_break_one():
    days = [date(2026, 3, d) for d in (1, 2, 3, 4, 10, 22, 23, 24)]
    assert _streaks(days, TODAY) == (3, 4, date(2026, 3, 4))
    assert _streaks(days + [TODAY], TODAY) == (4, 4, date(2026, 3, 4))
    assert _streaks(days[:5], TODAY) == (0, 4, date(2026, 3, 4))
    assert _streaks([], TODAY) == (0, 0, None)


def test_the_streak_is_read_from_entries_across_years(journal):
    for n in range(5):
        write(journal, TODAY - timedelta(days=n + 1))
    write(journal, date(2025, 12, 30))
    write(journal, date(2025, 12, 31))
    write(journal, date(2026, 1, 1))
    year = year_at_a_glance(journal, 2025, today=TODAY)
    assert (year.current_streak, year.longest_streak) == (5, 5)
    assert year.days_written == 2
    summary = year_at_a_glance(journal, 2026, today=TODAY).summary()
    assert summary[1] == "Writing streak: 5 days in a row, up to today."


def test_a_year_out_of_range_is_one_clear_line(journal):
    with pytest.raises(InvalidInput, match="from 1900 to 2999"):
        year_at_a_glance(journal, 3000)


# ---------------------------------------------------------------- doctor: the tag table


def outside_entry(journal, body: str, title: str = "") -> int:
    """An entry added the way sqlite-utils insert would: the row only, no tag rows."""
    with journal.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO entries(created_at, updated_at, occurred_at, day, title, body)"
            " VALUES ('2026-03-01T09:00:00+00:00', '2026-03-01T09:00:00+00:00',"
            " '2026-03-01T09:00:00+00:00', '2026-03-01', ?, ?)", (title, body))
    return cur.lastrowid


def test_doctor_finds_tags_written_in_rows_added_from_outside_and_registers_them(journal):
    inside = journal.entries.add("written in closer #walk", tags=["given"])
    added = outside_entry(journal, "a long talk #Us and #walk", title="#sunday")
    report = journal.doctor()
    assert (report["tags"], report["tags_missing"]) == ("needs repair", 3)
    assert journal.unregistered_tags() == [(added, "sunday"), (added, "us"), (added, "walk")]
    assert [e.id for e in journal.entries.list(tag="walk")] == [inside.id]

    assert journal.register_tags() == 3
    assert journal.doctor()["tags"] == "ok"
    assert sorted(e.id for e in journal.entries.list(tag="walk")) == sorted([inside.id, added])
    assert set(journal.entries.get(added).tags) == {"sunday", "us", "walk"}
    assert journal.entries.get(inside.id).tags  # what was there stays
    assert journal.register_tags() == 0  # whole already: nothing to add
