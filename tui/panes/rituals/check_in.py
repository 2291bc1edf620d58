"""The monthly "bigger picture" check-in: content's guided questions, each with a box to
answer in. Saving keeps the answers as a journal entry (a question left blank is left out)
and marks the ritual done for the day, both at once (:meth:`storage.rituals.Rituals.check_in`).
What is typed is kept as a draft until it is saved; escape leaves it for next time."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from storage import JournalError
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach


def draft_key(ritual_id: int, day: date) -> str:
    return f"ritual_check_in:{ritual_id}:{day.isoformat()}"


class CheckInScreen(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """Answer the check-in for ``ritual_id`` on ``day``; dismisses with the mark's id (None
    when left)."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="rituals.check_in.back",
                tooltip="Go back. What you wrote stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="rituals.check_in.save", priority=True,
                tooltip="Keep your answers as a journal entry and mark the check-in done."),
    ]

    def __init__(self, ritual_id: int, day: date) -> None:
        super().__init__()
        self.ritual_id = ritual_id
        self.day = day
        self.draft = FormDraft(
            self, draft_key(ritual_id, day), what=f"Your check-in for {day:%a %d %b}",
            state=self.state, say=lambda text, error: self._say(text, error=error))

    def compose(self) -> ComposeResult:
        from content import knowledge

        self.check = knowledge().small_things.check_in
        with Vertical(id="check-in-form"):
            yield Static(Text(self.check.intro), id="check-in-intro")
            for n, question in enumerate(self.check.questions):
                yield Label(Text(question), classes="check-in-question")
                yield TextArea(id=f"check-in-{n}", soft_wrap=True, show_line_numbers=False,
                               classes="check-in-answer")
            yield Static("", id="check-in-message", markup=False)
            with Horizontal(id="check-in-buttons"):
                yield Button("Save", variant="primary", id="check-in-save")
                yield Button("Back", id="check-in-back")

    @property
    def answers(self) -> list[TextArea]:
        return list(self.query(".check-in-answer").results(TextArea))

    def on_mount(self) -> None:
        form = self.query_one("#check-in-form")
        form.border_title = Text(f"{self.check.name} · {self.day:%a} {self.day.day} "
                                 f"{self.day:%b %Y}")
        values = self.draft.load({"answers": [""] * len(self.check.questions)})
        given = list(values.get("answers") or [])
        for n, area in enumerate(self.answers):
            area.load_text(given[n] if n < len(given) and isinstance(given[n], str) else "")
        self.draft.filled()
        self.answers[0].focus()

    def state(self) -> dict:
        return {"answers": [area.text for area in self.answers]}

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#check-in-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self.draft.changed()

    @on(Button.Pressed, "#check-in-save")
    def action_save(self) -> None:
        journal = self.journal
        try:
            with journal.transaction():
                _entry, log = journal.rituals.check_in(self.ritual_id, self.day,
                                                       self.state()["answers"])
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.notify(f"Kept in your journal as \u201c{self.check.name}\u201d, tagged "
                    f"#{self.check.tag}.", markup=False)
        self.dismiss(log.id)

    @on(Button.Pressed, "#check-in-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)
