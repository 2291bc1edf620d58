"""jrnl in and out: read jrnl's JSON export, write jrnl's plain-text journal format.

>>> text = export_text(journal)                       # doctest: +SKIP
>>> import_json(journal, json.loads(jrnl_json))       # doctest: +SKIP
{'entries': 12}

**Out** (``closer export --format jrnl``): the entries, oldest first, in the format jrnl 4.x
keeps its journals in::

    [2025-03-14 21:05] A title *
    The body, as many lines as it has.

    [2025-03-15 08:10] The next entry

A star after the title marks a starred entry; ``#tags`` stay in the text, where jrnl finds
them. jrnl sees every entry as a one-line title and a body, so an entry without a title
gives jrnl the first line of its text as the title, and a title's line breaks become spaces.
Times are local, to the minute. Thought records, loop moments and rituals have no place in
jrnl's format (``--format json`` or ``markdown`` carry them).

jrnl would misread two things in plain text, and the export guards both with an invisible
mark, U+200B (zero width space), which :func:`import_json` takes out again:

- a line of the body that starts with ``[`` could be read as the date of a new entry, so
  such lines get the mark in front;
- a title that ends with ``*`` would be read as starred (and a starred title loses its
  ``*`` at either end), so the mark goes between the ``*`` and the end.

**In** (``closer import --format jrnl-json``): the document ``jrnl --export json`` writes
(``{"tags": {...}, "entries": [{"title", "body", "date": "%Y-%m-%d", "time": "%H:%M",
"tags": ["@tag"], "starred"}]}``), or the single-entry object it writes per file when
exporting to a folder. Title and body are kept apart, tags lose their ``@``/``#``. An entry
already in the journal with the same date, time, title and body is skipped, so importing a
file twice adds nothing, nor do two imports of it at once (see ``storage.portable.importing``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from storage import dates, rows
from storage.errors import InvalidInput
from storage.text import as_tag

if TYPE_CHECKING:
    from storage.journal import Journal

MARK = "\u200b"

_LINE_START_BRACKET = re.compile(r"\n(?=\u200b*\[)")
_MARKED_LINE_START = re.compile(r"(?m)^\u200b(?=\u200b*\[)")


# ------------------------------------------------------------------ how jrnl sees an entry


def view(title: str, body: str) -> tuple[str, str]:
    """An entry as jrnl holds it: a one-line title and a body, both trimmed. Without a
    title, the first line of the text is the title.

    >>> view("", "First line\\n\\nthen more.\\n")
    ('First line', 'then more.')
    >>> view("Two\\nlines", "  body  ")
    ('Two lines', 'body')
    """
    head = " ".join(title.splitlines()).strip()
    text = "\n".join(body.splitlines()).strip()
    if not head:
        first, _, rest = text.partition("\n")
        head, text = first.strip(), rest.strip()
    return head, text


def _mark_title(title: str) -> str:
    if title.lstrip(MARK).startswith("*"):
        title = MARK + title
    if title.rstrip(MARK).endswith("*"):
        title = title + MARK
    return title


def _unmark_title(title: str) -> str:
    if title.startswith(MARK) and title.lstrip(MARK).startswith("*"):
        title = title[1:]
    if title.endswith(MARK) and title.rstrip(MARK).endswith("*"):
        title = title[:-1]
    return title


def _mark_body(body: str) -> str:
    return _LINE_START_BRACKET.sub("\n" + MARK, "\n" + body)[1:]


def _unmark_body(body: str) -> str:
    return _MARKED_LINE_START.sub("", body)


def _stamp(moment: datetime) -> str:
    # Spelled out: strftime("%Y") does not pad years before 1000 on every platform.
    m = moment
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d} {m.hour:02d}:{m.minute:02d}"


def entry_text(moment: datetime, title: str, body: str, starred: bool) -> str:
    """One entry in jrnl's plain-text format (ending with a newline); ``moment`` local."""
    head, text = view(title, body)
    line = f"[{_stamp(moment)}] {_mark_title(head)}" + (" *" if starred else "")
    return line + ("\n" + _mark_body(text) if text else "") + "\n"


