"""What every tab of Small things is: a box of widgets that knows the journal, the kinds of
record it shows, and how to open one of them."""

from __future__ import annotations

from textual.containers import Vertical

from tui.reach import Reach


class SmallTab(Reach, Vertical):
    """One tab's content (listed in :data:`tui.screens.small_things.TABS`)."""

    def reload(self) -> None:
        """Read the tab's records again (after a change elsewhere, an undo)."""

    def open_record(self, kind: str, record_id: int) -> None:
        """Show one record of a kind the tab shows."""

    def focus_first(self) -> None:
        """Put the focus on the first thing in the tab that takes it."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
