"""Adding or changing a ritual (from an idea in content/ or of one's own), and the list of
every ritual, where a paused one can be taken up again."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.rituals import describe_rule
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.choice import Menu

OWN = "__own__"

PRESETS = [
    ("Every day", "FREQ=DAILY"),
    ("Every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("Every week, on the start day", "FREQ=WEEKLY"),
    ("Every Sunday", "FREQ=WEEKLY;BYDAY=SU"),
    ("Every Saturday", "FREQ=WEEKLY;BYDAY=SA"),
    ("The first Saturday of the month", "FREQ=MONTHLY;BYDAY=+1SA"),
    ("The last day of the month", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("Every month, on the start date", "FREQ=MONTHLY"),
    ("Every three months, first Sunday", "FREQ=MONTHLY;INTERVAL=3;BYDAY=+1SU"),
    ("Once a year, on the start date", "FREQ=YEARLY"),
]


def _day(day) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


class RitualEditor(Drafted, Reach, ModalScreen[int | None]):
    """Add a ritual (``ritual_id`` None) or change one; dismisses with its id."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="rituals.editor.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="rituals.editor.save", priority=True,
                tooltip="Keep this ritual."),
    ]

    def __init__(self, ritual_id: int | None = None) -> None:
        super().__init__()
        self.ritual_id = ritual_id
        self.draft = FormDraft(
            self, f"ritual:{ritual_id}" if ritual_id is not None else "ritual:new",
            what="The ritual you were writing" if ritual_id is None
            else "Your change to a ritual",
            state=self.state, say=lambda text, error: self._say(text, error=error))
        self._filling = False

    def compose(self) -> ComposeResult:
        from content import knowledge

        with VerticalScroll(id="editor-form"):
            if self.ritual_id is None:
                yield Menu(
                    [(t.name, t.key) for t in knowledge().rituals] + [("My own ritual", OWN)],
                    prompt="Start from an idea (optional)", id="editor-idea",
                )
            yield Label("Name")
            yield Input(placeholder="e.g. Sunday walk", id="editor-name")
            yield Label("What it is (optional)")
            yield Input(placeholder="A line about it", id="editor-description")
            yield Label("A question to answer when you mark it (optional)")
            yield Input(placeholder="e.g. What did you notice about each other?",
                        id="editor-prompt")
            yield Label("How often")
            yield Menu(PRESETS, prompt="Choose, or type a rule below", id="editor-preset")
            yield Input(placeholder="FREQ=WEEKLY;BYDAY=SU", id="editor-rule")
            yield Static("", id="editor-words", markup=False)
            with Horizontal(id="editor-when"):
                with Vertical():
                    yield Label("Starting")
                    yield Input(placeholder="today, 2025-03-01", id="editor-start")
                with Vertical():
                    yield Label("At (optional)")
                    yield Input(placeholder="HH:MM", id="editor-time")
            yield Checkbox("Ask for one good and one hard thing", id="editor-good-hard")
            yield Static("", id="editor-message", markup=False)
            with Horizontal(id="editor-buttons"):
                yield Button("Save", variant="primary", id="editor-save")
                if self.ritual_id is not None:
                    yield Button("Pause", id="editor-pause")
                    yield Button("Delete", variant="error", id="editor-delete")
                yield Button("Back", id="editor-back")

    def on_mount(self) -> None:
        form = self.query_one("#editor-form")
        if self.ritual_id is None:
            form.border_title = "Add a ritual"
            clean = {"template": None, "name": "", "description": "", "prompt": "",
                     "rule": "", "start": "today", "time": "", "asks": False}
        else:
            ritual = self.journal.rituals.get(self.ritual_id)
            form.border_title = Text(f"Change: {ritual.name}")
            clean = {"template": ritual.template, "name": ritual.name,
                     "description": ritual.description, "prompt": ritual.prompt,
                     "rule": ritual.rrule, "start": ritual.dtstart.isoformat(),
                     "time": ritual.time_of_day or "", "asks": ritual.asks_good_and_hard}
            self.query_one("#editor-pause", Button).label = (
                "Pause from today" if ritual.active else "Take up again from today")
        self._fill(self.draft.load(clean))
        self.query_one("#editor-name", Input).focus()

    def _fill(self, values: dict) -> None:
        self._filling = True
        self._template = values.get("template")
        for field in ("name", "description", "prompt", "rule", "start", "time"):
            self.query_one(f"#editor-{field}", Input).value = values[field] or ""
        self.query_one("#editor-good-hard", Checkbox).value = bool(values["asks"])
        self._preview()
        self.call_after_refresh(self._done_filling)

    def _done_filling(self) -> None:
        self._filling = False

    def _value(self, field: str) -> str:
        return self.query_one(f"#editor-{field}", Input).value

    def state(self) -> dict:
        return {
            "template": self._template,
            "name": self._value("name"),
            "description": self._value("description"),
            "prompt": self._value("prompt"),
            "rule": self._value("rule"),
            "start": self._value("start"),
            "time": self._value("time"),
            "asks": self.query_one("#editor-good-hard", Checkbox).value,
        }

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#editor-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    # -- filling in -------------------------------------------------------------------

    @on(Select.Changed, "#editor-idea")
    def _idea_chosen(self, event: Select.Changed) -> None:
        from content import knowledge

        if event.value is Select.NULL:
            return
        if event.value == OWN:
            self._template = None
            self.query_one("#editor-name", Input).focus()
            return
        template = knowledge().ritual(str(event.value))
        self._fill({"template": template.key, "name": template.name,
                    "description": template.description, "prompt": template.prompt,
                    "rule": template.rrule, "start": self._value("start") or "today",
                    "time": self._value("time"), "asks": template.asks_good_and_hard})
        self._changed()

    @on(Select.Changed, "#editor-preset")
    def _preset_chosen(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#editor-rule", Input).value = str(event.value)

    @on(Input.Changed, "#editor-rule, #editor-start")
    def _preview(self) -> None:
        words = self.query_one("#editor-words", Static)
        rule = self._value("rule")
        if not rule.strip():
            words.update("Choose how often above, or type an RFC 5545 rule.")
            words.set_class(False, "-error")
            return
        try:
            start = dates.parse_day(self._value("start") or "today")
            _, said, upcoming = self.journal.rituals.preview(rule, start,
                                                             after=dates.today())
        except JournalError as exc:
            words.update(str(exc).removeprefix("rrule: "))
            words.set_class(True, "-error")
            return
        text = said
        if upcoming:
            text += ". Next: " + ", ".join(_day(d) for d in upcoming)
        if re.search(r"BYMONTHDAY=[^;]*\b(29|30|31)\b", rule.upper()):
            text += ". Months without that day are skipped; BYMONTHDAY=-1 is the last day."
        words.update(text)
        words.set_class(False, "-error")

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self._filling:
            return
        self.draft.changed()

    # -- saving -----------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#editor-save")
    def action_save(self) -> None:
        state = self.state()
        journal = self.journal
        fields = {
            "name": state["name"],
            "rrule": state["rule"],
            "description": state["description"],
            "prompt": state["prompt"],
            "time_of_day": state["time"].strip() or None,
            "asks_good_and_hard": state["asks"],
        }
        try:
            fields["dtstart"] = dates.parse_day(state["start"] or "today")
            with journal.transaction():
                if self.ritual_id is None:
                    ritual = journal.rituals.add(template=state["template"], **fields)
                else:
                    ritual = journal.rituals.update(self.ritual_id, **fields)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        self.dismiss(ritual.id)

    @on(Button.Pressed, "#editor-pause")
    def _pause(self) -> None:
        journal = self.journal
        try:
            ritual = journal.rituals.get(self.ritual_id)
            ritual = journal.rituals.set_active(ritual.id, not ritual.active)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.app.notify(
            f"{ritual.name} is {'taken up again' if ritual.active else 'paused'} from today.",
            markup=False,
        )
        self.flush_draft()
        self.dismiss(ritual.id)

    @on(Button.Pressed, "#editor-delete")
    def _delete(self) -> None:
        """The ritual goes to the trash with all its marks, asking nothing (the toast's
        ctrl+z undoes it; pausing keeps it going without it)."""
        try:
            item = self.draft.trash("ritual", self.ritual_id)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.dismiss(None)
        self.closer_app.trashed(item)

    @on(Button.Pressed, "#editor-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)


class RitualList(Reach, ModalScreen[int | None]):
    """Every ritual, active or paused: enter changes one, a adds one."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Back", id="rituals.list.back",
                tooltip="Back to the calendar."),
        Binding("a", "add", "Add", id="rituals.list.add", tooltip="Add a ritual."),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="ritual-list-box"):
            yield OptionList(id="ritual-list")
            yield Static("enter: change or pause · a: add · escape: back", id="ritual-list-help",
                         markup=False)

    def on_mount(self) -> None:
        self.query_one("#ritual-list-box").border_title = "Your rituals"
        self.load()
        self.query_one("#ritual-list", OptionList).focus()

    def load(self) -> None:
        options = self.query_one("#ritual-list", OptionList)
        options.clear_options()
        stats = self.journal.rituals.all_streaks()
        for ritual in self.journal.rituals.list():
            line = Text(ritual.name, style="bold" if ritual.active else "dim")
            when = describe_rule(ritual.rrule, ritual.dtstart)
            if ritual.time_of_day:
                when += f" at {ritual.time_of_day}"
            line.append(f"\n  {when}")
            if not ritual.active:
                line.append(" · paused", style="italic")
            else:
                s = stats.get(ritual.id)
                if s is not None and s.due:
                    line.append(f" · last 4 weeks {s.kept}/{s.due}")
            options.add_option(Option(line, id=str(ritual.id)))
        if not options.option_count:
            options.add_option(Option(Text("No rituals yet. Press a to add one."), id="none",
                                      disabled=True))

    @on(OptionList.OptionSelected, "#ritual-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.isdigit():
            self.app.push_screen(RitualEditor(int(event.option.id)), self._edited)

    def _edited(self, _result: int | None) -> None:
        self.load()

    def action_add(self) -> None:
        self.app.push_screen(RitualEditor(), self._edited)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
