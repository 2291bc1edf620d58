"""Titles that fit: a title is given as a few ways of saying it, longest first, and the
longest one that fits the room is shown, so a narrow terminal gets a shorter title instead
of one cut off mid-word; and a detail that scrolls by keyboard when it is too long for its
box (:class:`ScrollingBox`); and a list row whose second part keeps its indent when it
wraps (:func:`hanging`).

>>> fitting(20, "Mood · last 12 weeks", "Mood · 12 weeks", "Mood")
'Mood · last 12 weeks'
>>> fitting(12, "Mood · last 12 weeks", "Mood · 12 weeks", "Mood")
'Mood'
>>> fitting(3, "Mood")
'Mo…'
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Label


class Hanging:
    """A row of a list: ``head``, then ``more`` beneath it indented by ``by`` columns on
    every line it wraps to (a Rich group of the two; ``str()`` gives the words, a line
    each)."""

    def __init__(self, head: Text, more: Text, by: int = 2) -> None:
        self.head, self.more, self.by = head, more, by

    def _group(self):
        from rich.console import Group
        from rich.padding import Padding

        return Group(self.head, Padding(self.more, (0, 0, 0, self.by)))

    def __rich_console__(self, console, options):
        yield self._group()

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement.get(console, options, self._group())

    def __str__(self) -> str:
        return f"{self.head.plain}\n{self.more.plain}"


def hanging(head: Text, more: Text, by: int = 2) -> Hanging:
    """``head`` with ``more`` beneath it, indented by ``by`` even where it wraps (a Text's
    ``"\n  "`` indents only its first line)."""
    return Hanging(head, more, by)


def fitting(width: int, *choices: str) -> str:
    """The first of ``choices`` that fits in ``width`` columns; when none does, the last one
    cut to fit, with an ellipsis (only a very narrow room comes to that)."""
    for choice in choices:
        if cell_len(choice) <= width:
            return choice
    last = choices[-1] if choices else ""
    return set_cell_size(last, max(width - 1, 0)) + "…" if width > 0 else ""


class FittedLabel(Label):
    """A one-line label that shows the longest of its texts that fits its width (again on
    every resize). Its texts are plain: never read as markup."""

    def __init__(self, *choices: str, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(choices[0] if choices else "", id=id, classes=classes, markup=False)
        self.choices: tuple[str, ...] = choices

    def set_choices(self, *choices: str) -> None:
        """Say the label's text in these ways, longest first."""
        self.choices = choices
        self._fit()

    @property
    def shown(self) -> str:
        """The text shown now."""
        return fitting(self.content_size.width, *self.choices) if self.content_size.width \
            else (self.choices[0] if self.choices else "")

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        self.update(Text(self.shown, no_wrap=True, end=""))



class ScrollingBox(VerticalScroll):
    """A box of limited height (``max-height`` in its stylesheet) around a long text, which
    takes the focus only while what it holds is taller than it: then tab reaches it, and the
    arrows, page up/down, home and end scroll it. Shorter, it is no stop for tab."""

    DEFAULT_CSS = """
    ScrollingBox { height: auto; }
    ScrollingBox:focus { background-tint: $foreground 5%; }
    """

    def on_mount(self) -> None:
        self.can_focus = False

    def on_resize(self) -> None:
        self.can_focus = bool(self.max_scroll_y)
