"""Writing a folder of files (storage.copies.write_folder): whole and private, or not at all."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from storage import InvalidInput, copies
from storage.errors import Unwritable

FILES = {"a.csv": b"id,x\r\n1,2\r\n", "b.md": "caf\u00e9\n".encode()}


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def beside(path) -> list[str]:
    return sorted(os.listdir(os.path.dirname(path)))


def test_a_new_folder_is_written_whole_and_private(tmp_path):
    target = tmp_path / "out"
    old = os.umask(0)
    try:
        assert copies.write_folder(target, FILES) == str(target)
    finally:
        os.umask(old)
    assert sorted(os.listdir(target)) == ["a.csv", "b.md"]
    assert {n: (target / n).read_bytes() for n in FILES} == FILES
    assert mode(target) == 0o700
    assert {n: mode(target / n) for n in FILES} == dict.fromkeys(FILES, 0o600)
    assert beside(target) == ["out"]  # no temporary folder left


def test_an_empty_folder_is_taken_over(tmp_path):
    target = tmp_path / "out"
    target.mkdir(mode=0o755)
    copies.write_folder(target, FILES)
    assert sorted(os.listdir(target)) == ["a.csv", "b.md"] and mode(target) == 0o700


def test_into_an_earlier_export_each_file_is_replaced_and_others_kept(tmp_path):
    target = tmp_path / "vault"
    target.mkdir()
    (target / "a.csv").write_bytes(b"old")
    (target / "mine.md").write_bytes(b"my own note")
    copies.write_folder(target, FILES)
    assert (target / "a.csv").read_bytes() == FILES["a.csv"]
    assert (target / "mine.md").read_bytes() == b"my own note"
    assert sorted(os.listdir(target)) == ["a.csv", "b.md", "mine.md"]


def test_a_file_in_the_way_or_no_parent_is_refused(tmp_path):
    plain = tmp_path / "report.csv"
    plain.write_bytes(b"keep")
    with pytest.raises(InvalidInput, match="is not a folder"):
        copies.write_folder(plain, FILES)
    assert plain.read_bytes() == b"keep"
    with pytest.raises(InvalidInput, match="there is no folder"):
        copies.write_folder(tmp_path / "nowhere" / "out", FILES)
    for bad in ("../x", ".hidden", "a/b", ""):
        with pytest.raises(ValueError):
            copies.write_folder(tmp_path / "out", {bad: b""})
    assert beside(plain) == ["report.csv"]


def test_a_full_disk_half_way_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "out"
    real_write = os.write
    calls = []

    def write(fd, data):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(Unwritable, match="No space left"):
        copies.write_folder(target, FILES)
    assert len(calls) >= 2  # the fault came while the second file was written (then zeros)
    assert beside(target) == []


def test_a_dead_runs_temporary_folder_is_found_and_removed(tmp_path):
    target = tmp_path / "out"
    stray = tmp_path / f".out{copies.MARK}999999999-abcd1234"
    stray.mkdir(mode=0o700)
    (stray / "entries.csv").write_bytes(b"secret words")
    (stray / "sub").mkdir()
    (stray / "sub" / "x").write_bytes(b"more")
    journal = tmp_path / "j" / "journal.db"
    assert copies.leftovers(journal, [target]) == [str(stray)]
    said = copies.clean_leftovers(journal, [target])
    assert len(said) == 1 and said[0].startswith(f"removed {stray}")
    assert beside(target) == []


def test_shred_leaves_a_folder_that_is_not_closers_alone(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "x.jpeg").write_bytes(b"x")
    copies.shred(folder)
    assert (folder / "x.jpeg").read_bytes() == b"x"
