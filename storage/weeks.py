"""The two meanings of "a week", named apart, in one place.

- **ISO weeks** (:func:`week_start`, :func:`week_end`, :func:`week_key`, :func:`week_label`,
  :func:`week_words`, :func:`week_start_sql`): Monday to Sunday, as ISO 8601 counts them.
  Look back, ``closer weeks``, the Markdown export's headings and the ritual calendar's rows
  are ISO weeks. A week is named by its Monday: to people as "week of 30 Nov"
  (:func:`week_words`), in data as ``2026-W49`` (:func:`week_label`). 1 January can belong to
  the last week of the year before (1 January 2027 is in 2026-W53).
- **Rolling windows** (:func:`window`, :func:`window_before`, :func:`blocks`): N days ending
  on a given day, that day included. "The last four weeks" of the loop pane and of a ritual's
  kept/due figure is the 28-day window ending today, never a half-finished calendar week.

Both are about *local calendar days* (``date``), never moments: the day a record belongs to
is the local date it happened on (the ``day`` column), so a change of clocks moves nothing.

>>> from datetime import date
>>> week_start(date(2027, 1, 1)), week_label(date(2027, 1, 1))
(datetime.date(2026, 12, 28), '2026-W53')
>>> window(date(2025, 3, 28), 28)
(datetime.date(2025, 3, 1), datetime.date(2025, 3, 28))
"""

from __future__ import annotations

from datetime import date, timedelta

WEEK_DAYS = 7


# ------------------------------------------------------------------ ISO weeks


def week_start(day: date) -> date:
    """The Monday of the ISO week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def week_end(day: date) -> date:
    """The Sunday of the ISO week ``day`` falls in."""
    return week_start(day) + timedelta(days=WEEK_DAYS - 1)


def week_key(day: date) -> tuple[int, int]:
    """``(ISO year, week number)`` of the week ``day`` falls in: ``(2026, 53)`` for
    1 January 2027."""
    year, week, _ = day.isocalendar()
    return year, week


def week_label(day: date) -> str:
    """``2027-W01``: the ISO year and week number of the week ``day`` falls in (for data:
    JSON and keys; people read :func:`week_words`)."""
    year, week = week_key(day)
    return f"{year}-W{week:02d}"


def week_words(day: date, *, year: bool = False, capital: bool = False) -> str:
    """How a week is named to a person: ``week of 30 Nov`` (its Monday), with the year when
    asked, capitalised to begin a line when asked. ISO labels (:func:`week_label`) are for
    data only: JSON and keys.

    >>> week_words(date(2026, 12, 3)), week_words(date(2027, 1, 1), year=True, capital=True)
    ('week of 30 Nov', 'Week of 28 Dec 2026')
    """
    monday = week_start(day)
    said = f"{'W' if capital else 'w'}eek of {monday.day} {monday:%b}"
    return said + (f" {monday.year}" if year else "")


def week_start_sql(column: str) -> str:
    """SQL for the Monday of the ISO week holding a ``'YYYY-MM-DD'`` column, the same day
    :func:`week_start` gives (a test holds the two together): SQLite's ``weekday 0`` moves
    on to the Sunday ending the week (a Sunday stays), six days before is its Monday."""
    return f"date({column}, 'weekday 0', '-6 days')"


# ------------------------------------------------------------------ rolling windows


def window(last: date, days: int) -> tuple[date, date]:
    """The ``days`` days ending on ``last``, both ends included: ``(first, last)``."""
    return last - timedelta(days=days - 1), last


def window_before(first: date, days: int) -> tuple[date, date]:
    """The window of ``days`` days just before a window beginning on ``first``."""
    return window(first - timedelta(days=1), days)


def blocks(last: date, count: int, days: int = WEEK_DAYS) -> list[tuple[date, date]]:
    """``count`` windows of ``days`` days each, back to back, oldest first, the last one
    ending on ``last``: the bars of a sparkline counted back from today."""
    first = last - timedelta(days=count * days - 1)
    out = []
    for n in range(count):
        lo = first + timedelta(days=days * n)
        out.append((lo, lo + timedelta(days=days - 1)))
    return out
