"""The love list: what says "I love you" to the partner, each marked by where it came from
(they asked for it, something you used to do for each other, how they show love to you), and
the days each was done ("did it today"). "One small thing today" draws from it first."""

from __future__ import annotations

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import Any


class Love(Records):
    KIND = "love"

    def done_between(self, first: date, last: date) -> list[tuple[date, int]]:
        """The days from ``first`` to ``last`` (inclusive) something on the list was done,
        with how many items were done that day, oldest first."""
        from datetime import date as _date

        found = self.journal.conn.execute(
            "SELECT on_date, count(*) FROM love_log WHERE on_date BETWEEN ? AND ? "
            "GROUP BY on_date ORDER BY on_date", (first.isoformat(), last.isoformat()))
        return [(_date.fromisoformat(day), n) for day, n in found]

    def markdown(self) -> list[tuple[datetime, str]]:
        """Each item (where it came from) and each day it was done."""
        from content import knowledge
        from storage import rows
        from storage.kinds import ritual_note_moment
        from storage.models import StoredLoveDone

        words = knowledge().small_things
        items = {item.id: item for item in self.list()}
        out = [self.block(item) for item in items.values()]
        for done in rows.fetch(self.journal, "love_log", StoredLoveDone, "ORDER BY on_date, id"):
            item = items.get(done.love_id)
            moment = ritual_note_moment(done.on_date)
            out.append((moment, md_block(f"{words.name}: did it today", moment, [
                ("What", item.what if item else ""), ("Note", done.note)], timed=False)))
        return out

    def block(self, item: Any) -> tuple[datetime, str]:
        from content import knowledge

        words = knowledge().small_things
        return item.created_at, md_block("On my love list", item.created_at, [
            ("What", item.what), ("Where it came from", words.love_source(item.source).name),
            ("Note", item.note)])
