"""jrnl in and out: the plain-text export read back by jrnl itself, the JSON import (both
shapes, twice), and property tests over awkward titles and bodies.

The real jrnl 4.x reads the exports. It runs in its own Python (it pins python-dateutil<3,
older than closer uses): ``$CLOSER_TEST_JRNL_PYTHON``, else ``.venv-jrnl/bin/python`` in the
project, else this Python if jrnl is installed here. One jrnl process per module parses every
text the tests send it, so the property test stays quick.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from storage import InvalidInput, Journal
from storage import jrnl as closer_jrnl
from storage.dates import local
from storage.jrnl import MARK, entry_text, export_text, import_json, view

ROOT = Path(__file__).resolve().parents[2]


def find_jrnl_python() -> str | None:
    chosen = os.environ.get("CLOSER_TEST_JRNL_PYTHON")
    if chosen:
        return chosen
    python = "Scripts/python.exe" if sys.platform == "win32" else "bin/python"
    beside = ROOT / ".venv-jrnl" / python
    if beside.exists():
        return str(beside)
    if importlib.util.find_spec("jrnl") is not None:
        return sys.executable
    return None


JRNL_PYTHON = find_jrnl_python()
needs_jrnl = pytest.mark.skipif(
    JRNL_PYTHON is None,
    reason="jrnl is not installed: it pins python-dateutil<3, so give it its own environment "
    "(python -m venv .venv-jrnl && .venv-jrnl/bin/pip install jrnl) or set "
    "CLOSER_TEST_JRNL_PYTHON to a Python that has it",
)

# Reads one JSON string (a journal file's text) per line; answers with the entries jrnl's
# own parser and JSON exporter make of it, one JSON list per line.
PARSER = """
import json, sys, warnings
warnings.simplefilter("ignore")
from jrnl.journals import Journal
from jrnl.plugins.json_exporter import JSONExporter
for line in sys.stdin:
    journal = Journal(tagsymbols="#@")  # jrnl's parser with its default time format
    journal.entries = journal._parse(json.loads(line))
    journal.sort()
    print(json.dumps(json.loads(JSONExporter.export_journal(journal))["entries"]), flush=True)
