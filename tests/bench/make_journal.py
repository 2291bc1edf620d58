"""Make a ten-year journal for the benchmarks: deterministic, sizes as arguments.

    python tests/bench/make_journal.py OUT_DIR [--entries 20000] [--thoughts 3000]
        [--loop 500] [--maps 12] [--ritual-logs 5000] [--years 10] [--seed 8] [--end DATE]

Writes three files into OUT_DIR:

- ``journal.db``: the journal, written through the storage API (``journal.entries``,
  ``journal.thoughts``, ``journal.loop``, ``journal.rituals``) inside one transaction;
- ``jrnl.txt``: the same entries in jrnl's plain-text format (time format
  ``%Y-%m-%d %H:%M``), for the side-by-side runs against jrnl;
- ``manifest.json``: the sizes, the seed, the last day, and which API wrote each kind.

Where a record API is not there yet, its rows are written with plain validated inserts
(``storage.rows``) and the manifest says so (``"via": "direct insert"``).

The same sizes, seed and last day always give the same journal. Nothing here runs on import.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

GENERATOR_VERSION = 1

SEARCH_WORD = "lighthouse"
"""A word written into about one entry in a hundred, for the search benchmarks."""
SEARCH_SHARE = 0.01


@dataclass(frozen=True)
class Sizes:
    entries: int = 20_000
    thoughts: int = 3_000
    loop: int = 500
    maps: int = 12
    ritual_logs: int = 5_000
    years: int = 10
    ritual_years: int = 5

    @classmethod
    def parse(cls, text: str) -> Sizes:
        """``"entries=300,thoughts=40"`` -> the default sizes with those two changed."""
        values: dict[str, int] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, number = part.partition("=")
            name = name.strip().replace("-", "_")
            if name not in {f.name for f in fields(cls)}:
                raise ValueError(f"unknown size {name!r}")
            values[name] = int(number)
        return cls(**values)

    SMOKE: ClassVar[Sizes]
    """A tiny journal for CI's smoke run."""


Sizes.SMOKE = Sizes(entries=300, thoughts=40, loop=20, maps=3, ritual_logs=60)

# ------------------------------------------------------------------ words

_OPENERS = [
    "This morning", "Tonight", "After dinner", "On the way home", "At breakfast",
    "Before bed", "Over coffee", "In the car", "At the weekend", "Earlier today",
    "During the call", "While we cooked", "Late in the evening", "On our walk",
]
_PEOPLE = ["we", "I", "she", "he", "my partner", "the two of us", "they"]
_VERBS = [
    "talked about", "argued over", "laughed about", "went quiet about", "planned",
    "put off", "finally sorted", "kept circling", "listened to", "noticed", "avoided",
    "asked about", "shared", "tried to explain", "forgot", "remembered", "came back to",
]
_THINGS = [
    "the holidays", "money", "her mother", "his brother", "the kitchen", "work",
    "the garden", "our plans for spring", "the car", "the children's school", "sleep",
    "the phone at the table", "the weekend", "a film we both liked", "old friends",
    "the rent", "the dog", "the long winter", "a trip to the coast", "the new job",
    "dinner together", "being tired", "the chores", "his quiet mood", "her long days",
]
_FEELINGS = [
    "close", "far apart", "tired", "hopeful", "hurt", "relieved", "lonely", "calm",
    "tense", "warm", "shut out", "listened to", "on edge", "grateful", "flat", "light",
]
_AFTER = [
    "and it felt easier than I expected", "and then it went quiet again",
    "and I reached for more than was there", "and neither of us pushed",
    "and I let it go for the evening", "and we both smiled at the end",
    "and I noticed I was holding my breath", "and I said the thing I meant",
    "and I went to the other room", "and it ended with a hug", "and I wrote this down",
    "and we agreed to come back to it", "and the silence lasted the whole evening",
]
_DETAIL = [
    "The kettle was on and the rain kept going.", "I kept checking my phone.",
    "The house was quiet after nine.", "We sat on the step for a while.",
    "I want to remember how that felt.", "Small things, but they add up.",
    "I am trying not to read too much into it.", "It was a long week for both of us.",
    "Some days are simply like this.", "I think I was the one who stepped back first.",
    "I asked one question and then listened.", "The walk helped more than the talk.",
]
_TITLES = [
    "A quiet evening", "Sunday", "Hard day", "Better today", "The long drive",
    "After the argument", "Small win", "Missing us", "Notes", "Tired", "Coffee talk",
]
TAGS = [
    "us", "work", "family", "walk", "money", "sleep", "kids", "weekend", "talk",
    "repair", "distance", "gratitude", "holiday", "friends", "home", "health",
]


