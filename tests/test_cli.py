"""The command line as a person runs it: real processes, a journal on a temporary path."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from storage import Journal
from tui import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path):
    """The environment of every run: no journal from the outside world, no colours."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    clean["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")  # where a default journal would go
    clean["NO_COLOR"] = "1"
    clean["PYTHONIOENCODING"] = "utf-8"
    return clean


@pytest.fixture
def db(tmp_path) -> Path:
    """Where the journal goes: its folder exists (a journal is started only in a folder
    that does, or at the default location)."""
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    return path


@pytest.fixture
def run(env):
    def run(*args, input: str | bytes | None = "") -> subprocess.CompletedProcess:
        data = input.encode("utf-8") if isinstance(input, str) else input
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", *map(str, args)],
            input=data, capture_output=True, cwd=ROOT, env=env, timeout=60,
        )
        done.stdout = done.stdout.decode("utf-8")
        done.stderr = done.stderr.decode("utf-8")
        return done

    return run


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def listed(run, db, *args) -> list[dict]:
    return json.loads(ok(run("list", "--json", "--db", db, *args)))


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


# ------------------------------------------------------------------ add and list


def test_add_then_list_json(run, db):
    out = ok(run("add", "--db", db, "--mood", "1", "--star", "Tea", "on", "the", "porch", "#Us"))
    assert out.startswith("Saved entry 1 for ")
    assert "(#us)" in out
    [entry] = listed(run, db)
    assert entry["body"] == "Tea on the porch #Us"
    assert (entry["mood"], entry["starred"], entry["tags"], entry["id"]) == (1, True, ["us"], 1)
    assert datetime.fromisoformat(entry["occurred_at"]).tzinfo is not None
    # The journal it started is private and fully written back.
    if sys.platform != "win32":
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert side_files(db) == []


def test_add_reads_standard_input(run, db):
    ok(run("add", "--db", db, input="From a pipe,\nover two lines. #piped\n"))
    [entry] = listed(run, db)
    assert entry["body"] == "From a pipe,\nover two lines. #piped"
    assert entry["tags"] == ["piped"]


def test_db_before_or_after_the_command(run, db):
    ok(run("add", "after the command", "--db", db))
    assert [e["body"] for e in json.loads(ok(run("--db", db, "list", "--json")))] == [
        "after the command",
    ]


def test_add_at_a_given_time_with_title_and_markup(run, db):
    ok(run("add", "--db", db, "--at", "2025-03-01 21:30", "--title", "Late [b]talk", "[red]x[/]"))
    [entry] = listed(run, db)
    assert datetime.fromisoformat(entry["occurred_at"]) == datetime(2025, 3, 1, 21, 30).astimezone()
    assert (entry["title"], entry["body"]) == ("Late [b]talk", "[red]x[/]")


def seed(db: Path, *entries: tuple[str, str, dict]) -> None:
    """Write entries straight through the storage API (quicker than one process each)."""
    with Journal.open(db) as j:
        for when, text, extra in entries:
            j.entries.add(text, occurred_at=datetime.fromisoformat(when).astimezone(), **extra)


def test_list_filters_and_text_form(run, db):
    seed(
        db,
        ("2025-03-01 09:00", "first #walk", {}),
        ("2025-03-02 09:00", "second", {"mood": -2}),
        ("2025-03-03 09:00", "third #walk [red]x[/]", {"starred": True}),
    )
    assert ok(run("list", "--db", db)).splitlines() == [
        "2025-03-01 09:00  first #walk",
        "2025-03-02 09:00  second  (-2)",
        "2025-03-03 09:00  ★ third #walk [red]x[/]",
    ]
    assert [e["body"] for e in listed(run, db, "-n", "2")] == ["second", "third #walk [red]x[/]"]
    assert [e["body"] for e in listed(run, db, "--tag", "walk", "--from", "2025-03-02")] == [
        "third #walk [red]x[/]"
    ]
    assert [e["body"] for e in listed(run, db, "--starred", "--to", "2025-03-02")] == []
    assert [e["body"] for e in listed(run, db, "--from", "2025-03-02", "--to", "2025-03-02")] == [
        "second"
    ]


# ------------------------------------------------------------------ search


