"""Thought records: write down the story you tell yourself, and test it against what happened.

>>> record = journal.thoughts.create_draft(story="They've stopped caring about us.",
...                                        story_belief_before=80)        # doctest: +SKIP
>>> journal.thoughts.update(record.id, evidence_against="They asked about my day.")  # doctest: +SKIP
>>> journal.thoughts.complete(record.id)                                   # doctest: +SKIP

A record is a draft until it is completed; a draft is an ordinary stored row, so whatever was
typed is kept even if closer stops without warning. Completing needs a story and at least one
piece of evidence, for the story or against it (:func:`check_complete`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from storage import dates, rows
from storage.kinds import by_key
from storage.errors import Conflict, InvalidInput, NotFound
from storage.text import first_line

if TYPE_CHECKING:
    from storage.journal import Journal
    from storage.models import ThoughtRecord, ThoughtRecordIn

TABLE = "thought_records"

EDITABLE = (
    "occurred_at",
    "situation",
    "feelings_before",
    "story",
    "story_belief_before",
    "traps",
    "evidence_for",
    "evidence_against",
    "evidence_links",
    "alternative_story",
    "alternative_belief",
    "story_belief_after",
    "feelings_after",
    "next_step",
    "reasons",
    "status",
    "loop_event_id",
)
"""The fields a person (or an import) may set; the order a person fills them in."""

EVIDENCE_WINDOW_DAYS = 14
"""Entries and loop moments this many days either side of a record are offered as evidence."""

EVIDENCE_LIMIT = 200


class Incomplete(InvalidInput):
    """A record cannot be completed yet. ``field`` names what is missing (a field of
    :class:`storage.models.ThoughtRecordIn`, or ``"evidence"`` for either side)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def check_complete(record: Any) -> None:
    """Raise :class:`Incomplete` naming the first missing field of a record (a model, or
    anything with the same attributes), or return when it can be completed."""
    if not (record.story or "").strip():
        raise Incomplete("story", "To finish the record, write down the story you're telling "
                                  "yourself.")
    has_evidence = (
        (record.evidence_for or "").strip()
        or (record.evidence_against or "").strip()
        or list(record.evidence_links or [])
    )
    if not has_evidence:
        raise Incomplete("evidence", "To finish the record, note at least one piece of "
                                     "evidence, for the story or against it.")


# ------------------------------------------------------------------ what the pane shows


FEELING_NAME_MAX = 200
"""The longest name a feeling may have (:class:`storage.models.Feeling`)."""

_FEELING = re.compile(r"^(?P<name>.*?)[\s,:=]*(?P<number>\d+)?\s*$", re.DOTALL)


def read_feeling(text: str) -> tuple[str, int | None]:
    """A feeling as a person types it: ``"hurt 70"`` -> ``("hurt", 70)``; ``"hurt"`` ->
    ``("hurt", None)``: no number is assumed, the person gives it (:func:`strength_wanted`
    asks). InvalidInput with a sentence to show when the text is not a feeling.

    >>> read_feeling("  left out, 40 "), read_feeling("jealous")
    (('left out', 40), ('jealous', None))
    """
    match = _FEELING.match(text.strip())
    name = " ".join((match.group("name") if match else text).split())
    number = match.group("number") if match else None
    if not name:
        raise InvalidInput("Name the feeling first, then how strong it is: hurt 70.")
    if len(name) > FEELING_NAME_MAX:
        raise InvalidInput(
            f"A feeling is a word or a few (at most {FEELING_NAME_MAX} characters).")
    if number is None:
        return name, None
    if int(number) > 100:
        raise InvalidInput(f"How strong is {name}? Give a number from 0 to 100.")
    return name, int(number)


def strength_wanted(name: str) -> str:
    """What to ask when a feeling came without its strength (nothing is guessed)."""
    return (f"How strong is {name}, from 0 to 100? Add the number and press Enter, "
            f"like this: {name} 70.")


