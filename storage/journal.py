"""The journal file: opening it safely, migrations, transactions, and the record APIs.

>>> from storage import Journal
>>> with Journal.open("/tmp/example/journal.db") as journal:          # doctest: +SKIP
...     entry = journal.entries.add("A quiet evening. #us", mood=1)
...     journal.entries.list(limit=3)

A file that fails to open (not SQLite, newer schema, locked, unwritable) raises a typed
:class:`storage.errors.JournalError` and is never modified.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from datetime import datetime
from functools import cached_property

from storage import access, dates
from storage.errors import (
    JournalError,
    JournalLocked,
    NewerSchema,
    NotAJournal,
    Unwritable,
)
from storage.schema import LATEST, MIGRATIONS

# pathlib and typing are not imported to open a journal: together they are a sixth of a
# quick command's time (``closer list``). The file is named by a string; ``Journal.path``
# makes a Path when something asks for one.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Iterator

    from storage.discoveries import Discoveries
    from storage.drafts import Drafts
    from storage.entries import Entries
    from storage.loop import Loop
    from storage.love import Love
    from storage.offers import Offers
    from storage.phrases import Phrases
    from storage.review import Review
    from storage.right_now import RightNow
    from storage.rituals import Rituals
    from storage.search import Search
    from storage.tally import Tally
    from storage.thoughts import Thoughts
    from storage.trash import Trash

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


def _read_head(path: str) -> bytes:
    """The first 16 bytes of a plain file, read without waiting: a named pipe or a device
    raises :class:`~storage.errors.NotPlainFile` instead of hanging."""
    from storage.access import check_plain

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        check_plain(path, os.fstat(fd))
        return os.read(fd, 16)
    finally:
        os.close(fd)


def _check_file(path: str) -> None:
    """Refuse, without touching it, a file that is not a SQLite database (or not a plain
    file of the person's own)."""
    try:
        head = _read_head(path)
    except PermissionError:
        raise Unwritable(f"cannot read {path}: permission denied") from None
    except IsADirectoryError:
        raise NotAJournal(f"{path} is a folder, not a journal file") from None
    except OSError as exc:
        raise Unwritable(f"cannot read {path}: {exc.strerror or exc}") from None
    if head and head != SQLITE_HEADER:
        raise NotAJournal(
            f"{path} is not a closer journal (not a SQLite file, or an encrypted one)"
        )


def plain_sqlite(path: str | os.PathLike) -> bool:
    """Whether a file begins as a plain (unencrypted) SQLite file does. Reads 16 bytes, so
    opening a plain journal never imports :mod:`storage.crypto` (slow to import); never
    waits on a named pipe or a device (False for those)."""
    try:
        return _read_head(os.fspath(path)) == SQLITE_HEADER
    except (OSError, JournalError):
        return False


def _identity(path: str) -> tuple[int, int] | None:
    """Which file a path names (device, inode), or None when nothing is there."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


_IO_WORDS = ("locked", "busy", "full", "disk i/o", "readonly", "unable to open")


def _is_io(exc: sqlite3.Error) -> bool:
    """Whether a SQLite error is about the file or the disk, not about the SQL."""
    return any(word in str(exc).lower() for word in _IO_WORDS)


def _write_error(exc: sqlite3.Error) -> JournalError:
    """The typed error, with one readable sentence, for a write the file refused."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return JournalLocked(
            "the journal is busy: another program is writing to it; nothing was saved")
    if "full" in text:
        return Unwritable("could not save: the disk is full; nothing was changed")
    return Unwritable(f"could not save: {exc}; nothing was changed")


READER_CACHE_KIB = 256
"""The page cache of a worker's read-only connection, in KiB."""


def _connect(path: str | os.PathLike, key: Any = None) -> sqlite3.Connection:
    """A connection as the Journal uses them: autocommit, shareable with a worker thread;
    through SQLCipher when ``key`` (a storage.crypto.Key) is given."""
    options = {"timeout": BUSY_TIMEOUT_S, "isolation_level": None, "check_same_thread": False}
    if key is None:
        return sqlite3.connect(path, **options)
    from storage import crypto

    return crypto.connect(path, key, **options)


