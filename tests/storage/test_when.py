"""Dates mean what a person typed: the phrases jrnl users type, read at a frozen moment in a
real time zone (Berlin), with the moment each must give, including the weeks summer time
begins and ends. The same table is read by jrnl 4.x itself when it is installed, and the
phrases where closer reads differently are listed with the reason.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage import InvalidInput, dates
from storage.dates import parse_day, parse_when, split_when

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = datetime(2026, 12, 1, 14, 30, tzinfo=BERLIN)  # winter time, +01:00
SPRING = datetime(2026, 3, 31, 14, 30, tzinfo=BERLIN)  # summer time began Sun 29 Mar 02:00
AUTUMN = datetime(2026, 10, 27, 14, 30, tzinfo=BERLIN)  # summer time ended Sun 25 Oct 03:00


def at(text: str, fold: int = 0) -> datetime:
    """A Berlin wall time, ``"2026-11-30 21:00"`` (``fold=1``: the second of two), in UTC
    (aware times in a fold compare unequal across zone objects, so tests compare in UTC)."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN, fold=fold).astimezone(timezone.utc)


def utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(timezone.utc) if moment else None


# (frozen at, phrase, the moment it names, what jrnl 4.6 reads instead and why, if it differs)
TABLE = [
    (TUESDAY, "now", at("2026-12-01 14:30"), None),
    (TUESDAY, "today", at("2026-12-01 09:00"), None),
    (TUESDAY, "yesterday", at("2026-11-30 09:00"), None),
    (TUESDAY, "Yesterday", at("2026-11-30 09:00"), None),
    (TUESDAY, "tomorrow", at("2026-12-02 09:00"), None),
    (TUESDAY, "the day before yesterday", at("2026-11-29 09:00"),
     ("2026-11-30 09:00", "jrnl reads only 'yesterday' in it")),
    (TUESDAY, "yesterday 9pm", at("2026-11-30 21:00"), None),
    (TUESDAY, "9pm yesterday", at("2026-11-30 21:00"), None),
    (TUESDAY, "yesterday at 9:30pm", at("2026-11-30 21:30"), None),
    (TUESDAY, "yesterday 21:30", at("2026-11-30 21:30"), None),
    (TUESDAY, "last night", at("2026-11-30 21:00"), None),
    (TUESDAY, "tonight", at("2026-12-01 21:00"), None),
    (TUESDAY, "this morning", at("2026-12-01 06:00"), None),
    (TUESDAY, "this evening", at("2026-12-01 18:00"), None),
    (TUESDAY, "yesterday morning", at("2026-11-30 06:00"), None),
    (TUESDAY, "yesterday afternoon", at("2026-11-30 13:00"), None),
    (TUESDAY, "sunday night", at("2026-11-29 21:00"), None),
    (TUESDAY, "friday", at("2026-11-27 09:00"), None),
    (TUESDAY, "monday", at("2026-11-30 09:00"), None),
    (TUESDAY, "tuesday", at("2026-12-01 09:00"),
     ("2026-11-24 09:00", "jrnl never reads a weekday as today")),
    (TUESDAY, "wednesday", at("2026-11-25 09:00"), None),
    (TUESDAY, "fri", at("2026-11-27 09:00"), None),
    (TUESDAY, "monday at 8am", at("2026-11-30 08:00"), None),
    (TUESDAY, "friday 9pm", at("2026-11-27 21:00"), None),
    (TUESDAY, "9pm on friday", at("2026-11-27 21:00"), None),
    (TUESDAY, "last monday", at("2026-11-23 09:00"), None),
    (TUESDAY, "last tuesday", at("2026-11-24 09:00"), None),
    (TUESDAY, "last friday", at("2026-11-27 09:00"), None),
    (TUESDAY, "last sunday", at("2026-11-29 09:00"), None),
    (TUESDAY, "next friday", at("2026-12-11 09:00"),
     ("2026-12-04 09:00", "jrnl reads 'next friday' as the coming one, this week's")),
    (TUESDAY, "next monday", at("2026-12-07 09:00"), None),
    (TUESDAY, "noon", at("2026-12-01 12:00"), None),
    (TUESDAY, "midnight", at("2026-12-01 00:00"), None),
    (TUESDAY, "9pm", at("2026-12-01 21:00"), None),
    (TUESDAY, "8:15am", at("2026-12-01 08:15"), None),
    (TUESDAY, "21:30", at("2026-12-01 21:30"), None),
    (TUESDAY, "3 days ago", at("2026-11-28 09:00"), None),
    (TUESDAY, "1 day ago", at("2026-11-30 09:00"), None),
    (TUESDAY, "two days ago", at("2026-11-29 09:00"), None),
    (TUESDAY, "a week ago", at("2026-11-24 09:00"), None),
    (TUESDAY, "2 weeks ago", at("2026-11-17 09:00"), None),
    (TUESDAY, "a month ago", at("2026-11-01 09:00"), None),
    (TUESDAY, "a year ago", at("2025-12-01 09:00"), None),
    (TUESDAY, "2 hours ago", at("2026-12-01 12:30"), None),
    (TUESDAY, "45 minutes ago", at("2026-12-01 13:45"), None),
    (TUESDAY, "an hour ago", at("2026-12-01 13:30"), None),
    (TUESDAY, "2 days ago at 9pm", at("2026-11-29 21:00"), None),
    (TUESDAY, "3 days ago at 8:30am", at("2026-11-28 08:30"), None),
    (TUESDAY, "in 2 days", at("2026-12-03 09:00"), None),
    (TUESDAY, "2 days from now", at("2026-12-03 09:00"),
     ("2026-12-03 14:30", "jrnl keeps the time of day here, not in 'in 2 days'")),
    (TUESDAY, "in 3 hours", at("2026-12-01 17:30"), None),
    (TUESDAY, "last week", at("2026-11-24 09:00"), None),
    (TUESDAY, "last month", at("2026-11-01 09:00"), None),
    (TUESDAY, "2026-11-02", at("2026-11-02 09:00"), None),
    (TUESDAY, "2026-11-02 21:30", at("2026-11-02 21:30"), None),
    (TUESDAY, "2026-11-02 9pm", at("2026-11-02 21:00"), None),
    (TUESDAY, "2026-11-02T21:30:15", at("2026-11-02 21:30:15"), None),
    (TUESDAY, "March 3", at("2026-03-03 09:00"), None),
    (TUESDAY, "Dec 25", at("2026-12-25 09:00"), None),  # 24 days ahead: this year
    (TUESDAY, "Dec 31", at("2025-12-31 09:00"), None),  # 30 days ahead: last year's
    (TUESDAY, "25 December 2025", at("2025-12-25 09:00"), None),
    (TUESDAY, "1 Jan 2020", at("2020-01-01 09:00"), None),
    (TUESDAY, "Nov 28 at 10pm", at("2026-11-28 22:00"), None),
    (TUESDAY, "11/28/2026", at("2026-11-28 09:00"), None),
    (TUESDAY, "Fri 27 Nov 2026 21:00", at("2026-11-27 21:00"), None),
    # Summer time began on Sunday 29 March at 02:00 (02:00-02:59 does not exist).
    (SPRING, "sunday 2:30am", at("2026-03-29 03:00"),
     ("2026-03-29 02:30", "jrnl keeps a wall time that never happened")),
    (SPRING, "2026-03-29 02:30", at("2026-03-29 03:00"),
     ("2026-03-29 02:30", "jrnl keeps a wall time that never happened")),
    (SPRING, "sunday 1:59am", at("2026-03-29 01:59"), None),
    (SPRING, "sunday", at("2026-03-29 09:00"), None),
    (SPRING, "3 days ago", at("2026-03-28 09:00"), None),
    (SPRING, "72 hours ago", at("2026-03-28 13:30"),
     ("2026-03-28 14:30", "jrnl counts hours on the wall clock; 72 hours ago is 13:30 here")),
    # Summer time ended on Sunday 25 October at 03:00 (02:00-02:59 happened twice).
    (AUTUMN, "sunday 2:30am", at("2026-10-25 02:30", fold=0), None),
    (AUTUMN, "2026-10-25 02:30", at("2026-10-25 02:30", fold=0), None),
    (AUTUMN, "2026-10-25 02:30 +01:00", at("2026-10-25 02:30", fold=1), None),
    (AUTUMN, "sunday", at("2026-10-25 09:00"), None),
]


