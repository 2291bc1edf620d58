"""The rituals as an iCalendar file (RFC 5545), for calendar programs to show and remind.

>>> text = export_text(journal)                     # doctest: +SKIP
>>> text.splitlines()[0]                            # doctest: +SKIP
'BEGIN:VCALENDAR'

Every active ritual becomes one recurring event (``icalendar`` writes it), falling on exactly
the days closer itself says are due (:mod:`storage.rituals`, the one place that knows):

- RFC 5545 counts DTSTART as the first occurrence even when the rule does not fall on it;
  closer does not (a Sunday walk started on a Wednesday is first due that Sunday). So DTSTART
  is the ritual's first real day, never the day it was started.
- The days a ritual was paused are EXDATEs; a ritual paused now is left out (it is not due,
  and nobody can say when it will be again).
- A ritual with a time of day is a 30-minute event at that time in the local time zone, with
  its VTIMEZONE, so a change of clocks keeps it at the same wall time; without a time it is an
  all-day event. When the local zone has no name a calendar knows, the times are floating
  (the same wall time wherever the calendar is).
- Each event reminds (VALARM): at its time, or at :data:`ALL_DAY_REMINDER` on the day of an
  all-day one.
- The UID comes from the ritual's number and when it was made, so importing the file again
  updates the events instead of adding a second set.
- The description is the ritual's prompt, then its description.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

from storage import dates
from storage.rituals import Ritual, rule_parts, schedule

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from storage.journal import Journal

EVENT_MINUTES = 30
"""How long the event of a ritual with a time of day lasts in the calendar."""

ALL_DAY_REMINDER = time(9, 0)
"""When on its day the reminder of a ritual without a time of day goes off."""

PRODID = "-//closer//rituals//EN"
CALENDAR_NAME = "closer rituals"

_LAST_DAY = date(dates.LATEST_YEAR, 12, 31)


def local_zone() -> ZoneInfo | None:
    """The local time zone by its IANA name: ``TZ`` when it is set, else what
    ``/etc/localtime`` points to, else ``/etc/timezone``; None when that names no zone this
    machine knows (``TZ`` as a POSIX rule, say)."""
    from zoneinfo import ZoneInfo

    tz = os.environ.get("TZ")
    names = [tz.lstrip(":")] if tz else _system_zone_names()
    for name in names:
        if name and not name.startswith("/") and ".." not in name:
            try:
                return ZoneInfo(name)
            except (LookupError, ValueError, OSError):
                continue
    return None


def _system_zone_names() -> list[str]:
    names = []
    target = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in target:
        names.append(target.split("zoneinfo/", 1)[1])
    try:
        with open("/etc/timezone", encoding="utf-8") as fh:
            names.append(fh.read().strip())
    except OSError:
        pass
    return names


def first_day(ritual: Ritual) -> date | None:
    """The first day the ritual's rule falls on from its start, paused or not (the event's
    DTSTART); None when it never does."""
    plan = schedule(ritual.rrule, ritual.dtstart)
    lo = ritual.dtstart.toordinal()
    while lo <= _LAST_DAY.toordinal():
        hi = min(lo + 400, _LAST_DAY.toordinal())
        found = plan.between(lo, hi)
        if found:
            return date.fromordinal(found[0])
        lo = hi + 1
    return None


def paused_days(ritual: Ritual) -> list[date]:
    """The days the rule falls on while the ritual was paused (pauses that ended)."""
    plan = schedule(ritual.rrule, ritual.dtstart)
    out: list[date] = []
    for pause in ritual.pauses:
        if pause.end is None:
            continue
        days = plan.between(pause.start.toordinal(), pause.end.toordinal() - 1)
        out += [date.fromordinal(d) for d in days]
    return sorted(set(out))


def _rule(ritual: Ritual, zone: Any, at: time | None) -> dict[str, str]:
    """The ritual's rule for the calendar, with UNTIL in the form RFC 5545 asks for: a date
    for an all-day event, the end of that day as a UTC moment for a timed one."""
    parts = rule_parts(ritual.rrule)
    if "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        if at is None:
            parts["UNTIL"] = until.strftime("%Y%m%d")
        else:
            last = datetime.combine(until, time(23, 59, 59))
            if zone is not None:
                moment = last.replace(tzinfo=zone).astimezone(timezone.utc)
                parts["UNTIL"] = moment.strftime("%Y%m%dT%H%M%SZ")
            else:
                parts["UNTIL"] = last.strftime("%Y%m%dT%H%M%S")
    return parts


def _uid(ritual: Ritual) -> str:
    made = ritual.created_at.astimezone(timezone.utc)
    return f"ritual-{ritual.id}-{made:%Y%m%dT%H%M%SZ}@closer"


def _event(ritual: Ritual, zone: Any) -> Any | None:
    """One ritual as a VEVENT, or None when its rule never comes round."""
    from icalendar import Alarm, Event, vRecur

    start = first_day(ritual)
    if start is None:
        return None
    at = time.fromisoformat(ritual.time_of_day) if ritual.time_of_day else None
    parts = _rule(ritual, zone, at)
    event = Event()
    event.add("uid", _uid(ritual))
    event.add("dtstamp", ritual.updated_at.astimezone(timezone.utc))
    event.add("last-modified", ritual.updated_at.astimezone(timezone.utc))
    event.add("created", ritual.created_at.astimezone(timezone.utc))
    event.add("summary", ritual.name)
    text = "\n\n".join(t for t in (ritual.prompt.strip(), ritual.description.strip()) if t)
    if text:
        event.add("description", text)
    event.add("rrule", vRecur.from_ical(";".join(f"{k}={v}" for k, v in parts.items())))
    excluded = paused_days(ritual)
    if at is None:
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        if excluded:
            event.add("exdate", excluded)
        trigger = timedelta(hours=ALL_DAY_REMINDER.hour, minutes=ALL_DAY_REMINDER.minute)
    else:
        event.add("dtstart", datetime.combine(start, at, tzinfo=zone))
        event.add("duration", timedelta(minutes=EVENT_MINUTES))
        if excluded:
            event.add("exdate", [datetime.combine(d, at, tzinfo=zone) for d in excluded])
        trigger = timedelta(0)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", ritual.name)
    alarm.add("trigger", trigger)
    event.add_component(alarm)
    return event


def calendar(journal: Journal, *, zone: Any = ...) -> Any:
    """Every active ritual of ``journal`` as an ``icalendar.Calendar`` (see the module's
    note); ``zone`` is the time zone of timed rituals (the local one unless given; None for
    floating times)."""
    from icalendar import Calendar

    if zone is ...:
        zone = local_zone()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    starts = []
    for ritual in journal.rituals.list(active=True):
        if any(p.end is None for p in ritual.pauses):
            continue  # paused now (an active ritual never is, unless written from outside)
        event = _event(ritual, zone)
        if event is not None:
            cal.add_component(event)
            starts.append(ritual.dtstart)
    if zone is not None and starts:
        # VTIMEZONE from the zone's own rules, from the first event on, for forty years
        # (calendars read the zone by its name; the block is for those that cannot).
        first = min(starts)
        cal.add_missing_timezones(first_date=first, last_date=date(first.year + 40, 12, 31))
    return cal


def export_text(journal: Journal) -> str:
    """The journal's rituals as the text of an ``.ics`` file (``closer export --format
    ics``)."""
    return calendar(journal).to_ical().decode("utf-8")
