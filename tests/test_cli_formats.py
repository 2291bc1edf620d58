"""``closer import --format dayone`` and ``closer export --format csv|markdown-folder -o DIR``
as a person runs them: real processes, a journal on a temporary path."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import frontmatter
import pytest

ROOT = Path(__file__).resolve().parents[1]

MD5 = "0cc175b9c0f1b6a831c399e269772661"
SAMPLE = {"metadata": {"version": "1.0"}, "entries": [
    {"uuid": "1", "creationDate": "2025-03-14T20:05:00Z", "timeZone": "Europe/Berlin",
     "text": "# Dinner at Lina\\'s\\, finally\\!\n\nWe talked\\.", "starred": True,
     "tags": ["Date night"], "photos": [{"identifier": "P1", "md5": MD5, "type": "jpeg",
                                         "filename": "IMG_0042.jpeg"}]},
    {"uuid": "2", "creationDate": "2025-03-16T09:30:00Z", "timeZone": "Europe/Berlin",
     "text": "Quiet Sunday\\.", "tags": []},
    {"uuid": "3", "creationDate": "2025-03-09T07:30:00Z", "timeZone": "America/New_York",
     "text": "Jet lag\\.", "tags": ["travel"]},
]}


def sample_zip() -> bytes:
    """The ZIP Day One's "JSON" export makes: the journal's JSON, its photos beside it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", json.dumps(SAMPLE))
        archive.writestr(f"photos/{MD5}.jpeg", b"\xff\xd8 a photo")
    return out.getvalue()


@pytest.fixture
def run(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    env.update(XDG_DATA_HOME=str(tmp_path / "xdg-data"), NO_COLOR="1", PYTHONIOENCODING="utf-8",
               TZ="CET-1CEST,M3.5.0,M10.5.0/3")

    def run(*args, input: bytes = b"") -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], input=input,
                              capture_output=True, cwd=ROOT, env=env, timeout=60)
        done.stdout, done.stderr = done.stdout.decode(), done.stderr.decode()
        return done

    return run


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    return path


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def refused(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_import_a_day_one_zip_twice_adds_its_entries_once(run, db, tmp_path):
    export = tmp_path / "Export-All Entries.zip"
    export.write_bytes(sample_zip())
    said = ok(run("--db", db, "import", "--format", "dayone", export))
    assert said.strip() == "Imported 3 new records: 3 entries."
    said = ok(run("--db", db, "import", "--format", "dayone", export))
    assert said.strip() == "Imported 0 new records (all were already here)."
    loose = tmp_path / "Journal.json"
    loose.write_text(json.dumps(SAMPLE))
    assert "all were already here" in ok(run("--db", db, "import", "--format", "dayone", loose))
    listed = json.loads(ok(run("--db", db, "list", "--json")))
    assert [(e["title"], e["starred"], e["occurred_at"]) for e in listed] == [
        ("", False, "2025-03-09T08:30:00+01:00"),
        ("Dinner at Lina's, finally!", True, "2025-03-14T21:05:00+01:00"),
        ("", False, "2025-03-16T10:30:00+01:00"),
    ]
    assert listed[1]["body"] == "We talked.\n\nFrom Day One:\n- photos: IMG_0042.jpeg (photos/" \
        + MD5 + ".jpeg)"


def test_import_a_day_one_zip_from_standard_input(run, db):
    said = ok(run("--db", db, "import", "--format", "dayone", "-", input=sample_zip()))
    assert said.strip() == "Imported 3 new records: 3 entries."


@pytest.mark.parametrize("content, says", [
    (b"PK\x03\x04broken", "this ZIP cannot be read"),
    (b'{"metadata": {}}', 'not a Day One export (no "entries" list)'),
])
def test_a_file_that_is_no_day_one_export_is_refused_in_one_line(run, db, tmp_path, content,
                                                                 says):
    ok(run("--db", db, "add", "keep me"))
    before = db.read_bytes()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(content)
    assert says in refused(run("--db", db, "import", "--format", "dayone", bad))
    assert db.read_bytes() == before
    assert "cannot read" in refused(run("--db", db, "import", "--format", "dayone",
                                        tmp_path / "missing.zip"))


def test_export_csv_writes_a_private_folder_read_back_with_csv(run, db, tmp_path):
    ok(run("--db", db, "add", "--mood", "1", "--star", 'We talked, "really" talked. #us'))
    out = tmp_path / "tables"
    done = run("--db", db, "export", "--format", "csv", "-o", out)
    ok(done)
    assert done.stderr.strip() == f"Wrote 5 files to {out}."
    assert sorted(os.listdir(out)) == ["entries.csv", "loop_moments.csv", "ritual_marks.csv",
                                       "thought_records.csv", "weeks.csv"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    with open(out / "entries.csv", newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["body"], row["mood"], row["starred"], row["tags"]) == (
        'We talked, "really" talked. #us', "1", "1", "us")
    ok(run("--db", db, "add", "a second one"))
    ok(run("--db", db, "export", "--format", "csv", "-o", out))  # again, over the first
    with open(out / "entries.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 2


def test_export_markdown_folder(run, db, tmp_path):
    ok(run("--db", db, "add", "--at", "2026-03-14 21:05", "--title", "Dinner", "Talked. #us"))
    out = tmp_path / "vault"
    ok(run("--db", db, "export", "--format", "markdown-folder", "-o", out))
    assert sorted(os.listdir(out)) == ["2026-03-14-2105-dinner.md", "index.md"]
    post = frontmatter.load(out / "2026-03-14-2105-dinner.md")
    assert (post["title"], post["tags"], post["starred"], post["mood"]) == (
        "Dinner", ["us"], False, None)
    assert post["date"].isoformat() == "2026-03-14T21:05:00+01:00"
    assert post.content == "Talked. #us"


@pytest.mark.parametrize("fmt", ["csv", "markdown-folder"])
def test_a_folder_export_needs_a_folder(run, db, tmp_path, fmt):
    ok(run("--db", db, "add", "x"))
    assert "-o DIR" in refused(run("--db", db, "export", "--format", fmt))
    plain = tmp_path / "notes.txt"
    plain.write_text("mine")
    assert "is not a folder" in refused(run("--db", db, "export", "--format", fmt, "-o", plain))
    assert plain.read_text() == "mine"
    assert "there is no folder" in refused(
        run("--db", db, "export", "--format", fmt, "-o", tmp_path / "no" / "such"))
