"""Encryption at rest with SQLCipher (the optional ``encryption`` extra, ``sqlcipher3-binary``).

An encrypted journal is a SQLCipher 4 file: every page AES-256 encrypted and authenticated
(HMAC), the key derived from the passphrase with PBKDF2. Nothing here runs unless a journal
is encrypted or one of the commands below is used; a plain journal never imports SQLCipher.

>>> encrypt(path, "a long passphrase")                     # doctest: +SKIP
>>> key = unlock(path, "a long passphrase")                # doctest: +SKIP
>>> conn = connect(path, key)                              # doctest: +SKIP
>>> change_passphrase(path, "a long passphrase", "another one")   # doctest: +SKIP
>>> decrypt(path, "another one")                           # doctest: +SKIP

:func:`encrypt`, :func:`decrypt` and :func:`change_passphrase` write the new file to a
private temporary file beside the old one (:mod:`storage.copies`), check it (integrity, the
same rows in every table, the same format version), and only then swap it in with one atomic
rename; a killed run's temporary file is removed by the next conversion or ``closer doctor``.
:func:`encrypt` overwrites the old plain file, and the plain write-ahead log SQLite folds into
it, with zeros before they go; :func:`create` starts a journal encrypted, so that nothing
plain is ever written. A wrong passphrase changes nothing: the file is only read.

SQLCipher connections raise the errors of their own module; :func:`connect` wraps them so
that the rest of storage sees the standard library's ``sqlite3`` errors and works unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from storage import copies
from storage.errors import InvalidInput, JournalError, JournalLocked, NotAJournal, Unwritable

INSTALL_HINT = "install the encryption extra: pip install 'closer-journal[encryption]'"

# SQLCipher 4's defaults, with which every file here is written: PBKDF2-HMAC-SHA512 over
# the passphrase and the file's first 16 bytes (its salt), 256,000 rounds, a 32-byte key.
KDF_ROUNDS = 256_000
SALT_SIZE = 16
KEY_SIZE = 32
LOCK_TIMEOUT_S = 0.5


class EncryptionUnavailable(NotAJournal):
    """SQLCipher (the ``encryption`` extra) is not installed, so an encrypted journal
    cannot be opened here (and encrypt/decrypt/passwd cannot run)."""


class PassphraseNeeded(NotAJournal):
    """The journal is encrypted and no passphrase was given."""


class WrongPassphrase(NotAJournal):
    """The passphrase does not open the journal (or the file is not a journal at all)."""


# ------------------------------------------------------------------ the library


def available() -> bool:
    """Whether SQLCipher can be used here."""
    try:
        _dbapi()
    except EncryptionUnavailable:
        return False
    return True


@functools.cache
def _dbapi() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailable(f"encryption is not installed; {INSTALL_HINT}") from None
    # SQLCipher logs failed decryptions ("hmac check failed") to stderr by default: a wrong
    # passphrase would spray the terminal. The level is process-wide; set it once.
    quiet = dbapi2.connect(":memory:")
    try:
        quiet.execute("PRAGMA cipher_log_level = NONE")
        quiet.execute("PRAGMA cipher_log = off")
    finally:
        quiet.close()
    return dbapi2


def require(path: str | os.PathLike | None = None) -> None:
    """Raise EncryptionUnavailable, saying how to install it, when SQLCipher is missing."""
    if available():
        return
    what = (
        f"{path} is encrypted (or not a closer journal at all), and encryption is not "
        "installed here"
        if path is not None
        else "encryption is not installed"
    )
    raise EncryptionUnavailable(f"{what}; {INSTALL_HINT}")


# ------------------------------------------------------------------ passphrases and keys


def check_passphrase(passphrase: str) -> str:
    """A passphrase SQLCipher can take: not empty (an empty key means no encryption at all),
    no NUL character, and nothing that was not UTF-8 text: neither the lone surrogates
    Python makes of such bytes (in the environment, on the command line) nor U+FFFD, the
    mark a terminal or the app leaves in their place. Each would silently be a different
    passphrase from the one meant."""
    if not isinstance(passphrase, str) or not passphrase:
        raise InvalidInput("the passphrase is empty; nothing was changed")
    if "\x00" in passphrase:
        raise InvalidInput("the passphrase holds a NUL character; nothing was changed")
    if "\ufffd" in passphrase or any("\ud800" <= c <= "\udfff" for c in passphrase):
        raise InvalidInput(
            "the passphrase holds bytes that are not UTF-8 text (is the terminal or the "
            "environment set to another encoding?); nothing was changed"
        )
    return passphrase


def _literal(passphrase: str) -> str:
    return "'" + check_passphrase(passphrase).replace("'", "''") + "'"


@dataclass(frozen=True)
class Key:
    """What opens one encrypted file, as the text that follows ``PRAGMA key =``.

    Usually the key derived once from the passphrase and the file's salt, so that further
    connections (readers, backups) open in a millisecond instead of re-running the slow
    derivation. Never shown: its repr hides it.
    """

    sql: str = field(repr=False)

    def __repr__(self) -> str:
        return "Key(...)"


def _raw_key(passphrase: str, salt: bytes) -> Key:
    derived = hashlib.pbkdf2_hmac(
        "sha512", check_passphrase(passphrase).encode("utf-8"), salt, KDF_ROUNDS, KEY_SIZE
    )
    return Key(f"\"x'{derived.hex()}{salt.hex()}'\"")


def looks_encrypted(path: str | os.PathLike) -> bool:
    """Whether a file could be an encrypted journal: not a plain SQLite file, yet made of
    whole pages. (Only opening it with the passphrase can tell for sure.)"""
    import stat

    try:
        found = os.stat(path)
        if not stat.S_ISREG(found.st_mode) or found.st_size < 512 or found.st_size % 512:
            return False
    except OSError:
        return False
    return not is_plain(path)


def is_plain(path: str | os.PathLike) -> bool:
    """Whether the file is a plain SQLite file (never waits on a pipe or a device)."""
    from storage.journal import plain_sqlite

    return plain_sqlite(path)


def _raw_connect(path: str | os.PathLike, **kwargs: Any) -> Any:
    db = _dbapi()
    conn = db.connect(str(path), **kwargs)
    try:
        # The rounds SQLCipher uses for a passphrase, here and in ATTACH ... KEY: the same
        # as :func:`_raw_key` derives with (SQLCipher's own default unless changed).
        conn.execute(f"PRAGMA cipher_default_kdf_iter = {int(KDF_ROUNDS):d}")
    except BaseException:
        conn.close()
        raise
    return conn


_NOT_A_DATABASE = 26  # SQLITE_NOTADB: what SQLCipher says when a page's HMAC does not match


def _read_only_uri(path: Path) -> str:
    """A URI that opens the file for reading only and as unchanging: SQLite then takes no
    lock, never looks at the -wal or -shm files, and can write nothing anywhere."""
    from urllib.parse import quote

    return "file:" + quote(os.path.abspath(path)) + "?mode=ro&immutable=1"


def _opens(path: Path, key: Key) -> bool:
    """Whether ``key`` opens the file: reading its schema checks the first page's HMAC
    (every page has the same key, so the main file's first page tells). Nothing is written,
    whatever the key: the -wal and -shm files are not even opened. Raises JournalLocked or
    Unwritable when the file cannot be read for another reason than the key."""
    db = _dbapi()
    try:
        conn = _raw_connect(_read_only_uri(path), isolation_level=None, uri=True)
    except db.Error as exc:
        raise Unwritable(f"cannot read {path}: {exc}; nothing was changed") from None
    try:
        conn.execute(f"PRAGMA key = {key.sql}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except db.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        text = str(exc).lower()
        if code == _NOT_A_DATABASE or (code is None and "not a database" in text):
            return False
        if "locked" in text or "busy" in text:
            raise JournalLocked(
                f"{path} is busy: another program holds it; try again in a moment. "
                "The passphrase was not checked"
            ) from None
        raise Unwritable(
            f"cannot read {path} ({exc}); the passphrase was not checked and nothing was "
            "changed"
        ) from None
    finally:
        conn.close()


def unlock(path: str | os.PathLike, passphrase: str | None) -> Key:
    """The key that opens the encrypted file at ``path``, checked; the file is only read.

    Raises PassphraseNeeded without a passphrase, WrongPassphrase when it does not open the
    file, EncryptionUnavailable without SQLCipher.
    """
    path = Path(path)
    require(path)
    if passphrase is None:
        raise PassphraseNeeded(
            f"{path} is encrypted (or not a closer journal at all): give its passphrase, "
            "or set CLOSER_PASSPHRASE"
        )
    check_passphrase(passphrase)
    try:
        with path.open("rb") as fh:
            salt = fh.read(SALT_SIZE)
    except OSError as exc:
        raise Unwritable(f"cannot read {path}: {exc.strerror or exc}") from None
    fast = _raw_key(passphrase, salt)
    if _opens(path, fast):
        return fast
    # A file written with other settings (another SQLCipher version) still opens the slow
    # way, letting SQLCipher read its own parameters.
    slow = Key(_literal(passphrase))
    if _opens(path, slow):
        return slow
    raise WrongPassphrase(
        f"that passphrase does not open {path} (or it is not a closer journal); "
        "nothing was changed"
    )


# ------------------------------------------------------------------ connections


def _translate(exc: BaseException) -> BaseException:
    """The standard library's sqlite3 error matching a SQLCipher one."""
    kind = getattr(sqlite3, type(exc).__name__, sqlite3.DatabaseError)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.DatabaseError
    new = kind(*exc.args)
    for attr in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attr):
            with contextlib.suppress(AttributeError):
                setattr(new, attr, getattr(exc, attr))
    return new


