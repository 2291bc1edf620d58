"""Small helpers the Pilot tests share: typing, waiting for a condition, reading the screen."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList

from tui import compat


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", "\n": "enter"}.get(c, c) for c in text])


async def until(pilot, condition, tries: int = 100) -> None:
    """Wait for a condition (a draft timer, a worker, the palette's hits), giving up after
    a while."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never came true")


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
