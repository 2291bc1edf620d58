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
from storage.repeat import WEEKDAYS, Repeat, from_rule, interval_from_text, to_rule
from storage.rituals import describe_rule
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.toggles import Tick
from tui.widgets.choice import Menu

OWN = "__own__"

UNIT_CHOICES = [("days", "day"), ("weeks", "week"), ("months", "month"), ("years", "year")]
"""The picker's "every N ..." (the rule words below say it exactly: "Every other day")."""

DAY_SHORT = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTH_CHOICES = [
    ("on the date it starts on", "date"),
    ("on the first", "1"),
    ("on the second", "2"),
    ("on the third", "3"),
    ("on the fourth", "4"),
    ("on the last", "-1"),
    ("on the last day of the month", "last_day"),
]
"""Which day of the month: a value of storage.repeat.MONTH_DAYS, or an nth weekday
(storage.repeat.NTHS) chosen with the weekday beside it."""


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
        self._shown = Repeat().normal()
        """The choices the picker was last set to or last wrote: only a change from these
        writes the rule (a Select says "changed" when it is mounted, too)."""

    def compose(self) -> ComposeResult:
        from content import knowledge

        with VerticalScroll(id="editor-form"):
            if self.ritual_id is None:
                yield Menu(
                    [(f"{t.name} · {t.cadence}", t.key) for t in knowledge().rituals]
                    + [("My own ritual", OWN)],
                    prompt="Start from an idea (optional)", id="editor-idea",
                )
            yield Label("Name")
            yield Input(placeholder="e.g. Sunday walk", id="editor-name")
            yield Label("What it is (optional)")
            yield Input(placeholder="A line about it", id="editor-description")
            yield Label("A question to answer when you mark it (optional)")
            yield Input(placeholder="e.g. What did you notice about each other?",
                        id="editor-prompt")
            yield from self._repeat_picker()
            with Horizontal(id="editor-when"):
                yield Tick("Ask for one good and one hard thing", id="editor-good-hard")
                yield Label("At (optional)", classes="editor-inline")
                yield Input(placeholder="HH:MM", id="editor-time")
            yield Static("", id="editor-message", markup=False)
            with Horizontal(id="editor-buttons"):
                yield Button("Save", variant="primary", id="editor-save")
                if self.ritual_id is not None:
                    yield Button("Pause", id="editor-pause")
                    yield Button("Delete", variant="error", id="editor-delete")
                yield Button("Back", id="editor-back")

    def _repeat_picker(self) -> ComposeResult:
        """How often, picked (every N days, weeks, months or years; which weekdays; which
        day of the month) or typed as an RFC 5545 rule; both say the same rule, in words
        below them."""
        yield Label("How often")
        with Horizontal(id="editor-repeat"):
            yield Label("Every", classes="editor-inline")
            yield Input(placeholder="1", id="editor-every", max_length=3)
            yield Menu(UNIT_CHOICES, value="week", allow_blank=False, id="editor-unit")
            yield Label("from", classes="editor-inline")
            yield Input(placeholder="today, 2025-03-01", id="editor-start")
        with Horizontal(id="editor-weekdays"):
            yield Label("on", classes="editor-inline")
            for key, short in zip(WEEKDAYS, DAY_SHORT):
                yield Tick(short, id=f"editor-day-{key}", classes="editor-day")
        with Horizontal(id="editor-monthly"):
            yield Menu(MONTH_CHOICES, value="date", allow_blank=False,
                         id="editor-month-day")
            yield Menu(list(zip(DAY_NAMES, WEEKDAYS)), value="SU", allow_blank=False,
                         id="editor-weekday")
        with Horizontal(id="editor-rule-row"):
            yield Label("or as an RFC 5545 rule", classes="editor-inline")
            yield Input(placeholder="FREQ=WEEKLY;BYDAY=SU", id="editor-rule")
        yield Static("", id="editor-words", markup=False)

    def on_mount(self) -> None:
        form = self.query_one("#editor-form")
        if self.ritual_id is None:
            form.border_title = "Add a ritual"
            clean = {"template": None, "name": "", "description": "", "prompt": "",
                     "rule": "FREQ=WEEKLY", "start": "today", "time": "", "asks": False}
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
        self._template = values.get("template")
        for field in ("name", "description", "prompt", "rule", "start", "time"):
            self.query_one(f"#editor-{field}", Input).value = values[field] or ""
        self.query_one("#editor-good-hard", Checkbox).value = bool(values["asks"])
        self._preview()
        self.draft.filled()

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

    # -- the repeat picker: its choices and the rule text say the same rule ------------------

    def _choice(self) -> Repeat:
        """What the picker shows. InvalidInput for an "every N" that is not a number."""
        unit = str(self.query_one("#editor-unit", Select).value)
        interval = interval_from_text(self._value("every"), unit)
        weekdays = tuple(key for key in WEEKDAYS
                         if self.query_one(f"#editor-day-{key}", Checkbox).value)
        day = str(self.query_one("#editor-month-day", Select).value)
        weekday = str(self.query_one("#editor-weekday", Select).value)
        if day in ("date", "last_day"):
            return Repeat(unit, interval, weekdays, day, 1, weekday)
        return Repeat(unit, interval, weekdays, "nth", int(day), weekday)

    def _show_picker_parts(self) -> None:
        """Only the choices that apply to the unit are shown."""
        unit = self.query_one("#editor-unit", Select).value
        self.query_one("#editor-weekdays").display = unit == "week"
        self.query_one("#editor-monthly").display = unit == "month"
        day = self.query_one("#editor-month-day", Select).value
        self.query_one("#editor-weekday").display = day not in ("date", "last_day")

    def _set_picker(self, choice: Repeat) -> None:
        """Show ``choice`` in the picker without its changes writing the rule again."""
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            self.query_one("#editor-every", Input).value = (
                "" if choice.interval == 1 else str(choice.interval))
            self.query_one("#editor-unit", Select).value = choice.unit
            for key in WEEKDAYS:
                self.query_one(f"#editor-day-{key}", Checkbox).value = key in choice.weekdays
            self.query_one("#editor-month-day", Select).value = (
                str(choice.nth) if choice.month_day == "nth" else choice.month_day)
            self.query_one("#editor-weekday", Select).value = choice.weekday
        self._shown = choice.normal()
        self._show_picker_parts()

    @on(Input.Changed, "#editor-every")
    @on(Select.Changed, "#editor-unit, #editor-month-day, #editor-weekday")
    @on(Checkbox.Changed, ".editor-day")
    def _picked(self) -> None:
        """A choice in the picker writes its rule into the rule text."""
        self._show_picker_parts()
        try:
            choice = self._choice().normal()
            rule = to_rule(choice)
        except JournalError as exc:
            self._show_words(str(exc), error=True)
            return
        if choice == self._shown:
            self._preview()  # an "every N" put right again
            return
        self._shown = choice
        with self.prevent(Input.Changed):
            self.query_one("#editor-rule", Input).value = rule
        self._preview()
        self._changed()

    @on(Input.Changed, "#editor-rule")
    def _rule_typed(self) -> None:
        """A rule typed (or filled in) shows in the picker when the picker can show it."""
        choice = from_rule(self._value("rule"))
        if choice is not None:
            self._set_picker(choice)

    def _show_words(self, text: str, *, error: bool = False) -> None:
        words = self.query_one("#editor-words", Static)
        words.update(text)
        words.set_class(error, "-error")

    @on(Input.Changed, "#editor-rule, #editor-start")
    def _preview(self) -> None:
        """The rule in words and its next days, or why it cannot be a ritual's rule."""
        rule = self._value("rule")
        if not rule.strip():
            self._show_words("Choose how often above, or type an RFC 5545 rule.")
            return
        try:
            start = dates.parse_day(self._value("start") or "today")
            _, said, upcoming = self.journal.rituals.preview(rule, start,
                                                             after=dates.today())
        except JournalError as exc:
            self._show_words(str(exc), error=True)
            return
        text = said
        if upcoming:
            text += ". Next: " + ", ".join(_day(d) for d in upcoming)
        if re.search(r"BYMONTHDAY=[^;]*\b(29|30|31)\b", rule.upper()):
            text += ". Months without that day are skipped; BYMONTHDAY=-1 is the last day."
        if from_rule(rule) is None:
            text += ". The choices above cannot show this rule; change it here."
        self._show_words(text)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
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
