"""Rituals of connection: what is due on which day, what was kept, streaks and rates.

>>> walk = journal.rituals.add("Walk and talk", "FREQ=WEEKLY;BYDAY=SU",
...                            dtstart=date(2025, 3, 1))                  # doctest: +SKIP
>>> journal.rituals.due(date(2025, 3, 1), date(2025, 3, 9))[date(2025, 3, 2)]  # doctest: +SKIP
[Ritual(id=1, name='Walk and talk', ...)]
>>> journal.rituals.mark(walk.id, date(2025, 3, 2), "done", note="to the river")  # doctest: +SKIP
>>> journal.rituals.kept_and_due(date(2025, 3, 1), date(2025, 3, 9))      # doctest: +SKIP
(1, 2)

What "due" means, in one place (the calendar, Look back and the tests all ask here):

- A ritual is due on the days its RFC 5545 RRULE produces (``dateutil.rrule``), counted
  from its start date ``dtstart``. The start day itself is due only when the rule falls on
  it: a Sunday walk started on a Wednesday is first due on the Sunday after.
- It is all calendar dates, never moments: rules run on naive midnights, and "today" is
  the local date (:func:`storage.dates.today`). A change of clocks (DST) or of time zone
  never moves a ritual to another day; ``time_of_day`` is only shown.
- A day a month does not have is skipped, as RFC 5545 and dateutil do: "the 31st of each
  month" (``BYMONTHDAY=31``) is due in the seven months that have a 31st, and a yearly
  29 February only in leap years. For "the last day of every month" use
  ``BYMONTHDAY=-1``.
- A paused ritual is not due on the days it was paused (see :meth:`Rituals.set_active`);
  the days before and after keep their own record.
- Missed means due, in the past, and not marked. It is worked out, never stored, unless the
  person gives a reason (a ``missed`` mark with a ``reason``).

Streaks count due days kept in a row (``done``). A skipped day neither adds to a streak nor
breaks it (skipping by choice is honest, not a failure); a missed one ends it; today, not
yet marked, does neither because the day is not over.
"""

from __future__ import annotations

import json
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from storage import dates, rows
from storage.errors import InvalidInput, NotFound
from storage.weeks import window

if TYPE_CHECKING:
    from storage.journal import Journal

STATUSES = ("done", "skipped", "missed")
"""What a mark may say."""

DAY_STATES = ("done", "skipped", "missed", "due", "upcoming")
"""What the calendar shows for a ritual on a day: a mark's status, ``missed`` for a past
due day without one, ``due`` for today unmarked, ``upcoming`` for a day still to come."""

RECENT_DAYS = 28
"""The rolling window of "the last four weeks" for a ritual's kept/due figure: the 28 days
ending today (:func:`storage.weeks.window`)."""

_LAST_DAY = date(dates.LATEST_YEAR, 12, 31)

BOUNDARY_MEETING = "family_boundary_meeting"
"""The ritual idea whose marks keep agreements, each meeting reviewing the last one's."""
SHARED_DISCOVERY = "shared_discovery"
"""The ritual idea whose marks say which idea of the discovery bank was done."""
BIGGER_PICTURE = "bigger_picture"
"""The ritual idea kept by answering content's check-in questions in a journal entry."""


# ------------------------------------------------------------------ schedules


