"""What the app reads from the terminal: bytes that are not UTF-8 become U+FFFD.

A terminal set to another encoding (or a paste of binary data) sends such bytes. Textual's
Linux driver decodes the keyboard strictly: one such byte stopped its input thread and
ended the app with a traceback (Textualize/textual#6456). :func:`read_any_bytes` makes it
read them as U+FFFD, the replacement mark, as ``closer add`` reads such bytes from a pipe;
storage keeps them as that mark, and a passphrase holding one is refused
(``storage.crypto.check_passphrase``).
"""

from __future__ import annotations

import codecs
import functools


def _forgiving(encoding: str) -> functools.partial:
    """What makes an incremental decoder for ``encoding`` that replaces what it cannot
    read (``codecs.getincrementaldecoder``, with ``errors="replace"``)."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def read_any_bytes() -> None:
    """Make the app's terminal driver read bytes that are not UTF-8 as U+FFFD instead of
    failing on them. Safe to call more than once; does nothing where Textual has no such
    driver (Windows) or no longer decodes that way."""
    from tui.compat import keyboard_decoder, set_keyboard_decoder

    if keyboard_decoder() is codecs.getincrementaldecoder:
        set_keyboard_decoder(_forgiving)
