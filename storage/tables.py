"""CSV out: one file per table, for a spreadsheet, a script or ``sqlite-utils insert --csv``.

>>> files = export_csv(journal)                  # doctest: +SKIP
>>> sorted(files)                                # doctest: +SKIP
['entries.csv', 'loop_moments.csv', 'ritual_marks.csv', 'thought_records.csv', 'weeks.csv']

``closer export --format csv -o DIR`` writes these files into the folder DIR. Each is UTF-8
(no byte order mark), comma-separated, quoted where needed, with one header row; the
columns are in :data:`TABLES` (and in the README). What every cell holds:

- moments (``occurred_at``, ``created_at``, ``updated_at``) are ISO 8601 on this computer's
  clock, with the offset (``2025-03-14T21:05:00+01:00``); ``day`` and ``on_date`` are the
  local calendar date a record belongs to (what Look back groups by);
- yes/no columns (``starred``) are ``1`` or ``0``; a number not given is an empty cell;
- lists of keys (``tags``, ``exits``, ``traps``) are separated by spaces (keys have none);
  feelings are ``name intensity`` pairs separated by ``"; "``;
- text is exactly as written, line breaks included (inside a quoted cell).

``weeks.csv`` is every week from the first record's to this one, oldest first, with the
figures ``closer weeks --json`` gives (:meth:`storage.review.WeekFigures.to_json`).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, Callable, Iterable

from storage import dates, rows

if TYPE_CHECKING:
    from storage.journal import Journal


def _moment(value: Any) -> str:
    return dates.local(value).isoformat(timespec="seconds") if value is not None else ""


def _number(value: Any) -> Any:
    return "" if value is None else value


def _keys(values: Iterable[str]) -> str:
    return " ".join(values)


def _feelings(items: Iterable[Any]) -> str:
    return "; ".join(f"{f.name} {f.intensity}" for f in items)


def _entries(journal: Journal) -> Iterable[list[Any]]:
    for e in journal.entries.list(newest_first=False):
        yield [e.id, _moment(e.occurred_at), dates.local_day(e.occurred_at).isoformat(),
               e.title, e.body, _number(e.mood), int(e.starred), _keys(e.all_tags()),
               _moment(e.created_at), _moment(e.updated_at)]


def _loop_moments(journal: Journal) -> Iterable[list[Any]]:
    from storage.models import StoredLoopEvent

    for ev in rows.fetch(journal, "loop_events", StoredLoopEvent, "ORDER BY occurred_at, id"):
        yield [ev.id, _moment(ev.occurred_at), dates.local_day(ev.occurred_at).isoformat(),
               ev.first_mover, ev.trigger, ev.my_move, ev.their_move, _keys(ev.exits),
               ev.intensity, ev.ending, ev.note, _number(ev.thought_record_id)]


def _thought_records(journal: Journal) -> Iterable[list[Any]]:
    from storage.models import ThoughtRecord

    for r in rows.fetch(journal, "thought_records", ThoughtRecord, "ORDER BY occurred_at, id"):
        yield [r.id, _moment(r.occurred_at), dates.local_day(r.occurred_at).isoformat(),
               r.status, r.situation, _feelings(r.feelings_before), r.story,
               _number(r.story_belief_before), _keys(r.traps), r.evidence_for,
               r.evidence_against, r.alternative_story, _number(r.alternative_belief),
               _number(r.story_belief_after), _feelings(r.feelings_after), r.next_step,
               _number(r.loop_event_id)]


def _ritual_marks(journal: Journal) -> Iterable[list[Any]]:
    from storage.models import StoredRitual, StoredRitualLog

    names = {r.id: r.name for r in rows.fetch(journal, "rituals", StoredRitual)}
    for log in rows.fetch(journal, "ritual_log", StoredRitualLog, "ORDER BY on_date, id"):
        yield [log.id, log.on_date.isoformat(), log.ritual_id, names.get(log.ritual_id, ""),
               log.status, log.note, log.positive, log.negative, log.reason or ""]


WEEK_COLUMNS = (
    "week", "start", "end", "entries", "starred", "mood", "mood_trend", "thought_records",
    "thought_records_complete", "belief_drop", "loop_moments", "loop_intensity", "repairs",
    "rituals_kept", "rituals_due", "ritual_notes", "love_list_days", "kindnesses", "slights",
    "reasons",
)
"""The columns of ``weeks.csv``: the keys of :meth:`storage.review.WeekFigures.to_json`, in
its order (a test checks they are the same)."""


def week_cell(column: str, value: Any) -> Any:
    """One cell of ``weeks.csv``: the week's reasons as ``work_pressure 2; routine 1``."""
    if column == "reasons":
        return "; ".join(f"{r['reason']} {r['marked']}" for r in value)
    return _number(value)


def _weeks(journal: Journal) -> Iterable[list[Any]]:
    for week in reversed(journal.review.weeks()):
        data = week.to_json()
        yield [week_cell(column, data[column]) for column in WEEK_COLUMNS]


TABLES: dict[str, tuple[tuple[str, ...], Callable[[Journal], Iterable[list[Any]]]]] = {
    "entries.csv": (
        ("id", "occurred_at", "day", "title", "body", "mood", "starred", "tags",
         "created_at", "updated_at"),
        _entries,
    ),
    "loop_moments.csv": (
        ("id", "occurred_at", "day", "first_mover", "trigger", "my_move", "their_move",
         "exits", "intensity", "ending", "note", "thought_record_id"),
        _loop_moments,
    ),
    "thought_records.csv": (
        ("id", "occurred_at", "day", "status", "situation", "feelings_before", "story",
         "story_belief_before", "traps", "evidence_for", "evidence_against",
         "alternative_story", "alternative_belief", "story_belief_after", "feelings_after",
         "next_step", "loop_event_id"),
        _thought_records,
    ),
    "ritual_marks.csv": (
        ("id", "on_date", "ritual_id", "ritual", "status", "note", "positive", "negative",
         "reason"),
        _ritual_marks,
    ),
    "weeks.csv": (WEEK_COLUMNS, _weeks),
}
"""File name -> (its header, what makes its rows), oldest record first in each."""


def table_text(header: Iterable[str], items: Iterable[list[Any]]) -> str:
    """One CSV document: the header row, then a row per item (RFC 4180 line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(items)
    return out.getvalue()


def export_csv(journal: Journal) -> dict[str, str]:
    """Every table of :data:`TABLES` as CSV text, by file name."""
    return {name: table_text(header, make(journal)) for name, (header, make) in TABLES.items()}
