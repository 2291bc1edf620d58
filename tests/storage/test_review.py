"""Look back's figures: ISO weeks and their edges, the numbers of a week, summaries in plain
sentences, "on this day", sparklines and filters, all on fixed data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from storage import InvalidInput, rows
from storage.models import LoopEventIn, RitualIn, RitualLogIn, ThoughtRecordIn
from storage.review import Filters, WeekFigures, summarize
from storage.weeks import week_start

TODAY = date(2027, 1, 20)


def at(day: date, hour: int = 20, minute: int = 0) -> datetime:
    """A local, aware moment on ``day`` (the day a record belongs to is its local date)."""
    return datetime.combine(day, time(hour, minute)).astimezone()


def entry(journal, day: date, text: str = "a few words", hour: int = 20, minute: int = 0,
          **fields):
    return journal.entries.add(text, occurred_at=at(day, hour, minute), **fields)


def record(journal, day: date, before: int | None, after: int | None, **fields):
    model = ThoughtRecordIn(occurred_at=at(day), story_belief_before=before,
                            story_belief_after=after, **fields)
    return rows.insert(journal, "thought_records", model)


def moment(journal, day: date, intensity: int, ending: str = "unresolved", **fields):
    model = LoopEventIn(occurred_at=at(day), intensity=intensity, ending=ending, **fields)
    return rows.insert(journal, "loop_events", model)


class FakeRituals:
    """Stands in for the rituals engine: two rituals due each week, up to today."""

    def __init__(self, journal):
        self.journal = journal
        self.asked: list[tuple[date, date]] = []

    def kept_and_due(self, start: date, end: date) -> tuple[int, int]:
        self.asked.append((start, end))
        kept = self.journal.scalar(
            "SELECT count(*) FROM ritual_log WHERE status = 'done' AND on_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )
        return kept, 2


@pytest.fixture
def rituals(journal):
    fake = FakeRituals(journal)
    journal.__dict__["rituals"] = fake  # the cached property, filled in advance
    return fake


def ritual(journal, start: date) -> int:
    return rows.insert(journal, "rituals", RitualIn(
        name="Daily download", rrule="FREQ=WEEKLY;BYDAY=MO,TH", dtstart=start))


def log(journal, ritual_id: int, day: date, status: str = "done", **fields) -> int:
    return rows.insert(journal, "ritual_log", RitualLogIn(
        ritual_id=ritual_id, on_date=day, status=status, **fields))


def by_start(weeks: list[WeekFigures]) -> dict[date, WeekFigures]:
    return {w.start: w for w in weeks}


# ---------------------------------------------------------------- ISO weeks


def test_the_year_change_stays_inside_one_iso_week(journal):
    entry(journal, date(2026, 12, 31), mood=1)
    entry(journal, date(2027, 1, 1), mood=-1)
    entry(journal, date(2027, 1, 3), hour=23, minute=59)  # Sunday, last minute
    entry(journal, date(2027, 1, 4), hour=0, minute=0)    # Monday, first minute
    weeks = journal.review.weeks(date(2026, 12, 21), date(2027, 1, 10), today=TODAY)
    assert [w.label for w in weeks] == ["2027-W01", "2026-W53", "2026-W52"]  # newest first
    w53, w01 = by_start(weeks)[date(2026, 12, 28)], by_start(weeks)[date(2027, 1, 4)]
    assert (w53.entries, w53.mood, w53.moods) == (3, 0.0, 2)
    assert w53.end == date(2027, 1, 3)
    assert (w01.entries, w01.mood) == (1, None)
    assert by_start(weeks)[date(2026, 12, 21)].empty


def test_the_list_runs_from_the_first_record_to_this_week_with_empty_weeks(journal):
    entry(journal, date(2026, 12, 30))
    weeks = journal.review.weeks(today=TODAY)
    assert weeks[0].start == date(2027, 1, 18) and weeks[-1].start == date(2026, 12, 28)
    assert len(weeks) == 4
    assert [w.entries for w in weeks] == [0, 0, 0, 1]
    assert journal.review.weeks(limit=2, today=TODAY)[-1].start == date(2027, 1, 11)


def test_an_empty_journal_has_this_week_alone(journal):
    [week] = journal.review.weeks(today=TODAY)
    assert week.start == date(2027, 1, 18) and week.empty
    assert summarize(week) == [
        "Nothing was written down this week. Quiet weeks are part of the story too."]


def test_a_range_the_wrong_way_round_or_a_negative_limit_is_refused(journal):
    with pytest.raises(InvalidInput, match="after"):
        journal.review.weeks(date(2027, 2, 1), date(2027, 1, 1))
    with pytest.raises(InvalidInput, match="0 or more"):
        journal.review.weeks(limit=-1, today=TODAY)


# ---------------------------------------------------------------- the figures


def test_mood_mean_and_its_trend_against_the_week_before(journal):
    for day, mood in [(date(2027, 1, 4), -2), (date(2027, 1, 5), 0),     # mean -1
                      (date(2027, 1, 11), 1), (date(2027, 1, 12), None),  # mean +1, up
                      (date(2027, 1, 18), 1)]:                             # +1, steady
        entry(journal, day, mood=mood)
    weeks = by_start(journal.review.weeks(date(2027, 1, 4), TODAY, today=TODAY))
    assert weeks[date(2027, 1, 4)].mood_trend == ""  # no mood the week before
    assert weeks[date(2027, 1, 11)].mood_change == 2.0
    assert weeks[date(2027, 1, 11)].mood_trend == "up"
    assert weeks[date(2027, 1, 18)].mood_trend == "steady"
    # The trend of the oldest week shown still looks one week further back.
    [oldest] = journal.review.weeks(date(2027, 1, 11), date(2027, 1, 11), today=TODAY)
    assert oldest.mood_trend == "up"


def test_thought_records_loop_moments_and_stars(journal):
    monday = date(2027, 1, 11)
    record(journal, monday, 80, 40, status="complete")
    record(journal, monday + timedelta(days=2), 60, 50)
    record(journal, monday + timedelta(days=3), 70, None)  # not re-rated: no drop
    moment(journal, monday, 8)
    moment(journal, monday + timedelta(days=1), 5, "repair")
    moment(journal, monday + timedelta(days=7), 2)  # next week
    entry(journal, monday, starred=True)
    entry(journal, monday)
    [week] = journal.review.weeks(monday, monday, today=TODAY)
    assert (week.records, week.records_complete, week.rated) == (3, 1, 2)
    assert week.belief_drop == 25.0
    assert (week.moments, week.intensity, week.repairs) == (2, 6.5, 1)
    assert (week.entries, week.starred) == (2, 1)
    assert week.to_json()["belief_drop"] == 25.0
    assert week.to_json()["week"] == "2027-W02"


def test_rituals_kept_and_due_come_from_the_rituals_engine(journal, rituals):
    ritual_id = ritual(journal, date(2027, 1, 5))
    log(journal, ritual_id, date(2027, 1, 7))
    log(journal, ritual_id, date(2027, 1, 11), note="we laughed")
    log(journal, ritual_id, date(2027, 1, 14), status="skipped")
    weeks = by_start(journal.review.weeks(date(2026, 12, 28), TODAY, today=TODAY))
    assert (weeks[date(2027, 1, 4)].kept, weeks[date(2027, 1, 4)].due) == (1, 2)
    week = weeks[date(2027, 1, 11)]
    assert (week.kept, week.due, week.ritual_logs, week.ritual_notes) == (1, 2, 2, 1)
    assert week.ritual_rate == 0.5
    # Weeks before the first ritual began are not asked about.
    assert (weeks[date(2026, 12, 28)].kept, weeks[date(2026, 12, 28)].due) == (0, 0)
    assert min(start for start, _ in rituals.asked) == date(2027, 1, 4)
    assert all(end - start == timedelta(days=6) for start, end in rituals.asked)


# ---------------------------------------------------------------- filters


def test_filters_by_tag_starred_and_kind_leave_out_weeks_without_a_match(journal):
    entry(journal, date(2027, 1, 4), "walked by the river #walk")
    entry(journal, date(2027, 1, 5), "stayed in")
    entry(journal, date(2027, 1, 12), "a good talk", starred=True)
    moment(journal, date(2027, 1, 13), 4)
    review = journal.review
    walk = review.weeks(today=TODAY, filters=Filters(tag="#Walk"))
    assert [(w.start, w.entries, w.moments) for w in walk] == [(date(2027, 1, 4), 1, 0)]
    starred = review.weeks(today=TODAY, filters=Filters(starred=True))
    assert [(w.start, w.entries, w.moments) for w in starred] == [(date(2027, 1, 11), 1, 0)]
    loops = review.weeks(today=TODAY, filters=Filters(kinds={"loop_event"}))
    assert [(w.start, w.entries, w.moments) for w in loops] == [(date(2027, 1, 11), 0, 1)]
    assert not Filters().active and Filters(tag=" # ").tag is None
    with pytest.raises(InvalidInput, match="kind"):
        Filters(kinds={"dreams"})


# ---------------------------------------------------------------- one week


def test_a_week_lists_every_kind_in_date_order_with_a_summary(journal, rituals):
    monday = date(2027, 1, 11)
    ritual_id = ritual(journal, date(2027, 1, 1))
    entry(journal, monday + timedelta(days=2), "Coffee at three #smallthings", hour=15, mood=1)
    record(journal, monday + timedelta(days=1), 90, 30, story="they don't care",
           status="complete")
    moment(journal, monday, 7, "repair", my_move="I chased")
    log(journal, ritual_id, monday + timedelta(days=3), note="phones away, it helped")
    entry(journal, monday + timedelta(days=7), "next week")
    detail = journal.review.week(monday + timedelta(days=4), today=TODAY)
    assert detail.figures.start == monday
    assert [(i.kind, i.title) for i in detail.items] == [
        ("loop_event", "I chased"),
        ("thought_record", "they don't care"),
        ("entry", "Coffee at three #smallthings"),
        ("ritual_note", "Daily download"),
    ]
    assert detail.items[1].detail == "belief 90 → 30 · complete"
    assert detail.items[3].detail == "kept" and detail.items[3].text == "phones away, it helped"
    assert detail.summary == [
        "You wrote 1 entry, with an average mood of +1.0.",
        "You worked through 1 thought record; after weighing the evidence, the story lost "
        "60 points of belief on average.",
        "The loop came round once, at an average intensity of 7.0 out of 10; it ended in a "
        "repair.",
        "You kept 1 of the 2 rituals that were due.",
        "You left 1 note about your rituals.",
    ]


def test_a_week_of_entries_is_the_same_query_as_closer_list(journal):
    monday = date(2027, 1, 11)
    for n in range(3):
        entry(journal, monday + timedelta(days=n * 3), f"day {n}")
    items = journal.review.items(monday, monday + timedelta(days=6))
    listed = journal.entries.list(first_day=monday, last_day=monday + timedelta(days=6),
                                  newest_first=False)
    assert [i.id for i in items] == [e.id for e in listed]
    assert len(listed) == 3  # days 0, 3 and 6: Sunday is still in


def test_a_very_long_entry_is_cut_short_in_the_list(journal):
    entry(journal, date(2027, 1, 12), "x" * 200_000)
    [item] = journal.review.items(date(2027, 1, 11), date(2027, 1, 17))
    assert len(item.text) == 400 and len(item.title) <= 120


# ---------------------------------------------------------------- summaries


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (dict(entries=3, mood=-0.5, mood_change=-1.0),
         ["You wrote 3 entries, with an average mood of -0.5, lower than the week before."]),
        (dict(entries=2, mood=0.5, mood_change=0.1),
         ["You wrote 2 entries, with an average mood of +0.5, about the same as the week "
          "before."]),
        (dict(entries=1), ["You wrote 1 entry."]),
        (dict(records=2, belief_drop=0.2),
         ["You worked through 2 thought records; belief in the story stayed about where it "
          "was."]),
        (dict(records=1, belief_drop=-10.0),
         ["You worked through 1 thought record; the story felt 10 points truer afterwards "
          "on average."]),
        (dict(moments=2, intensity=4.0, repairs=2),
         ["The loop came round twice, at an average intensity of 4.0 out of 10; every time "
          "it ended in a repair."]),
        (dict(moments=5, intensity=6.25, repairs=2),
         ["The loop came round 5 times, at an average intensity of 6.2 out of 10; 2 of "
          "them ended in a repair."]),
        (dict(ritual_logs=1, kept=1), ["You kept 1 ritual."]),
        (dict(ritual_logs=1, kept=0, due=3), ["You kept 0 of the 3 rituals that were due."]),
    ],
)
def test_summary_sentences_from_the_numbers(figures, expected):
    assert summarize(WeekFigures(start=date(2027, 1, 11), **figures)) == expected


# ---------------------------------------------------------------- on this day


def test_on_this_day_looks_back_one_month_three_months_and_one_year(journal):
    today = date(2027, 3, 31)
    entry(journal, date(2027, 2, 28), "end of February")  # no 31 February: the last day
    entry(journal, date(2026, 12, 31), "new year's eve")
    entry(journal, date(2026, 3, 31), "a year ago")
    entry(journal, date(2026, 3, 30), "a year and a day ago")
    moment(journal, date(2026, 12, 31), 3, my_move="went quiet")
    echoes = journal.review.on_this_day(today)
    assert [(e.label, e.day) for e in echoes] == [
        ("One month ago", date(2027, 2, 28)),
        ("Three months ago", date(2026, 12, 31)),
        ("One year ago", date(2026, 3, 31)),
    ]
    assert [[i.title for i in e.items] for e in echoes] == [
        ["end of February"], ["new year's eve", "went quiet"], ["a year ago"]]


def test_on_this_day_with_nothing_written(journal):
    assert all(e.items == [] for e in journal.review.on_this_day(TODAY))


# ---------------------------------------------------------------- sparklines


def test_sparklines_hold_the_last_twelve_weeks_oldest_first(journal):
    entry(journal, TODAY, mood=2)
    entry(journal, TODAY - timedelta(weeks=11), mood=-1)
    entry(journal, TODAY - timedelta(weeks=12), mood=-2)  # thirteen weeks back: out
    moment(journal, TODAY - timedelta(weeks=1), 5)
    sparks = journal.review.sparklines(today=TODAY)
    assert len(sparks.starts) == len(sparks.mood) == len(sparks.moments) == 12
    assert sparks.starts[-1] == week_start(TODAY)
    assert sparks.starts == sorted(sparks.starts)
    assert sparks.mood[0] == -1 and sparks.mood[-1] == 2 and sparks.mood[5] == 0
    assert sparks.moments[-2:] == [1, 0]
    assert sparks.ritual_rate == [0.0] * 12


# ---------------------------------------------------------------- one small thing


def test_one_small_thing_changes_with_the_day_and_is_kept_as_an_entry(journal):
    review = journal.review
    first = review.small_thing(TODAY)
    assert first == review.small_thing(TODAY)
    assert review.small_thing(TODAY, skip=1) != first
    assert review.small_thing(TODAY + timedelta(days=1)) == review.small_thing(TODAY, skip=1)
    kept = review.note_small_thing("  Brought them tea while they worked.  ")
    assert kept.body == "Brought them tea while they worked."
    assert kept.title == "One small thing" and kept.tags == ["smallthing"]
    with pytest.raises(InvalidInput):
        review.note_small_thing("   ")
    assert journal.entries.count() == 1


def test_signed_numbers_never_show_minus_zero():
    from storage.review import signed

    assert [signed(v) for v in (0.5, -1.0, -0.04, 0.0, 0.049)] == ["+0.5", "-1.0", "0.0",
                                                                     "0.0", "0.0"]
    assert signed(-0.4, 0) == "0" and signed(30, 0) == "+30"


def test_kept_and_due_from_the_real_rituals_engine(journal, monkeypatch):
    from storage import dates

    monkeypatch.setattr(dates, "now", lambda: at(TODAY, 9))
    ritual = journal.rituals.add("Download", "FREQ=WEEKLY;BYDAY=MO,TH", dtstart=date(2027, 1, 5))
    journal.rituals.mark(ritual.id, date(2027, 1, 11), "done", note="ten minutes")
    weeks = by_start(journal.review.weeks(date(2027, 1, 4), TODAY, today=TODAY))
    # Thu 7; Mon 11 and Thu 14; Mon 18 (Thu 21 is still to come).
    assert [(weeks[d].kept, weeks[d].due) for d in sorted(weeks)] == [(0, 1), (1, 2), (0, 1)]
    detail = journal.review.week(date(2027, 1, 11), today=TODAY)
    assert [(i.kind, i.title, i.text) for i in detail.items] == [
        ("ritual_note", "Download", "ten minutes")]


def test_a_week_on_one_line_and_no_weeks_for_a_limit_of_none(journal):
    week = WeekFigures(start=date(2027, 1, 11), entries=3, starred=1, mood=0.5,
                       mood_change=-1, records=2, belief_drop=30.0, moments=1,
                       intensity=6.0, kept=3, due=4, ritual_logs=3)
    assert week.line() == (
        "Week of 11 Jan 2027  entries 3 (★1)  mood +0.5 ↓  thought records 2, "
        "belief -30  loop 1, intensity 6.0  rituals 3/4")
    assert journal.review.weeks(limit=0, today=TODAY) == []
