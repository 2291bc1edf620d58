"""Which files closer opens: only plain files the person owns, kept private; and passphrase
answers that are true (a wrong key touches no file; busy or full is not "wrong").

Another user is played by uid 65534 (nobody): the tests run as root here, so ownership is
checked against the effective uid, and chown is allowed. Without root those tests skip.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import storage.journal as journal_module
from storage import Journal, JournalLocked, NotAJournal
from storage.errors import NotPlainFile, NotYours

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and owners")
as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown to another uid"
)
SOMEONE_ELSE = 65534
SIDES = ("-wal", "-shm")


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def make_journal(path: Path, *texts: str) -> None:
    with Journal.open(path) as j:
        for text in texts:
            j.entries.add(text)


def files(folder: Path) -> dict[str, bytes]:
    """Every file in a folder and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# A process that writes an entry and is killed before it closes, leaving -wal and -shm.
CRASH = """
import os, signal, sys
from storage import Journal, crypto
crypto.KDF_ROUNDS = 2_000
journal = Journal.open(sys.argv[1], passphrase=sys.argv[2] or None)
journal.entries.add("only in the write-ahead log")
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_leaving_a_wal(path: Path, passphrase: str = "") -> None:
    subprocess.run([sys.executable, "-c", CRASH, str(path), passphrase], check=False,
                   cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert all(Path(f"{path}{s}").stat().st_size > 0 for s in SIDES)


# ------------------------------------------------------------------ links


@posix_only
def test_a_link_to_your_own_journal_opens_it_and_says_where(tmp_path):
    real = tmp_path / "real" / "journal.db"
    make_journal(real, "kept where it really is")
    link = tmp_path / "journal.db"
    link.symlink_to(real)
    with Journal.open(link) as journal:
        assert [e.body for e in journal.entries.list()] == ["kept where it really is"]
        assert journal.path == real
        assert any(str(real) in note and str(link) in note for note in journal.notes)
        journal.entries.add("through the link")
    assert link.is_symlink()  # the link is still a link, not replaced by a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db", "real"]
    with Journal.open(real) as journal:
        assert sorted(e.body for e in journal.entries.list()) == [
            "kept where it really is", "through the link"]


@posix_only
@as_root
def test_a_link_to_someone_elses_file_is_refused_and_left_alone(tmp_path):
    theirs = tmp_path / "theirs.db"
    make_journal(theirs, "not yours")
    os.chown(theirs, SOMEONE_ELSE, SOMEONE_ELSE)
    os.chmod(theirs, 0o644)
    link = tmp_path / "mine" / "journal.db"
    link.parent.mkdir(mode=0o700)
    link.symlink_to(theirs)
    before = files(tmp_path)
    with pytest.raises(NotYours, match="another user"):
        Journal.open(link)
    assert files(tmp_path) == before
    assert mode(theirs) == 0o644
    assert os.listdir(link.parent) == ["journal.db"]


@posix_only
def test_a_link_to_nothing_is_refused_and_creates_nothing(tmp_path):
    link = tmp_path / "journal.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    with pytest.raises(NotAJournal, match="does not exist"):
        Journal.open(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db"]


# ------------------------------------------------------------------ not plain files


@posix_only
def test_a_named_pipe_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "journal.db"
    os.mkfifo(fifo, 0o600)
    # Run in a process of its own, so that a hang shows as a timeout, not a stuck suite.
    code = (
        "import sys\nfrom storage import Journal\n"
        "try:\n    Journal.open(sys.argv[1])\nexcept Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(fifo)], capture_output=True,
                          text=True, timeout=30, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.startswith("NotPlainFile") and "named pipe" in done.stdout, done
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.db"]


@posix_only
def test_a_device_is_refused(tmp_path):
    link = tmp_path / "journal.db"
    link.symlink_to("/dev/null")
    with pytest.raises(NotPlainFile, match="device"):
        Journal.open(link)


# ------------------------------------------------------------------ side files


@posix_only
@as_root
@pytest.mark.parametrize("side", SIDES)
def test_a_side_file_someone_else_made_is_refused_and_gets_nothing(tmp_path, side):
    db = tmp_path / "journal.db"
    make_journal(db, "private words")
    planted = Path(f"{db}{side}")
    planted.write_bytes(b"")
    os.chown(planted, SOMEONE_ELSE, SOMEONE_ELSE)
    os.chmod(planted, 0o666)
    before = files(tmp_path)
    for _ in range(2):
        with pytest.raises(NotYours, match="another user"):
            Journal.open(db)
    assert files(tmp_path) == before
    assert planted.read_bytes() == b"" and mode(planted) == 0o666


@posix_only
def test_a_side_file_that_is_a_link_is_refused_and_its_target_gets_nothing(tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "private words")
    target = tmp_path / "collected.txt"
    target.write_bytes(b"")
    Path(f"{db}-wal").symlink_to(target)
    with pytest.raises(NotPlainFile, match="link"):
        Journal.open(db)
    assert target.read_bytes() == b""


# ------------------------------------------------------------------ modes


@posix_only
def test_a_journal_and_side_files_others_can_read_are_made_private_on_open(tmp_path):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "first")
    crash_leaving_a_wal(db)
    for name in (db, *(Path(f"{db}{s}") for s in SIDES)):
        os.chmod(name, 0o644)
    with Journal.open(db) as journal:
        assert mode(db) == 0o600
        for side in SIDES:
            assert mode(f"{db}{side}") == 0o600
        assert sum("made it private" in note for note in journal.notes) == 3
        assert [e.body for e in journal.entries.list()][0] == "only in the write-ahead log"
    with Journal.open(db) as journal:
        assert journal.notes == []  # said once: already private the second time


@posix_only
def test_side_files_take_the_private_mode_even_when_the_journal_was_not(tmp_path):
    db = tmp_path / "journal.db"
    make_journal(db, "first")
    os.chmod(db, 0o644)
    with Journal.open(db) as journal:
        journal.entries.add("second")  # SQLite makes -wal and -shm now
        for side in SIDES:
            assert mode(f"{db}{side}") == 0o600


@posix_only
def test_everything_closer_makes_is_private_whatever_the_umask(tmp_path):
    db = tmp_path / "a" / "b" / "c" / "journal.db"
    old = os.umask(0)
    try:
        with Journal.open(db) as journal:
            journal.entries.add("written with umask 000")
            for side in SIDES:
                assert mode(f"{db}{side}") == 0o600
    finally:
        os.umask(old)
    assert [mode(tmp_path / p) for p in ("a", "a/b", "a/b/c")] == [0o700] * 3
    assert mode(db) == 0o600


@posix_only
def test_a_folder_made_under_a_strict_umask_is_still_usable(tmp_path):
    db = tmp_path / "a" / "journal.db"
    old = os.umask(0o777)
    try:
        Journal.open(db).close()
    finally:
        os.umask(old)
    assert (mode(db.parent), mode(db)) == (0o700, 0o600)


@posix_only
def test_fix_modes_leaves_a_shared_sticky_folder_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    db = shared / "journal.db"
    make_journal(db, "in a shared folder")
    with Journal.open(db) as journal:
        os.chmod(db, 0o644)
        changed = journal.fix_modes()
        assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
        assert changed == [f"{db}: 0644 -> 0600"]
        report = journal.doctor()
        assert not report["folder_private"] and "shared folder" in report["folder_left_because"]


@posix_only
@as_root
def test_fix_modes_leaves_a_folder_of_someone_else_alone(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    db = theirs / "journal.db"
    make_journal(db, "mine, in their folder")
    os.chown(theirs, SOMEONE_ELSE, SOMEONE_ELSE)
    with Journal.open(db) as journal:
        assert journal.fix_modes() == []
        assert mode(theirs) == 0o755
        assert "another user" in journal.doctor()["folder_left_because"]


# ------------------------------------------------------------------ passphrase answers

try:
    from storage import crypto
    from storage.crypto import WrongPassphrase

    encryption = crypto.available()
except ImportError:  # pragma: no cover
    encryption = False
needs_encryption = pytest.mark.skipif(not encryption, reason="SQLCipher is not installed")


@pytest.fixture
def encrypted(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "Marrakesh")
    crypto.encrypt(db, "sesame")
    return db


@needs_encryption
def test_a_wrong_passphrase_with_a_wal_present_leaves_every_file_byte_identical(encrypted):
    crash_leaving_a_wal(encrypted, "sesame")
    before = files(encrypted.parent)
    for wrong in ("wrong", "Sesame", "sesame "):
        with pytest.raises(WrongPassphrase):
            Journal.open(encrypted, passphrase=wrong)
        assert files(encrypted.parent) == before
    with Journal.open(encrypted, passphrase="sesame") as journal:
        assert "only in the write-ahead log" in [e.body for e in journal.entries.list()]


@contextlib.contextmanager
def held(db: Path, key) -> object:
    """Another connection holding the journal to itself (readers too must wait)."""
    holder = crypto.connect(db, key)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO settings(key, value) VALUES ('held', '1')")
    try:
        yield holder
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@needs_encryption
def test_the_right_passphrase_on_a_held_journal_says_busy_not_wrong(encrypted, monkeypatch):
    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_S", 0.05)
    key = crypto.unlock(encrypted, "sesame")
    with held(encrypted, key):
        with pytest.raises(JournalLocked, match="busy") as caught:
            Journal.open(encrypted, passphrase="sesame")
        assert not isinstance(caught.value, WrongPassphrase)
    with Journal.open(encrypted, passphrase="sesame") as journal:
        assert [e.body for e in journal.entries.list()] == ["Marrakesh"]


@needs_encryption
def test_a_read_error_is_not_a_wrong_passphrase(encrypted, monkeypatch):
    """Only SQLCipher's 'not a database' means the key is wrong; an I/O error says so."""
    db = crypto._dbapi()

    def failing(path, **kwargs):
        conn = real(path, **kwargs)
        return _Failing(conn, db.OperationalError("disk I/O error"))

    real = crypto._raw_connect
    monkeypatch.setattr(crypto, "_raw_connect", failing)
    with pytest.raises(journal_module.Unwritable, match="not checked"):
        crypto.unlock(encrypted, "sesame")


