"""The one way closer writes a copy: a private temporary file made exclusively beside the
target, renamed over it when whole, zeroed and removed otherwise; and the leftovers of a
killed run, found and removed (zeroed first) without touching anything still in use."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from storage import InvalidInput, Unwritable, copies

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and processes")


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


@posix_only
def test_a_copy_replaces_its_target_only_when_whole(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("the old one")
    with pytest.raises(RuntimeError), copies.replacing(target) as tmp:
        os.write(tmp.fd, b"half of the new")
        assert stat.S_IMODE(os.fstat(tmp.fd).st_mode) == 0o600
        made = tmp.path
        raise RuntimeError("killed in the middle")
    assert target.read_text() == "the old one"
    assert names(tmp_path) == ["out.txt"] and not os.path.exists(made)
    copies.write_file(target, b"the new one")
    assert target.read_bytes() == b"the new one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert names(tmp_path) == ["out.txt"]


@posix_only
def test_a_failed_copy_is_zeroed_before_it_goes(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError), copies.replacing(target) as tmp:
        os.write(tmp.fd, b"zeppelin " * 100)
        watcher = os.open(tmp.path, os.O_RDONLY)
        raise RuntimeError
    try:
        assert set(os.pread(watcher, 1 << 16, 0)) == {0}
    finally:
        os.close(watcher)


@posix_only
def test_a_name_someone_made_first_is_never_used(tmp_path, monkeypatch):
    """Someone else pre-creates the temporary name (to read the copy) or points it at a
    file of theirs (to have it overwritten): closer takes another name and touches neither."""
    victim = tmp_path / "victim.txt"
    victim.write_text("someone's file")
    tokens = iter(["aaaa", "aaaa", "bbbb", "cccc"])
    monkeypatch.setattr(copies, "_token", lambda: next(tokens))
    target = tmp_path / "out.txt"
    trap = copies.temp_name(target, "aaaa")
    os.symlink(victim, trap)
    copies.write_file(target, b"the export")
    assert victim.read_text() == "someone's file"
    assert os.path.islink(trap)
    assert target.read_bytes() == b"the export" and not target.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_folder_that_cannot_take_the_copy_is_one_line(tmp_path):
    with pytest.raises(Unwritable, match="cannot write .*missing"):
        copies.write_file(tmp_path / "missing" / "out.txt", b"x")


@posix_only
def test_leftovers_of_dead_runs_are_found_and_zeroed_and_live_ones_left(tmp_path):
    journal = tmp_path / "journal.db"
    journal.write_bytes(b"SQLite format 3\x00 the journal itself")
    (tmp_path / "backups").mkdir()
    pid = dead_pid()
    dead = tmp_path / f".journal.db{copies.MARK}{pid}-1a2b"
    dead.write_bytes(b"SQLite format 3\x00 zeppelin")
    dead_side = tmp_path / f".journal.db{copies.MARK}{pid}-1a2b-journal"
    dead_side.write_bytes(b"zeppelin")
    daily = tmp_path / "backups" / f".journal-2025-03-14.db{copies.MARK}{pid}-ff"
    daily.write_bytes(b"zeppelin")
    old_style = tmp_path / ".journal.db.converting"  # what earlier versions left
    old_style.write_bytes(b"SQLite format 3\x00 zeppelin")
    live = tmp_path / f".journal.db{copies.MARK}{os.getpid()}-9999"
    live.write_bytes(b"a copy being written right now")
    strangers = [tmp_path / ".notes.txt.part", tmp_path / "backups" / "notes.txt",
                 tmp_path / f".x{copies.MARK}abc"]
    for path in strangers:
        path.write_text("not ours")
    watcher = os.open(dead, os.O_RDONLY)
    try:
        found = copies.leftovers(journal)
        assert found == sorted(map(str, [dead, dead_side, daily, old_style]))
        said = copies.clean_leftovers(journal)
        assert set(os.pread(watcher, 1 << 16, 0)) == {0}
    finally:
        os.close(watcher)
    assert len(said) == 4
    assert any(f"removed {dead}: a readable copy of the journal" in s for s in said)
    assert all("interrupted run" in s and "zeros" in s for s in said)
    assert not any(p.exists() for p in (dead, dead_side, daily, old_style))
    assert live.exists() and all(p.read_text() == "not ours" for p in strangers)
    assert journal.read_bytes() == b"SQLite format 3\x00 the journal itself"
    assert copies.leftovers(journal) == []


@posix_only
def test_a_leftover_that_is_another_name_of_a_file_in_use_only_loses_that_name(tmp_path):
    """A second name for the journal (what a conversion killed just before its swap
    leaves) must not zero the journal through it."""
    journal = tmp_path / "journal.db"
    journal.write_bytes(b"SQLite format 3\x00 every word")
    link = tmp_path / f".journal.db{copies.MARK}{dead_pid()}-old"
    os.link(journal, link)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("pointed at")
    pointing = tmp_path / f".journal.db{copies.MARK}{dead_pid()}-ab"
    os.symlink(elsewhere, pointing)
    copies.clean_leftovers(journal)
    assert not link.exists() and not pointing.is_symlink()
    assert journal.read_bytes() == b"SQLite format 3\x00 every word"
    assert elsewhere.read_text() == "pointed at"


def test_leftovers_beside_an_output_file_are_only_its_own(tmp_path):
    journal = tmp_path / "j" / "journal.db"
    journal.parent.mkdir()
    out = tmp_path / "out" / "copy.db"
    out.parent.mkdir()
    pid = dead_pid()
    own = out.parent / f".copy.db{copies.MARK}{pid}-12"
    own.write_text("half a copy")
    old_part = out.parent / ".copy.db.part"
    old_part.write_text("an old export's half")
    other = out.parent / f".other.db{copies.MARK}{pid}-12"
    other.write_text("not for this target")
    assert copies.leftovers(journal, [out]) == sorted([str(own), str(old_part)])


@posix_only
def test_copies_refuse_the_journal_and_its_side_files(tmp_path):
    journal = tmp_path / "journal.db"
    journal.write_bytes(b"x")
    os.symlink(journal, tmp_path / "alias.db")
    for target in ("journal.db", "journal.db-wal", "journal.db-shm", "journal.db-journal",
                   "alias.db", "./sub/../journal.db"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(InvalidInput, match="journal"):
            copies.refuse_journal_files(tmp_path / target, journal)
    copies.refuse_journal_files(tmp_path / "journal.db.bak", journal)  # another file: fine


@posix_only
def test_a_target_that_is_not_a_plain_file_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "a folder"
    folder.mkdir()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for target in (folder, pipe):
        with pytest.raises(InvalidInput, match="not a plain file"):
            copies.write_file(target, b"x")
    assert folder.is_dir() and stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert names(tmp_path) == ["a folder", "pipe"]
