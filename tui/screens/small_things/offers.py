"""The Offers tab of Small things: low-effort offers with a choice in them, newest first,
each with how it landed (welcomed, not now, declined: by shape as well as colour), the
counts of the last four weeks, and a gentle word at the top when a recent loop moment or
thought record names a reason an offer answers (:func:`storage.offers.suggested`).

The rules are in :mod:`storage.offers`; this module draws them and asks for changes. The
builder is :class:`tui.screens.small_things.offer_form.OfferForm`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static

from storage import JournalError, dates
from storage.offers import sentence
from tui.screens.small_things.rows import RowList
from tui.screens.small_things.tab import SmallTab

SHAPES = {"welcomed": "●", "not_now": "◐", "declined": "○", None: "·"}
"""How each outcome shows in the list, by shape as well as colour (· not answered yet)."""

STYLES = {"welcomed": "$success bold", "not_now": "$warning bold", "declined": "$accent bold",
          None: "$text-muted"}
"""The outcome's colour (declined is not a failure: never red)."""
MUTED = "$text-muted"


def outcome_line(counts: dict[str, int]) -> Content:
    """The last four weeks in a line: "Last 4 weeks: ● 2 welcomed · ◐ 1 not now · ○ 0
    declined" (empty when no offer was answered)."""
    from content import knowledge

    if not any(counts.values()):
        return Content("")
    parts: list = [("Last 4 weeks: ", MUTED)]
    for n, (key, count) in enumerate(counts.items()):
        if n:
            parts.append((" · ", MUTED))
        parts += [(SHAPES[key], STYLES[key]),
                  f" {count} {knowledge().small_things.outcome(key).name.lower()}"]
    return Content.assemble(*parts)


