"""The panes of the main screen, one folder each, and :data:`PANES`, the one list of them.

The main screen's panes, tabs and keys, the app's stylesheets, the help and the palette are
all built from :data:`PANES`. Adding a pane is a folder here (its :class:`tui.widgets.pane.Pane`
subclass in ``pane.py``, its widgets, dialogs and stylesheet beside it) and one line below.

>>> [spec.id for spec in PANES]
['loop', 'thought', 'rituals']
>>> PANES[0].css_path
'panes/loop/loop.tcss'

Reading this list imports no pane: each pane's module is imported by :meth:`PaneSpec.load`,
when the main screen is built.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tui.widgets.pane import Pane


class PaneSpec(NamedTuple):
    """One pane of the main screen: what it is called, which key brings it up, where it lives."""

    id: str
    """The pane's widget id, and the name ``show_pane`` takes."""
    key: str
    """The key that brings the pane up (named on its border)."""
    label: str
    """The short name of that key's binding."""
    tooltip: str
    """What that key does, in a sentence (the footer's tooltip and the help)."""
    module: str
    """The module that holds the pane's class (``pane.py`` in the pane's folder)."""
    pane_class: str
    """The name of the :class:`tui.widgets.pane.Pane` subclass in :attr:`module`."""
    stylesheet: str
    """The pane's stylesheet, a file beside :attr:`module`."""

    @property
    def css_path(self) -> str:
        """The stylesheet's path from the ``tui`` folder, as the app's ``CSS_PATH`` takes it."""
        folder = self.module.split(".")[1:-1]
        return "/".join([*folder, self.stylesheet])

    def load(self) -> type[Pane]:
        """The pane's class (importing its module the first time)."""
        return getattr(import_module(self.module), self.pane_class)


PANES: tuple[PaneSpec, ...] = (
    PaneSpec("loop", "f2", "Loop",
             "Go to The loop pane: your map of the cycle and each turn of it.",
             "tui.panes.loop.pane", "LoopPane", "loop.tcss"),
    PaneSpec("thought", "f3", "Thought",
             "Go to the Thought record pane: test the story you tell yourself.",
             "tui.panes.thought.pane", "ThoughtPane", "thought.tcss"),
    PaneSpec("rituals", "f4", "Rituals",
             "Go to the Rituals pane: your small rituals of connection.",
             "tui.panes.rituals.pane", "RitualsPane", "rituals.tcss"),
)
"""The panes, left to right (and the order of their tabs)."""
