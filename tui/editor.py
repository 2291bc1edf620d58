"""Handing a text to the person's own editor (``$VISUAL``, then ``$EDITOR``) and taking back
what they saved: one way, for the app's ctrl+o and for ``closer edit``.

The text goes through a private file (0600, in a 0700 folder of its own) that is removed as
soon as the text is back. Imports no Textual: the app suspends itself around :func:`edit`.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from storage.errors import InvalidInput, JournalError


class EditorFailed(JournalError):
    """The editor could not start, or stopped with an error: the text is as it was."""


def command() -> list[str]:
    """The editor to run, as a command; InvalidInput saying how to set one when none is."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise InvalidInput("set $EDITOR (for example: export EDITOR=nano) to write in your "
                           "own editor")
    try:
        words = shlex.split(editor)
    except ValueError:
        raise InvalidInput(f"$EDITOR does not read as a command: {editor}") from None
    if not words:
        raise InvalidInput("$EDITOR is empty; set it to an editor, for example nano")
    return words


def edit(text: str, *, suffix: str = ".md") -> str:
    """Open ``text`` in the editor and return what was saved (a final newline the editor
    added is taken off again). Raises EditorFailed, leaving nothing behind."""
    words = command()
    with tempfile.TemporaryDirectory(prefix="closer-") as folder:
        path = os.path.join(folder, "entry" + suffix)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            result = subprocess.run([*words, path], check=False)
        except OSError as exc:
            raise EditorFailed(f"could not start {words[0]}: {exc.strerror or exc}") from None
        if result.returncode != 0:
            raise EditorFailed(f"the editor stopped with an error ({result.returncode}); the "
                               "text is as it was")
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                back = fh.read()
        except OSError as exc:
            raise EditorFailed(f"could not read the text back: {exc.strerror or exc}") from None
    if back.endswith("\n") and not text.endswith("\n"):
        back = back[:-1]
    return back
