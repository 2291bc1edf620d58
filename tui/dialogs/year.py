"""Look back's year at a glance: the grid of :mod:`storage.year` (the same text as
``closer calendar``), one year at a time; left and right move a year."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from storage import JournalError, dates
from storage.year import year_at_a_glance
from tui.reach import Reach


class YearDialog(Reach, ModalScreen[None]):
    """One year's days written and rituals kept, and the writing streak."""

    DEFAULT_CSS = """
    YearDialog {
        align: center middle;
    }
    YearDialog #year-box {
        width: auto;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 2;
    }
    YearDialog #year-grid {
        width: auto;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="year.close",
                tooltip="Back to Look back."),
        Binding("left", "year(-1)", "Year before", id="year.before",
                tooltip="Show the year before."),
        Binding("right", "year(1)", "Year after", id="year.after",
                tooltip="Show the year after."),
    ]

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year or dates.today().year

    def compose(self) -> ComposeResult:
        with Vertical(id="year-box") as box:
            box.border_title = "A year at a glance"
            box.border_subtitle = "← → another year · esc to close"
            yield Static("", id="year-grid")

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Draw :attr:`year` (the journal's own words when it cannot be read)."""
        try:
            lines = year_at_a_glance(self.journal, self.year).lines()
        except JournalError as exc:
            lines = [str(exc)]
        self.query_one("#year-grid", Static).update(Text("\n".join(lines)))

    def action_year(self, step: int) -> None:
        year = self.year + step
        if dates.EARLIEST_YEAR <= year <= dates.LATEST_YEAR:
            self.year = year
            self.show()

    def action_close(self) -> None:
        self.dismiss(None)
