"""The cycle diagram: the person's own words in four boxes joined by arrows into a closed
loop (my move -> inside them -> their move -> inside me -> back to my move), drawn with
box-drawing characters and laid out afresh for the width it is given.

Wide (:data:`WIDE_AT` columns and more) it is a square, clockwise, with the four-week count
in the middle; narrower, the boxes stack with the way back up drawn down the right-hand
side and the count beside the middle arrow. Text wraps by terminal cells (CJK and emoji
are two wide); a word too long for a box is broken, and what does not fit ends in "…".

:func:`diagram_lines` is pure (words in, lines of (text, role) pieces out), so it is tested
without an app; :class:`LoopDiagram` draws those lines with the theme's styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

WIDE_AT = 64
"""From this many columns the diagram is drawn as a square; below, as a column."""
MIN_WIDTH = 24
"""Narrower than this, the boxes would hold a word or two and cut their own titles; the
words are listed under the titles instead."""
GAP = 6
"""Columns between the two boxes of a row in the square layout (the arrow's length)."""

NODES = ("my_move", "inside_them", "their_move", "inside_me")
TITLES = {
    "my_move": "My move",
    "inside_them": "Inside them",
    "their_move": "Their move",
    "inside_me": "Inside me",
}

# What each box holds, in order: (side, field, label before the words).
PARTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "my_move": (("me", "move", ""), ("me", "trigger", "set off by: ")),
    "inside_them": (("them", "tells_self", ""), ("them", "surface", "shows: "),
                    ("them", "underneath", "underneath: "), ("them", "longing", "longs for: ")),
    "their_move": (("them", "move", ""), ("them", "trigger", "set off by: ")),
    "inside_me": (("me", "tells_self", ""), ("me", "surface", "shows: "),
                  ("me", "underneath", "underneath: "), ("me", "longing", "longs for: ")),
}
EMPTY = {
    "my_move": "what I do",
    "inside_them": "what they tell themselves",
    "their_move": "what they do",
    "inside_me": "what I tell myself",
}
NODE_OF = {(side, key): node for node, parts in PARTS.items() for side, key, _ in parts}
"""Which box shows each field of the map, e.g. ``NODE_OF["them", "surface"]``."""

# Roles the pieces are drawn in; the widget turns them into styles from the theme.
BORDER, TITLE, TEXT, QUOTE, MUTED, ARROW, COUNT = (
    "border", "title", "text", "quote", "muted", "arrow", "count")
HIGHLIGHT = "-hl"
"""Added to a role for the pieces of the box being edited (``"border-hl"``)."""

Piece = tuple[str, str]
Line = list[Piece]

# Bidirectional controls could turn a box's border around in some terminals: drop them here
# (the journal keeps them as typed).
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Layout:
    """The drawn lines, and which lines each box covers (for scrolling it into view)."""

    lines: list[Line] = field(default_factory=list)
    boxes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def text(self) -> str:
        return "\n".join("".join(t for t, _ in line) for line in self.lines)


# ------------------------------------------------------------------ text to fit


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with "…" when something was cut."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return chop_cells(text, width - 1)[0] + "…"


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """``text`` wrapped to ``width`` terminal cells in at most ``max_lines`` lines, runs of
    white space (line breaks too) as one space. A word longer than a line is broken; when
    the text does not fit, the last line ends in "…".

    >>> wrap("ask again, louder", 10, 2)
    ['ask again,', 'louder']
    >>> wrap("x" * 30, 10, 2)
    ['xxxxxxxxxx', 'xxxxxxxxx…']
    """
    if width < 1 or max_lines < 1:
        return []
    # Only the start can show: a million characters are not laid out to show forty.
    budget = width * max_lines * 2 + 2
    cut = len(text) > budget
    words = _BIDI.sub("", text[:budget]).split()
    lines: list[str] = []
    current = ""
    for word in words:
        if len(lines) > max_lines:
            break
        while cell_len(word) > width:
            if current:
                lines.append(current)
                current = ""
            head = chop_cells(word, width)[0]
            lines.append(head)
            word = word[len(head):]
        if not word:
            continue
        joined = f"{current} {word}" if current else word
        if cell_len(joined) <= width:
            current = joined
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines or cut:
        kept = lines[:max_lines]
        if kept:
            last = kept[-1]
            if cell_len(last) >= width:
                last = chop_cells(last, width - 1)[0] if width > 1 else ""
            kept[-1] = last.rstrip(" ,;:") + "…"
        return kept
    return lines


