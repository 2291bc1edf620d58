"""End to end in a real terminal: tmux runs ``closer --db <tmp>`` over a journal full of
hostile texts; keys go in with ``send-keys``, the screen comes back with ``capture-pane``.

Every view is visited, the terminal shrinks from 120x40 to 80x24, ctrl+q quits; the exit
code is 0, nothing on stderr is a traceback, and the journal holds exactly what it held.
Waits poll the screen against a deadline; there are no fixed sleeps.

Textual draws the whole screen on stderr, so stderr cannot go to a file of its own: instead
everything the program writes to its terminal is logged with ``pipe-pane`` (a traceback,
Textual's or Python's, would be in it) and the pane stays open after exit to be read too.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from storage import Journal
from storage.portable import export_json, import_json

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 20.0


class Terminal:
    """One tmux server of our own (its socket in the test's folder), one session."""

    def __init__(self, socket: Path, session: str):
        self.socket, self.session = socket, session

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # The server passes its environment on to the program; COLUMNS and LINES (which
        # test runners like to set) would make it ignore the terminal's real size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
        return subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", os.devnull, *args],
            capture_output=True, text=True, check=check, timeout=10, env=env,
        )

    def start(self, command: str, width: int, height: int, env: dict[str, str]) -> None:
        args = ["new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height)]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        self.tmux(*args, command)

    def screen(self, history: bool = False) -> str:
        extra = ["-S", "-2000"] if history else []
        done = self.tmux("capture-pane", "-p", *extra, "-t", self.session, check=False)
        return done.stdout if done.returncode == 0 else ""

    def log_to(self, path: Path) -> None:
        """Append everything the program writes to its terminal to ``path``."""
        self.tmux("pipe-pane", "-o", "-t", self.session, f"cat >> {shlex.quote(str(path))}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", self.session, "-x", str(width), "-y", str(height))

    def size(self) -> tuple[int, int]:
        out = self.tmux("display-message", "-p", "-t", self.session,
                        "#{window_width} #{window_height}").stdout.split()
        return int(out[0]), int(out[1])

    def kill(self) -> None:
        self.tmux("kill-server", check=False)


def wait_for(what: str, test: Callable[[], object], deadline: float = DEADLINE_S,
             abort: Callable[[], str | None] | None = None):
    """Poll ``test`` until it gives something true, or fail after ``deadline`` seconds (or
    as soon as ``abort`` says why there is no point waiting)."""
    end = time.monotonic() + deadline
    while True:
        reason = abort() if abort else None
        if reason:
            pytest.fail(f"while waiting for {what}: {reason}")
        result = test()
        if result:
            return result
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def cursor_row(term: Terminal) -> int:
    """The row the terminal's cursor is on (the app puts it in the field with the focus)."""
    shown = term.tmux("display-message", "-p", "-t", term.session, "#{cursor_y}").stdout
    return int(shown.strip() or -1)


def tab_to_the_text(term: Terminal) -> None:
    """Write opens in the title: tab to the text, and wait until the focus is there (keys
    sent at once after it could still reach the title)."""
    before = cursor_row(term)
    term.keys("Tab")
    wait_for("the focus in the text", lambda: cursor_row(term) != before)


def settled(term: Terminal, what: str, abort: Callable[[], str | None] | None = None) -> str:
    """The screen once it has stopped changing (the same on three looks in a row)."""
    seen: list[str] = []

    def steady():
        seen.append(term.screen())
        return seen[-1] if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3] else None

    return wait_for(what, steady, abort=abort)


def layout(screen: str) -> str | None:
    """``"side by side"`` when one line holds the three pane borders' titles, ``"tabs"`` when
    one line holds the three titles as a row of tabs (no border corner on it)."""
    for line in screen.splitlines():
        if all(title in line for title in ("The loop", "Thought record", "Rituals")):
            return "side by side" if "╭" in line else "tabs"
    return None


def snapshot(path: Path) -> dict:
    with Journal.open(path) as journal:
        data = export_json(journal)
        integrity = journal.doctor()["integrity"]
    data.pop("exported_at")
    return {"data": data, "integrity": integrity}


@pytest.fixture
def journal_path(tmp_path) -> Path:
    from test_hostile_app import hostile_document  # the same texts as the Pilot tests

    path = tmp_path / "j" / "journal.db"
    with Journal.open(path) as journal:
        import_json(journal, hostile_document())
        for n in range(30):
            journal.entries.add(f"an ordinary evening {n} #us", mood=n % 5 - 2)
    return path


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(socket=tmp_path / "tmux.sock", session="e2e")
    yield term
    term.kill()


