"""A note on one mark of the private tally. What is typed is kept as a draft until it is
saved; escape leaves it for next time."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from storage import dates
from tui.dialogs.line_form import LineForm

SIDE_MARKS = {"kind": "+", "slight": "−"}
"""Kind and slight by shape, not colour alone."""


class TallyNote(LineForm):
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
    PREFIX, WORDS, LINE = "tally-note", "tally-note-what", "tally-note"
    LABEL = "A note (optional): what happened, or what you'd do next time"
    PLACEHOLDER = "Only you see this"

    BINDINGS = [
        Binding("escape", "leave", "Back", id="tally.note.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="tally.note.save", priority=True,
                tooltip="Keep this note with the mark (enter does the same)."),
    ]

    def __init__(self, mark_id: int) -> None:
        self.mark_id = mark_id
        super().__init__(f"tally:{mark_id}", "Your note on a tally mark")

    def heading(self) -> str:
        return "A note on a mark"

    def load(self) -> tuple[Text, str]:
        from content import knowledge

        mark = self.journal.tally.get(self.mark_id)
        item = knowledge().small_things.tally_item(mark.what)
        shown = dates.local(mark.occurred_at)
        return Text.assemble((f"{SIDE_MARKS[mark.side]} {item.name}", "bold"),
                             f" · {shown:%a} {shown.day} {shown:%b}, {shown:%H:%M}"), mark.note

    def keep(self, line: str) -> int:
        return self.journal.tally.set_note(self.mark_id, line).id
