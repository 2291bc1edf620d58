"""Adding or changing an item of the love list (the words, where it came from, a note), and
the note of a day it was done. What is typed is kept as a draft until it is saved; escape
leaves it for next time, and nothing asks "save?"."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from storage import JournalError
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.dialogs.line_form import LineForm
from tui.reach import Reach
from tui.widgets.choice import RadioRow
from tui.widgets.toggles import Choice

SOURCE_GLYPHS = {"asked": "◆", "used_to": "↺", "their_way": "♥"}
"""Where an item came from, by shape as well as by words: they asked for it, we used to do
this, how they show love."""

FORM_CSS = """
LoveForm, LoveDayNote { align: center middle; }
#love-form, #love-day-form {
    width: 76; max-width: 95%; height: auto; max-height: 90%; overflow-y: auto;
    border: round $accent; padding: 0 1; background: $surface;
}
#love-form Label, #love-day-form Label { color: $text-muted; margin: 0 1; }
#love-source { width: 100%; margin: 0 0 0 0; }
#love-source-words { height: auto; margin: 0 1; }
.love-source-line { height: auto; }
.love-glyph { width: 3; color: $text-muted; }
.love-words { width: 1fr; color: $text-muted; }
.love-words.-chosen { color: $text; text-style: bold; }
#love-day-words { height: auto; margin: 0 1 1 1; }
#love-message, #love-day-message { height: auto; margin: 0 1; color: $text-muted; }
#love-message.-error, #love-day-message.-error { color: $error; }
#love-buttons, #love-day-buttons { height: auto; margin: 1 0 0 0; }
#love-buttons Button, #love-day-buttons Button { margin: 0 1 0 0; }
"""


def source_label(key: str) -> Text:
    """A source as a choice reads: its shape and its name."""
    from content import knowledge

    return Text(f"{SOURCE_GLYPHS.get(key, '·')} {knowledge().small_things.love_source(key).name}")


class LoveForm(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """Add an item (``love_id`` None) or change one; dismisses with its id (None: left)."""

    DEFAULT_CSS = FORM_CSS

    BINDINGS = [
        Binding("escape", "leave", "Back", id="love.form.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="love.form.save", priority=True,
                tooltip="Keep this on your love list (enter in a text field does the same)."),
    ]

    def __init__(self, love_id: int | None = None) -> None:
        super().__init__()
        self.love_id = love_id
        self.draft = FormDraft(
            self, f"love:{love_id if love_id is not None else 'new'}",
            what="Your love-list item" if love_id is None else "Your change to a love-list item",
            state=self.state, say=lambda text, error: self._say(text, error=error))

    def compose(self) -> ComposeResult:
        from content import knowledge

        words = knowledge().small_things
        with Vertical(id="love-form"):
            yield Label("What you do")
            yield Input(placeholder="Something small and specific, in your own words",
                        id="love-what")
            yield Label("Where it came from")
            with RadioRow(id="love-source"):
                for source in words.love_sources:
                    yield Choice(source_label(source.key), id=f"love-source-{source.key}")
            with Vertical(id="love-source-words"):
                for source in words.love_sources:
                    with Horizontal(classes="love-source-line"):
                        yield Static(Text(SOURCE_GLYPHS[source.key]), classes="love-glyph")
                        yield Static(Text(source.description), classes="love-words",
                                     id=f"love-words-{source.key}")
            yield Label("A note (optional)")
            yield Input(placeholder="When it helps, or how they said it", id="love-note")
            yield Static("", id="love-message", markup=False)
            with Horizontal(id="love-buttons"):
                yield Button("Save", variant="primary", id="love-save")
                yield Button("Back", id="love-back")

    def on_mount(self) -> None:
        form = self.query_one("#love-form")
        form.border_title = "Add to your love list" if self.love_id is None else \
            "Change a love-list item"
        clean = {"what": "", "source": None, "note": ""}
        if self.love_id is not None:
            try:
                item = self.journal.love.get(self.love_id)
            except JournalError as exc:
                self._say(str(exc), error=True)
            else:
                clean = {"what": item.what, "source": item.source, "note": item.note}
        self._fill(self.draft.load(clean))
        self.query_one("#love-what", Input).focus()

    def _fill(self, values: dict) -> None:
        self.query_one("#love-what", Input).value = values.get("what") or ""
        self.query_one("#love-note", Input).value = values.get("note") or ""
        source = values.get("source")
        if source in SOURCE_GLYPHS:
            self.query_one(f"#love-source-{source}", RadioButton).value = True
        self._show_source()
        self.draft.filled()

    def source(self) -> str | None:
        pressed = self.query_one("#love-source", RadioSet).pressed_button
        return pressed.id.removeprefix("love-source-") if pressed and pressed.id else None

    def state(self) -> dict:
        return {"what": self.query_one("#love-what", Input).value, "source": self.source(),
                "note": self.query_one("#love-note", Input).value}

    def _show_source(self) -> None:
        """Every source's description under the row, the chosen one set apart (so a person
        sees what each means before choosing)."""
        chosen = self.source()
        for key in SOURCE_GLYPHS:
            self.query_one(f"#love-words-{key}").set_class(key == chosen, "-chosen")

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#love-message", Static)
        message.update(text)
        message.set_class(error, "-error")
        if text:  # under the note, out of sight at 24 rows unless brought into view
            self.call_after_refresh(message.scroll_visible, animate=False)

    @on(RadioSet.Changed, "#love-source")
    def _source_changed(self) -> None:
        self._show_source()
        self._changed()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.draft.changed()

    @on(Input.Submitted)
    @on(Button.Pressed, "#love-save")
    def action_save(self) -> None:
        state = self.state()
        if state["source"] is None:
            self._say("Choose where it came from: the shape beside it on the list shows it.",
                      error=True)
            self.query_one("#love-source").focus()
            return
        journal = self.journal
        try:
            with journal.transaction():
                if self.love_id is None:
                    item = journal.love.add(**state)
                else:
                    item = journal.love.update(self.love_id, **state)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.dismiss(item.id)

    @on(Button.Pressed, "#love-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)


class LoveDayNote(LineForm):
    """Mark an item as done on ``day`` with a note, or change the note of that day's tick;
    dismisses with the tick's id (None: left)."""

    DEFAULT_CSS = FORM_CSS
    PREFIX, WORDS, LINE = "love-day", "love-day-words", "love-day-note"
    LABEL, PLACEHOLDER = "A note (optional)", "How it went, in a line"

    BINDINGS = [
        Binding("escape", "leave", "Back", id="love.note.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="love.note.save", priority=True,
                tooltip="Mark it as done with this note (enter does the same)."),
    ]

    def __init__(self, love_id: int, day: date) -> None:
        self.love_id = love_id
        self.day = day
        super().__init__(f"love_done:{love_id}:{day.isoformat()}",
                         f"Your note for {day:%a %d %b}")

    def heading(self) -> str:
        return f"Did it · {self.day:%a} {self.day.day} {self.day:%b %Y}"

    def load(self) -> tuple[str, str]:
        love = self.journal.love
        item = love.get(self.love_id)
        tick = love.tick(self.love_id, self.day)
        return item.what, tick.note if tick is not None else ""

    def keep(self, line: str) -> int:
        return self.journal.love.day_note(self.love_id, self.day, line).id