# ------------------------------------------------------------------ the boxes


def _words(sides: dict[str, dict[str, str]] | None, side: str, key: str) -> str:
    if not sides:
        return ""
    return (sides.get(side) or {}).get(key, "") or ""


def _box_content(node: str, sides: dict | None, inner: int, budget: int,
                 editing: tuple[str, str] | None) -> list[Line]:
    """The lines inside one box: the main words first (in quotes for what someone tells
    themself), then the smaller parts, within ``budget`` lines. The part being edited is
    always shown, even while it is empty."""
    parts = list(PARTS[node])
    keys = [(side, key) for side, key, _ in parts]
    if editing in keys[1:]:
        parts.insert(1, parts.pop(keys.index(editing)))
    out: list[Line] = []
    hl = HIGHLIGHT if editing and NODE_OF.get(editing) == node else ""
    for n, (side, key, label) in enumerate(parts):
        room = budget - len(out)
        if room <= 0:
            break
        words = " ".join(_words(sides, side, key).split())
        is_edited = editing == (side, key)
        if n == 0:
            if not words:
                hint = EMPTY[node]
                out += [[(line, MUTED + hl)] for line in wrap(f"({hint})", inner, room)]
                continue
            quoted = key == "tells_self"
            shown = f"“{words}”" if quoted else words
            most = room if is_edited else max(2, budget - 2)
            if editing in keys[1:]:  # leave the field being edited a line at least
                most = min(most, max(1, budget - 2))
            lines = wrap(shown, inner, min(room, most))
            out += [[(line, (QUOTE if quoted else TEXT) + hl)] for line in lines]
            continue
        if not words and not is_edited:
            continue
        lines = wrap(label + (words or "…"), inner, room if is_edited else 1)
        for m, line in enumerate(lines):
            if m == 0 and line.startswith(label):
                out.append([(label, MUTED + hl), (line[len(label):], TEXT + hl)])
            else:
                out.append([(line, TEXT + hl)])
    return out or [[("", TEXT)]]


def _box(node: str, content: list[Line], width: int, height: int, hl: bool) -> list[Line]:
    """A box of ``width`` columns and ``height`` content lines: rounded corners, its title
    in the top border, content padded with one space each side."""
    border = BORDER + (HIGHLIGHT if hl else "")
    title = TITLE + (HIGHLIGHT if hl else "")
    inner = width - 4
    name = _clip(("▸ " if hl else "") + TITLES[node], max(1, width - 5))
    fill = width - 5 - cell_len(name)
    lines: list[Line] = [[("╭─", border), (f" {name} ", title), ("─" * max(0, fill), border),
                          ("╮", border)]]
    for n in range(height):
        pieces = content[n] if n < len(content) else [("", TEXT)]
        filled = sum(cell_len(t) for t, _ in pieces)
        lines.append([("│ ", border), *pieces, (" " * max(0, inner - filled), TEXT),
                      (" │", border)])
    lines.append([("╰" + "─" * (width - 2) + "╯", border)])
    return lines


def _width(line: Line) -> int:
    return sum(cell_len(t) for t, _ in line)


def _pad(line: Line, width: int) -> Line:
    short = width - _width(line)
    return line + [(" " * short, TEXT)] if short > 0 else line


# ------------------------------------------------------------------ the layouts


def diagram_lines(
    sides: dict[str, dict[str, str]] | None,
    width: int,
    *,
    count: str = "",
    short_count: str = "",
    editing: tuple[str, str] | None = None,
) -> Layout:
    """The diagram for a map's two sides (``{"me": {...}, "them": {...}}``, the six fields
    of each) at ``width`` columns. ``count`` is written on the cycle (the four-week count);
    ``editing`` names the field being edited, ``("them", "surface")``: its box is drawn
    highlighted and the field is shown even when empty. ``short_count`` is used instead
    of ``count`` where that would not fit on one line."""
    width = max(1, width)
    hl_node = NODE_OF.get(editing) if editing else None
    if width < MIN_WIDTH:
        return _listed(sides, width, short_count or count, hl_node)
    if width >= WIDE_AT:
        return _square(sides, width, count, editing, hl_node)
    if short_count and cell_len(f"⟳ {count}") > width - 7:
        count = short_count
    return _column(sides, width, count, editing, hl_node)


