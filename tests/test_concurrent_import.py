"""Two ``closer import`` processes of the same file at the same moment: every record ends up
in the journal once, whatever the format.

The race is made to happen, not hoped for: the test holds the journal's write lock while
both processes start, and lets go only once both are waiting for it (each asleep in SQLite's
busy handler, which Linux shows in /proc). An importer that read "what is already here"
before taking the write lock has by then read an empty journal, and would add everything
twice; one that reads it inside its write transaction sees what the first one wrote.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import Journal
from storage.portable import IMPORTERS

ROOT = Path(__file__).resolve().parents[1]
DEADLINE_S = 30.0

pytestmark = pytest.mark.skipif(
    not os.path.exists(f"/proc/{os.getpid()}/wchan"),
    reason="needs Linux's /proc/PID/wchan to see a process wait for the lock",
)

# A document for each import format, twenty entries each.
SAMPLES: dict[str, dict] = {}

SAMPLES["jrnl-json"] = {"tags": {}, "entries": [
    {"title": f"Evening {n}", "body": f"We talked, a little. #us {n}", "date": "2025-03-14",
     "time": f"21:{n:02d}", "tags": ["#us"], "starred": n % 2 == 0}
    for n in range(20)
]}

SAMPLES["json"] = {"format": "closer", "format_version": 1, "entries": [
    {"occurred_at": f"2025-03-14T21:{n:02d}:00+00:00", "title": f"Evening {n}",
     "body": f"We talked, a little. {n}"}
    for n in range(20)
]}

SAMPLES["dayone"] = {"metadata": {"version": "1.0"}, "entries": [
    {"uuid": f"E{n}", "creationDate": f"2025-03-14T20:{n:02d}:00Z", "timeZone": "Europe/Berlin",
     "text": f"# Evening {n}\n\nWe talked, a little\\. {n}", "tags": ["us"],
     "starred": n % 2 == 0}
    for n in range(20)
]}


def _sleeping_in_sqlite(pid: int) -> bool:
    """Whether the process's main thread sleeps on a timer: SQLite's busy handler does, while
    it waits for a lock; nothing else in ``closer import`` sleeps."""
    try:
        with open(f"/proc/{pid}/wchan") as fh:
            return "nanosleep" in fh.read()
    except OSError:
        return False


def _import_at_once(db: Path, fmt: str, file: Path, processes: int = 2) -> list:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # no one writes until every importer waits
    procs = []
    try:
        for _ in range(processes):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "tui.cli", "--db", str(db), "import", "--format", fmt,
                 str(file)],
                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            ))
        end = time.monotonic() + DEADLINE_S
        while not all(_sleeping_in_sqlite(p.pid) for p in procs):
            for p in procs:
                if p.poll() is not None:
                    pytest.fail(f"an import ended before the lock was free: "
                                f"{p.stderr.read().decode(errors='replace')}")
            if time.monotonic() > end:
                pytest.fail("the imports never reached the journal's write lock")
            time.sleep(0.01)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    done = []
    for p in procs:
        out, err = p.communicate(timeout=60)
        done.append((p.returncode, out.decode(), err.decode()))
    return done


def test_every_import_format_is_raced_here():
    assert sorted(SAMPLES) == sorted(IMPORTERS), "add a sample for the new format"


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_two_imports_at_once_add_each_entry_once(tmp_path, empty_journal_bytes, fmt):
    db = tmp_path / "j" / "journal.db"
    db.parent.mkdir(mode=0o700)
    db.write_bytes(empty_journal_bytes)
    db.chmod(0o600)
    file = tmp_path / "export.json"
    file.write_text(json.dumps(SAMPLES[fmt]))

    done = _import_at_once(db, fmt, file)

    assert [code for code, _, _ in done] == [0, 0], done
    said = sorted(out.strip() for _, out, _ in done)
    assert said == ["Imported 0 new records (all were already here).",
                    "Imported 20 new records: 20 entries."], done
    with Journal.open(db) as journal:
        titles = [e.title for e in journal.entries.list(newest_first=False)]
    assert sorted(titles) == sorted(f"Evening {n}" for n in range(20))
