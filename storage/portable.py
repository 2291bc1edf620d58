"""Export and import: closer's own JSON (everything, lossless) and a Markdown document.

>>> data = export_json(journal)                 # doctest: +SKIP
>>> import_json(other_journal, data)            # doctest: +SKIP
{'entries': 120, 'thought_records': 6, ...}

Import validates every record first and writes all of them in one transaction, or none.
Importing the same file twice adds nothing: each record is matched on what it says (its
kind's natural key, :attr:`storage.kinds.Kind.natural_key`), not on its id, and ids are
re-mapped on the way in. Every importer writes through :func:`importing`, so two imports at
once add nothing twice either.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

from storage import dates, kinds, rows
from storage.errors import InvalidInput
from storage.formats import EXPORTERS, IMPORTERS
from storage.weeks import week_key, week_words

if TYPE_CHECKING:
    from storage.journal import Journal

Known = TypeVar("Known")

FORMAT = "closer"
FORMAT_VERSION = 1

TABLES = tuple(kind.table for kind in kinds.KINDS)
"""The tables written, every kind's, in the registry's order (a record is written after
those it points to)."""


def _models() -> dict[str, tuple[type, type]]:
    return {kind.table: kind.model_classes() for kind in kinds.KINDS}


# ------------------------------------------------------------------ JSON out


def _dump_table(journal: Journal, table: str) -> list[dict[str, Any]]:
    if table == "entries":
        items = journal.entries.list(newest_first=False)
        return [e.to_json() for e in items]
    _, stored = _models()[table]
    order = "ORDER BY id"
    return [r.model_dump(mode="json") for r in rows.fetch(journal, table, stored, order)]


def export_json(journal: Journal) -> dict[str, Any]:
    """Everything in the journal as one JSON-ready dict."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": dates.now().isoformat(timespec="seconds"),
    }
    for table in TABLES:
        data[table] = _dump_table(journal, table)
    return data


# ------------------------------------------------------------------ in, any format


@contextlib.contextmanager
def importing(journal: Journal, existing: Callable[[Journal], Known]) -> Iterator[Known]:
    """The one way an importer writes. Takes the journal's write lock (one transaction,
    ``BEGIN IMMEDIATE``), then reads what is already here with ``existing(journal)`` and
    yields it; what the importer writes inside is committed with it, all or nothing.

    Reading "what is already here" before the lock would let two imports at once both see
    the journal without the other's records, and both add everything. Inside the lock,
    the second import sees what the first one wrote.
    """
    with journal.transaction():
        yield existing(journal)


# ------------------------------------------------------------------ JSON in


def _key(table: str, row: dict[str, Any]) -> tuple:
    return tuple(str(row.get(col)) for col in kinds.by_table(table).natural_key)


def _existing_keys(journal: Journal, table: str) -> dict[tuple, int]:
    cols = ", ".join(kinds.by_table(table).natural_key)
    return {
        tuple(str(v) for v in r[1:]): r[0]
        for r in journal.conn.execute(f"SELECT id, {cols} FROM {table}").fetchall()
    }


