"""Dates and times: parsing what people type, and the local calendar.

Stored timestamps are aware and in UTC (so they sort as text); the calendar day a record
belongs to is the *local* date when it happened, stored beside it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo

from storage.errors import InvalidInput

def now() -> datetime:
    """The current moment, aware, in local time."""
    return datetime.now().astimezone()


def today() -> date:
    """The local calendar date now. Code asks this (never ``date.today()``) so tests can
    freeze the clock by patching :func:`now`."""
    return now().date()


def local(moment: datetime) -> datetime:
    """The same moment in local time (naive datetimes are taken as local). A moment at the
    very edge of the calendar that has no local form here is returned as it is."""
    try:
        moment = moment.astimezone()
    except (OverflowError, ValueError):
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    # astimezone() gives every moment a time zone object of its own; years of records
    # read back share one per offset instead (about 120 bytes less per moment).
    zone = moment.tzinfo
    shared = _ZONES.setdefault((zone.utcoffset(moment), zone.tzname(moment)), zone)
    return moment if shared is zone else moment.replace(tzinfo=shared)


_ZONES: dict[tuple, tzinfo] = {}
"""The fixed-offset zones :func:`local` has handed out, by offset and name."""


EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
"""The years a journal's moments may fall in: every one of them has a local form in every
time zone, and a week-by-week view from the first to the last stays a sensible length."""


def check_range(moment: datetime) -> datetime:
    """``moment`` if it falls within :data:`EARLIEST_YEAR`-:data:`LATEST_YEAR`, else ValueError."""
    try:
        year = to_stored(moment)[:4]
    except (OverflowError, ValueError):
        year = ""
    if not (year.isdigit() and EARLIEST_YEAR <= int(year) <= LATEST_YEAR):
        raise ValueError(f"the date is out of range (years {EARLIEST_YEAR} to {LATEST_YEAR})")
    return moment


def to_stored(moment: datetime) -> str:
    """The form timestamps take in the journal: UTC, to the second, ISO 8601."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def from_stored(text: str) -> datetime:
    return local(datetime.fromisoformat(text))


def local_day(moment: datetime) -> date:
    return local(moment).date()


def parse_when(text: str, *, base: datetime | None = None, end_of_day: bool = False,
               start_of_day: bool = False) -> datetime:
    """Read a date or time as a person types it, the one way every date field and flag does;
    aware, local. Past-leaning, as jrnl is (a journal is about what happened). Understood:

    - ``now``; a time alone (``9pm``, ``8:15am``, ``21:30``, ``noon``, ``midnight``) is today;
    - days: ``today``, ``yesterday``, ``tomorrow``, ``the day before yesterday``, ``the day
      after tomorrow``; a weekday (``friday``, ``fri``) is the most recent one, today if it
      is that day; ``last friday`` is the Friday of the week before this one (weeks start
      on Monday), ``next friday`` of the week after, ``this friday`` of this week;
    - a day with a time, either way round: ``yesterday 9pm``, ``9pm yesterday``, ``monday
      at 8am``; with a part of the day: ``sunday night``, ``yesterday morning``, ``last
      night``, ``tonight``, ``this morning`` (morning 06:00, afternoon 13:00, evening
      18:00, night 21:00, jrnl's times);
    - ``N minutes/hours/days/weeks/months/years ago`` (N a number or ``a``/``one``..
      ``twelve``), ``in N days``, ``N days from now``, each with ``at T`` if wanted
      (``2 days ago at 9pm``); minutes and hours are elapsed time, days and longer are
      calendar days on the local clock; ``last week``/``month``/``year`` is that day a
      week, month or year ago (``next ...`` ahead);
    - anything ``dateutil`` reads as a calendar date: ``2026-11-02 21:30``,
      ``2026-11-02T21:30:15+05:00``, ``March 3``, ``1 Jan 2020``. A month and day without a
      year is this year, unless that is more than four weeks ahead: then last year.

    A day typed without a time is :data:`storage.when.DEFAULT_TIME` (09:00, jrnl's default)
    for a moment being recorded; with ``start_of_day=True`` its first instant (for
    ``--from``), with ``end_of_day=True`` its last (for ``--to``). A typed time is kept as
    typed either way. A wall time that does not exist (summer time begins) becomes the first
    valid minute after the gap; one that happens twice (summer time ends) the first of the
    two (see :func:`storage.when.aware`). Anything else is refused in one line that names
    the phrase.

    >>> parse_when("2025-02-30")
    Traceback (most recent call last):
    storage.errors.InvalidInput: unknown date '2025-02-30': day is out of range for month
    """
    from storage import when

    raw = (text or "").strip()
    if not raw:
        raise InvalidInput("a date is needed (for example: today, yesterday, 2025-03-01)")
    edge = "end" if end_of_day else "start" if start_of_day else None
    try:
        moment = when.read(raw, local(base) if base else now(), edge=edge)
        moment.astimezone(timezone.utc)  # stored in UTC, so it must have a UTC form
    except (ValueError, OverflowError):
        raise InvalidInput(f"unknown date {raw!r}: out of range") from None
    return local(moment)


def split_when(text: str, *, base: datetime | None = None) -> tuple[datetime | None, str]:
    """jrnl's habit: ``"yesterday 9pm: we talked"`` is ``(that moment, "we talked")``.

    The words before the first ``": "`` of the first line (or a colon ending the text) set
    the moment when they read as a date (:func:`parse_when`), and are removed with the
    colon and the spaces after it. Otherwise, or for a number or a month name alone (a list
    item "1: ...", a heading "March: ..."), the text is kept whole: ``(None, text)``.
    """
    from storage import when

    line = text.split("\n", 1)[0]
    cut = line.find(": ")
    if cut < 0 and line.rstrip().endswith(":"):
        cut = len(line.rstrip()) - 1
    prefix = line[:cut].strip() if cut > 0 else ""
    if not prefix or len(prefix) > 40 or when.NOT_A_PREFIX.match(prefix):
        return None, text
    try:
        moment = parse_when(prefix, base=base)
    except InvalidInput:
        return None, text
    return moment, text[cut + 1:].lstrip(" \t")


def parse_day(text: str, *, base: datetime | None = None) -> date:
    """A calendar date as typed: like :func:`parse_when`, keeping only the day."""
    return parse_when(text, base=base, start_of_day=True).date()
