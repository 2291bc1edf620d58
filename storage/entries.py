"""Free journal entries: add, get, update, delete, list with filters.

>>> journal.entries.add("Talked for ten minutes after dinner. #download", mood=1)  # doctest: +SKIP
>>> journal.entries.list(limit=3, tag="download")                                # doctest: +SKIP
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime

from storage import dates, rows
from storage.errors import Conflict, InvalidInput, NotFound
from storage.text import clean, tags_in

SMALL_THING_TITLE, SMALL_THING_TAG = "One small thing", "smallthing"
"""The title and tag of an entry that keeps a "one small thing" done (written by
``Review.keep_small_thing``; counted by the review, ``closer today`` and the early sign)."""

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time (quick commands start faster)
    from typing import Any

    from storage.journal import Journal
    from storage.models import EntryIn

_ENTRY_FIELDS = "id created_at updated_at occurred_at title body mood starred tags"


class Entry(namedtuple("Entry", _ENTRY_FIELDS)):
    """A stored entry as read back. Reading needs no validation (it was validated on the
    way in), so this is a plain named tuple: ``closer list`` never pays for importing
    pydantic, dataclasses or typing (each import is a noticeable part of a quick command's
    time). Its JSON form (:meth:`to_json`) is what ``export`` and ``list --json`` write and
    what :class:`storage.models.StoredEntry` reads back.

    Fields: ``id`` (int); ``created_at``, ``updated_at``, ``occurred_at`` (aware datetimes);
    ``title``, ``body`` (str); ``mood`` (int -2 to 2, or None); ``starred`` (bool); ``tags``
    (list of str, as given; :meth:`all_tags` adds the #tags in the text)."""

    __slots__ = ()

    def all_tags(self) -> list[str]:
        """Tags given explicitly plus the #tags written in the title and body."""
        from storage.text import tags_in

        return list(dict.fromkeys([*self.tags, *tags_in(self.title + "\n" + self.body)]))

    def unwritten_tags(self) -> list[str]:
        """The tags given apart from the text (Write's tags field, ``tags=``) and not
        written in it as ``#tags``: what an export into plain text must add to keep them."""
        from storage.text import tags_in

        written = set(tags_in(self.title + "\n" + self.body))
        return [t for t in self.tags if t not in written]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "occurred_at": self.occurred_at.isoformat(),
            "title": self.title,
            "body": self.body,
            "mood": self.mood,
            "starred": self.starred,
            "tags": list(self.tags),
        }