"""


@pytest.fixture(scope="module")
def jrnl_parser():
    if JRNL_PYTHON is None:
        pytest.skip("jrnl is not installed")
    proc = subprocess.Popen(
        [JRNL_PYTHON, "-c", PARSER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
    )

    def parse(text: str) -> list[dict]:
        proc.stdin.write(json.dumps(text) + "\n")
        proc.stdin.flush()
        answer = proc.stdout.readline()
        assert answer, "jrnl's parser stopped"
        return json.loads(answer)

    yield parse
    proc.stdin.close()
    proc.wait(timeout=10)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


def new_journal(folder: Path, template: bytes) -> Journal:
    path = folder / "journal.db"
    path.write_bytes(template)
    return Journal.open(path)


def as_jrnl(entry) -> dict:
    """What jrnl should read for one of our entries."""
    title, body = view(entry.title, entry.body)
    moment = local(entry.occurred_at)
    return {
        "date": f"{moment:%Y-%m-%d}", "time": f"{moment:%H:%M}",
        "title": title, "body": body, "starred": entry.starred,
    }


def unmarked(item: dict) -> dict:
    return {
        "date": item["date"], "time": item["time"], "starred": item["starred"],
        "title": closer_jrnl._unmark_title(item["title"]),
        "body": closer_jrnl._unmark_body(item["body"]),
    }


# ------------------------------------------------------------------ out


def test_export_text_is_jrnls_format(journal):
    journal.entries.add("We talked for ten minutes. #us\n\nIt helped.", title="Tea on the porch",
                        starred=True, occurred_at=at("2025-03-14T21:05:30"))
    journal.entries.add("No title here.\nSecond line.", occurred_at=at("2025-03-15T08:10"))
    journal.entries.add("Checklist:\n[ ] call\n[2024-01-01 10:00] not a date",
                        title="Rating: 5*", occurred_at=at("2025-03-16T07:00"))
    assert export_text(journal) == (
        "[2025-03-14 21:05] Tea on the porch *\n"
        "We talked for ten minutes. #us\n\nIt helped.\n"
        "\n"
        "[2025-03-15 08:10] No title here.\n"
        "Second line.\n"
        "\n"
        f"[2025-03-16 07:00] Rating: 5*{MARK}\n"
        f"Checklist:\n{MARK}[ ] call\n{MARK}[2024-01-01 10:00] not a date\n"
    )


def test_export_of_an_empty_journal_is_empty(journal):
    assert export_text(journal) == ""


@needs_jrnl
def test_jrnl_reads_back_the_same_entries(journal, jrnl_parser):
    journal.entries.add("We talked. [Monday morning] was hard.\n[ ] milk\n\n\n[x] eggs",
                        title="*Tea* on the porch *", starred=True,
                        occurred_at=at("2025-03-14T21:05"))
    journal.entries.add("Only a body. With two sentences!\nand a line @work #us",
                        occurred_at=at("2025-03-15T08:10"))
    journal.entries.add("  ", title="Just a title, ending in a star*",
                        occurred_at=at("2025-03-15T08:10"))
    journal.entries.add("[red]not markup[/] — ünïcödé 🌧\u2028line sep", title="Two\nlines",
                        occurred_at=at("1999-12-31T23:59"))
    entries = journal.entries.list(newest_first=False)
    read = jrnl_parser(export_text(journal))
    assert [unmarked(item) for item in read] == [as_jrnl(e) for e in entries]
    [tagged] = [item for item in read if item["title"].startswith("Only a body")]
    assert sorted(tagged["tags"]) == ["#us", "@work"]  # jrnl finds the tags in the text


# ------------------------------------------------------------------ in


JRNL_EXPORT = {
    "tags": {"@work": 1, "#us": 2},
    "entries": [
        {"title": "Tea on the porch.", "body": "We talked. #us", "date": "2025-03-14",
         "time": "21:05", "tags": ["#us"], "starred": True},
        {"title": "Long day at @work", "body": "", "date": "2025-03-15", "time": "08:10",
         "tags": ["@work", "@odd/tag+1", "@¹"], "starred": False},
        {"title": "", "body": "", "date": "2025-03-16", "time": "09:00", "tags": [],
         "starred": False},
    ],
}


def test_import_jrnl_json_then_again_adds_nothing(journal):
    assert import_json(journal, JRNL_EXPORT) == {"entries": 2}
    assert import_json(journal, JRNL_EXPORT) == {"entries": 0}
    first, second = journal.entries.list(newest_first=False)
    assert (first.title, first.body, first.starred, first.tags) == (
        "Tea on the porch.", "We talked. #us", True, ["us"])
    assert local(first.occurred_at).replace(tzinfo=None) == datetime(2025, 3, 14, 21, 5)
    assert second.title == "Long day at @work"
    # The symbol goes, the tag stays; one closer cannot keep as a tag stays in the text only.
    assert sorted(second.tags) == ["odd-tag-1", "work"]


def test_import_a_single_entry_object(journal):
    one = {"title": "From a folder export", "body": "one file per entry", "date": "2024-02-29",
           "time": "23:59", "tags": [], "starred": False}
    assert import_json(journal, one) == {"entries": 1}
    assert import_json(journal, one) == {"entries": 0}
    assert import_json(journal, {"entries": [one]}) == {"entries": 0}


@pytest.mark.parametrize(
    "data, message",
    [
        ([1, 2], "not a jrnl JSON export"),
        ({"entries": "x"}, "should be a list"),
        ({"entries": [{"title": "t", "date": "2025-13-01", "time": "10:00"}]}, "not a date"),
        ({"entries": [{"title": "t", "date": "2025-01-01", "time": "25:00"}]}, "not a date"),
        ({"entries": [{"title": 3, "date": "2025-01-01", "time": "10:00"}]}, "title"),
        ({"entries": [{"title": "t", "date": "2025-01-01", "starred": "yes"}]}, "starred"),
        ({"entries": ["x"]}, "should be an object"),
    ],
)
def test_bad_jrnl_json_changes_nothing(journal, data, message):
    ok = {"title": "fine", "body": "", "date": "2025-01-01", "time": "10:00"}
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        data = {"entries": [ok, *data["entries"]]}  # a good entry first: still nothing written
    with pytest.raises(InvalidInput, match=message):
        import_json(journal, data)
    assert journal.entries.count() == 0


def test_import_dedupes_against_entries_written_in_closer(journal):
    journal.entries.add("First line\nthe rest", occurred_at=at("2025-03-14T21:05:40"))
    # jrnl's view of that entry: the first line is its title.
    same = {"title": "First line", "body": "the rest", "date": "2025-03-14", "time": "21:05"}
    assert import_json(journal, {"entries": [same]}) == {"entries": 0}


@needs_jrnl
def test_closer_to_jrnl_to_closer(journal, tmp_path, empty_journal_bytes, jrnl_parser):
    journal.entries.add("a body\n[2020-01-01 10:00] looks like a date", title="*starred*",
                        starred=True, occurred_at=at("2025-01-02T03:04"))
    journal.entries.add("Plain. Two sentences.", occurred_at=at("2025-01-03T03:04"))
    data = {"entries": jrnl_parser(export_text(journal))}
    assert import_json(journal, data) == {"entries": 0}  # all already here
    with new_journal(tmp_path, empty_journal_bytes) as other:
        assert import_json(other, data) == {"entries": 2}
        back = other.entries.list(newest_first=False)
        assert [as_jrnl(e) for e in back] == [as_jrnl(e) for e in journal.entries.list(
            newest_first=False)]
        assert back[0].title == "*starred*"  # the marks are gone again
        assert back[0].body == "a body\n[2020-01-01 10:00] looks like a date"


# ------------------------------------------------------------------ the real jrnl command


@needs_jrnl
def test_real_jrnl_command_reads_the_export(journal, tmp_path):
    journal.entries.add("We talked.\n[Monday] was hard.", title="Tea *", starred=True,
                        occurred_at=at("2025-03-14T21:05"))
    journal.entries.add("One line only", occurred_at=at("2025-03-15T08:10"))
    exported = tmp_path / "exported.txt"
    exported.write_text(export_text(journal), encoding="utf-8")
    config = tmp_path / "jrnl.yaml"
    # jrnl's own default time format ("%F %r"), as a person's config would have it.
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(str(exported))}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.6\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "NO_COLOR": "1"}
    done = subprocess.run(
        [JRNL_PYTHON, "-m", "jrnl", "--config-file", str(config), "--export", "json"],
        capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)["entries"]
    assert [unmarked(item) for item in read] == [
        as_jrnl(e) for e in journal.entries.list(newest_first=False)
    ]


# ------------------------------------------------------------------ properties

AWKWARD = st.sampled_from([
    *"[]*#@.!?:;,'\"()-_ \t\n", "\n\n", "\n[", "] ", "[x] ", "**", " *", MARK, "\u2028",
    "é", "🌧", "ß", "中文", "[2024-01-01 10:00] ", "[yesterday] ", "\r\n", "\x1b[31m",
])
TEXT = st.lists(st.one_of(AWKWARD, st.text(max_size=6)), max_size=12).map("".join)
MOMENTS = st.datetimes(min_value=datetime(1971, 1, 2), max_value=datetime(2037, 12, 30))
ENTRY = st.tuples(TEXT, TEXT, st.booleans(), MOMENTS)


def in_order(rows) -> list[dict]:
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One journal for every example of the property test, emptied before each."""
    journal = Journal.open(tmp_path_factory.mktemp("jrnl-property") / "journal.db")
    yield journal
    journal.close()


