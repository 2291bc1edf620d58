"""Opening a journal file: privacy, durability settings, refusing what it must not touch,
migrations with a backup, backup copies and the health report."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys

import pytest

import storage.journal as journal_module
from storage import (
    InvalidInput,
    Journal,
    JournalLocked,
    NewerSchema,
    NotAJournal,
    Unwritable,
)
from storage.schema import LATEST, MIGRATIONS

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def leftovers(path) -> list[str]:
    """The SQLite side files (-wal, -shm, -journal) lying next to a journal."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def make_journal(path, *texts: str) -> bytes:
    """A closed journal holding some entries; returns its bytes."""
    with Journal.open(path) as j:
        for text in texts:
            j.entries.add(text)
    return path.read_bytes()


# ------------------------------------------------------------------ a new journal


# A new journal's file and folders being private whatever the umask, and what closer will
# open at all: tests/storage/test_access.py.


def test_new_journal_uses_wal_and_full_sync(journal):
    assert journal.scalar("PRAGMA journal_mode") == "wal"
    assert journal.scalar("PRAGMA synchronous") == 2  # FULL
    assert journal.scalar("PRAGMA foreign_keys") == 1


def test_wal_is_kept_in_the_file(tmp_path):
    path = tmp_path / "j" / "journal.db"
    make_journal(path, "one")
    other = sqlite3.connect(path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_new_journal_is_at_the_latest_schema(journal):
    assert LATEST == len(MIGRATIONS) >= 1
    assert journal.user_version == LATEST
    assert journal.scalar("PRAGMA user_version") == LATEST
    tables = {r["name"] for r in journal.query("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in ("entries", "entry_tags", "thought_records", "loop_map", "loop_events",
                  "rituals", "ritual_log", "entries_fts"):
        assert table in tables


def test_fresh_journal_makes_no_backup(tmp_path):
    path = tmp_path / "j" / "journal.db"
    Journal.open(path).close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.db"]


def test_reopening_keeps_entries(tmp_path):
    path = tmp_path / "j" / "journal.db"
    make_journal(path, "kept across a restart")
    with Journal.open(path) as j:
        assert [e.body for e in j.entries.list()] == ["kept across a restart"]


def test_open_without_create_refuses_a_missing_file(tmp_path):
    path = tmp_path / "j" / "journal.db"
    with pytest.raises(NotAJournal):
        Journal.open(path, create=False)
    assert not path.exists()


# ------------------------------------------------------------------ files it must not touch


@pytest.mark.parametrize(
    "content",
    [
        b"Dear diary, this is a plain text file and not a database at all.\n",
        b"abc",
        b"SQLite format 2\x00" + b"\x00" * 200,
        os.urandom(4096),
    ],
    ids=["text", "tiny", "almost-sqlite", "random"],
)
def test_non_sqlite_file_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(NotAJournal) as caught:
        Journal.open(path)
    assert "not a closer journal" in str(caught.value)
    assert path.read_bytes() == content
    assert leftovers(path) == []


def test_a_folder_is_not_a_journal(tmp_path):
    folder = tmp_path / "journal.db"
    folder.mkdir()
    (folder / "inside").write_text("x")
    with pytest.raises(NotAJournal):
        Journal.open(folder)
    assert [p.name for p in folder.iterdir()] == ["inside"]


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "j" / "journal.db"
    make_journal(path, "written by a future closer")
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = path.read_bytes()
    assert leftovers(path) == []

    with pytest.raises(NewerSchema) as caught:
        Journal.open(path)
    assert "newer" in str(caught.value)
    assert path.read_bytes() == before
    assert leftovers(path) == []
    assert not list(path.parent.glob("*.bak"))


def test_newer_schema_in_a_rollback_journal_file_is_left_alone(tmp_path):
    """A file that was never in WAL mode must not be switched to it on the way out."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchema):
        Journal.open(path)
    assert path.read_bytes() == before
    assert leftovers(path) == []


def test_a_folder_that_is_a_file_is_unwritable(tmp_path):
    """Checked even as root: no one can make a journal inside a plain file."""
    blocker = tmp_path / "j"
    blocker.write_text("I am a file")
    with pytest.raises(Unwritable):
        Journal.open(blocker / "journal.db")
    assert blocker.read_text() == "I am a file"


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_is_refused(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(Unwritable):
            Journal.open(folder / "journal.db")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_journal_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "j" / "journal.db"
    before = make_journal(path, "read only")
    path.chmod(0o400)
    try:
        with pytest.raises(Unwritable):
            Journal.open(path)
        assert path.read_bytes() == before
    finally:
        path.chmod(0o600)


def test_a_write_while_another_program_writes_raises_locked(tmp_path, monkeypatch):
    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_S", 0.05)
    path = tmp_path / "j" / "journal.db"
    make_journal(path, "before the other program")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        with Journal.open(path) as j:  # reading still works beside a writer (WAL)
            assert j.entries.count() == 1
            with pytest.raises(JournalLocked) as caught:
                j.entries.add("blocked")
            assert "nothing was saved" in str(caught.value)
            other.execute("ROLLBACK")
            # Once the other program lets go, the same journal writes again.
            j.entries.add("after")
            assert [e.body for e in j.entries.list()] == ["after", "before the other program"]
    finally:
        other.close()


# ------------------------------------------------------------------ migrations


def test_sqlite_file_of_version_0_with_tables_is_backed_up_before_migrating(tmp_path):
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE my_notes (line TEXT)")
    conn.execute("INSERT INTO my_notes VALUES ('keep me')")
    conn.commit()
    conn.close()

    with Journal.open(path) as j:
        assert j.user_version == LATEST
        assert j.scalar("SELECT line FROM my_notes") == "keep me"

    backup = path.with_name("journal.db.before-v1.bak")
    assert backup.exists()
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 0
        assert copy.execute("SELECT line FROM my_notes").fetchall() == [("keep me",)]
        names = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "entries" not in names
    finally:
        copy.close()
    if sys.platform != "win32":
        assert mode(backup) == 0o600


def _second_migration(fail: bool):
    def m2(db) -> None:
        db["extra"].create({"id": int, "note": str}, pk="id")
        if fail:
            raise RuntimeError("migration 2 went wrong")

    return m2


def table_names(journal: Journal) -> set[str]:
    found = journal.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in found}


def test_older_journal_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "j" / "journal.db"
    make_journal(path, "from version one")
    monkeypatch.setattr(journal_module, "MIGRATIONS", [*MIGRATIONS, _second_migration(False)])
    monkeypatch.setattr(journal_module, "LATEST", LATEST + 1)

    with Journal.open(path) as j:
        assert j.user_version == LATEST + 1
        assert "extra" in table_names(j)
        assert [e.body for e in j.entries.list()] == ["from version one"]

    backup = path.with_name(f"journal.db.before-v{LATEST + 1}.bak")
    old = sqlite3.connect(backup)  # the copy is the journal as it was
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == LATEST
        names = {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in names
        assert old.execute("SELECT body FROM entries").fetchall() == [("from version one",)]
    finally:
        old.close()


def test_failed_migration_changes_nothing_in_the_journal(tmp_path, monkeypatch):
    path = tmp_path / "j" / "journal.db"
    make_journal(path, "must survive")
    monkeypatch.setattr(journal_module, "MIGRATIONS", [*MIGRATIONS, _second_migration(True)])
    monkeypatch.setattr(journal_module, "LATEST", LATEST + 1)

    with pytest.raises(RuntimeError):
        Journal.open(path)
    monkeypatch.undo()
    with Journal.open(path) as j:
        assert j.user_version == LATEST
        assert "extra" not in table_names(j)
        assert [e.body for e in j.entries.list()] == ["must survive"]
    assert path.with_name(f"journal.db.before-v{LATEST + 1}.bak").exists()


# ------------------------------------------------------------------ transactions


def test_a_failed_transaction_leaves_nothing(journal):
    with pytest.raises(RuntimeError):
        with journal.transaction():
            journal.entries.add("first half")
            journal.entries.add("second half")
            raise RuntimeError("power cut")
    assert journal.entries.count() == 0
    assert journal.scalar("SELECT count(*) FROM entry_tags") == 0


def test_reader_cannot_write(journal):
    journal.entries.add("visible to the reader")
    with journal.reader() as reader:
        assert [e.body for e in reader.entries.list()] == ["visible to the reader"]
        with pytest.raises(sqlite3.OperationalError):
            reader.conn.execute("DELETE FROM entries")
    assert journal.entries.count() == 1


# ------------------------------------------------------------------ reading changes nothing


def test_reading_leaves_the_file_byte_identical(tmp_path):
    path = tmp_path / "j" / "journal.db"
    before = make_journal(path, "one #a", "two #b", "three")
    assert leftovers(path) == []

    with Journal.open(path) as j:
        assert len(j.entries.list(limit=2)) == 2
        assert j.entries.list(tag="a")[0].body == "one #a"
        assert j.search("two")[0].title == "two #b"
        assert j.doctor()["integrity"] == "ok"

    assert path.read_bytes() == before
    assert leftovers(path) == []


# ------------------------------------------------------------------ backup and doctor


def test_backup_is_a_valid_private_copy(journal, tmp_path):
    journal.entries.add("worth keeping #safe", mood=2)
    target = journal.backup(tmp_path / "copy.db")
    assert target == tmp_path / "copy.db"
    if sys.platform != "win32":
        assert mode(target) == 0o600
    with Journal.open(target) as copy:
        assert copy.doctor()["integrity"] == "ok"
        [entry] = copy.entries.list()
        assert (entry.body, entry.mood, entry.tags) == ("worth keeping #safe", 2, ["safe"])
        assert copy.search("keep")[0].id == entry.id


def test_backup_replaces_an_old_copy(journal, tmp_path):
    target = tmp_path / "copy.db"
    target.write_bytes(b"an old copy")
    journal.entries.add("new")
    journal.backup(target)
    with Journal.open(target) as copy:
        assert copy.entries.count() == 1


def test_backup_onto_the_journal_itself_is_refused(journal):
    journal.entries.add("do not lose me")
    with pytest.raises(InvalidInput):
        journal.backup(journal.path)
    assert [e.body for e in journal.entries.list()] == ["do not lose me"]
    assert journal.doctor()["integrity"] == "ok"


def test_backup_into_a_missing_folder_is_a_clean_error(journal, tmp_path):
    with pytest.raises(Unwritable):
        journal.backup(tmp_path / "no such folder" / "copy.db")


def test_doctor_reports_a_fresh_journal_ok(journal):
    report = journal.doctor()
    assert report["integrity"] == "ok"
    assert report["fts"] == "ok"
    assert report["schema_version"] == report["latest_schema"] == LATEST
    assert report["counts"] == {
        "entries": 0, "thought_records": 0, "loop_map": 0,
        "loop_events": 0, "rituals": 0, "ritual_log": 0, "love_list": 0, "love_log": 0,
        "offers": 0, "phrases": 0, "discoveries": 0, "tally": 0,
    }
    if sys.platform != "win32":
        assert report["file_private"] and report["folder_private"]
        assert (report["file_mode"], report["folder_mode"]) == ("0600", "0700")


def test_doctor_counts_and_notices_a_broken_search_index(journal):
    journal.entries.add("one")
    journal.entries.add("two")
    assert journal.doctor()["counts"]["entries"] == 2
    # Damage the index behind the triggers' back: the check must notice.
    journal.conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('delete-all')")
    assert journal.doctor()["fts"] == "needs rebuild"


@posix_only
def test_doctor_notices_a_file_others_can_read(journal):
    journal.path.chmod(0o644)
    report = journal.doctor()
    assert report["file_private"] is False
    assert report["file_mode"] == "0644"
