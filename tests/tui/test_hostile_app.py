"""The app over a journal full of hostile texts: every view draws them literally.

The journal is filled through the import path, so every kind of record holds the texts
whatever each pane's own API looks like; every pane (and Look back, when it exists) is
visited at two sizes, and what is on the screen is checked: markup never interpreted,
no escape character ever reaching the terminal, no crash.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from storage import Journal
from storage.portable import import_json
from tui import compat
from tui.app import create_app
from tui.panes import PANES

# Each pair: if the first (plain) text is on a line of the screen, the second must be too.
# Were the markup interpreted, the brackets before the plain text would vanish.
LITERAL = [
    ("Qz1", "[b]Qz1"),
    ("Qz3", "Qz2[/]Qz3"),
    ("Qz4", "x.example]Qz4"),
    ("Qz5", "quit]Qz5"),
    ("Qz6", "$accent]Qz6"),
    ("Qz7", "\\[Qz7]"),
    ("Qz8", "[31mQz8"),
    ("Qz9", "[/bold]Qz9"),
]
HOSTILE = [
    "[b]Qz1[/b] Qz2[/]Qz3 [link=https://x.example]Qz4[/link]",
    "[@click=app.quit]Qz5[/] [$accent]Qz6[/] \\[Qz7] \x1b[31mQz8\x1b[0m [/bold]Qz9",
    "\x1b]0;PWNED\x07 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x9b2J \x00\x07\x08",
    "👩🏽‍❤️‍💋‍👨🏿 👍🏻 🏳️‍🌈 🇳🇱 我们今天晚上一起散步了 שלום مرحبا \u202eevil\u202c Z̴̡̛a̷̰l̶g̵o̸",
    "[" * 300 + "]" * 300 + " [bold" + " unclosed [red",
    "x" * 5000,
]
MOMENT = "2025-03-0{}T20:00:00+00:00"


def hostile_document() -> dict:
    """A closer export holding every hostile text in every kind of record."""
    texts = HOSTILE
    day = lambda n: MOMENT.format(1 + n % 9)  # noqa: E731
    side = {k: texts[0] for k in ("trigger", "move", "tells_self", "surface", "underneath",
                                   "longing")}
    return {
        "format": "closer",
        "format_version": 1,
        "entries": [{"occurred_at": day(n), "title": t[:200], "body": t}
                    for n, t in enumerate(texts)],
        "loop_map": [{"id": 1, "created_at": day(0), "pattern": "pursue_withdraw",
                      "my_role": "pursuer", "me": side, "them": {**side, "move": texts[1]}}],
        "loop_events": [
            {"id": n + 1, "occurred_at": day(n), "trigger": t, "my_move": t, "their_move": t,
             "note": t, "intensity": 5, "ending": "unresolved"}
            for n, t in enumerate(texts)
        ],
        "thought_records": [
            {"id": n + 1, "occurred_at": day(n), "situation": t, "story": t,
             "evidence_for": t, "evidence_against": t, "alternative_story": t,
             "next_step": t, "status": "complete" if n % 2 else "draft",
             "story_belief_before": 80, "story_belief_after": 40,
             "feelings_before": [{"name": t[:200], "intensity": 70}]}
            for n, t in enumerate(texts)
        ],
        "rituals": [
            {"id": n + 1, "name": t[:200], "description": t, "prompt": t,
             "rrule": "FREQ=DAILY", "dtstart": "2025-02-01"}
            for n, t in enumerate(texts[:3])
        ],
        "ritual_log": [
            {"ritual_id": 1 + n % 3, "on_date": f"2025-03-{1 + n:02d}", "status": "done",
             "note": t[:2000], "positive": t[:2000], "negative": t[:2000]}  # notes are short
            for n, t in enumerate(texts)
        ],
    }


@pytest.fixture
def hostile_journal(tmp_path):
    journal = Journal.open(tmp_path / "journal" / "journal.db")
    import_json(journal, hostile_document())
    yield journal
    journal.close()


def screen_lines(app) -> list[str]:
    """The text of every line on the screen, and a check that no segment carries ESC."""
    strips = compat.screen_strips(app.screen)
    lines = []
    for strip in strips:
        for segment in strip:
            assert "\x1b" not in segment.text and "\x9b" not in segment.text, repr(segment.text)
        lines.append(strip.text)
    return lines


def assert_literal(app, where: str) -> list[str]:
    lines = screen_lines(app)
    for line in lines:
        for plain, literal in LITERAL:
            if plain in line:
                assert literal in line, f"{where}: markup interpreted in {line!r}"
    return lines


PANE_KEYS = [spec.key for spec in PANES]
VIEW_KEYS = ["f5", "f6"]  # Look back and Write, once the app binds them


def views(app) -> list[str]:
    """The keys that show each view the app has: the panes, then the views bound to keys."""
    bound = {b.binding.key for b in app.screen.active_bindings.values()}
    return PANE_KEYS + [key for key in VIEW_KEYS if key in bound]


async def back_to_main(app, pilot) -> None:
    """Leave a view (escape, or the first pane's key) until the main screen is showing."""
    from tui.screens.main import MainScreen

    for key in ("escape", "escape", "f2"):
        if isinstance(app.screen, MainScreen):
            return
        await pilot.press(key)
        await pilot.pause()
    assert isinstance(app.screen, MainScreen), app.screen


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "narrow"])
async def test_every_view_draws_hostile_texts_literally(hostile_journal, size):
    app = create_app(hostile_journal)
    counts = hostile_journal.counts()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert_literal(app, "start")
        for key in views(app):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running
            assert_literal(app, key)
            if size[0] >= 100:  # move around inside the view (once is enough)
                await pilot.press("down", "end", "tab", "up")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert_literal(app, f"{key} after moving")
            assert app.is_running, key
            if key in VIEW_KEYS:
                await back_to_main(app, pilot)
        await pilot.press("f11")
        await pilot.pause()
        assert_literal(app, "maximised")
    assert hostile_journal.counts() == counts  # looking changes nothing
    assert app.return_code in (None, 0)


