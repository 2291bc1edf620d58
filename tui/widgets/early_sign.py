"""One gentle line when the small everyday sharing has gone quiet for a few days
(:mod:`storage.early_sign`), suggesting the five-minute download; nothing at all while the
sharing goes on, or in a journal that holds none yet."""

from __future__ import annotations

from textual.screen import Screen
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
        self._words: str | None = None

    def on_mount(self) -> None:
        self.show_sign()
        # The sharing is also kept on other screens (Small things, Write): read the sign
        # again each time this line's screen is in front once more.
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_sign()

    def show_sign(self) -> None:
        """Read the sign again (a few indexed look-ups) and show it, or hide the line."""
        from storage.early_sign import early_sign  # (not the whole review: a quick start)

        try:
            sign = early_sign(self.journal)
        except JournalError:
            sign = None
        words = f"{sign.text} {sign.suggestion}" if sign is not None else ""
        if words != self._words:  # the same words again: nothing to lay out anew
            self._words = words
            self.update(words)
            self.set_class(sign is not None, "-shown")