def _sentence(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.45:
        text = (
            f"{rng.choice(_OPENERS)} {rng.choice(_PEOPLE)} {rng.choice(_VERBS)} "
            f"{rng.choice(_THINGS)} {rng.choice(_AFTER)}."
        )
    elif pick < 0.75:
        text = f"I felt {rng.choice(_FEELINGS)} when {rng.choice(_PEOPLE)} {rng.choice(_VERBS)} {rng.choice(_THINGS)}."
    else:
        text = rng.choice(_DETAIL)
    return text[0].upper() + text[1:]


def _prose(rng: random.Random, low: int, high: int) -> str:
    """Sentences adding up to between ``low`` and ``high`` words, in paragraphs."""
    target = rng.randint(low, high)
    sentences: list[str] = []
    words = 0
    while words < target:
        s = _sentence(rng)
        sentences.append(s)
        words += s.count(" ") + 1
    paragraphs, current = [], []
    for s in sentences:
        current.append(s)
        if len(current) >= 4 and rng.random() < 0.35:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _short(rng: random.Random, low: int = 6, high: int = 30) -> str:
    return _prose(rng, low, high).replace("\n\n", " ")


# ------------------------------------------------------------------ moments


def _moments(rng: random.Random, count: int, first: date, last: date) -> list[datetime]:
    """``count`` local, aware moments between the first and the last day, in order."""
    span = (last - first).days + 1
    out = []
    for _ in range(count):
        day = first + timedelta(days=rng.randrange(span))
        minute = rng.choice((rng.randrange(6 * 60, 9 * 60), rng.randrange(17 * 60, 24 * 60)))
        out.append(datetime(day.year, day.month, day.day, minute // 60, minute % 60).astimezone())
    out.sort()
    return out


# ------------------------------------------------------------------ the parts


class _Writer:
    """Writes each kind through its record API when the journal has one, else directly."""

    def __init__(self, journal: Any):
        self.journal = journal
        self.via: dict[str, str] = {}

    def api(self, name: str) -> Any | None:
        try:
            return getattr(self.journal, name)
        except (ImportError, AttributeError):
            return None

    def direct(self, table: str, model_name: str, data: dict[str, Any]) -> int:
        from storage import models, rows

        model = rows.validate(getattr(models, model_name), data, table)
        return rows.insert(self.journal, table, model)


def _entries(w: _Writer, rng: random.Random, sizes: Sizes, last: date) -> list[dict[str, Any]]:
    from storage import rows
    from storage.models import EntryIn

    first = last - timedelta(days=365 * sizes.years + sizes.years // 4)
    written = []
    for moment in _moments(rng, sizes.entries, first, last):
        body = _prose(rng, 80, 220)
        if rng.random() < SEARCH_SHARE:
            body += f" We talked about the {SEARCH_WORD} on the headland."
        if rng.random() < 0.3:
            body += " " + " ".join(f"#{t}" for t in rng.sample(TAGS, rng.randint(1, 2)))
        data = {
            "occurred_at": moment,
            "title": rng.choice(_TITLES) if rng.random() < 0.3 else "",
            "body": body,
            "mood": None if rng.random() < 0.3 else rng.choice((-2, -1, -1, 0, 0, 1, 1, 1, 2)),
            "starred": rng.random() < 0.05,
            "tags": rng.sample(TAGS, rng.randint(0, 2)),
        }
        entry = rows.validate(EntryIn, data, "entry")
        w.journal.entries.store(entry)
        written.append(data)
    w.via["entries"] = "journal.entries.store"
    return written


def _loop(w: _Writer, rng: random.Random, sizes: Sizes, last: date) -> list[int]:
    from content import knowledge

    k = knowledge()
    exits = sorted(k.keys("exits"))
    loop = w.api("loop")
    for version in range(sizes.maps):
        side = lambda: {  # noqa: E731 - a small local maker
            "trigger": _short(rng, 5, 12), "move": _short(rng, 4, 10),
            "tells_self": _short(rng, 6, 14), "surface": rng.choice(_FEELINGS),
            "underneath": rng.choice(_FEELINGS), "longing": _short(rng, 4, 10),
        }
        data = {"pattern": "pursue_withdraw", "my_role": ("pursuer", "withdrawer")[version % 2],
                "me": side(), "them": side()}
        if loop is not None and hasattr(loop, "save_map"):
            loop.save_map(data)
        else:
            w.direct("loop_map", "LoopMapIn", data)
    first = last - timedelta(days=365 * sizes.years)
    ids = []
    for moment in _moments(rng, sizes.loop, first, last):
        data = {
            "occurred_at": moment,
            "first_mover": rng.choice(("me", "them", "both", "unsure")),
            "trigger": _short(rng, 5, 15),
            "my_move": _short(rng, 4, 12),
            "their_move": _short(rng, 4, 12),
            "exits": rng.sample(exits, rng.randint(0, 2)),
            "intensity": rng.randint(1, 10),
            "ending": rng.choice(("repair", "pause", "unresolved")),
            "note": _short(rng, 0, 40) if rng.random() < 0.6 else "",
        }
        if loop is not None and hasattr(loop, "log"):
            ids.append(loop.log(**data).id)
        else:
            ids.append(w.direct("loop_events", "LoopEventIn", data))
    w.via["loop_map"] = "journal.loop.save_map" if loop is not None else "direct insert"
    w.via["loop_events"] = "journal.loop.log" if loop is not None else "direct insert"
    return ids


def _thoughts(
    w: _Writer, rng: random.Random, sizes: Sizes, last: date, loop_ids: list[int]
) -> None:
    from content import knowledge

    k = knowledge()
    traps = sorted(k.keys("traps"))
    feelings = list(k.feelings)
    thoughts = w.api("thoughts")
    first = last - timedelta(days=365 * sizes.years)
    for moment in _moments(rng, sizes.thoughts, first, last):
        before = rng.randint(50, 100)
        data = {
            "occurred_at": moment,
            "situation": _short(rng, 8, 30),
            "feelings_before": [
                {"name": f, "intensity": rng.randint(30, 100)}
                for f in rng.sample(feelings, rng.randint(1, 3))
            ],
            "story": _short(rng, 6, 20),
            "story_belief_before": before,
            "traps": rng.sample(traps, rng.randint(0, 3)),
            "evidence_for": _short(rng, 5, 30),
            "evidence_against": _short(rng, 5, 40),
            "alternative_story": _short(rng, 6, 25),
            "alternative_belief": rng.randint(20, 90),
            "story_belief_after": max(0, before - rng.randint(0, 50)),
            "feelings_after": [
                {"name": f, "intensity": rng.randint(10, 80)}
                for f in rng.sample(feelings, rng.randint(1, 2))
            ],
            "next_step": _short(rng, 4, 15),
        }
        if loop_ids and rng.random() < 0.2:
            data["loop_event_id"] = rng.choice(loop_ids)
        complete = rng.random() < 0.9
        if thoughts is not None and hasattr(thoughts, "create_draft"):
            record = thoughts.create_draft(**data)
            if complete:
                thoughts.complete(record.id)
        else:
            w.direct("thought_records", "ThoughtRecordIn",
                     {**data, "status": "complete" if complete else "draft"})
    w.via["thought_records"] = (
        "journal.thoughts.create_draft/complete" if thoughts is not None else "direct insert"
    )


def _rituals(w: _Writer, rng: random.Random, sizes: Sizes, last: date) -> None:
    from dateutil.rrule import rrulestr

    from content import knowledge

    k = knowledge()
    templates = {t.key: t for t in k.rituals}
    start = last - timedelta(days=365 * sizes.ritual_years + 1)
    chosen = [key for key in (
        "five_minute_download", "small_bids", "walk_and_talk", "shared_discovery",
        "family_boundary_meeting",
    ) if key in templates]
    rituals = w.api("rituals")
    made: list[tuple[int, str, Any]] = []
    for key in chosen:
        t = templates[key]
        data = {
            "name": t.name, "description": t.description, "prompt": t.prompt,
            "rrule": t.rrule, "dtstart": start, "template": key,
            "asks_good_and_hard": t.asks_good_and_hard,
        }
        ritual_id = None
        if rituals is not None and hasattr(rituals, "add_from_template"):
            try:
                ritual_id = rituals.add_from_template(key, dtstart=start).id
            except TypeError:
                ritual_id = None
        if ritual_id is None and rituals is not None and hasattr(rituals, "add"):
            try:
                ritual_id = rituals.add(**{k_: v for k_, v in data.items()}).id
            except TypeError:
                ritual_id = None
        if ritual_id is None:
            ritual_id = w.direct("rituals", "RitualIn", data)
            w.via["rituals"] = "direct insert"
        made.append((ritual_id, t.asks_good_and_hard, t.rrule))
    w.via.setdefault("rituals", "journal.rituals.add_from_template")
    # One ritual of the person's own making, so five years hold about 5,000 marks.
    own = {
        "name": "Goodnight check-in", "description": "Two minutes before sleep, lights off.",
        "prompt": "What do you want the other to know before tomorrow?",
        "rrule": "FREQ=DAILY", "dtstart": start,
    }
    own_id = None
    if rituals is not None and hasattr(rituals, "add"):
        try:
            own_id = rituals.add(**own).id
        except TypeError:
            own_id = None
    if own_id is None:
        own_id = w.direct("rituals", "RitualIn", own)
        w.via["rituals"] = "direct insert"
    made.append((own_id, False, own["rrule"]))

    # Every due occurrence in the span, then exactly ``ritual_logs`` of them get a mark.
    occurrences = []
    for ritual_id, asks, rrule in made:
        rule = rrulestr(rrule, dtstart=datetime(start.year, start.month, start.day))
        for when in rule.between(
            datetime(start.year, start.month, start.day),
            datetime(last.year, last.month, last.day),
            inc=True,
        ):
            occurrences.append((when.date(), ritual_id, asks))
    occurrences.sort()
    count = min(sizes.ritual_logs, len(occurrences))
    picked = sorted(rng.sample(range(len(occurrences)), count))
    reasons = sorted(k.keys("missed_reasons"))
    mark = getattr(rituals, "mark", None) if rituals is not None else None
    for index in picked:
        on_date, ritual_id, asks = occurrences[index]
        roll = rng.random()
        status = "done" if roll < 0.78 else ("skipped" if roll < 0.93 else "missed")
        fields = {
            "note": _short(rng, 0, 25) if rng.random() < 0.5 else "",
            "positive": _short(rng, 4, 12) if asks and status == "done" else "",
            "negative": _short(rng, 4, 12) if asks and status == "done" else "",
            "reason": rng.choice(reasons) if status != "done" and rng.random() < 0.7 else None,
        }
        if mark is not None:
            mark(ritual_id, on_date, status, **fields)
        else:
            w.direct("ritual_log", "RitualLogIn",
                     {"ritual_id": ritual_id, "on_date": on_date, "status": status, **fields})
    w.via["ritual_log"] = "journal.rituals.mark" if mark is not None else "direct insert"


# ------------------------------------------------------------------ jrnl


def _first_sentence(text: str) -> tuple[str, str]:
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] in " \n"):
            return text[: i + 1], text[i + 1 :].strip()
        if ch == "\n":
            return text[:i].strip(), text[i:].strip()
    return text, ""


def jrnl_text(entries: list[dict[str, Any]]) -> str:
    """The entries as a jrnl journal file (``timeformat: "%Y-%m-%d %H:%M"``), the way jrnl
    writes one: ``[when] title`` (`` *`` when starred), the body, a blank line between."""
    out = []
    for e in entries:
        if e["title"]:
            title, body = e["title"], e["body"]
        else:
            title, body = _first_sentence(e["body"])
        written = {t.lower() for t in re.findall(r"#(\w[\w-]*)", body)}
        extra = [t for t in e["tags"] if t not in written]
        if extra:
            body = (body + " " if body else "") + " ".join(f"#{t}" for t in extra)
        head = f"[{e['occurred_at']:%Y-%m-%d %H:%M}] {title.rstrip()}" + (
            " *" if e["starred"] else ""
        )
        out.append(head + ("\n" + body.rstrip() if body.strip() else "") + "\n")
    return "\n".join(out)


# ------------------------------------------------------------------ the whole thing


def make(out_dir: str | os.PathLike, sizes: Sizes = Sizes(), *, seed: int = 8,
         end: date | None = None, jrnl: bool = True) -> dict[str, Any]:
    """Write ``journal.db`` (and ``jrnl.txt``) into ``out_dir``; return the manifest."""
    from storage import Journal, dates

    out = Path(out_dir)
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = out / "journal.db"
    for leftover in (db, db.with_name("journal.db-wal"), db.with_name("journal.db-shm")):
        leftover.unlink(missing_ok=True)
    last = end or (dates.today() - timedelta(days=1))
    rng = random.Random(seed)
    started = time.perf_counter()
    journal = Journal.open(db)
    try:
        writer = _Writer(journal)
        with journal.transaction():
            written = _entries(writer, rng, sizes, last)
            loop_ids = _loop(writer, rng, sizes, last)
            _thoughts(writer, rng, sizes, last, loop_ids)
            _rituals(writer, rng, sizes, last)
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = journal.counts()
    finally:
        journal.close()
    if jrnl:
        (out / "jrnl.txt").write_text(jrnl_text(written), encoding="utf-8")
    manifest = {
        "generator": GENERATOR_VERSION,
        "sizes": asdict(sizes),
        "seed": seed,
        "last_day": last.isoformat(),
        "search_word": SEARCH_WORD,
        "search_matches": sum(SEARCH_WORD in e["body"] for e in written),
        "counts": counts,
        "via": writer.via,
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    defaults = Sizes()
    for name in (f.name for f in fields(Sizes)):
        parser.add_argument(f"--{name.replace('_', '-')}", type=int,
                                default=getattr(defaults, name))
    parser.add_argument("--smoke", action="store_true", help="a tiny journal for CI")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--end", type=date.fromisoformat, default=None,
                        help="the last day of the journal (default: yesterday)")
    args = parser.parse_args(argv)
    sizes = Sizes.SMOKE if args.smoke else Sizes(
        **{f.name: getattr(args, f.name) for f in fields(Sizes)}
    )
    manifest = make(args.out_dir, sizes, seed=args.seed, end=args.end)
    json.dump(manifest, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
