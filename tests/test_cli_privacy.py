"""The privacy and portability commands as a person runs them: encrypt, decrypt, passwd,
export/import in jrnl's formats, backup and doctor.

Most run ``main()`` in-process (with fewer key-derivation rounds, to stay quick); a few run
real processes, for what only a process shows: SQLCipher's own logging, the real rounds, and
a machine without the encryption extra.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from storage import Journal, crypto
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]

needs_sqlcipher = pytest.mark.skipif(
    not crypto.available(),
    reason="SQLCipher is not installed (pip install 'closer-journal[encryption]')",
)


@pytest.fixture
def db(tmp_path, empty_journal_bytes) -> Path:
    """A plain journal with two entries at ``tmp_path/j/journal.db``."""
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(empty_journal_bytes)
    with Journal.open(path) as j:
        j.entries.add("We spoke of the zeppelin. #us", title="Marrakesh", starred=True)
        j.entries.add("[ ] call back\nthen rest")
    return path


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``closer ARGS`` in-process; returns (exit code, stdout, stderr)."""
    for name in list(os.environ):
        if name.startswith("CLOSER_"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)

    def run(*args: object, passphrase: str | None = None, new: str | None = None):
        for name, value in (("CLOSER_PASSPHRASE", passphrase), ("CLOSER_NEW_PASSPHRASE", new)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


def listed(cli, db, passphrase=None) -> list[dict]:
    code, out, err = cli("list", "--json", "--db", db, passphrase=passphrase)
    assert code == 0, err
    return json.loads(out)


# ------------------------------------------------------------------ encryption


@needs_sqlcipher
def test_encrypt_passwd_decrypt_round_trip(cli, db):
    before = listed(cli, db)
    code, out, err = cli("encrypt", "--db", db, passphrase="sesame")
    assert code == 0, err
    assert "overwritten with zeros" in out and "not touched" in out
    raw = db.read_bytes()
    assert b"zeppelin" not in raw and b"Marrakesh" not in raw
    assert listed(cli, db, "sesame") == before

    code, out, err = cli("passwd", "--db", db, passphrase="sesame", new="open up")
    assert code == 0, err
    assert cli("list", "--db", db, passphrase="sesame")[0] == 1
    assert listed(cli, db, "open up") == before

    code, out, err = cli("decrypt", "--db", db, passphrase="open up")
    assert code == 0, err
    assert crypto.is_plain(db)
    assert listed(cli, db) == before
    if sys.platform != "win32":
        assert stat.S_IMODE(db.stat().st_mode) == 0o600


@needs_sqlcipher
def test_encrypted_journal_needs_its_passphrase(cli, db):
    assert cli("encrypt", "--db", db, passphrase="sesame")[0] == 0
    before = db.read_bytes()
    code, out, err = cli("list", "--db", db)
    assert code == 1 and out == ""
    assert "encrypted" in err and "CLOSER_PASSPHRASE" in err and len(err.splitlines()) == 1
    code, out, err = cli("search", "zeppelin", "--db", db, passphrase="not it")
    assert code == 1 and out == ""
    assert "does not open" in err and len(err.splitlines()) == 1
    assert db.read_bytes() == before
    # Everything else works as on a plain journal.
    assert cli("add", "--db", db, "a", "new", "#line", passphrase="sesame")[0] == 0
    code, out, _ = cli("search", "zeppelin", "--db", db, passphrase="sesame")
    assert code == 0 and "zeppelin" in out


@needs_sqlcipher
def test_encryption_commands_refuse_what_makes_no_sense(cli, db):
    code, _, err = cli("decrypt", "--db", db, passphrase="x")
    assert code == 2 and "not encrypted" in err
    code, _, err = cli("passwd", "--db", db, passphrase="x", new="y")
    assert code == 2 and "not encrypted" in err
    code, _, err = cli("encrypt", "--db", db)  # no passphrase and no terminal to type one
    assert code == 2 and "CLOSER_PASSPHRASE" in err
    assert crypto.is_plain(db)
    assert cli("encrypt", "--db", db, passphrase="sesame")[0] == 0
    code, _, err = cli("encrypt", "--db", db, passphrase="sesame")
    assert code == 2 and "already encrypted" in err
    before = db.read_bytes()
    code, _, err = cli("passwd", "--db", db, passphrase="wrong", new="y")
    assert code == 1 and "does not open" in err
    code, _, err = cli("passwd", "--db", db, passphrase="sesame")  # no new passphrase
    assert code == 2 and "CLOSER_NEW_PASSPHRASE" in err
    assert db.read_bytes() == before
    code, _, err = cli("decrypt", "--db", db.parent / "missing.db", passphrase="x")
    assert code == 1 and "no journal" in err


@needs_sqlcipher
def test_encrypt_where_there_is_no_journal_starts_one_encrypted(cli, tmp_path):
    db = tmp_path / "new" / "journal.db"
    code, out, err = cli("encrypt", "--db", db, passphrase="sesame")
    assert code == 0, err
    assert "Started an encrypted journal" in out
    assert not crypto.is_plain(db) and crypto.looks_encrypted(db)
    assert sorted(p.name for p in db.parent.iterdir()) == ["journal.db"]
    if sys.platform != "win32":
        assert stat.S_IMODE(db.stat().st_mode) == 0o600
        assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert cli("add", "--db", db, "the zeppelin over Marrakesh", passphrase="sesame")[0] == 0
    assert cli("list", "--db", db)[0] == 1  # no passphrase, no journal
    assert [e["body"] for e in listed(cli, db, "sesame")] == ["the zeppelin over Marrakesh"]
    for path in db.parent.iterdir():
        assert b"zeppelin" not in path.read_bytes() and b"Marrakesh" not in path.read_bytes()
    code, out, err = cli("doctor", "--db", db, passphrase="sesame")
    assert code == 0 and "encrypted:      yes" in out, out + err
    # An empty file where the journal will be (what a first run may leave) is a new journal.
    empty = tmp_path / "empty" / "journal.db"
    empty.parent.mkdir(mode=0o700)
    empty.touch(mode=0o600)
    assert cli("encrypt", "--db", empty, passphrase="sesame")[0] == 0
    assert listed(cli, empty, "sesame") == []


@needs_sqlcipher
def test_backup_export_and_doctor_of_an_encrypted_journal(cli, db, tmp_path):
    assert cli("encrypt", "--db", db, passphrase="sesame")[0] == 0
    copy = tmp_path / "copy.db"
    code, out, err = cli("backup", "--db", db, "-o", copy, passphrase="sesame")
    assert code == 0, err
    assert b"zeppelin" not in copy.read_bytes()
    assert listed(cli, copy, "sesame") == listed(cli, db, "sesame")
    code, out, err = cli("doctor", "--db", db, passphrase="sesame")
    assert code == 0, err
    assert "encrypted:      yes" in out and out.rstrip().endswith("ok")
    code, out, err = cli("export", "--db", db, "--format", "jrnl", passphrase="sesame")
    assert code == 0 and "Marrakesh *\nWe spoke of the zeppelin. #us\n" in out


# ------------------------------------------------------------------ jrnl


def test_export_jrnl_and_import_jrnl_json(cli, db, tmp_path):
    out_file = tmp_path / "journal.txt"
    code, _, err = cli("export", "--db", db, "--format", "jrnl", "-o", out_file)
    assert code == 0, err
    text = out_file.read_text(encoding="utf-8")
    assert "] Marrakesh *\nWe spoke of the zeppelin. #us\n" in text
    assert "] [ ] call back\nthen rest\n" in text  # untitled: jrnl's title is the first line
    if sys.platform != "win32":
        assert stat.S_IMODE(out_file.stat().st_mode) == 0o600

    jrnl_json = tmp_path / "from-jrnl.json"
    jrnl_json.write_text(json.dumps({"tags": {"@work": 1}, "entries": [
        {"title": "From jrnl.", "body": "Some @work.", "date": "2024-05-01", "time": "09:30",
         "tags": ["@work"], "starred": False},
    ]}), encoding="utf-8")
    code, out, err = cli("import", "--db", db, "--format", "jrnl-json", jrnl_json)
    assert code == 0, err
    assert out.startswith("Imported 1 new record")
    code, out, _ = cli("import", "--db", db, "--format", "jrnl-json", jrnl_json)
    assert code == 0 and "all were already here" in out
    entries = listed(cli, db)
    assert len(entries) == 3
    assert [e["tags"] for e in entries if e["title"] == "From jrnl."] == [["work"]]
    code, _, err = cli("import", "--db", db, "--format", "jrnl-json", out_file)
    assert code == 2 and "JSON" in err


# ------------------------------------------------------------------ copies written safely


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")
def test_export_never_writes_through_a_file_someone_else_prepared(cli, db, tmp_path):
    """In a shared folder another user can make the export's temporary name first: as a
    file of theirs they keep open (to read the whole export), or as a link to a file of
    yours (to have closer overwrite it). Neither sees or gets a word."""
    shared = tmp_path / "shared"
    shared.mkdir()
    out = shared / "journal.txt"
    spy = shared / ".journal.txt.part"  # the name closer used to write to
    spy.touch(mode=0o644)
    watching = os.open(spy, os.O_RDONLY)
    try:
        code, _, err = cli("export", "--db", db, "--format", "jrnl", "-o", out)
        assert code == 0, err
        assert b"zeppelin" not in os.pread(watching, 1 << 20, 0)
    finally:
        os.close(watching)
    assert "zeppelin" in out.read_text() and not out.is_symlink()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    victim = tmp_path / "victim.txt"
    victim.write_text("yours, untouched")
    out.unlink()
    os.symlink(victim, spy)
    code, _, err = cli("export", "--db", db, "--format", "json", "-o", out)
    assert code == 0, err
    assert victim.read_text() == "yours, untouched"
    assert "zeppelin" in out.read_text() and not out.is_symlink()
    assert sorted(p.name for p in shared.iterdir()) == ["journal.txt"]


@pytest.mark.parametrize("command", [["backup"], ["export", "--format", "json"]])
@pytest.mark.parametrize("side", ["", "-wal", "-shm", "-journal"])
def test_copies_refuse_the_journal_and_its_side_files(cli, db, command, side):
    with Journal.open(db) as j:  # the app has it open: -wal and -shm exist
        before = j.counts()
        code, out, err = cli(*command, "--db", db, "-o", f"{db}{side}")
        assert code == 2 and len(err.splitlines()) == 1, err
        assert "journal" in err and "choose another file" in err
        assert j.counts() == before
    assert not os.path.exists(f"{db}-journal")
    with Journal.open(db) as j:
        assert j.counts() == before and j.doctor()["integrity"] == "ok"


def test_doctor_finds_and_removes_what_an_interrupted_conversion_left(cli, db):
    """A plain copy of the journal beside it, left by a killed decrypt (under the name
    older versions used, and under this one's), is removed, zeroed first."""
    old_style = db.with_name(f".{db.name}.converting")
    old_style.write_bytes(db.read_bytes())
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    new_style = db.with_name(f".{db.name}.closer-tmp-{done.stdout.strip()}-5eed")
    new_style.write_bytes(db.read_bytes())
    watching = os.open(old_style, os.O_RDONLY)
    try:
        code, out, err = cli("doctor", "--db", db)
        assert set(os.pread(watching, 1 << 20, 0)) == {0}
    finally:
        os.close(watching)
    assert code == 0, out + err
    assert "leftovers:      2 from interrupted runs, removed:" in out
    assert f"removed {old_style}: a readable copy of the journal" in out
    assert not old_style.exists() and not new_style.exists()
    code, out, _ = cli("doctor", "--db", db)
    assert code == 0 and "leftovers:      none" in out


# ------------------------------------------------------------------ doctor


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_doctor_offers_fixes_and_fix_makes_them(cli, db):
    # (A journal file others can read is made private on open; its folder is not.)
    os.chmod(db.parent, 0o755)
    with Journal.open(db) as j:
        j.conn.execute("INSERT INTO entries_fts(rowid, title, body) VALUES (99, 'x', 'ghost')")
    code, out, _ = cli("doctor", "--db", db)
    assert code == 1
    assert "needs rebuild" in out and "doctor --fix" in out and "chmod 700" in out
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o755  # nothing changed without a yes
    code, out, _ = cli("doctor", "--db", db, "--fix")
    assert code == 0, out
    assert "Rebuilt the search index." in out and "0755 -> 0700" in out
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert cli("doctor", "--db", db)[0] == 0


# ------------------------------------------------------------------ real processes


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    clean.update(XDG_DATA_HOME=str(tmp_path / "xdg"), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return clean


def run(env, *args, **extra_env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)], capture_output=True, text=True,
        cwd=ROOT, env={**env, **extra_env}, timeout=60, stdin=subprocess.DEVNULL,
    )


