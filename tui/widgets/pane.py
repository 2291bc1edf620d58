"""What every pane of the main screen shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar, NamedTuple

from textual.containers import Vertical

if TYPE_CHECKING:
    from storage import Journal


class PaletteCommand(NamedTuple):
    """A command the palette offers: its name, one line of help, what it does."""

    name: str
    help: str
    callback: Callable[[], object]


class Pane(Vertical):
    """A bordered pane on the main screen. Subclasses set ``PANE_TITLE`` and ``KINDS``.

    A pane offers palette commands (:meth:`palette_commands`) and opens the records of the
    kinds it shows (:meth:`open_record`, called when a search result is chosen).
    """

    ALLOW_MAXIMIZE = True
    PANE_TITLE: ClassVar[str] = ""
    KINDS: ClassVar[tuple[str, ...]] = ()
    """Search-result kinds (see storage.search.KINDS) this pane opens."""

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    @property
    def journal(self) -> Journal:
        return self.app.journal  # type: ignore[attr-defined]

    def palette_commands(self) -> list[PaletteCommand]:
        return []

    def open_record(self, kind: str, record_id: int) -> None:
        """Show one record of a kind in :attr:`KINDS`."""

    def focus_first(self) -> None:
        """Put the focus on the first thing in the pane that takes it."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
