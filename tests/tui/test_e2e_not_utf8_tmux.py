"""Bytes that are not UTF-8 typed into the app in a real terminal (tmux ``send-keys -H``):
a terminal set to another encoding sends them, and so does a paste of binary data.

In the Write view they become U+FFFD, the replacement mark, as ``closer add`` makes of such
bytes on a pipe, and the app carries on. At the passphrase prompt they are refused in plain
words (a passphrase with replacement marks would silently be another passphrase), and the
journal is only ever read. Neither ends in a traceback.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

import pytest
from test_e2e_tmux import (
    ROOT,
    Terminal,
    drafts_holding,
    layout,
    settled,
    tab_to_the_text,
    wait_for,
)

from storage import Journal

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(socket=tmp_path / "tmux.sock", session="bytes")
    yield term
    term.kill()


def start(terminal: Terminal, tmp_path: Path, db: Path) -> tuple[Path, Path]:
    """Run ``closer --db DB`` in the terminal, logging all it writes; returns the files
    that will hold its exit code and that log."""
    rc_file, log, go = tmp_path / "exit-code", tmp_path / "terminal.log", tmp_path / "go"
    q = shlex.quote
    command = (
        f"unset COLUMNS LINES CLOSER_PASSPHRASE; while [ ! -e {q(str(go))} ]; do sleep 0.02; "
        f"done; cd {q(str(ROOT))} && {q(sys.executable)} -m tui.cli --db {q(str(db))}; "
        f"echo $? > {q(str(rc_file))}"
    )
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    terminal.start(f"sh -c {q(command)}", 120, 40, env)
    terminal.tmux("set-option", "-t", terminal.session, "remain-on-exit", "on")
    terminal.log_to(log)
    terminal.resize(120, 40)
    go.touch()
    return rc_file, log


def everything_shown(terminal: Terminal, log: Path) -> str:
    return terminal.screen(history=True) + (log.read_text(errors="replace") if log.exists()
                                            else "")


def test_bytes_not_utf8_typed_in_write_become_replacement_marks(terminal, tmp_path):
    db = tmp_path / "j" / "journal.db"
    with Journal.open(db) as journal:
        journal.entries.add("already here")
    rc_file, log = start(terminal, tmp_path, db)

    def ended() -> str | None:
        return f"closer ended:\n{everything_shown(terminal, log)[-3000:]}" if rc_file.exists() \
            else None

    wait_for("the app", lambda: layout(terminal.screen()) == "side by side", abort=ended)
    terminal.keys("F6")
    wait_for("the Write view", lambda: layout(terminal.screen()) is None, abort=ended)
    settled(terminal, "the Write view drawn", abort=ended)
    tab_to_the_text(terminal)
    terminal.type("before ")
    wait_for("the typing", lambda: "before" in terminal.screen(), abort=ended)
    terminal.tmux("send-keys", "-t", terminal.session, "-H", "ff", "fe", "c3")
    terminal.type(" after")
    typed = "before \ufffd\ufffd\ufffd after"
    wait_for("the marks and the typing after them", lambda: typed in terminal.screen(),
             abort=ended)
    wait_for("the autosave", lambda: drafts_holding(db, typed), abort=ended)
    terminal.keys("C-r")  # save the entry
    settled(terminal, "the entry saved", abort=ended)
    terminal.keys("C-q")
    wait_for("closer to exit", lambda: rc_file.exists() and rc_file.read_text().strip())

    assert rc_file.read_text().strip() == "0", everything_shown(terminal, log)
    assert "Traceback" not in everything_shown(terminal, log)
    with Journal.open(db) as journal:
        assert [e.body for e in journal.entries.list(newest_first=False)] == [
            "already here", typed]


def test_a_passphrase_not_utf8_is_refused_in_plain_words(terminal, tmp_path):
    from storage import crypto

    db = tmp_path / "j" / "journal.db"
    with Journal.open(db) as journal:
        journal.entries.add("already here")
    crypto.encrypt(db, "a good passphrase")
    before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    rc_file, log = start(terminal, tmp_path, db)

    wait_for("the passphrase prompt", lambda: "locked with a passphrase" in terminal.screen())
    settled(terminal, "the prompt drawn")
    terminal.tmux("send-keys", "-t", terminal.session, "-H", "63", "61", "66", "e9", "ff")
    terminal.keys("Enter")
    said = "the passphrase holds bytes that are not UTF-8 text"
    # Said on the prompt (which may let the person try again), or as closer's one line.
    wait_for("the refusal", lambda: said in everything_shown(terminal, log).replace("\n", " "),
             abort=lambda: "a traceback" if "Traceback" in everything_shown(terminal, log)
             else None)
    if not rc_file.exists():
        terminal.keys("Escape")
    wait_for("closer to exit", lambda: rc_file.exists() and rc_file.read_text().strip())

    shown = everything_shown(terminal, log)
    assert "Traceback" not in shown and "Error" not in shown, shown[-3000:]
    assert {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()} == before
