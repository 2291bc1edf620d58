"""The journal's tables, and the numbered migrations that build them.

``PRAGMA user_version`` holds the number of migrations applied. Each migration is a
function taking a :class:`sqlite_utils.Database`; it runs inside one transaction, after a
backup copy of the file has been made (see :meth:`storage.journal.Journal.migrate`).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time (quick commands start faster)
    from typing import Callable

# What each kind's table is (its FTS and JSON columns, its natural key) is in the registry,
# storage.kinds; a test holds it to the tables these migrations make. A migration is history:
# it spells out what it made then, and never reads the registry (which describes today).
_M1_FTS: dict[str, tuple[str, ...]] = {
    "entries": ("title", "body"),
    "thought_records": (
        "situation",
        "story",
        "evidence_for",
        "evidence_against",
        "alternative_story",
        "next_step",
    ),
    "loop_events": ("trigger", "my_move", "their_move", "note"),
    "ritual_log": ("note", "positive", "negative"),
}


def _m1_initial(db) -> None:
    stamp = {"created_at": str, "updated_at": str}
    db["entries"].create(
        {
            "id": int,
            **stamp,
            "occurred_at": str,
            "day": str,
            "title": str,
            "body": str,
            "mood": int,
            "starred": int,
        },
        pk="id",
        not_null={"created_at", "updated_at", "occurred_at", "day", "title", "body", "starred"},
        defaults={"title": "", "body": "", "starred": 0},
    )
    db["entry_tags"].create(
        {"entry_id": int, "tag": str},
        pk=("entry_id", "tag"),
        foreign_keys=[("entry_id", "entries", "id")],
    )
    db["thought_records"].create(
        {
            "id": int,
            **stamp,
            "occurred_at": str,
            "day": str,
            "situation": str,
            "feelings_before": str,
            "story": str,
            "story_belief_before": int,
            "traps": str,
            "evidence_for": str,
            "evidence_against": str,
            "evidence_links": str,
            "alternative_story": str,
            "alternative_belief": int,
            "story_belief_after": int,
            "feelings_after": str,
            "next_step": str,
            "status": str,
            "loop_event_id": int,
        },
        pk="id",
        not_null={"created_at", "updated_at", "occurred_at", "day", "status"},
        defaults={
            "situation": "",
            "story": "",
            "evidence_for": "",
            "evidence_against": "",
            "alternative_story": "",
            "next_step": "",
            "feelings_before": "[]",
            "feelings_after": "[]",
            "traps": "[]",
            "evidence_links": "[]",
            "status": "draft",
        },
    )
    db["loop_map"].create(
        {"id": int, "created_at": str, "pattern": str, "my_role": str, "me": str, "them": str},
        pk="id",
        not_null={"created_at", "pattern", "my_role", "me", "them"},
    )
    db["loop_events"].create(
        {
            "id": int,
            **stamp,
            "occurred_at": str,
            "day": str,
            "first_mover": str,
            "trigger": str,
            "my_move": str,
            "their_move": str,
            "exits": str,
            "intensity": int,
            "ending": str,
            "note": str,
            "thought_record_id": int,
        },
        pk="id",
        not_null={"created_at", "updated_at", "occurred_at", "day", "intensity", "ending"},
        defaults={
            "trigger": "",
            "my_move": "",
            "their_move": "",
            "note": "",
            "exits": "[]",
            "first_mover": "unsure",
        },
    )
    db["rituals"].create(
        {
            "id": int,
            **stamp,
            "name": str,
            "description": str,
            "prompt": str,
            "rrule": str,
            "dtstart": str,
            "time_of_day": str,
            "template": str,
            "asks_good_and_hard": int,
            "active": int,
            "pauses": str,
        },
        pk="id",
        not_null={"created_at", "updated_at", "name", "rrule", "dtstart", "active", "pauses"},
        defaults={
            "description": "",
            "prompt": "",
            "asks_good_and_hard": 0,
            "active": 1,
            "pauses": "[]",
        },
    )
    db["ritual_log"].create(
        {
            "id": int,
            **stamp,
            "ritual_id": int,
            "on_date": str,
            "status": str,
            "note": str,
            "positive": str,
            "negative": str,
            "reason": str,
        },
        pk="id",
        not_null={"created_at", "updated_at", "ritual_id", "on_date", "status"},
        defaults={"note": "", "positive": "", "negative": ""},
        foreign_keys=[("ritual_id", "rituals", "id")],
    )
    db["drafts"].create(
        {"key": str, "updated_at": str, "data": str}, pk="key", not_null={"updated_at", "data"}
    )
    db["settings"].create({"key": str, "value": str}, pk="key")

    db["entries"].create_index(["occurred_at"])
    db["entries"].create_index(["day"])
    db["entry_tags"].create_index(["tag"])
    db["thought_records"].create_index(["occurred_at"])
    db["thought_records"].create_index(["day"])
    db["loop_events"].create_index(["occurred_at"])
    db["loop_events"].create_index(["day"])
    db["ritual_log"].create_index(["ritual_id", "on_date"], unique=True)
    db["ritual_log"].create_index(["on_date"])
    for table, columns in _M1_FTS.items():
        db[table].enable_fts(
            list(columns), create_triggers=True, fts_version="FTS5", tokenize="unicode61"
        )


def _m2_thought_status_index(db) -> None:
    """The thought list counts its drafts at every start: an index on the status makes that
    a look-up instead of a read of every record (2.3 ms -> 0.03 ms for 3,000 records)."""
    db["thought_records"].create_index(["status"], if_not_exists=True)


def _m3_trash(db) -> None:
    """The trash: a deleted record (with its side rows and the links to it) as one row,
    restorable for 30 days (storage.trash)."""
    db["trash"].create(
        {"id": int, "kind": str, "record_id": int, "deleted_at": str, "words": str,
         "data": str},
        pk="id",
        not_null={"kind", "record_id", "deleted_at", "words", "data"},
    )
    db["trash"].create_index(["deleted_at"])
    db["trash"].create_index(["kind", "record_id"])


def _m4_right_now(db) -> None:
    """Right now moments (storage.right_now): a loop moment may say which pull the person
    named, the small choice and the next step they kept, a time-out's script and return time,
    and whether they came back on time. The two texts they write join the loop's search."""
    table = db["loop_events"]
    table.add_column("pull", str)
    table.add_column("choice", str, not_null_default="")
    table.add_column("step", str, not_null_default="")
    table.add_column("script", str, not_null_default="")
    table.add_column("return_at", str)
    table.add_column("back_on_time", int)
    table.disable_fts()
    table.enable_fts(["trigger", "my_move", "their_move", "note", "step", "script"],
                     create_triggers=True, fts_version="FTS5", tokenize="unicode61")