class _Schedule:
    """Every day one rule falls on from its start, as ordinals, worked out as far as asked
    and kept: asking about any range after that is a binary search, not a walk from the
    start (a daily ritual ten years old has 3,650 days before this week).

    The two plainest rules, every n days (``FREQ=DAILY``, with or without ``INTERVAL``)
    and once a week on one day (``FREQ=WEEKLY``, or with one ``BYDAY=XX``), are a fixed
    step from their first day: those are worked out by arithmetic, without walking
    dateutil's iterator over the years (a test holds them to what dateutil gives). Every
    other rule is dateutil's."""

    __slots__ = ("_days", "_iter", "_known_to", "_lock", "_first", "_step")

    def __init__(self, rule: str, dtstart: date):
        self._first, self._step = _fixed_step(rule, dtstart)
        self._days: list[int] = []
        self._lock = threading.Lock()
        if self._step:
            self._iter = None
            self._known_to = _LAST_DAY.toordinal()
            return
        from dateutil.rrule import rrulestr

        start = datetime(dtstart.year, dtstart.month, dtstart.day)
        parsed = rrulestr(rule, dtstart=start)
        if parsed._count is None and parsed._until is None:  # noqa: SLF001
            # A bound, so that even an odd rule stops within the years a journal holds.
            parsed = parsed.replace(until=datetime.combine(_LAST_DAY, datetime.min.time()))
        self._iter = iter(parsed)
        self._known_to = dtstart.toordinal() - 1  # every day up to this one is worked out

    def _extend(self, last: int) -> None:
        if self._known_to >= last:
            return
        with self._lock:
            if self._known_to >= last:  # another thread worked it out meanwhile
                return
            days = self._days
            for moment in self._iter:
                day = moment.toordinal()
                if not days or days[-1] != day:
                    days.append(day)
                if day >= last:
                    self._known_to = day
                    return
            self._known_to = _LAST_DAY.toordinal()  # the rule has no more days

    def _stepped(self, first: int, last: int) -> range:
        """The due days of a fixed-step rule from ``first`` to ``last``."""
        start, step = self._first, self._step
        if first > start:
            start += -(-(first - start) // step) * step  # the first due day on or after
        return range(start, min(last, _LAST_DAY.toordinal()) + 1, step)

    def between(self, first: int, last: int) -> list[int]:
        """The ordinals of the due days from ``first`` to ``last``, both included."""
        if self._step:
            return list(self._stepped(first, last))
        self._extend(last)
        days = self._days
        return days[bisect_left(days, first) : bisect_right(days, last)]

    def count(self, first: int, last: int) -> int:
        if self._step:
            return len(self._stepped(first, last))
        self._extend(last)
        days = self._days
        return bisect_right(days, last) - bisect_left(days, first)


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _fixed_step(rule: str, dtstart: date) -> tuple[int, int]:
    """``(first due ordinal, step in days)`` for every-n-days and weekly-on-one-day rules;
    ``(0, 0)`` for any other rule (dateutil works those out)."""
    try:
        parts = rule_parts(rule)
    except ValueError:
        return 0, 0
    freq = parts.pop("FREQ", "")
    interval = parts.pop("INTERVAL", "1")
    if not interval.isdigit() or int(interval) < 1:
        return 0, 0
    start = dtstart.toordinal()
    if freq == "DAILY" and not parts:
        return start, int(interval)
    if freq == "WEEKLY" and interval == "1" and not parts:  # the start's weekday
        return start, 7
    if freq == "WEEKLY" and interval == "1" and set(parts) == {"BYDAY"}:
        day = parts["BYDAY"]
        if day in _WEEKDAYS:
            return start + (_WEEKDAYS.index(day) - dtstart.weekday()) % 7, 7
    return 0, 0


_SCHEDULES: dict[tuple[str, date], _Schedule] = {}
_SCHEDULES_LOCK = threading.Lock()
_SCHEDULES_MAX = 512


def schedule(rule: str, dtstart: date) -> _Schedule:
    """The shared, cached schedule of one rule from one start day."""
    key = (rule, dtstart)
    found = _SCHEDULES.get(key)
    if found is None:
        with _SCHEDULES_LOCK:
            found = _SCHEDULES.get(key)
            if found is None:
                if len(_SCHEDULES) >= _SCHEDULES_MAX:
                    _SCHEDULES.clear()
                found = _SCHEDULES[key] = _Schedule(rule, dtstart)
    return found


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the due-day sums need to know of one ritual, read without validation."""

    id: int
    rule: str
    dtstart: date
    pauses: tuple[tuple[int, int], ...]  # ordinal spans [start, end) that are not due

    def due_days(self, first: date, last: date) -> list[int]:
        lo = max(first.toordinal(), self.dtstart.toordinal())
        hi = last.toordinal()
        if hi < lo:
            return []
        days = schedule(self.rule, self.dtstart).between(lo, hi)
        if self.pauses:
            days = [d for d in days if not any(a <= d < b for a, b in self.pauses)]
        return days

    def due_count(self, first: date, last: date) -> int:
        if not self.pauses:
            lo = max(first.toordinal(), self.dtstart.toordinal())
            hi = last.toordinal()
            return schedule(self.rule, self.dtstart).count(lo, hi) if hi >= lo else 0
        return len(self.due_days(first, last))

    def is_due(self, day: date) -> bool:
        return bool(self.due_days(day, day))


def _pause_spans(raw: Any) -> tuple[tuple[int, int], ...]:
    items = json.loads(raw) if isinstance(raw, str) else (raw or [])
    spans = []
    for item in items:
        start = date.fromisoformat(str(item["start"])).toordinal()
        end = item.get("end")
        stop = date.fromisoformat(str(end)).toordinal() if end else _LAST_DAY.toordinal() + 1
        spans.append((start, stop))
    return tuple(spans)


# ------------------------------------------------------------------ what is read back


class RitualPause(NamedTuple):
    """A span of days a ritual was paused: from ``start`` up to (not including) ``end``;
    ``end`` is None while it is still paused."""

    start: date
    end: date | None = None


class Ritual(NamedTuple):
    """A stored ritual as read back. It was validated on the way in
    (:class:`storage.models.RitualIn`), so reading it needs no validation: a plain named
    tuple, and showing the rituals never imports pydantic nor reads content/."""

    id: int
    created_at: datetime
    updated_at: datetime
    name: str
    description: str
    prompt: str
    rrule: str
    dtstart: date
    time_of_day: str | None
    template: str | None
    asks_good_and_hard: bool
    active: bool
    pauses: tuple[RitualPause, ...]


class RitualLog(NamedTuple):
    """A stored mark as read back (validated on the way in by
    :class:`storage.models.RitualLogIn`)."""

    id: int
    created_at: datetime
    updated_at: datetime
    ritual_id: int
    on_date: date
    status: str
    note: str
    positive: str
    negative: str
    reason: str | None
    agreements: str = ""
    """What was agreed (the family boundary meeting's), one per line."""


class PastAgreements(NamedTuple):
    """The agreements of one earlier meeting: its day and its lines."""

    on_date: date
    lines: tuple[str, ...]


def agreement_lines(text: str) -> list[str]:
    r"""The agreements written in ``text``, one a line: blank lines and a leading list mark
    left out, and a line that says the same as one before it (case and spacing aside)
    kept once.

    >>> agreement_lines("- We leave by six\n\n* we leave  by six\nOne visit a month ")
    ['We leave by six', 'One visit a month']
    """
    out: list[str] = []
    seen: set[str] = set()
    for raw in (text or "").splitlines():
        line = " ".join(raw.split()).lstrip("-*• ").strip()
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            out.append(line)
    return out


def carry_agreements(previous: list[str] | tuple[str, ...], kept: list[bool],
                     new: str) -> str:
    r"""This meeting's agreements: the earlier ones kept (``kept[n]`` for ``previous[n]``;
    a line without a flag is let go), then the new ones, one a line.

    >>> carry_agreements(["Leave by six", "One visit a month"], [True, False],
    ...                  "Answer calls together")
    'Leave by six\nAnswer calls together'
    """
    chosen = [line for n, line in enumerate(previous) if n < len(kept) and kept[n]]
    return "\n".join(agreement_lines("\n".join([*chosen, new or ""])))


def review_agreements(previous: list[str] | tuple[str, ...],
                      current: str) -> tuple[list[bool], str]:
    r"""How a meeting's stored agreements read back into the review: which earlier lines
    were kept, and the lines that are new (the inverse of :func:`carry_agreements`).

    >>> review_agreements(["Leave by six", "One visit a month"],
    ...                   "leave by six\nAnswer calls together")
    ([True, False], 'Answer calls together')
    """
    lines = agreement_lines(current)
    folded = {line.casefold() for line in lines}
    earlier = {line.casefold() for line in previous}
    kept = [line.casefold() in folded for line in previous]
    return kept, "\n".join(line for line in lines if line.casefold() not in earlier)


_RITUAL_COLUMNS = ("id, created_at, updated_at, name, description, prompt, rrule, dtstart,"
                   " time_of_day, template, asks_good_and_hard, active, pauses")
_LOG_COLUMNS = ("id, created_at, updated_at, ritual_id, on_date, status, note, positive,"
                " negative, reason, agreements")


def _ritual(row: tuple) -> Ritual:
    (rid, created, updated, name, description, prompt, rule, start, tod, template, asks,
     active, pauses) = row
    items = json.loads(pauses) if isinstance(pauses, str) else (pauses or [])
    return Ritual(
        rid, dates.from_stored(created), dates.from_stored(updated), name, description or "",
        prompt or "", rule, date.fromisoformat(start), tod or None, template or None,
        bool(asks), bool(active),
        tuple(RitualPause(date.fromisoformat(p["start"]),
                          date.fromisoformat(p["end"]) if p.get("end") else None)
              for p in items),
    )


def _log(row: tuple) -> RitualLog:
    lid, created, updated, rid, on_date, status, note, positive, negative, reason, agreed = row
    return RitualLog(
        lid, dates.from_stored(created), dates.from_stored(updated), rid,
        date.fromisoformat(on_date), status, note or "", positive or "", negative or "",
        reason or None, agreed or "",
    )


# ------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class DayRitual:
    """One ritual on one day of the calendar: what it shows and what was written."""

    ritual_id: int
    name: str
    state: str
    """One of :data:`DAY_STATES`."""
    due: bool
    """Whether the rule falls on this day (a mark can outlive a change of rule)."""
    log_id: int | None = None
    note: str = ""
    positive: str = ""
    negative: str = ""
    reason: str | None = None
    time_of_day: str | None = None
    asks_good_and_hard: bool = False

    @property
    def marked(self) -> bool:
        return self.log_id is not None


@dataclass(frozen=True, slots=True)
class RitualStats:
    """How one ritual has gone, up to ``today``."""

    ritual_id: int
    current: int
    """Due days kept in a row, up to today."""
    longest: int
    """The longest such run since the ritual began."""
    kept: int
    """Days marked done in the last four weeks (:data:`RECENT_DAYS`, ending today)."""
    due: int
    """Days it was due in the same four weeks."""

    @property
    def rate(self) -> float | None:
        return self.kept / self.due if self.due else None


# ------------------------------------------------------------------ the API


def rule_parts(rule: str) -> dict[str, str]:
    """The ``NAME=VALUE`` parts of a one-line RRULE, names and values upper-cased; a
    ``RRULE:`` prefix and empty parts are left out. ValueError for a part without ``=``.
    The one reading of a rule's parts: the models check a rule with it, and putting a rule
    in words here (when the rituals are shown) needs neither the models nor pydantic.

    >>> rule_parts("FREQ=WEEKLY;BYDAY=SU")
    {'FREQ': 'WEEKLY', 'BYDAY': 'SU'}
    """
    parts: dict[str, str] = {}
    for piece in rule.strip().removeprefix("RRULE:").split(";"):
        if not piece.strip():
            continue
        name, sep, value = piece.partition("=")
        if not sep:
            raise ValueError(f"{piece.strip()!r} should look like NAME=VALUE")
        parts[name.strip().upper()] = value.strip().upper()
    return parts


def describe_rule(rule: str, dtstart: date | None = None) -> str:
    """A rule in plain words, for showing beside it (the rule itself stays the truth).

    >>> describe_rule("FREQ=MONTHLY;BYDAY=+1SA")
    'The first Saturday of every month'
    >>> describe_rule("FREQ=MONTHLY;INTERVAL=3;BYDAY=+1SU")
    'The first Sunday, every three months'
    """
    try:
        parts = rule_parts(rule)
    except ValueError:
        return "A custom rule"
    freq = parts.pop("FREQ", "")
    try:
        interval = int(parts.pop("INTERVAL", "1"))
    except ValueError:
        return "A custom rule"
    count, until = parts.pop("COUNT", None), parts.pop("UNTIL", None)
    parts.pop("WKST", None)
    byday = [d for d in parts.pop("BYDAY", "").split(",") if d]
    bymonthday = [d for d in parts.pop("BYMONTHDAY", "").split(",") if d]
    bymonth = [m for m in parts.pop("BYMONTH", "").split(",") if m]
    text = None
    if not parts:
        text = _describe(freq, interval, byday, bymonthday, bymonth, dtstart)
    if text is None:
        return "A custom rule"
    if count and count.isdigit():
        text += f", {count} times" if count != "1" else ", once"
    elif until:
        try:
            end = datetime.strptime(until[:8], "%Y%m%d").date()
            text += f", until {end.day} {end:%B %Y}"
        except ValueError:
            pass
    return text


_DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
              "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last",
             -2: "second to last"}
_NUMBER_WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}


