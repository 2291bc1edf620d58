"""Backups and health: the rolling daily copy (newest seven kept), copies opened and
compared, and the doctor's search-index and file-mode repairs."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date, timedelta

import pytest

from storage import Journal, backups, crypto

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_daily_backup_is_a_faithful_private_copy(journal):
    journal.entries.add("Walked by the river. #us", title="Evening", mood=1)
    journal.entries.add("A hard talk, then tea.")
    made = backups.daily(journal, today=date(2025, 3, 14))
    assert made == journal.path.parent / "backups" / "journal-2025-03-14.db"
    assert backups.kept(journal.path) == [made]
    if sys.platform != "win32":
        assert mode(made) == 0o600 and mode(made.parent) == 0o700
    with Journal.open(made) as copy:
        assert copy.counts() == journal.counts()
        assert copy.entries.list() == journal.entries.list()
        assert copy.doctor()["integrity"] == "ok"
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no half copy left


def test_one_copy_a_day_and_nothing_for_an_empty_journal(journal):
    assert backups.daily(journal, today=date(2025, 3, 14)) is None  # nothing to keep yet
    assert not backups.folder(journal.path).exists()
    journal.entries.add("Something now.")
    assert backups.daily(journal, today=date(2025, 3, 14)) is not None
    journal.entries.add("Later the same day.")
    assert backups.daily(journal, today=date(2025, 3, 14)) is None
    assert len(backups.kept(journal.path)) == 1


def test_only_the_newest_seven_are_kept(journal):
    journal.entries.add("Something.")
    start = date(2025, 3, 1)
    stranger = backups.folder(journal.path)
    for n in range(10):
        backups.daily(journal, today=start + timedelta(days=n))
    (stranger / "notes.txt").write_text("not ours")  # files that are not ours stay
    backups.daily(journal, today=start + timedelta(days=10))
    kept = backups.kept(journal.path)
    assert [p.name for p in kept] == [
        f"journal-{start + timedelta(days=n)}.db" for n in range(10, 3, -1)
    ]
    assert (stranger / "notes.txt").read_text() == "not ours"


def test_pruned_plain_copies_are_overwritten_first(journal):
    journal.entries.add("zeppelin")
    for n in range(2):
        backups.daily(journal, today=date(2025, 1, 1) + timedelta(days=n))
    oldest = backups.kept(journal.path)[-1]
    fd = os.open(oldest, os.O_RDONLY)
    try:
        assert backups.prune(journal.path, keep=1) == [oldest]
        assert set(os.read(fd, 1 << 16)) == {0}
    finally:
        os.close(fd)


@pytest.mark.skipif(not crypto.available(), reason="SQLCipher is not installed")
def test_daily_backup_of_an_encrypted_journal_is_encrypted(tmp_path, monkeypatch):
    monkeypatch.setattr(crypto, "KDF_ROUNDS", 2_000)
    path = tmp_path / "j" / "journal.db"
    with Journal.open(path) as j:
        j.entries.add("zeppelin over Marrakesh")
    crypto.encrypt(path, "sesame")
    with Journal.open(path, passphrase="sesame") as j:
        made = backups.daily(j, today=date(2025, 3, 14))
        counts = j.counts()
    raw = made.read_bytes()
    assert b"zeppelin" not in raw and not raw.startswith(b"SQLite format 3")
    with Journal.open(made, passphrase="sesame") as copy:
        assert copy.counts() == counts


# ------------------------------------------------------------------ doctor


def test_doctor_finds_a_broken_search_index_and_rebuilds_it(journal):
    journal.entries.add("Tea on the porch")
    assert journal.fts_problems() == []
    # An index row with no entry behind it: what a crash in an old version could leave.
    journal.conn.execute(
        "INSERT INTO entries_fts(rowid, title, body) VALUES (999, 'ghost', 'ghost words')"
    )
    report = journal.doctor()
    assert (report["fts"], report["fts_broken"]) == ("needs rebuild", ["entries"])
    journal.rebuild_fts()
    assert journal.doctor()["fts"] == "ok"
    assert [h.title for h in journal.search("porch")] == ["Tea on the porch"]
    assert journal.search("ghost") == []


@posix_only
def test_doctor_makes_the_files_private(journal):
    os.chmod(journal.path, 0o644)
    os.chmod(journal.path.parent, 0o755)
    report = journal.doctor()
    assert not report["file_private"] and not report["folder_private"]
    changed = journal.fix_modes()
    assert len(changed) >= 2
    assert mode(journal.path) == 0o600 and mode(journal.path.parent) == 0o700
    for side in ("-wal", "-shm"):
        other = journal.path.with_name(journal.path.name + side)
        if other.exists():
            assert mode(other) & 0o077 == 0
    assert journal.fix_modes() == []
    assert journal.doctor()["file_private"]


def test_doctor_says_whether_encrypted(journal):
    assert journal.doctor()["encrypted"] is False


@posix_only
def test_the_next_daily_backup_removes_what_a_killed_one_left(journal):
    """A daily backup killed half way left a plain half copy in the backups folder, under
    this version's temporary name or the fixed one older versions used: the next day's run
    zeroes and removes both, and leaves files that are not closer's alone."""
    import subprocess

    journal.entries.add("zeppelin")
    where = backups.folder(journal.path)
    where.mkdir(mode=0o700)
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    half = where / f".journal-2025-03-13.db.closer-tmp-{done.stdout.strip()}-77"
    old_style = where / ".journal-2025-03-12.db.part"
    for path in (half, old_style):
        path.write_bytes(journal.path.read_bytes()[:8192])
    (where / "notes.txt").write_text("not ours")
    watching = os.open(half, os.O_RDONLY)
    try:
        made = backups.daily(journal, today=date(2025, 3, 14))
        assert set(os.read(watching, 1 << 16)) == {0}
    finally:
        os.close(watching)
    assert sorted(p.name for p in where.iterdir()) == [made.name, "notes.txt"]
