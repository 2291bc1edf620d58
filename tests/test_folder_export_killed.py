"""``closer export --format csv|markdown-folder -o DIR`` killed with SIGKILL at every file
operation it makes in the folder DIR goes in, right at it and a moment after.

After each kill the folder is either not there, or whole (every file, each complete); the
next export removes what the killed one left and writes the folder whole; nothing else is
ever left beside it. A forked child per kill (nothing imported again), as in
tests/test_copies_killed.py.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from storage import Journal
from storage.demo import fill
from tui.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kills run in children")

EVENTS = frozenset({"open", "os.remove", "os.rename", "os.chmod", "os.mkdir", "os.rmdir"})


def run_child(folder: Path, args: list[str], point: int, delay: float | None) -> int | None:
    """``closer ARGS`` in a forked child, killed just before its ``point``-th file operation
    in ``folder`` (or ``delay`` s after it). How many it made when it ran to its end, None
    when it was killed."""
    root = os.path.realpath(folder)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            sys.stdout = open(os.devnull, "w")
            sys.stderr = open(os.devnull, "w")
            seen = 0

            def hook(event: str, hargs: tuple) -> None:
                nonlocal seen
                if event not in EVENTS or not hargs or not isinstance(hargs[0], (str, bytes)):
                    return
                if not os.path.realpath(os.fsdecode(hargs[0])).startswith(root):
                    return
                seen += 1
                if seen == point:
                    if delay is None:
                        os.kill(os.getpid(), signal.SIGKILL)
                    threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL)).start()

            sys.addaudithook(hook)
            code = main(args)
            os.write(write_end, f"{seen} {code}".encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        said = fh.read().decode()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) or not said:
        return None
    return int(said.split()[0])


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "markdown-folder"])
def test_an_export_killed_anywhere_leaves_the_whole_folder_or_none(tmp_path, empty_journal_bytes,
                                                                 fmt):
    home = tmp_path / "j"
    home.mkdir(mode=0o700)
    db = home / "journal.db"
    db.write_bytes(empty_journal_bytes)
    db.chmod(0o600)
    with Journal.open(db) as journal:
        fill(journal, date(2026, 11, 30))
    reference = tmp_path / "reference"
    reference.mkdir()
    assert run_child(reference, ["--db", str(db), "export", "--format", fmt, "-o",
                                 str(reference / "out")], 10**9, None)
    whole = contents(reference / "out")
    assert len(whole) >= 5

    runs = tmp_path / "runs"
    runs.mkdir()
    total = run_child(runs, ["--db", str(db), "export", "--format", fmt, "-o",
                             str(runs / "probe")], 10**9, None)
    assert total and total > len(whole), total
    killed = 0
    for point in range(1, total + 1):
        for delay in (None, 0.001):
            where = runs / f"{point}-{delay}"
            where.mkdir()
            out = where / "out"
            args = ["--db", str(db), "export", "--format", fmt, "-o", str(out)]
            if run_child(where, args, point, delay) is None:
                killed += 1
            if out.exists():
                assert contents(out) == whole, (point, delay)
            assert run_child(where, args, 10**9, None), (point, delay)  # the next export
            assert os.listdir(where) == ["out"], (point, delay, os.listdir(where))
            assert contents(out) == whole
    assert killed >= total  # the kills did happen, at every point
