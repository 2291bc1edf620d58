"""The rolling daily backup: one copy a day beside the journal, the newest seven kept.

>>> daily(journal)              # doctest: +SKIP
PosixPath('.../backups/journal-2025-03-14.db')
>>> daily(journal)              # doctest: +SKIP
>>> kept(journal.path)          # doctest: +SKIP
[PosixPath('.../backups/journal-2025-03-14.db'), ...]

The second call the same day does nothing (it returns None).

Copies are made with SQLite's online backup API (:meth:`storage.journal.Journal.backup`), so
an encrypted journal's copies are encrypted with the same passphrase; every copy is 0600 in
a 0700 folder. A copy is written to a private temporary file and renamed when complete and
checked (:mod:`storage.copies`), so a crash or a full disk never leaves a half copy that looks
like a day's backup, and what a killed run left is removed by the next one.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from storage import copies, dates
from storage.errors import Unwritable

if TYPE_CHECKING:
    from storage.journal import Journal

KEEP = 7
FOLDER = "backups"


def folder(journal_path: Path) -> Path:
    """Where the daily copies of the journal at ``journal_path`` live."""
    return Path(journal_path).parent / FOLDER


def _pattern(journal_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(Path(journal_path).stem) + r"-(\d{4}-\d{2}-\d{2})\.db")


def kept(journal_path: Path) -> list[Path]:
    """The daily copies of this journal, newest first."""
    where = folder(journal_path)
    if not where.is_dir():
        return []
    pattern = _pattern(journal_path)
    found = [p for p in where.iterdir() if pattern.fullmatch(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def path_for(journal_path: Path, day: date) -> Path:
    return folder(journal_path) / f"{Path(journal_path).stem}-{day.isoformat()}.db"


def daily(journal: Journal, *, today: date | None = None, keep: int = KEEP) -> Path | None:
    """Make today's copy unless there is one already, then drop all but the newest ``keep``.

    Returns the new copy, or None when there was nothing to do (today's copy exists, or the
    journal holds nothing yet).
    """
    day = today or dates.today()
    target = path_for(journal.path, day)
    if target.exists() or not any(journal.counts().values()):
        return None
    where = folder(journal.path)
    try:
        where.mkdir(mode=0o700, exist_ok=True)
        os.chmod(where, 0o700)
    except OSError as exc:
        raise Unwritable(f"cannot make the backup folder {where}: {exc.strerror or exc}") from None
    # What a killed earlier run left, zeroed first.
    copies.clean_leftovers(journal.path, journal_open=True)
    journal.backup(target)  # a private temporary file, checked, then renamed: never half
    prune(journal.path, keep=keep)
    return target


def prune(journal_path: Path, *, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` daily copies; returns the removed ones."""
    gone = kept(journal_path)[keep:]
    for old in gone:
        copies.shred(old)  # zeros first: a plain copy is readable text
    return gone
