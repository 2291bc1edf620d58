"""Every file closer writes beside the journal or for a person (backups, exports, encrypt,
decrypt, passwd), written one way, so a kill or a full disk never leaves a partial or
readable copy behind.

>>> with replacing("/home/me/copy.db") as tmp:           # doctest: +SKIP
...     write_into(tmp.path)                              # SQLite, or os.write(tmp.fd, ...)
>>> write_file("/home/me/journal.txt", b"...")            # doctest: +SKIP
>>> clean_leftovers("/home/me/.local/share/closer/journal.db")   # doctest: +SKIP
['removed .../.journal.db.closer-tmp-4242-9f1c07aa: a readable copy of the journal ...']

The copy is written to a new private file beside its target, ``.NAME.closer-tmp-PID-HEX``:
created exclusively (``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600), so nobody else can have
it open or point it elsewhere; checked by the caller; flushed to disk; and only then renamed
over the target (the old file at the target stays whole until that one atomic step). On any
failure the temporary file is overwritten with zeros and removed.

A run killed before it could clean up leaves its temporary file; the next copy or conversion,
and ``closer doctor``, find those whose process is gone (:func:`leftovers`) and remove them,
overwriting them with zeros first (:func:`clean_leftovers`).

Paths here are strings (no :mod:`pathlib`): :meth:`storage.journal.Journal.backup` loads this
module, and nothing here is slow to import.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time

from storage.errors import InvalidInput, Unwritable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Iterator, Sequence

MARK = ".closer-tmp-"
SIDE_FILES = ("-journal", "-wal", "-shm")
_TEMP = re.compile(r"\..+" + re.escape(MARK) + r"(?P<pid>\d+)-[0-9a-z]+(?:-journal|-wal|-shm)?")
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20
_ATTEMPTS = 100
# What older versions of closer wrote under a fixed name, found beside the same targets.
_LEGACY_BESIDE_JOURNAL = (".converting",)
_LEGACY_DAILY = re.compile(r"\..+-\d{4}-\d{2}-\d{2}\.db\.part")


def _text(path: str | os.PathLike) -> str:
    return os.fspath(path) if not isinstance(path, bytes) else os.fsdecode(path)


def _token() -> str:
    return os.urandom(4).hex()


def temp_name(target: str | os.PathLike, token: str | None = None) -> str:
    """A name for a new temporary file beside ``target``, recognisable as closer's and as
    this process's (:func:`leftovers` tells a dead run's from a live one by it)."""
    target = os.path.abspath(os.path.expanduser(_text(target)))
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}{MARK}{os.getpid()}-{token or _token()}")


def _unwritable(target: str, exc: OSError) -> Unwritable:
    return Unwritable(f"cannot write {target}: {exc.strerror or exc}; nothing was changed")


class Temp:
    """One private temporary file beside ``target``, open as ``fd``, until it is renamed
    over the target (:meth:`commit`) or overwritten with zeros and removed (:meth:`discard`).
    """

    __slots__ = ("path", "fd", "target", "done")

    def __init__(self, path: str, fd: int, target: str) -> None:
        self.path = path
        self.fd = fd
        self.target = target
        self.done = False

    def still_ours(self) -> bool:
        """Whether the temporary name still names the file this run created."""
        try:
            found = os.lstat(self.path)
        except OSError:
            return False
        mine = os.fstat(self.fd)
        return (found.st_dev, found.st_ino) == (mine.st_dev, mine.st_ino)

    def commit(self) -> None:
        """Flush the file to disk and rename it over the target in one atomic step (then
        flush the folder, so the rename itself survives a power cut)."""
        if not self.still_ours():
            raise Unwritable(
                f"the temporary copy for {self.target} was moved or replaced by another "
                "program while it was written; nothing was changed"
            )
        try:
            os.fsync(self.fd)
            os.replace(self.path, self.target)
        except OSError as exc:
            raise _unwritable(self.target, exc) from None
        self.done = True
        fsync_folder(os.path.dirname(self.target))

    def discard(self) -> None:
        """Overwrite the file with zeros (through its own descriptor: the file this run
        made, whatever its name now names) and remove it and any side file SQLite left."""
        if self.done:
            return
        self.done = True
        with contextlib.suppress(OSError):
            zero_fd(self.fd)
        if self.still_ours():
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        for side in SIDE_FILES:
            shred(self.path + side)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def private_temp(target: str | os.PathLike) -> Temp:
    """A new empty file, mode 0600, beside ``target``, that this run alone created: never an
    existing file, never through a symbolic link. Raises Unwritable when the folder cannot
    take one, InvalidInput when ``target`` is there and not a plain file (a folder, a
    device, a pipe), which a rename would take the place of."""
    target = os.path.abspath(os.path.expanduser(_text(target)))
    try:
        found = os.stat(target)
    except OSError:
        pass
    else:
        if not stat.S_ISREG(found.st_mode):  # a folder, a device, a pipe: rename would swap it
            raise InvalidInput(f"{target} is not a plain file; choose a file for the copy")
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | NOFOLLOW | _CLOEXEC
    for _ in range(_ATTEMPTS):
        name = temp_name(target)
        try:
            fd = os.open(name, flags, 0o600)
        except FileExistsError:
            continue  # someone made this name first: take another, never theirs
        except OSError as exc:
            raise _unwritable(target, exc) from None
        with contextlib.suppress(OSError, AttributeError):  # no fchmod on some systems
            os.fchmod(fd, 0o600)  # the umask can only take rights away; make it exact
        return Temp(name, fd, target)
    raise Unwritable(f"cannot write {target}: no free temporary name beside it")


@contextlib.contextmanager
def replacing(target: str | os.PathLike) -> Iterator[Temp]:
    """A private temporary file to write the new ``target`` into. When the block ends
    without an error, the file replaces the target atomically (unless the block did it with
    :meth:`Temp.commit`); on an error it is overwritten with zeros and removed, and the
    target is as it was."""
    tmp = private_temp(target)
    try:
        yield tmp
        if not tmp.done:
            tmp.commit()
    except BaseException:
        tmp.discard()
        raise
    finally:
        tmp.close()


def write_file(target: str | os.PathLike, data: bytes) -> str:
    """Write ``data`` as the whole new content of ``target``, atomically, mode 0600.
    Returns the target's path."""
    with replacing(target) as tmp:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(tmp.fd, view):]
            if os.fstat(tmp.fd).st_size != len(data):
                raise OSError(f"wrote {os.fstat(tmp.fd).st_size} bytes of {len(data)}")
        except OSError as exc:
            raise _unwritable(tmp.target, exc) from None
    return tmp.target


