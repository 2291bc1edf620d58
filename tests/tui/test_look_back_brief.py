"""Look back's year at a glance (y) and its brief (b): what the person sees, and the file
the brief is written to holding only the sections ticked and the questions typed."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from textual.widgets import Checkbox, Input, Static, TextArea

from pilot_tools import screen_text, until
from storage import dates
from storage.brief import questions
from tui import compat
from tui.dialogs.brief import BriefDialog
from tui.dialogs.year import YearDialog
from tui.screens.look_back import LookBackScreen

FROZEN = datetime(2027, 1, 20, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)


def at(day: date, hour: int = 20) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


async def look_back(app, pilot) -> None:
    await pilot.press("f5")
    await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
    await app.workers.wait_for_complete()


async def test_year_at_a_glance_shows_the_grid_legend_and_streak(app, tui_journal):
    for day in (18, 19, 20):
        tui_journal.entries.add("[bold]not markup[/]", occurred_at=at(date(2027, 1, day)))
    async with app.run_test(size=(120, 40)) as pilot:
        await look_back(app, pilot)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, YearDialog))
        grid = str(app.screen.query_one("#year-grid", Static).render())
        assert grid.startswith("2027 Jan")
        assert "░ 1" in grid and "4 or more" in grid
        assert "Writing streak: 3 days in a row, up to today." in grid
        await pilot.press("left")
        await until(pilot, lambda: str(app.screen.query_one("#year-grid", Static).render())
                    .startswith("2026 Jan"))
        assert "You wrote on 0 days of 2026." in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))


async def test_the_brief_is_written_with_the_sections_ticked_and_the_questions(
        app, tui_journal, tmp_path):
    tui_journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": "pursuer",
                               "me": {"trigger": "a late reply"}})
    target = tmp_path / "brief.md"
    async with app.run_test(size=(120, 50)) as pilot:
        await look_back(app, pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BriefDialog))
        dialog = app.screen
        assert dialog.query_one("#brief-file", Input).value.endswith("brief-2027-01-20.md")
        dialog.query_one("#brief-file", Input).value = str(target)
        dialog.query_one("#brief-weeks", Input).value = "x"
        await pilot.click("#brief-write")
        await until(pilot, lambda: "whole number" in screen_text(app))
        dialog.query_one("#brief-weeks", Input).value = "4"
        dialog.query_one("#brief-part-map", Checkbox).value = False
        dialog.query_one("#brief-questions", TextArea).text = "Why do I go quiet?\n\n"
        dialog.query_one("#brief-file", Input).focus()
        await pilot.press("enter")  # (a second click this soon is the same press, to Textual)
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
        await until(pilot, lambda: any(f"Wrote the brief to {target}." in note
                                       for note in compat.notifications(app)))
    text = target.read_text("utf-8")
    assert "the 4 weeks from 28 December 2026 to 20 January 2027" in text
    assert "Our cycle" not in text and "a late reply" not in text
    assert "## How often the loop turned" in text
    assert "- Why do I go quiet?" in text
    assert questions(tui_journal) == ["Why do I go quiet?"]


async def test_the_brief_refuses_the_journal_itself_in_one_line(app, tui_journal):
    async with app.run_test(size=(120, 50)) as pilot:
        await look_back(app, pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BriefDialog))
        app.screen.query_one("#brief-file", Input).value = str(tui_journal.path)
        await pilot.click("#brief-write")
        await until(pilot, lambda: str(app.screen.query_one("#brief-message", Static)
                                       .render()) != "")
        assert isinstance(app.screen, BriefDialog)
        said = str(app.screen.query_one("#brief-message", Static).render())
        assert "journal" in said and "\n" not in said.strip()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
    assert tui_journal.entries.list() == []
