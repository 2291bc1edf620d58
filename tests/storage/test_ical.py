"""The rituals as iCalendar (storage.ical): a calendar program, expanding the file by RFC 5545,
finds exactly the days closer says are due, at the ritual's time, across changes of clocks."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from storage import demo
from storage.formats import EXPORTERS
from storage.ical import ALL_DAY_REMINDER, calendar, export_text, local_zone

TODAY = date(2026, 3, 20)  # the demo's rituals start 45 days before: 3 February 2026
FIRST = TODAY - timedelta(days=45)
LAST = FIRST + timedelta(days=2 * 366 + 60)
"""Two years and two months from the first start: four changes of clocks each way in the
north, four in the south, and 29 February 2028."""


@pytest.fixture
def zone(request, monkeypatch):
    """Local time is the zone named by the test (by its IANA name, as most machines have it)."""
    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield ZoneInfo(request.param)
    monkeypatch.undo()
    time.tzset()


def extra_rituals(journal) -> dict[str, int]:
    """Rituals with the rules and times that a naive export gets wrong, by a short name."""
    add = journal.rituals.add
    ids = {
        # Started on a Wednesday; 02:30 does not exist on the last Sunday of March in Europe,
        # and happens twice on the last Sunday of October.
        "night": add("Night call", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2026, 2, 4),
                     time_of_day="02:30").id,
        "fortnight": add("Every other Tuesday and Friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,FR",
                         dtstart=date(2026, 2, 7), time_of_day="21:00").id,
        "month_end": add("Month end", "FREQ=MONTHLY;BYMONTHDAY=-1", dtstart=date(2026, 2, 10)).id,
        "the_31st": add("The 31st", "FREQ=MONTHLY;BYMONTHDAY=31", dtstart=date(2026, 2, 3),
                        time_of_day="23:30").id,
        "until": add("Mondays until March", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301",
                     dtstart=date(2026, 2, 5), time_of_day="07:00").id,
        "until_all_day": add("Thursdays until May", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270506",
                             dtstart=date(2026, 2, 6)).id,
        "count": add("Ten Saturdays", "FREQ=DAILY;BYDAY=SA;COUNT=10", dtstart=date(2026, 2, 4),
                     time_of_day="11:00").id,
        "leap": add("Leap day", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                    dtstart=date(2026, 2, 3)).id,
        "paused_now": add("Paused now", "FREQ=DAILY", dtstart=date(2026, 2, 3)).id,
    }
    journal.rituals.set_active(ids["paused_now"], False, on=date(2026, 3, 1))
    by_template = {r.template: r.id for r in journal.rituals.list() if r.template}
    for key, start, end in (("walk_and_talk", date(2026, 6, 1), date(2026, 7, 15)),
                            ("small_bids", date(2026, 10, 20), date(2026, 11, 3))):
        rid = by_template[key]
        journal.rituals.set_active(rid, False, on=start)
        journal.rituals.set_active(rid, True, on=end)
    return ids


@pytest.fixture
def rituals(journal):
    """The demo journal's rituals (three of them start on a day their rule does not fall on)
    and :func:`extra_rituals`."""
    demo.fill(journal, TODAY)
    return extra_rituals(journal)


def expanded(text: str) -> dict[str, list]:
    """Each event's occurrences from FIRST to LAST, as a calendar program works them out."""
    # recurring-ical-events pins python-dateutil<3, closer needs 4: it is installed without
    # its dependencies (see pyproject.toml), and works with dateutil 4 (these tests show it).
    expander = pytest.importorskip(
        "recurring_ical_events",
        reason="recurring-ical-events is not installed (pip install --no-deps "
               "'recurring-ical-events>=3.8,<4' 'x-wr-timezone>=2,<3')",
    )
    out: dict[str, list] = {}
    calendar_file = Calendar.from_ical(text)
    for event in expander.of(calendar_file).between(FIRST, LAST + timedelta(days=1)):
        out.setdefault(str(event["UID"]), []).append(event["DTSTART"].dt)
    return out


