"""Faults: killed processes, two writers on one journal, and files that cannot be used.

Whatever happens, an entry that was reported saved is in the journal afterwards, the file
passes SQLite's integrity check, and every refusal is one clear line with nothing written.
"""

from __future__ import annotations

import ctypes
import json
import os
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storage.journal as journal_module
from storage import Journal, JournalLocked, Unwritable
from storage.schema import LATEST

ROOT = Path(__file__).resolve().parents[1]
SAVED = re.compile(r"^Saved entry (\d+) for ")


# ------------------------------------------------------------------ helpers


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLOSER_")}
    clean["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    clean["NO_COLOR"] = "1"
    clean["PYTHONIOENCODING"] = "utf-8"
    clean["PYTHONUNBUFFERED"] = "1"  # a reported success reaches us as soon as it is printed
    return clean


def closer(env, *args, input: bytes = b"", preexec_fn=None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)],
        input=input, capture_output=True, cwd=ROOT, env=env, timeout=60, preexec_fn=preexec_fn,
    )
    done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done


def refused(done: subprocess.CompletedProcess) -> str:
    """The run failed with exactly one line on stderr, and no traceback."""
    assert done.returncode in (1, 2), (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("closer: "), done.stderr
    return lines[0]


def healthy(path: Path) -> Journal:
    """Open the journal (recovering its write-ahead log) and check it through and through."""
    journal = Journal.open(path)
    report = journal.doctor()
    assert report["integrity"] == "ok", report
    assert report["fts"] == "ok", report
    return journal


def make_journal(path: Path, *texts: str) -> None:
    with Journal.open(path) as j:
        for text in texts:
            j.entries.add(text)


def listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


# A process that adds entries one after another through the real command-line code,
# printing each "Saved entry ..." line as it goes, until it is killed.
ADD_LOOP = """
import sys
from tui.cli import main
db, tag = sys.argv[1], sys.argv[2]
n = 0
while True:
    n += 1
    if main(["--db", db, "add", f"{tag} number {n} #faults"]) != 0:
        sys.exit(3)
"""

# A process that autosaves a growing draft, printing the length after each save.
DRAFT_LOOP = """
import sys
from storage import Journal
journal = Journal.open(sys.argv[1])
text = ""
while True:
    text += "word "
    journal.save_draft("entry:new", {"body": text})
    print(len(text), flush=True)
"""


# ------------------------------------------------------------------ kill -9


def test_sigkill_during_closer_add_never_loses_a_reported_entry(env, tmp_path):
    """The real ``closer add``, killed at random moments from start-up to just after it
    would have finished: whatever it reported saved is there, and the file is whole."""
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "before the storm")
    rng = random.Random(9)
    start = time.monotonic()
    first = closer(env, "--db", db, "add", "timing run")
    assert SAVED.match(first.stdout), first.stderr
    took = time.monotonic() - start
    reported = {"timing run"}
    for round_ in range(8):
        text = f"killed round {round_}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--db", str(db), "add", text],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env,
        )
        time.sleep(rng.uniform(0.4, 1.1) * took)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert b"Traceback" not in err
        if SAVED.match(out.decode()):
            reported.add(text)
    with healthy(db) as journal:
        bodies = [e.body for e in journal.entries.list()]
    assert reported <= set(bodies)
    assert "before the storm" in bodies
    # Nothing half-written: every entry is one of the texts that was asked for, whole.
    assert all(b == "before the storm" or b == "timing run" or re.fullmatch(r"killed round \d", b)
               for b in bodies), bodies
    assert len(bodies) == len(set(bodies))


def test_sigkill_of_a_busy_writer_keeps_every_reported_entry(env, tmp_path):
    """A process adding entry after entry is killed mid-stream, several times over."""
    db = tmp_path / "j" / "journal.db"
    make_journal(db)
    rng = random.Random(99)
    reported: set[str] = set()
    for round_ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-c", ADD_LOOP, str(db), f"round{round_}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env, text=True,
        )
        assert proc.stdout is not None
        SAVED.match(proc.stdout.readline())  # it is up and writing
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert "Traceback" not in err, err
        ids = [int(m.group(1)) for m in map(SAVED.match, out.splitlines()) if m]
        reported.update(str(i) for i in ids)
    with healthy(db) as journal:
        stored = {str(e.id): e for e in journal.entries.list()}
        assert reported <= set(stored), sorted(set(reported) - set(stored))
        for entry in stored.values():
            assert re.fullmatch(r"round\d number \d+ #faults", entry.body), entry.body
            assert entry.tags == ["faults"]