def fsync_folder(folder: str | os.PathLike) -> None:
    """Flush a folder's entries (a rename, a removal) to disk, where the system allows."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ------------------------------------------------------------------ zeros


def zero_fd(fd: int) -> None:
    """Write zeros over the whole file open as ``fd`` (its length unchanged), then flush
    them to disk."""
    size = os.fstat(fd).st_size
    chunk = b"\x00" * min(size, _CHUNK)
    os.lseek(fd, 0, os.SEEK_SET)
    done = 0
    while done < size:
        done += os.write(fd, chunk[: min(len(chunk), size - done)])
    os.fsync(fd)


def overwrite_with_zeros(fh: Any) -> None:
    """Write zeros over the whole of an open file (opened ``r+b``) and flush it to disk.
    On SSDs and copy-on-write file systems the old blocks may survive elsewhere: this
    removes the readable copy, not every trace."""
    fh.flush()
    zero_fd(fh.fileno())


def shred(path: str | os.PathLike) -> None:
    """Overwrite a file with zeros, then remove it (nothing if it is not there). A symbolic
    link is removed without touching what it points to; a file with another name too (a
    hard link) only loses this name, since its content is still in use."""
    path = _text(path)
    try:
        fd = os.open(path, os.O_RDWR | NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        if _TEMP.fullmatch(os.path.basename(path)):  # a folder :func:`write_folder` began
            _shred_folder(path)
        return
    except OSError:  # a symbolic link (ELOOP), or not ours to write: remove the name only
        with contextlib.suppress(OSError):
            os.unlink(path)
        return
    try:
        found = os.fstat(fd)
        if stat.S_ISREG(found.st_mode) and found.st_nlink <= 1:
            zero_fd(fd)
    finally:
        os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _shred_folder(folder: str) -> None:
    """:func:`shred` every file in a temporary folder of closer's, then remove it."""
    with contextlib.suppress(OSError):
        with os.scandir(folder) as found:
            for item in list(found):
                if item.is_dir(follow_symlinks=False):
                    _shred_folder(item.path)
                else:
                    shred(item.path)
        os.rmdir(folder)


