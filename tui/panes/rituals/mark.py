"""Marking one ritual on one day: done, skipped or didn't happen, a short note, and for
rituals that ask it (the five-minute download), one good thing and one hard thing. Saying why
a day didn't happen is always optional; a reason, once chosen, shows its kind words. What is
typed is kept as a draft until it is saved; escape leaves it for next time."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from storage import JournalError
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.toggles import Choice
from tui.widgets.choice import Menu, RadioRow

STATUSES = (("done", "Done"), ("skipped", "Skipped"), ("missed", "Didn't happen"))


def draft_key(ritual_id: int, day: date) -> str:
    return f"ritual_mark:{ritual_id}:{day.isoformat()}"


class MarkScreen(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """Mark ``ritual_id`` on ``day``; dismisses with the mark's id (None when left)."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="rituals.mark.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="rituals.mark.save", priority=True,
                tooltip="Keep this mark (enter in any field does the same)."),
    ]

    def __init__(self, ritual_id: int, day: date, status: str | None = None) -> None:
        super().__init__()
        self.ritual_id = ritual_id
        self.day = day
        self.wanted_status = status
        self.draft = FormDraft(
            self, draft_key(ritual_id, day), what=f"Your mark for {day:%a %d %b}",
            state=self.state, say=lambda text, error: self._say(text, error=error))
        self._filling = False

    def compose(self) -> ComposeResult:
        from content import knowledge

        ritual = self.journal.rituals.get(self.ritual_id)
        self.ritual = ritual
        with Vertical(id="mark-form"):
            yield Static(Text(ritual.prompt or ritual.description), id="mark-prompt")
            with RadioRow(id="mark-status"):
                for key, label in STATUSES:
                    yield Choice(label, id=f"mark-{key}")
            yield Label("A short note (optional)")
            yield Input(placeholder="What happened, in a line", id="mark-note")
            if ritual.asks_good_and_hard:
                yield Label("One good thing from the day")
                yield Input(placeholder="Something that went well, however small",
                            id="mark-positive")
                yield Label("One hard thing from the day")
                yield Input(placeholder="Something that weighed on you", id="mark-negative")
            yield Menu(
                [(reason.name, reason.key) for reason in knowledge().missed_reasons],
                prompt="Why it didn't happen (optional)", id="mark-reason",
            )
            yield Static("", id="mark-reason-words")
            yield Static("", id="mark-message", markup=False)
            with Horizontal(id="mark-buttons"):
                yield Button("Save", variant="primary", id="mark-save")
                yield Button("Clear this mark", id="mark-clear")
                yield Button("Back", id="mark-back")

    def on_mount(self) -> None:
        form = self.query_one("#mark-form")
        form.border_title = Text(f"{self.ritual.name} · {self.day:%a} {self.day.day} "
                                 f"{self.day:%b %Y}")
        mark = self.journal.rituals.get_mark(self.ritual_id, self.day)
        self.existing = mark
        clean = {
            "status": mark.status if mark else "done",
            "note": mark.note if mark else "",
            "positive": mark.positive if mark else "",
            "negative": mark.negative if mark else "",
            "reason": mark.reason if mark else None,
        }
        values = self.draft.load(clean)
        if self.wanted_status:
            values["status"] = self.wanted_status
        self._fill(values)
        self.query_one("#mark-clear").display = mark is not None
        self.query_one("#mark-note", Input).focus()

    def _fill(self, values: dict) -> None:
        self._filling = True
        self.query_one(f"#mark-{values['status']}", RadioButton).value = True
        self.query_one("#mark-note", Input).value = values["note"] or ""
        if self.ritual.asks_good_and_hard:
            self.query_one("#mark-positive", Input).value = values["positive"] or ""
            self.query_one("#mark-negative", Input).value = values["negative"] or ""
        reason = self.query_one("#mark-reason", Select)
        if values["reason"]:
            reason.value = values["reason"]
        else:
            reason.clear()
        self._show_reason(values["status"])
        self.call_after_refresh(self._done_filling)

    def _done_filling(self) -> None:
        self._filling = False

    def status(self) -> str:
        pressed = self.query_one("#mark-status", RadioSet).pressed_button
        return (pressed.id or "mark-done").removeprefix("mark-") if pressed else "done"

    def state(self) -> dict:
        reason = self.query_one("#mark-reason", Select).value
        asks = self.ritual.asks_good_and_hard
        return {
            "status": self.status(),
            "note": self.query_one("#mark-note", Input).value,
            "positive": self.query_one("#mark-positive", Input).value if asks else "",
            "negative": self.query_one("#mark-negative", Input).value if asks else "",
            "reason": None if reason is Select.NULL else reason,
        }

    def _show_reason(self, status: str) -> None:
        self.query_one("#mark-reason").display = status != "done"
        words = self.query_one("#mark-reason-words", Static)
        reason = self.query_one("#mark-reason", Select).value
        words.display = status != "done" and reason is not Select.NULL
        if words.display:
            from content import knowledge

            words.update(Text(knowledge().missed_reason(str(reason)).description))

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#mark-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    # -- the draft --------------------------------------------------------------------

    @on(RadioSet.Changed, "#mark-status")
    def _status_changed(self) -> None:
        self._show_reason(self.status())
        self._changed()

    @on(Select.Changed, "#mark-reason")
    def _reason_changed(self) -> None:
        self._show_reason(self.status())
        self._changed()

    @on(Input.Changed)
    def _changed(self) -> None:
        if self._filling:
            return
        self.draft.changed()

    # -- saving -----------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#mark-save")
    def action_save(self) -> None:
        state = self.state()
        journal = self.journal
        try:
            with journal.transaction():
                log = journal.rituals.mark(
                    self.ritual_id, self.day, state["status"], note=state["note"],
                    positive=state["positive"], negative=state["negative"],
                    reason=state["reason"],
                )
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.dismiss(log.id)

    @on(Button.Pressed, "#mark-clear")
    def _clear(self) -> None:
        journal = self.journal
        mark = journal.rituals.get_mark(self.ritual_id, self.day)
        if mark is None:
            self.dismiss(None)
            return
        try:
            item = self.draft.trash("mark", mark.id)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.dismiss(None)
        self.closer_app.trashed(item)

    @on(Button.Pressed, "#mark-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)
