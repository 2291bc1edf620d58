"""The private tally of one's own kindnesses and slights: about oneself only, never a score
of the partner. One key adds a mark now; today's marks and this week's so far are counted
plainly, kind beside slight; the last mark of today can be taken back (to the trash).

>>> journal.tally.mark("thanks", note="for the lift")   # doctest: +SKIP
>>> journal.tally.counts(week_start(today), today)      # doctest: +SKIP
{'kind': 4, 'slight': 1}
"""

from __future__ import annotations

from storage import dates
from storage.errors import NotFound
from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import Any

    from storage.trash import TrashItem

SIDES = ("kind", "slight")


class Tally(Records):
    KIND = "tally"
    ORDER = "ORDER BY occurred_at, id"

    def mark(self, what: str, note: str = "", at: datetime | None = None) -> Any:
        """Add one mark for a tally item (a key of content's ``small_things.tally``), now
        unless ``at`` is given; the side (kind or slight) is the item's own. InvalidInput,
        saving nothing, for an item the tally does not have."""
        from content import knowledge

        from storage.errors import InvalidInput

        try:
            item = knowledge().small_things.tally_item(what)
        except KeyError:
            raise InvalidInput(f"the tally has nothing called {what!r}") from None
        return self.add(occurred_at=at or dates.now(), side=item.side, what=item.key,
                        note=(note or "").strip())

    def set_note(self, mark_id: int, note: str) -> Any:
        """Write or change a mark's note (an empty one takes it away); returns the mark."""
        return self.update(mark_id, note=(note or "").strip())

    def on_day(self, day: date | None = None) -> list[Any]:
        """The marks of a local day (today unless given), in the order they were made."""
        return self.list("WHERE day = ? ORDER BY occurred_at, id",
                         ((day or dates.today()).isoformat(),))

    def counts(self, first: date, last: date) -> dict[str, int]:
        """How many kind marks and how many slights from ``first`` to ``last`` (inclusive)."""
        out = dict.fromkeys(SIDES, 0)
        for _, side, n in self.between(first, last):
            out[side] = out.get(side, 0) + n
        return out

    def week_so_far(self, today: date | None = None) -> dict[str, int]:
        """:meth:`counts` from the start of this week (Monday) to ``today``."""
        from storage.weeks import week_start

        today = today or dates.today()
        return self.counts(week_start(today), today)

    def undo_last(self, today: date | None = None) -> TrashItem:
        """Take back the last mark of today: it goes to the trash (an undo brings it back).
        NotFound when today has no mark."""
        marks = self.on_day(today)
        if not marks:
            raise NotFound("Nothing is marked today, so there is nothing to take back.")
        return self.journal.trash.delete(self.kind.word, marks[-1].id)

    def between(self, first: date, last: date) -> list[tuple[date, str, int]]:
        """(day, side, how many) for each local day from ``first`` to ``last`` (inclusive)
        that has marks, oldest first; ``side`` is ``kind`` or ``slight``."""
        from datetime import date as _date

        found = self.journal.conn.execute(
            "SELECT day, side, count(*) FROM tally WHERE day BETWEEN ? AND ? "
            "GROUP BY day, side ORDER BY day, side", (first.isoformat(), last.isoformat()))
        return [(_date.fromisoformat(day), side, n) for day, side, n in found]

    def block(self, mark: Any) -> tuple[datetime, str]:
        from content import knowledge

        item = knowledge().small_things.tally_item(mark.what)
        heading = "My tally: a kindness" if mark.side == "kind" else "My tally: a slight"
        return mark.occurred_at, md_block(heading, mark.occurred_at, [
            ("What", item.name), ("Note", mark.note)])
