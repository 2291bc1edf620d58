"""Small helpers the Pilot tests share: typing and pasting, waiting for a condition
(:func:`until`, the one polling helper; :func:`still` before a picture), reading the screen."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Callable

from textual import events
from textual.command import CommandPalette
from textual.widgets import Footer, OptionList

from tui import compat


class Clock:
    """The journal's clock, frozen at a moment and moved on by hand (``clock.now += ...``)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    @classmethod
    def frozen(cls, monkeypatch, now: datetime) -> Clock:
        """A clock stopped at ``now`` that the journal reads (``storage.dates.now``)."""
        from storage import dates

        clock = cls(now)
        monkeypatch.setattr(dates, "now", clock)
        return clock


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "\n": "enter"}.get(c, c) for c in text])


async def paste(pilot, text: str) -> None:
    """Paste ``text`` into the focused field, as a terminal delivers a paste (one event, not
    a key per letter), and wait until the field holds it."""
    widget = pilot.app.focused

    def held() -> str:
        return str(getattr(widget, "text", getattr(widget, "value", "")))

    before = held()
    pilot.app.post_message(events.Paste(text))
    await until(pilot, lambda: held() != before)


async def until(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Wait until ``condition()`` is true (a draft timer, a worker, the palette's hits),
    letting the app run between looks; fail after ``timeout`` seconds by the clock, however
    busy the machine (a count of pauses would give up sooner under load)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never came true")
        await pilot.pause(0.01)


def _settled(app) -> bool:
    """No worker running, and every footer on the screen built with its keys."""
    if not all(worker.is_finished for worker in app.workers):
        return False
    return all(footer.children and not getattr(footer, "rebuild_waiting", False)
               for footer in app.screen.query(Footer))


async def still(pilot, condition: Callable[[], object] = lambda: True) -> None:
    """Wait until the screen shows what a picture wants: ``condition()`` true, every worker
    done, the footer built, no animation left, and no cursor that blinks (so a picture
    never catches one half-way)."""
    app = pilot.app
    await until(pilot, lambda: _settled(app) and condition())
    for widget in app.screen.query("Input, TextArea"):
        compat.stop_blinking(widget)
    await pilot.wait_for_scheduled_animations()
    await until(pilot, lambda: _settled(app) and condition())


def screen_text(app) -> str:
    """What the screen shows, as plain text."""
    return compat.screen_text(app.screen)


def first_hit(app) -> str:
    """The command the palette would run on Enter now."""
    if not isinstance(app.screen, CommandPalette):
        return ""
    hits = app.screen.query_one(OptionList)
    if not hits.option_count or hits.highlighted is None:
        return ""
    return str(hits.get_option_at_index(hits.highlighted).prompt)
