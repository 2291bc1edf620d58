"""The palette's record search keeps the same length limit as ``closer search``: a search
too long to run says so, in the palette, in the same words; one just under still finds."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from storage.search import MAX_QUERY_CHARS, MAX_QUERY_WORDS
from pilot_tools import until


def _prompts(app) -> list[str]:
    if not isinstance(app.screen, CommandPalette):
        return []
    hits = app.screen.query_one(OptionList)
    return [str(hits.get_option_at_index(n).prompt) for n in range(hits.option_count)]


async def _palette_search(pilot, app, text: str) -> None:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    app.screen.query_one(Input).value = text  # as if pasted


async def test_a_search_too_long_is_refused_in_the_palette_in_the_cli_words(app, tui_journal):
    words = [f"w{n}" for n in range(MAX_QUERY_WORDS)]
    tui_journal.entries.add("the longest search " + " ".join(words))
    async with app.run_test(size=(120, 40)) as pilot:
        await _palette_search(pilot, app, " ".join(words + ["one", "more"]))
        await until(pilot, lambda: any("too long" in p for p in _prompts(app)))
        [said] = [p for p in _prompts(app) if "too long" in p]
        assert f"({MAX_QUERY_WORDS + 2} words; the most is {MAX_QUERY_WORDS})" in said

        app.screen.query_one(Input).value = "x" * (MAX_QUERY_CHARS + 1)
        await until(pilot, lambda: any(f"{MAX_QUERY_CHARS:,}" in p for p in _prompts(app)))

        app.screen.query_one(Input).value = " ".join(words)
        await until(pilot, lambda: any("Entry ·" in p for p in _prompts(app)))
        assert not any("too long" in p for p in _prompts(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