class _Cursor:
    """A SQLCipher cursor that raises ``sqlite3`` errors."""

    __slots__ = ("_raw", "_errors")

    def __init__(self, raw: Any, errors: type) -> None:
        self._raw = raw
        self._errors = errors

    def execute(self, *args: Any) -> _Cursor:
        try:
            self._raw.execute(*args)
        except self._errors as exc:
            raise _translate(exc) from None
        return self

    def executemany(self, *args: Any) -> _Cursor:
        try:
            self._raw.executemany(*args)
        except self._errors as exc:
            raise _translate(exc) from None
        return self

    def executescript(self, *args: Any) -> _Cursor:
        try:
            self._raw.executescript(*args)
        except self._errors as exc:
            raise _translate(exc) from None
        return self

    def fetchone(self) -> Any:
        try:
            return self._raw.fetchone()
        except self._errors as exc:
            raise _translate(exc) from None

    def fetchmany(self, *args: Any) -> list:
        try:
            return self._raw.fetchmany(*args)
        except self._errors as exc:
            raise _translate(exc) from None

    def fetchall(self) -> list:
        try:
            return self._raw.fetchall()
        except self._errors as exc:
            raise _translate(exc) from None

    def __iter__(self) -> _Cursor:
        return self

    def __next__(self) -> Any:
        try:
            return next(self._raw)
        except self._errors as exc:
            raise _translate(exc) from None

    def close(self) -> None:
        self._raw.close()

    def __getattr__(self, name: str) -> Any:  # description, lastrowid, rowcount, ...
        return getattr(self._raw, name)


