"""One gentle line when the small everyday sharing has gone quiet for a few days
(:mod:`storage.early_sign`), suggesting the five-minute download; nothing at all while the
sharing goes on, or in a journal that holds none yet."""

from __future__ import annotations

from textual.widgets import Static

from storage import JournalError
from tui.reach import Reach


class EarlySignLine(Reach, Static):
    """Shows the early sign's words, or hides itself. Call :meth:`show_sign` after a change."""

    DEFAULT_CSS = """
    EarlySignLine { height: auto; display: none; color: $text; text-style: italic;
                    padding: 0 1; }
    EarlySignLine.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def on_mount(self) -> None:
        self.show_sign()

    def show_sign(self) -> None:
        """Read the sign again (a few indexed look-ups) and show it, or hide the line."""
        from storage.early_sign import early_sign  # (not the whole review: a quick start)

        try:
            sign = early_sign(self.journal)
        except JournalError:
            sign = None
        self.update(f"{sign.text} {sign.suggestion}" if sign is not None else "")
        self.set_class(sign is not None, "-shown")
