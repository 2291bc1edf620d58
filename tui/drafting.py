"""How every editor keeps what is typed: one mechanism, so the promise holds everywhere.

- A change is written soon after a pause (:data:`QUIET_S`), and never later than
  :data:`MAX_DELAY_S` after the first change not yet kept, even while typing goes on.
- A write the journal refuses (busy, disk full) leaves the change marked unsaved and is
  tried again, waiting longer each time (:data:`RETRY_S`). What is on screen is never
  dropped: an editor that closes with a change not yet kept hands it to the app, which goes
  on trying, and quitting with anything unsaved asks first.
- The editor's status line says, at every moment, whether what is on screen is kept.

A :class:`Keeper` does the timing for any editor: it is given ``snapshot`` (what the editor
holds now) and ``write`` (the storage call that keeps it). :class:`FormDraft` builds on it
for the editors whose work waits in the drafts table until it is saved as a record, and
applies :mod:`storage.drafts`' rule for two windows on one draft.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable, cast

from storage import JournalError, dates
from tui.reach import closer_app

if TYPE_CHECKING:
    from textual.app import App

    from storage import Journal
    from storage.trash import TrashItem
    from tui.app import CloserApp
    from textual.timer import Timer

QUIET_S = 0.4
"""A pause this long in typing writes the change."""

MAX_DELAY_S = 0.9
"""Nothing typed waits longer than this to be written, however steadily typing goes on
(under the one-second promise, with room for the write itself)."""

WAIT_S = 0.25
"""How long a write made while typing waits for another program's lock before it counts as
refused (and is tried again later): the screen never freezes longer than this."""

RETRY_S = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
"""How long to wait before trying a refused write again: the first time, the second, ..."""


def plain_text(value: Any) -> str:
    """Every piece of text in an editor's state, one per line (to copy it out by hand)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        parts = [plain_text(v) for v in value.values()]
    elif isinstance(value, (list, tuple)):
        parts = [plain_text(v) for v in value]
    else:
        return ""
    return "\n".join(p for p in parts if p)


