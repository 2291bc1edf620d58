"""The private tally of one's own kindnesses and slights: about oneself only, never a score
of the partner; one key a day, and a weekly trend in Look back."""

from __future__ import annotations

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import Any


class Tally(Records):
    KIND = "tally"
    ORDER = "ORDER BY occurred_at, id"

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
