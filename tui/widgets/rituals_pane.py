"""The `Rituals` pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.widgets.pane import Pane


class RitualsPane(Pane):
    PANE_TITLE = "Rituals"
    KINDS = ("ritual_note",)

    def compose(self) -> ComposeResult:
        yield Static(
            "Coming to this pane: A month calendar of small rituals of connection, and an honest record of which were kept, skipped or missed.",
            classes="placeholder",
            markup=False,
        )
