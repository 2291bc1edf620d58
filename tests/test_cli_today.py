"""``closer today`` and ``closer export --format ics`` as a person runs them: real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage import Journal, demo

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 3, 20)


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    clean["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    clean["NO_COLOR"] = "1"
    clean["PYTHONIOENCODING"] = "utf-8"
    clean["TZ"] = "Europe/Berlin"
    return clean


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    return path


def run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


FROZEN = (
    "import sys\n"
    "from datetime import datetime\n"
    "from zoneinfo import ZoneInfo\n"
    "from storage import dates\n"
    "dates.now = lambda: datetime(2026, 3, 20, 8, 0, tzinfo=ZoneInfo('Europe/Berlin'))\n"
    "from tui.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "heavy = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'pydantic')]\n"
    "assert not heavy, heavy[:5]\n"
    "sys.exit(code)\n"
)
"""``closer ARGS`` on a clock stopped at Friday 20 March 2026, 08:00 in Berlin; it fails if
the command imported the UI or pydantic."""


def frozen(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", FROZEN, *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


def test_today_on_a_fixed_clock(env, db):
    with Journal.open(db) as journal:
        demo.fill(journal, TODAY)
        idea = journal.review.small_thing(TODAY).text
    done = frozen(env, "--db", db, "today")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "Today: Five-minute download (18:30) and Small bids to mark;"
        " a draft waiting (1 thought record).",
        f"One small thing: {idea}",
    ]
    done = frozen(env, "--db", db, "today", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["date"] == "2026-03-20"
    assert [(r["name"], r["time"]) for r in found["rituals"]] == [
        ("Five-minute download", "18:30"), ("Small bids", None)]
    assert found["drafts"] == {"thought_record": 1} and found["small_thing"] == idea


def test_today_prints_nothing_when_nothing_is_open(env, db):
    with Journal.open(db) as journal:
        journal.review.note_small_thing("Made their coffee.")  # today, by the real clock
    done = run(env, "today", "--db", db)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = run(env, "today", "--json", "--db", db)
    assert json.loads(done.stdout)["rituals"] == []


def test_today_never_parses_or_sends_what_a_name_holds(env, db):
    with Journal.open(db) as journal:
        journal.review.note_small_thing("Made their coffee.")
        journal.rituals.add("[bold]Tea[/] \x1b[31m", "FREQ=DAILY", dtstart=date(2026, 1, 1))
    done = run(env, "today", "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Today: [bold]Tea[/] ") and "\x1b" not in done.stdout


def test_today_without_a_journal_says_so_in_one_line(env, db):
    done = run(env, "today", "--db", db)
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no journal" in done.stderr
    assert not db.exists()


def test_export_ics_to_a_private_file(env, db, tmp_path):
    with Journal.open(db) as journal:
        demo.fill(journal)
    out = tmp_path / "rituals.ics"
    done = run(env, "export", "--format", "ics", "-o", out, "--db", db)
    assert done.returncode == 0, done.stderr
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 6
    assert "TZID=Europe/Berlin" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = subprocess.run([sys.executable, "-m", "tui.cli", "export", "--format", "ics", "--db",
                            str(db)], capture_output=True, cwd=ROOT, env=env, timeout=60)
    assert again.stdout.decode("utf-8") == text
