"""Marking one ritual on one day: done, skipped or didn't happen, a short note, and for
rituals that ask it (the five-minute download), one good thing and one hard thing. Saying why
a day didn't happen is always optional; a reason, once chosen, shows its kind words.

Two rituals ask a little more when they happened. The family boundary meeting reviews the
agreements of the meeting before (each one kept or let go) and takes new ones; the shared
discovery asks which idea of the bank it was, or a new one. What is typed is kept as a draft
until it is saved; escape leaves it for next time."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (Button, Input, Label, RadioButton, RadioSet, Select,
                             SelectionList, Static, TextArea)
from textual.widgets.selection_list import Selection

from storage import JournalError
from storage.rituals import (BOUNDARY_MEETING, SHARED_DISCOVERY, carry_agreements,
                             review_agreements)
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.toggles import Choice, TickList
from tui.widgets.choice import Menu, RadioRow

STATUSES = (("done", "Done"), ("skipped", "Skipped"), ("missed", "Didn't happen"))
NEW_IDEA = "new"
"""The idea menu's value for an idea not in the bank yet (written in the box below it)."""


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
        self.previous = None
        """The agreements of the meeting before, to review (the boundary meeting's)."""

    @property
    def keeps_agreements(self) -> bool:
        return self.ritual.template == BOUNDARY_MEETING

    @property
    def asks_idea(self) -> bool:
        return self.ritual.template == SHARED_DISCOVERY

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
            if self.keeps_agreements:
                yield from self._agreements()
            if self.asks_idea:
                yield from self._idea()
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

    def _agreements(self) -> ComposeResult:
        previous = self.journal.rituals.last_agreements(self.ritual_id, self.day)
        self.previous = previous
        with Vertical(id="mark-agreements-box"):
            if previous is not None:
                yield Label(f"Agreed on {previous.on_date:%a} {previous.on_date.day} "
                            f"{previous.on_date:%b %Y}; untick any you let go",
                            id="mark-review-label")
                yield TickList[int](
                    *(Selection(Text(line), n, True) for n, line in enumerate(previous.lines)),
                    id="mark-kept")
            yield Label("Agreements (new ones, one a line)")
            yield TextArea(id="mark-agreements", soft_wrap=True, show_line_numbers=False,
                           placeholder="What you agree to do together, one a line")

    def _idea(self) -> ComposeResult:
        bank = self.journal.discoveries
        done = bank.done_on_day(self.day)
        self.day_idea = done
        ideas = ([done] if done is not None else []) + bank.to_try()
        options = [(Text(idea.idea), idea.id) for idea in ideas]
        options.append(("Something new, not in the bank", NEW_IDEA))
        self.idea_values = {value for _label, value in options}
        with Vertical(id="mark-idea-box"):
            yield Label("Which idea from your bank was it?")
            yield Menu(options, prompt="Choose the idea you tried", id="mark-idea")
            yield Input(placeholder="The new thing you tried, in a few words",
                        id="mark-new-idea")

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
        if self.keeps_agreements:
            lines = self.previous.lines if self.previous else ()
            kept, new = (review_agreements(lines, mark.agreements) if mark
                         else ([True] * len(lines), ""))
            clean.update(kept=kept, agreements=new)
        if self.asks_idea:
            chosen = self.day_idea or (None if mark else
                                       self.journal.discoveries.suggest(self.day))
            clean.update(idea=chosen.id if chosen else None, new_idea="")
        values = self.draft.load(clean)
        if self.wanted_status:
            values["status"] = self.wanted_status
        self._fill(values)
        self.query_one("#mark-clear").display = mark is not None
        self.query_one("#mark-note", Input).focus()

    def _fill(self, values: dict) -> None:
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
        if self.keeps_agreements:
            if self.previous is not None:
                kept = self.query_one("#mark-kept", SelectionList)
                kept.deselect_all()
                for n, keep in enumerate(values.get("kept") or []):
                    if keep and n < len(self.previous.lines):
                        kept.select(n)
            self.query_one("#mark-agreements", TextArea).load_text(values["agreements"] or "")
        if self.asks_idea:
            idea = self.query_one("#mark-idea", Select)
            if values.get("idea") in self.idea_values:
                idea.value = values["idea"]
            else:
                idea.clear()
            self.query_one("#mark-new-idea", Input).value = values.get("new_idea") or ""
        self._show_reason(values["status"])
        self.draft.filled()

    def status(self) -> str:
        pressed = self.query_one("#mark-status", RadioSet).pressed_button
        return (pressed.id or "mark-done").removeprefix("mark-") if pressed else "done"

    def state(self) -> dict:
        reason = self.query_one("#mark-reason", Select).value
        asks = self.ritual.asks_good_and_hard
        state = {
            "status": self.status(),
            "note": self.query_one("#mark-note", Input).value,
            "positive": self.query_one("#mark-positive", Input).value if asks else "",
            "negative": self.query_one("#mark-negative", Input).value if asks else "",
            "reason": None if reason is Select.NULL else reason,
        }
        if self.keeps_agreements:
            lines = self.previous.lines if self.previous else ()
            chosen = set(self.query_one("#mark-kept", SelectionList).selected) if lines else ()
            state["kept"] = [n in chosen for n in range(len(lines))]
            state["agreements"] = self.query_one("#mark-agreements", TextArea).text
        if self.asks_idea:
            idea = self.query_one("#mark-idea", Select).value
            state["idea"] = None if idea is Select.NULL else idea
            state["new_idea"] = self.query_one("#mark-new-idea", Input).value
        return state

    def _show_reason(self, status: str) -> None:
        if self.keeps_agreements:
            self.query_one("#mark-agreements-box").display = status == "done"
        if self.asks_idea:
            self.query_one("#mark-idea-box").display = status == "done"
            self.query_one("#mark-new-idea").display = (
                self.query_one("#mark-idea", Select).value == NEW_IDEA)
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

    @on(Select.Changed, "#mark-idea")
    def _idea_changed(self) -> None:
        self._show_reason(self.status())
        self._changed()

    @on(SelectionList.SelectedChanged, "#mark-kept")
    @on(TextArea.Changed, "#mark-agreements")
    @on(Input.Changed)
    def _changed(self) -> None:
        self.draft.changed()

    # -- saving -----------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#mark-save")
    def action_save(self) -> None:
        state = self.state()
        journal = self.journal
        try:
            with journal.transaction():
                idea = state.get("idea")
                if idea == NEW_IDEA:
                    idea = state["new_idea"]
                if self.asks_idea and state["status"] == "done" and idea is not None:
                    log = journal.rituals.mark_discovery(self.ritual_id, self.day, idea,
                                                         note=state["note"])
                else:
                    agreements = ""
                    if self.keeps_agreements:
                        lines = self.previous.lines if self.previous else ()
                        agreements = carry_agreements(lines, state["kept"],
                                                      state["agreements"])
                    log = journal.rituals.mark(
                        self.ritual_id, self.day, state["status"], note=state["note"],
                        positive=state["positive"], negative=state["negative"],
                        reason=state["reason"], agreements=agreements,
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
