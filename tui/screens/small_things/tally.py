"""The private tally tab of Small things: about oneself only, never a score of the partner.
Each of content's tally items has a key beside it that adds a mark now; today's marks and
this week's so far are shown kind beside slight (+ and −, not colour alone); the last mark of
today can be taken back (to the trash, so ctrl+z brings it back), and any mark can carry a
note. Every rule is :class:`storage.tally.Tally`'s; this only draws it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from tui.screens.small_things.tab import SmallTab
from tui.screens.small_things.tally_form import SIDE_MARKS

MARK_KEYS = "1234567890qweryiop"
"""The keys that add a mark, in the order content lists the items (kind ones first); no
letter the tab uses for anything else."""

SIDE_STYLES = {"kind": "$success", "slight": "$warning"}
MUTED = "$text-muted"


def tally_items() -> list:
    """Content's tally items, kind ones first, each with its key (:data:`MARK_KEYS`)."""
    from content import knowledge

    items = knowledge().small_things.tally
    ordered = [i for i in items if i.side == "kind"] + [i for i in items if i.side == "slight"]
    return list(zip(MARK_KEYS, ordered))


def counts_words(counts: dict[str, int]) -> list[tuple[str, str]]:
    """``+ 3 kind · − 1 slight`` as styled parts.

    >>> [text for text, _ in counts_words({"kind": 3, "slight": 0})]
    ['+ 3 kind', ' · ', '− 0 slights']
    """
    kind, slight = counts.get("kind", 0), counts.get("slight", 0)
    return [(f"{SIDE_MARKS['kind']} {kind} kind", SIDE_STYLES["kind"]), (" · ", MUTED),
            (f"{SIDE_MARKS['slight']} {slight} slight{'' if slight == 1 else 's'}",
             SIDE_STYLES["slight"])]


def _mark_bindings() -> list[Binding]:
    return [Binding(key, f"mark('{item.key}')", item.name, id=f"tally.mark.{item.key}",
                    show=False,
                    tooltip=f"Add a mark now: {SIDE_MARKS[item.side]} {item.name}. "
                            f"{item.description}")
            for key, item in tally_items()]


