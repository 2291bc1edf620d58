"""Write (f6): an entry with title, mood, #tags and a star; drafts that keep themselves;
editing a saved entry; $EDITOR; "One small thing today"."""

from __future__ import annotations

import contextlib
import stat
import sys
from datetime import datetime

import pytest
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from pilot_tools import type_text, until
from storage import dates
from tui import drafting
from tui.screens import write as write_module
from tui.screens.main import MainScreen
from tui.screens.write import WriteScreen, parse_tags

FROZEN = datetime(2027, 1, 20, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)


@pytest.fixture(autouse=True)
def quick_drafts(monkeypatch):
    # The same keeper, sooner, so the tests wait less for the draft to land.
    monkeypatch.setattr(drafting, "QUIET_S", 0.05)
    monkeypatch.setattr(drafting, "MAX_DELAY_S", 0.1)


def status(app) -> str:
    return str(app.screen.query_one("#write-status", Static).render())


async def test_write_an_entry_with_mood_tags_and_a_star(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen)
        assert screen.query_one("#write-title", Input).has_focus  # a title typed first
        assert screen.query_one("#write-body", TextArea).soft_wrap
        await type_text(pilot, "Sunday\n")  # goes into the title; enter: on to the text
        await until(pilot, lambda: screen.query_one("#write-body", TextArea).has_focus)
        await type_text(pilot, "We [r]x[/]")
        app.screen.query_one("#write-body", TextArea).insert(" walked to the river #walk")
        screen.query_one("#write-mood", Select).value = 1
        screen.query_one("#write-tags", Input).value = "#us, download"
        screen.query_one("#write-starred", Checkbox).value = True
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    [entry] = tui_journal.entries.list()
    assert entry.body == "We [r]x[/] walked to the river #walk"
    assert (entry.title, entry.mood, entry.starred) == ("Sunday", 1, True)
    assert sorted(entry.tags) == ["download", "us", "walk"]
    assert entry.occurred_at == FROZEN
    assert tui_journal.load_draft("entry:new") is None