class Connection:
    """A SQLCipher connection that looks like a ``sqlite3.Connection`` to the rest of
    storage (and to sqlite-utils): the same methods, the standard library's errors."""

    __slots__ = ("_raw", "_errors")

    def __init__(self, raw: Any) -> None:
        object.__setattr__(self, "_raw", raw)
        object.__setattr__(self, "_errors", _dbapi().Error)

    @property
    def raw(self) -> Any:
        return self._raw

    def cursor(self) -> _Cursor:
        return _Cursor(self._raw.cursor(), self._errors)

    def execute(self, *args: Any) -> _Cursor:
        return self.cursor().execute(*args)

    def executemany(self, *args: Any) -> _Cursor:
        return self.cursor().executemany(*args)

    def executescript(self, *args: Any) -> _Cursor:
        return self.cursor().executescript(*args)

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._raw, name)(*args, **kwargs)
        except self._errors as exc:
            raise _translate(exc) from None

    def commit(self) -> None:
        self._call("commit")

    def rollback(self) -> None:
        self._call("rollback")

    def close(self) -> None:
        self._call("close")

    def backup(self, target: Any, **kwargs: Any) -> None:
        self._call("backup", getattr(target, "raw", target), **kwargs)

    def __enter__(self) -> Connection:
        self._raw.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        try:
            return self._raw.__exit__(*exc)
        except self._errors as error:
            raise _translate(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._raw, name, value)


def connect(path: str | os.PathLike, key: Key | None, **kwargs: Any) -> Connection:
    """Open an encrypted journal file (or start a new encrypted file) with ``key``; with
    None, a plain file through SQLCipher (for :func:`sqlcipher_export`).

    Keyword arguments go to ``connect`` as for ``sqlite3.connect``; ``isolation_level``
    defaults to None (autocommit, as the Journal uses it)."""
    db = _dbapi()
    kwargs.setdefault("isolation_level", None)
    try:
        raw = _raw_connect(path, **kwargs)
    except db.Error as exc:
        raise _translate(exc) from None
    conn = Connection(raw)
    try:
        if key is not None:
            conn.execute(f"PRAGMA key = {key.sql}")
        # Sorting and temporary tables stay in memory: nothing decrypted goes to a temp file.
        conn.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        conn.close()
        raise
    return conn


# ------------------------------------------------------------------ encrypt, decrypt, rekey


def _tables(conn: Any) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    ]


def _census(conn: Any) -> dict[str, Any]:
    """What must survive a copy: every table's row count, and the format version."""
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}
    return {"tables": counts, "user_version": conn.execute("PRAGMA user_version").fetchone()[0]}