def _fts(db, table: str, columns: list[str]) -> None:
    db[table].enable_fts(columns, create_triggers=True, fts_version="FTS5", tokenize="unicode61")


def _m5_small_things(db) -> None:
    """Small things (storage.practices): the love list and the days each was done, low-effort
    offers, the phrase book's own phrases, the shared-discovery idea bank and the private
    tally of one's own kindnesses and slights. Loop moments and thought records may carry the
    likely reasons for the distance; a ritual mark may keep agreements (the family boundary
    meeting's), which join the marks' search."""
    stamp = {"id": int, "created_at": str, "updated_at": str}
    db["love_list"].create(
        {**stamp, "what": str, "source": str, "note": str},
        pk="id", not_null={"created_at", "updated_at", "what", "source", "note"},
        defaults={"note": ""})
    _fts(db, "love_list", ["what", "note"])
    db["love_log"].create(
        {**stamp, "love_id": int, "on_date": str, "note": str},
        pk="id", not_null={"created_at", "updated_at", "love_id", "on_date", "note"},
        defaults={"note": ""}, foreign_keys=[("love_id", "love_list", "id")])
    db["love_log"].create_index(["love_id", "on_date"], unique=True)
    db["love_log"].create_index(["on_date"])
    _fts(db, "love_log", ["note"])
    db["offers"].create(
        {**stamp, "occurred_at": str, "day": str, "what": str, "at": str, "instead": str,
         "outcome": str, "reason": str, "note": str},
        pk="id", not_null={"created_at", "updated_at", "occurred_at", "day", "what", "at",
                           "instead", "note"},
        defaults={"at": "", "instead": "", "note": ""})
    db["offers"].create_index(["day"])
    _fts(db, "offers", ["what", "at", "instead", "note"])
    db["phrases"].create(
        {**stamp, "intent": str, "text": str, "instead_of": str, "favourite": int,
         "book_key": str},
        pk="id", not_null={"created_at", "updated_at", "intent", "text", "instead_of",
                           "favourite"},
        defaults={"instead_of": "", "favourite": 0})
    _fts(db, "phrases", ["text", "instead_of"])
    db["discoveries"].create(
        {**stamp, "idea": str, "done_on": str, "note": str},
        pk="id", not_null={"created_at", "updated_at", "idea", "note"}, defaults={"note": ""})
    _fts(db, "discoveries", ["idea", "note"])
    db["tally"].create(
        {**stamp, "occurred_at": str, "day": str, "side": str, "what": str, "note": str},
        pk="id", not_null={"created_at", "updated_at", "occurred_at", "day", "side", "what",
                           "note"},
        defaults={"note": ""})
    db["tally"].create_index(["day"])
    _fts(db, "tally", ["note"])
    for table in ("loop_events", "thought_records"):
        db[table].add_column("reasons", str, not_null_default="[]")
    marks = db["ritual_log"]
    marks.add_column("agreements", str, not_null_default="")
    marks.disable_fts()
    _fts(db, "ritual_log", ["note", "positive", "negative", "agreements"])


MIGRATIONS: list[Callable] = [_m1_initial, _m2_thought_status_index, _m3_trash, _m4_right_now,
                              _m5_small_things]
"""Migration N (1-based) brings a journal from user_version N-1 to N. Append only."""

LATEST = len(MIGRATIONS)
