"""The repeat-rule picker's choices and the RFC 5545 rule they stand for, both ways.

A person picks "every 2 weeks on Wednesday" or "the last Sunday, every month"; the ritual
stores ``FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`` or ``FREQ=MONTHLY;BYDAY=-1SU``. This module is
the one mapping between the two: :func:`to_rule` makes the rule from a :class:`Repeat`,
:func:`from_rule` reads a rule back into one (None when the picker cannot show it; the rule
text stays editable for those), and :func:`storage.rituals.describe_rule` says the rule in
words. Nothing here imports dateutil or pydantic: the picker stays instant.

>>> to_rule(Repeat("week", 2, ("WE",)))
'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'
>>> from_rule("FREQ=MONTHLY;BYDAY=-1SU")
Repeat(unit='month', interval=1, weekdays=(), month_day='nth', nth=-1, weekday='SU')
>>> from_rule("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR") is None
True
"""

from __future__ import annotations

from typing import NamedTuple

from storage.errors import InvalidInput
from storage.rituals import rule_parts

UNITS = ("day", "week", "month", "year")
"""What a ritual can repeat by, the most often first."""

_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_UNIT = {freq: unit for unit, freq in _FREQ.items()}

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""The days of the week as rules name them, Monday first."""

MONTH_DAYS = ("date", "nth", "last_day")
"""How a monthly ritual picks its day: the day of the month it started on, the nth
weekday (``nth``, ``weekday``), or the last day of the month."""

NTHS = (1, 2, 3, 4, -1)
"""Which of a month's weekdays: the first to the fourth, or the last (-1)."""

MAX_INTERVAL = 99
"""The most days, weeks, months or years the picker puts between two times."""


class Repeat(NamedTuple):
    """The picker's choices. ``weekdays`` matters for weeks only (none: the start's
    weekday); ``month_day``, ``nth`` and ``weekday`` for months only."""

    unit: str = "week"
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    month_day: str = "date"
    nth: int = 1
    weekday: str = "SU"

    def normal(self) -> Repeat:
        """The same choices with what does not apply to the unit set to its default, so two
        choices that make the same rule are equal."""
        weekdays = tuple(d for d in WEEKDAYS if d in self.weekdays) if self.unit == "week" else ()
        if self.unit == "month" and self.month_day == "nth":
            return Repeat(self.unit, self.interval, (), "nth", self.nth, self.weekday)
        month_day = self.month_day if self.unit == "month" else "date"
        return Repeat(self.unit, self.interval, weekdays, month_day)


def interval_from_text(text: str, unit: str = "week") -> int:
    """The "every N" a person typed, as a number; empty means 1. InvalidInput in plain
    words for anything else."""
    said = text.strip()
    if not said:
        return 1
    if not said.isdigit() or not 1 <= int(said) <= MAX_INTERVAL:
        raise InvalidInput(
            f"Every how many {unit}s? Give a whole number from 1 to {MAX_INTERVAL}."
        )
    return int(said)


def to_rule(choice: Repeat) -> str:
    """The RFC 5545 rule for the picker's choices. InvalidInput, in plain words, for a
    choice the picker should not have offered."""
    if choice.unit not in _FREQ:
        raise InvalidInput("Choose whether it repeats by the day, week, month or year.")
    if not 1 <= choice.interval <= MAX_INTERVAL:
        raise InvalidInput(f"Give a whole number from 1 to {MAX_INTERVAL} for how often.")
    choice = choice.normal()
    parts = [f"FREQ={_FREQ[choice.unit]}"]
    if choice.interval != 1:
        parts.append(f"INTERVAL={choice.interval}")
    if choice.weekdays:
        parts.append("BYDAY=" + ",".join(choice.weekdays))
    if choice.unit == "month":
        if choice.month_day == "nth":
            if choice.nth not in NTHS or choice.weekday not in WEEKDAYS:
                raise InvalidInput("Choose which weekday of the month it falls on.")
            parts.append(f"BYDAY={choice.nth:+d}{choice.weekday}")
        elif choice.month_day == "last_day":
            parts.append("BYMONTHDAY=-1")
        elif choice.month_day != "date":
            raise InvalidInput("Choose which day of the month it falls on.")
    return ";".join(parts)


def from_rule(rule: str) -> Repeat | None:
    """The picker's choices for a rule, or None when the picker cannot show it (a count, an
    end date, a set position, chosen months...): the rule text is then the only way to
    change it. ``to_rule(from_rule(rule))`` gives the same rule back, in the order this
    module writes it.

    >>> from_rule("FREQ=WEEKLY;BYDAY=FR,TU")
    Repeat(unit='week', interval=1, weekdays=('TU', 'FR'), month_day='date', nth=1, weekday='SU')
    """
    try:
        parts = rule_parts(rule)
    except ValueError:
        return None
    unit = _UNIT.get(parts.pop("FREQ", ""))
    interval_text = parts.pop("INTERVAL", "1")
    if unit is None or not interval_text.isdigit():
        return None
    interval = int(interval_text)
    if not 1 <= interval <= MAX_INTERVAL:
        return None
    byday = [d for d in parts.pop("BYDAY", "").split(",") if d]
    bymonthday = parts.pop("BYMONTHDAY", "")
    if parts:
        return None
    if unit == "week" and not bymonthday and all(d in WEEKDAYS for d in byday):
        if len(set(byday)) != len(byday):
            return None
        return Repeat(unit, interval, tuple(d for d in WEEKDAYS if d in byday))
    if unit == "month" and not (byday and bymonthday):
        if bymonthday == "-1":
            return Repeat(unit, interval, (), "last_day")
        if bymonthday:
            return None
        if not byday:
            return Repeat(unit, interval)
        if len(byday) != 1 or byday[0][-2:] not in WEEKDAYS:
            return None
        head = byday[0][:-2] or "+1"
        try:
            nth = int(head)
        except ValueError:
            return None
        if nth not in NTHS:
            return None
        return Repeat(unit, interval, (), "nth", nth, byday[0][-2:])
    if unit in ("day", "year") and not (byday or bymonthday):
        return Repeat(unit, interval)
    return None
