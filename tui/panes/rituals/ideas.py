"""The shared-discovery bank from the Rituals pane: a small form to add an idea, and the
whole bank (ideas to try, and what you did with the day), where an idea can be added,
deleted (to the trash) or put back among the ideas to try. Every rule is
:mod:`storage.discoveries`'; this only shows it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach

DRAFT_KEY = "discovery:new"


class IdeaScreen(Drafted, Reach, ModalScreen[int | None]):
    """Add one idea to the bank; dismisses with its id (None when left)."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="rituals.idea.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="rituals.idea.save", priority=True,
                tooltip="Put this idea in the bank (enter does the same)."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft = FormDraft(self, DRAFT_KEY, what="A new idea for a shared discovery",
                               state=self.state,
                               say=lambda text, error: self._say(text, error=error))
        self._filling = False

    def compose(self) -> ComposeResult:
        with Vertical(id="idea-form"):
            yield Static("Something neither of you has done yet, in a few words.",
                         id="idea-words")
            yield Input(placeholder="A night walk with a flask of tea", id="idea-text")
            yield Static("", id="idea-message", markup=False)
            with Horizontal(id="idea-buttons"):
                yield Button("Save", variant="primary", id="idea-save")
                yield Button("Back", id="idea-back")

    def on_mount(self) -> None:
        self.query_one("#idea-form").border_title = "A new idea for the bank"
        values = self.draft.load({"idea": ""})
        self._filling = True
        self.query_one("#idea-text", Input).value = values["idea"] or ""
        self.call_after_refresh(self._done_filling)
        self.query_one("#idea-text", Input).focus()

    def _done_filling(self) -> None:
        self._filling = False

    def state(self) -> dict:
        return {"idea": self.query_one("#idea-text", Input).value}

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#idea-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    @on(Input.Changed)
    def _changed(self) -> None:
        if not self._filling:
            self.draft.changed()

    @on(Input.Submitted)
    @on(Button.Pressed, "#idea-save")
    def action_save(self) -> None:
        journal = self.journal
        try:
            with journal.transaction():
                idea = journal.discoveries.add(idea=self.state()["idea"])
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.dismiss(idea.id)

    @on(Button.Pressed, "#idea-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)


def bank_lines(journal, today) -> tuple[list, list]:
    """(the ideas to try, the suggested one first; the ideas done, latest first)."""
    bank = journal.discoveries
    to_try = bank.to_try()
    suggested = bank.suggest(today)
    if suggested is not None:
        to_try = [suggested] + [idea for idea in to_try if idea.id != suggested.id]
    return to_try, bank.done()


class BankScreen(Reach, ModalScreen[None]):
    """The whole bank: a adds an idea, delete moves one to the trash, u puts a done one
    back among the ideas to try."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Back", id="rituals.bank.back",
                tooltip="Back to the calendar."),
        Binding("a", "add", "Add idea", id="rituals.bank.add",
                tooltip="Put a new idea in the bank."),
        Binding("delete", "delete", "Delete", id="rituals.bank.delete",
                tooltip="Move the highlighted idea to the trash (ctrl+z brings it back)."),
        Binding("u", "undo_done", "Not done", id="rituals.bank.undo",
                tooltip="The highlighted idea was not done after all: back among the ideas "
                        "to try, its note kept."),
    ]

    def __init__(self, highlight: int | None = None) -> None:
        super().__init__()
        self._highlight = highlight
        """An idea to highlight when the bank opens (one found by search)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="bank-box"):
            yield OptionList(id="bank-list")
            yield Static("a: add · delete: to the trash · u: not done after all · escape: back",
                         id="bank-help", markup=False)

    def on_mount(self) -> None:
        self.query_one("#bank-box").border_title = "Your bank of shared discoveries"
        self.load()
        self.query_one("#bank-list", OptionList).focus()

    def records_changed(self) -> None:
        self.load()

    def load(self) -> None:
        options = self.query_one("#bank-list", OptionList)
        keep = options.highlighted
        options.clear_options()
        to_try, done = bank_lines(self.journal, dates.today())
        options.add_option(Option(Text("Ideas to try", style="bold"), disabled=True))
        if not to_try:
            options.add_option(Option(Text("None left to try. Press a to add one."),
                                      disabled=True))
        for n, idea in enumerate(to_try):
            line = Text(idea.idea)
            if n == 0:
                line.append(" · the one for this month", style="italic")
            options.add_option(Option(line, id=str(idea.id)))
        options.add_option(Option(Text("What you did", style="bold"), disabled=True))
        if not done:
            options.add_option(Option(Text("Nothing yet."), disabled=True))
        for idea in done:
            line = Text(f"{idea.done_on:%a} {idea.done_on.day} {idea.done_on:%b}: ")
            line.append(idea.idea)
            if idea.note:
                line.append(f"\n  {' '.join(idea.note.split())}", style="italic")
            options.add_option(Option(line, id=f"done-{idea.id}"))
        wanted = self._highlight
        self._highlight = None
        found = [n for n in range(options.option_count)
                 if options.get_option_at_index(n).id in (str(wanted), f"done-{wanted}")]
        if found:
            options.highlighted = found[0]
        elif keep is not None and options.option_count:
            options.highlighted = min(keep, options.option_count - 1)
        else:
            options.highlighted = 1 if to_try else None

    def _current(self) -> int | None:
        options = self.query_one("#bank-list", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        option_id = option_id.removeprefix("done-")
        return int(option_id) if option_id.isdigit() else None

    def action_add(self) -> None:
        self.app.push_screen(IdeaScreen(), lambda _id: self.load())

    def action_delete(self) -> None:
        idea_id = self._current()
        if idea_id is not None:
            self.closer_app.move_to_trash("idea", idea_id)

    def action_undo_done(self) -> None:
        idea_id = self._current()
        if idea_id is None:
            return
        try:
            idea = self.journal.discoveries.get(idea_id)
            if idea.done_on is None:
                self.notify("That idea is still one to try.", markup=False)
                return
            self.journal.discoveries.undo(idea_id)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.load()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