def _every(interval: int, unit: str) -> str:
    """``every month``, ``every other month``, ``every three months``, ``every 18 months``."""
    if interval == 1:
        return f"every {unit}"
    if interval == 2:
        return f"every other {unit}"
    return f"every {_NUMBER_WORDS.get(interval, str(interval))} {unit}s"


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _nth(n: int) -> str:
    if n == -1:
        return "last day"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _describe(freq, interval, byday, bymonthday, bymonth, dtstart) -> str | None:
    if interval < 1:
        return None
    if freq == "DAILY" and not (byday or bymonthday or bymonth):
        return {1: "Every day", 2: "Every other day"}.get(interval, f"Every {interval} days")
    if freq == "WEEKLY" and not (bymonthday or bymonth):
        if not byday and dtstart is not None:
            byday = [list(_DAY_NAMES)[dtstart.weekday()]]
        if not byday or any(d not in _DAY_NAMES for d in byday):
            return None
        order = list(_DAY_NAMES)
        days = sorted(set(byday), key=order.index)
        if days == order[:5]:
            return "Every weekday" if interval == 1 else (
                f"{_every(interval, 'week').capitalize()}, on weekdays")
        names = _and([_DAY_NAMES[d] for d in days])
        if interval <= 2:
            return ("Every " if interval == 1 else "Every other ") + names
        return f"Every {interval} weeks on {names}"
    if freq == "MONTHLY" and not bymonth:
        period = _every(interval, "month")
        if len(byday) == 1 and not bymonthday and byday[0][-2:] in _DAY_NAMES:
            head = byday[0][:-2] or "+1"
            try:
                n = int(head)
            except ValueError:
                return None
            if n not in _ORDINALS:
                return None
            day = f"The {_ORDINALS[n]} {_DAY_NAMES[byday[0][-2:]]}"
            return f"{day} of every month" if interval == 1 else f"{day}, {period}"
        if len(bymonthday) == 1 and not byday:
            try:
                n = int(bymonthday[0])
            except ValueError:
                return None
            if not (1 <= n <= 31 or n == -1):
                return None
            day = f"The {_nth(n)}"
            return f"{day} of every month" if interval == 1 else f"{day}, {period}"
        if not byday and not bymonthday and dtstart is not None:
            day = f"The {_nth(dtstart.day)}"
            return f"{day} of every month" if interval == 1 else f"{day}, {period}"
        return None
    if freq == "YEARLY" and not byday:
        period = "Every year" if interval == 1 else _every(interval, "year").capitalize()
        if len(bymonth) == 1 and len(bymonthday) == 1:
            try:
                month, day = int(bymonth[0]), int(bymonthday[0])
            except ValueError:
                return None
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{period} on {day} {_MONTHS[month - 1]}"
        if not bymonth and not bymonthday and dtstart is not None:
            return f"{period} on {dtstart.day} {dtstart:%B}"
    return None


