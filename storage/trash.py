"""The trash: deleting moves a record here, restoring puts it back, 30 days later it goes.

Every kind a person can delete comes here the same way: an entry (with its tags), a thought
record, a loop moment, a version of the cycle map, a ritual (with all its marks) and one
ritual mark. The record leaves its table, and so leaves search, Look back, the counts and
every export; it stays in the journal file (encrypted when the journal is) as one row of
``trash`` holding what it was, and what pointed at it, so that restoring brings back the
links too.

>>> item = journal.trash.delete("entry", 12)              # doctest: +SKIP
>>> journal.trash.restore(item.id)                        # doctest: +SKIP
>>> journal.trash.list()                                  # doctest: +SKIP
[]

Deleting for good (:meth:`Trash.purge`, :meth:`Trash.empty`) cannot be undone; items older
than :data:`KEEP_DAYS` are purged when the journal opens for writing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from datetime import timedelta

from storage import dates
from storage.errors import InvalidInput, NotFound
from storage.kinds import WORDS, by_table, by_word
from storage.text import first_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from storage.journal import Journal

KEEP_DAYS = 30
"""How long something deleted can still be restored."""

KINDS: tuple[str, ...] = WORDS
"""The kinds of record the trash takes, as the command line names them (the registry's)."""

TrashItem = namedtuple("TrashItem", "id kind record_id deleted_at words")
TrashItem.__doc__ = """One deleted record: its place in the trash (``id``), its ``kind`` (the
command line's word for it) and the id it had, when it was deleted, and its first words."""


def label(kind: str) -> str:
    """The kind as a person reads it (``"thought record"``)."""
    return by_word(kind).singular


def _rows(conn: Any, sql: str, params: tuple) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


class Trash:
    """The trash of one journal. Every change is one transaction."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    # -- deleting --------------------------------------------------------------------

    def delete(self, kind: str, record_id: int) -> TrashItem:
        """Move one record (with the rows it owns) to the trash; the links other records had
        to it are kept with it and come back when it is restored."""
        found = by_word(kind)
        with self.journal.transaction() as conn:
            rows = _rows(conn, f"SELECT * FROM {found.table} WHERE id = ?", (record_id,))
            if not rows:
                raise NotFound(f"no {found.singular} with id {record_id}")
            title = conn.execute(
                f"SELECT {found.title} FROM {found.table} t {found.join} WHERE t.id = ?",
                (record_id,)).fetchone()[0]
            held: dict[str, Any] = {"row": rows[0], "sides": {},
                                    "links": self._links(kind, record_id)}
            for side, column in found.owns:
                held["sides"][side] = _rows(
                    conn, f"SELECT * FROM {side} WHERE {column} = ?", (record_id,))
            held["links"].update(self._forget(kind, record_id))
            words = first_line(str(title or ""), 80)
            stamp = self.journal.stamp()
            cur = conn.execute(
                "INSERT INTO trash(kind, record_id, deleted_at, words, data) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, record_id, stamp, words, json.dumps(held, ensure_ascii=False)),
            )
        return TrashItem(cur.lastrowid, kind, record_id, dates.from_stored(stamp), words)

    def _links(self, kind: str, record_id: int) -> dict[str, Any]:
        """What points at the record from elsewhere, to put back on restore."""
        conn = self.journal.conn
        if kind == "thought":
            return {"moments": [r[0] for r in conn.execute(
                "SELECT id FROM loop_events WHERE thought_record_id = ?", (record_id,))]}
        if kind == "moment":
            return {
                "records": [r[0] for r in conn.execute(
                    "SELECT id FROM thought_records WHERE loop_event_id = ?", (record_id,))],
                "evidence": [[r[0], json.loads(r[1])] for r in conn.execute(
                    "SELECT t.id, j.value FROM thought_records t, json_each(t.evidence_links) j "
                    "WHERE json_extract(j.value, '$.kind') = 'loop_event' "
                    "AND json_extract(j.value, '$.id') = ?", (record_id,))],
            }
        return {}

    def _forget(self, kind: str, record_id: int) -> dict[str, Any]:
        """Take the record out of its table the way its own API deletes it; what that
        changed elsewhere, to put back on restore (a ritual mark's idea of the day)."""
        journal = self.journal
        if kind == "entry":
            journal.entries.delete(record_id)
        elif kind == "thought":
            journal.thoughts.delete(record_id)
        elif kind == "moment":
            journal.loop.delete_event(record_id)
        elif kind == "ritual":
            journal.rituals.delete(record_id)
        elif kind == "mark":
            return journal.rituals.forget_mark(record_id)
        else:
            found = by_word(kind)
            for side, column in found.owns:
                journal.conn.execute(f"DELETE FROM {side} WHERE {column} = ?", (record_id,))
            journal.conn.execute(f"DELETE FROM {found.table} WHERE id = ?", (record_id,))
        return {}

    # -- reading ---------------------------------------------------------------------

    def list(self, limit: int | None = None) -> list[TrashItem]:
        """What is in the trash, newest deletion first."""
        sql = "SELECT id, kind, record_id, deleted_at, words FROM trash ORDER BY id DESC"
        params: tuple = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [TrashItem(i, k, r, dates.from_stored(d), w)
                for i, k, r, d, w in self.journal.conn.execute(sql, params)]

    def count(self) -> int:
        return self.journal.scalar("SELECT count(*) FROM trash")

    def oldest(self) -> TrashItem | None:
        found = self.journal.conn.execute(
            "SELECT id, kind, record_id, deleted_at, words FROM trash ORDER BY id LIMIT 1"
        ).fetchone()
        if found is None:
            return None
        i, k, r, d, w = found
        return TrashItem(i, k, r, dates.from_stored(d), w)

    def find(self, kind: str, record_id: int) -> TrashItem:
        """The newest trash item holding the ``kind`` record that had ``record_id``."""
        by_word(kind)
        found = self.journal.conn.execute(
            "SELECT id, kind, record_id, deleted_at, words FROM trash WHERE kind = ? AND "
            "record_id = ? ORDER BY id DESC LIMIT 1", (kind, record_id)).fetchone()
        if found is None:
            raise NotFound(f"no {label(kind)} with id {record_id} in the trash")
        i, k, r, d, w = found
        return TrashItem(i, k, r, dates.from_stored(d), w)

    # -- restoring -------------------------------------------------------------------

    def restore(self, item_id: int) -> int:
        """Put a deleted record back as it was, with its side rows and the links that
        pointed at it (where those records are still there). Returns its id: the one it
        had, unless a new record took that id meanwhile."""
        with self.journal.transaction() as conn:
            found = conn.execute(
                "SELECT kind, data FROM trash WHERE id = ?", (item_id,)).fetchone()
            if found is None:
                raise NotFound(f"nothing in the trash with number {item_id}")
            kind, data = found[0], json.loads(found[1])
            record = by_word(kind)
            table, sides = record.table, record.owns
            row = dict(data["row"])
            if record.parent is not None:
                self._check_parent_there(record, row)
            old_id = row["id"]
            if conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (old_id,)).fetchone():
                row.pop("id")
            new_id = self._insert(table, row)
            for side, column in sides:
                for side_row in data["sides"].get(side, []):
                    side_row = {**side_row, column: new_id}
                    if "id" in side_row and conn.execute(
                            f"SELECT 1 FROM {side} WHERE id = ?", (side_row["id"],)).fetchone():
                        side_row.pop("id")
                    self._insert(side, side_row)
            self._relink(kind, new_id, old_id, data.get("links") or {})
            conn.execute("DELETE FROM trash WHERE id = ?", (item_id,))
        return new_id

    def _check_parent_there(self, record: Any, row: dict[str, Any]) -> None:
        table, column = record.parent
        if not self.journal.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (row[column],)):
            parent = by_table(table).singular
            raise InvalidInput(
                f"this {record.singular}'s {parent} is not in the journal (it may be in the "
                f"trash): restore the {parent} first; nothing was changed")
        # The day may have a new mark since: the deleted one does not overwrite it.

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        try:
            cur = self.journal.conn.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
        except sqlite3.IntegrityError as exc:  # a day's mark is unique, say
            if "UNIQUE" in str(exc):
                raise InvalidInput(
                    "that day has a new mark since this one was deleted; clear it first to "
                    "restore this one. Nothing was changed") from None
            raise
        return row.get("id") or cur.lastrowid

    def _relink(self, kind: str, new_id: int, old_id: int, links: dict[str, Any]) -> None:
        conn = self.journal.conn
        if kind == "mark":
            self.journal.rituals.remember_mark(links)
        elif kind == "thought":
            for moment in links.get("moments", []):
                conn.execute("UPDATE loop_events SET thought_record_id = ? WHERE id = ? AND "
                             "thought_record_id IS NULL", (new_id, moment))
        elif kind == "moment":
            for record in links.get("records", []):
                conn.execute("UPDATE thought_records SET loop_event_id = ? WHERE id = ? AND "
                             "loop_event_id IS NULL", (new_id, record))
            for record, link in links.get("evidence", []):
                link = {**link, "id": new_id}
                conn.execute(
                    "UPDATE thought_records SET evidence_links = json_insert(evidence_links, "
                    "'$[#]', json(?)) WHERE id = ?", (json.dumps(link), record))

    # -- for good --------------------------------------------------------------------

    def purge(self, item_id: int) -> None:
        """Delete one trash item for good."""
        with self.journal.transaction() as conn:
            cur = conn.execute("DELETE FROM trash WHERE id = ?", (item_id,))
            if cur.rowcount == 0:
                raise NotFound(f"nothing in the trash with number {item_id}")

    def empty(self) -> int:
        """Delete everything in the trash for good; how many went."""
        with self.journal.transaction() as conn:
            return conn.execute("DELETE FROM trash").rowcount

    def purge_old(self, *, days: int = KEEP_DAYS) -> int:
        """Delete for good what was deleted more than ``days`` ago; how many went. Reads
        first, so a journal with nothing old in its trash is not written to."""
        cutoff = self.journal.stamp(dates.now() - timedelta(days=days))
        if not self.journal.scalar("SELECT 1 FROM trash WHERE deleted_at < ? LIMIT 1",
                                   (cutoff,)):
            return 0
        with self.journal.transaction() as conn:
            return conn.execute("DELETE FROM trash WHERE deleted_at < ?", (cutoff,)).rowcount
