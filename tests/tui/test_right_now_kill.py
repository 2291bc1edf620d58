"""Right now under kill -9, in a real terminal (tmux, as in test_e2e_tmux): words typed
steadily into the flow's next step are in the journal up to the last second, and the flow
opens on them again."""

from __future__ import annotations

import shlex
import shutil
import sys

import pytest

from content import knowledge
from storage.right_now import PULLS
from test_e2e_tmux import (  # the terminal, its waits, and a journal full of hostile texts
    ROOT,
    Terminal,
    drafts_holding,
    journal_path,  # noqa: F401 (a fixture)
    layout,
    settled,
    snapshot,
    type_steadily_then_kill,
    wait_for,
)

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(socket=tmp_path / "tmux.sock", session="rn-kill")
    yield term
    term.kill()


def dead(terminal: Terminal) -> bool:
    return terminal.tmux("display-message", "-p", "-t", terminal.session,
                         "#{pane_dead}").stdout.strip() == "1"


def test_kill_9_while_typing_the_next_step_loses_at_most_the_last_second(
        journal_path, terminal):  # noqa: F811
    """Name a pull, type steadily into the next step (a key every 0.15 s, never a pause),
    kill -9 closer in the middle of it: all but the last second is in the journal's drafts,
    and f9 opens Right now on those words."""
    before = snapshot(journal_path)
    q = shlex.quote
    command = (f"unset COLUMNS LINES; cd {q(str(ROOT))} && exec {q(sys.executable)} -m tui.cli "
               f"--db {q(str(journal_path))}")
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    terminal.start(f"sh -c {q(command)}", 120, 40, env)
    terminal.tmux("set-option", "-t", terminal.session, "remain-on-exit", "on")
    terminal.resize(120, 40)
    wait_for("the app", lambda: layout(terminal.screen()) == "side by side")

    words = knowledge().right_now
    terminal.keys("F9")
    wait_for("Right now", lambda: words.intro[:40] in terminal.screen())
    terminal.keys(*["Down"] * PULLS.index("other"), "Enter")  # the focus goes to how strong
    settled(terminal, "the pull chosen")
    terminal.keys("3")
    settled(terminal, "its strength")
    terminal.keys("Enter")
    wait_for("the next step", lambda: words.step.title in terminal.screen())
    terminal.keys("Enter")  # the first offer, into its words
    settled(terminal, "the step's words")
    terminal.keys("End", "C-u")  # empty them: the words typed are all that is there
    offer = words.offers_for("other")[0].text
    wait_for("an empty step", lambda: offer[:30] not in terminal.screen())

    typed = "we sat on the stairs and talked"  # 31 keys: 4.6 s of steady typing
    due = type_steadily_then_kill(terminal, typed)
    assert drafts_holding(journal_path, due), (due, typed)

    terminal.tmux("respawn-pane", "-t", terminal.session, f"sh -c {q(command)}")
    wait_for("the app again", lambda: layout(terminal.screen()) == "side by side")
    terminal.keys("F9")
    wait_for("the step back on screen, with its words", lambda: due in terminal.screen())
    terminal.keys("C-r")  # keep it
    wait_for("the panes", lambda: layout(terminal.screen()) == "side by side")
    terminal.keys("C-q")
    wait_for("the app to quit", lambda: dead(terminal))
    assert "Traceback" not in terminal.screen(history=True)

    after = snapshot(journal_path)
    assert after["integrity"] == "ok"
    added = [e for e in after["data"]["loop_events"] if e not in before["data"]["loop_events"]]
    assert len(added) == 1 and added[0]["pull"] == "other"
    assert added[0]["step"].startswith(due)
    assert not drafts_holding(journal_path, due)  # kept: the draft is gone
