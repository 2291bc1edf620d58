"""Titles that fit: a title is given as a few ways of saying it, longest first, and the
longest one that fits the room is shown, so a narrow terminal gets a shorter title instead
of one cut off mid-word; and a detail that scrolls by keyboard when it is too long for its
box (:class:`ScrollingBox`).

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
