"""Reading dates as people type them, the stored time form, and the rules for user text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import InvalidInput
from storage.dates import (
    from_stored,
    local_day,
    parse_day,
    parse_when,
    to_stored,
)
from storage.text import MAX_TEXT, check_size, clean, first_line, tags_in

BASE = datetime(2025, 3, 12, 15, 45, 30).astimezone()  # a Wednesday afternoon, local time


def local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day).astimezone()


# ------------------------------------------------------------------ parse_when


def test_now_is_the_base_moment():
    assert parse_when("now", base=BASE) == BASE
    assert parse_when("  NOW ", base=BASE) == BASE


def test_now_without_base_is_the_present():
    before = datetime.now(timezone.utc)
    got = parse_when("now")
    assert got.tzinfo is not None
    assert before <= got <= datetime.now(timezone.utc)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("today", date(2025, 3, 12)),
        ("Yesterday", date(2025, 3, 11)),
        ("tomorrow", date(2025, 3, 13)),
        ("3 days ago", date(2025, 3, 9)),
        ("1 day ago", date(2025, 3, 11)),
        ("a week ago", date(2025, 3, 5)),
        ("2 weeks ago", date(2025, 2, 26)),
        ("one month ago", date(2025, 2, 12)),
        ("a year ago", date(2024, 3, 12)),
        ("2025-03-01", date(2025, 3, 1)),
        ("2024-02-29", date(2024, 2, 29)),
        ("March 3", date(2025, 3, 3)),
        ("1 Jan 2020", date(2020, 1, 1)),
    ],
)
def test_a_day_is_09_00_as_a_moment_and_whole_as_a_range(text, day):
    """A day typed without a time was stored at 00:00; as a moment it is now 09:00 (jrnl's
    default), and --from/--to still take the whole day."""
    moment = parse_when(text, base=BASE)
    assert moment == datetime(day.year, day.month, day.day, 9, 0).astimezone()
    start = parse_when(text, base=BASE, start_of_day=True)
    assert start == local_midnight(day)
    assert start.tzinfo is not None
    end = parse_when(text, base=BASE, end_of_day=True)
    assert end == local_midnight(day + timedelta(days=1)) - timedelta(microseconds=1)
    assert parse_day(text, base=BASE) == day


def test_hours_and_minutes_ago_keep_the_time():
    assert parse_when("2 hours ago", base=BASE) == BASE - timedelta(hours=2)
    assert parse_when("an hour ago", base=BASE) == BASE - timedelta(hours=1)
    assert parse_when("45 minutes ago", base=BASE) == BASE - timedelta(minutes=45)


def test_times_are_local_unless_an_offset_is_given():
    assert parse_when("2025-03-01 21:30", base=BASE) == datetime(2025, 3, 1, 21, 30).astimezone()
    assert parse_when("2025-03-01T21:30:15", base=BASE) == datetime(
        2025, 3, 1, 21, 30, 15
    ).astimezone()
    assert parse_when("9pm", base=BASE) == datetime(2025, 3, 12, 21, 0).astimezone()
    given_offset = parse_when("2025-03-01T10:00:00+05:00")
    assert given_offset == datetime(2025, 3, 1, 5, 0, tzinfo=timezone.utc)
    # A time given is kept as it is, even with end_of_day (for --to "yesterday 21:00").
    assert parse_when("2025-03-01 21:30", end_of_day=True) == datetime(
        2025, 3, 1, 21, 30
    ).astimezone()


@pytest.mark.parametrize(
    "text",
    ["", "   ", "flurb", "2025-02-30", "2025-13-01", "the day after", "3 days hence",
     "99999 years ago", "100000000000000000000 days ago", "0001-01-01", None],
)
def test_nonsense_is_refused_with_one_clear_line(text):
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, base=BASE)
    message = str(caught.value)
    assert message and "\n" not in message
    if text and text.strip():
        assert repr(text.strip()) in message


def test_unknown_date_message_names_the_problem():
    with pytest.raises(InvalidInput, match="day is out of range for month"):
        parse_when("2025-02-30")


def test_days_across_a_summer_time_change_are_the_local_days(berlin):
    base = datetime(2025, 3, 31, 12, 0).astimezone()  # the Monday after the change
    assert base.utcoffset() == timedelta(hours=2)
    yesterday = parse_when("yesterday", base=base, start_of_day=True)
    assert local_day(yesterday) == date(2025, 3, 30)
    assert yesterday.utcoffset() == timedelta(hours=1)
    assert parse_when("yesterday", base=base).utcoffset() == timedelta(hours=2)  # at 09:00
    assert local_day(parse_when("2 days ago", base=base)) == date(2025, 3, 29)
    assert local_day(parse_when("a week ago", base=base)) == date(2025, 3, 24)
    end = parse_when("2025-03-30", base=base, end_of_day=True)
    assert local_day(end) == date(2025, 3, 30)
    assert end + timedelta(microseconds=1) == parse_when("2025-03-31", base=base, start_of_day=True)


def test_entry_day_is_the_local_date(berlin, journal):
    late = datetime(2025, 3, 29, 23, 30).astimezone()  # 22:30 UTC
    entry = journal.entries.add("late", occurred_at=late)
    assert journal.scalar("SELECT day FROM entries WHERE id = ?", (entry.id,)) == "2025-03-29"
    assert journal.scalar("SELECT occurred_at FROM entries") == "2025-03-29T22:30:00+00:00"


# ------------------------------------------------------------------ stored form


def test_stored_form_is_utc_to_the_second():
    moment = datetime(2025, 3, 1, 21, 30, 15, 999, tzinfo=timezone(timedelta(hours=-5)))
    assert to_stored(moment) == "2025-03-02T02:30:15+00:00"


def test_naive_times_are_stored_as_local():
    naive = datetime(2025, 7, 4, 8, 0)
    assert to_stored(naive) == to_stored(naive.astimezone())


def test_from_stored_gives_an_aware_local_time():
    got = from_stored("2025-03-02T02:30:15+00:00")
    assert got == datetime(2025, 3, 2, 2, 30, 15, tzinfo=timezone.utc)
    assert got.tzinfo is not None


_aware = st.datetimes(
    min_value=datetime(1971, 1, 2), max_value=datetime(2999, 12, 30),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=9)),
                               timezone(timedelta(hours=-3, minutes=-30))]),
)


@settings(max_examples=50, deadline=None)
@given(moment=_aware)
def test_stored_form_round_trips(moment):
    assert from_stored(to_stored(moment)) == moment.replace(microsecond=0)


@settings(max_examples=50, deadline=None)
@given(a=_aware, b=_aware)
def test_stored_form_sorts_as_time_does(a, b):
    a, b = a.replace(microsecond=0), b.replace(microsecond=0)
    assert (to_stored(a) < to_stored(b)) == (a < b)


def test_local_day():
    noon = datetime(2025, 3, 12, 12, 0).astimezone()
    assert local_day(noon) == date(2025, 3, 12)


# ------------------------------------------------------------------ text


def test_clean_removes_control_characters_but_keeps_tab_and_newline():
    assert clean("a\tb\nc") == "a\tb\nc"
    assert clean("a\x00b\x07c\x08d\x0be\x0cf\x1bg\x7fh") == "abcdefgh"
    assert clean("\x1b[31mred\x1b[0m") == "[31mred[0m"
    assert clean("csi\x9b31m osc\x9d0;x\x9c") == "csi31m osc0;x"


def test_clean_normalises_line_ends():
    assert clean("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_clean_keeps_everything_else_as_typed():
    text = "[red]x[/] <b>bold</b> \\n 💛 café — “quoted” \u200d"
    assert clean(text) == text


@settings(max_examples=50, deadline=None)
@given(text=st.text())
def test_clean_leaves_no_control_characters(text):
    cleaned = clean(text)
    assert all(ch in "\t\n" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F) for ch in cleaned)
    assert clean(cleaned) == cleaned


def test_check_size():
    assert check_size("a" * MAX_TEXT) == "a" * MAX_TEXT
    with pytest.raises(ValueError, match="body is too long"):
        check_size("a" * (MAX_TEXT + 1), "body")


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("A walk #Walk and a talk #walk #us", ["walk", "us"]),
        ("#start of line, end #end", ["start", "end"]),
        ("email me@x.com and a#b and ##double", []),
        ("dash #a-b- and #1st, #_under", ["a-b", "1st", "_under"]),
        ("(#paren) #café, #日本", ["paren", "café", "日本"]),
        ("no tags here # alone", []),
    ],
)
def test_tags_in(text, tags):
    assert tags_in(text) == tags


def test_first_line():
    assert first_line("\n\n  hello there  \nsecond") == "hello there"
    assert first_line("x" * 100, width=10) == "x" * 9 + "…"
    assert first_line("   \n  ") == ""


def test_moments_read_back_share_their_time_zone_and_keep_their_instant():
    stored = ["2025-03-01T20:00:00+00:00", "2025-03-02T07:30:00+00:00",
              "2025-07-01T12:00:00+00:00"]
    moments = [from_stored(text) for text in stored]
    assert [to_stored(m) for m in moments] == stored
    assert all(m.tzinfo is not None for m in moments)
    # Same offset, same zone object: years of records do not carry one zone each.
    same = [m for m in moments if m.utcoffset() == moments[0].utcoffset()]
    assert len({id(m.tzinfo) for m in same}) == 1
    assert from_stored(stored[0]) == moments[0]
