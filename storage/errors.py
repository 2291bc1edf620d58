"""Every way the journal can refuse something, as one family of typed errors.

Each error's ``str()`` is a single sentence fit to show a person as it is.
"""

from __future__ import annotations


class JournalError(Exception):
    """Base of every error closer raises on purpose."""

    exit_code = 1


class InvalidInput(JournalError):
    """What was asked for does not make sense; nothing was changed."""

    exit_code = 2


class NotFound(JournalError):
    """No record with that id."""


class NotAJournal(JournalError):
    """The file exists but is not a SQLite database (or is encrypted)."""


class NotPlainFile(NotAJournal):
    """The path names a named pipe, a device, a socket or a link where closer wants a plain
    file; it was neither read nor changed."""


class NotYours(JournalError):
    """The file belongs to another user; closer opens only the person's own files."""


class NewerSchema(JournalError):
    """The journal was written by a newer version of closer."""


class JournalLocked(JournalError):
    """Another program held the journal past the timeout."""


class Unwritable(JournalError):
    """The journal or its folder cannot be written."""


class Conflict(JournalError):
    """Another window changed the record since this one read it; nothing was overwritten."""
