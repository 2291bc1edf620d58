"""Dates and times: parsing what people type, and the local calendar.

Stored timestamps are aware and in UTC (so they sort as text); the calendar day a record
belongs to is the *local* date when it happened, stored beside it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from storage.errors import InvalidInput

_AGO = re.compile(
    r"^\s*(\d+|a|an|one)\s+(minute|hour|day|week|month|year)s?\s+ago\s*$", re.IGNORECASE
)


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


def parse_when(text: str, *, base: datetime | None = None, end_of_day: bool = False) -> datetime:
    """Read a date or time as a person types it.

    Understands ``now``, ``today``, ``yesterday``, ``tomorrow``, ``3 days ago``,
    ``a week ago`` and anything ``dateutil.parser`` reads (``2025-03-01 21:30``,
    ``March 3``, ``last friday`` is not supported). A date without a time is the start
    of that day, or its end with ``end_of_day=True`` (for ``--to``).

    >>> parse_when("2025-02-30")
    Traceback (most recent call last):
    storage.errors.InvalidInput: unknown date '2025-02-30': day is out of range for month
    """
    try:
        moment = _parse_when(text, base=base, end_of_day=end_of_day)
        moment.astimezone(timezone.utc)  # stored in UTC, so it must have a UTC form
    except (ValueError, OverflowError):
        raise InvalidInput(f"unknown date {(text or '').strip()!r}: out of range") from None
    return moment


def _parse_when(text: str, *, base: datetime | None, end_of_day: bool) -> datetime:
    base = local(base) if base else now()
    raw = (text or "").strip()
    low = raw.lower()
    if not raw:
        raise InvalidInput("a date is needed (for example: today, yesterday, 2025-03-01)")
    # Calendar arithmetic happens on the local wall clock, and the result takes the UTC
    # offset in force on *that* day (which differs from today's across a DST change).
    wall = base.replace(tzinfo=None)
    day_start = wall.replace(hour=0, minute=0, second=0, microsecond=0)

    def whole_day(start: datetime) -> datetime:
        if end_of_day:
            start += timedelta(days=1, microseconds=-1)
        return start.astimezone()  # naive wall-clock time -> local, with its own offset

    if low == "now":
        return base
    if low in ("today", "yesterday", "tomorrow"):
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[low]
        return whole_day(day_start + timedelta(days=offset))
    match = _AGO.match(low)
    if match:
        from dateutil.relativedelta import relativedelta

        count_text, unit = match.groups()
        count = 1 if count_text in ("a", "an", "one") else int(count_text)
        try:
            if unit in ("day", "week", "month", "year"):
                moment = wall - relativedelta(**{unit + "s": count})
                return whole_day(moment.replace(hour=0, minute=0, second=0, microsecond=0))
            return base - relativedelta(**{unit + "s": count})
        except (ValueError, OverflowError):
            raise InvalidInput(f"unknown date {raw!r}: too far back") from None
    from dateutil import parser

    try:
        parsed = parser.parse(raw, default=day_start)
    except (ValueError, OverflowError) as exc:
        reason = str(exc).split(":")[0] if str(exc) else "not a date"
        raise InvalidInput(f"unknown date {raw!r}: {reason}") from None
    has_time = bool(re.search(r"\d:\d|\b(am|pm)\b|T\d", raw, re.IGNORECASE))
    if not has_time and parsed.tzinfo is None:
        return whole_day(parsed)
    return parsed.astimezone()  # a naive result is local time


def parse_day(text: str, *, base: datetime | None = None) -> date:
    """A calendar date as typed: like :func:`parse_when`, keeping only the day."""
    return parse_when(text, base=base).date()