def test_closer_in_a_real_terminal(journal_path, terminal, tmp_path):
    before = snapshot(journal_path)
    assert before["integrity"] == "ok"
    rc_file, err_file, go = tmp_path / "exit-code", tmp_path / "terminal.log", tmp_path / "go"
    q = shlex.quote
    command = (
        # Start only once the terminal's output is being logged.
        f"unset COLUMNS LINES; while [ ! -e {q(str(go))} ]; do sleep 0.02; done; "
        f"cd {q(str(ROOT))} && "
        f"{q(sys.executable)} -m tui.cli --db {q(str(journal_path))}; echo $? > {q(str(rc_file))}"
    )
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8",
           "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    terminal.start(f"sh -c {q(command)}", 120, 40, env)
    terminal.tmux("set-option", "-t", terminal.session, "remain-on-exit", "on")
    terminal.log_to(err_file)
    terminal.resize(120, 40)
    assert terminal.size() == (120, 40)
    go.touch()

    def problems() -> str:
        err = err_file.read_text(errors="replace") if err_file.exists() else ""
        code = rc_file.read_text().strip() if rc_file.exists() else "still running"
        return f"exit code: {code}\nstderr:\n{err[-3000:]}\nscreen:\n{terminal.screen()}"

    def ended() -> str | None:
        return ("closer ended early\n" + problems()) if rc_file.exists() else None

    def until(what: str, test: Callable[[], object]):
        try:
            return wait_for(what, test, abort=ended)
        except pytest.fail.Exception as exc:
            raise AssertionError(f"{exc}\n{problems()}") from None

    def steady(what: str) -> str:
        return settled(terminal, what, ended)

    def on_screen(*texts: str) -> Callable[[], str | None]:
        def look():
            screen = terminal.screen()
            return screen if all(t in screen for t in texts) else None

        return look

    # -- wide: three panes side by side
    screen = until("the three panes", on_screen("The loop", "Thought record", "Rituals"))
    assert layout(screen) == "side by side", screen
    assert "Traceback" not in screen
    for key in ("F2", "F3", "F4"):
        terminal.keys(key)
        screen = steady(f"the screen after {key}")
        assert "The loop" in screen and "Rituals" in screen, problems()

    # -- type into the command palette and go to a pane by name
    terminal.keys("C-p")
    until("the command palette", on_screen("🔎"))
    terminal.type("Go to Rituals")
    until("the palette's match", lambda: sum(
        "Go to Rituals" in line for line in terminal.screen().splitlines()) >= 2)  # typed + hit
    steady("the palette's hits")
    terminal.keys("Enter")
    until("the palette to close", lambda: "🔎" not in terminal.screen())

    # -- Look back (F5), Write (F6), the Journal (F7) and the Trash (F8)
    steady("the main screen")
    for key, label in (("F5", "Look back"), ("F6", "Write"), ("F7", "Journal"), ("F8", "Trash")):
        terminal.keys(key)
        until(f"{label} to open", lambda: layout(terminal.screen()) != "side by side")
        steady(f"{label} drawn")
        for nav in ("Down", "Up", "Tab"):
            terminal.keys(nav)
        steady(f"moving around {label}")
        for leave in ("Escape", "Escape", "F2"):
            if layout(terminal.screen()) == "side by side":
                break
            terminal.keys(leave)
            steady(f"leaving {label}")
        until("the panes again", lambda: layout(terminal.screen()) == "side by side")

    # -- narrow: the panes become tabs
    terminal.resize(80, 24)
    assert terminal.size() == (80, 24)
    until("tabs at 80x24", lambda: layout(terminal.screen()) == "tabs")
    for key in ("F3", "F4", "F2"):
        terminal.keys(key)
        screen = steady(f"the narrow screen after {key}")
        assert all(len(line) <= 80 for line in screen.splitlines())
    terminal.resize(120, 40)
    until("three panes again", lambda: layout(terminal.screen()) == "side by side")

    # -- quit
    terminal.keys("C-q")
    wait_for("closer to exit", rc_file.exists)
    wait_for("the exit code to be written", lambda: rc_file.read_text().strip())
    assert rc_file.read_text().strip() == "0", problems()
    final = terminal.screen(history=True)
    err = err_file.read_text(errors="replace")
    assert "Traceback" not in err and "Traceback" not in final, final
    assert not re.search(r"\b[A-Z]\w*(Error|Exception)\b", final), final

    after = snapshot(journal_path)
    assert after["integrity"] == "ok"
    assert after["data"] == before["data"]