@pytest.fixture
def frozen(monkeypatch):
    """Berlin's clock, stopped at the moment given (local time is Berlin's, for real)."""
    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()

    def freeze(moment: datetime) -> None:
        monkeypatch.setattr(dates, "now", lambda: moment.astimezone())

    yield freeze
    monkeypatch.undo()
    time.tzset()


def test_the_table_is_as_long_as_the_issue_asks():
    assert len({phrase for _, phrase, _, _ in TABLE}) >= 45


@pytest.mark.parametrize(("base", "phrase", "expected", "_jrnl"), TABLE,
                         ids=[f"{b:%b}-{p}" for b, p, _, _ in TABLE])
def test_each_phrase_names_the_moment_a_person_means(frozen, base, phrase, expected, _jrnl):
    frozen(base)
    got = parse_when(phrase)
    assert utc(got) == expected, f"{phrase!r}: {got.isoformat()} != {expected.astimezone(BERLIN)}"
    # The offset in force on that day (not today's), so the wall time shown is the one meant.
    assert got.utcoffset() == expected.astimezone(BERLIN).utcoffset()


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [("yesterday", "2026-11-30 00:00", "2026-11-30 23:59:59.999999"),
     ("friday", "2026-11-27 00:00", "2026-11-27 23:59:59.999999"),
     ("last week", "2026-11-24 00:00", "2026-11-24 23:59:59.999999"),
     ("Dec 31", "2025-12-31 00:00", "2025-12-31 23:59:59.999999"),
     ("yesterday 9pm", "2026-11-30 21:00", "2026-11-30 21:00"),
     ("2 hours ago", "2026-12-01 12:30", "2026-12-01 12:30")],
)
def test_ranges_keep_the_whole_day_a_moment_gets_the_default_time(frozen, phrase, start, end):
    frozen(TUESDAY)
    assert utc(parse_when(phrase, start_of_day=True)) == at(start)
    assert utc(parse_when(phrase, end_of_day=True)) == at(end)
    assert parse_day(phrase) == at(start).astimezone(BERLIN).date()