def _listed(sides, width, count, hl_node) -> Layout:
    layout = Layout()
    for node in NODES:
        hl = HIGHLIGHT if node == hl_node else ""
        start = len(layout.lines)
        layout.lines.append([(_clip(TITLES[node], width), TITLE + hl)])
        side, key, _ = PARTS[node][0]
        words = _words(sides, side, key) or f"({EMPTY[node]})"
        layout.lines += [[(line, TEXT + hl)] for line in wrap(words, width, 2)]
        layout.boxes[node] = (start, len(layout.lines))
        layout.lines.append([("↓" if node != NODES[-1] else "↺", ARROW)])
    if count:
        layout.lines += [[(line, COUNT)] for line in wrap(count, width, 2)]
    return layout


def _column(sides, width, count, editing, hl_node) -> Layout:
    """The boxes one under another; the way back runs up the right-hand side."""
    box_w = width - 2
    inner = box_w - 4
    layout = Layout()
    arrow_x = 2
    boxes = []
    for node in NODES:
        budget = 2 if node in ("my_move", "their_move") else 3
        content = _box_content(node, sides, inner, budget, editing)
        boxes.append(_box(node, content, box_w, len(content), node == hl_node))
    for n, node in enumerate(NODES):
        start = len(layout.lines)
        for row, line in enumerate(boxes[n]):
            if n == 0 and row == 1:
                tail = [("◀╮", ARROW)]
            elif n == len(NODES) - 1 and row == 1:
                tail = [("─╯", ARROW)]
            elif (n == 0 and row > 1) or 0 < n < len(NODES) - 1 or (
                    n == len(NODES) - 1 and row < 1):
                tail = [(" │", ARROW)]
            else:
                tail = [("  ", TEXT)]
            layout.lines.append(line + tail)
        layout.boxes[node] = (start, len(layout.lines))
        if n == len(NODES) - 1:
            break
        said = wrap(f"⟳ {count}", box_w - arrow_x - 3, 2) if count and n == 1 else []
        rows = max(1, len(said))
        for row in range(rows):
            mark = "▼" if row == rows - 1 else "│"
            line: Line = [(" " * arrow_x, TEXT), (mark, ARROW)]
            if row < len(said):
                line += [("  ", TEXT), (said[row], COUNT)]
            layout.lines.append(_pad(line, box_w) + [(" │", ARROW)])
    return layout


def _square(sides, width, count, editing, hl_node) -> Layout:
    """Clockwise: my move (top left) -> inside them (top right) -> their move (bottom
    right) -> inside me (bottom left) -> up to my move. The count sits in the middle."""
    box_w = (width - GAP) // 2
    inner = box_w - 4
    layout = Layout()

    def row(left: str, right: str, arrow: Line) -> None:
        budget = 5
        a = _box_content(left, sides, inner, budget, editing)
        b = _box_content(right, sides, inner, budget, editing)
        height = max(len(a), len(b))
        left_box = _box(left, a, box_w, height, left == hl_node)
        right_box = _box(right, b, box_w, height, right == hl_node)
        start = len(layout.lines)
        for n, (x, y) in enumerate(zip(left_box, right_box)):
            middle = arrow if n == 1 else [(" " * GAP, TEXT)]
            layout.lines.append(x + middle + y)
        layout.boxes[left] = layout.boxes[right] = (start, len(layout.lines))

    row("my_move", "inside_them", [("─" * (GAP - 1) + "▶", ARROW)])
    left_x = box_w // 2
    right_x = box_w + GAP + box_w // 2
    room = right_x - left_x - 5
    said = wrap(f"⟳ {count}", room, 3) if count else []
    rows = max(3, len(said))
    first = (rows - len(said)) // 2
    for n in range(rows):
        up = "▲" if n == 0 else "│"
        down = "▼" if n == rows - 1 else "│"
        words = said[n - first] if 0 <= n - first < len(said) else ""
        space = right_x - left_x - 1
        lead = (space - cell_len(words)) // 2
        layout.lines.append([
            (" " * left_x, TEXT), (up, ARROW), (" " * lead, TEXT), (words, COUNT),
            (" " * (space - lead - cell_len(words)), TEXT), (down, ARROW),
        ])
    row("inside_me", "their_move", [("◀" + "─" * (GAP - 1), ARROW)])
    layout.lines = [_pad(line, width) for line in layout.lines]
    return layout


# ------------------------------------------------------------------ the widget


def sides_of(loop_map: Any) -> dict[str, dict[str, str]] | None:
    """A stored map (or None) as the plain ``{"me": {...}, "them": {...}}`` drawn here."""
    if loop_map is None:
        return None
    return {"me": loop_map.me._asdict(), "them": loop_map.them._asdict()}