def _prepare_new(path: str) -> None:
    """Make the folder (0700, and any missing parents, whatever the umask) and an empty file
    (0600) for a new journal; something already at ``path`` is left as it is."""
    try:
        access.make_private_folder(os.path.dirname(os.path.abspath(path)))
        access.create_private_file(path)
    except OSError as exc:
        raise Unwritable(f"cannot create a journal at {path}: {exc.strerror or exc}") from None


_FULL_WORDS = ("full", "disk i/o")


def _is_full(exc: sqlite3.Error) -> bool:
    """Whether SQLite could not write a side file or the journal: a full disk, or I/O."""
    return any(word in str(exc).lower() for word in _FULL_WORDS)


def _open_error(path: str, exc: sqlite3.OperationalError) -> JournalError:
    """The typed error, in one sentence, for a journal SQLite could not open."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return JournalLocked(
            f"{path} is busy: another program is writing to it; try again in a moment"
        )
    if "full" in text:
        return Unwritable(f"cannot open {path}: the disk is full; nothing was changed")
    if "disk i/o" in text:
        return Unwritable(
            f"cannot open {path}: SQLite could not write beside it (is the disk full?); "
            "nothing was changed"
        )
    if "readonly" in text or "unable to open" in text:
        return Unwritable(f"cannot write to {path}: {exc}")
    return NotAJournal(f"{path} could not be read as a journal: {exc}")


READ_ONLY_FULL = "the disk is full (the journal was opened for reading only)"


class Journal:
    """One open journal file. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: str | os.PathLike, conn: sqlite3.Connection):
        self._file = os.fspath(path)
        self.conn = conn
        self._depth = 0
        self._identity = _identity(self._file)
        self._key = None  # what opens an encrypted journal (storage.crypto.Key), else None
        self._read_only: str | None = None  # why nothing can be saved, when so
        self.notes: list[str] = []  # what opening did that the person should hear of, once

    @property
    def path(self) -> Path:
        """The journal file."""
        from pathlib import Path

        return Path(self._file)

    @property
    def encrypted(self) -> bool:
        """Whether the file is encrypted with SQLCipher."""
        return self._key is not None

    def _connect(self, path: str | os.PathLike) -> sqlite3.Connection:
        """A new connection to ``path`` the way this journal opens its own file."""
        return _connect(path, self._key)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        *,
        create: bool = True,
        passphrase: str | None = None,
        read_only: bool = False,
    ) -> Journal:
        """Open (or start) the journal at ``path``. An encrypted journal needs its
        ``passphrase`` (storage.crypto.PassphraseNeeded / WrongPassphrase otherwise; the file
        is only read). A new journal is always plain: ``storage.crypto.encrypt`` it.

        Only a plain file of the person's own is opened (see :mod:`storage.access`): a link
        is followed to such a file, a journal or side file others can read is made private
        first; what was done is in :attr:`notes`, to show once. With ``read_only`` (a command
        that only reads) a journal that is up to date still opens on a full disk, for
        reading only."""
        path = os.path.expanduser(os.fspath(path))
        path, notes = access.check_journal_path(path)
        try:
            existed = os.stat(path).st_size > 0
        except (FileNotFoundError, NotADirectoryError):
            existed = False
        key = None
        if existed:
            if plain_sqlite(path):  # most journals: no need to load the encryption module
                _check_file(path)
            else:
                from storage import crypto

                if crypto.looks_encrypted(path):
                    key = crypto.unlock(path, passphrase)
                else:
                    _check_file(path)
            folder = os.path.dirname(os.path.abspath(path))
            if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
                raise Unwritable(f"cannot write to {path}: permission denied")
        elif not create:
            raise NotAJournal(f"no journal at {path}")
        else:
            _prepare_new(path)
        # Private before SQLite opens it: SQLite gives the side files it makes this mode.
        note = access.tighten(path)
        notes += [note] if note else []
        notes += access.check_side_files(path)
        try:
            journal = cls._connected(path, key)
        except sqlite3.OperationalError as exc:
            if not (read_only and existed and _is_full(exc)):
                raise _open_error(path, exc) from None
            try:
                journal = cls._connected(path, key, read_only=True)
            except sqlite3.OperationalError as again:
                raise _open_error(path, again) from None
        journal.notes = notes
        if not read_only:
            # What was deleted more than 30 days ago goes for good (a read, and a write only
            # when something is that old). Housekeeping: a busy journal skips it this time.
            with contextlib.suppress(JournalError):
                journal.trash.purge_old()
        return journal

    @classmethod
    def _connected(cls, path: str, key: Any, *, read_only: bool = False) -> Journal:
        """The journal on a new connection, up to date and in WAL mode; ``read_only``: for
        reading only, without writing anything (the disk is full), through an index of the
        write-ahead log kept in memory. Raises sqlite3.OperationalError for the caller."""
        try:
            conn = _connect(path, key)
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot open {path}: {exc}") from None
        journal = cls(path, conn)
        journal._key = key
        try:
            if read_only:
                # Set before the first read, this keeps SQLite from needing the -shm file
                # (it holds the journal to itself meanwhile). Writes are refused by
                # ``transaction`` (not by query_only: the search index's integrity check
                # is an INSERT that writes nothing).
                conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            journal._check_version()
            conn.execute("PRAGMA foreign_keys = ON")
            if read_only:
                if journal.user_version < LATEST:
                    raise Unwritable(
                        f"the disk is full: {path} needs updating to this closer's format "
                        "first, and there is no room; free some space. Nothing was changed"
                    )
                journal._read_only = READ_ONLY_FULL
                return journal
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise Unwritable(f"cannot use write-ahead logging on {path} (got {mode})")
            conn.execute("PRAGMA synchronous = FULL")
            journal.migrate()
        except sqlite3.OperationalError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise NotAJournal(f"{path} is not a closer journal ({exc})") from None
        except BaseException:
            conn.close()
            raise
        return journal

    def _check_version(self) -> None:
        version = self.user_version
        if version > LATEST:
            raise NewerSchema(
                f"{self.path} was written by a newer closer (format {version}; this one knows "
                f"up to {LATEST}). Update closer to open it; the file was not changed."
            )

    @property
    def user_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> list[int]:
        """Apply the migrations this file has not had yet, after a backup copy."""
        start = self.user_version
        if start >= LATEST:
            return []
        # Back up anything that already holds data: an older journal, or a SQLite file at
        # version 0 that has tables of its own. Only a brand-new empty file goes without.
        if start > 0 or self.scalar("SELECT count(*) FROM sqlite_master"):
            self.backup(self.path.with_name(f"{self.path.name}.before-v{start + 1}.bak"))
        import sqlite_utils

        db = sqlite_utils.Database(self.conn)
        applied = []
        for number in range(start + 1, LATEST + 1):
            with self.transaction():
                MIGRATIONS[number - 1](db)
                self.conn.execute(f"PRAGMA user_version = {number:d}")
            applied.append(number)
        return applied

    def reader(self) -> Journal:
        """A second connection to the same file, for a thread worker's reads (WAL lets
        readers and the writer work at once). Close it when done, or use ``with``."""
        self._check_still_there()
        conn = self._connect(self._file)
        conn.execute("PRAGMA query_only = ON")
        # A reader lives for one worker's few queries: a small page cache is enough (the
        # OS keeps the file's pages anyway), and readers opened at once no longer hold
        # SQLite's default 2 MB each (peak memory on a ten-year journal, see tests/bench).
        conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB:d}")
        reader = type(self)(self._file, conn)
        reader._key = self._key
        return reader

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing unit of work. Nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._check_still_there()
        if self._read_only:
            raise Unwritable(f"could not save: {self._read_only}; nothing was changed")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _write_error(exc) from None
        self._depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth = 0
            # After some errors (disk full, I/O) SQLite has already rolled back by itself.
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and _is_io(exc):
                raise _write_error(exc) from None
            raise
        else:
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise _write_error(exc) from None

    @contextlib.contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Within this block, a write waits at most ``seconds`` for another program's lock
        (instead of BUSY_TIMEOUT_S) before it is refused: for writes made while a person
        types, which must not freeze the screen and are tried again anyway."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000):d}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000):d}")

    def _check_still_there(self) -> None:
        """Refuse to write when the journal's file was deleted or moved away while open:
        SQLite would carry on writing into a file no one can open again."""
        if self._identity is not None and _identity(self._file) != self._identity:
            raise Unwritable(
                f"the journal file {self.path} was moved or deleted while closer had it "
                "open; nothing was saved. Put it back, or quit and open closer again"
            )

    def query(self, sql: str, params: Any = ()) -> list[dict]:
        """Rows as dicts, JSON columns left as text."""
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    @staticmethod
    def decode(table: str, row: dict) -> dict:
        """Decode a row's JSON columns (:attr:`storage.kinds.Kind.json`) in place and return
        it."""
        from storage.rows import decode

        return decode(table, row)

    @staticmethod
    def stamp(moment: datetime | None = None) -> str:
        return dates.to_stored(moment or dates.now())

    # ------------------------------------------------------------ settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    # ------------------------------------------------------------ drafts

    @cached_property
    def trash(self) -> Trash:
        """What was deleted, restorable for 30 days (:mod:`storage.trash`)."""
        from storage.trash import Trash

        return Trash(self)

    @cached_property
    def drafts(self) -> Drafts:
        """Unfinished work by key, and the rule for two windows (:mod:`storage.drafts`)."""
        from storage.drafts import Drafts

        return Drafts(self)

    def save_draft(self, key: str, data: dict) -> None:
        """Keep unfinished work under a key (e.g. ``"entry:new"``); one write, durable."""
        self.drafts.put(key, data)

    def load_draft(self, key: str) -> dict | None:
        """What is kept under exactly ``key``, or None."""
        return self.drafts.get(key)

    # ------------------------------------------------------------ the record APIs

    @cached_property
    def entries(self) -> Entries:
        from storage.entries import Entries

        return Entries(self)

    @cached_property
    def search(self) -> Search:
        from storage.search import Search

        return Search(self)

    @cached_property
    def thoughts(self) -> Thoughts:
        from storage.thoughts import Thoughts

        return Thoughts(self)

    @cached_property
    def loop(self) -> Loop:
        from storage.loop import Loop

        return Loop(self)

    @cached_property
    def right_now(self) -> RightNow:
        """Right now moments: a pull named in the minute it pulls (:mod:`storage.right_now`)."""
        from storage.right_now import RightNow

        return RightNow(self)

    @cached_property
    def rituals(self) -> Rituals:
        from storage.rituals import Rituals

        return Rituals(self)

    @cached_property
    def love(self) -> Love:
        """The love list and the days each was done (:mod:`storage.love`)."""
        from storage.love import Love

        return Love(self)

    @cached_property
    def offers(self) -> Offers:
        """Low-effort offers and how they landed (:mod:`storage.offers`)."""
        from storage.offers import Offers

        return Offers(self)

    @cached_property
    def phrases(self) -> Phrases:
        """The phrase book's own phrases and favourites (:mod:`storage.phrases`)."""
        from storage.phrases import Phrases

        return Phrases(self)

    @cached_property
    def discoveries(self) -> Discoveries:
        """The shared-discovery idea bank (:mod:`storage.discoveries`)."""
        from storage.discoveries import Discoveries

        return Discoveries(self)

    @cached_property
    def tally(self) -> Tally:
        """The private tally of one's own kindnesses and slights (:mod:`storage.tally`)."""
        from storage.tally import Tally

        return Tally(self)

    @cached_property
    def review(self) -> Review:
        from storage.review import Review

        return Review(self)

    # ------------------------------------------------------------ health

    def backup(self, target: str | os.PathLike) -> Path:
        """Copy the journal to ``target`` with SQLite's online backup API (safe while in
        use): into a private temporary file beside it (storage.copies), checked whole, then
        renamed over it, mode 0600. Until that rename a file already at ``target`` stays as
        it was; a failure leaves nothing behind. An encrypted journal's copy is encrypted
        with the same key. Refuses the journal itself and its side files."""
        from pathlib import Path

        from storage import copies

        target = Path(target).expanduser()
        copies.refuse_journal_files(target, self.path)
        try:
            with copies.replacing(target) as tmp:
                dest = self._connect(tmp.path)  # an encrypted journal's copy is encrypted too
                try:
                    self.conn.backup(dest)
                    found = [r[0] for r in dest.execute("PRAGMA integrity_check").fetchall()]
                finally:
                    dest.close()
                if found != ["ok"]:
                    raise Unwritable(f"the copy at {target} did not check out; not kept")
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot write a copy to {target}: {exc}") from None
        return target

    def counts(self) -> dict[str, int]:
        """How many records of each kind the journal holds, by table (every kind of
        :data:`storage.kinds.KINDS`, in its order)."""
        from storage.kinds import KINDS

        return {k.table: self.scalar(f"SELECT count(*) FROM {k.table}") for k in KINDS}

    def fts_problems(self) -> list[str]:
        """The tables whose full-text index does not match their rows (empty when all do)."""
        from storage.kinds import FTS_COLUMNS

        broken = []
        for table in FTS_COLUMNS:
            try:
                self.conn.execute(
                    f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)"
                )
            except sqlite3.DatabaseError:
                broken.append(table)
        return broken

    def rebuild_fts(self) -> None:
        """Rebuild every full-text index from the rows themselves, as one transaction."""
        from storage.kinds import FTS_COLUMNS

        with self.transaction() as conn:
            for table in FTS_COLUMNS:
                conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")

    def unregistered_tags(self) -> list[tuple[int, str]]:
        """(entry id, tag) for every #tag written in an entry's title or body that the tag
        table does not hold: rows added from outside closer (``sqlite-utils insert``, a
        script) are found by search, but their #tags were never registered. Oldest first."""
        from storage.text import tags_in

        known = set(self.conn.execute("SELECT entry_id, tag FROM entry_tags").fetchall())
        missing = []
        for entry_id, title, body in self.conn.execute(
            "SELECT id, title, body FROM entries ORDER BY id"
        ):
            for tag in tags_in(f"{title or ''}\n{body or ''}"):
                if (entry_id, tag) not in known:
                    missing.append((entry_id, tag))
        return missing

    def register_tags(self) -> int:
        """Add every tag :meth:`unregistered_tags` finds to the tag table, as one
        transaction; how many were added (0 when the table was already whole)."""
        with self.transaction() as conn:
            missing = self.unregistered_tags()
            conn.executemany(
                "INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)", missing
            )
        return len(missing)

    def fix_modes(self) -> list[str]:
        """Make the journal (and its side files) 0600 and its folder 0700; returns what was
        changed, as short sentences. A folder that belongs to someone else or is shared
        (sticky, like the system temp folder) is never chmodded: ``doctor()`` says why."""
        changed = []
        folder = os.path.dirname(os.path.abspath(self._file))
        files = [self._file, *access.side_files(self._file)]
        targets = [(name, 0o600) for name in files]
        left = access.folder_left_because(folder)
        if left is None:
            targets.insert(0, (folder, 0o700))
        for target, wanted in targets:
            modes = access.private_mode(target, wanted)
            if modes is None or os.path.islink(target):
                continue
            try:
                os.chmod(target, modes[1])
            except OSError as exc:
                raise Unwritable(
                    f"cannot change the mode of {target}: {exc.strerror or exc}"
                ) from None
            changed.append(f"{target}: {modes[0]:04o} -> {modes[1]:04o}")
        return changed

    def doctor(self) -> dict[str, Any]:
        """Integrity, FTS consistency, schema version, counts, file modes, encryption."""
        integrity = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall()]
        if self.encrypted:
            # Every page's HMAC: tampering or a damaged page shows here.
            integrity += [str(r[0]) for r in self.conn.execute("PRAGMA cipher_integrity_check")]
        fts_broken = self.fts_problems()
        file_mode = stat.S_IMODE(os.stat(self._file).st_mode)
        folder = os.path.dirname(os.path.abspath(self._file))
        folder_mode = stat.S_IMODE(os.stat(folder).st_mode)
        oldest = self.trash.oldest()
        untagged = self.unregistered_tags()
        return {
            "path": str(self.path),
            "integrity": "ok" if integrity == ["ok"] else "; ".join(integrity[:5]),
            "fts": "ok" if not fts_broken else "needs rebuild",
            "fts_broken": fts_broken,
            # #tags written in entries that the tag table does not hold (rows from outside).
            "tags": "ok" if not untagged else "needs repair",
            "tags_missing": len(untagged),
            "schema_version": self.user_version,
            "latest_schema": LATEST,
            "file_mode": f"{file_mode:04o}",
            "folder_mode": f"{folder_mode:04o}",
            "file_private": file_mode & 0o077 == 0,
            "folder_private": folder_mode & 0o077 == 0,
            # Why ``fix_modes`` would leave the folder as it is (None: it would not).
            "folder_left_because": access.folder_left_because(folder),
            "encrypted": self.encrypted,
            "counts": self.counts(),
            "trash": self.trash.count(),
            "trash_oldest": oldest.deleted_at.isoformat() if oldest else None,
        }