def test_search(run, db):
    seed(
        db,
        ("2025-03-01 09:00", "We walked to the river", {}),
        ("2025-03-02 09:00", "Walking again", {}),
        ("2025-03-03 09:00", "nothing to see", {}),
    )
    lines = ok(run("search", "--db", db, "walk")).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2025-03-02 09:00  entry")
    assert "[Walking] again" in lines[0]
    assert "We [walked] to the river" in lines[1]

    hits = json.loads(ok(run("search", "walk", "river", "--json", "--db", db)))
    assert [(h["kind"], h["id"], h["title"]) for h in hits] == [
        ("entry", 1, "We walked to the river")
    ]
    assert "[walked]" in hits[0]["snippet"] and "[river]" in hits[0]["snippet"]


def test_search_names_every_kind_it_finds(run, db):
    """Each kind search finds prints its short label from the kinds registry; a kind without
    one could not be searched at all (it was a KeyError)."""
    from datetime import date

    from storage.kinds import SEARCHABLE, by_key

    with Journal.open(db) as j:
        j.entries.add("the harbour at dusk")
        j.loop.log(trigger="the harbour again")
        j.thoughts.create_draft(story="the harbour means we are drifting")
        walk = j.rituals.add("Walk", "FREQ=DAILY", dtstart=date(2025, 3, 1))
        j.rituals.mark(walk.id, date(2025, 3, 2), "done", note="to the harbour")
        love = j.love.add(what="a walk to the harbour", source="used_to")
        j.conn.execute("INSERT INTO love_log (created_at, updated_at, love_id, on_date, note)"
                       " VALUES ('2025-03-03T10:00:00+00:00', '2025-03-03T10:00:00+00:00',"
                       " ?, '2025-03-03', 'the harbour at noon')", (love.id,))
        j.offers.add(occurred_at="2025-03-04T18:00", what="drive to the harbour")
        j.phrases.add(intent="open", text="Shall we sit by the harbour?")
        j.discoveries.add(idea="harbour boat trip")
        j.tally.add(occurred_at="2025-03-05T09:00", side="kind", what="touch",
                    note="hand in hand at the harbour")
    lines = ok(run("search", "--db", db, "harbour")).splitlines()
    shown = sorted(line.split()[2] for line in lines)
    assert shown == sorted(by_key(kind).short for kind in SEARCHABLE)
    hits = json.loads(ok(run("search", "harbour", "--json", "--db", db)))
    assert sorted(h["kind"] for h in hits) == sorted(SEARCHABLE)


# ------------------------------------------------------------------ export, import, backup


def test_export_json_then_import_into_another_journal(run, db, tmp_path):
    seed(
        db,
        ("2025-03-01 09:00", "one #a", {"mood": 2}),
        ("2025-03-02 09:00", "two", {"title": "T", "tags": ["given"]}),
    )
    exported = tmp_path / "out" / "export.json"
    exported.parent.mkdir()
    ok(run("export", "--db", db, "--format", "json", "-o", exported))
    if sys.platform != "win32":
        assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert sorted(p.name for p in exported.parent.iterdir()) == ["export.json"]

    other = tmp_path / "other" / "journal.db"
    other.parent.mkdir()
    out = ok(run("import", "--db", other, "--format", "json", exported))
    assert out.startswith("Imported 2 new records")
    again = ok(run("import", "--format", "json", exported, "--db", other))
    assert "Imported 0 new records" in again and "already here" in again

    def seen(path):
        with Journal.open(path) as j:
            return [{**e.to_json(), "id": None} for e in j.entries.list()]

    assert seen(other) == seen(db)
    assert len(seen(other)) == 2


def test_export_to_standard_output_and_import_from_standard_input(run, db, tmp_path):
    seed(db, ("2025-03-01 09:00", "piped through", {}))
    text = ok(run("export", "--db", db, "--format", "json"))
    assert json.loads(text)["format"] == "closer"
    other = tmp_path / "other" / "journal.db"
    other.parent.mkdir()
    ok(run("import", "--db", other, "--format", "json", "-", input=text))
    with Journal.open(other) as j:
        assert [e.body for e in j.entries.list()] == ["piped through"]


def test_export_markdown(run, db):
    seed(db, ("2025-03-01 09:00", "A slow morning with coffee.", {"title": "Sunday"}))
    text = ok(run("export", "--db", db, "--format", "markdown"))
    assert text.startswith("# closer journal")
    assert "Sunday" in text and "A slow morning with coffee." in text


def test_backup(run, db, tmp_path):
    seed(db, ("2025-03-01 09:00", "keep a copy", {}))
    copy = tmp_path / "copy.db"
    assert f"Backed up to {copy}" in ok(run("backup", "--db", db, "-o", copy))
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with Journal.open(copy) as j:
        assert [e.body for e in j.entries.list()] == ["keep a copy"]


# ------------------------------------------------------------------ doctor and privacy