# ------------------------------------------------------------------ out


def export_text(journal: Journal) -> str:
    """Every entry, oldest first, as a jrnl journal file."""
    parts = [
        entry_text(dates.local(e.occurred_at), e.title, _with_tags(e), e.starred)
        for e in journal.entries.list(newest_first=False)
    ]
    return "\n".join(parts)


def _with_tags(entry: Any) -> str:
    """The body, with the tags given apart from the text added as a last line of #tags:
    jrnl knows an entry's tags only from its text."""
    extra = " ".join(f"#{t}" for t in entry.unwritten_tags())
    if not extra:
        return entry.body
    return f"{entry.body}\n\n{extra}" if entry.body else extra


# ------------------------------------------------------------------ in


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and "entries" in data:
        items = data["entries"]
        if not isinstance(items, list):
            raise InvalidInput('not a jrnl JSON export: "entries" should be a list')
        return items
    if isinstance(data, dict) and "date" in data and ("title" in data or "body" in data):
        return [data]  # one entry, as jrnl writes them when exporting to a folder
    raise InvalidInput(
        'not a jrnl JSON export (no "entries" list, and not a single jrnl entry)'
    )


def _text_field(item: dict, name: str, where: str) -> str:
    value = item.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{where}: {name} should be text")
    return value


def _moment(item: dict, where: str) -> datetime:
    day_text, time_text = item.get("date"), item.get("time", "00:00")
    if not isinstance(day_text, str) or not isinstance(time_text, str):
        raise InvalidInput(f"{where}: date and time should be text like 2025-03-14 and 21:05")
    try:
        day = date.fromisoformat(day_text.strip())
        clock = time.fromisoformat(time_text.strip())
    except ValueError:
        raise InvalidInput(
            f"{where}: {day_text!r} {time_text!r} is not a date (YYYY-MM-DD) and a time (HH:MM)"
        ) from None
    return datetime.combine(day, clock.replace(tzinfo=None))  # local time, as jrnl keeps it


def _tags(item: dict, where: str) -> list[str]:
    raw = item.get("tags") or []
    if not isinstance(raw, list):
        raise InvalidInput(f"{where}: tags should be a list")
    return [plain for plain in map(as_tag, raw) if plain]


def _key(moment: datetime, title: str, body: str) -> tuple[str, str, str]:
    return (_stamp(moment), *view(title, body))


def _existing_keys(journal: Journal) -> set[tuple[str, str, str]]:
    """How jrnl would see each entry already here (see :func:`_key`)."""
    return {
        _key(dates.local(e.occurred_at), e.title, e.body)
        for e in journal.entries.list(newest_first=False)
    }


def import_json(journal: Journal, data: Any) -> dict[str, int]:
    """Add the entries of a jrnl JSON export that are not in the journal yet.

    Every entry is checked before anything is written; all are written in one transaction
    or none. Returns ``{"entries": added}`` (entries already here, or empty, are skipped).
    """
    from storage.models import EntryIn
    from storage.portable import importing

    items = _items(data)
    parsed: list[Any] = []
    for n, item in enumerate(items):
        where = f"entries[{n}]"
        if not isinstance(item, dict):
            raise InvalidInput(f"{where} should be an object")
        title = _unmark_title(_text_field(item, "title", where))
        body = _unmark_body(_text_field(item, "body", where))
        if not title.strip() and not body.strip():
            continue  # jrnl can hold an entry with nothing in it; there is nothing to keep
        starred = item.get("starred", False)
        if not isinstance(starred, bool):
            raise InvalidInput(f"{where}: starred should be true or false")
        fields = {
            "occurred_at": _moment(item, where),
            "title": title,
            "body": body,
            "starred": starred,
            "tags": _tags(item, where),
        }
        parsed.append(rows.validate(EntryIn, fields, where))

    added = 0
    with importing(journal, _existing_keys) as existing:
        for entry in parsed:
            key = _key(dates.local(entry.occurred_at), entry.title, entry.body)
            if key in existing:
                continue
            journal.entries.store(entry)
            existing.add(key)
            added += 1
    return {"entries": added}