def import_json(journal: Journal, data: Any) -> dict[str, int]:
    """Add the records of an :func:`export_json` document that are not already here.

    Returns how many of each kind were added. Raises InvalidInput, writing nothing, if
    the document or any record in it is not valid.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput("this is not a closer JSON export (no \"format\": \"closer\")")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise InvalidInput(
            f"this export is format {version!r}; this closer reads up to {FORMAT_VERSION}"
        )
    models = _models()
    parsed: dict[str, list[tuple[dict, Any]]] = {}
    for table in TABLES:
        items = data.get(table, [])
        if not isinstance(items, list):
            raise InvalidInput(f"{table} should be a list")
        in_model, _ = models[table]
        parsed[table] = []
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                raise InvalidInput(f"{table}[{n}] should be an object")
            fields = {k: v for k, v in item.items() if k in in_model.model_fields}
            parsed[table].append((item, rows.validate(in_model, fields, f"{table}[{n}]")))

    added: dict[str, int] = defaultdict(int)
    ids: dict[str, dict[Any, int]] = defaultdict(dict)

    def every_table(j: Journal) -> dict[str, dict[tuple, int]]:
        return {table: _existing_keys(j, table) for table in TABLES}

    with importing(journal, every_table) as known:
        for table in TABLES:
            existing = known[table]
            for original, model in parsed[table]:
                model = _remap(table, model, ids)
                created = _moment(original.get("created_at"))
                probe = rows.to_row(table, model, {"tags"} if table == "entries" else None)
                if "created_at" in kinds.by_table(table).natural_key:
                    probe["created_at"] = journal.stamp(created) if created else None
                key = _key(table, probe)
                if key in existing:
                    ids[table][original.get("id")] = existing[key]
                    continue
                if table == "entries":
                    new_id = journal.entries.store(model, created_at=created, row=probe)
                else:
                    new_id = rows.insert_row(journal, table, probe, created_at=created)
                existing[key] = new_id
                ids[table][original.get("id")] = new_id
                added[table] += 1
        # A loop moment may point at a thought record written after it.
        for original, _model in parsed["loop_events"]:
            old_record = original.get("thought_record_id")
            if old_record is not None and old_record in ids["thought_records"]:
                journal.conn.execute(
                    "UPDATE loop_events SET thought_record_id = ? WHERE id = ?",
                    (ids["thought_records"][old_record], ids["loop_events"][original.get("id")]),
                )
    return {table: added.get(table, 0) for table in TABLES}


def _moment(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
        dates.check_range(moment)  # it must have a UTC form to be stored
    except (ValueError, OverflowError):
        return None
    return moment


def _remap(table: str, model: Any, ids: dict[str, dict[Any, int]]) -> Any:
    """Point a record's references at the ids its targets got in this journal."""
    changes: dict[str, Any] = {}
    kind = kinds.by_table(table)
    if kind.parent is not None:
        parent_table, column = kind.parent
        parent_id = getattr(model, column)
        if parent_id not in ids[parent_table]:
            raise InvalidInput(f"a {kind.singular} points at {kinds.by_table(parent_table).singular}"
                               f" {parent_id}, not in the file")
        changes[column] = ids[parent_table][parent_id]
    if table == "thought_records":
        if model.loop_event_id is not None:
            changes["loop_event_id"] = ids["loop_events"].get(model.loop_event_id)
        links = []
        for link in model.evidence_links:
            target = "entries" if link.kind == "entry" else "loop_events"
            if link.id in ids[target]:
                links.append(link.model_copy(update={"id": ids[target][link.id]}))
        changes["evidence_links"] = links
    elif table == "loop_events":
        changes["thought_record_id"] = None  # set once the records are in
    return model.model_copy(update=changes) if changes else model


# ------------------------------------------------------------------ Markdown


def _md_text(text: str) -> str:
    return text.strip().replace("\n", "  \n")


def _md_entry(e: Any) -> str:
    head = f"### {dates.local(e.occurred_at):%a %d %b %Y, %H:%M}"
    if e.title:
        head += f" — {e.title}"
    if e.starred:
        head += " ★"
    lines = [head]
    if e.mood is not None:
        lines.append(f"*Mood: {e.mood:+d}*")
    extra = e.unwritten_tags()
    if extra:
        lines.append("*Tags: " + " ".join(f"#{t}" for t in extra) + "*")
    if e.body:
        lines += ["", _md_text(e.body)]
    return "\n".join(lines)


