"""A long list drawn line by line and read page by page: years of records cost nothing until
they are scrolled into view (no widget and no laid-out text per record, and only the pages in
view are read from the journal).

A subclass says how one record is drawn (:meth:`PagedList.row_parts`: its lines, each a list of
``(text, kind)`` pieces, where a kind names one of the list's component classes); the screen
gives the number of records and how to read a page (:meth:`PagedList.show`).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any, Callable

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

from storage import JournalError

PAGE = 100
"""Records read from the journal at a time, as the list scrolls."""

KEEP_PAGES = 20
"""Pages kept in memory at most (a long scroll reads the far ones again when it returns)."""

Fetch = Callable[[int, int], "list[Any]"]
"""How the list reads a page: ``fetch(offset, limit)``, in the list's order."""

BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional controls could turn the rest of a drawn row (and a pane's border) around in
some terminals: a one-line preview drops them (the journal keeps them)."""

Row = list[list[tuple[str, str]]]


class PagedList(ScrollView, can_focus=True):
    """Records in order; up and down move, Enter (or a click) chooses one."""

    ROW_HEIGHT = 1
    """Lines each record takes."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", id="list.up", show=False,
                tooltip="The record before."),
        Binding("down", "move(1)", "Down", id="list.down", show=False,
                tooltip="The record after."),
        Binding("pageup", "page(-1)", "Page up", id="list.page_up", show=False,
                tooltip="A screenful up."),
        Binding("pagedown", "page(1)", "Page down", id="list.page_down", show=False,
                tooltip="A screenful down."),
        Binding("home", "first", "First", id="list.first", show=False,
                tooltip="The first record."),
        Binding("end", "last", "Last", id="list.last", show=False,
                tooltip="The last record."),
    ]

    highlighted: reactive[int | None] = reactive(None, init=False)

    class Highlighted(Message):
        def __init__(self, records: PagedList, index: int | None) -> None:
            super().__init__()
            self.records = records
            self.index = index

        @property
        def control(self) -> PagedList:
            return self.records

    class Selected(Message):
        def __init__(self, records: PagedList, index: int) -> None:
            super().__init__()
            self.records = records
            self.index = index

        @property
        def control(self) -> PagedList:
            return self.records

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.total = 0
        self._fetch: Fetch | None = None
        self._pages: dict[int, list[Any]] = {}
        self._strips: dict[tuple[int, int], Strip] = {}
        self._cache_key: tuple | None = None

    # -- what a subclass says --------------------------------------------------------

    def row_parts(self, item: Any) -> Row:
        """One record's lines (ROW_HEIGHT of them), each as (text, kind) pieces."""
        raise NotImplementedError

    PREFIX = "paged-list"
    """What the subclass's component classes begin with (``PREFIX--highlight``, and one
    for each kind of piece its rows use)."""

    def component(self, kind: str) -> str:
        """The component class of a piece's kind."""
        return f"{self.PREFIX}--{kind}"

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
        self.virtual_size = Size(self.scrollable_content_region.width, self.ROW_HEIGHT * total)
        index = None
        if total:
            index = highlight if highlight is not None and 0 <= highlight < total else 0
        self.set_reactive(PagedList.highlighted, index)
        self.post_message(self.Highlighted(self, index))
        self.call_after_refresh(self._scroll_to_highlight)
        self.refresh()

    def item(self, index: int) -> Any:
        """The record at ``index``, read with its page when not yet in memory; None past the
        end, or when its page could not be read."""
        if not 0 <= index < self.total or self._fetch is None:
            return None
        number, at = divmod(index, PAGE)
        page = self._pages.get(number)
        if page is None:
            if len(self._pages) >= KEEP_PAGES:
                self._pages.pop(next(iter(self._pages)))
            try:
                page = self._fetch(number * PAGE, PAGE)
            except (JournalError, sqlite3.Error):  # the screen says so; the rows stay blank
                page = []
            self._pages[number] = page
        return page[at] if at < len(page) else None

    def row_text(self, index: int) -> str:
        """A record's lines as plain text (what the list shows, untruncated)."""
        item = self.item(index)
        if item is None:
            return ""
        return "\n".join("".join(t for t, _ in line) for line in self.row_parts(item))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, part = divmod(line, self.ROW_HEIGHT)
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
            # over each piece's own colours (Strip.apply_style puts a style beneath them,
            # and the row's background would hide the highlight)
            highlight = self.get_component_rich_style(self.component("highlight"))
            strip = Strip(list(Segment.apply_style(list(strip), post_style=highlight)),
                          strip.cell_length)
        return strip

    def _make_strip(self, index: int, part: int, width: int, base: Style) -> Strip:
        item = self.item(index)
        if item is None:
            return Strip.blank(width, base)
        pieces = self.row_parts(item)[part]
        segments = []
        used = 0
        for text, kind in pieces:
            room = width - used
            if room <= 0:
                break
            if cell_len(text) > room:
                text = set_cell_size(text, max(room - 1, 0)) + "…"
            style = base + (self.get_component_rich_style(self.component(kind), partial=True)
                            if kind else Style())
            segments.append(Segment(text, style))
            used += cell_len(text)
        return Strip(segments).adjust_cell_length(width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache_key = None

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 self.ROW_HEIGHT * self.total)
        self._cache_key = None

    # -- moving ---------------------------------------------------------------------

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._scroll_to_highlight()
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def _scroll_to_highlight(self) -> None:
        if self.highlighted is None:
            return
        region = Region(0, self.highlighted * self.ROW_HEIGHT, 1, self.ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if self.total:
            self.highlighted = max(0, min(self.total - 1, index))

    def action_move(self, step: int) -> None:
        self._move_to((self.highlighted if self.highlighted is not None else -1) + step)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.ROW_HEIGHT)
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
        index = (self.scroll_offset.y + offset.y) // self.ROW_HEIGHT
        if 0 <= index < self.total:
            self.highlighted = index
            self.action_select()