def test_sigkill_during_an_import_leaves_all_of_it_or_none(env, tmp_path):
    entries = [{"occurred_at": f"2024-0{1 + n % 9}-1{n % 10}T2{n % 4}:{n % 60:02d}:00+00:00",
                "body": f"imported {n}"} for n in range(2000)]
    source = tmp_path / "export.json"
    source.write_text(json.dumps({"format": "closer", "format_version": 1, "entries": entries}))

    def importing(db: Path) -> list[str]:
        return [sys.executable, "-m", "tui.cli", "--db", str(db), "import", "--format", "json",
                str(source)]

    start = time.monotonic()
    subprocess.run(importing(tmp_path / "timing.db"), cwd=ROOT, env=env, capture_output=True,
                   check=True, timeout=60)
    took = time.monotonic() - start
    rng = random.Random(4)
    for round_ in range(2):
        db = tmp_path / f"j{round_}" / "journal.db"
        make_journal(db, "before the import")
        proc = subprocess.Popen(importing(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=ROOT, env=env)
        time.sleep(rng.uniform(0.4, 0.95) * took)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        with healthy(db) as journal:
            count = journal.entries.count()
        if out.startswith(b"Imported"):
            assert count == 2001
        assert count in (1, 2001), count  # all of it, or none of it


def test_sigkill_while_drafts_are_written_keeps_every_acknowledged_one(env, tmp_path):
    """Storage alone: every draft write it reported done survives a kill -9 (the typing
    itself is tests/tui/test_e2e_tmux.py, in a real terminal)."""
    db = tmp_path / "j" / "journal.db"
    make_journal(db)
    proc = subprocess.Popen(
        [sys.executable, "-c", DRAFT_LOOP, str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env, text=True,
    )
    assert proc.stdout is not None
    lengths = [int(proc.stdout.readline())]
    while len(lengths) < 50:
        lengths.append(int(proc.stdout.readline()))
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    lengths += [int(x) for x in out.split()]
    with healthy(db) as journal:
        draft = journal.load_draft("entry:new")
    assert draft is not None
    assert len(draft["body"]) >= lengths[-1]
    assert draft["body"] == "word " * (len(draft["body"]) // 5)


# ------------------------------------------------------------------ two at once


WRITER = """
import sys
from storage import Journal
with Journal.open(sys.argv[1]) as journal:
    for n in range(40):
        journal.entries.add(f"{sys.argv[2]} {n}")
        journal.save_draft(sys.argv[2], {"n": n})
print("done")
"""


def test_two_processes_writing_at_once_keep_both_sets_of_writes(env, tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "first")
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), name], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("left", "right")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == "done", err
    with healthy(db) as journal:
        bodies = {e.body for e in journal.entries.list()}
        sides = ("left", "right")
        assert bodies == {"first"} | {f"{side} {n}" for side in sides for n in range(40)}
        assert journal.load_draft("left") == {"n": 39}
        assert journal.load_draft("right") == {"n": 39}


def test_the_command_line_writes_while_the_journal_is_open_elsewhere(env, tmp_path):
    """The app keeps its journal open (and reads from a worker) while ``closer add`` runs."""
    db = tmp_path / "j" / "journal.db"
    with Journal.open(db) as app_side:
        app_side.entries.add("written in the app")
        with app_side.reader() as worker:
            worker.conn.execute("BEGIN")  # a long read in a thread worker
            assert worker.entries.count() == 1
            done = closer(env, "--db", db, "add", "written from the shell")
            assert SAVED.match(done.stdout), done.stderr
            assert worker.entries.count() == 1  # a reader keeps its snapshot
            worker.conn.execute("COMMIT")
            assert worker.entries.count() == 2
        app_side.entries.add("the app again")
        assert {e.body for e in app_side.entries.list()} == {
            "written in the app", "written from the shell", "the app again"}
    with healthy(db):
        pass


def test_a_journal_held_by_another_writer_is_a_clear_busy_message(tmp_path, monkeypatch, capsys):
    from tui.cli import main

    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_S", 0.05)
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "kept")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert main(["--db", str(db), "add", "blocked"]) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "busy" in err and "nothing was saved" in err
    with healthy(db) as journal:
        assert [e.body for e in journal.entries.list()] == ["kept"]


