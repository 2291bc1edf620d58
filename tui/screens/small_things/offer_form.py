"""The low-effort offer builder: what you offer, when, and what they could choose instead,
said back as the whole sentence while you type (:func:`storage.offers.sentence`); content's
examples to start from; an optional likely reason and a note. New or changed, what is typed
is kept as a draft until it is kept as an offer; escape leaves it for next time."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from storage import JournalError
from storage.offers import answers, example_parts, sentence
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.choice import Menu

FIELDS = ("what", "at", "instead")
"""The builder's three parts of the sentence."""


def draft_key(offer_id: int | None) -> str:
    return f"offer:{offer_id if offer_id is not None else 'new'}"


class OfferForm(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """Build a new offer (``offer_id`` None) or change one; dismisses with its id (None when
    left, the draft kept)."""

    DEFAULT_CSS = """
    OfferForm { align: center middle; }
    OfferForm #offer-form {
        width: 78; max-width: 100%; height: auto; max-height: 100%; overflow-y: auto;
        border: round $accent; border-title-color: $accent; background: $surface;
        padding: 0 1;
    }
    OfferForm #offer-intro { color: $text-muted; height: auto; }
    OfferForm .offer-row { height: auto; }
    OfferForm .offer-row Label { width: 22; padding: 1 1 0 0; color: $text-muted; }
    OfferForm .offer-row Input, OfferForm .offer-row Menu { width: 1fr; }
    OfferForm #offer-preview {
        height: auto; margin: 1 0 0 0; padding: 0 1; text-style: bold; color: $accent;
    }
    OfferForm #offer-examples-label { color: $text-muted; margin: 1 0 0 0; }
    OfferForm #offer-examples {
        height: auto; max-height: 4; border: none; padding: 0; background: transparent;
    }
    OfferForm #offer-examples:focus { background-tint: $foreground 5%; }
    OfferForm #offer-message { height: auto; color: $text-muted; }
    OfferForm #offer-message.-error { color: $error; }
    OfferForm #offer-buttons { height: auto; }
    OfferForm #offer-buttons Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", id="offers.form.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "keep", "Keep it", id="offers.form.keep", priority=True,
                tooltip="Keep this offer (enter in any field does the same)."),
    ]

    def __init__(self, offer_id: int | None = None) -> None:
        super().__init__()
        self.offer_id = offer_id
        self.draft = FormDraft(self, draft_key(offer_id), what="The offer you were writing",
                               state=self.state, say=self._say)

    def compose(self) -> ComposeResult:
        from content import knowledge

        words = knowledge().small_things.offer
        labels = {"what": ("Can I …", "bring you a coffee"),
                  "at": ("When", "at three, tonight, after the call"),
                  "instead": ("Or would you rather …", "have a quiet half hour instead")}
        # Every reason for the distance, those an offer answers best first.
        reasons = sorted(knowledge().reasons, key=lambda r: not answers(r.key))
        self._reasons = {r.key: r.name for r in reasons}
        with Vertical(id="offer-form"):
            yield Static(Text(words.intro), id="offer-intro")
            for name in FIELDS:
                label, hint = labels[name]
                with Horizontal(classes="offer-row"):
                    yield Label(label)
                    yield Input(placeholder=hint, id=f"offer-{name}", select_on_focus=False)
            yield Static("", id="offer-preview")
            yield Label("Or start from one of these", id="offer-examples-label")
            yield OptionList(*(Option(Text(sentence(*example_parts(e))), id=f"example-{n}")
                               for n, e in enumerate(words.examples)), id="offer-examples")
            with Horizontal(classes="offer-row"):
                yield Label("Likely reason")
                yield Menu([(r.name, r.key) for r in reasons],
                           prompt="What it answers (optional)", id="offer-reason")
            with Horizontal(classes="offer-row"):
                yield Label("A note")
                yield Input(placeholder="Anything to remember (optional)", id="offer-note",
                            select_on_focus=False)
            yield Static("", id="offer-message", markup=False)
            with Horizontal(id="offer-buttons"):
                yield Button("Keep it", variant="primary", id="offer-keep")
                yield Button("Back", id="offer-back")

    def on_mount(self) -> None:
        from content import knowledge

        form = self.query_one("#offer-form")
        name = knowledge().small_things.offer.name
        form.border_title = Text(name if self.offer_id is None else f"{name} · changing it")
        clean = {"what": "", "at": "", "instead": "", "reason": None, "note": ""}
        if self.offer_id is not None:
            offer = self.journal.offers.get(self.offer_id)
            clean = {"what": offer.what, "at": offer.at, "instead": offer.instead,
                     "reason": offer.reason, "note": offer.note}
        self._fill(self.draft.load(clean))
        self.query_one("#offer-what", Input).focus()

    def _fill(self, values: dict) -> None:
        for name in (*FIELDS, "note"):
            self.query_one(f"#offer-{name}", Input).value = str(values.get(name) or "")
        menu = self.query_one("#offer-reason", Menu)
        reason = values.get("reason")
        if reason and reason in self._reasons:
            menu.value = reason
        else:
            menu.clear()
        self._preview()
        self.draft.filled()

    def state(self) -> dict:
        reason = self.query_one("#offer-reason", Menu).value
        out = {name: self.query_one(f"#offer-{name}", Input).value for name in (*FIELDS, "note")}
        out["reason"] = None if reason is Select.NULL else reason
        return out

    def _preview(self) -> None:
        state = self.state()
        preview = self.query_one("#offer-preview", Static)
        if state["what"].strip():
            preview.update(Text(sentence(state["what"], state["at"], state["instead"])))
        else:
            preview.update(Text("Can I …, or would you rather …?", style="dim"))

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#offer-message", Static)
        message.update(text)
        message.set_class(error, "-error")
        if text:  # under the last field, out of sight at 24 rows unless brought into view
            self.call_after_refresh(message.scroll_visible, animate=False)

    # -- changes ------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed, "#offer-reason")
    def _changed(self) -> None:
        self._preview()
        self.draft.changed()

    @on(OptionList.OptionSelected, "#offer-examples")
    def _example(self, event: OptionList.OptionSelected) -> None:
        from content import knowledge

        event.stop()
        examples = [example_parts(e) for e in knowledge().small_things.offer.examples]
        chosen = examples[int((event.option.id or "example-0").rsplit("-", 1)[1])]
        typed = tuple(self.query_one(f"#offer-{name}", Input).value.strip() for name in FIELDS)
        if any(typed) and typed not in examples:
            self._say("Your own words stay; empty the three fields to start from this one.")
            return
        for name, value in zip(FIELDS, chosen):
            self.query_one(f"#offer-{name}", Input).value = value
        what = self.query_one("#offer-what", Input)
        what.focus()
        what.cursor_position = len(what.value)

    # -- keeping ------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#offer-keep")
    def action_keep(self) -> None:
        state = self.state()
        journal = self.journal
        try:
            with journal.transaction():
                if self.offer_id is None:
                    offer = journal.offers.add(**state)
                else:
                    offer = journal.offers.update(self.offer_id, **state)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), True)
            return
        self.draft.saved()
        self.dismiss(offer.id)

    @on(Button.Pressed, "#offer-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)