class LoopDiagram(Widget, can_focus=True):
    """The cycle, drawn with the line API from lines made once per change of words, width,
    count or highlighted field. It takes the focus (the pane's first stop), so the pane
    opens at the top; enter there edits the map (the pane decides)."""

    DEFAULT_CSS = """
    LoopDiagram {
        height: auto;
        width: 1fr;
    }
    LoopDiagram > .loop-diagram--border { color: $border-blurred; }
    LoopDiagram > .loop-diagram--title { color: $text-muted; text-style: bold; }
    LoopDiagram > .loop-diagram--text { color: $foreground; }
    LoopDiagram > .loop-diagram--quote { color: $foreground; text-style: italic; }
    LoopDiagram > .loop-diagram--muted { color: $text-muted; }
    LoopDiagram > .loop-diagram--arrow { color: $secondary; }
    LoopDiagram > .loop-diagram--count { color: $accent; text-style: bold; }
    LoopDiagram > .loop-diagram--highlight { color: $accent; text-style: bold; }
    LoopDiagram:focus > .loop-diagram--border { color: $accent; }
    LoopDiagram:focus > .loop-diagram--title { color: $accent; }
    """

    COMPONENT_CLASSES = {
        "loop-diagram--border",
        "loop-diagram--title",
        "loop-diagram--text",
        "loop-diagram--quote",
        "loop-diagram--muted",
        "loop-diagram--arrow",
        "loop-diagram--count",
        "loop-diagram--highlight",
    }

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.sides: dict[str, dict[str, str]] | None = None
        self.count = ""
        self.short_count = ""
        self.editing: tuple[str, str] | None = None
        self._version = 0
        self._layout_key: tuple | None = None
        self._layout = Layout()
        self._strips: list[Strip] = []
        self._strips_key: tuple | None = None

    def show(self, sides: dict[str, dict[str, str]] | None, count: str | None = None,
             short_count: str = "") -> None:
        """Draw these words (and, if given, this count on the cycle, with a shorter way of
        saying it for narrow widths)."""
        self.sides = sides
        if count is not None:
            self.count = count
            self.short_count = short_count
        self._changed()

    def set_editing(self, editing: tuple[str, str] | None) -> None:
        """Highlight the box of the field being edited (None: no highlight)."""
        if editing != self.editing:
            self.editing = editing
            self._changed()

    def _changed(self) -> None:
        self._version += 1
        self.refresh(layout=True)

    def layout_for(self, width: int) -> Layout:
        key = (width, self._version)
        if key != self._layout_key:
            self._layout = diagram_lines(self.sides, width, count=self.count,
                                         short_count=self.short_count, editing=self.editing)
            self._layout_key = key
        return self._layout

    def box_region(self, node: str) -> tuple[int, int] | None:
        """The first and last+1 line of a box, as last drawn."""
        return self.layout_for(self.content_size.width or WIDE_AT).boxes.get(node)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.layout_for(width).lines)

    def _styles(self) -> dict[str, Style]:
        get = self.get_component_rich_style
        plain = {role: get(f"loop-diagram--{role}", partial=True)
                 for role in (BORDER, TITLE, TEXT, QUOTE, MUTED, ARROW, COUNT)}
        bright = get("loop-diagram--highlight", partial=True)
        plain.update({role + HIGHLIGHT: style + bright for role, style in list(plain.items())})
        plain[MUTED + HIGHLIGHT] = plain[MUTED] + Style(bold=True)
        return plain

    def render(self) -> Text:
        """The diagram as Text (for reading it back; drawing goes through render_line)."""
        styles = self._styles()
        out = Text(no_wrap=True, overflow="crop", end="")
        for n, line in enumerate(self.layout_for(self.content_size.width or WIDE_AT).lines):
            if n:
                out.append("\n")
            for text, role in line:
                out.append(text, styles.get(role))
        return out

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        layout = self.layout_for(width)
        key = (width, self._version, self.app.theme, self.has_focus)
        if key != self._strips_key:
            base = self.rich_style
            styles = {role: base + style for role, style in self._styles().items()}
            self._strips = [
                Strip([Segment(text, styles.get(role, base)) for text, role in line if text])
                .adjust_cell_length(width, base)
                for line in layout.lines
            ]
            self._strips_key = key
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.rich_style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips_key = None