def test_a_day_that_begins_in_a_gap_begins_at_its_first_minute(monkeypatch):
    """Chile moves its clocks at midnight: 6 Sep 2026 has no 00:00, it starts at 01:00."""
    monkeypatch.setenv("TZ", "America/Santiago")
    time.tzset()
    try:
        base = datetime(2026, 9, 10, 12, 0).astimezone()
        start = parse_when("2026-09-06", base=base, start_of_day=True)
        assert start == datetime(2026, 9, 6, 1, 0, tzinfo=ZoneInfo("America/Santiago"))
        end = parse_when("2026-09-05", base=base, end_of_day=True)
        assert end + timedelta(microseconds=1) == start
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    "phrase",
    ["flurb", "friday at 9", "at 3", "3 days hence", "the day after", "-1 days ago", "24:61",
     "13pm", "yesterday 25:00", "2 hours ago at 9pm", "2026-11-02 21:30 EST", "2025-02-30",
     "someday", "last fortnight"],
)
def test_unknown_phrases_are_refused_in_one_line_that_names_them(frozen, phrase):
    frozen(TUESDAY)
    with pytest.raises(InvalidInput) as caught:
        parse_when(phrase)
    message = str(caught.value)
    assert "\n" not in message and repr(phrase) in message and "date" in message


