"""The one draft mechanism, as a person meets it: typing steadily, a journal that refuses a
write for a while, quitting then, and two closer windows on one record."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Button, Static

from pilot_tools import type_text, until
from storage import Journal
from tui import drafting
from tui.app import create_app
from tui.dialogs.unkept import UnkeptScreen
from tui.screens.write import WriteScreen

STEADY_S = 0.15
"""A keystroke this often is steady typing: never a pause long enough for a debounce."""


def stored_body(journal: Journal) -> str:
    return (journal.load_draft("entry:new") or {}).get("body", "")


def status(app) -> str:
    return str(app.screen.query_one("#write-status", Static).render())


async def type_steadily(pilot, words: str, stored) -> list[tuple[float, int, int]]:
    """Type ``words`` a key every STEADY_S; after each key note (time, typed, stored)."""
    seen = []
    for typed, char in enumerate(words, start=1):
        await pilot.press("space" if char == " " else char)
        await pilot.pause(STEADY_S)
        seen.append((time.monotonic(), typed, len(stored())))
    return seen


def kept_within(seen: list[tuple[float, int, int]], limit_s: float) -> bool:
    """Whether, while typing went on, what was stored was never more than ``limit_s``
    behind what had been typed."""
    for now, _typed, stored in seen:
        due = [typed for when, typed, _ in seen if when <= now - limit_s]
        if due and stored < due[-1]:
            return False
    return True


async def test_steady_typing_in_write_is_kept_within_a_second(app, tui_journal):
    words = "we walked by the river"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        seen = await type_steadily(pilot, words, lambda: stored_body(tui_journal))
    # 3 s of typing with no pause: a debounce alone would have kept nothing until the end.
    assert seen[-1][2] > 0
    assert kept_within(seen, 1.0), seen


async def test_steady_typing_in_a_thought_record_is_kept_within_a_second(app, tui_journal):
    def situation() -> str:
        records = tui_journal.thoughts.list()
        return records[0].situation if records else ""

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.press("n")
        await pilot.pause()
        seen = await type_steadily(pilot, "at the station", situation)
    assert kept_within(seen, 1.0), seen


@pytest.fixture
def held(tui_journal):
    """Another program holding the journal's write lock (as a long import does), with the
    app's own waiting; ``held.release()`` lets go."""
    other = Journal.open(tui_journal.path)
    other.conn.execute("BEGIN IMMEDIATE")

    class Hold:
        def release(self) -> None:
            if other.conn.in_transaction:
                other.conn.execute("ROLLBACK")

    yield Hold()
    Hold().release()
    other.close()


async def test_a_refused_draft_is_said_kept_trying_and_kept_later(app, tui_journal, held):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "words while it is busy")
        await until(pilot, lambda: "Not kept yet" in status(app))
        assert stored_body(tui_journal) == ""
        await type_text(pilot, " and more")
        held.release()
        # The retry comes by itself; nothing more is typed.
        await until(pilot, lambda: stored_body(tui_journal) == "words while it is busy and more",
                    timeout=15)
        assert "Kept now" in status(app)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)


async def test_quitting_while_the_journal_refuses_asks_and_staying_keeps_it(
        app, tui_journal, held):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "do not lose this")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnkeptScreen))
        assert app.is_running
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "not saved yet" in text and "Your entry" in text
        app.screen.query_one("#unkept-copy", Button).press()
        await until(pilot, lambda: "Copied" in "\n".join(
            str(s.render()) for s in app.screen.query(Static)))
        assert "do not lose this" in app.clipboard
        await pilot.press("escape")  # stay
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        held.release()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running)
    assert stored_body(tui_journal) == "do not lose this"


async def test_leaving_an_editor_while_refused_hands_it_to_the_app(app, tui_journal, held,
                                                                    monkeypatch):
    monkeypatch.setattr(drafting, "RETRY_S", (0.2,))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "written then left")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, WriteScreen))
        assert stored_body(tui_journal) == ""
        held.release()
        await until(pilot, lambda: stored_body(tui_journal) == "written then left")


async def test_quit_anyway_is_a_choice_the_person_makes(app, tui_journal, held):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("tab")  # Write opens in the title; tab goes on to the text
        await type_text(pilot, "let it go")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, UnkeptScreen))
        app.screen.query_one("#unkept-quit", Button).press()
        await until(pilot, lambda: not app.is_running)


# ------------------------------------------------------------------ two windows


@pytest.fixture
def two_apps(tmp_path):
    path = tmp_path / "journal" / "journal.db"
    first, second = Journal.open(path), Journal.open(path)
    yield create_app(first), create_app(second), path
    first.close()
    second.close()


async def test_two_windows_writing_a_new_entry_keep_both_drafts(two_apps, monkeypatch):
    monkeypatch.setattr(drafting, "QUIET_S", 0.05)
    app1, app2, path = two_apps
    async with app1.run_test(size=(120, 40)) as one, app2.run_test(size=(120, 40)) as two:
        await one.press("f6")
        await two.press("f6")
        await one.pause()
        await two.pause()
        await one.press("tab")  # Write opens in the title; tab goes on to the text
        await two.press("tab")
        await type_text(one, "from the first window")
        await type_text(two, "from the second window")
        await until(one, lambda: len(app1.journal.drafts._family("entry:new")) == 2)
        await type_text(one, ", more")
        await type_text(two, ", more")
        await until(two, lambda: "another closer window" in str(
            app2.screen.query_one("#write-status", Static).render()))
        await until(one, lambda: sorted(
            (app1.journal.load_draft(k) or {}).get("body", "")
            for k in ("entry:new", "entry:new~1")) == [
            "from the first window, more", "from the second window, more"])
    with Journal.open(path) as journal:
        bodies = sorted(journal.load_draft(k)["body"] for k in ("entry:new", "entry:new~1"))
    assert bodies == ["from the first window, more", "from the second window, more"]


async def test_two_windows_on_one_thought_record_keep_both_versions(two_apps, monkeypatch):
    monkeypatch.setattr(drafting, "QUIET_S", 0.05)
    app1, app2, path = two_apps
    record = app1.journal.thoughts.create_draft(situation="the kitchen")
    async with app1.run_test(size=(120, 40)) as one, app2.run_test(size=(120, 40)) as two:
        for app, pilot in ((app1, one), (app2, two)):
            app.open_record("thought_record", record.id)
            await until(pilot, lambda app=app: app.focused is not None
                        and app.focused.id == "thought-situation")
            await pilot.press("end")
        await type_text(one, ", after dinner")
        await until(one, lambda: app1.journal.thoughts.get(record.id).situation
                    == "the kitchen, after dinner")
        await type_text(two, ", late")
        await until(two, lambda: app2.journal.thoughts.count() == 2)
    with Journal.open(path) as journal:
        situations = sorted(r.situation for r in journal.thoughts.list())
    assert situations == ["the kitchen, after dinner", "the kitchen, late"]
