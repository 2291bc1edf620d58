"""The list of past thought records: two lines a record, drawn line by line and read page by
page (tui.widgets.paged_list), so years of records cost nothing until they are scrolled into
view."""

from __future__ import annotations

from textual.binding import Binding

from storage import dates
from storage.text import first_line
from storage.thoughts import ThoughtSummary, shift_words
from tui.widgets.paged_list import BIDI, PagedList

ROW_HEIGHT = 2
"""Each record takes two lines: its day and first line, then the belief shift."""


def row_parts(item: ThoughtSummary) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A record's two lines as (text, kind) pieces; kinds name the list's component
    classes ("" for plain text)."""
    when = dates.local(item.occurred_at)
    title = " ".join(BIDI.sub("", first_line(item.title, 300)).split()) or (
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


class ThoughtList(PagedList):
    """Past records, newest first. Up and down move, Enter (or a click) opens one."""

    ROW_HEIGHT = ROW_HEIGHT
    PREFIX = "thought-list"
    DEFAULT_CSS = """
    ThoughtList { height: 1fr; }
    ThoughtList > .thought-list--date { text-style: bold; }
    ThoughtList > .thought-list--muted { color: $text-muted; }
    ThoughtList > .thought-list--draft { color: $warning; }
    ThoughtList > .thought-list--drop { color: $success; }
    ThoughtList > .thought-list--highlight {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
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

    def row_parts(self, item: ThoughtSummary) -> list[list[tuple[str, str]]]:
        return list(row_parts(item))
