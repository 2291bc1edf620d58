"""Which files closer will open: only plain files the person running it owns, kept private.

Every rule about the journal's file, its side files and its folder lives here:

- the journal is a plain file (not a named pipe, a device or a folder) owned by the person
  running closer; a symbolic link is followed only to such a file, and a note says where the
  journal really is;
- a journal others can read is made private (0600) before SQLite opens it, so the side files
  SQLite makes beside it (``-wal``, ``-shm``, which take the journal's mode) are private too;
- side files already there must be plain files of the same owner, else the journal's text
  would go into someone else's file;
- folders closer makes are 0700 whatever the umask; a folder closer did not make is never
  chmodded when it belongs to someone else or is shared (sticky, like the system temp folder).

Only :func:`os.stat` and :func:`os.lstat` are used, never :mod:`pathlib`, so that quick
commands stay quick; nothing here opens a file, so a named pipe cannot make it wait.
"""

from __future__ import annotations

import os
import stat

from storage.errors import NotAJournal, NotPlainFile, NotYours, Unwritable

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a journal."""

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _me() -> int:
    """The user closer runs as (files are checked against it; root is uid 0)."""
    return os.geteuid() if hasattr(os, "geteuid") else -1


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a plain file"


def _owned(found: os.stat_result) -> bool:
    me = _me()
    return me < 0 or found.st_uid == me


def check_plain(path: str, found: os.stat_result, *, what: str = "the journal") -> None:
    """Refuse (one line) what is not a plain file owned by the person running closer."""
    if stat.S_ISDIR(found.st_mode):
        raise NotAJournal(f"{path} is a folder, not a journal file")
    if not stat.S_ISREG(found.st_mode):
        raise NotPlainFile(
            f"{path} is {_kind(found.st_mode)}, not a plain file; closer opens {what} only "
            "as a plain file. Nothing was read or changed"
        )
    if not _owned(found):
        raise NotYours(
            f"{path} belongs to another user (uid {found.st_uid}); closer opens only files "
            "that are yours. Nothing was read or changed"
        )


def check_journal_path(path: str) -> tuple[str, list[str]]:
    """The file to open for the journal named ``path``, and notes to show the person once.

    A missing file comes back as it is (it may be created). A symbolic link is followed to
    a plain file of the person's own (the note says where the journal really is); a link to
    nothing, a named pipe, a device, a folder or someone else's file raises a
    :class:`~storage.errors.JournalError`. Nothing is opened, so nothing can wait.
    """
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return path, []
    except OSError as exc:
        raise Unwritable(f"cannot look at {path}: {exc.strerror or exc}") from None
    notes = []
    real = path
    if stat.S_ISLNK(found.st_mode):
        real = os.path.realpath(path)
        try:
            found = os.stat(real)
        except FileNotFoundError:
            raise NotAJournal(
                f"{path} is a link to {real}, which does not exist; closer does not create a "
                "journal through a link. Point it at a file, or remove the link"
            ) from None
        except OSError as exc:
            raise Unwritable(f"cannot follow the link {path}: {exc.strerror or exc}") from None
        check_plain(real, found)
        notes.append(f"{path} is a link: the journal is really at {real}")
    else:
        check_plain(path, found)
    return real, notes


def tighten(path: str) -> str | None:
    """Make a file of the person's own private (no group or other bits); a note saying what
    changed, or None when it already was. Does not follow a symbolic link."""
    found = os.lstat(path)
    current = stat.S_IMODE(found.st_mode)
    if not current & 0o077 or stat.S_ISLNK(found.st_mode) or not _owned(found):
        return None
    try:
        os.chmod(path, current & 0o700)
    except OSError as exc:
        raise Unwritable(f"cannot make {path} private: {exc.strerror or exc}") from None
    private = current & 0o700
    return f"{path} could be read by others ({current:04o}); made it private ({private:04o})"


def side_files(path: str) -> list[str]:
    """The side files SQLite may keep beside the journal at ``path`` (there or not)."""
    return [path + suffix for suffix in SIDE_SUFFIXES]


def check_side_files(path: str) -> list[str]:
    """Refuse a side file of the journal at ``path`` that is not a plain file of the
    person's own (SQLite would write the journal's text into it); make the others private.
    Returns notes on what was made private."""
    notes = []
    for side in side_files(path):
        try:
            found = os.lstat(side)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise Unwritable(f"cannot look at {side}: {exc.strerror or exc}") from None
        if stat.S_ISLNK(found.st_mode) or not stat.S_ISREG(found.st_mode):
            kind = "a link" if stat.S_ISLNK(found.st_mode) else _kind(found.st_mode)
            raise NotPlainFile(
                f"{side} is {kind}, not a file closer made; closer will not write the "
                "journal into it. Remove it if you did not make it, then try again"
            )
        if not _owned(found):
            raise NotYours(
                f"{side} belongs to another user (uid {found.st_uid}); closer will not write "
                "the journal into it. Remove it, then try again. Nothing was changed"
            )
        note = tighten(side)
        if note:
            notes.append(note)
    return notes


def make_private_folder(folder: str) -> None:
    """Make ``folder`` and any missing parents, each 0700 whatever the umask. Only folders
    made here are chmodded; one already there is left as it is."""
    missing = []
    current = os.path.abspath(folder)
    while not os.path.lexists(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for made in reversed(missing):
        try:
            os.mkdir(made, PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made by someone else meanwhile: not ours to chmod
        os.chmod(made, PRIVATE_FOLDER)


def create_private_file(path: str) -> bool:
    """Create an empty file, 0600 whatever the umask; False when something is already there
    (not followed if it is a link)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return True


def folder_left_because(folder: str) -> str | None:
    """Why closer will not chmod ``folder``: it belongs to someone else, or it is shared
    (sticky, like the system temp folder). None when it may."""
    try:
        found = os.stat(folder)
    except OSError as exc:
        return f"cannot look at it ({exc.strerror or exc})"
    if not _owned(found):
        return f"it belongs to another user (uid {found.st_uid})"
    if found.st_mode & stat.S_ISVTX:
        return (
            "it is a shared folder (sticky, like the system temp folder): move the journal "
            "into a folder of your own"
        )
    return None


def private_mode(path: str, wanted: int) -> tuple[int, int] | None:
    """(current mode, the private mode it should have) when ``path`` has group or other
    bits; None when it is private already or not there."""
    try:
        current = stat.S_IMODE(os.lstat(path).st_mode)
    except OSError:
        return None
    if not current & 0o077:
        return None
    return current, current & 0o700 | wanted