class Rituals:
    """The rituals a person keeps and the marks of what happened (``journal.rituals``)."""

    def __init__(self, journal: Journal):
        self.journal = journal

    # ------------------------------------------------------------ the rituals

    def add(
        self,
        name: str,
        rrule: str,
        *,
        dtstart: date | None = None,
        description: str = "",
        prompt: str = "",
        time_of_day: str | None = None,
        asks_good_and_hard: bool = False,
        template: str | None = None,
    ) -> Ritual:
        """Start a ritual (from today unless ``dtstart`` says otherwise).

        Starting the shared discovery (``template="shared_discovery"``) puts a few ideas
        from content into an empty discovery bank, in the same transaction.

        Raises InvalidInput, saving nothing, for a rule that is not valid or never comes
        round (``"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"``), or a name another ritual has."""
        from storage.models import RitualIn

        ritual = rows.validate(RitualIn, {
            "name": name,
            "rrule": rrule,
            "dtstart": dtstart or dates.today(),
            "description": description,
            "prompt": prompt,
            "time_of_day": time_of_day or None,
            "asks_good_and_hard": asks_good_and_hard,
            "template": template,
        })
        self._check_name_free(ritual.name)
        with self.journal.transaction():
            ritual_id = rows.insert(self.journal, "rituals", ritual)
            if ritual.template == SHARED_DISCOVERY:
                self.journal.discoveries.start_bank()
        return self.get(ritual_id)

    def _check_name_free(self, name: str, ritual_id: int | None = None) -> None:
        """InvalidInput when another ritual (paused ones too) has this name, ignoring case
        and spacing: two rituals called the same would be told apart nowhere (the calendar,
        the list, a mark's title)."""
        wanted = " ".join(name.split()).casefold()
        for other_id, other in self.journal.conn.execute("SELECT id, name FROM rituals"):
            if other_id != ritual_id and " ".join(other.split()).casefold() == wanted:
                raise InvalidInput(
                    f"You already have a ritual called {other!r}; give this one another name."
                )

    def add_from_template(
        self,
        key: str,
        *,
        dtstart: date | None = None,
        name: str | None = None,
        time_of_day: str | None = None,
    ) -> Ritual:
        """Start one of the rituals content/ suggests (``five_minute_download``, ...)."""
        from content import knowledge

        try:
            template = knowledge().ritual(key)
        except KeyError:
            raise InvalidInput(f"there is no ritual idea called {key!r}") from None
        return self.add(
            name or template.name,
            template.rrule,
            dtstart=dtstart,
            description=template.description,
            prompt=template.prompt,
            time_of_day=time_of_day,
            asks_good_and_hard=template.asks_good_and_hard,
            template=key,
        )

    def update(self, ritual_id: int, **changes: Any) -> Ritual:
        """Change some fields of a ritual (name, rrule, dtstart, description, prompt,
        time_of_day, asks_good_and_hard). Pausing is :meth:`set_active`."""
        from storage.models import RitualIn

        allowed = set(RitualIn.model_fields) - {"active", "pauses"}
        unknown = set(changes) - allowed
        if unknown:
            name = sorted(unknown)[0]
            hint = " (use set_active to pause it)" if name in ("active", "pauses") else ""
            raise InvalidInput(f"rituals have no field {name!r} to change{hint}")
        current = self.get(ritual_id)
        data = _input_fields(current)
        data.update(changes)
        if data.get("time_of_day") == "":
            data["time_of_day"] = None
        ritual = rows.validate(RitualIn, data)
        self._check_name_free(ritual.name, ritual_id)
        rows.update(self.journal, "rituals", ritual_id, ritual)
        return self.get(ritual_id)

    def set_active(self, ritual_id: int, active: bool, *, on: date | None = None) -> Ritual:
        """Pause a ritual from ``on`` (today unless given), or take it up again from then.

        A paused ritual is not due, so its paused days count neither as kept nor as
        missed; the record before and after the pause stays as it was."""
        from storage.models import Pause, RitualIn

        day = on or dates.today()
        current = self.get(ritual_id)
        pauses = [Pause(start=p.start, end=p.end) for p in current.pauses]
        open_pause = next((p for p in pauses if p.end is None), None)
        if active and open_pause is not None:
            if day <= open_pause.start:
                pauses.remove(open_pause)  # taken up again before the pause began
            else:
                open_pause.end = day
        elif not active and open_pause is None:
            later = [p for p in pauses if p.end is not None and p.end > day]
            if later:
                raise InvalidInput("a ritual cannot be paused from before its last pause ended")
            pauses.append(Pause(start=day))
        data = _input_fields(current)
        data["pauses"] = [p.model_dump() for p in pauses]
        data["active"] = bool(active)
        rows.update(self.journal, "rituals", ritual_id, rows.validate(RitualIn, data))
        return self.get(ritual_id)

    def delete(self, ritual_id: int) -> int:
        """Remove a ritual and every mark of it, as one transaction; how many marks went."""
        with self.journal.transaction() as conn:
            gone = conn.execute("DELETE FROM ritual_log WHERE ritual_id = ?", (ritual_id,))
            cur = conn.execute("DELETE FROM rituals WHERE id = ?", (ritual_id,))
            if cur.rowcount == 0:
                raise NotFound(f"no ritual with id {ritual_id}")
        return gone.rowcount

    def get(self, ritual_id: int) -> Ritual:
        found = self._fetch("WHERE id = ?", (ritual_id,))
        if not found:
            raise NotFound(f"no ritual with id {ritual_id}")
        return found[0]

    def list(self, active: bool | None = None) -> list[Ritual]:
        """Every ritual (or only the active or paused ones), by time of day, then name."""
        where, params = "", ()
        if active is not None:
            where, params = "WHERE active = ?", (int(active),)
        return self._fetch(
            f"{where} ORDER BY coalesce(time_of_day, '99'), name COLLATE NOCASE, id", params
        )

    def _fetch(self, tail: str, params: Any = ()) -> list[Ritual]:
        """Rituals read back as they were stored (no validation: see :class:`Ritual`)."""
        sql = f"SELECT {_RITUAL_COLUMNS} FROM rituals {tail}"
        return [_ritual(row) for row in self.journal.conn.execute(sql, params).fetchall()]

    def count(self) -> int:
        return self.journal.scalar("SELECT count(*) FROM rituals")

    def _plans(self, ritual_id: int | None = None) -> list[_Plan]:
        sql = "SELECT id, rrule, dtstart, pauses FROM rituals"
        params: tuple = ()
        if ritual_id is not None:
            sql, params = sql + " WHERE id = ?", (ritual_id,)
        return [
            _Plan(rid, rule, date.fromisoformat(start), _pause_spans(pauses))
            for rid, rule, start, pauses in self.journal.conn.execute(sql, params).fetchall()
        ]

    def _plan(self, ritual_id: int) -> _Plan:
        plans = self._plans(ritual_id)
        if not plans:
            raise NotFound(f"no ritual with id {ritual_id}")
        return plans[0]

    # ------------------------------------------------------------ due days

    def due(self, start: date, end: date) -> dict[date, list[Ritual]]:
        """Every day from ``start`` to ``end`` (both included) with the rituals due on it,
        in :meth:`list` order; a day with nothing due maps to an empty list."""
        _check_range(start, end)
        rituals = {r.id: r for r in self.list()}
        out: dict[date, list[Ritual]] = {}
        for offset in range((end - start).days + 1):
            out[start + timedelta(days=offset)] = []
        order = list(rituals)
        for plan in sorted(self._plans(), key=lambda p: order.index(p.id)):
            for ordinal in plan.due_days(start, end):
                out[date.fromordinal(ordinal)].append(rituals[plan.id])
        return out

    def is_due(self, ritual_id: int, day: date) -> bool:
        return self._plan(ritual_id).is_due(day)

    def next_due(self, ritual_id: int, after: date, count: int = 3) -> list[date]:
        """The next ``count`` days the ritual is due, from ``after`` on (included)."""
        plan = self._plan(ritual_id)
        found: list[date] = []
        first = after
        while len(found) < count and first <= _LAST_DAY:
            last = min(first + timedelta(days=400), _LAST_DAY)
            found += [date.fromordinal(o) for o in plan.due_days(first, last)]
            first = last + timedelta(days=1)
        return found[:count]

    def preview(
        self, rrule: str, dtstart: date, *, count: int = 3, after: date | None = None
    ) -> tuple[str, str, list[date]]:
        """Check a rule before it is saved: (the rule as it would be stored, the rule in
        words, its next ``count`` days from ``after`` or the start). InvalidInput, with the
        reason, when it is not a rule a ritual can have."""
        from storage.models import RitualIn

        ritual = rows.validate(RitualIn, {"name": "preview", "rrule": rrule, "dtstart": dtstart})
        plan = _Plan(0, ritual.rrule, ritual.dtstart, ())
        first = max(after or ritual.dtstart, ritual.dtstart)
        found: list[date] = []
        while len(found) < count and first <= _LAST_DAY:
            last = min(first + timedelta(days=800), _LAST_DAY)
            found += [date.fromordinal(o) for o in plan.due_days(first, last)]
            first = last + timedelta(days=1)
        return ritual.rrule, describe_rule(ritual.rrule, ritual.dtstart), found[:count]

    def kept_and_due(self, start: date, end: date) -> tuple[int, int]:
        """(kept, due) for every ritual from ``start`` to ``end``, both included: kept is
        the marks saying ``done`` in the range; due is the due days in the range, counting
        only days up to today (a day still to come is not owed yet)."""
        _check_range(start, end)
        kept = self.journal.scalar(
            "SELECT count(*) FROM ritual_log WHERE status = 'done' AND on_date BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )
        last = min(end, dates.today())
        due = sum(plan.due_count(start, last) for plan in self._plans()) if last >= start else 0
        return kept, due

    # ------------------------------------------------------------ marks

    def mark(
        self,
        ritual_id: int,
        on_date: date,
        status: str,
        note: str = "",
        positive: str = "",
        negative: str = "",
        reason: str | None = None,
        agreements: str = "",
    ) -> RitualLog:
        """Say what happened to a ritual on a day; marking the same day again changes the
        mark (UNIQUE(ritual_id, on_date)), never adds a second one.

        ``status`` is done, skipped or missed; ``reason`` (a key of ``missed_reasons`` in
        content: busy, forgot, conflict, chose_not_to) says why it was skipped or missed,
        and is dropped for done. ``agreements`` (what a meeting agreed, one a line, see
        :func:`carry_agreements`) are kept only for a meeting that happened (done).
        Refuses, saving nothing: a day the ritual is not due (unless it already has a mark
        there), done or missed for a day still to come, a note over
        :data:`storage.models.RITUAL_NOTE_MAX` characters. The shared discovery marked
        skipped or missed gives its day's idea back to the bank, to try again."""
        from storage.models import RitualLogIn

        log = rows.validate(RitualLogIn, {
            "ritual_id": ritual_id,
            "on_date": on_date,
            "status": status,
            "note": note or "",
            "positive": positive or "",
            "negative": negative or "",
            "reason": None if status == "done" else (reason or None),
            "agreements": "\n".join(agreement_lines(agreements)) if status == "done" else "",
        })
        plan = self._plan(ritual_id)
        day = log.on_date
        if log.status != "skipped" and day > dates.today():
            raise InvalidInput(
                f"{_day_words(day)} has not come yet; a day still to come can only be skipped"
            )
        existing = self.journal.scalar(
            "SELECT id FROM ritual_log WHERE ritual_id = ? AND on_date = ?",
            (ritual_id, day.isoformat()),
        )
        if existing is None and not plan.is_due(day):
            name = self.journal.scalar("SELECT name FROM rituals WHERE id = ?", (ritual_id,))
            raise InvalidInput(f"{name} is not due on {_day_words(day)}")
        row = rows.to_row("ritual_log", log)
        stamp = self.journal.stamp()
        with self.journal.transaction() as conn:
            if log.status != "done":
                self._give_ideas_back(ritual_id, day)
            conn.execute(
                "INSERT INTO ritual_log (ritual_id, on_date, status, note, positive, negative,"
                " reason, agreements, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(ritual_id, on_date) DO UPDATE SET status = excluded.status,"
                " note = excluded.note, positive = excluded.positive,"
                " negative = excluded.negative, reason = excluded.reason,"
                " agreements = excluded.agreements, updated_at = excluded.updated_at",
                (row["ritual_id"], row["on_date"], row["status"], row["note"], row["positive"],
                 row["negative"], row["reason"], row["agreements"], stamp, stamp),
            )
            log_id = conn.execute(
                "SELECT id FROM ritual_log WHERE ritual_id = ? AND on_date = ?",
                (ritual_id, day.isoformat()),
            ).fetchone()[0]
        return self.get_log(log_id)

    def last_agreements(
        self, ritual_id: int, before: date, *, inclusive: bool = False
    ) -> PastAgreements | None:
        """The agreements of the latest meeting before ``before`` (or on it, when
        ``inclusive``) that kept any: what the next meeting reviews, and what holds now.
        A meeting skipped or without agreements passes the earlier ones on."""
        found = self.journal.conn.execute(
            "SELECT on_date, agreements FROM ritual_log WHERE ritual_id = ?"
            f" AND on_date {'<=' if inclusive else '<'} ? AND status = 'done'"
            " AND agreements != '' ORDER BY on_date DESC LIMIT 1",
            (ritual_id, before.isoformat()),
        ).fetchone()
        if found is None:
            return None
        lines = tuple(agreement_lines(found[1]))
        return PastAgreements(date.fromisoformat(found[0]), lines) if lines else None

    def mark_discovery(
        self, ritual_id: int, on_date: date, idea: int | str, note: str = ""
    ) -> RitualLog:
        """The shared discovery happened on ``on_date``: mark the ritual done and say which
        idea of the bank it was (an idea's id, or the words of a new one, added to the
        bank), in one transaction. ``note`` (what you did) goes on both. Another idea that
        was set down for that day goes back among the ideas to try."""
        bank = self.journal.discoveries
        with self.journal.transaction():
            log = self.mark(ritual_id, on_date, "done", note=note)
            before = bank.done_on_day(on_date)
            if isinstance(idea, str):
                chosen = bank.add_done(idea, on_date, note=note)
            else:
                chosen = bank.mark_done(idea, on_date, note=note)
            if before is not None and before.id != chosen.id:
                bank.undo(before.id)
        return log

    def check_in_text(self, answers: list[str]) -> str:
        """The body of a check-in's journal entry: each question answered, in bold, with
        its answer beneath (a question left blank is left out)."""
        from content import knowledge

        questions = knowledge().small_things.check_in.questions
        parts = []
        for question, answer in zip(questions, answers):
            if (answer or "").strip():
                parts.append(f"**{question}**\n\n{answer.strip()}")
        return "\n\n".join(parts)

    def check_in(
        self, ritual_id: int, on_date: date, answers: list[str]
    ) -> tuple[Any, RitualLog]:
        """Keep a "bigger picture" check-in: ``answers`` to content's questions (in their
        order) become a journal entry (titled with the check-in's name, tagged with its
        tag) and the ritual is marked done for ``on_date``, in one transaction. Refuses,
        saving nothing, when no question was answered. Returns (the entry, the mark)."""
        from content import knowledge

        check = knowledge().small_things.check_in
        body = self.check_in_text(answers)
        if not body:
            raise InvalidInput("Answer at least one of the questions; the others can "
                               "stay empty.")
        if on_date == dates.today():
            moment = dates.now()
        else:
            from storage.kinds import ritual_note_moment

            ritual = self.get(ritual_id)
            moment = ritual_note_moment(on_date, ritual.time_of_day)
        with self.journal.transaction():
            log = self.mark(ritual_id, on_date, "done")
            entry = self.journal.entries.add(body, title=check.name, occurred_at=moment,
                                             tags=[check.tag])
        return entry, log

    def unmark(self, ritual_id: int, on_date: date) -> bool:
        """Take a day's mark away (it shows as due or missed again); False if none. The
        shared discovery's idea of that day goes back among the ideas to try."""
        with self.journal.transaction() as conn:
            self._give_ideas_back(ritual_id, on_date)
            cur = conn.execute(
                "DELETE FROM ritual_log WHERE ritual_id = ? AND on_date = ?",
                (ritual_id, on_date.isoformat()),
            )
        return cur.rowcount > 0

    def _give_ideas_back(self, ritual_id: int, on_date: date) -> list[int]:
        """Before a mark stops being done (changed, taken away, moved to the trash): when it
        is the shared discovery's, kept, and no other shared discovery was kept that day,
        the ideas done that day go back among the ideas to try. Their ids."""
        kept = self.journal.conn.execute(
            "SELECT l.ritual_id FROM ritual_log l JOIN rituals r ON r.id = l.ritual_id"
            " WHERE r.template = ? AND l.on_date = ? AND l.status = 'done'",
            (SHARED_DISCOVERY, on_date.isoformat())).fetchall()
        if [row[0] for row in kept] != [ritual_id]:
            return []  # not a kept shared discovery, or another one holds the day's idea
        return self.journal.discoveries.give_back(on_date)

    def forget_mark(self, log_id: int) -> dict[str, Any]:
        """Take one mark out of the journal, for the trash: what to give back when it is
        restored (:meth:`remember_mark`), the shared discovery's idea of its day."""
        with self.journal.transaction() as conn:
            found = conn.execute("SELECT ritual_id, on_date FROM ritual_log WHERE id = ?",
                                 (log_id,)).fetchone()
            if found is None:
                return {}
            ideas = self._give_ideas_back(found[0], date.fromisoformat(found[1]))
            conn.execute("DELETE FROM ritual_log WHERE id = ?", (log_id,))
        return {"ideas": ideas, "day": found[1]} if ideas else {}

    def remember_mark(self, links: dict[str, Any]) -> None:
        """A mark back from the trash: its day's ideas are done again (what
        :meth:`forget_mark` gave back, where no other idea took that day meanwhile)."""
        if links.get("ideas"):
            day = date.fromisoformat(links["day"])
            if self.journal.discoveries.done_on_day(day) is None:
                self.journal.discoveries.done_again(links["ideas"], day)

    def get_log(self, log_id: int) -> RitualLog:
        found = self._fetch_logs("WHERE id = ?", (log_id,))
        if not found:
            raise NotFound(f"no ritual mark with id {log_id}")
        return found[0]

    def get_mark(self, ritual_id: int, on_date: date) -> RitualLog | None:
        found = self._fetch_logs("WHERE ritual_id = ? AND on_date = ?",
                                 (ritual_id, on_date.isoformat()))
        return found[0] if found else None

    def _fetch_logs(self, tail: str, params: Any = ()) -> list[RitualLog]:
        """Marks read back as they were stored (no validation: see :class:`RitualLog`)."""
        sql = f"SELECT {_LOG_COLUMNS} FROM ritual_log {tail}"
        return [_log(row) for row in self.journal.conn.execute(sql, params).fetchall()]

    def logs(
        self, start: date, end: date, *, ritual_id: int | None = None
    ) -> list[RitualLog]:
        """The marks from ``start`` to ``end`` (both included), oldest first."""
        _check_range(start, end)
        where, params = "WHERE on_date BETWEEN ? AND ?", [start.isoformat(), end.isoformat()]
        if ritual_id is not None:
            where += " AND ritual_id = ?"
            params.append(ritual_id)
        return self._fetch_logs(where + " ORDER BY on_date, ritual_id", params)

    # ------------------------------------------------------------ the calendar

    def day_status(
        self, start: date, end: date, *, today: date | None = None
    ) -> dict[date, list[DayRitual]]:
        """Every day from ``start`` to ``end`` with each ritual due on it (or marked on it),
        and its state (:data:`DAY_STATES`), in :meth:`list` order. Plain SQL and cached
        schedules: a month of five rituals takes well under a millisecond."""
        _check_range(start, end)
        today = today or dates.today()
        today_ord = today.toordinal()
        info = {
            r[0]: r for r in self.journal.conn.execute(
                "SELECT id, name, time_of_day, asks_good_and_hard, rrule, dtstart, pauses"
                " FROM rituals ORDER BY coalesce(time_of_day, '99'), name COLLATE NOCASE, id"
            ).fetchall()
        }
        order = {rid: n for n, rid in enumerate(info)}
        marks = {
            (r[1], r[2]): r for r in self.journal.conn.execute(
                "SELECT id, ritual_id, on_date, status, note, positive, negative, reason"
                " FROM ritual_log WHERE on_date BETWEEN ? AND ?",
                (start.isoformat(), end.isoformat()),
            ).fetchall()
        }
        days: dict[int, list[DayRitual]] = {
            o: [] for o in range(start.toordinal(), end.toordinal() + 1)
        }
        due_pairs = set()
        for rid, _name, _tod, _asks, rule, dtstart, pauses in info.values():
            plan = _Plan(rid, rule, date.fromisoformat(dtstart), _pause_spans(pauses))
            due_pairs.update((rid, ordinal) for ordinal in plan.due_days(start, end))
        pairs = due_pairs | {
            (rid, date.fromisoformat(iso).toordinal()) for rid, iso in marks if rid in info
        }
        for rid, ordinal in pairs:
            _, name, tod, asks, *_ = info[rid]
            mark = marks.get((rid, date.fromordinal(ordinal).isoformat()))
            if mark is not None:
                log_id, _, _, state, note, positive, negative, reason = mark
            else:
                log_id, note, positive, negative, reason = None, "", "", "", None
                state = ("missed" if ordinal < today_ord
                         else "due" if ordinal == today_ord else "upcoming")
            days[ordinal].append(DayRitual(
                ritual_id=rid, name=name, state=state, due=(rid, ordinal) in due_pairs,
                log_id=log_id, note=note or "", positive=positive or "",
                negative=negative or "", reason=reason, time_of_day=tod,
                asks_good_and_hard=bool(asks),
            ))
        out: dict[date, list[DayRitual]] = {}
        for ordinal, items in days.items():
            items.sort(key=lambda item: order[item.ritual_id])
            out[date.fromordinal(ordinal)] = items
        return out

    def today_open(self, today: date | None = None) -> list[DayRitual]:
        """What is due today and not marked yet (the "today" strip)."""
        today = today or dates.today()
        return [d for d in self.day_status(today, today, today=today)[today] if not d.marked]

    # ------------------------------------------------------------ streaks and rates

    def streaks(self, ritual_id: int, today: date | None = None) -> RitualStats:
        """Current and longest run of due days kept, and kept/due over the last four
        weeks, up to ``today`` (see the module's note on what counts)."""
        today = today or dates.today()
        plan = self._plan(ritual_id)
        return _stats(plan, self._statuses(today, ritual_id).get(ritual_id, {}), today)

    def all_streaks(self, today: date | None = None) -> dict[int, RitualStats]:
        """:meth:`streaks` for every ritual, by id, from one read of the marks."""
        today = today or dates.today()
        statuses = self._statuses(today)
        return {plan.id: _stats(plan, statuses.get(plan.id, {}), today)
                for plan in self._plans()}

    def _statuses(self, today: date, ritual_id: int | None = None) -> dict[int, dict[int, str]]:
        """Every mark up to ``today``: ritual id -> day (as an ordinal) -> status. SQLite
        turns the dates into day numbers, so years of marks cost one plain read."""
        sql = ("SELECT ritual_id, CAST(julianday(on_date) - 1721424.5 AS INTEGER), status"
               " FROM ritual_log WHERE on_date <= ?")
        params: tuple = (today.isoformat(),)
        if ritual_id is not None:
            sql, params = sql + " AND ritual_id = ?", (*params, ritual_id)
        out: dict[int, dict[int, str]] = {}
        for rid, ordinal, status in self.journal.conn.execute(sql, params):
            if ordinal is not None:
                out.setdefault(rid, {})[ordinal] = status
        return out


def _stats(plan: _Plan, statuses: dict[int, str], today: date) -> RitualStats:
    """One ritual's :class:`RitualStats` from its marks (day ordinal -> status)."""
    run = longest = 0
    today_ord = today.toordinal()
    get = statuses.get
    for ordinal in plan.due_days(plan.dtstart, today):
        status = get(ordinal)
        if status == "done":
            run += 1
            if run > longest:
                longest = run
        elif status == "skipped" or (status is None and ordinal == today_ord):
            continue
        else:
            run = 0
    first, _ = window(today, RECENT_DAYS)
    lo = first.toordinal()
    kept = sum(1 for day, status in statuses.items()
               if status == "done" and lo <= day <= today_ord)
    return RitualStats(plan.id, run, longest, kept, plan.due_count(first, today))


def _check_range(start: date, end: date) -> None:
    if not isinstance(start, date) or not isinstance(end, date):
        raise InvalidInput("a range of days needs two dates")
    if end < start:
        raise InvalidInput(f"the range ends ({end}) before it starts ({start})")


def _day_words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _input_fields(ritual: Ritual) -> dict[str, Any]:
    """What :class:`storage.models.RitualIn` takes, from a ritual as read back."""
    return {
        "name": ritual.name, "description": ritual.description, "prompt": ritual.prompt,
        "rrule": ritual.rrule, "dtstart": ritual.dtstart, "time_of_day": ritual.time_of_day,
        "template": ritual.template, "asks_good_and_hard": ritual.asks_good_and_hard,
        "active": ritual.active,
        "pauses": [{"start": p.start, "end": p.end} for p in ritual.pauses],
    }