# ------------------------------------------------------------------ folders


def _plain_name(name: str) -> str:
    if (not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name
            or name.startswith(".")):
        raise ValueError(f"not a plain file name: {name!r}")
    return name


def write_folder(target: str | os.PathLike, files: dict[str, bytes]) -> str:
    """Write ``files`` (plain file name -> content) as the folder ``target``; returns its
    path.

    A new folder (or an empty one) is written whole into a private temporary folder beside
    it (mode 0700, each file 0600, flushed to disk) and renamed into place in one step: a
    kill or a full disk leaves no part of it behind (the next export to the same target
    removes a dead run's temporary folder: :func:`clean_leftovers`). Into a folder that
    already holds files (an earlier export), each file is replaced on its own, atomically
    (:func:`write_file`), and files of other names are left as they are. InvalidInput when
    ``target`` is not a folder, or its parent folder is not there."""
    target = os.path.abspath(os.path.expanduser(_text(target)))
    names = {_plain_name(name): data for name, data in files.items()}
    try:
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _unwritable(target, exc) from None
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise InvalidInput(f"{target} is not a folder; this export writes a folder of files")
    if found is not None and (os.path.islink(target) or os.listdir(target)):
        for stray in _strays_in(target):
            shred(stray)
        for name, data in names.items():
            write_file(os.path.join(target, name), data)
        return target
    parent = os.path.dirname(target)
    if not os.path.isdir(parent):
        raise InvalidInput(f"there is no folder {parent}; the export goes in one that is")
    temp = _private_folder(target)
    try:
        for name, data in names.items():
            fd = os.open(os.path.join(temp, name),
                         os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | _CLOEXEC, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_folder(temp)
        os.replace(temp, target)
    except OSError as exc:
        _shred_folder(temp)
        raise _unwritable(target, exc) from None
    except BaseException:
        _shred_folder(temp)
        raise
    fsync_folder(parent)
    return target


def _private_folder(target: str) -> str:
    """A new empty folder, mode 0700, beside ``target``, named as :func:`temp_name` says."""
    for _ in range(_ATTEMPTS):
        name = temp_name(target)
        try:
            os.mkdir(name, 0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _unwritable(target, exc) from None
        with contextlib.suppress(OSError):
            os.chmod(name, 0o700)  # whatever the umask
        return name
    raise Unwritable(f"cannot write {target}: no free temporary name beside it")


# ------------------------------------------------------------------ what a killed run left


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no harmless way to ask there: treat a recent file as in use
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, run by someone else
    return True


def _recent(path: str) -> bool:
    try:
        return time.time() - os.lstat(path).st_mtime < 3600
    except OSError:
        return False


def _strays_in(folder: str, legacy: Sequence[str] = (), daily: bool = False) -> list[str]:
    """The temporary files of dead runs in ``folder``, and the fixed names older versions
    used (``legacy``: exact names; ``daily``: the old daily backups' ``.part`` files)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        full = os.path.join(folder, name)
        match = _TEMP.fullmatch(name)
        if match:
            pid = int(match["pid"])
            if not _alive(pid) or (os.name == "nt" and not _recent(full)):
                found.append(full)
        elif name in legacy or (daily and _LEGACY_DAILY.fullmatch(name)):
            found.append(full)
    return sorted(found)


_HOT_JOURNAL = bytes.fromhex("d9d505f920a163d7")  # how SQLite's rollback journal begins


def _stale_rollback(journal: str) -> list[str]:
    """The journal's ``-journal`` file when it can no longer roll anything back: SQLite
    plays back a live one when it opens the journal, and removes it; one a kill left with
    its header already cleared stays forever (a conversion writes one when it leaves
    write-ahead logging). Only asked while this process has the journal open."""
    side = journal + "-journal"
    try:
        with open(side, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return []
    return [] if head == _HOT_JOURNAL else [side]


def leftovers(
    journal_path: str | os.PathLike,
    targets: Sequence[str | os.PathLike] = (),
    *,
    journal_open: bool = False,
) -> list[str]:
    """The files a killed copy or conversion left: beside the journal, in its backups
    folder, and beside each of ``targets`` (a ``-o`` file). A run still going is left to
    finish. Never the journal, a kept backup, or anything closer did not make. With
    ``journal_open`` (the caller holds the journal open, so SQLite has already rolled back
    what needed it), also a rollback file of the journal's that can roll nothing back."""
    from storage.backups import FOLDER

    journal = os.path.abspath(os.path.expanduser(_text(journal_path)))
    folder, name = os.path.split(journal)
    legacy = [f".{name}{ending}{side}" for ending in _LEGACY_BESIDE_JOURNAL
              for side in ("", *SIDE_FILES)]
    found = set(_strays_in(folder, legacy))
    found.update(_strays_in(os.path.join(folder, FOLDER), daily=True))
    if journal_open:
        found.update(_stale_rollback(journal))
    for target in targets:
        target = os.path.abspath(os.path.expanduser(_text(target)))
        where, base = os.path.split(target)
        mine = [p for p in _strays_in(where, [f".{base}.part"])
                if os.path.basename(p).startswith(f".{base}{MARK}")
                or os.path.basename(p) == f".{base}.part"]
        found.update(mine)
    return sorted(found)


def clean_leftovers(
    journal_path: str | os.PathLike,
    targets: Sequence[str | os.PathLike] = (),
    *,
    journal_open: bool = False,
) -> list[str]:
    """Remove what :func:`leftovers` finds, each overwritten with zeros first; returns one
    plain sentence for each file removed."""
    from storage.journal import plain_sqlite

    said = []
    for path in leftovers(journal_path, targets, journal_open=journal_open):
        if path.endswith("-journal") and not _TEMP.fullmatch(os.path.basename(path)):
            what = "a rollback file of the journal that could roll nothing back"
        elif plain_sqlite(path):
            what = "a readable copy of the journal"
        else:
            what = "an unfinished copy"
        try:
            shred(path)
        except OSError as exc:
            said.append(f"could not remove {path} ({what} left by an interrupted run): "
                        f"{exc.strerror or exc}")
            continue
        said.append(f"removed {path}: {what} left by an interrupted run, overwritten with "
                    "zeros first")
    return said


# ------------------------------------------------------------------ targets


def refuse_journal_files(target: str | os.PathLike, journal_path: str | os.PathLike) -> None:
    """Raise InvalidInput when ``target`` is the journal or one of its side files
    (``-wal``, ``-shm``, ``-journal``), by any name: writing a copy there would destroy it."""
    target = os.path.expanduser(_text(target))
    journal = os.path.expanduser(_text(journal_path))
    real = os.path.realpath(target)
    for side in ("", *SIDE_FILES):
        own = journal + side
        same = real == os.path.realpath(own)
        if not same:
            with contextlib.suppress(OSError):
                same = os.path.samefile(target, own)
        if same:
            what = "the journal itself" if not side else f"the journal's own {side} file"
            raise InvalidInput(f"{target} is {what}; choose another file for the copy")
