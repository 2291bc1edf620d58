"""Dates through the command line, at a frozen Tuesday (1 Dec 2026 14:30) in Berlin:
jrnl's "WHEN: text", the note for a moment in the future, ranges that keep whole days, and
phrases refused in one line with nothing written."""

from __future__ import annotations

import contextlib
import io
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage import Journal, dates

FROZEN = datetime(2026, 12, 1, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def closer(monkeypatch, tmp_path):
    """``closer ARGS`` in this process against a journal with one entry, at the frozen
    moment in Berlin: gives (exit code, stdout, stderr)."""
    if not hasattr(time, "tzset"):
        pytest.skip("cannot change the local time zone here")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    monkeypatch.setattr(dates, "now", lambda: FROZEN.astimezone())
    monkeypatch.delenv("CLOSER_DB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    db = tmp_path / "j" / "journal.db"
    with Journal.open(db) as journal:
        journal.entries.add("already here", occurred_at=FROZEN.replace(hour=8))

    def run(*args: str) -> tuple[int, str, str]:
        from tui.cli import main

        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--db", str(db), *args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
        return code, out.getvalue(), err.getvalue()

    run.db = db
    yield run
    monkeypatch.undo()
    time.tzset()


def stored(db) -> list[tuple[str, str]]:
    """(occurred_at as stored, body) of every entry, oldest first."""
    with Journal.open(db) as journal:
        rows = journal.conn.execute("SELECT occurred_at, body FROM entries ORDER BY occurred_at")
        return [tuple(row) for row in rows]


@pytest.mark.parametrize(
    ("typed", "moment", "body"),
    [("yesterday 9pm: we talked about the move", "2026-11-30T20:00:00+00:00",
      "we talked about the move"),
     ("friday: he left before breakfast", "2026-11-27T08:00:00+00:00",
      "he left before breakfast"),
     ("the day before yesterday: quiet", "2026-11-29T08:00:00+00:00", "quiet"),
     ("Note to self: ask, don't assume", "2026-12-01T13:30:00+00:00",
      "Note to self: ask, don't assume")],
)
def test_a_leading_date_sets_the_moment_and_leaves_the_text(closer, typed, moment, body):
    code, out, err = closer("add", typed)
    assert (code, err) == (0, "")
    assert (moment, body) in stored(closer.db)
    shown = datetime.fromisoformat(moment).astimezone()
    assert out.startswith("Saved entry ") and f"for {shown:%Y-%m-%d %H:%M}." in out


def test_at_wins_over_a_leading_date_and_the_text_is_kept_whole(closer):
    code, _, err = closer("add", "--at", "last friday 9pm", "yesterday: a line")
    assert (code, err) == (0, "")
    assert ("2026-11-27T20:00:00+00:00", "yesterday: a line") in stored(closer.db)


@pytest.mark.parametrize(
    ("args", "moment", "said"),
    [(["--at", "in 3 days", "a plan"], "2026-12-04T08:00:00+00:00", "Fri 4 Dec 2026 09:00"),
     (["tonight: dinner with her"], "2026-12-01T20:00:00+00:00", "Tue 1 Dec 2026 21:00")],
)
def test_a_moment_in_the_future_is_saved_and_said_in_one_line(closer, args, moment, said):
    code, _, err = closer("add", *args)
    assert code == 0
    assert err == f"closer: note: that is in the future ({said}); saved as asked\n"
    assert moment in [at for at, _ in stored(closer.db)]


def test_a_moment_in_the_past_says_nothing_on_stderr(closer):
    code, _, err = closer("add", "--at", "last night", "text")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    "args",
    [["add", "--at", "last fortnight", "text"], ["add", "--at", "friday at 9", "text"],
     ["add", "--at", "25:00", "text"], ["add", "--at", "", "text"],
     ["add", "yesterday:"], ["list", "--from", "someday"], ["list", "--to", "2026-02-30"]],
)
def test_a_phrase_that_is_not_a_date_is_refused_in_one_line_and_nothing_is_written(closer,
                                                                                   args):
    before = closer.db.read_bytes()
    code, out, err = closer(*args)
    assert code != 0 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("closer: ") and "Traceback" not in err
    assert closer.db.read_bytes() == before


def test_from_and_to_take_whole_days_and_to_may_be_in_the_future(closer):
    for typed in ("2026-11-26 23:59: before", "friday 00:00: first minute",
                  "yesterday 23:59: last minute", "2026-12-02 00:00: after"):
        assert closer("add", typed)[0] == 0
    code, out, err = closer("list", "--from", "friday", "--to", "yesterday")
    assert (code, err) == (0, "")
    assert "first minute" in out and "last minute" in out
    assert "before" not in out and "after" not in out and "already here" not in out
    code, out, err = closer("list", "--from", "today", "--to", "in 2 days")
    assert (code, err) == (0, "")
    assert "already here" in out and "after" in out and "last minute" not in out


def test_quick_commands_without_a_date_never_load_the_date_grammar(tmp_path):
    """The grammar and dateutil's parser load only when a date is read: ``closer list`` and
    ``closer search`` without one stay as quick as they were."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    db = tmp_path / "j" / "journal.db"
    with Journal.open(db) as journal:
        journal.entries.add("something to find")
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "for args in (['list', '-n', '3'], ['search', 'find'], ['add', 'no date here']):\n"
        "    assert main(['--db', sys.argv[1], *args]) == 0, args\n"
        "    loaded = [m for m in ('storage.when', 'dateutil.parser') if m in sys.modules]\n"
        "    assert not loaded, (args, loaded)\n"
        "assert main(['--db', sys.argv[1], 'list', '--from', 'last friday']) == 0\n"
        "assert 'storage.when' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                          text=True, cwd=root, timeout=60)
    assert done.returncode == 0, done.stderr
