"""Asked before quitting when something typed could not be kept yet: never a silent loss.

The journal refused the last writes (another program holds it, the disk is full). The
person can stay while closer keeps trying, copy the text out to keep it by hand, or quit
anyway, knowing what that costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

if TYPE_CHECKING:
    from tui.drafting import Keeper


class UnkeptScreen(ModalScreen[bool]):
    """Dismisses with True to quit anyway, False to stay."""

    DEFAULT_CSS = """
    UnkeptScreen {
        align: center middle;
    }
    UnkeptScreen #unkept-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $error;
        border-title-color: $error;
        background: $surface;
        padding: 1 2;
    }
    UnkeptScreen #unkept-what {
        margin: 1 0;
    }
    UnkeptScreen #unkept-buttons {
        height: auto;
    }
    UnkeptScreen #unkept-buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        Binding("escape", "stay", "Stay", id="unkept.stay",
                tooltip="Stay in closer; it keeps trying to save what you wrote."),
    ]

    def __init__(self, keepers: list[Keeper]) -> None:
        super().__init__()
        self.keepers = keepers

    def compose(self) -> ComposeResult:
        lines = [f"• {k.what}: {k.error}" for k in self.keepers]
        with Vertical(id="unkept-box"):
            yield Static(
                "Some of what you wrote is not saved yet, because the journal refused the "
                "write. If you quit now, it is lost.", id="unkept-why", markup=False)
            yield Static(Text("\n".join(lines)), id="unkept-what")
            yield Static(
                "Stay, and closer keeps trying. Or copy the text to your clipboard and keep "
                "it somewhere safe before you quit.", markup=False)
            with Horizontal(id="unkept-buttons"):
                yield Button("Stay", variant="primary", id="unkept-stay")
                yield Button("Copy my text", id="unkept-copy")
                yield Button("Quit anyway", variant="error", id="unkept-quit")

    def on_mount(self) -> None:
        self.query_one("#unkept-box").border_title = "Not saved yet"
        self.query_one("#unkept-stay", Button).focus()

    @on(Button.Pressed, "#unkept-stay")
    def action_stay(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#unkept-copy")
    def _copy(self) -> None:
        text = "\n\n".join(k.text() for k in self.keepers if k.text())
        self.app.copy_to_clipboard(text)
        self.query_one("#unkept-why", Static).update(
            "Copied to the clipboard. Paste it somewhere safe, then quit if you need to.")

    @on(Button.Pressed, "#unkept-quit")
    def _quit(self) -> None:
        self.dismiss(True)
