"""The record-kind registry (storage.kinds) against the journal's real tables, and every
reader of it: search, Look back, export and import, counts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from storage import Journal, kinds
from storage.demo import fill
from storage.kinds import KINDS, NOT_RECORDS, by_key, by_table
from storage.portable import TABLES, export_json, import_json

ROOT = Path(__file__).resolve().parents[2]

FTS_SHADOWS = ("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")
"""The tables SQLite makes for one FTS5 index."""


def tables(journal: Journal) -> set[str]:
    found = journal.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in found}


def columns(journal: Journal, table: str) -> list[str]:
    return [row[1] for row in journal.conn.execute(f"PRAGMA table_info({table})")]


@pytest.fixture
def demo(journal):
    fill(journal, date(2025, 3, 20))
    return journal


# ------------------------------------------------------------------ the registry and the schema


def test_every_table_of_the_schema_is_a_kind_a_side_table_or_not_a_record(journal):
    """A table a migration adds must be named here (a kind, a kind's side table or search
    index, or not a record): no table can be left out of export, counts or the trash."""
    expected = set(NOT_RECORDS)
    for kind in KINDS:
        expected.add(kind.table)
        expected.update(kind.side_tables)
        if kind.fts:
            expected.update(kind.table + shadow for shadow in FTS_SHADOWS)
    assert tables(journal) == expected


def test_each_kind_names_its_search_index_columns_as_the_schema_has_them(journal):
    for kind in KINDS:
        if kind.fts:
            assert tuple(columns(journal, f"{kind.table}_fts")) == kind.fts, kind
        else:
            assert f"{kind.table}_fts" not in tables(journal), kind


def test_each_kind_names_columns_its_table_has(journal):
    for kind in KINDS:
        have = set(columns(journal, kind.table))
        named = {kind.id_column, *kind.json, *kind.natural_key}
        if kind.day:
            named.add(kind.day)
        assert named <= have, (kind, named - have)
        assert ("updated_at" in have) is not kind.versioned, kind
        given, stored = kind.model_classes()
        fields = set(stored.model_fields) - {"tags"}  # an entry's tags are its side table
        assert fields <= have, (kind, fields - have)
        assert set(given.model_fields) <= set(stored.model_fields)


def test_keys_and_tables_are_unique_and_looked_up_both_ways():
    assert len({k.key for k in KINDS}) == len({k.table for k in KINDS}) == len(KINDS)
    for kind in KINDS:
        assert by_key(kind.key) is by_table(kind.table) is kind
    with pytest.raises(KeyError):
        by_key("diary")


def test_every_kind_has_a_title_and_a_moment_for_every_row(demo):
    for kind in KINDS:
        rows = demo.conn.execute(
            f"SELECT {kind.title}, {kind.moment} FROM {kind.table} t {kind.join}"
        ).fetchall()
        assert len(rows) == demo.scalar(f"SELECT count(*) FROM {kind.table}") > 0, kind
        for title, moment in rows:
            assert isinstance(title, str)
            assert kinds.read_moment(moment).tzinfo is not None


def test_labels_read_as_a_person_reads_them():
    assert [k.plural for k in KINDS] == [
        "entries", "loop map versions", "loop moments", "thought records", "rituals",
        "ritual marks", "love-list items", "days you did it", "offers", "phrases",
        "discovery ideas", "tally marks",
    ]
    assert by_key("loop_event").count_words(1) == "1 loop moment"
    assert by_key("entry").count_words(3) == "3 entries"
    assert by_key("thought_record").label == "Thought records"
    assert by_key("ritual_note").name == "Ritual mark"


# ------------------------------------------------------------------ its readers


def test_counts_export_and_import_cover_every_kind(demo, tmp_path, empty_journal_bytes):
    """JSON keeps everything: every kind is written, and read back in another journal."""
    counts = demo.counts()
    assert list(counts) == [k.table for k in KINDS] == list(TABLES)
    assert all(counts.values()), counts
    data = export_json(demo)
    assert {k.table: len(data[k.table]) for k in KINDS} == counts
    path = tmp_path / "other" / "journal.db"
    path.parent.mkdir()
    path.write_bytes(empty_journal_bytes)
    with Journal.open(path) as other:
        assert import_json(other, data) == counts
        assert other.counts() == counts
        assert import_json(other, data) == dict.fromkeys(counts, 0)


def test_search_and_look_back_read_their_kinds_from_the_registry():
    from storage import review, search

    assert search.KINDS == tuple(k.key for k in KINDS if k.fts)
    assert review.KINDS == tuple(k.key for k in KINDS if k.day)
    assert review.KIND_LABELS["loop_event"] == "Loop moments"


# ------------------------------------------------------------------ a ritual note's moment


def test_a_ritual_note_happens_at_its_ritual_time_or_noon_on_the_local_clock(journal):
    walk = journal.rituals.add("Walk", "FREQ=DAILY", dtstart=date(2025, 3, 1),
                               time_of_day="07:30")
    talk = journal.rituals.add("Talk", "FREQ=DAILY", dtstart=date(2025, 3, 1))
    for ritual in (walk, talk):
        journal.rituals.mark(ritual.id, date(2025, 3, 16), "done", note="kept")
    found = journal.conn.execute(
        f"SELECT r.name, {kinds.RITUAL_NOTE_MOMENT} FROM ritual_log t {by_key('ritual_note').join}"
        " ORDER BY r.name"
    ).fetchall()
    from_sql = {name: kinds.read_moment(text) for name, text in found}
    assert from_sql == {
        "Talk": kinds.ritual_note_moment(date(2025, 3, 16)),
        "Walk": kinds.ritual_note_moment("2025-03-16", "07:30"),
    }
    assert (from_sql["Walk"].hour, from_sql["Walk"].minute) == (7, 30)
    assert from_sql["Talk"].date() == date(2025, 3, 16) and from_sql["Talk"].hour == 12


KIRITIMATI = """
import sys
from datetime import date
from storage import Journal
from storage.portable import export_markdown

