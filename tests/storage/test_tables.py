"""CSV out (storage.tables): every file read back with the csv module gives what the journal
holds, cell by cell, awkward text included."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from storage import rows
from storage.dates import local
from storage.demo import fill
from storage.models import StoredLoopEvent, StoredRitual, StoredRitualLog, ThoughtRecord
from storage.tables import TABLES, WEEK_COLUMNS, export_csv, week_cell

TODAY = date(2026, 11, 30)


def read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


@pytest.fixture
def demo(journal):
    fill(journal, TODAY)
    return journal


def test_one_file_per_table_each_with_its_documented_header(demo):
    files = export_csv(demo)
    assert sorted(files) == ["entries.csv", "loop_moments.csv", "ritual_marks.csv",
                             "thought_records.csv", "weeks.csv"]
    for name, text in files.items():
        header, items = read(text)
        assert header == list(TABLES[name][0]), name
        assert items, f"{name} has no rows for the demo journal"


def test_entries_read_back_as_stored(demo):
    demo.entries.add('Line one, with "quotes"\nline two =SUM(A1) #us', title="=cmd|' /C calc'!A0",
                     mood=-2, starred=True, tags=["walk"],
                     occurred_at=datetime(2026, 11, 29, 21, 5).astimezone())
    _, items = read(export_csv(demo)["entries.csv"])
    entries = demo.entries.list(newest_first=False)
    assert [int(r["id"]) for r in items] == [e.id for e in entries]
    for row, e in zip(items, entries):
        assert row["occurred_at"] == local(e.occurred_at).isoformat(timespec="seconds")
        assert datetime.fromisoformat(row["occurred_at"]) == e.occurred_at
        assert row["day"] == local(e.occurred_at).date().isoformat()
        assert (row["title"], row["body"]) == (e.title, e.body)  # exactly as written
        assert row["mood"] == ("" if e.mood is None else str(e.mood))
        assert row["starred"] == ("1" if e.starred else "0")
        assert row["tags"].split() == e.all_tags()
    (awkward,) = [r for r in items if r["title"].startswith("=cmd")]
    assert awkward["body"].endswith("=SUM(A1) #us") and awkward["mood"] == "-2"
    assert sorted(awkward["tags"].split()) == ["us", "walk"]


def test_loop_moments_thought_records_and_ritual_marks_read_back_as_stored(demo):
    files = export_csv(demo)
    _, moments = read(files["loop_moments.csv"])
    stored = rows.fetch(demo, "loop_events", StoredLoopEvent, "ORDER BY occurred_at, id")
    assert len(moments) == len(stored)
    for row, ev in zip(moments, stored):
        assert (int(row["id"]), row["trigger"], row["my_move"], row["note"]) == (
            ev.id, ev.trigger, ev.my_move, ev.note)
        assert row["exits"].split() == ev.exits and int(row["intensity"]) == ev.intensity
        assert row["ending"] == ev.ending

    _, records = read(files["thought_records.csv"])
    stored_records = rows.fetch(demo, "thought_records", ThoughtRecord, "ORDER BY occurred_at, id")
    assert [int(r["id"]) for r in records] == [r.id for r in stored_records]
    for row, r in zip(records, stored_records):
        assert row["story"] == r.story and row["traps"].split() == r.traps
        assert row["story_belief_before"] == ("" if r.story_belief_before is None
                                              else str(r.story_belief_before))
        assert row["story_belief_after"] == ("" if r.story_belief_after is None
                                             else str(r.story_belief_after))
        assert row["feelings_before"] == "; ".join(
            f"{f.name} {f.intensity}" for f in r.feelings_before)

    _, marks = read(files["ritual_marks.csv"])
    names = {r.id: r.name for r in rows.fetch(demo, "rituals", StoredRitual)}
    logs = rows.fetch(demo, "ritual_log", StoredRitualLog, "ORDER BY on_date, id")
    assert [(m["on_date"], m["ritual"], m["status"], m["note"]) for m in marks] == [
        (log.on_date.isoformat(), names[log.ritual_id], log.status, log.note) for log in logs]


def test_the_weeks_file_is_what_closer_weeks_gives_oldest_first(demo):
    _, items = read(export_csv(demo)["weeks.csv"])
    weeks = demo.review.weeks()[::-1]
    assert list(weeks[0].to_json()) == list(WEEK_COLUMNS)
    assert len(items) == len(weeks)
    for row, week in zip(items, weeks):
        data = week.to_json()
        assert row == {k: str(week_cell(k, data[k])) for k in WEEK_COLUMNS}
    marked = [row["reasons"] for row in items if row["reasons"]]
    assert marked and all(";" in cell or cell.count(" ") == 1 for cell in marked)
    assert any("work_pressure" in cell for cell in marked)


def test_an_empty_journal_gives_headers_only(journal):
    files = export_csv(journal)
    assert {name: read(text)[1] for name, text in files.items() if name != "weeks.csv"} == {
        name: [] for name in files if name != "weeks.csv"}
