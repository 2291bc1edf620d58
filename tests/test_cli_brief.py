"""closer brief, closer calendar and doctor's tag repair as a person runs them: real
processes, the demo journal or one on a temporary path, and sqlite-utils run for real."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from storage import Journal
from storage.year import MARKS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    clean["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    clean["NO_COLOR"] = "1"
    clean["PYTHONIOENCODING"] = "utf-8"
    return clean


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    return path


@pytest.fixture
def run(env):
    def run(*args) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], input="",
                              capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                              env=env, timeout=60)

    return run


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def seed(path: Path, *entries: tuple[str, str, dict]) -> None:
    with Journal.open(path) as j:
        for when, text, extra in entries:
            j.entries.add(text, occurred_at=datetime.fromisoformat(when).astimezone(), **extra)


@pytest.fixture
def demo(run, tmp_path):
    path = tmp_path / "d" / "demo.db"
    path.parent.mkdir(mode=0o700)
    ok(run("demo", "--write", path))
    return path


def test_brief_in_markdown_with_questions_and_without_sections(run, demo, tmp_path):
    done = run("brief", "--db", demo, "--question", "Why do I go quiet?",
               "--question", "What helps us repair?")
    text = ok(done)
    assert "Kept 2 questions for the brief." in done.stderr
    assert text.startswith("# What I would like to bring\n")
    for heading in ("Our cycle, in words", "How often the loop turned", "Ways out of contact",
                    "How the stories I told myself shifted", "The rituals we kept",
                    "What I would like to talk about"):
        assert f"## {heading}" in text
    assert "- Why do I go quiet?\n- What helps us repair?" in text

    again = ok(run("brief", "--db", demo, "--weeks", "2", "--without", "map,exits"))
    assert "## Our cycle" not in again and "## Ways out of contact" not in again
    assert "the 2 weeks from" in again
    assert "- Why do I go quiet?" in again  # the questions were kept


def test_brief_as_a_private_html_file(run, demo, tmp_path):
    out = tmp_path / "share" / "brief.html"
    out.parent.mkdir()
    done = run("brief", "--db", demo, "-o", out, "--without", "questions")
    assert ok(done) == "" and f"Wrote {out}." in done.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>") and "<h2>The rituals we kept</h2>" in page
    assert "What I would like to talk about" not in page
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_brief_refuses_what_makes_no_sense_in_one_line(run, demo):
    done = run("brief", "--db", demo, "--without", "map,feelings")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "no section 'feelings'" in done.stderr and len(done.stderr.splitlines()) == 1
    done = run("brief", "--db", demo, "-o", demo)
    assert done.returncode != 0 and "Traceback" not in done.stderr


def test_calendar_shows_the_year_the_legend_and_the_streak(run, db):
    today = date.today()
    seed(db, (f"{today.isoformat()} 08:00", "today", {}),
         (f"{today.isoformat()} 09:00", "again", {}))
    lines = ok(run("calendar", "--db", db)).splitlines()
    assert lines[0].startswith(str(today.year))
    assert [line[:3] for line in lines[1:8]] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
                                                 "Sun"]
    row = lines[1 + today.weekday()]
    assert row.endswith(MARKS[2])  # two entries today: the last mark of today's row
    assert any("▓ 3" in line and "4 or more" in line for line in lines)
    assert "Writing streak: 1 day, up to today." in lines
    data = json.loads(ok(run("calendar", str(today.year), "--json", "--db", db)))
    assert data["days"] == [{"day": today.isoformat(), "entries": 2, "rituals_kept": 0,
                             "level": 2}]
    assert data["current_streak"] == 1


def test_calendar_and_brief_load_no_textual_and_calendar_no_pydantic(env, demo):
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "assert main(['--db', sys.argv[1], 'calendar']) == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich',"
        " 'pydantic'))\n"
        "assert not heavy, heavy[:5]\n"
        "assert main(['--db', sys.argv[1], 'brief']) == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not heavy, heavy[:5]\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(demo)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr


def test_an_entry_inserted_with_sqlite_utils_gets_its_tags_from_doctor_fix(run, db, env):
    seed(db, ("2025-03-01 09:00", "written in closer #walk", {}))
    row = {"created_at": "2025-03-02T09:00:00+00:00", "updated_at": "2025-03-02T09:00:00+00:00",
           "occurred_at": "2025-03-02T09:00:00+00:00", "day": "2025-03-02", "title": "",
           "body": "added from outside #walk #canal", "starred": 0}
    done = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "insert", str(db), "entries", "-"],
        input=json.dumps(row), capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "added from outside" in ok(run("search", "canal", "--db", db))  # found by search
    assert [e["body"] for e in json.loads(ok(run("list", "--json", "--tag", "canal",
                                                 "--db", db)))] == []

    done = run("doctor", "--db", db)
    assert done.returncode == 1
    assert "tags:           needs repair  (2 #tags written in entries added from" in done.stdout

    out = ok(run("doctor", "--db", db, "--fix"))
    assert "Registered 2 tags." in out and out.splitlines()[-1] == "ok"
    listed = json.loads(ok(run("list", "--json", "--tag", "canal", "--db", db)))
    assert [e["body"] for e in listed] == ["added from outside #walk #canal"]
    with Journal.open(db) as j:
        assert j.scalar("SELECT count(*) FROM entry_tags WHERE tag = 'walk'") == 2


def readme_queries() -> list[str]:
    """The SQL of every ``sqlite-utils journal-copy.db --table "..."`` example in the README."""
    import re

    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## Your journal is a SQLite file"):]
    section = section[:section.index("\n## ", 1)]
    return re.findall(r'sqlite-utils journal-copy\.db --table \\\n\s*"([^"]+)"', section)


def test_the_readmes_queries_run_on_the_demo_journal(run, demo, env, tmp_path):
    queries = readme_queries()
    assert len(queries) == 3
    copy = tmp_path / "journal-copy.db"
    ok(run("backup", "--db", demo, "-o", copy))
    for sql in queries:
        done = subprocess.run(
            [sys.executable, "-m", "sqlite_utils", str(copy), sql], capture_output=True,
            text=True, cwd=ROOT, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout), sql  # each gives rows on the demo
    weeks = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", str(copy), queries[1]], capture_output=True,
        text=True, cwd=ROOT, env=env, timeout=60)
    with Journal.open(demo) as j:
        counted = {w.start.isoformat(): w.moments for w in j.review.weeks() if w.moments}
    assert {r["week_of"]: r["turns"] for r in json.loads(weeks.stdout)} == counted
