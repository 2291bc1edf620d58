"""A small dialog of one line of text, kept as a draft while it is typed: a note on a day of
the love list or on a tally mark, a new idea for the discovery bank.

What is typed waits in a :class:`tui.drafting.FormDraft` under the form's own key, so it
survives leaving (escape), a crash or another window; saving writes it and drops the draft in
one transaction. A subclass says what the line is (:meth:`LineForm.load`) and how it is kept
(:meth:`LineForm.keep`); its ids are its ``PREFIX``'s, so each keeps its own stylesheet.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from storage import JournalError
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach


class LineForm(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """One line to write and keep; dismisses with the id of what was kept (None: left).

    Ids: ``#<PREFIX>-form`` (the box), ``-message``, ``-buttons``, ``-save``, ``-back``; the
    words above the line ``#<WORDS>`` and the line itself ``#<LINE>``."""

    PREFIX = ""
    WORDS = ""
    LINE = ""
    LABEL: str | None = None
    """The label over the line (None: no label, the words above say what it is)."""
    PLACEHOLDER = ""

    def __init__(self, key: str, what: str) -> None:
        super().__init__()
        self.draft = FormDraft(self, key, what=what, state=self.state,
                               say=lambda text, error: self._say(text, error=error))

    # -- what a subclass says ------------------------------------------------------------

    def heading(self) -> str:
        """The box's title."""
        raise NotImplementedError

    def load(self) -> tuple[Text | str, str]:
        """The words above the line and the line as stored (raise JournalError to say why
        it cannot be read; the line then starts empty)."""
        raise NotImplementedError

    def keep(self, line: str) -> int:
        """Write ``line`` (inside the transaction the form opens); the id of what was kept."""
        raise NotImplementedError

    # -- the form ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id=f"{self.PREFIX}-form"):
            yield Static("", id=self.WORDS)
            if self.LABEL is not None:
                yield Label(self.LABEL)
            yield Input(placeholder=self.PLACEHOLDER, id=self.LINE)
            yield Static("", id=f"{self.PREFIX}-message", markup=False)
            with Horizontal(id=f"{self.PREFIX}-buttons"):
                yield Button("Save", variant="primary", id=f"{self.PREFIX}-save")
                yield Button("Back", id=f"{self.PREFIX}-back")

    def on_mount(self) -> None:
        self.query_one(f"#{self.PREFIX}-form").border_title = self.heading()
        stored = ""
        try:
            words, stored = self.load()
        except JournalError as exc:
            self._say(str(exc), error=True)
        else:
            self.query_one(f"#{self.WORDS}", Static).update(
                Text(words) if isinstance(words, str) else words)
        line = self.query_one(f"#{self.LINE}", Input)
        line.value = self.draft.load({"line": stored})["line"] or ""
        self.draft.filled()
        line.focus()

    def state(self) -> dict:
        return {"line": self.query_one(f"#{self.LINE}", Input).value}

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one(f"#{self.PREFIX}-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    @on(Input.Changed)
    def _changed(self) -> None:
        self.draft.changed()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == f"{self.PREFIX}-save":
            self.action_save()
        elif event.button.id == f"{self.PREFIX}-back":
            self.action_leave()

    def action_save(self) -> None:
        journal = self.journal
        try:
            with journal.transaction():
                kept = self.keep(self.state()["line"])
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.dismiss(kept)

    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)
