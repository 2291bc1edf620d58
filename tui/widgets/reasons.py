"""The likely reasons for the distance, to tick on a loop moment or a thought record: the
reasons content offers for the person's role (:meth:`storage.loop.Loop.guidance`), what the
highlighted one is about in the words written for that role, and, when a ticked reason is
one a low-effort offer answers, a gentle word with the way to the Offers tab."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, SelectionList, Static

from tui.reach import Reach
from tui.widgets.toggles import TickList


class ReasonPicker(Reach, Vertical):
    """A :class:`TickList` of reasons by name (its id ``{id}-list``), what the highlighted
    one is about with its kinder story worded for the person's role, and the offer hint. ``value`` is the ticked keys, in the order content lists them."""

    DEFAULT_CSS = """
    ReasonPicker { height: auto; }
    ReasonPicker > TickList { height: auto; max-height: 8; }
    ReasonPicker > .reasons-why { height: auto; color: $text-muted; padding: 0 1; }
    ReasonPicker > .reasons-offer { height: auto; padding: 0 1; display: none; }
    ReasonPicker > Button { display: none; margin: 0 1; }
    ReasonPicker.-offer > .reasons-offer, ReasonPicker.-offer > Button { display: block; }
    """

    def __init__(self, reasons: list[Any], *, chosen: Iterable[str] = (), id: str) -> None:
        super().__init__(id=id)
        self._reasons = list(reasons)
        self._reasons += self._missing(chosen)
        ticked = set(chosen)
        self.ticks = TickList[str](
            *((Text(r.name), r.key, r.key in ticked)
              for r in self._reasons),
            id=f"{id}-list")
        self.why = Static("", classes="reasons-why")
        self.hint = Static("", classes="reasons-offer")
        self.to_offers = Button("Small things: Offers (f10)", compact=True,
                                id=f"{id}-offers")
        self.to_offers.tooltip = "Open the Offers tab of Small things. What you wrote here " \
                                 "stays as a draft."

    def _missing(self, keys: Iterable[str]) -> list[Any]:
        """Reasons among ``keys`` not in the list: ones no longer offered for the person's
        role (they changed their part in the loop), so a marked reason is never lost."""
        from content import knowledge

        known = {r.key for r in self._reasons}
        found = []
        for key in keys:
            if key in known:
                continue
            try:
                found.append(knowledge().reason(key))
            except KeyError:
                continue
            known.add(key)
        return found

    def compose(self) -> ComposeResult:
        yield self.ticks
        yield self.why
        yield self.hint
        yield self.to_offers

    def on_mount(self) -> None:
        self._show_why(0)
        self._show_offer()

    @property
    def value(self) -> list[str]:
        chosen = set(self.ticks.selected)
        return [r.key for r in self._reasons if r.key in chosen]

    def set_value(self, keys: Iterable[str]) -> None:
        """Tick ``keys``, and only those."""
        keys = list(keys or [])
        for reason in self._missing(keys):
            self._reasons.append(reason)
            self.ticks.add_option((Text(reason.name), reason.key))
        self.ticks.deselect_all()
        for key in keys:
            if any(r.key == key for r in self._reasons):
                self.ticks.select(key)
        self._show_offer()

    def _show_why(self, index: int) -> None:
        if 0 <= index < len(self._reasons):
            reason = self._reasons[index]
            self.why.update(Content.assemble(
                (reason.name + ": ", "bold"), reason.description,
                ("\nA kinder way to see it: ", "$text-muted"), (reason.alternative, "italic")))

    def _show_offer(self) -> None:
        from content import knowledge
        from storage.review import offer_answers

        answered = offer_answers(self.value)
        self.set_class(bool(answered), "-offer")
        if not answered:
            return
        k = knowledge()
        offer = k.small_things.offer
        names = " and ".join(f"\u201c{k.reason(key).name}\u201d" for key in answered)
        self.hint.update(Content.assemble(
            (f"{offer.name} might help with {names}. ", "bold"),
            (offer.intro, "$text-muted")))

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        self._show_why(event.selection_index)

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        self._show_offer()  # the message goes on up: the form keeps its draft

    @on(Button.Pressed)
    def _to_offers(self, event: Button.Pressed) -> None:
        event.stop()
        self.closer_app.action_small_things("offers")
