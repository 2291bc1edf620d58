"""The command line of a journal: show, edit, delete and restore, the trash, tags, the list's
filters, the demo journal, and where a new journal may start. Real processes, as a person
runs them; bad input is one line, a non-zero exit and an unchanged file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from storage import Journal

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    clean["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    clean["NO_COLOR"] = "1"
    clean["PYTHONIOENCODING"] = "utf-8"
    clean.pop("VISUAL", None)
    clean.pop("EDITOR", None)
    return clean


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    with Journal.open(path) as journal:
        journal.entries.add("we walked by the canal #walk #us", title="Sunday", mood=1,
                            starred=True)
        journal.entries.add("a quiet dinner #us")
        journal.entries.add("work again, tired #work")
    return path


@pytest.fixture
def run(env, db):
    def run(*args, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", "--db", str(db), *map(str, args)],
            capture_output=True, text=True, cwd=ROOT, env={**env, **(extra_env or {})},
            timeout=60, stdin=subprocess.DEVNULL,
        )

    return run


def ok(done) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def refused(done, code: int | None = None) -> str:
    assert done.returncode != 0, done.stdout
    if code is not None:
        assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def bodies(run, *args) -> list[str]:
    return [e["body"] for e in json.loads(ok(run("list", "--json", *args)))]


def test_show_prints_one_entry_in_full_and_as_json(run):
    out = ok(run("show", "1"))
    assert out.splitlines()[0].startswith("[1] ") and "★" in out and "mood +1" in out
    assert "Sunday\nwe walked by the canal #walk #us" in out
    data = json.loads(ok(run("show", "1", "--json")))
    assert (data["id"], data["title"], sorted(data["tags"])) == (1, "Sunday", ["us", "walk"])
    assert "no entry with id 9" in refused(run("show", "9"))


def test_list_full_prints_every_body(run):
    out = ok(run("list", "--full"))
    for text in ("we walked by the canal", "a quiet dinner", "work again, tired"):
        assert text in out
    assert out.index("canal") < out.index("dinner") < out.index("tired")  # oldest first


def test_tags_repeat_any_of_them_and_all_of_them_and_not(run):
    assert sorted(bodies(run, "--tag", "walk", "--tag", "work")) == [
        "we walked by the canal #walk #us", "work again, tired #work"]
    assert bodies(run, "--tag", "us", "--tag", "walk", "--and") == [
        "we walked by the canal #walk #us"]
    assert bodies(run, "--not", "us") == ["work again, tired #work"]
    assert bodies(run, "--tag", "#us", "--not", "walk") == ["a quiet dinner #us"]
    assert "needs two --tag" in refused(run("list", "--tag", "us", "--and"))


def test_on_is_one_day(run, db):
    with Journal.open(db) as journal:
        journal.entries.add("on the first of march",
                            occurred_at=datetime(2026, 3, 1, 20, 0).astimezone())
    assert bodies(run, "--on", "2026-03-01") == ["on the first of march"]
    assert bodies(run, "--on", "2026-03-02") == []
    assert "without --from" in refused(run("list", "--on", "today", "--from", "yesterday"))


def test_tags_lists_every_tag_most_used_first(run):
    assert ok(run("tags")).split() == ["2", "#us", "1", "#walk", "1", "#work"]
    assert json.loads(ok(run("tags", "--json")))[0] == {"tag": "us", "count": 2}


def test_delete_restore_and_the_trash(run, db):
    out = ok(run("delete", "2"))
    assert "trash" in out and "restore 2" in out
    assert "a quiet dinner #us" not in bodies(run)
    [item] = json.loads(ok(run("trash", "--json")))
    assert (item["kind"], item["id"]) == ("entry", 2) and "quiet dinner" in item["words"]
    assert "quiet dinner" in ok(run("trash"))
    assert "no entry with id 2" in refused(run("delete", "2"))  # already in the trash
    assert "Restored entry 2" in ok(run("restore", "2"))
    assert "a quiet dinner #us" in bodies(run)
    assert "in the trash" in refused(run("restore", "2"))


def test_other_kinds_are_named_with_kind(run, db):
    with Journal.open(db) as journal:
        record = journal.thoughts.create_draft(story="they are bored of me")
    ok(run("delete", record.id, "--kind", "thought"))
    with Journal.open(db) as journal:
        assert journal.thoughts.count() == 0
    ok(run("restore", record.id, "--kind", "thought"))
    with Journal.open(db) as journal:
        assert journal.thoughts.get(record.id).story == "they are bored of me"
    done = run("delete", "1", "--kind", "diary")
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_emptying_the_trash_asks_or_needs_yes(run, db):
    assert "already empty" in refused(run("trash", "--empty"))
    ok(run("delete", "3"))
    assert "--yes" in refused(run("trash", "--empty"))  # no terminal to ask in
    assert "Deleted 1 record for good" in ok(run("trash", "--empty", "--yes"))
    assert json.loads(ok(run("trash", "--json"))) == []
    assert "empty" in run("trash").stderr


def test_edit_hands_the_text_to_the_editor(run, tmp_path):
    script = tmp_path / "editor.py"
    script.write_text("import sys\np = sys.argv[1]\n"
                      "open(p, 'a').write(' and then we laughed')\n")
    editor = f"{sys.executable} {script}"
    assert "Saved entry 2" in ok(run("edit", "2", extra_env={"EDITOR": editor}))
    assert "a quiet dinner #us and then we laughed" in bodies(run)
    assert "$EDITOR" in refused(run("edit", "2"))
    failing = f"{sys.executable} -c 'raise SystemExit(3)'"
    assert "stopped with an error" in refused(run("edit", "2", extra_env={"EDITOR": failing}))


def test_demo_write_makes_a_new_file_and_demo_with_a_command_is_refused(run, tmp_path, env):
    target = tmp_path / "demo.db"
    out = ok(run("demo", "--write", target))
    assert str(target) in out
    with Journal.open(target) as demo:
        assert demo.entries.count() > 10 and demo.rituals.list()
    assert "already exists" in refused(run("demo", "--write", target))
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--demo", "list"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode != 0 and "demo --write" in done.stderr


def test_demo_write_as_the_one_who_steps_back(run, tmp_path, env):
    mine = tmp_path / "withdrawer.db"
    out = ok(run("demo", "--write", mine, "--as", "withdrawer"))
    assert str(mine) in out and "withdrawer" in out
    theirs = tmp_path / "pursuer.db"
    ok(run("demo", "--write", theirs))
    with Journal.open(mine) as demo:
        assert demo.loop.my_role() == "withdrawer"
        assert demo.entries.count() > 10 and demo.rituals.list() and demo.loop.count() > 5
        assert demo.thoughts.count() >= 3
    with Journal.open(theirs) as demo:
        assert demo.loop.my_role() == "pursuer"
    nobody = tmp_path / "nobody.db"
    assert "no demo persona 'bob'" in refused(run("demo", "--write", nobody, "--as", "bob"))
    assert not nobody.exists()
    for argv in (["--demo", "withdrawer", "list"], ["--demo=bob"]):
        done = subprocess.run([sys.executable, "-m", "tui.cli", *argv], capture_output=True,
                              text=True, cwd=ROOT, env=env, timeout=60,
                              stdin=subprocess.DEVNULL)
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.count("\n") == 1, done.stderr


@pytest.mark.parametrize(("argv", "read"), [
    (["--demo"], ["--demo=pursuer"]),
    (["--demo", "withdrawer"], ["--demo=withdrawer"]),
    (["--demo", "list"], ["--demo=pursuer", "list"]),
    (["--db", "x.db", "--demo", "pursuer"], ["--db", "x.db", "--demo=pursuer"]),
    (["add", "--", "--demo", "withdrawer"], ["add", "--", "--demo", "withdrawer"]),
])
def test_demo_takes_a_persona_only_when_one_is_named(argv, read):
    from tui import cli

    assert cli._demo_persona(argv) == read


def test_a_new_journal_starts_only_in_a_folder_that_exists(env, tmp_path):
    def add(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tui.cli", "--db", str(path), "add", "hi"],
                              capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)

    mistyped = tmp_path / "jornal" / "journal.db"
    done = add(mistyped)
    assert done.returncode == 1 and "there is no folder" in done.stderr
    assert not mistyped.parent.exists()
    here = tmp_path / "journal.db"
    done = add(here)
    assert done.returncode == 0 and f"created a new journal at {here}" in done.stderr
    assert "created" not in add(here).stderr  # said once, when it is made
    # The default location is made, folders and all.
    done = subprocess.run([sys.executable, "-m", "tui.cli", "add", "hi"], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0 and "created a new journal" in done.stderr
    assert (tmp_path / "xdg-data" / "closer" / "journal.db").exists()


def test_a_search_that_finds_nothing_says_so(run):
    done = run("search", "zeppelin")
    assert done.returncode == 0 and done.stdout == ""
    assert "nothing" in done.stderr.lower() and "zeppelin" in done.stderr
    assert json.loads(ok(run("search", "zeppelin", "--json"))) == []