async def test_an_empty_entry_is_refused_inline_and_nothing_is_saved(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        assert "needs some text" in status(app)
        app.screen.query_one("#write-tags", Input).value = "#not a tag!"
        app.screen.query_one("#write-body", TextArea).load_text("words")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        assert "Tag 3 ('tag!') may hold only letters, digits and hyphens." in status(app)
    assert tui_journal.entries.count() == 0


async def test_the_draft_keeps_itself_and_comes_back(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "half")
        await until(pilot, lambda: (tui_journal.load_draft("entry:new") or {}).get("body")
                    == "half")
        await type_text(pilot, " more")
        await pilot.press("escape")  # leaving writes the last keystrokes at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert tui_journal.load_draft("entry:new")["body"] == "half more"
        assert tui_journal.entries.count() == 0

        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.query_one("#write-body", TextArea).text == "half more"
        assert "back" in status(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
    assert tui_journal.load_draft("entry:new") is None
    assert [e.body for e in tui_journal.entries.list()] == ["half more"]


async def test_quitting_keeps_what_was_just_typed(app, tui_journal, monkeypatch):
    monkeypatch.setattr(drafting, "QUIET_S", 30)
    monkeypatch.setattr(drafting, "MAX_DELAY_S", 30)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "last")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert tui_journal.load_draft("entry:new")["body"] == "last"


async def test_edit_a_saved_entry_opened_as_a_record(app, tui_journal):
    entry = tui_journal.entries.add("first version #walk", title="A walk", mood=-1,
                                    tags=["us"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.open_record("entry", entry.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WriteScreen) and screen.entry_id == entry.id
        assert screen.query_one("#write-title", Input).value == "A walk"
        assert screen.query_one("#write-mood", Select).value == -1
        assert screen.query_one("#write-tags", Input).value == "#us"  # #walk is in the text
        body = screen.query_one("#write-body", TextArea)
        assert body.text == "first version #walk"
        body.load_text("second version")
        await until(pilot, lambda: tui_journal.load_draft(f"entry:{entry.id}") is not None)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    saved = tui_journal.entries.get(entry.id)
    assert (saved.body, saved.title, saved.mood, saved.tags) == (
        "second version", "A walk", -1, ["us"])
    assert saved.occurred_at == entry.occurred_at
    assert tui_journal.entries.count() == 1
    assert tui_journal.load_draft(f"entry:{entry.id}") is None


async def test_the_text_goes_out_to_editor_and_comes_back(app, tui_journal, tmp_path,
                                                          monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, stat, sys\n"
        "path = sys.argv[1]\n"
        "mode = stat.S_IMODE(os.stat(path).st_mode)\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text + ' and from the editor\\n' + oct(mode))\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    # A headless test terminal cannot be suspended; the real one is.
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "hi")
        await pilot.press("ctrl+o")
        await pilot.pause()
        body = app.screen.query_one("#write-body", TextArea)
        assert body.text == "hi and from the editor\n0o600"
        assert "editor" in status(app)
        await until(pilot, lambda: (tui_journal.load_draft("entry:new") or {}).get("body")
                    == body.text)


async def test_without_an_editor_set_a_message_says_how(app, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "$EDITOR" in status(app)


async def test_one_small_thing_today_and_noting_what_you_did(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        prompt = app.screen.query_one("#small-thing-text", Static)
        first = str(prompt.render())
        assert first == tui_journal.review.small_thing(FROZEN.date()).text
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert str(prompt.render()) != first
        await pilot.click("#small-thing-done")
        await type_text(pilot, "[b]")
        app.screen.query_one("#small-thing-done", Input).insert_text_at_cursor("tea[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert "#smallthing" in status(app)
        assert app.screen.query_one("#small-thing-done", Input).value == ""
        assert tui_journal.load_draft("entry:new") is None  # the form itself is untouched
    [entry] = tui_journal.entries.list()
    assert entry.body == "[b]tea[/b]" and entry.tags == ["smallthing"]


async def test_an_entry_of_a_megabyte_opens_and_scrolls(app, tui_journal):
    paragraph = "We talked for a long time about the summer and what we both want. " * 15
    body = ("\n\n".join([paragraph] * 2000))[:1_000_000]
    entry = tui_journal.entries.add(body)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_record("entry", entry.id)
        await pilot.pause()
        area = app.screen.query_one("#write-body", TextArea)
        assert len(area.text) == 1_000_000 and area.soft_wrap
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert area.scroll_y > 50 and area.cursor_location[0] > 0
        area.move_cursor(area.document.end)
        await pilot.pause()
        assert area.scroll_y > 10_000  # wrapped lines of the whole text, down to its end
        assert app.is_running


def test_tags_as_typed():
    assert parse_tags("#us, walk  #a-b ,#") == ["us", "walk", "a-b"]


def test_the_temporary_file_for_the_editor_is_private():
    # The file is made with O_EXCL and mode 0600 inside a 0700 temporary folder.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="closer-") as folder:
        assert stat.S_IMODE(__import__("os").stat(folder).st_mode) == 0o700


async def test_a_save_refused_mid_edit_is_said_and_the_editor_keeps_working(app, tui_journal):
    """The journal file goes away while an entry is being written: saving is refused in one
    sentence, the editor still takes keys, and once the file is back the entry saves. (No
    app-wide net catches journal errors: each write says its own refusal.)"""
    db = tui_journal.path
    away = db.with_name("elsewhere.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "words")
        db.rename(away)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "moved or deleted" in status(app))
        assert isinstance(app.screen, WriteScreen)
        await type_text(pilot, " and more")
        body = app.screen.query_one("#write-body", TextArea)
        await until(pilot, lambda: body.text == "words and more")
        away.rename(db)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, WriteScreen))
        assert app.is_running
    assert [e.body for e in tui_journal.entries.list()] == ["words and more"]
