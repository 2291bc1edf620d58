"""Fixtures for Pilot tests: the real App over a throw-away journal."""

from __future__ import annotations

import pytest

from storage import Journal
from tui.app import create_app


@pytest.fixture
def tui_journal(tmp_path):
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    yield journal
    journal.close()


@pytest.fixture
def app(tui_journal):
    return create_app(tui_journal)