with Journal.open(sys.argv[1]) as journal:
    walk = journal.rituals.add("Sunday walk", "FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 2))
    journal.rituals.mark(walk.id, date(2025, 3, 16), "done", note="to the river")
    [hit] = journal.search("river")
    print("search", f"{hit.occurred_at:%a %d %b}")
    [item] = journal.review.items(date(2025, 3, 16), date(2025, 3, 16))
    print("items", f"{item.occurred_at:%a %d %b}", item.day.isoformat())
    [echo] = [e for e in journal.review.on_this_day(date(2025, 4, 16)) if e.items]
    print("on this day", echo.label, f"{echo.items[0].occurred_at:%a %d %b}")
    [week] = [w for w in journal.review.weeks(today=date(2025, 3, 20)) if w.ritual_notes]
    print("week", week.label)
    text = export_markdown(journal)
    heading = [line for line in text.splitlines() if "to the river" in line or "##" in line]
    print("markdown", " | ".join(heading))
"""


def test_a_ritual_note_keeps_its_day_in_kiritimati(tmp_path):
    """UTC+14: a note for Sunday 16 March is on the 16th in search, Look back and Markdown
    (search once placed it at noon UTC, which is the 17th there)."""
    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", KIRITIMATI, str(tmp_path / "journal.db")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    said = done.stdout.splitlines()
    assert said[0] == "search Sun 16 Mar"
    assert said[1] == "items Sun 16 Mar 2025-03-16"
    assert said[2] == "on this day One month ago Sun 16 Mar"
    assert said[3] == "week 2025-W11"
    assert said[4].startswith("markdown ")
    markdown = said[4].split(" | ")
    note = next(n for n, line in enumerate(markdown) if "Sunday walk: done" in line
                and "16 Mar" in line)
    assert "Week of 10 Mar 2025" in markdown[note - 1]