def _md_thought(r: Any, journal: Journal | None = None) -> str:
    from content import knowledge

    lines = [f"### {dates.local(r.occurred_at):%a %d %b %Y, %H:%M} — Thought record"]
    if r.status == "draft":
        lines.append("*(draft)*")

    def add(label: str, value: Any) -> None:
        if value not in (None, "", []):
            lines.append(f"- **{label}:** {value}")

    def feelings(items: list) -> str:
        return ", ".join(f"{f.name} {f.intensity}" for f in items)

    add("Situation", _md_text(r.situation))
    add("Feelings before", feelings(r.feelings_before))
    belief = f" (belief {r.story_belief_before})" if r.story_belief_before is not None else ""
    add("The story", _md_text(r.story) + belief if r.story else "")
    add("Thinking traps", ", ".join(knowledge().trap(t).name for t in r.traps))
    add("Evidence for", _md_text(r.evidence_for))
    add("Evidence against", _md_text(r.evidence_against))
    if journal is not None and r.evidence_links:
        for side in ("for", "against"):
            linked = [
                f"{item.kind_name}"
                + (f", {dates.local(item.occurred_at):%a %d %b %Y}" if item.occurred_at else "")
                + f": {item.text}"
                for link_side, item in journal.thoughts.linked(r.evidence_links)
                if link_side == side
            ]
            add(f"Evidence {side} (linked)", "; ".join(linked))
    alt = f" (belief {r.alternative_belief})" if r.alternative_belief is not None else ""
    add("Alternative story", _md_text(r.alternative_story) + alt if r.alternative_story else "")
    add("Belief in the story now", r.story_belief_after)
    add("Feelings now", feelings(r.feelings_after))
    add("Next small step", _md_text(r.next_step))
    add("Likely reasons", _reason_names(r.reasons))
    return "\n".join(lines)


def _named(k: Any, kind: str, key: str) -> str:
    """The name content gives a stored key (e.g. ``_named(k, "role", "pursuer")``), or the
    key itself when this content does not know it."""
    try:
        return getattr(k, kind)(key).name
    except (KeyError, AttributeError):
        return key.replace("_", " ")


def _reason_names(keys: Any) -> str:
    """Reasons for the distance as content names them, in the order marked."""
    from content import knowledge

    return ", ".join(_named(knowledge(), "reason", key) for key in keys)


def _md_loop_event(ev: Any) -> str:
    from content import knowledge

    k = knowledge()
    lines = [f"### {dates.local(ev.occurred_at):%a %d %b %Y, %H:%M} — A turn of the loop"]
    for label, value in (
        ("Who moved first", _named(k, "first_mover", ev.first_mover)),
        ("What set it off", ev.trigger),
        ("What I did", ev.my_move),
        ("What they did", ev.their_move),
        ("Emotional exits", ", ".join(k.exit(x).name for x in ev.exits)),
        ("Intensity", f"{ev.intensity}/10"),
        ("How it ended", k.ending(ev.ending).name),
        ("Note", _md_text(ev.note)),
        ("Likely reasons", _reason_names(ev.reasons)),
        *_md_right_now(ev),
    ):
        if value:
            lines.append(f"- **{label}:** {value}")
    return "\n".join(lines)


def _md_right_now(ev: Any) -> list[tuple[str, str]]:
    """A Right now moment's own lines (none for any other moment), as content names them."""
    from storage.right_now import parts

    return [(label, _md_text(value)) for label, value in parts(ev)]


def _md_loop_map(mp: Any) -> str:
    from content import knowledge

    k = knowledge()
    lines = [
        f"### {dates.local(mp.created_at):%a %d %b %Y, %H:%M} — My loop map",
        f"- **Pattern:** {k.pattern(mp.pattern).name}",
    ]
    if mp.my_role != "unsure":
        lines.append(f"- **The part I tend to play:** {_named(k, 'role', mp.my_role)}")
    for who, side in (("Me", mp.me), ("My partner", mp.them)):
        for field in k.cycle_fields:
            value = getattr(side, field.key)
            if value:
                lines.append(f"- **{who} — {field.label}:** {_md_text(value)}")
    return "\n".join(lines)


