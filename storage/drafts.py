"""Drafts: unfinished work kept under a key while it is typed, and the rule for two windows.

Every editor of the app keeps what is on screen here (``"entry:new"``, ``"entry:12"``,
``"loop_event:new"``, ``"ritual_mark:3:2026-11-30"``, ...) until it is saved as a record.

Two closer windows can have the same draft open. Each window remembers the *token* of what it
last loaded or wrote (the stored text itself), and a save is made only over that: when another
window wrote the draft in between, nothing of theirs is overwritten. Both are kept: this
window's words go to a copy of the key (``"entry:new~1"``), and the window carries on there.
Opening the key later brings back the draft itself, else the oldest copy, so no copy is ever
out of reach.

>>> drafts = journal.drafts                                  # doctest: +SKIP
>>> mine = drafts.save("entry:new", {"body": "half a"}, base=None)          # doctest: +SKIP
>>> mine.key, mine.forked                                    # doctest: +SKIP
('entry:new', False)
>>> theirs = drafts.save("entry:new", {"body": "other"}, base=None)         # doctest: +SKIP
>>> theirs.key, theirs.forked                                # doctest: +SKIP
('entry:new~1', True)
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from storage.journal import Journal

COPY = "~"
"""What joins a key and the number of one of its copies (``entry:new~2``)."""

_COPIES_OF = "SELECT key, data FROM drafts WHERE substr(key, 1, ?) = ? ORDER BY updated_at, key"


def _encode(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def base_key(key: str) -> str:
    """The key a copy belongs to (``entry:new~2`` -> ``entry:new``); a key is its own."""
    return key.split(COPY, 1)[0]


class Draft(NamedTuple):
    """One stored draft: where it is (``key``), what it holds (``data``), the ``token`` a
    later save compares with, and whether this save went to a new copy (``forked``)."""

    key: str
    data: dict
    token: str
    forked: bool = False


class Drafts:
    """The drafts of one journal. Every write is one durable transaction."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    # -- reading ---------------------------------------------------------------------

    def _family(self, key: str) -> list[tuple[str, str]]:
        """The draft under ``key`` and its copies, the draft itself first."""
        key = base_key(key)
        prefix = key + COPY
        rows = self.journal.conn.execute(_COPIES_OF, (len(prefix), prefix)).fetchall()
        own = self.journal.conn.execute(
            "SELECT key, data FROM drafts WHERE key = ?", (key,)).fetchall()
        return [*own, *rows]

    def load(self, key: str) -> Draft | None:
        """The draft under ``key``, else the oldest copy of it another window left (its
        ``key`` says which), else None."""
        family = self._family(key)
        if not family:
            return None
        found, text = family[0]
        return Draft(found, json.loads(text), text)

    def get(self, key: str) -> dict | None:
        """What is stored under exactly ``key`` (no copies), or None."""
        text = self.journal.scalar("SELECT data FROM drafts WHERE key = ?", (key,))
        return None if text is None else json.loads(text)

    def waiting(self, key: str) -> int:
        """How many other versions of ``key`` (the draft and its copies) wait besides the
        one at ``key`` itself."""
        return sum(1 for found, _ in self._family(key) if found != key)

    # -- writing ---------------------------------------------------------------------

    def put(self, key: str, data: dict) -> Draft:
        """Write ``data`` under ``key`` whatever is there (one window's own key)."""
        text = _encode(data)
        with self.journal.transaction() as conn:
            self._write(conn, key, text)
        return Draft(key, data, text)

    def save(self, key: str, data: dict, *, base: str | None) -> Draft:
        """Write ``data`` under ``key`` unless another window changed it since ``base`` (the
        token this window last loaded or wrote; None when it found nothing there).

        When it did, what the other window wrote stays as it is and ``data`` goes to a new
        copy of the key: the result's ``key`` is where this window carries on, and its
        ``forked`` is True. A draft that is gone (the other window saved its record) is
        simply written again: nothing of anyone's is lost by that.
        """
        text = _encode(data)
        with self.journal.transaction() as conn:
            row = conn.execute("SELECT data FROM drafts WHERE key = ?", (key,)).fetchone()
            if row is None or row[0] == base or row[0] == text:
                self._write(conn, key, text)
                return Draft(key, data, text)
            copy = self._free_copy(conn, key)
            self._write(conn, copy, text)
            return Draft(copy, data, text, forked=True)

    def drop(self, key: str, *, base: str | None = None) -> bool:
        """Remove the draft at ``key`` (its record was saved, or it holds nothing new).
        With ``base``, only when nobody wrote it since: another window's words stay.
        True when it was removed."""
        with self.journal.transaction() as conn:
            if base is None:
                cur = conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
            else:
                cur = conn.execute("DELETE FROM drafts WHERE key = ? AND data = ?", (key, base))
        return cur.rowcount > 0

    def _write(self, conn: Any, key: str, text: str) -> None:
        conn.execute(
            "INSERT INTO drafts(key, updated_at, data) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at, "
            "data = excluded.data",
            (key, self.journal.stamp(), text),
        )

    def _free_copy(self, conn: Any, key: str) -> str:
        root = base_key(key)
        prefix = root + COPY
        taken = {
            found for found, _ in conn.execute(_COPIES_OF, (len(prefix), prefix)).fetchall()
        }
        number = 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"
