"""What is still open today, in a line or two for a shell start-up file, a status bar or cron.

>>> found = still_open(journal)                      # doctest: +SKIP
>>> lines(found)                                     # doctest: +SKIP
['Today: Walk and talk (10:00), Small bids to mark; a draft waiting (1 entry).',
 'One small thing: Send them a photo of something that made you think of them.']
>>> lines(still_open(journal_with_nothing_open))     # doctest: +SKIP
[]

Open means: a ritual due today and not marked yet (:meth:`storage.rituals.Rituals.today_open`,
the one place that knows what is due), unfinished work (a draft an editor kept, a thought
record not finished), and today's "One small thing" (:meth:`storage.review.Review.small_thing`)
until a few words about it are kept (an entry tagged ``#smallthing`` on today's date).

Read by ``closer today``, a quick command: no typing, dataclasses or pydantic are imported
here, and the journal is only read.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date

    from storage.journal import Journal

MAX_RITUALS = 3
"""How many rituals the line names before it says "and N more"."""

DRAFT_KINDS = {"entry": "entry", "loop_event": "loop_event", "ritual": "ritual",
               "ritual_mark": "ritual_note", "thought_record": "thought_record",
               "love": "love", "love_done": "love_done", "tally": "tally"}
"""A draft key's first part (``entry:new``, ``ritual_mark:3:2026-11-30``) -> its record kind
(:mod:`storage.kinds`)."""


class Open:
    """What is open on ``day``: ``rituals`` as (id, name, time of day or None), ``drafts`` as
    kind key -> how many, ``small_thing`` today's idea (None once it is noted)."""

    __slots__ = ("day", "rituals", "drafts", "small_thing")

    def __init__(self, day: date, rituals: list[tuple[int, str, str | None]],
                 drafts: dict[str, int], small_thing: str | None) -> None:
        self.day = day
        self.rituals = rituals
        self.drafts = drafts
        self.small_thing = small_thing

    def __bool__(self) -> bool:
        return bool(self.rituals or self.drafts or self.small_thing)

    def to_json(self) -> dict:
        """The same as plain JSON: ``{"date", "rituals": [{"id", "name", "time"}], "drafts":
        {kind: n}, "small_thing": text or null}``."""
        return {
            "date": self.day.isoformat(),
            "rituals": [{"id": rid, "name": name, "time": at} for rid, name, at in self.rituals],
            "drafts": dict(self.drafts),
            "small_thing": self.small_thing,
        }


def still_open(journal: Journal, today: date | None = None) -> Open:
    """What is still open on ``today`` (the local date unless given)."""
    from storage import dates
    from storage.entries import SMALL_THING_TAG

    day = today or dates.today()
    rituals = [(d.ritual_id, d.name, d.time_of_day) for d in journal.rituals.today_open(day)]
    drafts: dict[str, int] = {}
    for (key,) in journal.conn.execute("SELECT key FROM drafts ORDER BY key"):
        kind = DRAFT_KINDS.get(key.split(":", 1)[0], "other")
        drafts[kind] = drafts.get(kind, 0) + 1
    unfinished = journal.scalar("SELECT count(*) FROM thought_records WHERE status = 'draft'")
    if unfinished:
        drafts["thought_record"] = drafts.get("thought_record", 0) + unfinished
    noted = journal.scalar(
        "SELECT count(*) FROM entries e JOIN entry_tags t ON t.entry_id = e.id"
        " WHERE t.tag = ? AND e.day = ?", (SMALL_THING_TAG, day.isoformat()))
    small = None if noted else journal.review.small_thing(day).text
    return Open(day, rituals, drafts, small)


def lines(found: Open) -> list[str]:
    """``found`` in at most two short lines; none when nothing is open."""
    from storage.kinds import by_key

    out = []
    parts = []
    if found.rituals:
        named = [f"{name} ({at})" if at else name for _, name, at in found.rituals]
        if len(named) > MAX_RITUALS:
            named = [*named[:MAX_RITUALS - 1], f"{len(named) - MAX_RITUALS + 1} more"]
        shown = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        parts.append(f"{shown} to mark")
    if found.drafts:
        total = sum(found.drafts.values())
        what = ", ".join(
            by_key(kind).count_words(n) if kind != "other" else f"{n} other"
            for kind, n in found.drafts.items())
        parts.append(f"{'a draft' if total == 1 else f'{total} drafts'} waiting ({what})")
    if parts:
        out.append("Today: " + "; ".join(parts) + ".")
    if found.small_thing:
        out.append(f"One small thing: {found.small_thing}")
    return out