def _check_copy(conn: Any, expected: dict[str, Any], where: Path) -> None:
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    found = _census(conn)
    if integrity != ["ok"] or found != expected:
        raise Unwritable(
            f"the new copy at {where} did not match the journal; the journal was not changed"
        )


# One way to zero a file, shared with the backups (see storage.copies).
overwrite_with_zeros = copies.overwrite_with_zeros
shred = copies.shred


def _exclusive(conn: Any, path: Path) -> None:
    """Leave write-ahead logging (folding the log into the file); SQLite allows it only
    when no other program has the journal open."""
    try:
        mode = conn.execute("PRAGMA main.journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "busy"
    if str(mode).lower() != "delete":
        raise JournalLocked(
            f"{path} is open in another program (is closer running?); close it and try "
            "again. Nothing was changed"
        )


def _open_sides(path: Path) -> list[int]:
    """Descriptors on the journal's write-ahead log and its index, while they exist, so
    that their content can still be zeroed once SQLite has folded the log into the file and
    removed it (SQLite removes it without overwriting: its blocks would keep the text)."""
    held = []
    for side in ("-wal", "-shm"):
        try:
            held.append(os.open(f"{path}{side}", os.O_RDWR | copies.NOFOLLOW))
        except OSError:
            pass
    return held


def _zero_unlinked(held: list[int]) -> None:
    """Zero each held side file that SQLite has removed, and close them all: nobody can
    open a removed one any more, so its content is only old text. One still there by name
    is shredded before the swap."""
    for fd in held:
        try:
            mine = os.fstat(fd)
            if mine.st_nlink == 0 and stat.S_ISREG(mine.st_mode):
                copies.zero_fd(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


@contextlib.contextmanager
def _source(path: Path, key: Key | None) -> Iterator[Connection]:
    """The journal, opened by SQLCipher (plain when ``key`` is None), all to ourselves and
    out of write-ahead logging; a plain journal's old log is overwritten with zeros."""
    if not path.exists() or path.stat().st_size == 0:
        raise NotAJournal(f"no journal at {path}")
    conn = connect(path, key, timeout=LOCK_TIMEOUT_S)
    held: list[int] = []
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            raise NotAJournal(f"{path} is not a closer journal") from None
        held = _open_sides(path) if key is None else []
        _exclusive(conn, path)
        _zero_unlinked(held)
        held = []
        yield conn
    finally:
        conn.close()
        # Someone else still uses the log: leave it alone. Closed only after the connection,
        # since closing another descriptor of a file drops this process's locks on it.
        for fd in held:
            os.close(fd)


def _verify(tmp: str, verify_key: Key | None, expected: dict[str, Any]) -> None:
    check = sqlite3.connect(tmp) if verify_key is None else connect(tmp, verify_key)
    try:
        _check_copy(check, expected, Path(tmp))
    finally:
        check.close()


def _export(path: Path, key: Key | None, new_key_sql: str, verify_key: Key | None) -> list[str]:
    """Copy the journal at ``path`` into a new file keyed with ``new_key_sql`` (``''`` for a
    plain file), check the copy, and swap it in atomically. The old file is overwritten
    with zeros when it was plain. The copy is a private temporary file (storage.copies);
    what an earlier, killed conversion left is removed first. Returns what was removed, as
    sentences."""
    notes = copies.clean_leftovers(path)
    old_plain = key is None
    with _source(path, key) as conn:
        expected = _census(conn)
        try:
            with copies.replacing(path) as tmp:
                conn.execute(f"ATTACH DATABASE ? AS converted KEY {new_key_sql}", (tmp.path,))
                conn.execute("BEGIN")  # one transaction: one sync to disk, not one per table
                conn.execute("SELECT sqlcipher_export('converted')")
                conn.execute(
                    f"PRAGMA converted.user_version = {int(expected['user_version']):d}"
                )
                conn.execute("COMMIT")
                conn.execute("DETACH DATABASE converted")
                _verify(tmp.path, verify_key, expected)
                _swap(path, key, tmp, old_plain)
        except sqlite3.Error as exc:
            raise Unwritable(f"could not convert {path}: {exc}; nothing was changed") from None
        except OSError as exc:
            raise Unwritable(
                f"could not convert {path}: {exc.strerror or exc}; nothing was changed"
            ) from None
    os.chmod(path, 0o600)
    return notes


def _swap(path: Path, key: Key | None, tmp: copies.Temp, old_plain: bool) -> None:
    """Put the checked copy in the journal's place, holding the journal against writers
    until then. A plain old file is overwritten with zeros: it keeps a second name (a hard
    link, a recognisable leftover) across the swap, so that a kill just after it leaves a
    file the next run finds and zeroes, never a plain file's blocks that nothing names."""
    holder = connect(path, key, timeout=LOCK_TIMEOUT_S)
    try:
        holder.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        holder.close()
        raise JournalLocked(
            f"{path} is open in another program; close it and try again. Nothing was changed"
        ) from None
    try:
        old_name = None
        if old_plain:
            # Leaving WAL mode removed the old file's log; one left by an earlier crash
            # would be plain text of the journal. Done before the swap, while no one else
            # can have the new file open.
            for side in ("-wal", "-journal"):
                shred(path.with_name(path.name + side))
            path.with_name(path.name + "-shm").unlink(missing_ok=True)
            old_name = copies.temp_name(path, "old")
            try:
                os.link(path, old_name)
            except OSError:
                old_name = None  # no hard links here: zero it through a descriptor instead
        with path.open("r+b") as old:
            tmp.commit()
            if old_plain and old_name is None:
                overwrite_with_zeros(old)
        if old_name is not None:
            shred(old_name)  # the old plain file, under its last name
    finally:
        with contextlib.suppress(sqlite3.Error):
            holder.execute("ROLLBACK")
        holder.close()


def encrypt(path: str | os.PathLike, passphrase: str) -> list[str]:
    """Turn the plain journal at ``path`` into an encrypted one. The plain file is
    overwritten with zeros once the encrypted copy is checked and in its place; copies
    made before (backups, exports) are not touched. When there is no journal at ``path``
    yet, start a new one encrypted (:func:`create`): nothing plain ever reaches the disk.
    Returns what was left by an earlier, interrupted conversion and removed, as sentences."""
    path = Path(path)
    check_passphrase(passphrase)
    require()
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return create(path, passphrase)
    if not is_plain(path):
        if looks_encrypted(path):
            raise InvalidInput(f"{path} is already encrypted; nothing was changed")
        raise NotAJournal(f"{path} is not a closer journal")
    return _export(path, None, _literal(passphrase), Key(_literal(passphrase)))


def create(path: str | os.PathLike, passphrase: str) -> list[str]:
    """Start a new, encrypted journal at ``path`` (where there is none, or an empty file):
    its first byte on disk is already encrypted. Returns what an interrupted earlier run
    left and was removed, as sentences."""
    from storage.journal import Journal

    path = Path(path)
    check_passphrase(passphrase)
    require()
    key = Key(_literal(passphrase))
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise Unwritable(f"cannot create a journal at {path}: {exc.strerror or exc}") from None
    notes = copies.clean_leftovers(path)
    with copies.replacing(path) as tmp:
        try:
            first = connect(tmp.path, key)
            try:  # one page written, encrypted: the file is a SQLCipher file from here on
                first.execute("CREATE TABLE closer_start(x)")
                first.execute("DROP TABLE closer_start")
            finally:
                first.close()
        except sqlite3.Error as exc:
            raise Unwritable(f"cannot create a journal at {path}: {exc}") from None
        with Journal.open(tmp.path, passphrase=passphrase) as journal:
            expected = _census(journal.conn)
            journal.conn.execute("PRAGMA journal_mode = DELETE")  # no log beside the copy
        _verify(tmp.path, key, expected)
        if path.exists() and path.stat().st_size > 0:
            raise InvalidInput(f"a journal appeared at {path} meanwhile; nothing was changed")
    return notes


def decrypt(path: str | os.PathLike, passphrase: str) -> list[str]:
    """Turn the encrypted journal at ``path`` back into a plain SQLite file. Returns what an
    interrupted earlier conversion left and was removed, as sentences."""
    path = Path(path)
    require()
    if is_plain(path):
        raise InvalidInput(f"{path} is not encrypted; nothing was changed")
    key = unlock(path, passphrase)
    return _export(path, key, "''", None)


def change_passphrase(path: str | os.PathLike, old: str, new: str) -> list[str]:
    """Re-encrypt the journal at ``path`` under a new passphrase: a new copy under the new
    key, checked, then swapped in atomically, so a kill at any moment leaves the journal
    opening with the old passphrase or the new one, whole. Returns what an interrupted
    earlier conversion left and was removed, as sentences."""
    path = Path(path)
    check_passphrase(new)
    if is_plain(path):
        raise InvalidInput(f"{path} is not encrypted; use encrypt first")
    key = unlock(path, old)
    notes = _export(path, key, _literal(new), Key(_literal(new)))
    unlock(path, new)  # raises if the new passphrase does not open it
    return notes
