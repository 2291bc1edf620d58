"""The love list: what says "I love you" to the partner, each marked by where it came from
(they asked for it, something you used to do for each other, how they show love to you), and
the days each was done ("did it today"). "One small thing today" draws from it first.

One tick per item and day: ticking the same day again is refused in plain words, and a tick
taken back goes to the trash like any record (so an undo brings it back).

>>> item = journal.love.add(what="Tea brought to bed", source="their_way")  # doctest: +SKIP
>>> journal.love.did(item.id, note="She smiled before she opened her eyes")  # doctest: +SKIP
>>> journal.love.undo(item.id)        # today's tick, to the trash            # doctest: +SKIP
"""

from __future__ import annotations

from storage import dates
from storage.errors import InvalidInput, NotFound
from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import Any

    from storage.journal import Journal
    from storage.trash import TrashItem

WINDOW_DAYS = 28
""""How often lately" counts the days an item was done in the last four weeks."""


class LoveLine:
    """One item of the list as the love list shows it: the item, the last day it was done
    (None: never), how many days in the last :data:`WINDOW_DAYS` it was done, and whether
    today is one of them."""

    __slots__ = ("item", "last_done", "recent", "today")

    def __init__(self, item: Any, last_done: date | None, recent: int, today: bool) -> None:
        self.item = item
        self.last_done = last_done
        self.recent = recent
        self.today = today


def not_done_on(journal: Journal, day: date) -> list[tuple[int, str]]:
    """(id, what) of every item not done on ``day``: never done first, then the one done
    longest ago; items last done on the same day (or never) take turns, a different one
    first each day. Days after ``day`` are not looked at. Plain SQL, no models: read by
    ``closer today`` through "One small thing"."""
    found = journal.conn.execute(
        "SELECT l.id, l.what, max(d.on_date) AS last FROM love_list l"
        " LEFT JOIN love_log d ON d.love_id = l.id AND d.on_date <= ?"
        " GROUP BY l.id HAVING last IS NULL OR last < ?"
        " ORDER BY last IS NOT NULL, last, l.id", (day.isoformat(), day.isoformat()))
    groups: list[list[tuple[int, str]]] = []
    before: object = ()
    for love_id, what, last in found:
        if last != before:
            groups.append([])
            before = last
        groups[-1].append((love_id, what))
    turn = day.toordinal()
    return [item for group in groups
            for item in group[turn % len(group):] + group[:turn % len(group)]]


