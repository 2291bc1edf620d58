"""The passphrase prompt for an encrypted journal, shown before anything else.

The CLI runs it as its own small app (:func:`unlock_journal`) and hands the opened Journal
to the main app, so nothing of the journal is read, and no screen of it drawn, before the
passphrase is right. Three tries at a wrong passphrase; a busy journal or a full disk is
said as such and costs no try. The file is only ever read.

>>> journal = unlock_journal(Path("journal.db"))      # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from storage.crypto import WrongPassphrase, check_passphrase
from storage.errors import InvalidInput, JournalError, JournalLocked, Unwritable
from tui.compat import QuietFooter

if TYPE_CHECKING:
    from storage import Journal

TRIES = 3
RETRY_LATER = (JournalLocked, Unwritable)
"""Errors that say nothing about the passphrase: shown, and not counted as a try."""


def _open(path: Path, passphrase: str) -> Journal:
    from storage import Journal

    return Journal.open(path, create=False, passphrase=passphrase)


class PassphraseScreen(Screen["Journal | None"]):
    """Asks for the passphrase and opens the journal with it in a thread (the key takes a
    moment to derive); dismisses with the open Journal, or None after the last try."""

    DEFAULT_CSS = """
    PassphraseScreen {
        align: center middle;
    }
    PassphraseScreen #passphrase-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $accent;
        border-title-color: $accent;
        padding: 1 2;
    }
    PassphraseScreen #passphrase-path {
        color: $text-muted;
        margin-bottom: 1;
    }
    PassphraseScreen #passphrase-message {
        height: auto;
        margin-top: 1;
        color: $text-muted;
    }
    PassphraseScreen #passphrase-message.-wrong {
        color: $error;
    }
    """

    BINDINGS = [
        Binding("escape", "give_up", "Quit", id="passphrase.quit",
                tooltip="Leave without opening the journal. Nothing is changed."),
    ]

    class Opened(Message):
        def __init__(self, journal: Journal) -> None:
            super().__init__()
            self.journal = journal

    class Refused(Message):
        def __init__(self, error: JournalError) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        path: Path,
        *,
        tries: int = TRIES,
        opener: Callable[[Path, str], Journal] = _open,
    ) -> None:
        super().__init__()
        self.path = path
        self.tries_left = tries
        self.opener = opener
        self.error: JournalError | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box") as box:
            box.border_title = "closer"
            yield Static("This journal is locked with a passphrase.", id="passphrase-intro")
            yield Static(str(self.path), id="passphrase-path", markup=False)
            yield Input(password=True, placeholder="Passphrase", id="passphrase-input")
            yield Static("Type it, then press Enter.", id="passphrase-message", markup=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _say(self, text: str, *, wrong: bool = False) -> None:
        message = self.query_one("#passphrase-message", Static)
        message.update(text)
        message.set_class(wrong, "-wrong")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            self._say("Type the passphrase, then press Enter.", wrong=True)
            return
        try:
            check_passphrase(event.value)  # not UTF-8, say: refused here, costs no try
        except InvalidInput as exc:
            self._say(str(exc), wrong=True)
            return
        event.input.disabled = True
        self._say("Opening…")
        self._unlock(event.value)

    @work(thread=True, exclusive=True, group="passphrase.open")
    def _unlock(self, passphrase: str) -> None:
        try:
            journal = self.opener(self.path, passphrase)
        except JournalError as exc:
            self.post_message(self.Refused(exc))
        else:
            self.post_message(self.Opened(journal))

    def on_passphrase_screen_opened(self, message: Opened) -> None:
        self.dismiss(message.journal)

    def on_passphrase_screen_refused(self, message: Refused) -> None:
        field = self.query_one(Input)
        if isinstance(message.error, RETRY_LATER):
            # Busy, a full disk, a read error: the passphrase was not judged, so this costs
            # no try; the person may press Enter again once it is sorted out.
            said = str(message.error).rstrip(".")
            self._say(f"{said}. Press Enter to try again.", wrong=True)
            field.disabled = False
            field.focus()
            return
        if not isinstance(message.error, WrongPassphrase):
            self.error = message.error
            self.dismiss(None)
            return
        self.tries_left -= 1
        if self.tries_left <= 0:
            self.error = WrongPassphrase(
                f"that passphrase did not open {self.path} ({TRIES} tries); nothing was changed"
            )
            self.dismiss(None)
            return
        tries = "1 try" if self.tries_left == 1 else f"{self.tries_left} tries"
        self._say(f"That passphrase does not open this journal. {tries} left.", wrong=True)
        field.value = ""
        field.disabled = False
        field.focus()

    def action_give_up(self) -> None:
        self.dismiss(None)


class PassphraseApp(App["Journal | None"]):
    """Only the passphrase prompt; exits with the open Journal or None."""

    TITLE = "closer"
    ENABLE_COMMAND_PALETTE = False  # nothing to find or change before the journal is open

    def __init__(self, path: Path, **options: object) -> None:
        super().__init__()
        self.prompt = PassphraseScreen(path, **options)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.push_screen(self.prompt, callback=self.exit)

    @property
    def failure(self) -> JournalError | None:
        """What ended the prompt other than a person's choice to leave."""
        return self.prompt.error


def unlock_journal(path: Path) -> Journal | None:
    """Ask for the passphrase in a small full-screen prompt; the open Journal, or None when
    the person chose to leave. Raises the error (wrong passphrase three times, locked
    file, ...) that ended it otherwise."""
    app = PassphraseApp(path)
    journal = app.run()
    if journal is None and app.failure is not None:
        raise app.failure
    return journal
