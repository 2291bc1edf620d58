"""The shared-discovery bank from the Rituals pane: a small form to add an idea, and the
whole bank (ideas to try, and what you did with the day), where an idea can be added,
deleted (to the trash) or put back among the ideas to try. Every rule is
:mod:`storage.discoveries`'; this only shows it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from tui.dialogs.line_form import LineForm
from tui.reach import Reach
from tui.widgets.fit import hanging

DRAFT_KEY = "discovery:new"


class IdeaScreen(LineForm):
    """Add one idea to the bank; dismisses with its id (None when left)."""

    PREFIX, WORDS, LINE = "idea", "idea-words", "idea-text"
    PLACEHOLDER = "A night walk with a flask of tea"

    BINDINGS = [
        Binding("escape", "leave", "Back", id="rituals.idea.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="rituals.idea.save", priority=True,
                tooltip="Put this idea in the bank (enter does the same)."),
    ]

    def __init__(self) -> None:
        super().__init__(DRAFT_KEY, "A new idea for a shared discovery")

    def heading(self) -> str:
        return "A new idea for the bank"

    def load(self) -> tuple[str, str]:
        return "Something neither of you has done yet, in a few words.", ""

    def keep(self, line: str) -> int:
        return self.journal.discoveries.add(idea=line).id


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
            prompt = hanging(line, Text(" ".join(idea.note.split()), style="italic")) \
                if idea.note else line
            options.add_option(Option(prompt, id=f"done-{idea.id}"))
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