class Keeper:
    """Writes one editor's work on time and keeps trying when the journal refuses it.

    ``snapshot()`` returns what the editor holds now; ``write(state)`` keeps it (raising
    :class:`storage.JournalError` when the journal refuses). ``report(message, error)``
    shows the editor's status line. ``what`` names the work for the quit dialog.
    """

    def __init__(
        self,
        host: Any,
        *,
        what: str,
        snapshot: Callable[[], Any],
        write: Callable[[Any], None],
        report: Callable[[str, bool], None] | None = None,
    ) -> None:
        self._host = host  # the editor (a widget or screen); its app is found when needed
        self.what = what
        self._snapshot = snapshot
        self._write = write
        self._report = report
        self._timer: Timer | None = None
        self._first: float | None = None  # when the oldest change not yet kept was made
        self._last = 0.0
        self._next_try = 0.0  # when the timer will fire
        self._state: Any = None  # the editor's state last seen, for after it is closed
        self._closed = False
        self.failures = 0
        self.error = ""

    @property
    def app(self) -> App:
        return self._host.app

    # -- what the editor calls ---------------------------------------------------------

    @property
    def pending(self) -> bool:
        """Whether a change is on screen (or was, before the editor closed) and not kept."""
        return self._first is not None

    def changed(self) -> None:
        """Something in the editor changed."""
        now = time.monotonic()
        self._last = now
        if self._first is None:
            self._first = now
            _keepers(self.app).add(self)
        if self._timer is None:
            self._schedule(QUIET_S)
        elif self.failures and self._next_try - now > RETRY_S[0]:
            # Typing on while the journal refuses: try again soon, not after a long backoff.
            self._schedule(RETRY_S[0])

    def flush(self) -> bool:
        """Write now whatever waits. True when nothing is left unkept."""
        self._cancel()
        if not self.pending:
            return True
        return self._save()

    def saved(self, state: Any = None) -> None:
        """The editor kept its work another way (it saved the record as ``state``):
        nothing waits."""
        self._cancel()
        if state is not None:
            self._state = state
        self._done()

    def close(self) -> None:
        """The editor is going away. What it holds is written now; when the journal
        refuses, the app keeps it and goes on trying (and asks before quitting)."""
        if self.pending and not self._closed:
            try:
                self._state = self._snapshot()
            except Exception:  # the widgets are already gone: the last state seen stands
                pass
        self._closed = True
        if not self.flush() and self.pending:
            self._schedule(self._retry_delay())

    # -- timing ------------------------------------------------------------------------

    def _schedule(self, delay: float) -> None:
        self._cancel()
        self._next_try = time.monotonic() + delay
        # The app's timer, not the editor's: it must outlive an editor that has closed.
        self._timer = self.app.set_timer(max(delay, 0.01), self._tick, name="draft-keeper")

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        self._timer = None
        if not self.pending:
            return
        if not self.failures:
            now = time.monotonic()
            wait = min(self._last + QUIET_S - now, self._first + MAX_DELAY_S - now)
            if wait > 0.02:
                self._schedule(wait)
                return
        if not self._save():
            self._schedule(self._retry_delay())

    def _retry_delay(self) -> float:
        return RETRY_S[min(max(self.failures, 1), len(RETRY_S)) - 1]

    # -- writing -----------------------------------------------------------------------

    def _save(self) -> bool:
        if not self._closed:
            try:
                self._state = self._snapshot()
            except Exception:  # closing under us: keep what was seen last
                pass
        started = time.monotonic()
        try:
            with closer_app(self._host).journal.waiting_at_most(WAIT_S):
                self._write(self._state)
        except JournalError as exc:
            self.failures += 1
            self.error = str(exc)
            self.say(
                f"Not kept yet: {exc}. closer will try again in "
                f"{self._retry_delay():.0f} s; what is on screen stays here.", True)
            if self.failures == 1 and self._closed:
                self.app.notify(f"{self.what} is not kept yet: {exc}. closer keeps trying.",
                                title="Not saved yet", severity="error", markup=False,
                                timeout=10)
            return False
        if self.failures:
            self.app.notify(f"{self.what} is kept now.", title="Saved", markup=False)
        if self._last > started:  # typed while it was being written: that waits its turn
            self.failures = 0
            self._first = self._last
            self._schedule(QUIET_S)
        else:
            self._done()
        return True

    def _done(self) -> None:
        self._first = None
        self.failures = 0
        self.error = ""
        _keepers(self.app).discard(self)

    def say(self, message: str, error: bool = False) -> None:
        """Show ``message`` on the editor's status line, while the editor is there."""
        if self._report is not None and not self._closed:
            try:
                self._report(message, error)
            except Exception:  # the status line is gone with its editor
                pass

    def text(self) -> str:
        """The unkept work as plain text, to copy out by hand."""
        state = self._state
        if not self._closed:
            try:
                state = self._snapshot()
            except Exception:
                pass
        return plain_text(state)


def _keepers(app: App) -> set[Keeper]:
    """The keepers of ``app`` that hold work not yet kept (:attr:`CloserApp.keepers`)."""
    return cast("CloserApp", app).keepers


def unkept(app: App) -> list[Keeper]:
    """Write everything that waits, now; the keepers whose work the journal still refuses."""
    left = []
    for keeper in list(_keepers(app)):
        if not keeper.flush():
            left.append(keeper)
    return left