class OffersTab(SmallTab):
    """The offers, newest first, with the keys to build, mark, change and delete them."""

    DEFAULT_CSS = """
    OffersTab { overflow-y: auto; }
    OffersTab #offers-suggest {
        height: auto; padding: 0 1; margin: 0 0 1 0;
        border-left: thick $accent; background: $boost;
    }
    OffersTab #offers-head { height: auto; color: $text-muted; }
    OffersTab #offers-counts { height: auto; }
    OffersTab #offers-list {
        height: auto; max-height: 12; border: none; padding: 0; background: transparent;
        margin: 1 0 0 0;
    }
    OffersTab #offers-list:focus { background-tint: $foreground 5%; }
    OffersTab #offers-detail { height: auto; margin: 1 0 0 0; }
    """

    HELP_PARTS = (("Building an offer (n, e)", "tui.screens.small_things.offer_form:OfferForm"),)
    """The form it opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("n", "new", "New offer", id="offers.new",
                tooltip="Build a low-effort offer: what, when, and an easy other choice."),
        Binding("e", "edit", "Change", id="offers.edit",
                tooltip="Change the highlighted offer, its likely reason or its note "
                        "(enter does the same)."),
        Binding("w", "mark('welcomed')", "Welcomed", id="offers.welcomed",
                tooltip="The highlighted offer was welcomed (press again to take it back)."),
        Binding("l", "mark('not_now')", "Not now", id="offers.not_now",
                tooltip="The highlighted offer came at the wrong moment (press again to take "
                        "it back)."),
        Binding("d", "mark('declined')", "Declined", id="offers.declined",
                tooltip="They said no to the highlighted offer. Offering without pressure is "
                        "the practice, whatever the answer."),
        Binding("delete", "delete", "Delete", id="offers.delete",
                tooltip="Move the highlighted offer to the trash (ctrl+z brings it back)."),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="offers-suggest")
        yield Static("", id="offers-head")
        yield Static("", id="offers-counts")
        yield RowList(id="offers-list")
        yield Static("", id="offers-detail")

    def on_mount(self) -> None:
        self._want: int | None = None
        self.reload()

    @property
    def offer_list(self) -> RowList:
        return self.query_one("#offers-list", RowList)

    def focus_first(self) -> None:
        self.offer_list.focus()

    def reload(self) -> None:
        from content import knowledge

        k = knowledge()
        journal = self.journal
        today = dates.today()
        try:
            self._offers = {o.id: o for o in journal.offers.newest_first()}
            counts = journal.offers.outcome_counts(today)
            reasons = journal.offers.suggested(today)
        except JournalError as exc:
            self._offers, counts, reasons = {}, {}, []
            self.query_one("#offers-head", Static).update(Content(str(exc)))
        suggest = self.query_one("#offers-suggest", Static)
        suggest.display = bool(reasons)
        if reasons:
            names = [f"\u201c{k.reason(key).name}\u201d" for key in reasons]
            said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            marked = "as a likely reason" if len(names) == 1 else "as likely reasons"
            suggest.update(Content.assemble(
                (f"Lately you marked {said} {marked}. ", "bold"), k.small_things.offer.intro,
                (" Press n to build one.", MUTED)))
        head = self.query_one("#offers-head", Static)
        if not self._offers:
            head.update(Content.assemble((k.small_things.offer.name, "bold"), "\n",
                                         k.small_things.offer.intro, "\nPress n to build one."))
        else:
            total = len(self._offers)
            head.update(Content.assemble((f"{total} offer" + ("s" if total != 1 else ""), "bold"),
                                         (" · n for a new one · w l d: how it landed", MUTED)))
        shown = self.query_one("#offers-counts", Static)
        shown.update(outcome_line(counts))
        shown.display = any(counts.values())
        options = self.offer_list
        keep = self._want if self._want is not None else self._current_id()
        self._want = None
        options.clear_rows()
        for offer in self._offers.values():
            options.add_row(self._row(offer), id=str(offer.id))
        if self._offers:
            ids = list(self._offers)
            options.highlighted = ids.index(keep) if keep in ids else 0
        options.display = bool(self._offers)
        self._show_detail()
        self.refresh_bindings()

    @staticmethod
    def _row(offer) -> Content:
        return Content.assemble(
            (f"{SHAPES[offer.outcome]} ", STYLES[offer.outcome]),
            (f"{dates.local(offer.occurred_at):%d %b}  ", MUTED),
            sentence(offer.what, offer.at, offer.instead))

    def _current_id(self) -> int | None:
        if not self.is_mounted:
            return None
        options = self.offer_list
        if options.highlighted is None or not options.option_count:
            return None
        return int(options.get_option_at_index(options.highlighted).id or 0)

    def current(self):
        found = self._current_id()
        return self._offers.get(found) if found is not None else None

    def _show_detail(self) -> None:
        from content import knowledge

        k = knowledge()
        detail = self.query_one("#offers-detail", Static)
        offer = self.current()
        if offer is None:
            detail.update("")
            return
        parts: list = [(sentence(offer.what, offer.at, offer.instead), "bold"),
                       (f"\n{dates.local(offer.occurred_at):%A %d %B %Y, %H:%M}", MUTED)]
        if offer.outcome:
            outcome = k.small_things.outcome(offer.outcome)
            parts += [(f"\n{SHAPES[offer.outcome]} {outcome.name}", STYLES[offer.outcome]),
                      f": {outcome.description}"]
        else:
            parts.append(("\n· Not answered yet: w, l or d once you know how it landed.",
                          MUTED))
        if offer.reason:
            parts += [("\nLikely reason: ", "bold"), k.reason(offer.reason).name]
        if offer.note:
            parts += [("\nNote: ", "bold"), offer.note]
        detail.update(Content.assemble(*parts))

    @on(OptionList.OptionHighlighted, "#offers-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#offers-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "mark", "delete") and self.is_mounted and self.current() is None:
            return None
        return True

    # -- actions ------------------------------------------------------------------------

    def _open_form(self, offer_id: int | None) -> None:
        from tui.screens.small_things.offer_form import OfferForm

        def done(kept: int | None) -> None:
            if kept is not None:
                self._want = kept
                self.reload()
                self.offer_list.focus()

        self.app.push_screen(OfferForm(offer_id), done)

    def action_new(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        offer = self.current()
        if offer is not None:
            self._open_form(offer.id)

    def action_mark(self, outcome: str) -> None:
        offer = self.current()
        if offer is None:
            return
        try:
            self.journal.offers.mark(offer.id, None if offer.outcome == outcome else outcome)
        except JournalError as exc:
            self.notify(str(exc), title="Not kept", severity="error", markup=False)
            return
        self.reload()

    def action_delete(self) -> None:
        offer = self.current()
        if offer is not None:
            self.closer_app.move_to_trash("offer", offer.id)

    def records_changed(self) -> None:
        self.reload()

    def open_record(self, kind: str, record_id: int) -> None:
        self._want = record_id
        self.reload()
        self.offer_list.focus()