class FeelingChange(NamedTuple):
    name: str
    before: int | None
    after: int | None

    @property
    def shift(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


class Change(NamedTuple):
    """A record's change at a glance: the story's belief and each feeling, before -> after."""

    belief_before: int | None
    belief_after: int | None
    alternative_belief: int | None
    feelings: list[FeelingChange]

    @property
    def belief_shift(self) -> int | None:
        if self.belief_before is None or self.belief_after is None:
            return None
        return self.belief_after - self.belief_before


def change_of(record: Any) -> Change:
    """How belief and feelings moved in one record. Feelings are matched by name (case
    does not matter), in the order first named; a feeling named only afterwards comes last."""
    feelings: dict[str, list] = {}
    for item in record.feelings_before:
        feelings.setdefault(item.name.strip().lower(), [item.name, item.intensity, None])
    for item in record.feelings_after:
        key = item.name.strip().lower()
        if key in feelings:
            feelings[key][2] = item.intensity
        else:
            feelings[key] = [item.name, None, item.intensity]
    return Change(
        belief_before=record.story_belief_before,
        belief_after=record.story_belief_after,
        alternative_belief=record.alternative_belief,
        feelings=[FeelingChange(*values) for values in feelings.values()],
    )


def shift_words(before: int | None, after: int | None) -> str:
    """``"80 → 30"``, ``"80 → ?"`` or ``""``: a rating before and after, in a few characters."""
    if before is None and after is None:
        return ""
    def show(value: int | None) -> str:
        return "?" if value is None else str(value)

    return f"{show(before)} → {show(after)}"


class ThoughtSummary(NamedTuple):
    """One line of the list of records: cheap to read and to keep for years of them (no
    validation; of the texts only ``title``, the story's first line, or the situation's
    when there is no story yet, at most 200 characters)."""

    id: int
    occurred_at: datetime
    status: str
    title: str
    belief_before: int | None
    belief_after: int | None

    @property
    def shift(self) -> int | None:
        if self.belief_before is None or self.belief_after is None:
            return None
        return self.belief_after - self.belief_before


class FeelingView(NamedTuple):
    name: str
    intensity: int


class ThoughtView(NamedTuple):
    """A stored record read back without validation (quick to read and to import: what the
    list of records shows). :meth:`Thoughts.get` gives the full model."""

    id: int
    occurred_at: datetime
    updated_at: datetime
    status: str
    situation: str
    feelings_before: list[FeelingView]
    story: str
    story_belief_before: int | None
    traps: list[str]
    evidence_for: str
    evidence_against: str
    alternative_story: str
    alternative_belief: int | None
    story_belief_after: int | None
    feelings_after: list[FeelingView]
    next_step: str
    reasons: list[str] = []
    """The likely reasons for the distance marked on it (keys of content's ``reasons``)."""


class EvidenceItem(NamedTuple):
    """Something a record's evidence can point at: a journal entry or a loop moment."""

    kind: str  # "entry" or "loop_event"
    id: int
    occurred_at: datetime | None
    text: str
    found: bool = True

    @property
    def kind_name(self) -> str:
        """``"Entry"``, ``"Loop moment"`` (the kind's name in :mod:`storage.kinds`)."""
        from storage.kinds import by_key

        return by_key(self.kind).name


class LinkedEvidence(NamedTuple):
    side: str  # "for" or "against"
    item: EvidenceItem


def _loop_text(event: Any) -> str:
    for column in ("my_move", "trigger", "their_move", "note"):
        text = first_line(getattr(event, column) or "", 200)
        if text:
            return text
    return "(a loop moment)"


def _entry_text(entry: Any) -> str:
    return first_line(entry.title, 200) or first_line(entry.body, 200) or "(an entry)"


# ------------------------------------------------------------------ the API


class Thoughts:
    def __init__(self, journal: Journal):
        self.journal = journal

    # -------------------------------------------------------------- writing

    def create_draft(self, **fields: Any) -> ThoughtRecord:
        """Start a record as a draft. ``occurred_at`` defaults to now; any other field of
        :class:`storage.models.ThoughtRecordIn` may be given."""
        from storage.models import ThoughtRecordIn

        self._known(fields)
        if fields.get("status", "draft") != "draft":
            raise InvalidInput("a new record starts as a draft; complete it when it's ready")
        data = {"occurred_at": dates.now(), **fields, "status": "draft"}
        record = rows.validate(ThoughtRecordIn, data)
        with self.journal.transaction():
            self._check_links(record)
            record_id = rows.insert(self.journal, TABLE, record)
        return self.get(record_id)

    def update(
        self, record_id: int, *, base: ThoughtRecord | None = None, **fields: Any
    ) -> ThoughtRecord:
        """Change some fields of a record. A complete record stays complete only while it
        still has what completing needs (else :class:`Incomplete`, nothing changed); pass
        ``status="draft"`` to make it a draft again.

        ``base`` is the record as the caller last saw it: when another window changed it
        since, nothing is written and :class:`storage.errors.Conflict` is raised."""
        from storage.models import ThoughtRecordIn

        self._known(fields)
        with self.journal.transaction():
            current = self.get(record_id)
            if base is not None and rows.changed_since(base, current, EDITABLE):
                raise Conflict(
                    "this thought record was changed in another closer window since this "
                    "one opened it; nothing was overwritten"
                )
            data = {name: getattr(current, name) for name in ThoughtRecordIn.model_fields}
            data.update(fields)
            record = rows.validate(ThoughtRecordIn, data)
            if record.status == "complete":
                check_complete(record)
            self._check_links(record)
            rows.update(self.journal, TABLE, record_id, record)
        return self.get(record_id)

    def keep(
        self, record_id: int, *, base: ThoughtRecord, **fields: Any
    ) -> tuple[ThoughtRecord, bool]:
        """Save a window's form over ``record_id`` unless another window changed the record
        since ``base``: then both are kept, the other window's as it is and this one's as a
        new draft. Returns the record now holding these fields, and whether it is the copy."""
        try:
            return self.update(record_id, base=base, **fields), False
        except Conflict:
            fields = {**fields, "status": "draft"}
            return self.create_draft(**fields), True

    def complete(self, record_id: int) -> ThoughtRecord:
        """Mark a record complete. Raises :class:`Incomplete` (an InvalidInput) naming the
        missing field when it has no story, or no evidence on either side."""
        current = self.get(record_id)
        check_complete(current)
        if current.status == "complete":
            return current
        return self.update(record_id, status="complete")

    def delete(self, record_id: int) -> None:
        """Remove a record; a loop moment that pointed at it no longer does."""
        with self.journal.transaction() as conn:
            conn.execute(
                "UPDATE loop_events SET thought_record_id = NULL WHERE thought_record_id = ?",
                (record_id,),
            )
            cur = conn.execute(f"DELETE FROM {TABLE} WHERE id = ?", (record_id,))
            if cur.rowcount == 0:
                raise NotFound(f"no thought record with id {record_id}")

    def _known(self, fields: dict[str, Any]) -> None:
        unknown = sorted(set(fields) - set(EDITABLE))
        if unknown:
            raise InvalidInput(f"thought records have no field {unknown[0]!r}")

    def _check_links(self, record: ThoughtRecordIn) -> None:
        for link in record.evidence_links:
            if not self._exists(link.kind, link.id):
                what = by_key(link.kind).singular
                raise InvalidInput(f"the evidence points at no {what} with id {link.id}")
        if record.loop_event_id is not None and not self._exists("loop_event",
                                                                 record.loop_event_id):
            raise InvalidInput(f"no loop moment with id {record.loop_event_id}")

    def _exists(self, kind: str, row_id: int) -> bool:
        table = by_key(kind).table
        return self.journal.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)) is not None

    # -------------------------------------------------------------- reading

    def get(self, record_id: int) -> ThoughtRecord:
        from storage.models import ThoughtRecord

        found = rows.fetch(self.journal, TABLE, ThoughtRecord, "WHERE id = ?", (record_id,))
        if not found:
            raise NotFound(f"no thought record with id {record_id}")
        return found[0]

    def view(self, record_id: int) -> ThoughtView:
        """One record as a :class:`ThoughtView` (no validation, no pydantic)."""
        import json

        found = self.journal.query(f"SELECT * FROM {TABLE} WHERE id = ?", (record_id,))
        if not found:
            raise NotFound(f"no thought record with id {record_id}")
        row = found[0]

        def feelings(text: str | None) -> list[FeelingView]:
            return [FeelingView(f["name"], f["intensity"]) for f in json.loads(text or "[]")]

        return ThoughtView(
            id=row["id"], occurred_at=dates.from_stored(row["occurred_at"]),
            updated_at=dates.from_stored(row["updated_at"]), status=row["status"],
            situation=row["situation"] or "", feelings_before=feelings(row["feelings_before"]),
            story=row["story"] or "", story_belief_before=row["story_belief_before"],
            traps=json.loads(row["traps"] or "[]"), evidence_for=row["evidence_for"] or "",
            evidence_against=row["evidence_against"] or "",
            alternative_story=row["alternative_story"] or "",
            alternative_belief=row["alternative_belief"],
            story_belief_after=row["story_belief_after"],
            feelings_after=feelings(row["feelings_after"]), next_step=row["next_step"] or "",
            reasons=json.loads(row["reasons"] or "[]"),
        )

    def list(
        self,
        status: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[ThoughtRecord]:
        """Records in time order (``limit`` keeps the newest); ``start``/``end`` are
        inclusive moments; ``status`` is "draft" or "complete"."""
        from storage.models import ThoughtRecord

        tail, params = self._where(status, start, end, limit)
        found = rows.fetch(self.journal, TABLE, ThoughtRecord, tail, params)
        return found if newest_first else found[::-1]

    def summaries(
        self, status: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[ThoughtSummary]:
        """The list of records, newest first, read cheaply (see :class:`ThoughtSummary`);
        ``limit`` of them from the ``offset``-th on, for a list that reads as it scrolls."""
        if offset < 0:
            raise InvalidInput("the first record to read is number 0 or more")
        tail, params = self._where(status, None, None, limit)
        if offset:
            tail += " LIMIT ? OFFSET ?" if limit is None else " OFFSET ?"
            params += [-1, offset] if limit is None else [offset]
        cur = self.journal.conn.execute(
            "SELECT id, occurred_at, status, substr(story, 1, 200), substr(situation, 1, 200),"
            f" story_belief_before, story_belief_after FROM {TABLE} {tail}",
            params,
        )
        return [
            ThoughtSummary(r[0], dates.from_stored(r[1]), sys.intern(r[2]),
                           first_line(r[3] or "", 200) or first_line(r[4] or "", 200), r[5],
                           r[6])
            for r in cur.fetchall()
        ]

    def position(self, record_id: int) -> int | None:
        """Where the record stands in :meth:`summaries` (0 for the newest); None when there
        is no such record."""
        found = self.journal.conn.execute(
            f"SELECT occurred_at FROM {TABLE} WHERE id = ?", (record_id,)
        ).fetchone()
        if found is None:
            return None
        return self.journal.scalar(
            f"SELECT count(*) FROM {TABLE} WHERE occurred_at > ?"
            " OR (occurred_at = ? AND id > ?)",
            (found[0], found[0], record_id),
        )

    def _where(self, status, start, end, limit) -> tuple[str, list]:
        where, params = [], []
        if status is not None:
            if status not in ("draft", "complete"):
                raise InvalidInput(f"a record is a draft or complete, not {status!r}")
            where.append("status = ?")
            params.append(status)
        if start is not None:
            where.append("occurred_at >= ?")
            params.append(dates.to_stored(start))
        if end is not None:
            where.append("occurred_at <= ?")
            params.append(dates.to_stored(end))
        tail = ("WHERE " + " AND ".join(where)) if where else ""
        tail += " ORDER BY occurred_at DESC, id DESC"
        if limit is not None:
            if limit < 0:
                raise InvalidInput("the number of records must be 0 or more")
            tail += " LIMIT ?"
            params.append(limit)
        return tail, params

    def count(self, status: str | None = None) -> int:
        if status is None:
            return self.journal.scalar(f"SELECT count(*) FROM {TABLE}")
        return self.journal.scalar(f"SELECT count(*) FROM {TABLE} WHERE status = ?", (status,))

    def latest_draft(self) -> ThoughtRecord | None:
        """The draft touched most recently, to resume; None when there is none."""
        from storage.models import ThoughtRecord

        found = rows.fetch(self.journal, TABLE, ThoughtRecord,
                           "WHERE status = 'draft' ORDER BY updated_at DESC, id DESC LIMIT 1")
        return found[0] if found else None

    # -------------------------------------------------------------- evidence

    def evidence_near(
        self, moment: datetime, days: int = EVIDENCE_WINDOW_DAYS, limit: int = EVIDENCE_LIMIT
    ) -> list[EvidenceItem]:
        """Entries and loop moments within ``days`` of ``moment`` (local days), nearest
        first: what a record's evidence is most likely to point at."""
        day = dates.local_day(moment)
        first, last = day - timedelta(days=days), day + timedelta(days=days)
        items: list[EvidenceItem] = []
        for entry in self.journal.entries.list(first_day=first, last_day=last, limit=limit):
            items.append(EvidenceItem("entry", entry.id, entry.occurred_at, _entry_text(entry)))
        for event in self.journal.loop.list_events(start=first, end=last, limit=limit):
            items.append(EvidenceItem("loop_event", event.id, event.occurred_at,
                                      _loop_text(event)))
        items.sort(key=lambda it: abs((it.occurred_at - moment).total_seconds()))
        return items[:limit]

    def find_evidence(self, text: str, limit: int = 50) -> list[EvidenceItem]:
        """Entries and loop moments whose words match ``text`` (full-text), newest first."""
        hits = self.journal.search(text, limit=limit, kinds=("entry", "loop_event"))
        return [EvidenceItem(h.kind, h.id, h.occurred_at, first_line(h.title, 200) or "…")
                for h in hits]

    def describe(self, kind: str, row_id: int) -> EvidenceItem:
        """What one link points at; ``found`` is False when it is no longer there."""
        if kind == "entry":
            try:
                entry = self.journal.entries.get(row_id)
            except NotFound:
                return EvidenceItem(kind, row_id, None, "(this entry is no longer in the "
                                                        "journal)", False)
            return EvidenceItem(kind, row_id, entry.occurred_at, _entry_text(entry))
        try:
            event = self.journal.loop.get_event(row_id)
        except NotFound:
            return EvidenceItem(kind, row_id, None, "(this loop moment is no longer in the "
                                                    "journal)", False)
        return EvidenceItem(kind, row_id, event.occurred_at, _loop_text(event))

    def linked(self, links: Iterable[Any]) -> list[LinkedEvidence]:
        """Each evidence link (``EvidenceLink`` or a dict) with what it points at."""
        out = []
        for link in links:
            if isinstance(link, dict):
                kind, row_id, side = link["kind"], link["id"], link["side"]
            else:
                kind, row_id, side = link.kind, link.id, link.side
            out.append(LinkedEvidence(side, self.describe(kind, row_id)))
        return out

