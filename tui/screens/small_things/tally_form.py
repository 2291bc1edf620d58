"""A note on one mark of the private tally. What is typed is kept as a draft until it is
saved; escape leaves it for next time."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from storage import JournalError, dates
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach

SIDE_MARKS = {"kind": "+", "slight": "−"}
"""Kind and slight by shape, not colour alone."""


class TallyNote(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """Write or change the note of mark ``mark_id``; dismisses with its id (None: left)."""

    DEFAULT_CSS = """
    TallyNote { align: center middle; }
    #tally-note-form {
        width: 70; max-width: 95%; height: auto; max-height: 90%; overflow-y: auto;
        border: round $accent; padding: 0 1; background: $surface;
    }
    #tally-note-form Label { color: $text-muted; margin: 0 1; }
    #tally-note-what { height: auto; margin: 0 1 1 1; }
    #tally-note-message { height: auto; margin: 0 1; color: $text-muted; }
    #tally-note-message.-error { color: $error; }
    #tally-note-buttons { height: auto; margin: 1 0 0 0; }
    #tally-note-buttons Button { margin: 0 1 0 0; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", id="tally.note.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="tally.note.save", priority=True,
                tooltip="Keep this note with the mark (enter does the same)."),
    ]

    def __init__(self, mark_id: int) -> None:
        super().__init__()
        self.mark_id = mark_id
        self.draft = FormDraft(self, f"tally:{mark_id}", what="Your note on a tally mark",
                               state=self.state,
                               say=lambda text, error: self._say(text, error=error))
        self._filling = False

    def compose(self) -> ComposeResult:
        with Vertical(id="tally-note-form"):
            yield Static("", id="tally-note-what")
            yield Label("A note (optional): what happened, or what you'd do next time")
            yield Input(placeholder="Only you see this", id="tally-note")
            yield Static("", id="tally-note-message", markup=False)
            with Horizontal(id="tally-note-buttons"):
                yield Button("Save", variant="primary", id="tally-note-save")
                yield Button("Back", id="tally-note-back")

    def on_mount(self) -> None:
        from content import knowledge

        self.query_one("#tally-note-form").border_title = "A note on a mark"
        clean = {"note": ""}
        try:
            mark = self.journal.tally.get(self.mark_id)
        except JournalError as exc:
            self._say(str(exc), error=True)
        else:
            item = knowledge().small_things.tally_item(mark.what)
            shown = dates.local(mark.occurred_at)
            self.query_one("#tally-note-what", Static).update(Text.assemble(
                (f"{SIDE_MARKS[mark.side]} {item.name}", "bold"),
                f" · {shown:%a} {shown.day} {shown:%b}, {shown:%H:%M}"))
            clean = {"note": mark.note}
        self._filling = True
        self.query_one("#tally-note", Input).value = self.draft.load(clean)["note"] or ""
        self.call_after_refresh(self._done_filling)
        self.query_one("#tally-note", Input).focus()

    def _done_filling(self) -> None:
        self._filling = False

    def state(self) -> dict:
        return {"note": self.query_one("#tally-note", Input).value}

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#tally-note-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    @on(Input.Changed)
    def _changed(self) -> None:
        if not self._filling:
            self.draft.changed()

    @on(Input.Submitted)
    @on(Button.Pressed, "#tally-note-save")
    def action_save(self) -> None:
        journal = self.journal
        try:
            with journal.transaction():
                mark = journal.tally.set_note(self.mark_id, self.state()["note"])
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.dismiss(mark.id)

    @on(Button.Pressed, "#tally-note-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)