@needs_jrnl
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(ENTRY, min_size=1, max_size=4))
def test_property_jrnl_reads_what_closer_wrote(scratch, jrnl_parser, items):
    from storage.models import EntryIn
    from storage.rows import validate

    valid = []
    for title, body, starred, moment in items:
        try:
            valid.append(validate(EntryIn, {"title": title, "body": body, "starred": starred,
                                            "occurred_at": moment}))
        except InvalidInput:
            continue
    assume(valid)
    journal = scratch
    with journal.transaction() as conn:  # one write to disk per example
        conn.execute("DELETE FROM entry_tags")
        conn.execute("DELETE FROM entries")
        for entry in valid:
            journal.entries.store(entry)
    entries = journal.entries.list(newest_first=False)
    read = jrnl_parser(export_text(journal))
    # jrnl orders by the minute only, closer by the exact moment: compare as sorted rows.
    assert in_order(unmarked(i) for i in read) == in_order(as_jrnl(e) for e in entries)
    # ... and what jrnl read comes back in as entries closer already has.
    assert import_json(journal, {"entries": read}) == {"entries": 0}


@given(TEXT, TEXT, st.booleans())
def test_property_marks_come_off_exactly(title, body, starred):
    head, text = view(title, body)
    assume(head)
    line = entry_text(datetime(2025, 1, 1, 10, 0), title, body, starred)
    assert closer_jrnl._unmark_title(closer_jrnl._mark_title(head)) == head
    assert closer_jrnl._unmark_body(closer_jrnl._mark_body(text)) == text
    assert line.startswith("[2025-01-01 10:00] ") and line.endswith("\n")
