"""The shared-discovery bank: ideas for something new to do together, and the day each was
done. An idea already done is never suggested again."""

from __future__ import annotations

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any


class Discoveries(Records):
    KIND = "discovery"

    def block(self, idea: Any) -> tuple[datetime, str]:
        from storage.kinds import ritual_note_moment

        if idea.done_on is None:
            return idea.created_at, md_block("An idea for a shared discovery", idea.created_at,
                                             [("Idea", idea.idea), ("Note", idea.note)])
        moment = ritual_note_moment(idea.done_on)
        return moment, md_block("A shared discovery", moment,
                                [("What we did", idea.idea), ("Note", idea.note)], timed=False)