class FormDraft:
    """The draft of one form in the drafts table, kept by a :class:`Keeper`.

    ``host`` is the form's widget or screen, ``key`` names the draft (``"entry:new"``),
    ``state()`` is what the form holds now. The form
    calls :meth:`load` once with its ``clean`` state (the record as stored, or an empty
    form), :meth:`changed` on every change, :meth:`saved` after it saved the record, and
    :meth:`close` when it goes away. What the form holds equal to ``clean`` is no draft.
    """

    def __init__(
        self,
        host: Any,
        key: str,
        *,
        what: str,
        state: Callable[[], dict],
        say: Callable[[str, bool], None],
    ) -> None:
        self.key = key
        self.clean: dict = {}
        self._filled: dict | None = None
        """What the form held when it was filled (:meth:`filled`), until it first holds
        anything else: the change events of filling it are not a person's change."""
        self._token: str | None = None
        self._state = state
        self.keeper = Keeper(host, what=what, snapshot=state, write=self._write,
                             report=say)

    @property
    def journal(self) -> Journal:
        return closer_app(self.keeper._host).journal

    def load(self, clean: dict, merge: Callable[[dict, dict], dict] | None = None) -> dict:
        """What the form should show: ``clean`` with the draft's fields over it (or as
        ``merge(clean, draft)`` makes it). Says so when a draft came back, and when another
        window's version of it also waits."""
        self.clean = dict(clean)
        values = dict(clean)
        draft = self.journal.drafts.load(self.key)
        if draft is not None:
            self.key = draft.key
            self._token = draft.token
            if isinstance(draft.data, dict):
                if merge is not None:
                    values = merge(clean, draft.data)
                else:
                    values.update({k: v for k, v in draft.data.items() if k in clean})
        if values != clean:
            waiting = self.journal.drafts.waiting(self.key)
            more = (f" Another version from another window waits too; it comes back when "
                    f"this one is saved." if waiting else "")
            self.keeper.say("Your unsaved writing is back, just as you left it." + more, False)
        return values

    def filled(self) -> None:
        """The form now shows what it opens with (call it once filling is done)."""
        self._filled = self._state()

    def changed(self) -> None:
        """The form changed. Forms call this on every change event, their filling's
        included: while the form holds just what it held when :meth:`filled`, the event is
        the filling's and there is nothing to keep; the first other state is the person's,
        kept from then on, however soon after opening it comes (a paste in the first
        frame too)."""
        if self._filled is not None:
            if self._state() == self._filled:
                return
            self._filled = None
        self.keeper.changed()

    def flush(self) -> bool:
        return self.keeper.flush()

    def _write(self, state: dict) -> None:
        drafts = self.journal.drafts
        if state == self.clean:
            if self._token is not None:
                drafts.drop(self.key, base=self._token)
                self._token = None
            return
        kept = drafts.save(self.key, state, base=self._token)
        self.key, self._token = kept.key, kept.token
        if kept.forked:
            self.keeper.say("This was also being written in another closer window. Both are "
                            "kept: what you write here now goes to a copy of its own.", True)
        elif self.keeper.failures:  # the status line said it was not kept: say it is now
            self.keeper.say(f"Kept now, at {dates.local(dates.now()):%H:%M:%S}.", False)

    def drop_in(self) -> None:
        """Remove this form's draft as part of saving its record (inside the caller's
        transaction). Another window's newer words under the same key stay."""
        if self._token is not None:
            self.journal.drafts.drop(self.key, base=self._token)
        self._token = None

    def trash(self, kind: str, record_id: int) -> TrashItem:
        """Move the form's record to the trash and drop its draft, as one transaction (the
        caller then says so with ``CloserApp.trashed``). Raises JournalError, changing
        nothing, when the journal refuses."""
        journal = self.journal
        with journal.transaction():
            item = journal.trash.delete(kind, record_id)
            self.drop_in()
        self.saved()
        return item

    def saved(self) -> None:
        """The record was saved (and :meth:`drop_in` ran in its transaction): what the
        form holds now is the clean state, no draft (change events still on their way
        must not bring one back)."""
        self.clean = dict(self._state())
        self.keeper.saved(self.clean)

    def close(self) -> None:
        self.keeper.close()


class Drafted:
    """For a form whose work waits in a :class:`FormDraft` at ``self.draft``: the app can
    flush it before leaving (:meth:`flush_draft`), and it is closed (written, or handed to
    the app) when the form goes away. Put it first among the bases."""

    draft: FormDraft

    def flush_draft(self) -> bool:
        """Write the draft now if a change waits. True when nothing is left unkept."""
        return self.draft.flush()

    def on_unmount(self) -> None:
        self.draft.close()
