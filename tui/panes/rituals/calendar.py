"""A month of rituals: weeks as rows, Monday first, each day with a mark per ritual due: the
ritual's letter, then the shape of its state (done, skipped, missed, due today, to come), and
a legend naming both. Drawn with Textual's line API from lines made once per change: no
widget per day, no text to lay out."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from storage.rituals import DayRitual
from storage.weeks import week_start

FIRST_WEEKDAY = calendar.MONDAY
"""Python's calendar does not read a first weekday from the locale, so weeks start on
Monday (ISO 8601)."""

WEEKS = 6
"""Every month is drawn over six weeks, so the grid keeps its size from month to month."""

GLYPHS = {"done": "●", "skipped": "○", "missed": "–", "due": "◌", "upcoming": "·"}
# A past day with no mark is drawn softly: it is not a score, only a day that went by.
LEGEND = (("done", "done"), ("skipped", "skip"), ("missed", "no mark"), ("due", "today"),
          ("upcoming", "later"))
WORST_FIRST = ("missed", "due", "skipped", "upcoming", "done")
HEADER_LINES = 2  # the month's name, the weekday initials
MIN_CELL, MAX_CELL = 4, 9
SPARE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456789"


def ritual_letters(days: dict[date, list[DayRitual]]) -> dict[int, str]:
    """One letter for each ritual shown in ``days``, oldest ritual first: the first of its
    name's initials not yet taken, else another letter of its name, else a spare one
    ("?" once every letter and digit is taken).

    >>> ritual_letters({date(2025, 12, 1): [DayRitual(1, "Small bids", "done", True),
    ...                                     DayRitual(2, "Shared discovery", "due", True)]})
    {1: 'S', 2: 'D'}
    """
    names = {item.ritual_id: item.name for items in days.values() for item in items}
    letters: dict[int, str] = {}
    taken: set[str] = set()
    for ritual_id in sorted(names):
        words = names[ritual_id].upper().split()
        initials = [word[0] for word in words if word[0].isalnum()]
        others = [c for word in words for c in word[1:] if c.isalnum()]
        letter = next((c for c in [*initials, *others, *SPARE_LETTERS] if c not in taken), "?")
        taken.add(letter)
        letters[ritual_id] = letter
    return letters


def legend_lines(days: dict[date, list[DayRitual]], width: int) -> list[list[tuple[str, str]]]:
    """The legend under the grid, as lines of (text, part) pieces no wider than ``width``:
    the shape of each state, then each ritual's letter and name (part: a state's name,
    "letter" or "words")."""
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    used = 0
    for state, word in LEGEND:
        if used + len(word) + 2 > width:
            break
        line += [(GLYPHS[state], state), (f"{word} ", "words")]
        used += len(word) + 2
    lines.append(line)
    names = {item.ritual_id: item.name for items in days.values() for item in items}
    line, used = [], 0
    for ritual_id, letter in ritual_letters(days).items():
        name = names[ritual_id]
        room = max(1, width - 2)
        if len(name) > room:
            name = name[: room - 1] + "…"
        if line and used + 2 + len(name) + 2 > width:
            lines.append(line)
            line, used = [], 0
        if line:
            line.append(("  ", "words"))
            used += 2
        line += [(letter, "letter"), (f" {name}", "words")]
        used += len(name) + 2
    if line:
        lines.append(line)
    return lines


def grid_range(month: date) -> tuple[date, date]:
    """The first and last day drawn for ``month``: six whole weeks around it."""
    start = week_start(month.replace(day=1))
    return start, start + timedelta(days=7 * WEEKS - 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), kept within the shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Palette:
    """The styles the grid is drawn with (from the theme, via component classes)."""

    normal: Style = Style()
    muted: Style = Style(dim=True)
    today: Style = Style(bold=True, underline=True)
    selected: Style = Style(reverse=True)
    title: Style = Style(bold=True)
    states: tuple[tuple[str, Style], ...] = ()

    def state(self, name: str) -> Style:
        return dict(self.states).get(name, self.normal)


Piece = tuple[str, Style]


def month_lines(
    month: date,
    days: dict[date, list[DayRitual]],
    *,
    selected: date,
    today: date,
    width: int,
    compact: bool = False,
    palette: Palette = Palette(),
) -> list[list[Piece]]:
    """The month grid as lines of (text, style) pieces: the month's name between ‹ and ›,
    weekday initials, six weeks (two lines each: the day, then a mark per ritual due, its
    letter and the shape of its state, "+" when more are due than fit; when ``compact``,
    one line: the day and as many marks as fit, the worst first, "+" for the rest, and in
    a cell too narrow for a letter the worst state's shape), then the legend
    (:func:`legend_lines`)."""
    cell = max(MIN_CELL, min(MAX_CELL, width // 7))
    grid_width = cell * 7
    normal, muted, selected_style = palette.normal, palette.muted, palette.selected
    state_style = dict(palette.states)
    lines: list[list[Piece]] = []
    letters = ritual_letters(days)
    title = f"{calendar.month_name[month.month]} {month.year}"
    gap = max(1, grid_width - len(title) - 4)
    lines.append([("‹ ", muted), (" " * (gap // 2), normal), (title, palette.title),
                  (" " * (gap - gap // 2), normal), (" ›", muted)])
    lines.append([
        (f" {calendar.day_abbr[(FIRST_WEEKDAY + n) % 7][:2]}".ljust(cell), muted)
        for n in range(7)
    ])
    start, _ = grid_range(month)
    for week in range(WEEKS):
        numbers: list[Piece] = []
        marks: list[Piece] = []
        for n in range(7):
            day = start + timedelta(days=week * 7 + n)
            items = list(days.get(day, ()))
            inside = day.month == month.month
            base = normal if inside else muted
            number_style = base + palette.today if day == today else base
            chosen = day == selected

            def put(line: list[Piece], text: str, style: Style) -> None:
                line.append((text, style + selected_style if chosen else style))

            def mark(line: list[Piece], item: DayRitual) -> None:
                style = state_style.get(item.state, normal) if inside else base
                put(line, letters.get(item.ritual_id, "?"), style)
                put(line, GLYPHS[item.state], style)

            if compact:  # one line: the day, then its marks, the worst first
                ranked = sorted(items, key=lambda item: WORST_FIRST.index(item.state)
                                if item.state in WORST_FIRST else len(WORST_FIRST))
                put(numbers, f" {day.day:>2}", number_style)
                room = cell - 3
                fits = room // 2 if len(ranked) * 2 <= room else (room - 1) // 2
                for item in ranked[:fits]:
                    mark(numbers, item)
                used = 3 + 2 * min(fits, len(ranked))
                if ranked and not fits:  # no room for a letter: the worst state's shape
                    style = state_style.get(ranked[0].state, normal) if inside else base
                    put(numbers, GLYPHS[ranked[0].state], style)
                    used += 1
                if len(ranked) > max(fits, 1) and cell - used >= 1:
                    put(numbers, "+", base)  # more are due than are shown
                    used += 1
                put(numbers, " " * (cell - used), normal)
                continue
            put(numbers, f" {day.day:<{cell - 1}}", number_style)
            room = cell - 1
            fits = room // 2 if len(items) * 2 <= room else (room - 1) // 2
            shown = items[:fits]
            put(marks, " ", normal)
            for item in shown:
                mark(marks, item)
            used = 1 + 2 * len(shown)
            if len(shown) < len(items):
                put(marks, "+", base)
                used += 1
            put(marks, " " * (cell - used), normal)
        lines.append(numbers)
        if not compact:
            lines.append(marks)
    parts = {"letter": palette.title, "words": muted}
    for legend in legend_lines(days, grid_width):
        lines.append([(text, parts.get(part) or state_style.get(part, normal))
                      for text, part in legend])
    return lines


def month_text(month: date, days: dict[date, list[DayRitual]], **options) -> Text:
    """:func:`month_lines` as one rich Text (for reading it back in tests and tools)."""
    out = Text(no_wrap=True, overflow="crop", end="")
    for n, line in enumerate(month_lines(month, days, **options)):
        if n:
            out.append("\n")
        for text, style in line:
            out.append(text, style)
    return out


class RitualCalendar(Widget, can_focus=True):
    """The month grid. Arrows move by day, up and down by week, page up/down (or [ and ])
    by month, a click picks a day; it posts :class:`DaySelected`."""

    DEFAULT_CSS = """
    RitualCalendar {
        height: auto;
        width: 1fr;
    }
    RitualCalendar > .ritual-calendar--done { color: $success; }
    RitualCalendar > .ritual-calendar--skipped { color: $warning; }
    RitualCalendar > .ritual-calendar--missed { color: $text-muted; }
    RitualCalendar > .ritual-calendar--due { color: $accent; text-style: bold; }
    RitualCalendar > .ritual-calendar--upcoming { color: $text-muted; }
    RitualCalendar > .ritual-calendar--muted { color: $text-muted; }
    RitualCalendar > .ritual-calendar--today { color: $accent; text-style: bold underline; }
    RitualCalendar > .ritual-calendar--title { text-style: bold; }
    RitualCalendar > .ritual-calendar--selected { background: $boost; text-style: reverse; }
    RitualCalendar:focus > .ritual-calendar--selected {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {
        "ritual-calendar--done",
        "ritual-calendar--skipped",
        "ritual-calendar--missed",
        "ritual-calendar--due",
        "ritual-calendar--upcoming",
        "ritual-calendar--muted",
        "ritual-calendar--today",
        "ritual-calendar--title",
        "ritual-calendar--selected",
    }

    BINDINGS = [
        Binding("left", "move(-1)", "Day", id="rituals.calendar.previous_day", show=False,
                tooltip="The day before."),
        Binding("right", "move(1)", "Day", id="rituals.calendar.next_day", show=False,
                tooltip="The day after."),
        Binding("up", "move(-7)", "Week", id="rituals.calendar.previous_week", show=False,
                tooltip="The same day a week before."),
        Binding("down", "move(7)", "Week", id="rituals.calendar.next_week", show=False,
                tooltip="The same day a week later."),
        # "[" and "]" change the month from anywhere in the pane (the pane binds them).
        Binding("pageup", "month(-1)", "Month before", id="rituals.calendar.previous_month",
                show=False, tooltip="The same day in the month before."),
        Binding("pagedown", "month(1)", "Month after", id="rituals.calendar.next_month",
                show=False, tooltip="The same day in the month after."),
    ]

    selected: reactive[date] = reactive(date(2000, 1, 1), init=False)
    compact: reactive[bool] = reactive(False, layout=True)

    class DaySelected(Message):
        """The selected day changed (by key, by click, or by the pane)."""

        def __init__(self, calendar: RitualCalendar, day: date) -> None:
            super().__init__()
            self.calendar = calendar
            self.day = day

        @property
        def control(self) -> RitualCalendar:
            return self.calendar

    def __init__(self, day: date, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(RitualCalendar.selected, day)
        self.today = day
        self.days: dict[date, list[DayRitual]] = {}
        self._strips: list[Strip] = []
        self._cache_key: tuple | None = None

    # -- what it shows --------------------------------------------------------------

    def show(self, days: dict[date, list[DayRitual]], today: date) -> None:
        """Give the calendar the days of its grid (from ``Rituals.day_status``)."""
        self.days = days
        self.today = today
        self._cache_key = None
        self._fit_height()  # the legend names the rituals in view: its height follows
        self.refresh(layout=True)

    def palette(self) -> Palette:
        style = self.get_component_rich_style
        return Palette(
            normal=Style(),
            muted=style("ritual-calendar--muted", partial=True),
            today=style("ritual-calendar--today", partial=True),
            selected=style("ritual-calendar--selected", partial=True),
            title=style("ritual-calendar--title", partial=True),
            states=tuple(
                (name, style(f"ritual-calendar--{name}", partial=True)) for name in GLYPHS
            ),
        )

    def _options(self) -> dict:
        return dict(selected=self.selected, today=self.today,
                    width=self.content_size.width or 35, compact=self.compact)

    def render(self) -> Text:
        """The grid as Text (what :meth:`render_line` draws, line by line)."""
        return month_text(self.selected, self.days, palette=self.palette(), **self._options())

    def render_line(self, y: int) -> Strip:
        """One line of the grid, from lines made once per change (the line API: no Text
        to lay out, no widget per day)."""
        width = self.content_size.width
        key = (self.selected, self.today, width, self.compact, id(self.days),
               self.has_focus, self.app.theme)
        if self._cache_key != key:
            base = self.rich_style
            combined: dict[Style, Style] = {}

            def on_base(style: Style) -> Style:
                found = combined.get(style)
                if found is None:
                    found = combined[style] = base + style
                return found

            self._strips = [
                Strip([Segment(text, on_base(style)) for text, style in line])
                .adjust_cell_length(width, base)
                for line in month_lines(self.selected, self.days, palette=self.palette(),
                                        **self._options())
            ]
            self._cache_key = key
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.rich_style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache_key = None

    def line_count(self, width: int | None = None) -> int:
        """How many lines the grid takes at ``width`` (its own width when None): its header,
        six weeks (one or two lines each), the legends (which wrap to the width)."""
        width = width if width is not None else (self.content_size.width or 35)
        grid_width = max(MIN_CELL, min(MAX_CELL, width // 7)) * 7
        legend = len(legend_lines(self.days, grid_width))
        return HEADER_LINES + WEEKS * (1 if self.compact else 2) + legend

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.line_count(width)

    def _fit_height(self) -> None:
        if self.styles.height is None or self.styles.height.value != self.line_count():
            self.styles.height = self.line_count()

    def on_resize(self) -> None:
        self._fit_height()  # the legend may wrap to more or fewer lines

    def on_mount(self) -> None:
        self._fit_height()

    def watch_compact(self) -> None:
        # An explicit height, not only a new content height: the compact switch comes from
        # the pane's Resize, after a layout that already measured the grid, and Textual
        # keeps that measure for an auto height until the styles change (after a resize
        # from 80x24 to 200x60 the grid was cut after its third week, the legend gone).
        self._fit_height()

    def cell_width(self) -> int:
        return max(MIN_CELL, min(MAX_CELL, (self.content_size.width or 35) // 7))

    # -- moving ---------------------------------------------------------------------

    def select(self, day: date) -> None:
        """Select ``day`` (any month); the pane hears about it."""
        if day != self.selected:
            self.selected = day

    def watch_selected(self, old: date, new: date) -> None:
        self.post_message(self.DaySelected(self, new))
        self.refresh()

    def action_move(self, days: int) -> None:
        try:
            self.select(self.selected + timedelta(days=days))
        except OverflowError:
            self.app.bell()

    def action_month(self, months: int) -> None:
        try:
            self.select(add_months(self.selected, months))
        except (OverflowError, ValueError):
            self.app.bell()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x, y = offset
        cell = self.cell_width()
        if y == 0:
            if x <= 2:
                self.action_month(-1)
            elif x >= cell * 7 - 3:
                self.action_month(1)
            return
        lines = 1 if self.compact else 2
        week, col = (y - HEADER_LINES) // lines, x // cell
        if y >= HEADER_LINES and 0 <= week < WEEKS and 0 <= col < 7:
            start, _ = grid_range(self.selected)
            self.select(start + timedelta(days=week * 7 + col))
