"""The `The loop` pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.widgets.pane import Pane


class LoopPane(Pane):
    PANE_TITLE = "The loop"
    KINDS = ("loop_event",)

    def compose(self) -> ComposeResult:
        yield Static(
            "Coming to this pane: Your own map of the pursue-withdraw loop, drawn as a cycle in your words, and a log of each turn of it with how often it comes round.",
            classes="placeholder",
            markup=False,
        )
