"""Fixtures for Pilot tests: the real App over a throw-away journal; and for the snapshot
tests, the App over the demo journal (or some of it) on a fixed day."""

from __future__ import annotations

import os
from datetime import datetime
from importlib import import_module
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage import Journal, dates
from storage.demo import fill as fill_demo
from tui.app import create_app

DEMO_DAY = datetime(2027, 1, 20, 9, 30).astimezone()
"""The morning the whole demo journal is pictured on (the main screen, Look back)."""

PANES_DAY = datetime(2025, 3, 12, 20, 15, tzinfo=ZoneInfo("Europe/Berlin"))
"""The evening each pane is pictured on, over its own part of the demo."""


def journal_from(data: bytes, path: Path) -> Journal:
    """The journal whose file was ``data``, written at ``path`` (folder 0700, file 0600) and
    opened: a copy of a journal made once, instead of migrating (and filling) afresh."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return Journal.open(path)


@pytest.fixture
def tui_journal(tmp_path, empty_journal_bytes):
    """An empty journal at ``tmp_path / "journal" / "journal.db"``, copied from the one the
    session made (tests/storage/test_open.py checks that making one from nothing works)."""
    journal = journal_from(empty_journal_bytes, tmp_path / "journal" / "journal.db")
    yield journal
    journal.close()


@pytest.fixture
def app(tui_journal):
    return create_app(tui_journal)


_DEMOS: dict[tuple, bytes] = {}
"""Each demo journal a test process has written (by day, parts and persona): its file."""


@pytest.fixture
def pictured(tmp_path, tmp_path_factory, monkeypatch):
    """Build the App a snapshot pictures: ``pictured(at, *parts, demo=False,
    persona="pursuer")`` stops the clock at ``at`` and writes the demo's ``parts``
    (``"loop"``, ``"entries"``, ...; every part when none is named) as ``persona`` lived
    them into a new journal, as of that day. Each such journal is written once a test
    process, with the clock stopped the same way, and copied for each test."""
    journals: list[Journal] = []

    def build(at: datetime, *parts: str, demo: bool = False, persona: str = "pursuer"):
        monkeypatch.setattr(dates, "now", lambda: at)
        key = (at, parts, persona)
        if key not in _DEMOS:
            path = tmp_path_factory.mktemp("demo") / "journal.db"
            with Journal.open(path) as made, made.transaction():
                if not parts:
                    fill_demo(made, at.date(), persona)
                for part in parts:
                    import_module(f"storage.demo.{part}").fill(made, at.date(), persona)
            assert not Path(f"{path}-wal").exists()  # all of it is in the file copied
            _DEMOS[key] = path.read_bytes()
        journal = journal_from(_DEMOS[key], tmp_path / "journal" / "journal.db")
        journals.append(journal)
        return create_app(journal, demo=demo)

    yield build
    for journal in journals:
        journal.close()


@pytest.fixture
def demo_app(pictured):
    """The whole demo journal on :data:`DEMO_DAY`, as ``closer --demo`` shows it."""
    return pictured(DEMO_DAY, demo=True)


@pytest.fixture
def withdrawer_app(pictured):
    """The whole demo journal as the one who steps back lived it, as ``closer --demo
    withdrawer`` shows it on :data:`DEMO_DAY`."""
    return pictured(DEMO_DAY, demo=True, persona="withdrawer")


@pytest.fixture
def loop_app(pictured):
    return pictured(PANES_DAY, "loop")


@pytest.fixture
def rituals_app(pictured):
    return pictured(PANES_DAY, "rituals")


@pytest.fixture
def thought_app(pictured):
    return pictured(PANES_DAY, "entries", "thoughts")


@pytest.fixture(autouse=True)
def _quick_idle(monkeypatch):
    """Pilot waits for the app to go idle after every key by sleeping in steps of 20 ms until
    a step passes with no work (twice a key: 40 ms at least, most of a typing test's time,
    spent asleep). Here in 10 ms steps, with the same share of a step counted as idle. (4 ms
    steps saved some 30 s more of the suite, but on a loaded machine they left too little
    slack for a few tests that read the screen a frame early.) A test must wait for what it
    reads (pilot_tools.until), never on this slack."""
    from textual import _wait

    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", 0.01)
    monkeypatch.setattr(_wait, "SLEEP_IDLE", 0.01 / 20)


_PARSED: dict[tuple, list] = {}


@pytest.fixture(autouse=True, scope="session")
def _stylesheets_parsed_once():
    """Each App parses every stylesheet it meets (its own and each widget's DEFAULT_CSS)
    with the theme's variables: hundreds of Pilot tests parsed the same CSS again, about a
    tenth of their time. Here a test process parses each stylesheet once per set of
    variables and shares the rules, as Textual's own cache does within one App (an error
    in the CSS still fails, the first time it is read)."""
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules

    def shared(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(sorted(self._variables.items())))
        rules = _PARSED.get(key)
        if rules is None:
            rules = _PARSED[key] = parse_rules(self, css, read_from, is_default_rules,
                                               tie_breaker, scope)
        return rules

    Stylesheet._parse_rules = shared
    yield
    Stylesheet._parse_rules = parse_rules
