"""The `Thought record` pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.widgets.pane import Pane


class ThoughtPane(Pane):
    PANE_TITLE = "Thought record"
    KINDS = ("thought_record",)

    def compose(self) -> ComposeResult:
        yield Static(
            "Coming to this pane: Write down the story you tell yourself about the distance, hold it against the evidence, and find a kinder, truer one.",
            classes="placeholder",
            markup=False,
        )