@needs_sqlcipher
def test_real_process_wrong_passphrase_is_one_quiet_line(env, db):
    done = run(env, "encrypt", "--db", db, CLOSER_PASSPHRASE="sesame")
    assert done.returncode == 0, done.stderr
    before = db.read_bytes()
    done = run(env, "list", "--db", db, CLOSER_PASSPHRASE="wrong")
    assert done.returncode == 1
    # SQLCipher's own log lines ("ERROR CORE ... hmac check failed") never reach the terminal.
    assert done.stderr.splitlines() == [
        f"closer: that passphrase does not open {db} (or it is not a closer journal); "
        "nothing was changed"
    ]
    assert db.read_bytes() == before
    done = run(env, "list", "--db", db, CLOSER_PASSPHRASE="sesame")
    assert done.returncode == 0 and "Marrakesh" in done.stdout and done.stderr == ""


def test_without_the_extra_encryption_says_how_to_install(env, db, tmp_path):
    blocker = tmp_path / "no-sqlcipher"
    (blocker / "sqlcipher3").mkdir(parents=True)
    (blocker / "sqlcipher3" / "__init__.py").write_text("raise ImportError('not here')\n")
    env = {**env, "PYTHONPATH": str(blocker)}
    done = run(env, "encrypt", "--db", db, CLOSER_PASSPHRASE="sesame")
    assert done.returncode == 1
    assert "pip install 'closer-journal[encryption]'" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert crypto.is_plain(db)
    done = run(env, "list", "--db", db)  # a plain journal keeps working
    assert done.returncode == 0 and "Marrakesh" in done.stdout