def _md_ritual(ritual: Any) -> tuple[datetime, str]:
    """A ritual as it began (placed on its start day, before that day's marks)."""
    from storage.rituals import describe_rule

    lines = [f"### {ritual.dtstart:%a %d %b %Y} — A ritual begins: {ritual.name}"]
    when = describe_rule(ritual.rrule, ritual.dtstart)
    if ritual.time_of_day:
        when += f", at {ritual.time_of_day}"
    for label, value in (
        ("When", f"{when} (`{ritual.rrule}`)"),
        ("About", ritual.description),
        ("Prompt", ritual.prompt),
        ("Paused", "; ".join(
            f"from {p.start:%d %b %Y}" + (f" to {p.end:%d %b %Y}" if p.end else ", still paused")
            for p in ritual.pauses
        )),
    ):
        if value:
            lines.append(f"- **{label}:** {_md_text(value)}")
    return datetime.combine(ritual.dtstart, datetime.min.time()).astimezone(), "\n".join(lines)


def export_markdown(journal: Journal) -> str:
    """One readable document, oldest first, with a heading per ISO week."""
    from storage import models as m

    items: list[tuple[datetime, str]] = []
    for e in journal.entries.list(newest_first=False):
        items.append((e.occurred_at, _md_entry(e)))
    for r in rows.fetch(journal, "thought_records", m.ThoughtRecord):
        items.append((r.occurred_at, _md_thought(r, journal)))
    for ev in rows.fetch(journal, "loop_events", m.StoredLoopEvent):
        items.append((ev.occurred_at, _md_loop_event(ev)))
    for mp in rows.fetch(journal, "loop_map", m.StoredLoopMap):
        items.append((mp.created_at, _md_loop_map(mp)))
    rituals = {r.id: r for r in rows.fetch(journal, "rituals", m.StoredRitual)}
    for ritual in rituals.values():
        items.append(_md_ritual(ritual))
    for log in rows.fetch(journal, "ritual_log", m.StoredRitualLog):
        ritual = rituals.get(log.ritual_id)
        name = ritual.name if ritual else "A ritual"
        lines = [f"### {log.on_date:%a %d %b %Y} — {name}: {log.status}"]
        for label, value in (
            ("Note", log.note),
            ("Agreed", log.agreements),
            ("A good thing", log.positive),
            ("A hard thing", log.negative),
            ("Why not", log.reason and log.reason.replace("_", " ")),
        ):
            if value:
                lines.append(f"- **{label}:** {_md_text(value)}")
        moment = kinds.ritual_note_moment(log.on_date, ritual.time_of_day if ritual else None)
        items.append((moment, "\n".join(lines)))
    for kind in kinds.KINDS:
        if kind.api:
            items += getattr(journal, kind.api).markdown()
    items.sort(key=lambda pair: pair[0])

    out = ["# closer journal", "", f"Exported {dates.now():%d %B %Y, %H:%M}.", ""]
    if not items:
        out.append("Nothing written yet.")
    current_week: tuple[int, int] | None = None
    for moment, block in items:
        day = dates.local(moment).date()
        week = week_key(day)
        if week != current_week:
            current_week = week
            out += [f"## {week_words(day, year=True, capital=True)}", ""]
        out += [block, ""]
    return "\n".join(out).rstrip() + "\n"


def export_json_text(journal: Journal) -> str:
    """:func:`export_json` as the text ``closer export --format json`` writes."""
    return json.dumps(export_json(journal), ensure_ascii=False, indent=2) + "\n"


def read_json_file(raw: bytes | str) -> Any:
    """The JSON document in ``raw`` (UTF-8, or UTF-16/32 with a byte order mark), or
    InvalidInput saying in one line why it cannot be read."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"not valid JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"not valid JSON: byte {exc.start + 1:,} is not UTF-8 text; save the file as "
            "UTF-8 and import it again"
        ) from None
    except RecursionError:
        raise InvalidInput("not valid JSON for closer: it is nested too deeply") from None
    except ValueError:  # e.g. a number with thousands of digits
        raise InvalidInput("not valid JSON for closer: a number in it is too long") from None

