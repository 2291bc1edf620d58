"""What every pane of the main screen shares."""

from __future__ import annotations

from typing import Callable, ClassVar, NamedTuple

from textual.containers import Vertical

from tui.reach import Reach


class PaletteCommand(NamedTuple):
    """A command the palette offers: its name, one line of help, what it does."""

    name: str
    help: str
    callback: Callable[[], object]


class Pane(Reach, Vertical):
    """A bordered pane on the main screen. Subclasses set ``PANE_TITLE`` and ``KINDS``, and
    are listed in :data:`tui.panes.PANES` (which gives their id, key and stylesheet).

    A pane offers palette commands (:meth:`palette_commands`) and opens the records of the
    kinds it shows (:meth:`open_record`, called when a search result is chosen).
    """

    ALLOW_MAXIMIZE = True
    PANE_TITLE: ClassVar[str] = ""
    KINDS: ClassVar[tuple[str, ...]] = ()
    """Search-result kinds (see storage.search.KINDS) this pane opens."""
    HELP_PARTS: ClassVar[tuple[tuple[str, str], ...]] = ()
    """The forms and dialogs the pane opens, each ``(title, "module:Class")``: the help
    lists their keys under the pane (tui.screens.help)."""

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def on_resize(self) -> None:
        # Maximising, restoring, a new terminal size or a switch to tabs reflows the pane:
        # keep what has the focus in view, from the top of the pane when it fits there (a
        # scroll kept from the old size would cut off the pane's first lines).
        self.call_after_refresh(self._keep_focus_in_view)

    def _keep_focus_in_view(self) -> None:
        focused = self.screen.focused if self.is_attached else None
        if focused is None or self not in focused.ancestors or not self.max_scroll_y:
            return
        top = focused.region.y - self.scrollable_content_region.y + round(self.scroll_y)
        if top + focused.region.height <= self.scrollable_content_region.height:
            self.scroll_home(animate=False, immediate=True)
        else:
            self.scroll_to_widget(focused, top=True, animate=False, immediate=True)

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
