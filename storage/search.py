"""Full-text search over every kind of record (SQLite FTS5), newest first.

>>> journal.search("walk", limit=5)        # doctest: +SKIP
[SearchHit(kind='entry', id=12, ...)]

Each word typed matches as a prefix (``walk`` finds *walked*); all words must match. A
search holds at most :data:`MAX_QUERY_WORDS` words and :data:`MAX_QUERY_CHARS` characters.
Snippets mark the match between :data:`MARK_START` and :data:`MARK_END`, which front-ends
turn into highlighting (the characters can never occur in stored text).
"""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple

from storage import kinds as _kinds
from storage.errors import InvalidInput

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time (quick commands start faster)
    from typing import Iterable

    from storage.journal import Journal

MARK_START = "\x02"
MARK_END = "\x03"
KINDS = _kinds.SEARCHABLE
"""The kinds search finds: every kind of :mod:`storage.kinds` with full-text columns."""

_WORD = re.compile(r"\w+", re.UNICODE)

MAX_QUERY_CHARS = 1_000
"""The longest search, in characters: a paragraph. Checked first, so a pasted book is
refused at once (finding its words alone would take a while)."""
MAX_QUERY_WORDS = 32
"""The most different words one search may hold. What a search costs grows with its words
(each is a prefix the index looks up; about 15 ms for a common one on a ten-year journal),
and every word must match, so more words only find less. A person looking for something
types a few; 32 is twice a long sentence."""


class QueryTooLong(InvalidInput):
    """A search longer than :data:`MAX_QUERY_CHARS` or :data:`MAX_QUERY_WORDS`."""


class SearchHit(namedtuple("SearchHit", "kind id occurred_at title snippet")):
    """One match: ``kind`` (one of :data:`KINDS`), the record's ``id``, when it happened
    (``occurred_at``, an aware datetime), its ``title`` and a ``snippet`` with the match
    marked. A plain named tuple, so ``closer search`` never imports dataclasses or typing."""

    __slots__ = ()

    def plain_snippet(self, start: str = "", end: str = "") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 query: each word quoted, as a prefix, once
    (a word typed twice asks nothing more). Raises InvalidInput for a search with no word,
    or longer than :data:`MAX_QUERY_CHARS` characters or :data:`MAX_QUERY_WORDS` words."""
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLong(
            f"the search is too long ({len(text):,} characters; the most is "
            f"{MAX_QUERY_CHARS:,}): a few words of what you look for find it"
        )
    words: dict[str, str] = {}
    for word in _WORD.findall(text):
        words.setdefault(word.lower(), word)
    if not words:
        raise InvalidInput("search needs at least one word")
    if len(words) > MAX_QUERY_WORDS:
        raise QueryTooLong(
            f"the search is too long ({len(words)} words; the most is {MAX_QUERY_WORDS}): "
            "a few words of what you look for find it"
        )
    return " ".join(f'"{w}"*' for w in words.values())


class Search:
    def __init__(self, journal: Journal):
        self.journal = journal

    def __call__(
        self, text: str, *, limit: int = 20, kinds: Iterable[str] | None = None
    ) -> list[SearchHit]:
        query = fts_query(text)
        if limit < 0:
            raise InvalidInput("the number of results must be 0 or more")
        kinds = list(kinds) if kinds is not None else list(KINDS)
        for kind in kinds:
            if kind not in KINDS:
                raise InvalidInput(f"unknown record kind {kind!r}")
        hits: list[SearchHit] = []
        for kind in kinds:
            source = _kinds.by_key(kind)
            table, title, moment, join = source.table, source.title, source.moment, source.join
            # Pick the newest matches first, then make snippets for those alone: a common
            # word can match every row, and a snippet costs far more than a date lookup.
            sql = (
                f"SELECT t.id, {moment} AS moment, {title} AS title, "
                f"snippet({table}_fts, -1, ?, ?, '…', 12) AS snip "
                f"FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid {join} "
                f"WHERE {table}_fts MATCH ? AND {table}_fts.rowid IN ("
                f"SELECT t.rowid FROM {table}_fts JOIN {table} t "
                f"ON t.rowid = {table}_fts.rowid {join} "
                f"WHERE {table}_fts MATCH ? ORDER BY {moment} DESC LIMIT ?"
                f") ORDER BY moment DESC"
            )
            try:
                rows = self.journal.conn.execute(
                    sql, (MARK_START, MARK_END, query, query, limit)
                ).fetchall()
            except sqlite3.OperationalError as exc:
                raise InvalidInput(f"cannot search for {text!r}: {exc}") from None
            for row_id, moment, row_title, snip in rows:
                hits.append(
                    SearchHit(
                        kind=kind,
                        id=row_id,
                        occurred_at=_kinds.read_moment(moment),
                        title=" ".join((row_title or "").split()),
                        snippet=" ".join((snip or "").split()),
                    )
                )
        hits.sort(key=lambda h: h.occurred_at, reverse=True)
        return hits[:limit]
