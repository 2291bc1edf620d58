"""A box that shows when the focus is somewhere inside it, cheaply.

Textual's ``:focus-within`` restyles every widget inside the box each time the focus moves,
even from one field of the box to the next: in a long form (the thought record's has some 60
widgets) that cost about a tenth of a second of CPU on every Tab. :class:`FocusRing`
sets one class instead, only when the focus comes in or goes out, and restyles the box alone
(no rule looks inside a box for that class)."""

from __future__ import annotations

from textual import events
from textual.widget import Widget

FOCUS_INSIDE = "-focus-inside"
"""The class a :class:`FocusRing` box has while the focus is in it (style ``X.-focus-inside``
where ``X:focus-within`` would be written)."""


class FocusRing(Widget):
    """Mixed into a container: the class :data:`FOCUS_INSIDE` while the focus is within."""

    def _on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focus_inside()

    def _on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._show_focus_inside()

    def _show_focus_inside(self) -> None:
        inside = self.has_focus_within
        if inside != self.has_class(FOCUS_INSIDE):
            # Only the box: what is inside it looks the same either way.
            self.set_class(inside, FOCUS_INSIDE, update=False)
            self.app.stylesheet.update_nodes([self], animate=True)