class Love(Records):
    KIND = "love"

    # -- the days it was done -----------------------------------------------------------

    def did(self, love_id: int, on_date: date | None = None, note: str = "") -> Any:
        """Mark an item as done on a day (today unless given), with a note if wanted; returns
        the tick. Refused, saving nothing: an item not on the list, a day still to come, a
        second tick for the same item and day."""
        from storage import rows
        from storage.models import LoveDoneIn

        day = on_date or dates.today()
        item = self.get(love_id)
        tick = rows.validate(LoveDoneIn, {"love_id": love_id, "on_date": day,
                                                  "note": (note or "").strip()})
        if tick.on_date > dates.today():
            raise InvalidInput("that day has not come yet; mark it on the day you do it")
        with self.journal.transaction():
            if self.tick(love_id, tick.on_date) is not None:
                raise InvalidInput(f"\u201c{_short(item.what)}\u201d is already marked as done "
                                   f"{_day_words(tick.on_date)}; once a day is enough")
            tick_id = rows.insert(self.journal, "love_log", tick)
        return self.get_tick(tick_id)

    def day_note(self, love_id: int, on_date: date | None = None, note: str = "") -> Any:
        """Mark the item as done on the day (today unless given) with ``note``, or, when
        that day is already marked, change its note; returns the tick."""
        from storage import rows
        from storage.models import LoveDoneIn

        day = on_date or dates.today()
        with self.journal.transaction():
            tick = self.tick(love_id, day)
            if tick is None:
                return self.did(love_id, day, note)
            changed = rows.validate(LoveDoneIn, {"love_id": love_id, "on_date": day,
                                                 "note": (note or "").strip()})
            rows.update(self.journal, "love_log", tick.id, changed)
        return self.get_tick(tick.id)

    def undo(self, love_id: int, on_date: date | None = None) -> TrashItem:
        """Take back an item's tick for a day (today unless given): it goes to the trash,
        where it can be brought back. NotFound when that day has no tick."""
        day = on_date or dates.today()
        tick = self.tick(love_id, day)
        if tick is None:
            raise NotFound(f"nothing is marked as done {_day_words(day)} for that item")
        return self.journal.trash.delete("did", tick.id)

    def get_tick(self, tick_id: int) -> Any:
        from storage import rows
        from storage.models import StoredLoveDone

        return rows.get(self.journal, "love_log", StoredLoveDone, tick_id)

    def tick(self, love_id: int, on_date: date) -> Any | None:
        """The item's tick for that day, or None."""
        found = self.journal.scalar("SELECT id FROM love_log WHERE love_id = ? AND on_date = ?",
                                    (love_id, on_date.isoformat()))
        return None if found is None else self.get_tick(found)

    def ticks(self, love_id: int) -> list[Any]:
        """Every day the item was done, newest first."""
        from storage import rows
        from storage.models import StoredLoveDone

        return rows.fetch(self.journal, "love_log", StoredLoveDone,
                          "WHERE love_id = ? ORDER BY on_date DESC", (love_id,))

    def last_done(self, love_id: int, today: date | None = None) -> date | None:
        """The last day up to ``today`` the item was done (None: never)."""
        from datetime import date as _date

        day = self.journal.scalar(
            "SELECT max(on_date) FROM love_log WHERE love_id = ? AND on_date <= ?",
            (love_id, (today or dates.today()).isoformat()))
        return None if day is None else _date.fromisoformat(day)

    def count_between(self, love_id: int, first: date, last: date) -> int:
        """On how many days from ``first`` to ``last`` (inclusive) the item was done."""
        return self.journal.scalar(
            "SELECT count(*) FROM love_log WHERE love_id = ? AND on_date BETWEEN ? AND ?",
            (love_id, first.isoformat(), last.isoformat()))

    def lines(self, today: date | None = None) -> list[LoveLine]:
        """Every item, as added, with its last day, its days in the last four weeks and
        whether it was done today (one read of the ticks)."""
        from datetime import date as _date, timedelta

        today = today or dates.today()
        first = today - timedelta(days=WINDOW_DAYS - 1)
        facts = {love_id: (last, recent) for love_id, last, recent in self.journal.conn.execute(
            "SELECT love_id, max(on_date), sum(on_date >= ?) FROM love_log"
            " WHERE on_date <= ? GROUP BY love_id", (first.isoformat(), today.isoformat()))}
        out = []
        for item in self.list():
            last, recent = facts.get(item.id, (None, 0))
            last_day = None if last is None else _date.fromisoformat(last)
            out.append(LoveLine(item, last_day, recent or 0, last_day == today))
        return out

    def done_between(self, first: date, last: date) -> list[tuple[date, int]]:
        """The days from ``first`` to ``last`` (inclusive) something on the list was done,
        with how many items were done that day, oldest first."""
        from datetime import date as _date

        found = self.journal.conn.execute(
            "SELECT on_date, count(*) FROM love_log WHERE on_date BETWEEN ? AND ? "
            "GROUP BY on_date ORDER BY on_date", (first.isoformat(), last.isoformat()))
        return [(_date.fromisoformat(day), n) for day, n in found]

    # -- the Markdown export ------------------------------------------------------------

    def markdown(self) -> list[tuple[datetime, str]]:
        """Each item (where it came from) and each day it was done."""
        from storage import rows
        from storage.kinds import ritual_note_moment
        from storage.models import StoredLoveDone

        items = {item.id: item for item in self.list()}
        out = [self.block(item) for item in items.values()]
        for done in rows.fetch(self.journal, "love_log", StoredLoveDone, "ORDER BY on_date, id"):
            item = items.get(done.love_id)
            moment = ritual_note_moment(done.on_date)
            out.append((moment, md_block("Did something from my love list", moment, [
                ("What", item.what if item else ""), ("Note", done.note)], timed=False)))
        return out

    def block(self, item: Any) -> tuple[datetime, str]:
        from content import knowledge

        words = knowledge().small_things
        return item.created_at, md_block("On my love list", item.created_at, [
            ("What", item.what), ("Where it came from", words.love_source(item.source).name),
            ("Note", item.note)])


def _short(text: str, width: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1] + "\u2026"


def _day_words(day: date) -> str:
    """``today``, ``yesterday``, or ``on Monday 3 March``."""
    from datetime import timedelta

    today = dates.today()
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"on {day:%A} {day.day} {day:%B}"
