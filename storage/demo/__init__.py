"""Six weeks of believable sample data for ``closer --demo`` (never the real journal).

Each part lives in its own module with ``fill(journal, today)``; all are deterministic for a
given ``today``, so screenshots and tests can rely on them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from importlib import import_module

from storage import dates
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.journal import Journal

PARTS = ("entries", "loop", "thoughts", "rituals", "right_now")
WEEKS = 6


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local, aware moment on ``day``."""
    return datetime.combine(day, time(hour, minute)).astimezone()


def fill(journal: Journal, today: date | None = None) -> None:
    """Write every part's sample data in one transaction."""
    today = today or dates.today()
    with journal.transaction():
        for part in PARTS:
            import_module(f"storage.demo.{part}").fill(journal, today)