# ------------------------------------------------------------------ "WHEN: text"


@pytest.mark.parametrize(
    ("text", "moment", "rest"),
    [("yesterday 9pm: we talked", "2026-11-30 21:00", "we talked"),
     ("friday: he left early", "2026-11-27 09:00", "he left early"),
     ("2026-11-02 21:30: late", "2026-11-02 21:30", "late"),
     ("last night:   spaces go", "2026-11-30 21:00", "spaces go"),
     ("yesterday:\nthe body", "2026-11-30 09:00", "\nthe body"),
     ("Note to self: call her", None, "Note to self: call her"),
     ("1: first thing", None, "1: first thing"),
     ("March: a hard month", None, "March: a hard month"),
     ("12:30 lunch, no colon-space after a date", None,
      "12:30 lunch, no colon-space after a date"),
     ("a line\nyesterday: not the first line", None, "a line\nyesterday: not the first line"),
     ("no colon at all", None, "no colon at all")],
)
def test_a_leading_date_sets_the_moment_and_leaves_the_text(frozen, text, moment, rest):
    frozen(TUESDAY)
    got, kept = split_when(text)
    assert (utc(got), kept) == (at(moment) if moment else None, rest)


# ------------------------------------------------------------------ jrnl itself


def _jrnl_python() -> str | None:
    chosen = os.environ.get("CLOSER_TEST_JRNL_PYTHON")
    if chosen:
        return chosen
    python = "Scripts/python.exe" if sys.platform == "win32" else "bin/python"
    beside = ROOT / ".venv-jrnl" / python
    if beside.exists():
        return str(beside)
    return sys.executable if importlib.util.find_spec("jrnl") is not None else None


# jrnl.time.parse as jrnl's "add" calls it (default time 09:00), with its clock stopped:
# parsedatetime asks time.localtime()/time.time(), jrnl itself datetime.datetime.now().
JRNL_READS = """
import datetime as real, json, sys, time, types, warnings
warnings.simplefilter("ignore")
answers = {}
for base, phrase in json.load(sys.stdin):
    frozen = real.datetime.fromisoformat(base)
    epoch = time.mktime(frozen.timetuple())
    localtime = time.__dict__.setdefault("_real_localtime", time.localtime)
    time.localtime = lambda secs=None, e=epoch: localtime(e if secs is None else secs)
    time.time = lambda e=epoch: e
    class Stopped(real.datetime):
        @classmethod
        def now(cls, tz=None, f=frozen):
            return f
    import jrnl.time
    jrnl.time.datetime = types.SimpleNamespace(datetime=Stopped, timedelta=real.timedelta)
    got = jrnl.time.parse(phrase, default_hour=9, default_minute=0)
    answers[base + " " + phrase] = got.isoformat(sep=" ", timespec="minutes") if got else None
print(json.dumps(answers))
"""


@pytest.mark.skipif(_jrnl_python() is None, reason="jrnl is not installed: give it its own "
                    "environment (python -m venv .venv-jrnl && .venv-jrnl/bin/pip install "
                    "jrnl) or set CLOSER_TEST_JRNL_PYTHON to a Python that has it")
def test_jrnl_reads_the_table_the_same_but_for_the_differences_listed():
    asked = [(f"{b:%Y-%m-%dT%H:%M}", p) for b, p, _, _ in TABLE]
    done = subprocess.run([_jrnl_python(), "-c", JRNL_READS], input=json.dumps(asked),
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TZ": "Europe/Berlin"})
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    for base, phrase, expected, differs in TABLE:
        key = f"{base:%Y-%m-%dT%H:%M} {phrase}"
        if key not in answers:
            continue
        jrnl = answers[key]
        ours = expected.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M")
        wanted = differs[0] if differs else ours
        assert jrnl == wanted, f"{phrase!r}: jrnl {jrnl}, closer {ours}, listed {wanted}"