def closer_due(journal) -> dict[int, list[date]]:
    out: dict[int, list[date]] = {}
    for day, items in journal.rituals.due(FIRST, LAST).items():
        for ritual in items:
            out.setdefault(ritual.id, []).append(day)
    return out


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"], indirect=True
)
def test_a_calendar_finds_exactly_the_days_closer_says_are_due(journal, rituals, zone):
    assert local_zone() == zone
    text = export_text(journal)
    found = expanded(text)
    by_id = {r.id: r for r in journal.rituals.list()}
    uid = {str(e["UID"]): int(str(e["UID"]).split("-")[1])
           for e in Calendar.from_ical(text).walk("VEVENT")}
    due = closer_due(journal)
    active = {rid for rid, r in by_id.items() if r.active}
    assert set(uid.values()) == active  # the ritual paused now is left out
    assert rituals["paused_now"] not in active
    for key, moments in found.items():
        rid = uid[key]
        ritual = by_id[rid]
        days = [m.date() if isinstance(m, datetime) else m for m in moments]
        assert sorted(days) == due[rid], ritual.name
        if ritual.time_of_day is None:
            assert all(not isinstance(m, datetime) for m in moments), ritual.name
            continue
        wall = datetime.strptime(ritual.time_of_day, "%H:%M").time()
        for moment in moments:
            assert moment.utcoffset() == moment.astimezone(zone).utcoffset()
            if moment.replace(tzinfo=None) == moment.astimezone(zone).replace(tzinfo=None):
                # every moment that exists on the local clock is at the ritual's time
                assert moment.astimezone(zone).time() == wall, (ritual.name, moment)
    # The Sundays European clocks change, with the 02:30 call on each (a time that does not
    # exist, then one that happens twice), are among the days compared.
    changes = {date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)}
    assert changes <= set(due[rituals["night"]])
    # Every active ritual with a day in the window is in the calendar, none with a day less.
    assert {uid[k] for k in found} == {rid for rid in due if rid in active}


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_the_start_moves_to_the_first_real_day_and_pauses_are_left_out(journal, rituals, zone):
    """Three of the demo's rituals start on a day their rule does not fall on: a naive export
    (DTSTART on the start day) gives each a day that closer never calls due."""
    cal = calendar(journal)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    started = TODAY - timedelta(days=45)  # a Tuesday
    moved = {name: e.DTSTART for name, e in events.items()
             if (e.DTSTART.date() if isinstance(e.DTSTART, datetime) else e.DTSTART) != started}
    assert {"Walk and talk", "Shared discovery", "Family boundary meeting"} <= set(moved)
    assert events["Walk and talk"].DTSTART == datetime(2026, 2, 8, 10, 0, tzinfo=zone)  # Sunday
    assert events["Shared discovery"].DTSTART == date(2026, 2, 7)  # the first Saturday
    exdate = events["Walk and talk"]["EXDATE"]
    exdates = [one.dt for prop in (exdate if isinstance(exdate, list) else [exdate])
               for one in prop.dts]
    sundays = [date(2026, 6, 7) + timedelta(weeks=n) for n in range(6)]
    assert [d.date() for d in exdates] == sundays  # 7 June to 12 July; 19 July is due again
    assert "Paused now" not in events


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_time_zone_reminders_description_and_stable_uids(journal, rituals, zone):
    text = export_text(journal)
    cal = Calendar.from_ical(text)
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Europe/Berlin"
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    download = events["Five-minute download"]
    assert download["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert download.DURATION == timedelta(minutes=30)
    [alarm] = download.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(0) and str(alarm["ACTION"]) == "DISPLAY"
    prompt = journal.rituals.get(int(str(download["UID"]).split("-")[1])).prompt
    assert prompt and str(download["DESCRIPTION"]).startswith(prompt)
    bids = events["Small bids"]
    [alarm] = bids.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(hours=ALL_DAY_REMINDER.hour)
    assert bids["DTSTART"].params.get("VALUE") == "DATE"
    # Exported again after a change, every event keeps its UID: a calendar updates it.
    rid = int(str(download["UID"]).split("-")[1])
    journal.rituals.update(rid, name="Ten-minute download")
    again = {str(e["UID"]): str(e["SUMMARY"]) for e in
             Calendar.from_ical(export_text(journal)).walk("VEVENT")}
    assert again[str(download["UID"])] == "Ten-minute download"
    assert set(again) == {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert len(set(again)) == len(events)


def test_a_zone_without_a_name_gives_floating_times_on_the_right_days(journal, monkeypatch):
    """A POSIX TZ string names no zone a calendar knows: times are the same wall time
    wherever the calendar is, still on closer's days."""
    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    monkeypatch.setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
    time.tzset()
    try:
        assert local_zone() is None
        demo.fill(journal, TODAY)
        text = export_text(journal)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert "TZID" not in text and "VTIMEZONE" not in text
    due = closer_due(journal)
    for key, moments in expanded(text).items():
        rid = int(key.split("-")[1])
        assert sorted(m.date() if isinstance(m, datetime) else m for m in moments) == due[rid]


def test_ics_is_a_registered_export_format(journal):
    assert EXPORTERS["ics"] is export_text
    assert EXPORTERS["ics"](journal).startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" not in export_text(journal)  # no rituals, no events