class _Failing:
    """A connection whose reads fail with an error other than a wrong key."""

    def __init__(self, conn, error) -> None:
        self.conn, self.error = conn, error

    def execute(self, sql, *args):
        if sql.startswith("SELECT"):
            raise self.error
        return self.conn.execute(sql, *args)

    def close(self) -> None:
        self.conn.close()


# ------------------------------------------------------------------ a full disk, read only


def test_a_read_only_open_falls_back_when_the_side_files_cannot_be_written(tmp_path, monkeypatch):
    db = tmp_path / "j" / "journal.db"
    make_journal(db, "readable on a full disk")
    real = journal_module.Journal._connected.__func__
    calls = []

    def full_first(cls, path, key, *, read_only=False):
        calls.append(read_only)
        if not read_only:
            raise sqlite3.OperationalError("disk I/O error")
        return real(cls, path, key, read_only=read_only)

    monkeypatch.setattr(journal_module.Journal, "_connected", classmethod(full_first))
    before = db.read_bytes()
    with Journal.open(db, read_only=True) as journal:
        assert [e.body for e in journal.entries.list()] == ["readable on a full disk"]
        with pytest.raises(journal_module.Unwritable, match="disk is full"):
            journal.entries.add("no room")
    assert calls == [False, True]
    with pytest.raises(journal_module.Unwritable, match="disk full"):
        Journal.open(db)  # a command that writes is refused in one line
    assert db.read_bytes() == before
