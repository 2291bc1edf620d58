"""Logging one turn of the loop (or changing one): when, who moved first, what set it off,
what each of you did, the emotional exits, how strong, how it ended, a note, and a thought
record it links to. What is typed is kept as a draft until it is saved; escape leaves it
for next time, and nothing asks "save?"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from storage import JournalError, dates
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.toggles import Choice, TickList
from tui.widgets.choice import Menu, RadioRow
from tui.widgets.reasons import ReasonPicker

ENDINGS = ("repair", "pause", "unresolved")


def draft_key(event_id: int | None) -> str:
    return f"loop_event:{event_id if event_id is not None else 'new'}"


def when_text(moment: datetime) -> str:
    """A moment as the form shows it (and reads it back): ``2025-03-11 21:40``."""
    return f"{dates.local(moment):%Y-%m-%d %H:%M}"


def kept_words(event: Any) -> str:
    """What the toast says was kept when a moment is saved: when, how strong, how it
    ended, and the first words of what set it off (or of the note)."""
    from content import knowledge

    shown = dates.local(event.occurred_at)
    said = (f"{shown:%a} {shown.day} {shown:%b}, {shown:%H:%M}: strength {event.intensity} "
            f"of 10, {knowledge().ending(event.ending).name.lower()}.")
    words = " ".join((event.trigger or event.my_move or event.their_move or event.note).split())
    if words:
        short = words if len(words) <= 60 else words[:59] + "…"
        said += f" “{short}”"
    return said


class MomentForm(Drafted, Reach, ModalScreen[int | None]):
    """Log a new moment, or change ``event_id``; dismisses with its id (None when left)."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="loop.moment.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="loop.moment.save", priority=True,
                tooltip="Keep this moment (enter in a one-line field does the same)."),
    ]

    def __init__(self, event_id: int | None = None) -> None:
        super().__init__()
        self.event_id = event_id
        self.draft = FormDraft(
            self, draft_key(event_id),
            what="The loop moment you were writing" if event_id is None
            else "Your change to a loop moment",
            state=self.state, say=lambda text, error: self._say(text, error=error))
        self._event = None  # the moment as this window read it

    # -- the form ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from content import knowledge

        k = knowledge()
        prompts = k.moment_prompts

        def label(key: str) -> Label:
            return Label(prompts[key].label, classes="moment-label")

        def hint(key: str) -> Static:
            return Static(prompts[key].prompt, classes="moment-hint", markup=False)

        with VerticalScroll(id="moment-form"):
            yield label("occurred_at")
            yield Input(select_on_focus=False,
                        placeholder=prompts["occurred_at"].prompt, id="moment-when")
            yield label("first_mover")
            yield hint("first_mover")
            with RadioRow(id="moment-mover", classes="moment-choices"):
                for mover in k.first_movers:
                    yield Choice(mover.name, id=f"mover-{mover.key}",
                                      tooltip=mover.description)
            yield label("trigger")
            yield Input(select_on_focus=False,
                        placeholder=prompts["trigger"].prompt, id="moment-trigger")
            yield label("my_move")
            yield Input(select_on_focus=False,
                        placeholder=prompts["my_move"].prompt, id="moment-my-move")
            yield label("their_move")
            yield Input(select_on_focus=False,
                        placeholder=prompts["their_move"].prompt, id="moment-their-move")
            yield label("exits")
            yield hint("exits")
            yield TickList[str](
                *((Text(f"{e.name}: {e.description}"), e.key) for e in k.exits),
                id="moment-exits",
            )
            yield Static("", id="moment-exit-examples", classes="moment-hint")
            yield label("reasons")
            yield hint("reasons")
            yield ReasonPicker(self.journal.loop.guidance().reasons, id="moment-reasons")
            yield label("intensity")
            yield Input(select_on_focus=False,
                        placeholder=prompts["intensity"].prompt, id="moment-intensity",
                        type="integer", max_length=2)
            yield label("ending")
            yield hint("ending")
            with RadioRow(id="moment-ending", classes="moment-choices"):
                for key in ENDINGS:
                    ending = k.ending(key)
                    yield Choice(ending.name, id=f"ending-{key}",
                                      tooltip=ending.description)
            yield label("note")
            yield TextArea(id="moment-note", soft_wrap=True, show_line_numbers=False,
                           placeholder=prompts["note"].prompt)
            records = self.journal.loop.thought_records_to_link()
            self._records = records
            if records:
                yield label("thought_record")
                yield Menu(
                    [(Text(f"{dates.local(when):%a %d %b} · "
                           f"{' '.join(story.split())[:60] or '(no story yet)'}"), rid)
                     for rid, when, story in records],
                    prompt=prompts["thought_record"].prompt, id="moment-record",
                )
            yield Static("", id="moment-message", markup=False)
            with Horizontal(id="moment-buttons"):
                yield Button("Save", variant="primary", id="moment-save")
                yield Button("Delete this moment", id="moment-delete", variant="error")
                yield Button("Back", id="moment-back")

    def on_mount(self) -> None:
        form = self.query_one("#moment-form")
        form.border_title = "A turn of the loop" if self.event_id is None else \
            "Change this moment"
        form.border_subtitle = "ctrl+r saves · escape keeps a draft"
        self.query_one("#moment-delete").display = self.event_id is not None
        self._fill(self.draft.load(self._stored_state()))
        self.query_one("#moment-when" if self.event_id is None else "#moment-trigger",
                       Input).focus()

    def _stored_state(self) -> dict[str, Any]:
        if self.event_id is None:
            return {"when": "now", "first_mover": "unsure", "trigger": "", "my_move": "",
                    "their_move": "", "exits": [], "reasons": [], "intensity": "5",
                    "ending": "unresolved", "note": "", "thought_record_id": None}
        event = self.journal.loop.get_event(self.event_id)
        self._event = event
        return {
            "when": when_text(event.occurred_at), "first_mover": event.first_mover,
            "trigger": event.trigger, "my_move": event.my_move,
            "their_move": event.their_move, "exits": list(event.exits),
            "reasons": list(event.reasons), "intensity": str(event.intensity), "ending": event.ending, "note": event.note,
            "thought_record_id": event.thought_record_id,
        }

    def _fill(self, values: dict[str, Any]) -> None:
        self.query_one("#moment-when", Input).value = values["when"] or ""
        self.query_one(f"#mover-{values['first_mover']}", RadioButton).value = True
        self.query_one("#moment-trigger", Input).value = values["trigger"] or ""
        self.query_one("#moment-my-move", Input).value = values["my_move"] or ""
        self.query_one("#moment-their-move", Input).value = values["their_move"] or ""
        exits = self.query_one("#moment-exits", SelectionList)
        exits.deselect_all()
        for key in values["exits"] or []:
            exits.select(key)
        self.query_one("#moment-reasons", ReasonPicker).set_value(values.get("reasons") or [])
        self.query_one("#moment-intensity", Input).value = str(values["intensity"] or "")
        self.query_one(f"#ending-{values['ending']}", RadioButton).value = True
        self.query_one("#moment-note", TextArea).load_text(values["note"] or "")
        record = values.get("thought_record_id")
        if self._records:
            select = self.query_one("#moment-record", Select)
            if record in {rid for rid, _, _ in self._records}:
                select.value = record
            else:
                select.clear()
        self.draft.filled()

    def _pressed(self, radio_id: str, prefix: str, default: str) -> str:
        pressed = self.query_one(radio_id, RadioSet).pressed_button
        return (pressed.id or "").removeprefix(prefix) if pressed else default

    def state(self) -> dict[str, Any]:
        record = None
        if self._records:
            value = self.query_one("#moment-record", Select).value
            record = None if value is Select.NULL else value
        return {
            "when": self.query_one("#moment-when", Input).value,
            "first_mover": self._pressed("#moment-mover", "mover-", "unsure"),
            "trigger": self.query_one("#moment-trigger", Input).value,
            "my_move": self.query_one("#moment-my-move", Input).value,
            "their_move": self.query_one("#moment-their-move", Input).value,
            "exits": list(self.query_one("#moment-exits", SelectionList).selected),
            "reasons": self.query_one("#moment-reasons", ReasonPicker).value,
            "intensity": self.query_one("#moment-intensity", Input).value,
            "ending": self._pressed("#moment-ending", "ending-", "unresolved"),
            "note": self.query_one("#moment-note", TextArea).text,
            "thought_record_id": record,
        }

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#moment-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    # -- the draft --------------------------------------------------------------------

    @on(SelectionList.SelectionHighlighted, "#moment-exits")
    def _exit_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """Under the exits: what the highlighted one can look like, from content/."""
        from content import knowledge

        exits = knowledge().exits
        if 0 <= event.selection_index < len(exits):
            chosen = exits[event.selection_index]
            self.query_one("#moment-exit-examples", Static).update(
                Text(f"{chosen.name}, for example: " + "; ".join(chosen.examples) + "."))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Select.Changed)
    def _changed(self) -> None:
        self.draft.changed()

    # -- saving -----------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """The form as fields for ``journal.loop.log``; InvalidInput names what is wrong."""
        from storage import InvalidInput

        state = self.state()
        when = dates.parse_when(state["when"] or "now")
        raw = (state["intensity"] or "").strip()
        try:
            intensity = int(raw)
        except ValueError:
            raise InvalidInput("How strong: give a number from 0 to 10.") from None
        if not 0 <= intensity <= 10:
            raise InvalidInput(f"How strong: {intensity} is outside 0 to 10.")
        return {
            "occurred_at": when, "first_mover": state["first_mover"],
            "trigger": state["trigger"], "my_move": state["my_move"],
            "their_move": state["their_move"], "exits": state["exits"],
            "reasons": state["reasons"], "intensity": intensity, "ending": state["ending"], "note": state["note"],
            "thought_record_id": state["thought_record_id"],
        }

    @on(Input.Submitted)
    @on(Button.Pressed, "#moment-save")
    def action_save(self) -> None:
        journal = self.journal
        try:
            fields = self.fields()
            if not any(fields[k].strip() for k in ("trigger", "my_move", "their_move",
                                                    "note")):
                self._say("Write at least a few words: what set it off, or what either of "
                          "you did.", error=True)
                return
            copied = False
            with journal.transaction():
                if self.event_id is None:
                    event = journal.loop.log(**fields)
                else:
                    event, copied = journal.loop.keep_event(self.event_id, base=self._event,
                                                            **fields)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        if copied:
            self.app.notify("This moment was changed in another closer window while you wrote. "
                            "Both are kept: yours is saved beside it as a moment of its own.",
                            title="Kept as a new moment", markup=False, timeout=12)
        else:
            self.app.notify(kept_words(event), title="Moment kept", markup=False)
        self.dismiss(event.id)

    @on(Button.Pressed, "#moment-delete")
    def _delete(self) -> None:
        """The moment goes to the trash, asking nothing (the toast's ctrl+z undoes it)."""
        if self.event_id is None:
            return
        try:
            item = self.draft.trash("moment", self.event_id)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.dismiss(None)
        self.closer_app.trashed(item)

    @on(Button.Pressed, "#moment-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)