async def test_two_apps_on_one_journal_both_keep_their_writes(tmp_path):
    from tui.app import create_app

    db = tmp_path / "j" / "journal.db"
    make_journal(db, "before both")
    first, second = Journal.open(db), Journal.open(db)
    try:
        app1, app2 = create_app(first), create_app(second)
        async with app1.run_test(size=(120, 40)) as pilot1:
            async with app2.run_test(size=(120, 40)) as pilot2:
                await pilot1.press("ctrl+t")  # each writes a setting
                first.entries.add("from the first app")
                await pilot2.press("ctrl+t")
                second.entries.add("from the second app")
                await pilot1.pause()
                await pilot2.pause()
                assert app1.is_running and app2.is_running
    finally:
        first.close()
        second.close()
    with healthy(db) as journal:
        assert {e.body for e in journal.entries.list()} == {
            "before both", "from the first app", "from the second app"}


# ------------------------------------------------------------------ files it cannot use


def _newer(path: Path) -> None:
    make_journal(path, "from the future")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()


def _not_sqlite(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_text("groceries: milk, eggs, patience\n")


def _encrypted_looking(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(random.Random(7).randbytes(8192))


def _truncated(path: Path) -> None:
    make_journal(path, "about to be cut short")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


BAD_FILES = {  # how to make it, and the words (any of them) the refusal must use
    "not sqlite": (_not_sqlite, ("not a closer journal",)),
    # Random bytes look like an encrypted journal: asking for the passphrase is right too.
    "random bytes": (_encrypted_looking, ("not a closer journal", "encrypted")),
    "newer format": (_newer, ("newer",)),
    "cut short": (_truncated, ("journal",)),
}
COMMANDS = {
    "app": [],
    "add": ["add", "hello"],
    "list": ["list"],
    "search": ["search", "hello"],
    "import": ["import", "--format", "json", "-"],
    "doctor": ["doctor"],
}


# Every bad file against the app, a write and an import; one of them against the readers.
CASES = [(kind, command) for kind in BAD_FILES for command in ("app", "add", "import")] + [
    ("not sqlite", command) for command in ("list", "search", "doctor")
]


@pytest.mark.parametrize(("kind", "command"), CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_a_file_it_cannot_use_is_one_clear_line_and_left_alone(env, tmp_path, kind, command):
    make, words = BAD_FILES[kind]
    db = tmp_path / "j" / "journal.db"
    make(db)
    before, names = db.read_bytes(), listing(db.parent)
    stdin = json.dumps({"format": "closer", "format_version": 1, "entries": []}).encode()
    line = refused(closer(env, "--db", db, *COMMANDS[command], input=stdin))
    assert any(word in line for word in words), line
    assert db.read_bytes() == before
    assert listing(db.parent) == names


# ---- permissions: as root, drop the powers that let root write anywhere (as ``setpriv``
# ---- would); otherwise the file modes alone do it.

_CAPS_THAT_IGNORE_MODES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
_PR_CAPBSET_DROP = 24


def _drop_root_powers() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _CAPS_THAT_IGNORE_MODES:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def as_ordinary_user():
    """A ``preexec_fn`` under which file modes bind, even when the tests run as root."""
    if sys.platform != "linux":
        pytest.skip("file-mode faults are checked on Linux")
    if os.geteuid() != 0:
        return None
    probe = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_root_powers,
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root without the right to drop root's file powers")
    return _drop_root_powers


def test_a_read_only_folder_refuses_a_new_journal(env, tmp_path, as_ordinary_user):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        for args in (["add", "hello"], []):
            line = refused(closer(env, "--db", folder / "journal.db", *args,
                                  preexec_fn=as_ordinary_user))
            assert "cannot" in line and "journal.db" in line, line
        assert listing(folder) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("command", ["add", "app"])
def test_a_read_only_journal_is_refused_and_left_alone(env, tmp_path, as_ordinary_user, command):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "read only")
    db.chmod(0o400)
    before, names = db.read_bytes(), listing(db.parent)
    stdin = json.dumps({"format": "closer", "format_version": 1, "entries": []}).encode()
    try:
        line = refused(closer(env, "--db", db, *COMMANDS[command], input=stdin,
                              preexec_fn=as_ordinary_user))
        assert "permission denied" in line or "cannot write" in line, line
        assert db.read_bytes() == before
        assert listing(db.parent) == names
    finally:
        db.chmod(0o600)


def test_a_journal_in_a_read_only_folder_is_refused(env, tmp_path, as_ordinary_user):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "folder locked")
    before = db.read_bytes()
    db.parent.chmod(0o500)
    try:
        refused(closer(env, "--db", db, "add", "x", preexec_fn=as_ordinary_user))
        assert listing(db.parent) == ["journal.db"]
    finally:
        db.parent.chmod(0o700)
    assert db.read_bytes() == before


def _small_disk(limit: int):
    """A ``preexec_fn`` after which no file may grow past ``limit`` bytes: a full disk."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    return apply


def test_a_full_disk_while_adding_is_one_line_and_nothing_written(env, tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "room for this")
    limit = db.stat().st_size + 20_000
    done = closer(env, "--db", db, "add", input=b"a long evening " * 30_000,
                  preexec_fn=_small_disk(limit))
    line = refused(done)
    assert "could not save" in line and "nothing was" in line, line
    with healthy(db) as journal:
        assert [e.body for e in journal.entries.list()] == ["room for this"]


def test_a_full_disk_in_the_middle_of_an_import_writes_none_of_it(env, tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "room for this")
    entries = [
        {"occurred_at": f"2024-05-{1 + n % 28:02d}T20:00:00+00:00", "body": f"day {n} " * 40}
        for n in range(3000)
    ]
    stdin = json.dumps({"format": "closer", "format_version": 1, "entries": entries}).encode()
    done = closer(env, "--db", db, "import", "--format", "json", "-", input=stdin,
                  preexec_fn=_small_disk(db.stat().st_size + 400_000))
    line = refused(done)
    assert "nothing was" in line, line
    with healthy(db) as journal:
        assert [e.body for e in journal.entries.list()] == ["room for this"]


# ------------------------------------------------------------------ the file goes away


def test_a_journal_deleted_while_open_refuses_to_write_into_the_void(tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "kept in the backup")
    journal = Journal.open(db)
    try:
        journal.backup(tmp_path / "copy.db")
        db.unlink()
        with pytest.raises(Unwritable) as caught:
            journal.entries.add("would be lost")
        assert "moved or deleted" in str(caught.value)
        assert "nothing was saved" in str(caught.value)
        with pytest.raises(Unwritable):
            journal.save_draft("entry:new", {"body": "would be lost"})
        with pytest.raises(Unwritable):
            journal.reader()
        assert not db.exists()  # nothing made a new, empty journal in its place
        assert journal.entries.count() == 1  # what was read stays readable
    finally:
        journal.close()


def test_a_journal_moved_while_open_refuses_to_write(tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "moved")
    journal = Journal.open(db)
    try:
        db.rename(db.with_name("elsewhere.db"))
        with pytest.raises(Unwritable):
            journal.entries.add("would split the journal in two")
    finally:
        journal.close()
    with healthy(db.with_name("elsewhere.db")) as moved:
        assert [e.body for e in moved.entries.list()] == ["moved"]


def test_a_journal_replaced_while_open_is_not_written_through(tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "the original")
    journal = Journal.open(db)
    try:
        other = tmp_path / "other.db"
        make_journal(other, "someone else's")
        os.replace(other, db)
        with pytest.raises(Unwritable):
            journal.entries.add("into which file?")
    finally:
        journal.close()
    with healthy(db) as now:
        assert [e.body for e in now.entries.list()] == ["someone else's"]


def test_locked_is_still_reported_as_busy_not_as_a_fault(tmp_path, monkeypatch):
    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_S", 0.05)
    db = tmp_path / "j" / "journal.db"
    make_journal(db)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Journal.open(db) as journal, pytest.raises(JournalLocked):
            journal.entries.add("x")
    finally:
        other.close()


# ------------------------------------------------------------------ files closer must not open


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
@pytest.mark.parametrize("command", ["app", "add", "list", "doctor", "encrypt"])
def test_a_named_pipe_as_the_journal_is_refused_at_once_never_waited_on(env, tmp_path, command):
    fifo = tmp_path / "journal.db"
    os.mkfifo(fifo, 0o600)
    args = {"encrypt": ["encrypt"]}.get(command, COMMANDS.get(command, []))
    env = {**env, "CLOSER_PASSPHRASE": "a long passphrase"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--db", str(fifo), *args], capture_output=True,
            text=True, cwd=ROOT, env=env, timeout=20, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"closer {command} waited on a named pipe")
    line = refused(done)
    assert "named pipe" in line, line
    assert listing(tmp_path) == ["journal.db"]


def test_a_link_to_the_journal_works_and_says_once_where_it_really_is(env, tmp_path):
    real = tmp_path / "private" / "journal.db"
    make_journal(real, "through a link")
    link = tmp_path / "journal.db"
    link.symlink_to(real)
    done = closer(env, "--db", link, "list")
    assert done.returncode == 0, done.stderr
    assert "through a link" in done.stdout
    notes = done.stderr.strip().splitlines()
    assert len(notes) == 1 and str(real) in notes[0] and "link" in notes[0], done.stderr


def test_doctor_fix_leaves_a_shared_sticky_folder_as_it_is_and_says_why(env, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    db = shared / "journal.db"
    make_journal(db, "in the open")
    done = closer(env, "--db", db, "doctor", "--fix")
    assert stat_mode(shared) == 0o1777
    assert "Left the folder" in done.stdout and "shared folder" in done.stdout, done.stdout
    assert done.returncode == 1 and done.stdout.splitlines()[-1].startswith("problems found")


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


# ------------------------------------------------------------------ a full disk, read only

READERS = {
    "list": (["list"], "still readable"),
    "search": (["search", "readable"], "readable"),
    "weeks": (["weeks"], ""),
    "export": (["export", "--format", "json"], "still readable"),
    "doctor": (["doctor"], "integrity:      ok"),
}


@pytest.mark.parametrize("command", list(READERS))
def test_read_only_commands_work_on_a_full_disk_and_write_nothing(env, tmp_path, command):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "still readable")
    before = db.read_bytes()
    args, shown = READERS[command]
    done = closer(env, "--db", db, *args, preexec_fn=_small_disk(0))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and shown in done.stdout, done.stdout
    assert db.read_bytes() == before


def test_a_write_on_a_full_disk_is_still_one_line_and_the_journal_unchanged(env, tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "kept")
    before = db.read_bytes()
    line = refused(closer(env, "--db", db, "add", "no room", preexec_fn=_small_disk(0)))
    assert "disk" in line and "nothing was changed" in line, line
    assert db.read_bytes() == before


# ------------------------------------------------------------------ passphrase answers

try:
    from storage import crypto

    _encryption = crypto.available()
except ImportError:  # pragma: no cover
    _encryption = False
needs_encryption = pytest.mark.skipif(not _encryption, reason="SQLCipher is not installed")


@pytest.fixture
def encrypted(tmp_path) -> Path:
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "Marrakesh")
    crypto.encrypt(db, "sesame")
    return db


@needs_encryption
def test_the_right_passphrase_on_a_full_disk_is_not_called_wrong(env, encrypted):
    env = {**env, "CLOSER_PASSPHRASE": "sesame"}
    before = encrypted.read_bytes()
    done = closer(env, "--db", encrypted, "list", preexec_fn=_small_disk(0))
    assert done.returncode == 0 and "Marrakesh" in done.stdout, done.stderr
    line = refused(closer(env, "--db", encrypted, "add", "x", preexec_fn=_small_disk(0)))
    assert "does not open" not in line and "disk" in line, line
    assert encrypted.read_bytes() == before


@needs_encryption
def test_the_right_passphrase_on_a_held_journal_is_busy_not_wrong(encrypted, monkeypatch,
                                                                   capsys):
    from tui.cli import main

    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_S", 0.05)
    monkeypatch.setenv("CLOSER_PASSPHRASE", "sesame")
    holder = crypto.connect(encrypted, crypto.unlock(encrypted, "sesame"))
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO settings(key, value) VALUES ('held', '1')")
    try:
        assert main(["--db", str(encrypted), "list"]) != 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "busy" in err and "does not open" not in err, err
