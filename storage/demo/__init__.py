"""Six weeks of believable sample data for ``closer --demo`` (never the real journal).

Two personas live the same six weeks: the one who reaches (``pursuer``, the default) and the
one who steps back (``withdrawer``, :mod:`storage.demo.withdrawer`), so each can see
themselves in it. Each part lives in its own module with ``fill(journal, today, persona)``;
all are deterministic for a given ``today``, so screenshots and tests can rely on them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from importlib import import_module

from storage import dates
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.journal import Journal

PARTS = ("entries", "loop", "thoughts", "rituals", "right_now", "small_things")
WEEKS = 6
PERSONAS = ("pursuer", "withdrawer")
"""Whose six weeks the demo shows: role keys of the loop map, the first the default."""


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local, aware moment on ``day``."""
    return datetime.combine(day, time(hour, minute)).astimezone()


def persona_data(persona: str):
    """The module holding a persona's own data, or None for the first persona (whose data
    is in each part's module). Refuses a persona that is not one of :data:`PERSONAS`."""
    from storage.errors import InvalidInput

    if persona not in PERSONAS:
        raise InvalidInput(f"there is no demo persona {persona!r}; choose "
                           + " or ".join(PERSONAS))
    if persona == PERSONAS[0]:
        return None
    return import_module(f"storage.demo.{persona}")


def fill(journal: Journal, today: date | None = None, persona: str = PERSONAS[0]) -> None:
    """Write every part's sample data for ``persona`` in one transaction."""
    today = today or dates.today()
    persona_data(persona)  # refuses an unknown persona before anything is written
    with journal.transaction():
        for part in PARTS:
            import_module(f"storage.demo.{part}").fill(journal, today, persona)