def test_doctor_says_ok(run, db):
    seed(db, ("2025-03-01 09:00", "hello", {}))
    out = ok(run("doctor", "--db", db))
    assert out.splitlines()[-1] == "ok"
    assert "integrity:      ok" in out
    assert "entries           1" in out
    assert "loop moments      0" in out  # each kind named as a person reads it


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_doctor_complains_about_a_folder_others_can_list(run, db):
    # (A journal file others can read is made private on open: tests/storage/test_access.py.)
    seed(db, ("2025-03-01 09:00", "hello", {}))
    db.parent.chmod(0o755)
    done = run("doctor", "--db", db)
    assert done.returncode == 1
    assert "chmod 700" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("problems found")


def test_closer_db_variable_is_used(run, env, db, tmp_path):
    seed(db, ("2025-03-01 09:00", "from the environment", {}))
    env["CLOSER_DB"] = str(db)
    assert [e["body"] for e in json.loads(ok(run("list", "--json")))] == ["from the environment"]
    assert not (tmp_path / "xdg-data").exists()


# ------------------------------------------------------------------ bad input


@pytest.fixture
def existing(journal) -> Path:
    """A journal that already holds something, closed, so its bytes can be compared."""
    journal.entries.add("already here #kept", mood=1)
    journal.close()
    return journal.path


def _make_files(tmp_path: Path) -> dict[str, Path]:
    """Files the bad-input cases point at, by placeholder."""
    not_json = tmp_path / "notes.txt"
    not_json.write_text("Dear diary,\nthis is not JSON.\n")
    wrong_shape = tmp_path / "list.json"
    wrong_shape.write_text("[1, 2, 3]")
    bad_record = tmp_path / "bad-record.json"
    bad_record.write_text(json.dumps({
        "format": "closer", "format_version": 1,
        "entries": [{"occurred_at": "2025-03-01T10:00:00+00:00", "body": "fine"},
                    {"occurred_at": "2025-03-01T10:00:00+00:00", "body": "x", "mood": 7}],
    }))
    return {
        "<not-json>": not_json,
        "<wrong-shape>": wrong_shape,
        "<bad-record>": bad_record,
        "<missing>": tmp_path / "missing.json",
        "<folder>": tmp_path,
        "<nowhere>": tmp_path / "nowhere" / "x.db",
    }


BAD_INPUTS: dict[str, tuple[list[str], str]] = {
    "unknown date": (["add", "--at", "flurb", "text"], ""),
    "date out of range": (["add", "--at", "99999 years ago", "text"], ""),
    "empty text": (["add", ""], ""),
    "blank text": (["add", "   "], ""),
    "empty stdin": (["add"], ""),
    "mood too high": (["add", "--mood", "3", "text"], ""),
    "mood too low": (["add", "--mood", "-3", "text"], ""),
    "mood not a number": (["add", "--mood", "lots", "text"], ""),
    "missing import file": (["import", "--format", "json", "<missing>"], ""),
    "import a folder": (["import", "--format", "json", "<folder>"], ""),
    "wrong export format": (["export", "--format", "xml"], ""),
    "wrong import format": (["import", "--format", "csv", "<not-json>"], ""),
    "missing format": (["export"], ""),
    "unknown command": (["frobnicate"], ""),
    "unknown option": (["list", "--colour"], ""),
    "bad count": (["list", "-n", "many"], ""),
    "negative count": (["list", "-n", "-1"], ""),
    "bad --from": (["list", "--from", "whenever"], ""),
    "from after to": (["list", "--from", "2025-03-02", "--to", "2025-03-01"], ""),
    "punctuation search": (["search", '"*'], ""),
    "import non-JSON": (["import", "--format", "json", "<not-json>"], ""),
    "import non-JSON stdin": (["import", "--format", "json", "-"], "not json at all"),
    "import wrong shape": (["import", "--format", "json", "<wrong-shape>"], ""),
    "import a bad record": (["import", "--format", "json", "<bad-record>"], ""),
    "backup to a missing folder": (["backup", "-o", "<nowhere>"], ""),
    "backup onto itself": (["backup", "-o", "<db>"], ""),
    "export onto the journal": (["export", "--format", "json", "-o", "<db>"], ""),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_changes_nothing(run, existing, tmp_path, case):
    places = {**_make_files(tmp_path), "<db>": existing}
    args, stdin = BAD_INPUTS[case]
    args = [places.get(a, a) for a in args]
    before = existing.read_bytes()

    done = run("--db", existing, *args, input=stdin)

    assert done.returncode in (1, 2), done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("closer: "), done.stderr
    assert existing.read_bytes() == before
    assert side_files(existing) == []
    assert sorted(p.name for p in existing.parent.iterdir()) == ["journal.db"]


@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--json"], ["search", "x"], ["doctor"], ["export", "--format", "json"],
     ["backup"]],
    ids=lambda a: " ".join(a),
)
def test_reading_a_missing_journal_is_one_line_and_creates_nothing(run, tmp_path, args):
    missing = tmp_path / "nothing" / "journal.db"
    done = run(*args, "--db", missing)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("closer: no journal at")
    assert "Traceback" not in done.stderr
    assert not missing.parent.exists()
    assert not (tmp_path / "xdg-data").exists()


