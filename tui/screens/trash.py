"""The Trash: what was deleted, newest first, to bring back or to delete for good.

Deleting anywhere in closer moves the record here (storage.trash) and asks nothing, because
it can be undone; only deleting for good asks first. What is older than 30 days goes by
itself when the journal opens.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.trash import KEEP_DAYS, label
from tui.compat import QuietFooter
from tui.reach import Reach


class ConfirmForGood(ModalScreen[bool]):
    """Asks before deleting for good; dismisses True to go ahead."""

    DEFAULT_CSS = """
    ConfirmForGood { align: center middle; }
    ConfirmForGood > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $error; background: $surface; padding: 1 2;
    }
    ConfirmForGood Horizontal { height: auto; margin-top: 1; }
    ConfirmForGood Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "keep", "Keep it", id="trash.confirm.keep",
                        tooltip="Leave it in the trash.")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                yield Button("Keep it", variant="primary", id="confirm-keep")
                yield Button("Delete for good", variant="error", id="confirm-delete")

    def on_mount(self) -> None:
        self.query_one("#confirm-keep", Button).focus()

    @on(Button.Pressed, "#confirm-keep")
    def action_keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm-delete")
    def _delete(self) -> None:
        self.dismiss(True)


class TrashScreen(Reach, Screen):
    """What was deleted; escape goes back to where you were."""

    HELP_PARTS = (("Deleting for good", "tui.screens.trash:ConfirmForGood"),)
    """The dialog it opens, for the help (tui.screens.help)."""

    DEFAULT_CSS = """
    TrashScreen #trash-box {
        height: 1fr;
        border: round $accent;
        border-title-color: $accent;
        padding: 0 1;
    }
    TrashScreen #trash-about { color: $text-muted; margin-bottom: 1; }
    TrashScreen #trash-list { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", id="trash.back", tooltip="Back to the three panes."),
        Binding("enter,r", "restore", "Restore", id="trash.restore",
                tooltip="Bring the highlighted record back, as it was."),
        Binding("delete", "purge", "Delete for good", id="trash.purge",
                tooltip="Delete the highlighted record for good (asks first)."),
        Binding("E", "empty", "Empty trash", id="trash.empty",
                tooltip="Delete everything in the trash for good (asks first)."),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="trash-box"):
            yield Static(
                f"What you deleted stays here for {KEEP_DAYS} days, then goes for good. Enter "
                "brings a record back as it was.", id="trash-about", markup=False)
            yield OptionList(id="trash-list")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Trash"
        self.query_one("#trash-box").border_title = "Trash"
        self.reload()
        self.query_one("#trash-list", OptionList).focus()

    def reload(self) -> None:
        options = self.query_one("#trash-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        try:
            self.items = self.journal.trash.list()
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.items = []
        self.refresh_bindings()
        if not self.items:
            options.add_option(Option(Text("The trash is empty."), disabled=True))
            return
        for item in self.items:
            when = dates.local(item.deleted_at)
            row = Text()
            row.append(f"{when:%a %d %b, %H:%M}", style="bold")
            row.append(f"  {label(item.kind)}  ")
            row.append(item.words or "(no words)", style="italic")
            options.add_option(Option(row, id=str(item.id)))
        options.highlighted = min(highlighted or 0, len(self.items) - 1)

    def records_changed(self) -> None:
        """Something was deleted or brought back elsewhere: read the trash again."""
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("restore", "purge", "empty"):
            return bool(getattr(self, "items", ()))  # an empty trash offers none of them
        return True

    def _chosen(self) -> Any:
        index = self.query_one("#trash-list", OptionList).highlighted
        if index is None or not self.items or index >= len(self.items):
            return None
        return self.items[index]

    @on(OptionList.OptionSelected, "#trash-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_restore()

    def action_leave(self) -> None:
        self.app.pop_screen()

    def action_restore(self) -> None:
        item = self._chosen()
        if item is None:
            return
        try:
            self.journal.trash.restore(item.id)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"The {label(item.kind)} is back.", title="Restored", markup=False)
        self.reload()
        self.closer_app.records_changed()

    def action_purge(self) -> None:
        item = self._chosen()
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.journal.trash.purge(item.id)
            except JournalError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.reload()

        words = f" ({item.words})" if item.words else ""
        self.app.push_screen(ConfirmForGood(
            f"Delete this {label(item.kind)}{words} for good? It cannot be brought back."),
            answered)

    def action_empty(self) -> None:
        if not self.items:
            return
        count = len(self.items)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.journal.trash.empty()
            except JournalError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.reload()

        self.app.push_screen(ConfirmForGood(
            f"Delete all {count} record{'s' if count != 1 else ''} in the trash for good? "
            "They cannot be brought back."), answered)
