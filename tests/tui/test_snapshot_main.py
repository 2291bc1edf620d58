"""The main screen over the demo journal on a fixed day: the picture in the README."""

from __future__ import annotations

from datetime import datetime

import pytest

from storage import Journal, dates
from storage.demo import fill
from tui.app import create_app

FROZEN = datetime(2027, 1, 20, 9, 30).astimezone()


@pytest.fixture
def demo_app(tmp_path, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    fill(journal, FROZEN.date())
    yield create_app(journal, demo=True)
    journal.close()


def test_main_screen_demo(snap_compare, demo_app):
    async def settle(pilot):
        for _ in range(2):
            await demo_app.workers.wait_for_complete()
            await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=settle)
