"""Check boxes and radio buttons that show their state by shape as well as colour: a ticked
box "✓" and an empty one, a filled radio "●" and a hollow one "○". Every toggle in closer is
one of these (tests/tui/test_contrast.py checks each view). Their colours are in
tui/app.tcss."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from tui import compat


class Tick(Checkbox):
    """A check box: "✓" when checked, empty when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        """The mark inside the box, by state."""
        return "✓" if self.value else " "


class Choice(RadioButton):
    """A radio button: "●" when chosen, "○" when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        """The mark inside the button, by state."""
        return "●" if self.value else "○"


Value = TypeVar("Value")


class TickList(SelectionList[Value], Generic[Value]):
    """A selection list whose boxes show "✓" when chosen and stay empty when not (Textual's
    draws the same "X" in both)."""

    def render_line(self, y: int) -> Strip:
        """Textual's line, with the mark in the box by the option's state."""
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        return compat.selection_mark(line, "✓" if option.value in self.selected else " ")
