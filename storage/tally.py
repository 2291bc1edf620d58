"""The private tally of one's own kindnesses and slights: about oneself only, never a score
of the partner; one key a day, and a weekly trend in Look back."""

from __future__ import annotations

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any


class Tally(Records):
    KIND = "tally"
    ORDER = "ORDER BY occurred_at, id"

    def block(self, mark: Any) -> tuple[datetime, str]:
        from content import knowledge

        item = knowledge().small_things.tally_item(mark.what)
        heading = "My tally: a kindness" if mark.side == "kind" else "My tally: a slight"
        return mark.occurred_at, md_block(heading, mark.occurred_at, [
            ("What", item.name), ("Note", mark.note)])
