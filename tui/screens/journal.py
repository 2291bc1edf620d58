"""The Journal: every free entry, newest first, filtered as you type, read in full beside the
list, and written, changed, starred or deleted from here.

The list reads a page of entries at a time as it scrolls (tui.widgets.paged_list), so ten
years of writing open as fast as a week's. Which entries a filter chooses is storage's rule
(``storage.entries.parse_filter`` and ``entry_filter``); the screen only shows them.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Markdown, Static

from storage import JournalError, dates
from storage.entries import FILTER_HELP, parse_filter
from storage.text import first_line
from tui.compat import QuietFooter
from tui.reach import Reach
from tui.widgets.focus_ring import FocusRing
from tui.widgets.paged_list import BIDI, PagedList


class _Side(FocusRing, Vertical):
    """The filter and the list of entries, outlined while the focus is in them."""


class _Reader(FocusRing, VerticalScroll):
    """The entry beside the list, outlined while the focus is in it."""


READ_AT_MOST = 20_000
"""Characters of an entry the reader shows beside the list (all of it opens with Enter)."""

FILTER_DELAY_S = 0.2
"""The list follows the filter this long after the last key."""


class EntryList(PagedList):
    """Entries, newest first: the moment, a star and the mood, then the title or first line."""

    ROW_HEIGHT = 2
    PREFIX = "entry-list"
    COMPONENT_CLASSES = {"entry-list--date", "entry-list--muted", "entry-list--star",
                         "entry-list--highlight"}
    DEFAULT_CSS = """
    EntryList { height: 1fr; }
    EntryList > .entry-list--date { text-style: bold; }
    EntryList > .entry-list--muted { color: $text-muted; }
    EntryList > .entry-list--star { color: $warning; }
    EntryList > .entry-list--highlight {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    EntryList:focus > .entry-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    def row_parts(self, item: Any) -> list[list[tuple[str, str]]]:
        when = dates.local(item.occurred_at)
        first: list[tuple[str, str]] = [(f"{when:%a %d %b %Y, %H:%M}", "date")]
        if item.starred:
            first.append((" ★", "star"))
        if item.mood is not None:
            first.append((f"  mood {item.mood:+d}", "muted"))
        if item.tags:
            first.append(("  " + " ".join(f"#{t}" for t in item.tags), "muted"))
        title = " ".join(BIDI.sub("", item.title or first_line(item.body, 300)).split())
        return [first, [("  " + (title or "(no words)"), "")]]


class JournalScreen(Reach, Screen):
    """Every entry; escape goes back to where you were."""

    DEFAULT_CSS = """
    JournalScreen #journal-body { height: 1fr; }
    JournalScreen #journal-side {
        width: 45%;
        min-width: 32;
        border: round $border-blurred;
        border-title-color: $text-muted;
    }
    JournalScreen #journal-reader {
        width: 1fr;
        border: round $border-blurred;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    JournalScreen #journal-side.-focus-inside, JournalScreen #journal-reader.-focus-inside {
        border: heavy $accent;
        border-title-color: $accent;
    }
    JournalScreen #journal-count { color: $text-muted; padding: 0 1; }
    JournalScreen #journal-meta { color: $text-muted; margin-bottom: 1; }
    JournalScreen #journal-text { margin: 0; padding: 0; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", id="journal.back",
                tooltip="Back to the three panes."),
        Binding("slash", "filter", "Filter", id="journal.filter",
                tooltip="Filter the entries: " + FILTER_HELP + "."),
        Binding("n", "new", "New entry", id="journal.new",
                tooltip="Write a new entry."),
        Binding("enter,e", "edit", "Open", id="journal.edit",
                tooltip="Open the highlighted entry to read all of it or change it."),
        Binding("s", "star", "Star", id="journal.star",
                tooltip="Star the highlighted entry, or take its star away."),
        Binding("delete", "delete", "Delete", id="journal.delete",
                tooltip="Move the highlighted entry to the trash (ctrl+z brings it back)."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters: dict[str, Any] = {}
        self._timer: Timer | None = None
        self._shown_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journal-body"):
            with _Side(id="journal-side"):
                yield Input(placeholder="Filter: words or #tag",
                            tooltip=f"Filter the entries: {FILTER_HELP}.", id="journal-filter")
                yield Static("", id="journal-count", markup=False)
                yield EntryList(id="journal-list")
            with _Reader(id="journal-reader"):
                yield Static("", id="journal-meta", markup=False)
                yield Markdown("", id="journal-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Journal"
        self.query_one("#journal-side").border_title = "Entries"
        self.query_one("#journal-reader").border_title = "Reading"
        self.reload()
        self.query_one(EntryList).focus()

    def on_screen_resume(self) -> None:
        # Back from writing or changing an entry: the list shows what is stored now.
        if self.is_mounted:
            self.reload(keep=self._shown_id)

    # -- the list -------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """Read the count and the first page again (keeping ``keep`` highlighted if it is
        still among the entries chosen)."""
        entries = self.journal.entries
        filters = dict(self.filters)
        count = self.query_one("#journal-count", Static)
        try:
            total = entries.count(**filters)
            every = entries.count() if filters else total
            place = entries.position(keep, **filters) if keep is not None else None
        except JournalError as exc:
            count.update(str(exc))
            return
        if filters:
            count.update(f"{total:,} of {every:,} entries")
        else:
            count.update(f"{total:,} entr{'y' if total == 1 else 'ies'}, newest first"
                         if total else "No entries yet: n writes the first.")

        def fetch(offset: int, limit: int) -> list:
            return entries.list(limit=limit, offset=offset, **filters)

        self.query_one(EntryList).show(total, fetch, highlight=place)
        if not total:
            self._read(None)

    @on(Input.Changed, "#journal-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY_S, self._apply_filter)

    def _apply_filter(self) -> None:
        self._timer = None
        typed = self.query_one("#journal-filter", Input).value
        try:
            self.filters = parse_filter(typed)
        except JournalError as exc:
            self.query_one("#journal-count", Static).update(
                f"{str(exc)[0].upper()}{str(exc)[1:]}")
            return
        self.reload(keep=self._shown_id)

    @on(Input.Submitted, "#journal-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._apply_filter()
        self.query_one(EntryList).focus()

    @on(PagedList.Highlighted, "#journal-list")
    def _highlighted(self, event: PagedList.Highlighted) -> None:
        item = event.records.item(event.index) if event.index is not None else None
        self._read(item)

    @on(PagedList.Selected, "#journal-list")
    def _selected(self, event: PagedList.Selected) -> None:
        self.action_edit()

    # -- the reader -----------------------------------------------------------------

    def _read(self, entry: Any) -> None:
        meta = self.query_one("#journal-meta", Static)
        text = self.query_one("#journal-text", Markdown)
        if entry is None:
            self._shown_id = None
            meta.update("")
            text.update("")
            return
        self._shown_id = entry.id
        when = dates.local(entry.occurred_at)
        parts = [f"{when:%A %d %B %Y, %H:%M}"]
        if entry.starred:
            parts.append("★ starred")
        if entry.mood is not None:
            parts.append(f"mood {entry.mood:+d}")
        extra = entry.unwritten_tags()
        if extra:
            parts.append(" ".join(f"#{t}" for t in extra))
        meta.update(Text(" · ".join(parts)))
        body = entry.body
        if len(body) > READ_AT_MOST:
            body = body[:READ_AT_MOST] + "\n\n*…the rest opens with Enter.*"
        text.update((f"# {entry.title}\n\n" if entry.title else "") + body)
        self.query_one("#journal-reader", VerticalScroll).scroll_home(animate=False)

    # -- actions --------------------------------------------------------------------

    def _highlighted_id(self) -> int | None:
        records = self.query_one(EntryList)
        item = records.item(records.highlighted) if records.highlighted is not None else None
        return item.id if item is not None else None

    def action_leave(self) -> None:
        self.app.pop_screen()

    def action_filter(self) -> None:
        self.query_one("#journal-filter", Input).focus()

    def action_new(self) -> None:
        from tui.screens.write import WriteScreen

        self.closer_app.open_screen(WriteScreen(), over_list=True)

    def action_edit(self) -> None:
        from tui.screens.write import WriteScreen

        entry_id = self._highlighted_id()
        if entry_id is not None:
            self.closer_app.open_screen(WriteScreen(entry_id=entry_id), over_list=True)

    def action_star(self) -> None:
        entry_id = self._highlighted_id()
        if entry_id is None:
            return
        try:
            entry = self.journal.entries.get(entry_id)
            self.journal.entries.update(entry_id, base=entry, starred=not entry.starred)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.reload(keep=entry_id)

    def action_delete(self) -> None:
        entry_id = self._highlighted_id()
        if entry_id is None:
            return
        records = self.query_one(EntryList)
        index = records.highlighted or 0
        if self.closer_app.move_to_trash("entry", entry_id):  # the list is read again
            records.highlighted = min(index, records.total - 1) if records.total else None

    def records_changed(self) -> None:
        """Something was deleted or brought back (the app's undo): read the list again."""
        self.reload(keep=self._shown_id)
