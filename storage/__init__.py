"""The journal file and every rule about its data. Never imports textual or rich."""

from storage.errors import (
    InvalidInput,
    JournalError,
    JournalLocked,
    NewerSchema,
    NotAJournal,
    NotFound,
    Unwritable,
)
from storage.journal import Journal

__all__ = [
    "InvalidInput",
    "Journal",
    "JournalError",
    "JournalLocked",
    "NewerSchema",
    "NotAJournal",
    "NotFound",
    "Unwritable",
]
