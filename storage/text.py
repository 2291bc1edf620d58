"""Rules for user text: size limit, control characters, #tags."""

from __future__ import annotations

import re

MAX_TEXT = 1_000_000
"""The longest text one field may hold, in characters (about 1 MB of prose)."""

# C0 controls except tab and newline, DEL, and C1 controls (which include the CSI and OSC
# introducers). Escape sequences lose their ESC and become harmless visible text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone UTF-16 surrogates cannot be stored as UTF-8: bytes that were not valid UTF-8 (from
# the command line or a pipe) and broken "\ud800" escapes in JSON arrive as these.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_TAG = re.compile(r"(?<![\w#])#(\w[\w-]*)", re.UNICODE)
_TAG_SYMBOLS = re.compile(r"^[^\w]+")
_NOT_TAG = re.compile(r"[^\w-]+")


def clean(text: str) -> str:
    """Normalise line ends and drop control characters, keeping everything else as typed.
    Characters that cannot be stored (lone surrogates) become U+FFFD, the replacement mark."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def check_size(text: str, field: str = "text") -> str:
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"{field} is too long ({len(text):,} characters; the limit is {MAX_TEXT:,})"
        )
    return text


def tags_in(text: str) -> list[str]:
    """The #tags written in a text, lower-cased, first appearance first.

    >>> tags_in("A walk #Walk and a talk #walk #us")
    ['walk', 'us']
    """
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        seen.setdefault(match.group(1).lower().rstrip("-"), None)
    return list(seen)


def first_line(text: str, width: int = 80) -> str:
    """The first non-empty line of a text, cut to ``width`` with an ellipsis."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= width else line[: width - 1] + "…"
    return ""


def as_tag(raw: object) -> str:
    """A tag another app gave (jrnl's ``@walk``, Day One's ``Date night``) as closer keeps
    tags: leading symbols gone, other runs of non-word characters a hyphen, lower case, at
    most 64 characters; "" when nothing of it can be a tag here (it stays in the text).

    >>> as_tag("@Date night!"), as_tag("#us"), as_tag("@\u00b9")
    ('date-night', 'us', '')
    """
    plain = _NOT_TAG.sub("-", _TAG_SYMBOLS.sub("", str(raw))).strip("-")[:64].lower()
    return plain if plain and _tag_ok(plain) else ""


_TAGS_OK: dict[str, bool] = {}


def _tag_ok(tag: str) -> bool:
    """Whether the stored models accept ``tag`` (their pattern's idea of a word character
    is not always Python's: "\u00b9" is one to Python only)."""
    found = _TAGS_OK.get(tag)
    if found is None:
        from pydantic import TypeAdapter, ValidationError

        from storage.models import Tag

        try:
            TypeAdapter(Tag).validate_python(tag)
            found = True
        except ValidationError:
            found = False
        _TAGS_OK[tag] = found
    return found