def drafts_holding(path: Path, text: str) -> bool:
    """Whether some draft in the journal holds ``text`` (read beside the running app)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return any(text in json.dumps(json.loads(row[0]), ensure_ascii=False)
                   for row in conn.execute("SELECT data FROM drafts"))
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


STEADY_S = 0.15
"""One key this often is steady typing: no pause long enough for a debounce to fire."""


def thought_situations(path: Path) -> list[str]:
    """The situations of the thought records in the journal (read beside the app)."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return [row[0] for row in conn.execute("SELECT situation FROM thought_records")]
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def type_steadily_then_kill(terminal: Terminal, typed: str) -> str:
    """Type ``typed`` a key every :data:`STEADY_S`, kill -9 the app at once after the last
    key, wait until it is dead, and say what had been typed a second before the kill: all of
    that must be in the journal."""
    sent: list[tuple[float, str]] = []
    for n in range(1, len(typed) + 1):
        terminal.type(typed[n - 1])
        sent.append((time.monotonic(), typed[:n]))
        time.sleep(STEADY_S)  # the fault itself: steady typing, not a wait for a condition
    pid = int(terminal.tmux("display-message", "-p", "-t", terminal.session,
                            "#{pane_pid}").stdout)
    os.kill(pid, 9)
    killed_at = time.monotonic()
    wait_for("the app to die", lambda: terminal.tmux(
        "display-message", "-p", "-t", terminal.session, "#{pane_dead}").stdout.strip() == "1")
    return [text for when, text in sent if when <= killed_at - 1.0][-1]


@pytest.mark.parametrize("editor", ["write", "thought record"])
def test_kill_9_while_typing_steadily_loses_at_most_the_last_second(
        journal_path, terminal, tmp_path, editor):
    """Type steadily into an editor (a key every 0.15 s for 4.6 s, never a pause), kill -9 the
    app in the middle of it, start it again: all but the last second of typing is there."""
    before = snapshot(journal_path)
    q = shlex.quote
    command = (f"unset COLUMNS LINES; cd {q(str(ROOT))} && exec {q(sys.executable)} -m tui.cli "
               f"--db {q(str(journal_path))}")
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    terminal.start(f"sh -c {q(command)}", 120, 40, env)
    terminal.tmux("set-option", "-t", terminal.session, "remain-on-exit", "on")
    terminal.resize(120, 40)
    wait_for("the app", lambda: layout(terminal.screen()) == "side by side")

    if editor == "write":
        terminal.keys("F6")
        wait_for("the Write view", lambda: layout(terminal.screen()) is None)
    else:
        terminal.keys("F3")
        wait_for("the thought pane's keys", lambda: "n New record" in terminal.screen())
        terminal.keys("n")
        wait_for("the thought form", lambda: "New thought record" in terminal.screen())
    settled(terminal, f"the {editor} drawn")
    if editor == "write":
        tab_to_the_text(terminal)

    typed = "we sat on the stairs and talked"  # 31 keys: 4.6 s of steady typing
    due = type_steadily_then_kill(terminal, typed)
    if editor == "write":
        assert drafts_holding(journal_path, due), (due, typed)
    else:
        situations = thought_situations(journal_path)
        assert any(s.startswith(due) for s in situations), (due, situations)

    terminal.tmux("respawn-pane", "-t", terminal.session, f"sh -c {q(command)}")
    wait_for("the app again", lambda: layout(terminal.screen()) == "side by side")
    if editor == "write":
        terminal.keys("F6")
        wait_for("the draft back on screen", lambda: due in terminal.screen())
        terminal.keys("Escape")
        wait_for("the panes", lambda: layout(terminal.screen()) == "side by side")
    terminal.keys("C-q")
    wait_for("the app to quit", lambda: terminal.tmux(
        "display-message", "-p", "-t", terminal.session, "#{pane_dead}").stdout.strip() == "1")
    assert "Traceback" not in terminal.screen(history=True)

    after = snapshot(journal_path)
    assert after["integrity"] == "ok"
    if editor == "write":
        assert after["data"] == before["data"]  # a draft is not an entry until it is saved