@pytest.mark.parametrize("args", [["list"], ["add", "text"], ["doctor"]], ids=" ".join)
def test_a_file_that_is_not_a_journal_is_left_alone(run, tmp_path, args):
    notes = tmp_path / "notes.db"
    notes.write_text("my shopping list\n")
    done = run("--db", notes, *args)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not a closer journal" in done.stderr
    assert notes.read_text() == "my shopping list\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


# ------------------------------------------------------------------ staying quick


def test_quick_commands_import_only_what_they_need(env, db):
    """No quick command imports the UI. The two people run most (list, search) load neither
    pydantic, dataclasses, typing nor pathlib either (together a third of their time), and
    ``today`` (run at every shell start) no pydantic; the journal they open still gives a
    Path."""
    with Journal.open(db) as j:
        j.entries.add("something to list and find")
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "db = sys.argv[1]\n"
        "lean = ('pydantic', 'dataclasses', 'typing', 'pathlib')\n"
        "for args in (['list', '-n', '3'], ['search', 'find'], ['today'], ['add', 'quick'],\n"
        "             ['doctor'], ['list', '--json']):\n"
        "    assert main(['--db', db, *args]) == 0, args\n"
        "    heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "    if args[0] == 'search' or args[1:] == ['-n', '3']:\n"
        "        heavy += [m for m in lean if m in sys.modules]\n"
        "    if args[0] == 'today':\n"
        "        heavy += [m for m in sys.modules if m.split('.')[0] == 'pydantic']\n"
        "    assert not heavy, (args, heavy[:5])\n"
        "from storage import Journal\n"
        "with Journal.open(db) as j:\n"
        "    print(type(j.path).__name__, j.path.name)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, cwd=ROOT, env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"PosixPath {db.name}"


# ------------------------------------------------------------------ the parser, built in part


@pytest.mark.parametrize("argv, named", [
    (["list", "-n", "3"], "list"),
    (["--db", "x.db", "search", "word"], "search"),
    (["--db=x.db", "weeks"], "weeks"),
    (["--db", "list", "add", "text"], "add"),  # a journal file called "list"
    (["--demo"], ""),  # the app: no sub-command's part is built
    ([], ""),
    (["--db"], None),  # argparse says what is missing
    (["--help", "list"], None),
    (["-h"], None),
    (["--d", "x.db", "list"], None),  # an abbreviation: argparse reads the whole line
    (["lst"], None),
    (["--", "list"], None),
])
def test_a_plain_command_line_names_its_sub_command(argv, named):
    assert cli._command_named(argv) == named


@pytest.mark.parametrize("argv", [
    ["list", "-n", "3", "--from", "2025-01-01", "--tag", "home", "--json"],
    ["--db", "j.db", "search", "a", "b", "-n", "5"],
    ["add", "hello", "#tag", "--mood", "1", "--star", "--db", "j.db"],
    ["weeks", "-n", "4"],
    ["export", "--format", "jrnl", "-o", "out.txt"],
    ["import", "--format", "json", "-"],
    ["backup"], ["doctor", "--fix"], ["encrypt"], ["decrypt"], ["passwd"],
])
def test_a_sub_command_parses_the_same_with_only_its_own_part(argv):
    whole = cli.build_parser().parse_args(argv)
    part = cli.build_parser(cli._command_named(argv)).parse_args(argv)
    assert cli._command_named(argv) == argv[2 if argv[0] == "--db" else 0]
    assert vars(part) == vars(whole)


def test_help_lists_every_sub_command(run):
    out = ok(run("--help"))
    for name in cli.SUBCOMMANDS:
        assert f"    {name} " in out
    assert "the oldest of them first" in ok(run("list", "--help"))
    wrong = run("lst")
    assert wrong.returncode == 2 and "invalid choice: 'lst'" in wrong.stderr
    assert wrong.stderr.count("\n") == 1
