"""Copies and conversions killed with SIGKILL at every file operation they make.

Each trial forks this process and runs ``closer backup -o``, ``encrypt``, ``decrypt`` or
``passwd`` in the child, which kills itself (SIGKILL, no clean-up of any kind) just before
its Nth file operation in the test's folder (counted by an audit hook: every open, remove,
rename, chmod and SQLite connect), or a moment after it, while SQLite writes. N runs over
every operation the command makes. After each kill, the next command runs, and then:

- the journal opens with the right passphrase (the old or the new one) and holds every row;
- no readable copy of what was written remains anywhere in the folder but the journal itself;
- no temporary or half-made file is left;
- a backup already at the ``-o`` target is the old complete one or the new complete one.

A fork costs milliseconds (nothing is imported again), so a hundred kills take seconds.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from storage import Journal, crypto
from tui.cli import main

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the kills run in forked children"),
    pytest.mark.skipif(not crypto.available(), reason="SQLCipher is not installed"),
]

PASS = "sesame"
NEW = "open up"
SECRETS = (b"zeppelin", b"Marrakesh", b"lighthousekeeper")
FILE_EVENTS = frozenset(
    {"open", "os.remove", "os.rename", "os.truncate", "os.chmod", "os.link", "sqlite3.connect"}
)
# A kill right at an operation, and kills a moment after it, while SQLite copies pages.
DELAYS = (None, 0.002)


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    """Fewer key-derivation rounds (inherited by every child) and no CLOSER_ variables."""
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)
    for name in list(os.environ):
        if name.startswith("CLOSER_"):
            monkeypatch.delenv(name)


def run_child(folder: Path, args: list[str], *, point: int, delay: float | None = None,
              env: dict[str, str] | None = None, preexec=None,
              stderr: Path | None = None) -> int | None:
    """Run ``closer ARGS`` in a forked child killed just before its ``point``-th file
    operation inside ``folder`` (or ``delay`` seconds after it). Returns how many such
    operations it made when it ran to its end, None when it was killed. What it says on
    stderr goes to the file ``stderr`` when given."""
    root = os.path.realpath(folder)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            os.environ.update(env or {})
            if preexec is not None:
                preexec()
            sys.stdout = open(os.devnull, "w")
            sys.stderr = open(stderr or os.devnull, "w")
            seen = 0

            def hook(event: str, hargs: tuple) -> None:
                nonlocal seen
                if event not in FILE_EVENTS or not hargs or hargs[0] is None:
                    return
                if isinstance(hargs[0], int):
                    return
                try:
                    name = os.path.realpath(os.fsdecode(hargs[0]))
                except (TypeError, ValueError):
                    return
                if not name.startswith(root):
                    return
                seen += 1
                if seen == point:
                    if delay is None:
                        os.kill(os.getpid(), signal.SIGKILL)
                    threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)).start()

            sys.addaudithook(hook)
            code = main([str(a) for a in args])
            os.write(write_end, f"{seen} {code}".encode())
        finally:
            sys.stderr.flush()
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        said = fh.read().decode()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) or not said:
        return None
    seen, _code = said.split()
    return int(seen)


def every_file(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def readable_copies(folder: Path, journal: Path) -> list[str]:
    """Files other than a plain journal itself whose raw bytes hold any secret word."""
    found = []
    for path in every_file(folder):
        if path == journal and crypto.is_plain(journal):
            continue
        raw = path.read_bytes()
        if any(word in raw or word.lower() in raw for word in SECRETS):
            found.append(path.name)
    return found


def opens_with(path: Path, passphrases: tuple[str | None, ...]) -> str | None:
    """The passphrase (None: plain) that opens the journal; fails when none does."""
    if crypto.is_plain(path):
        assert None in passphrases, f"{path.name} is plain, expected encrypted"
        return None
    for passphrase in passphrases:
        if passphrase is None:
            continue
        try:
            crypto.unlock(path, passphrase)
        except crypto.WrongPassphrase:
            continue
        return passphrase
    raise AssertionError(f"no passphrase of {passphrases} opens {path.name}")


def census(path: Path, passphrase: str | None) -> dict[str, int]:
    with Journal.open(path, passphrase=passphrase) as j:
        assert j.doctor()["integrity"] == "ok"
        return j.counts()


def doctor(db: Path, passphrase: str | None, capsys) -> str:
    """The next command: ``closer doctor``, which must find the journal healthy."""
    if passphrase is not None:
        os.environ["CLOSER_PASSPHRASE"] = passphrase
    try:
        code = main(["--db", str(db), "doctor"])
    finally:
        os.environ.pop("CLOSER_PASSPHRASE", None)
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, (out, err)
    return out


@pytest.fixture
def pristine(tmp_path, empty_journal_bytes):
    """The bytes of a plain and an encrypted journal holding the secret words, and their
    counts."""
    where = tmp_path / "pristine"
    where.mkdir(mode=0o700)
    plain = where / "journal.db"
    plain.write_bytes(empty_journal_bytes)
    with Journal.open(plain) as j:
        j.entries.add("We spoke of Marrakesh and the zeppelin. #lighthousekeeper", title="Dusk")
        for n in range(40):
            j.entries.add(f"zeppelin day {n} " * 20)
        counts = j.counts()
    plain_bytes = plain.read_bytes()
    crypto.encrypt(plain, PASS)
    return {"plain": plain_bytes, "encrypted": plain.read_bytes(), "counts": counts}


def trial_folder(tmp_path: Path, n: int, data: bytes) -> Path:
    folder = tmp_path / f"t{n}"
    folder.mkdir(mode=0o700)
    db = folder / "journal.db"
    fd = os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return db


def trials(runs: Path, data: bytes, args_for, env: dict[str, str] | None = None):
    """Every (journal, point, delay) to run: a clean run first, to count the command's file
    operations, then a kill at each of them, right at it and a moment after."""
    runs.mkdir(exist_ok=True)
    db = trial_folder(runs, 0, data)
    total = run_child(runs, args_for(db), point=10**9, env=env)
    assert total and total > 3, total
    n = 0
    for point in range(1, total + 1):
        for delay in DELAYS:
            n += 1
            yield trial_folder(runs, n, data), point, delay


# ------------------------------------------------------------------ conversions


def after_conversion(db: Path, passphrases, counts, capsys) -> list[str]:
    """What is wrong once the next command (doctor) has run after a kill."""
    wrong = []
    passphrase = opens_with(db, passphrases)
    doctor(db, passphrase, capsys)
    if census(db, passphrase) != counts:
        wrong.append("rows lost")
    if readable_copies(db.parent, db):
        wrong.append(f"readable copies {readable_copies(db.parent, db)}")
    names = [p.name for p in every_file(db.parent)]
    if names != ["journal.db"]:
        wrong.append(f"left behind {names}")
    return wrong


@pytest.mark.parametrize(
    ("command", "start", "env", "passphrases"),
    [
        ("encrypt", "plain", {"CLOSER_PASSPHRASE": PASS}, (None, PASS)),
        ("decrypt", "encrypted", {"CLOSER_PASSPHRASE": PASS}, (PASS, None)),
        ("passwd", "encrypted", {"CLOSER_PASSPHRASE": PASS, "CLOSER_NEW_PASSPHRASE": NEW},
         (PASS, NEW)),
    ],
)
def test_a_conversion_killed_anywhere_leaves_the_journal_whole_and_nothing_readable(
    tmp_path, pristine, capsys, command, start, env, passphrases
):
    runs = tmp_path / "runs"
    killed, failures, count = 0, [], 0
    for db, point, delay in trials(runs, pristine[start], lambda db: ["--db", db, command], env):
        count += 1
        if run_child(runs, ["--db", db, command], point=point, delay=delay, env=env) is None:
            killed += 1
        wrong = after_conversion(db, passphrases, pristine["counts"], capsys)
        if wrong:
            failures.append((point, delay, wrong))
    assert killed >= 8  # the kills did land inside the conversion
    assert failures == [], f"{len(failures)} of {count} kills: {failures[:3]}"


# ------------------------------------------------------------------ backup -o


def test_backup_killed_anywhere_keeps_the_old_backup_or_the_new_one(tmp_path, pristine, capsys):
    runs = tmp_path / "runs"
    # The backup already at the target: a complete copy made before the last entries.
    old_db = tmp_path / "old.db"
    old_db.write_bytes(pristine["plain"])
    with Journal.open(old_db) as j:
        j.conn.execute("DELETE FROM entries WHERE id > 20")
        old_counts = j.counts()
    old_bytes = old_db.read_bytes()

    def args_for(db: Path) -> list:
        out = db.parent / "out" / "copy.db"
        if not out.parent.exists():
            out.parent.mkdir(mode=0o700)
            out.write_bytes(old_bytes)
        return ["--db", db, "backup", "-o", out]

    killed, failures, count = 0, [], 0
    for db, point, delay in trials(runs, pristine["plain"], args_for):
        count += 1
        args = args_for(db)
        out = args[-1]
        if run_child(runs, args, point=point, delay=delay) is None:
            killed += 1
        wrong = []
        try:
            if not out.exists():
                wrong.append("backup gone")
            elif census(out, None) not in (old_counts, pristine["counts"]):
                wrong.append("backup neither old nor new")
        except Exception as exc:  # missing, empty or damaged
            wrong.append(f"backup unusable: {type(exc).__name__}")
        if census(db, None) != pristine["counts"]:
            wrong.append("journal rows lost")
        # The next backup to the same place finds what the kill left and takes it away.
        assert main([str(a) for a in args]) == 0
        capsys.readouterr()
        names = [p.name for p in every_file(out.parent)]
        if names != ["copy.db"]:
            wrong.append(f"left behind {names}")
        if wrong:
            failures.append((point, delay, wrong))
    assert killed >= 4
    assert failures == [], f"{len(failures)} of {count} kills: {failures[:3]}"


def test_backup_on_a_full_disk_leaves_the_old_backup_and_nothing_else(tmp_path, pristine):
    runs = tmp_path / "runs"
    runs.mkdir()
    db = trial_folder(runs, 1, pristine["plain"])
    out = db.parent / "out" / "copy.db"
    out.parent.mkdir(mode=0o700)
    out.write_bytes(b"the old backup, whole")
    limit = len(pristine["plain"]) // 2

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    said = tmp_path / "stderr.txt"
    done = run_child(runs, ["--db", db, "backup", "-o", out], point=10**9, preexec=small_disk,
                     stderr=said)
    assert done is not None  # it failed cleanly, it was not killed
    line, = said.read_text().splitlines()
    assert line.startswith(f"closer: cannot write a copy to {out}: ") and "full" in line, line
    assert out.read_bytes() == b"the old backup, whole"
    assert [p.name for p in every_file(out.parent)] == ["copy.db"]
    assert census(db, None) == pristine["counts"]


def test_daily_backup_on_a_full_disk_leaves_nothing_behind(tmp_path, pristine):
    from storage import backups

    runs = tmp_path / "runs"
    runs.mkdir()
    db = trial_folder(runs, 1, pristine["plain"])
    limit = len(pristine["plain"]) // 2
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            with Journal.open(db) as j:
                try:
                    backups.daily(j)
                    said = "made"
                except Exception as exc:  # what the person would be told
                    said = f"{type(exc).__name__}: {exc}"
            os.write(write_end, said.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        said = fh.read().decode()
    os.waitpid(pid, 0)
    assert said.startswith("Unwritable: "), said
    assert "\n" not in said
    assert list(backups.folder(db).iterdir()) == []
