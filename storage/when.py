"""The grammar of dates as people type them: ``yesterday 9pm``, ``last friday``, ``in 2 days``.

:func:`storage.dates.parse_when` is the one door; it imports this module only when a date is
actually read, so quick commands without a date never pay for the patterns below. Everything
here is past-leaning, as jrnl is: a journal is written about what happened.

Calendar arithmetic ("yesterday", "3 days ago") happens on the local wall clock; the wall time
found is then made a real moment by :func:`aware`, which resolves the hour that does not exist
when summer time begins and the hour that happens twice when it ends, the documented way.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time, timedelta, timezone

from storage.errors import InvalidInput

DEFAULT_TIME = time(9, 0)
"""The time of day a moment gets when only its day was typed ("yesterday", "friday").

09:00 is jrnl's default, so "yesterday: text" lands at the same moment in both and entries
moved between them sort the same way; it is also well clear of midnight, where summer-time
changes happen (so the default is never in a gap) and where a moment a few hours off would
fall on another day."""

PARTS = {"morning": time(6), "afternoon": time(13), "evening": time(18), "night": time(21)}
"""Parts of the day, at jrnl's times (parsedatetime's): "this morning", "sunday night"."""

EXAMPLES = "for example: yesterday 9pm, last friday, 3 days ago, 2026-11-02 21:30"

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)

_N = r"(?P<n>\d+|" + "|".join(_COUNTS) + r")"
_UNIT = r"(?P<unit>minute|min|hour|hr|day|week|month|year)s?"
_DAY = r"(?P<day>today|yesterday|tomorrow|(?:the\s+)?day\s+(?:before\s+yesterday|after\s+tomorrow)"
_DAY += r"|(?:(?P<which>last|next|this)\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r"))"
_TIME = (
    r"(?P<time>noon|midnight"
    r"|(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::(?P<s24>\d{2}))?)"
)
_PART = r"(?P<part>" + "|".join(PARTS) + r")"

_FORMS = [re.compile(f"^{form}$") for form in (
    _DAY,
    rf"{_DAY}\s+(?:at\s+)?{_TIME}",
    rf"(?:at\s+)?{_TIME}\s+(?:on\s+)?{_DAY}",
    rf"{_DAY}\s+{_PART}",
    rf"(?:at\s+)?{_TIME}",
    rf"{_N}\s+{_UNIT}\s+(?P<dir>ago|from\s+now)(?:\s+(?:at\s+)?{_TIME})?",
    rf"(?P<dir>in)\s+{_N}\s+{_UNIT}(?:\s+(?:at\s+)?{_TIME})?",
    r"(?P<which>last|next)\s+(?P<unit>week|month|year)",
    r"(?P<tonight>tonight|last\s+night)",
    rf"this\s+{_PART}",
)]

NOT_A_PREFIX = re.compile(
    r"^(?:[\d.]+|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*"
    r"|nov\w*|dec\w*)$",
    re.IGNORECASE,
)
"""Prefixes that dateutil would read as a date but a person writes as a label."""

_HAS_TIME = re.compile(r"\d:\d|\d\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\dT\d", re.IGNORECASE)
_HAS_YEAR_SHAPE = re.compile(r"\d{4}|\d[-/.]\d+[-/.]\d")


def aware(wall: datetime) -> datetime:
    """The local moment a naive wall-clock time names, resolved where the clock is not plain:

    - in a gap (summer time begins: 02:30 does not exist in Berlin on its day), the first
      valid minute after the gap (03:00), never a moment an hour off on either side;
    - in a fold (summer time ends: 02:30 happens twice), the first occurrence (``fold=0``,
      still in summer time).

    An aware ``wall`` is only moved to local time.
    """
    if wall.tzinfo is not None:
        return wall.astimezone()
    first = wall.replace(fold=0).astimezone()
    if first.replace(tzinfo=None) == wall:
        second = wall.replace(fold=1).astimezone()
        return min(first, second)  # in a fold the earlier instant; elsewhere the same one
    # A gap: the wall time was read with the offset on one side, then the other. The
    # change lies between the two instants; find its first whole minute.
    second = wall.replace(fold=1).astimezone()
    before, after = sorted((first, second))
    after_offset = after.utcoffset()
    low, high = int(before.timestamp()) // 60, -(-int(after.timestamp()) // 60)
    while high - low > 1:
        middle = (low + high) // 2
        moment = datetime.fromtimestamp(middle * 60, timezone.utc).astimezone()
        if moment.utcoffset() == after_offset:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high * 60, timezone.utc).astimezone()


def read(raw: str, base: datetime, *, edge: str | None) -> datetime:
    """The moment ``raw`` names, seen from ``base`` (aware, local).

    ``edge`` is what a day without a time becomes: ``None`` for a moment being recorded
    (:data:`DEFAULT_TIME`), ``"start"`` or ``"end"`` for the bounds of a range.
    Raises InvalidInput (one line, naming the phrase) when it is not a date; ValueError or
    OverflowError when it is one that cannot exist (the caller words those).
    """
    text = " ".join(raw.lower().replace(",", " ").split())
    if text == "now":
        return base
    for form in _FORMS:
        match = form.match(text)
        if match:
            return _from_match(match.groupdict(), raw, base, edge)
    return _absolute(raw, text, base, edge)


def _from_match(found: dict, raw: str, base: datetime, edge: str | None) -> datetime:
    wall = base.replace(tzinfo=None)
    today = wall.date()
    at = _time_of(found, raw)
    unit = found.get("unit")
    if found.get("n"):
        count = _COUNTS.get(found["n"]) or int(found["n"])
        sign = -1 if found["dir"] == "ago" else 1
        unit = {"min": "minute", "hr": "hour"}.get(unit, unit)
        if unit in ("minute", "hour"):
            if at is not None:
                raise InvalidInput(f"unknown date {raw.strip()!r}: give a day with the time")
            return base + sign * timedelta(**{unit + "s": count})  # elapsed time, not clock
        from dateutil.relativedelta import relativedelta

        return _day_at(today + relativedelta(**{unit + "s": sign * count}), at, edge)
    if unit:  # last/next week, month, year: that day a week, month or year away
        from dateutil.relativedelta import relativedelta

        sign = -1 if found["which"] == "last" else 1
        return _day_at(today + relativedelta(**{unit + "s": sign}), at, edge)
    if found.get("tonight"):
        day = today if found["tonight"] == "tonight" else today - timedelta(days=1)
        return _day_at(day, PARTS["night"], edge)
    day = _day_of(found, today)
    if found.get("part"):
        at = PARTS[found["part"]]
    return _day_at(day, at, edge)


def _day_of(found: dict, today: date) -> date:
    """The day named: a weekday is the most recent one (today if it is that day); "last X"
    is X of the week before this one, "next X" of the week after, "this X" of this week."""
    name = found.get("day")
    if name is None:
        return today  # a time, or "this morning"
    if found.get("weekday"):
        target = _WEEKDAYS[found["weekday"]]
        monday = today - timedelta(days=today.weekday())
        which = found.get("which")
        if which is None:
            return today - timedelta(days=(today.weekday() - target) % 7)
        weeks = {"last": -1, "this": 0, "next": 1}[which]
        return monday + timedelta(days=7 * weeks + target)
    name = " ".join(name.split()).removeprefix("the ")
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
              "day after tomorrow": 2}[name]
    return today + timedelta(days=offset)


def _time_of(found: dict, raw: str) -> time | None:
    spoken = found.get("time")
    if spoken is None:
        return None
    if spoken == "noon":
        return time(12)
    if spoken == "midnight":
        return time(0)
    if found.get("h12") is not None:
        hour, minute, second = int(found["h12"]), int(found["m12"] or 0), 0
        if not 1 <= hour <= 12:
            raise InvalidInput(f"unknown date {raw.strip()!r}: there is no {hour} o'clock")
        hour = hour % 12 + (12 if found["ampm"].startswith("p") else 0)
    else:
        hour, minute, second = int(found["h24"]), int(found["m24"]), int(found["s24"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidInput(f"unknown date {raw.strip()!r}: no such time of day")
    return time(hour, minute, second)


def _day_at(day: date, at: time | None, edge: str | None) -> datetime:
    """``day`` at ``at``, or at the default time or edge of the day when no time was given."""
    if at is None and edge == "end":
        return aware(datetime.combine(day + timedelta(days=1), time())) - timedelta(
            microseconds=1
        )
    if at is None:
        at = time() if edge == "start" else DEFAULT_TIME
    return aware(datetime.combine(day, at))


def _absolute(raw: str, text: str, base: datetime, edge: str | None) -> datetime:
    """What ``dateutil`` reads ("2026-11-02 21:30", "March 3", "1 Jan 2020"), leaning to the
    past: a month and day without a year is this year unless that is more than four weeks
    ahead, then last year. Weekdays and bare clock hours it would read forward or as a day of
    the month ("friday at 9", "at 3") are refused instead of guessed."""
    phrase = raw.strip()
    weekday = any(word in _WEEKDAYS for word in re.findall(r"[a-z]+", text))
    month = any(word[:3] in _MONTHS for word in re.findall(r"[a-z]{3,}", text))
    if text.startswith("at ") or (weekday and not month and not _HAS_YEAR_SHAPE.search(text)):
        raise InvalidInput(f"unknown date {phrase!r}: not a date ({EXAMPLES})")
    from dateutil import parser
    from dateutil.relativedelta import relativedelta

    wall = base.replace(tzinfo=None)
    start = wall.replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an unknown zone name is a warning there
            parsed = parser.parse(phrase, default=start)
            other = parser.parse(phrase, default=start + relativedelta(years=-4))
    except (ValueError, OverflowError, Warning) as exc:
        if isinstance(exc, Warning):
            reason = "unknown time zone"
        elif "out of range" in str(exc) or "must be in" in str(exc):
            reason = str(exc).split(":")[0]
        else:
            reason = f"not a date ({EXAMPLES})"
        raise InvalidInput(f"unknown date {phrase!r}: {reason}") from None
    if parsed.year != other.year and (parsed.date() - wall.date()).days > 28:
        parsed -= relativedelta(years=1)  # no year typed, and it would be weeks ahead
    if parsed.tzinfo is not None:
        return parsed.astimezone()
    if _HAS_TIME.search(phrase):
        return aware(parsed)
    return _day_at(parsed.date(), None, edge)
