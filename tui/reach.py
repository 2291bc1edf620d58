"""The one typed way from a widget or a screen to closer's App and its Journal.

Textual types ``widget.app`` as a plain App; closer's App has more (the journal, opening a
record). The cast to :class:`tui.app.CloserApp` is made here, once, so no widget needs a
``# type: ignore`` or a ``journal`` property of its own::

    class MomentForm(Reach, ModalScreen[int | None]):
        def save(self) -> None:
            self.journal.loop.log(...)
            self.closer_app.open_record("loop_event", 3)

It costs nothing at start: it imports the App only for type checkers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from storage import Journal
    from tui.app import CloserApp


def closer_app(node: DOMNode) -> CloserApp:
    """The closer App that ``node`` (a mounted widget or screen) belongs to."""
    return cast("CloserApp", node.app)


class Reach:
    """For closer's widgets and screens: :attr:`closer_app` and :attr:`journal`, typed.

    Put it first among the bases (``class X(Reach, Screen)``); it adds no state.
    """

    @property
    def closer_app(self) -> CloserApp:
        """The closer App this widget or screen belongs to."""
        return closer_app(cast("DOMNode", self))

    @property
    def journal(self) -> Journal:
        """The App's open journal."""
        return self.closer_app.journal