TYPED = "[b]Qz1[/b] Qz2[/]Qz3 [link=https://x.example]Qz4[/link] 我们 👍🏽 שלום"


async def test_hostile_text_typed_into_every_field_stays_literal(hostile_journal):
    """Whatever text fields each view offers, hostile text entered into them shows as typed.
    The first characters go in as key presses, the rest as one paste (quicker)."""
    from textual.widgets import TextArea

    app = create_app(hostile_journal)
    typed_into = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in views(app):
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            fields = [w for w in app.screen.query("Input, TextArea")
                      if w.display and not getattr(w, "disabled", False)
                      and not getattr(w, "read_only", False)]
            for field in fields[:2]:
                field.focus()
                await pilot.pause()
                before = field.text if isinstance(field, TextArea) else field.value
                await pilot.press("[", "b", "]")
                if isinstance(field, TextArea):
                    field.insert(TYPED[3:])
                else:
                    field.insert_text_at_cursor(TYPED[3:])
                await pilot.pause()
                after = field.text if isinstance(field, TextArea) else field.value
                typed_into += after != before  # (a field may refuse some characters)
                assert_literal(app, f"typing in {key}")
                assert app.is_running
            await app.workers.wait_for_complete()
            await pilot.pause()
            if key in VIEW_KEYS:
                await back_to_main(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    if not typed_into:
        pytest.skip("no view has a text field yet")


async def test_hostile_text_typed_into_the_palette_stays_literal(hostile_journal):
    app = create_app(hostile_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        typed = "[b]Qz1[/b] Qz2[/]Qz3"
        await pilot.press(*("space" if c == " " else c for c in typed))
        await app.workers.wait_for_complete()
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == typed
        lines = assert_literal(app, "palette")
        assert any(typed in line for line in lines)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_the_help_and_theme_keep_working_over_hostile_records(hostile_journal):
    app = create_app(hostile_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("f1", "escape", "ctrl+t", "f3", "ctrl+t"):
            await pilot.press(key)
            await pilot.pause()
            if key == "f1":
                # The help box covers the middle of the panes and cuts their lines short,
                # so only the escape-character check applies while it is open.
                screen_lines(app)
            else:
                assert_literal(app, key)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_the_literal_check_itself_notices_interpreted_markup():
    """A guard on the guard: the screen check above fails when markup is interpreted."""
    from textual.app import App
    from textual.widgets import Static

    class Probe(App):
        def __init__(self, markup: bool):
            super().__init__()
            self.markup = markup

        def compose(self):
            # (all of HOSTILE[0] would not even parse as markup: Textual raises)
            yield Static("[b]Qz1[/b] [b]Qz2[/]Qz3", markup=self.markup)

    for markup in (False, True):
        app = Probe(markup)
        async with app.run_test(size=(120, 10)) as pilot:
            await pilot.pause()
            if markup:
                with pytest.raises(AssertionError, match="markup interpreted"):
                    assert_literal(app, "probe")
            else:
                assert any("[b]Qz1[/b]" in line for line in assert_literal(app, "probe"))
