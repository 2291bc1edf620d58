"""The list of past thought records, drawn line by line and read page by page: years of
records cost nothing until they are scrolled into view (no widget, no laid-out text per
record, and only the pages in view read from the journal)."""

from __future__ import annotations

import re
import sqlite3
from typing import Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from storage import JournalError, dates
from storage.text import first_line
from storage.thoughts import ThoughtSummary, shift_words

ROW_HEIGHT = 2
"""Each record takes two lines: its day and first line, then the belief shift."""

PAGE = 100
"""Records read from the journal at a time, as the list scrolls."""

KEEP_PAGES = 20
"""Pages kept in memory at most (a long scroll reads the far ones again when it returns)."""

Fetch = Callable[[int, int], "list[ThoughtSummary]"]
"""How the list reads a page: ``fetch(offset, limit)``, newest first."""

# Bidirectional controls could turn the rest of a drawn row (and the pane's border) around
# in some terminals: the one-line preview drops them (the journal and the form keep them).
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def row_parts(item: ThoughtSummary) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A record's two lines as (text, kind) pieces; kinds name the list's component
    classes ("" for plain text)."""
    when = dates.local(item.occurred_at)
    title = " ".join(_BIDI.sub("", first_line(item.title, 300)).split()) or (
        "(nothing written yet)")
    first = [(f"{when:%a %d %b}", "date"), (" " + title, "")]
    second: list[tuple[str, str]] = [("  ", "")]
    if item.status == "draft":
        second.append(("draft", "draft"))
        if item.belief_before is not None:
            second.append((f" · belief {item.belief_before}", "muted"))
    else:
        words = shift_words(item.belief_before, item.belief_after)
        if words:
            shift = item.shift
            second.append((f"belief {words}", "drop" if shift is not None and shift < 0
                           else "muted"))
        else:
            second.append(("finished", "muted"))
    return first, second


class ThoughtList(ScrollView, can_focus=True):
    """Past records, newest first. Up and down move, Enter (or a click) opens one."""

    DEFAULT_CSS = """
    ThoughtList { height: 1fr; }
    ThoughtList > .thought-list--date { text-style: bold; }
    ThoughtList > .thought-list--muted { color: $text-muted; }
    ThoughtList > .thought-list--draft { color: $warning; }
    ThoughtList > .thought-list--drop { color: $success; }
    ThoughtList > .thought-list--highlight { background: $boost; }
    ThoughtList:focus > .thought-list--highlight {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    COMPONENT_CLASSES = {
        "thought-list--date",
        "thought-list--muted",
        "thought-list--draft",
        "thought-list--drop",
        "thought-list--highlight",
    }

    BINDINGS = [
        Binding("up", "move(-1)", "Newer", id="thought.list.up", show=False,
                tooltip="The record before (newer)."),
        Binding("down", "move(1)", "Older", id="thought.list.down", show=False,
                tooltip="The record after (older)."),
        Binding("pageup", "page(-1)", "Page up", id="thought.list.page_up", show=False,
                tooltip="A screenful of newer records."),
        Binding("pagedown", "page(1)", "Page down", id="thought.list.page_down", show=False,
                tooltip="A screenful of older records."),
        Binding("home", "first", "Newest", id="thought.list.first", show=False,
                tooltip="The newest record."),
        Binding("end", "last", "Oldest", id="thought.list.last", show=False,
                tooltip="The oldest record."),
        Binding("enter", "select", "Open", id="thought.list.open",
                tooltip="Open the highlighted record, to read it in full or change it."),
    ]

    highlighted: reactive[int | None] = reactive(None, init=False)

    class Highlighted(Message):
        def __init__(self, records: ThoughtList, index: int | None) -> None:
            super().__init__()
            self.records = records
            self.index = index

        @property
        def control(self) -> ThoughtList:
            return self.records

    class Selected(Message):
        def __init__(self, records: ThoughtList, index: int) -> None:
            super().__init__()
            self.records = records
            self.index = index

        @property
        def control(self) -> ThoughtList:
            return self.records

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.total = 0
        self._fetch: Fetch | None = None
        self._pages: dict[int, list[ThoughtSummary]] = {}
        self._strips: dict[tuple[int, int], Strip] = {}
        self._cache_key: tuple | None = None

    # -- what it shows --------------------------------------------------------------

    @property
    def item_count(self) -> int:
        return self.total

    def show(self, total: int, fetch: Fetch, highlight: int | None = None) -> None:
        """Show ``total`` records, read through ``fetch`` a page at a time as they come
        into view; highlight the one at index ``highlight`` (else the first)."""
        self.total = total
        self._fetch = fetch
        self._pages.clear()
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, ROW_HEIGHT * total)
        index = None
        if total:
            index = highlight if highlight is not None and 0 <= highlight < total else 0
        self.set_reactive(ThoughtList.highlighted, index)
        self.post_message(self.Highlighted(self, index))
        self.call_after_refresh(self._scroll_to_highlight)
        self.refresh()

    def item(self, index: int) -> ThoughtSummary | None:
        """The record at ``index`` (0 is the newest), read with its page when not yet in
        memory; None past the end, or when its page could not be read."""
        if not 0 <= index < self.total or self._fetch is None:
            return None
        number, at = divmod(index, PAGE)
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) >= KEEP_PAGES:
                self._pages.pop(next(iter(self._pages)))
            try:
                page = self._fetch(number * PAGE, PAGE)
            except (JournalError, sqlite3.Error):  # the pane says so; the rows stay blank
                page = []
            self._pages[number] = page
        return page[at] if at < len(page) else None

    def row_text(self, index: int) -> str:
        """A record's two lines as plain text (what the list shows, untruncated)."""
        item = self.item(index)
        if item is None:
            return ""
        first, second = row_parts(item)
        return "".join(t for t, _ in first) + "\n" + "".join(t for t, _ in second)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, part = divmod(line, ROW_HEIGHT)
        base = self.rich_style
        if not 0 <= index < self.total or width <= 0:
            return Strip.blank(width, base)
        key = (width, self.app.theme)
        if key != self._cache_key:
            self._strips.clear()
            self._cache_key = key
        strip = self._strips.get((index, part))
        if strip is None:
            strip = self._strips[(index, part)] = self._make_strip(index, part, width, base)
            if len(self._strips) > 4000:  # keep memory flat on a long scroll
                self._strips.clear()
        if index == self.highlighted:
            strip = strip.apply_style(self.get_component_rich_style("thought-list--highlight"))
        return strip

    def _make_strip(self, index: int, part: int, width: int, base: Style) -> Strip:
        item = self.item(index)
        if item is None:
            return Strip.blank(width, base)
        pieces = row_parts(item)[part]
        segments = []
        used = 0
        for text, kind in pieces:
            room = width - used
            if room <= 0:
                break
            if cell_len(text) > room:
                text = set_cell_size(text, max(room - 1, 0)) + "…"
            style = base + (self.get_component_rich_style(f"thought-list--{kind}", partial=True)
                            if kind else Style())
            segments.append(Segment(text, style))
            used += cell_len(text)
        return Strip(segments).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache_key = None

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 ROW_HEIGHT * self.total)
        self._cache_key = None

    # -- moving ---------------------------------------------------------------------

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._scroll_to_highlight()
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def _scroll_to_highlight(self) -> None:
        if self.highlighted is None:
            return
        region = Region(0, self.highlighted * ROW_HEIGHT, 1, ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if self.total:
            self.highlighted = max(0, min(self.total - 1, index))

    def action_move(self, step: int) -> None:
        self._move_to((self.highlighted if self.highlighted is not None else -1) + step)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // ROW_HEIGHT)
        self._move_to((self.highlighted or 0) + direction * rows)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(self.total - 1)

    def action_select(self) -> None:
        if self.highlighted is not None and self.total:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (self.scroll_offset.y + offset.y) // ROW_HEIGHT
        if 0 <= index < self.total:
            self.highlighted = index
            self.action_select()