def entry_filter(
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    tag: str | None = None,
    starred: bool | None = None,
    first_day: date | None = None,
    last_day: date | None = None,
    tags: tuple[str, ...] | list[str] = (),
    all_tags: bool = False,
    without: tuple[str, ...] | list[str] = (),
    text: str = "",
) -> tuple[str, list[Any]]:
    """The SQL ``WHERE`` (over ``entries e``) and its parameters for a choice of entries.

    ``start``/``end`` are inclusive moments; ``first_day``/``last_day`` inclusive local
    calendar days (the days Look back groups by). ``tag`` and ``tags`` (with or without
    ``#``): entries with any of them, or with all of them when ``all_tags``, as jrnl's
    ``-and``; ``without``: none of these tags. ``text``: every word in the title or body, as
    ``closer search`` finds them (each word a prefix).
    """
    where: list[str] = []
    params: list[Any] = []
    if first_day is not None:
        where.append("e.day >= ?")
        params.append(first_day.isoformat())
    if last_day is not None:
        where.append("e.day <= ?")
        params.append(last_day.isoformat())
    if start is not None:
        where.append("e.occurred_at >= ?")
        params.append(dates.to_stored(start))
    if end is not None:
        where.append("e.occurred_at <= ?")
        params.append(dates.to_stored(end))
    wanted = [_tag_key(t) for t in ([tag] if tag else []) + list(tags)]
    if wanted and all_tags:
        for one in wanted:
            where.append("e.id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)")
            params.append(one)
    elif wanted:
        marks = ", ".join("?" for _ in wanted)
        where.append(f"e.id IN (SELECT entry_id FROM entry_tags WHERE tag IN ({marks}))")
        params.extend(wanted)
    if without:
        unwanted = [_tag_key(t) for t in without]
        marks = ", ".join("?" for _ in unwanted)
        where.append(f"e.id NOT IN (SELECT entry_id FROM entry_tags WHERE tag IN ({marks}))")
        params.extend(unwanted)
    if starred is not None:
        where.append("e.starred = ?")
        params.append(int(starred))
    if text.strip():
        from storage.search import fts_query

        where.append("e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
        params.append(fts_query(text))
    return ("WHERE " + " AND ".join(where)) if where else "", params


FILTER_HELP = "words, #tag, -#tag, * for starred, from:DATE, to:DATE, on:DATE"
"""What :func:`parse_filter` understands, as a placeholder says it."""


def parse_filter(typed: str) -> dict[str, Any]:
    """A filter as a person types it (the Journal view's filter field) as the arguments of
    :func:`entry_filter`: ``#tag`` (any of them), ``-#tag`` (none of these), ``*`` or ``★``
    (starred), ``from:DATE``, ``to:DATE``, ``on:DATE`` (one word each: ``from:yesterday``,
    ``on:2026-11-30``), and the other words to find in the text.

    >>> parse_filter("canal #walk -#work *")
    {'tags': ['walk'], 'without': ['work'], 'starred': True, 'text': 'canal'}
    """
    found: dict[str, Any] = {}
    words = []
    for token in typed.split():
        low = token.lower()
        if token in ("*", "★"):
            found["starred"] = True
        elif low.startswith(("-#", "!#")) and len(token) > 2:
            found.setdefault("without", []).append(token[2:])
        elif token.startswith("#") and len(token) > 1:
            found.setdefault("tags", []).append(token[1:])
        elif low.startswith(("from:", "to:", "on:")):
            name, _, when = token.partition(":")
            if not when:
                raise InvalidInput(f"{name}: needs a date, for example {name}:yesterday")
            name = name.lower()
            if name in ("from", "on"):
                found["start"] = dates.parse_when(when, start_of_day=True)
            if name in ("to", "on"):
                found["end"] = dates.parse_when(when, end_of_day=True)
        else:
            words.append(token)
    ordered = {k: found[k] for k in ("tags", "without", "starred", "start", "end")
               if k in found}
    if words:
        ordered["text"] = " ".join(words)
    return ordered


def _tag_key(tag: str) -> str:
    """A tag as it is stored: without ``#``/``@``, lower case (bytes not UTF-8: U+FFFD)."""
    return clean(tag).lstrip("#@").lower()


class Entries:
    def __init__(self, journal: Journal):
        self.journal = journal

    # ------------------------------------------------------------ writing

    def add(
        self,
        body: str = "",
        *,
        title: str = "",
        occurred_at: datetime | None = None,
        mood: int | None = None,
        starred: bool = False,
        tags: list[str] | None = None,
    ) -> Entry:
        from storage.models import EntryIn

        entry = rows.validate(
            EntryIn,
            {
                "occurred_at": occurred_at or dates.now(),
                "title": title,
                "body": body,
                "mood": mood,
                "starred": starred,
                "tags": tags or [],
            },
        )
        return self.insert(entry)

    def insert(self, entry: EntryIn, *, created_at: datetime | None = None) -> Entry:
        """Store a validated entry and its tags as one transaction; return it with its id."""
        return self.get(self.store(entry, created_at=created_at))

    def store(
        self, entry: EntryIn, *, created_at: datetime | None = None, row: dict | None = None
    ) -> int:
        """:meth:`insert` without reading the entry back (for bulk imports): its id.
        ``row`` is ``rows.to_row("entries", entry, exclude={"tags"})`` if already made."""
        if row is None:
            row = rows.to_row("entries", entry, exclude={"tags"})
        with self.journal.transaction():
            entry_id = rows.insert_row(self.journal, "entries", row, created_at=created_at)
            self._write_tags(entry_id, entry.all_tags())
        return entry_id

    def update(self, entry_id: int, *, base: Entry | None = None, **changes: Any) -> Entry:
        """Change some fields of an entry (title, body, mood, starred, tags, occurred_at).

        ``base`` is the entry as the caller last saw it: when another window changed it
        since, nothing is written and :class:`storage.errors.Conflict` is raised."""
        with self.journal.transaction():
            return self._update(entry_id, base, changes)

    def keep(self, entry_id: int, *, base: Entry, **changes: Any) -> tuple[Entry, bool]:
        """Save a window's edit of ``entry_id`` unless another window changed the entry
        since ``base``: then both are kept, the other window's as it is and this one's as a
        new entry at the same moment. Returns the entry now holding the edit, and whether
        it is the new one."""
        try:
            return self.update(entry_id, base=base, **changes), False
        except Conflict:
            fields = {"occurred_at": base.occurred_at, **changes}
            return self.add(**fields), True

    def _update(self, entry_id: int, base: Entry | None, changes: dict) -> Entry:
        from storage.models import EntryIn

        current = self.get(entry_id)
        if base is not None and rows.changed_since(base, current, EntryIn.model_fields):
            raise Conflict(
                f"entry {entry_id} was changed in another closer window since this one "
                "opened it; nothing was overwritten"
            )
        data = {name: getattr(current, name) for name in EntryIn.model_fields}
        data["tags"] = list(current.tags)
        unknown = set(changes) - set(EntryIn.model_fields)
        if unknown:
            raise InvalidInput(f"entries have no field {sorted(unknown)[0]!r}")
        data.update(changes)
        if "body" in changes or "title" in changes:
            # Tags written in the old text go; explicit tags stay unless replaced.
            if "tags" not in changes:
                written = set(tags_in(current.title + "\n" + current.body))
                data["tags"] = [t for t in current.tags if t not in written]
        entry = rows.validate(EntryIn, data)
        with self.journal.transaction() as conn:
            rows.update(self.journal, "entries", entry_id, entry, exclude={"tags"})
            conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
            self._write_tags(entry_id, entry.all_tags())
        return self.get(entry_id)

    def delete(self, entry_id: int) -> None:
        with self.journal.transaction() as conn:
            conn.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry_id,))
            cur = conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            if cur.rowcount == 0:
                raise NotFound(f"no entry with id {entry_id}")

    def _write_tags(self, entry_id: int, tags: list[str]) -> None:
        self.journal.conn.executemany(
            "INSERT OR IGNORE INTO entry_tags(entry_id, tag) VALUES (?, ?)",
            [(entry_id, tag) for tag in tags],
        )

    # ------------------------------------------------------------ reading

    def get(self, entry_id: int) -> Entry:
        rows = self._fetch("WHERE e.id = ?", (entry_id,))
        if not rows:
            raise NotFound(f"no entry with id {entry_id}")
        return rows[0]

    def list(self, *, limit: int | None = None, offset: int = 0, newest_first: bool = True,
             **filters: Any) -> list[Entry]:
        """Entries in time order; ``limit`` keeps the newest ones (after skipping ``offset``
        of them: a page of a long list). ``filters`` are those of :func:`entry_filter`."""
        where, params = entry_filter(**filters)
        sql = where + " ORDER BY e.occurred_at DESC, e.id DESC"
        if limit is not None:
            if limit < 0:
                raise InvalidInput("the number of entries must be 0 or more")
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._fetch(sql, params)
        return rows if newest_first else rows[::-1]

    def count(self, **filters: Any) -> int:
        """How many entries there are (that pass ``filters``, as for :meth:`list`)."""
        where, params = entry_filter(**filters)
        return self.journal.scalar(f"SELECT count(*) FROM entries e {where}", params)

    def position(self, entry_id: int, **filters: Any) -> int | None:
        """Where ``entry_id`` stands in :meth:`list`'s order (0 is the newest), or None when
        it is not among the filtered entries."""
        where, params = entry_filter(**filters)
        found = self.journal.conn.execute(
            "SELECT occurred_at, id FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if found is None:
            return None
        extra = ("AND" if where else "WHERE") + (
            " (e.occurred_at > ? OR (e.occurred_at = ? AND e.id > ?))")
        ahead = self.journal.scalar(f"SELECT count(*) FROM entries e {where} {extra}",
                                    [*params, found[0], found[0], found[1]])
        inside = self.journal.scalar(
            f"SELECT count(*) FROM entries e {where} {'AND' if where else 'WHERE'} e.id = ?",
            [*params, entry_id])
        return ahead if inside else None

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many entries carry it, most used first."""
        return [
            (r["tag"], r["n"])
            for r in self.journal.query(
                "SELECT tag, count(*) AS n FROM entry_tags GROUP BY tag ORDER BY n DESC, tag"
            )
        ]

    def _fetch(self, tail: str, params: Any = ()) -> list[Entry]:
        rows = self.journal.query(
            "SELECT e.*, (SELECT group_concat(tag, ' ') FROM entry_tags t"
            " WHERE t.entry_id = e.id) AS tag_list FROM entries e " + tail,
            params,
        )
        out = []
        for row in rows:
            tags = (row.pop("tag_list") or "").split()
            row.pop("day", None)
            row["starred"] = bool(row["starred"])
            row["tags"] = tags
            row["occurred_at"] = dates.from_stored(row["occurred_at"])
            row["created_at"] = dates.from_stored(row["created_at"])
            row["updated_at"] = dates.from_stored(row["updated_at"])
            out.append(Entry(**row))
        return out