class TallyTab(SmallTab):
    """The items with their keys, today's and this week's counts, and one day's marks."""

    HELP_PARTS = (("A note on a mark (n)", "tui.screens.small_things.tally_form:TallyNote"),)
    """The form the tab opens, for the help (tui.screens.help)."""

    BINDINGS = [
        *_mark_bindings(),
        Binding("n", "note", "Note", id="tally.note",
                tooltip="Write or change a note on the highlighted mark (only you see it)."),
        Binding("u", "undo_last", "Take back last", id="tally.undo_last",
                tooltip="Take back the last mark of today, if it was a slip of the key "
                        "(ctrl+z brings it back)."),
        Binding("delete", "delete", "Delete", id="tally.delete",
                tooltip="Move the highlighted mark to the trash (ctrl+z brings it back)."),
        Binding("t", "today", "Today", id="tally.today",
                tooltip="Show today's marks again (after opening an older one from search)."),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.day: date = dates.today()
        """The day whose marks the list shows: today, or the day of a mark found by search."""
        self._marks: list = []

    def compose(self) -> ComposeResult:
        from content import knowledge

        yield Static(Text(knowledge().small_things.my_tally.intro), id="tally-intro")
        with Horizontal(id="tally-items"):
            yield Static("", id="tally-kind")
            yield Static("", id="tally-slight")
        yield Static("", id="tally-summary")
        yield Static("", id="tally-day-title")
        yield OptionList(id="tally-marks")

    def on_mount(self) -> None:
        self.reload()

    @property
    def marks_list(self) -> OptionList:
        return self.query_one("#tally-marks", OptionList)

    def focus_first(self) -> None:
        self.marks_list.focus()

    def records_changed(self) -> None:
        self.reload()

    # -- reading ------------------------------------------------------------------------

    def reload(self, highlight: int | None = None) -> None:
        """Read today's and the week's counts and the day's marks again, and show them."""
        today = dates.today()
        tally = self.journal.tally
        try:
            today_marks = tally.on_day(today)
            week = tally.week_so_far(today)
            self._marks = today_marks if self.day == today else tally.on_day(self.day)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show_items(today_marks)
        self._show_summary(tally.counts(today, today), week)
        self._show_marks(today, highlight)

    def _show_items(self, today_marks: list) -> None:
        done: dict[str, int] = {}
        for mark in today_marks:
            done[mark.what] = done.get(mark.what, 0) + 1
        columns = {"kind": [("Kind", "bold")], "slight": [("Slights", "bold")]}
        for key, item in tally_items():
            n = done.get(item.key, 0)
            columns[item.side] += [
                (f"\n {key} ", "bold reverse"),
                (f" {SIDE_MARKS[item.side]} ", f"{SIDE_STYLES[item.side]} bold"),
                item.name, (f"  ×{n}" if n else "", MUTED)]
        self.query_one("#tally-kind", Static).update(Content.assemble(*columns["kind"]))
        self.query_one("#tally-slight", Static).update(Content.assemble(*columns["slight"]))

    def _show_summary(self, today: dict[str, int], week: dict[str, int]) -> None:
        self.query_one("#tally-summary", Static).update(Content.assemble(
            ("Today ", "bold"), *counts_words(today), ("   This week so far ", "bold"),
            *counts_words(week)))

    def _show_marks(self, today: date, highlight: int | None) -> None:
        from content import knowledge

        title = "Today's marks" if self.day == today else \
            f"Marks of {self.day:%a} {self.day.day} {self.day:%b %Y} (t: back to today)"
        self.query_one("#tally-day-title", Static).update(Content.assemble((title, "bold")))
        options = self.marks_list
        keep = highlight
        if keep is None and options.highlighted is not None and self._marks:
            current = options.get_option_at_index(options.highlighted).id
            keep = int(current) if current and current.isdigit() else None
        options.clear_options()
        if not self._marks:
            words = knowledge().small_things.my_tally.nothing_today
            options.add_option(Option(Content(words if self.day == today else
                                              "No marks on this day."), disabled=True))
            return
        words = knowledge().small_things
        for mark in self._marks:
            name = words.tally_item(mark.what).name
            # the list's own colours only, so a highlighted row reads as well as the rest
            parts: list = [f"{dates.local(mark.occurred_at):%H:%M}  ",
                           (f"{SIDE_MARKS[mark.side]} ", "bold"), name]
            if mark.note:
                parts += [" · ", (mark.note, "italic")]
            options.add_option(Option(Content.assemble(*parts), id=str(mark.id)))
        ids = [mark.id for mark in self._marks]
        options.highlighted = ids.index(keep) if keep in ids else len(ids) - 1

    def current_mark(self):
        options = self.marks_list
        if not self._marks or options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((m for m in self._marks if str(m.id) == option_id), None)

    # -- marking ------------------------------------------------------------------------

    def action_mark(self, what: str) -> None:
        try:
            mark = self.journal.tally.mark(what)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.day = dates.today()
        self.reload(mark.id)

    def action_note(self) -> None:
        from tui.screens.small_things.tally_form import TallyNote

        mark = self.current_mark()
        if mark is None:
            self.notify("No mark to write a note on: press an item's key first.",
                        markup=False)
            return
        self.app.push_screen(TallyNote(mark.id), lambda _id: self.reload(mark.id))

    def action_undo_last(self) -> None:
        try:
            item = self.journal.tally.undo_last(dates.today())
        except JournalError as exc:
            self.notify(str(exc), markup=False)
            return
        self.closer_app.trashed(item)

    def action_delete(self) -> None:
        mark = self.current_mark()
        if mark is not None:
            self.closer_app.move_to_trash("tally", mark.id)

    def action_today(self) -> None:
        self.day = dates.today()
        self.reload()

    # -- the palette and search ---------------------------------------------------------

    def open_record(self, kind: str, record_id: int) -> None:
        """A mark from search: its day's marks, with it highlighted."""
        try:
            mark = self.journal.tally.get(record_id)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.day = dates.local_day(mark.occurred_at)
        self.reload(mark.id)
        self.call_after_refresh(self.focus_first)

