"""Encryption at rest with SQLCipher (the optional ``encryption`` extra, ``sqlcipher3-binary``).

An encrypted journal is a SQLCipher 4 file: every page AES-256 encrypted and authenticated
(HMAC), the key derived from the passphrase with PBKDF2. Nothing here runs unless a journal
is encrypted or one of the commands below is used; a plain journal never imports SQLCipher.

>>> encrypt(path, "a long passphrase")                     # doctest: +SKIP
>>> key = unlock(path, "a long passphrase")                # doctest: +SKIP
>>> conn = connect(path, key)                              # doctest: +SKIP
>>> change_passphrase(path, "a long passphrase", "another one")   # doctest: +SKIP
>>> decrypt(path, "another one")                           # doctest: +SKIP

:func:`encrypt`, :func:`decrypt` write the new file beside the old one, check it (integrity,
the same rows in every table, the same format version), and only then swap it in with one
atomic rename. :func:`encrypt` overwrites the old plain file with zeros before it goes. A
wrong passphrase changes nothing: the file is only read.

SQLCipher connections raise the errors of their own module; :func:`connect` wraps them so
that the rest of storage sees the standard library's ``sqlite3`` errors and works unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from storage.errors import InvalidInput, JournalError, JournalLocked, NotAJournal, Unwritable

SQLITE_HEADER = b"SQLite format 3\x00"
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
    path = Path(path)
    try:
        size = path.stat().st_size
        if size < 512 or size % 512:
            return False
        with path.open("rb") as fh:
            return fh.read(16) != SQLITE_HEADER
    except OSError:
        return False


def is_plain(path: str | os.PathLike) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


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


def _opens(path: Path, key: Key) -> bool:
    """Whether ``key`` opens the file: reading its schema checks the first page's HMAC."""
    db = _dbapi()
    # Only read: with a wrong key SQLite cannot even read the header, so it writes nothing.
    conn = _raw_connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = {key.sql}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except db.DatabaseError:
        return False
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


def _private_new(path: Path) -> None:
    """An empty file, mode 0600, where the new copy will be written."""
    for stale in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        stale.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def overwrite_with_zeros(fh: Any) -> None:
    """Write zeros over the whole of an open file (opened ``r+b``) and flush it to disk.
    On SSDs and copy-on-write file systems the old blocks may survive elsewhere: this
    removes the readable copy, not every trace."""
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(0)
    chunk = b"\x00" * (1 << 20)
    left = size
    while left > 0:
        n = min(left, len(chunk))
        fh.write(chunk[:n])
        left -= n
    fh.flush()
    os.fsync(fh.fileno())


def shred(path: str | os.PathLike) -> None:
    """Overwrite a file with zeros, then remove it (nothing if it is not there)."""
    path = Path(path)
    try:
        with path.open("r+b") as fh:
            overwrite_with_zeros(fh)
    except FileNotFoundError:
        return
    path.unlink(missing_ok=True)


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


@contextlib.contextmanager
def _source(path: Path, key: Key | None) -> Iterator[Connection]:
    """The journal, opened by SQLCipher (plain when ``key`` is None), all to ourselves."""
    if not path.exists() or path.stat().st_size == 0:
        raise NotAJournal(f"no journal at {path}")
    conn = connect(path, key, timeout=LOCK_TIMEOUT_S)
    try:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            raise NotAJournal(f"{path} is not a closer journal") from None
        _exclusive(conn, path)
        yield conn
    finally:
        conn.close()


def _export(path: Path, key: Key | None, new_key_sql: str, verify_key: Key | None) -> None:
    """Copy the journal at ``path`` into a new file keyed with ``new_key_sql`` (``''`` for a
    plain file), check the copy, and swap it in atomically. The old file is overwritten
    with zeros when it was plain."""
    tmp = path.with_name(f".{path.name}.converting")
    old_plain = key is None
    with _source(path, key) as conn:
        expected = _census(conn)
        _private_new(tmp)
        try:
            conn.execute(f"ATTACH DATABASE ? AS converted KEY {new_key_sql}", (str(tmp),))
            conn.execute("BEGIN")  # one transaction: one sync to disk, not one per table
            conn.execute("SELECT sqlcipher_export('converted')")
            conn.execute(f"PRAGMA converted.user_version = {int(expected['user_version']):d}")
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE converted")
            if verify_key is None:
                check = sqlite3.connect(tmp)
            else:
                check = connect(tmp, verify_key)
            try:
                _check_copy(check, expected, tmp)
            finally:
                check.close()
            # Hold the journal against writers from here to the swap.
            holder = connect(path, key, timeout=LOCK_TIMEOUT_S)
            try:
                holder.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                holder.close()
                raise JournalLocked(
                    f"{path} is open in another program; close it and try again. "
                    "Nothing was changed"
                ) from None
            try:
                if old_plain:
                    # Leaving WAL mode removed the old file's log; one left by an earlier
                    # crash would be plain text of the journal. Done before the swap, while
                    # no one else can have the new file open.
                    for side in ("-wal", "-journal"):
                        shred(path.with_name(path.name + side))
                    path.with_name(path.name + "-shm").unlink(missing_ok=True)
                with path.open("r+b") as old:
                    os.replace(tmp, path)
                    _fsync_dir(path.parent)
                    if old_plain:
                        overwrite_with_zeros(old)
            finally:
                with contextlib.suppress(sqlite3.Error):
                    holder.execute("ROLLBACK")
                holder.close()
        except sqlite3.Error as exc:
            raise Unwritable(f"could not convert {path}: {exc}; nothing was changed") from None
        except OSError as exc:
            raise Unwritable(
                f"could not convert {path}: {exc.strerror or exc}; nothing was changed"
            ) from None
        finally:
            if tmp.exists():
                shred(tmp)
            for side in ("-journal", "-wal", "-shm"):
                Path(str(tmp) + side).unlink(missing_ok=True)
    os.chmod(path, 0o600)


def encrypt(path: str | os.PathLike, passphrase: str) -> None:
    """Turn the plain journal at ``path`` into an encrypted one. The plain file is
    overwritten with zeros once the encrypted copy is checked and in its place; copies
    made before (backups, exports) are not touched."""
    path = Path(path)
    check_passphrase(passphrase)
    require()
    if not is_plain(path):
        if looks_encrypted(path):
            raise InvalidInput(f"{path} is already encrypted; nothing was changed")
        raise NotAJournal(f"{path} is not a closer journal")
    _export(path, None, _literal(passphrase), Key(_literal(passphrase)))


def decrypt(path: str | os.PathLike, passphrase: str) -> None:
    """Turn the encrypted journal at ``path`` back into a plain SQLite file."""
    path = Path(path)
    require()
    if is_plain(path):
        raise InvalidInput(f"{path} is not encrypted; nothing was changed")
    key = unlock(path, passphrase)
    _export(path, key, "''", None)


def change_passphrase(path: str | os.PathLike, old: str, new: str) -> None:
    """Re-encrypt the journal at ``path`` under a new passphrase (``PRAGMA rekey``, one
    transaction: a crash leaves the old passphrase working)."""
    path = Path(path)
    check_passphrase(new)
    if is_plain(path):
        raise InvalidInput(f"{path} is not encrypted; use encrypt first")
    key = unlock(path, old)
    with _source(path, key) as conn:
        try:
            conn.execute(f"PRAGMA rekey = {_literal(new)}")
        except sqlite3.Error as exc:
            raise Unwritable(f"could not change the passphrase: {exc}; nothing changed") from None
    unlock(path, new)  # raises if the new passphrase does not open it
