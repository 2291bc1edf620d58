"""The shared-discovery bank: ideas for something new to do together, and the day each was
done. An idea already done is never suggested again.

>>> idea = journal.discoveries.add(idea="A night walk with a flask")      # doctest: +SKIP
>>> journal.discoveries.suggest(date(2026, 3, 1)).idea                     # doctest: +SKIP
'A night walk with a flask'
>>> journal.discoveries.mark_done(idea.id, date(2026, 3, 7), note="Owls!")  # doctest: +SKIP
>>> journal.discoveries.suggest(date(2026, 3, 8)) is None                  # doctest: +SKIP
True

The rules, in one place:

- An idea is a few words someone must write; two ideas the same (ignoring case and
  spacing) are one idea, so the second is refused in plain words.
- :meth:`Discoveries.suggest` only ever offers ideas not done yet. It moves through them
  month by month (a different one each month, round again when all were offered), and
  ``after`` asks for the one after a given idea, for "another one, please".
- Marking an idea done says on which day and, if you like, what you did (its note); undoing
  takes the day away and keeps the words. The shared discovery's mark says so too: marked
  skipped or missed, taken away or cleared to the trash, the day's idea is to try again
  (:meth:`Discoveries.give_back`); restored from the trash, done again.
"""

from __future__ import annotations

from storage import dates
from storage.errors import InvalidInput
from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import Any


def same_idea(text: str) -> str:
    """How two ideas are compared: case and spacing left out.

    >>> same_idea("  Night   Market ") == same_idea("night market")
    True
    """
    return " ".join(text.split()).casefold()


class Discoveries(Records):
    KIND = "discovery"

    def before_write(self, model: Any, record_id: int | None) -> None:
        wanted = same_idea(model.idea)
        for other_id, other in self.journal.conn.execute("SELECT id, idea FROM discoveries"):
            if other_id != record_id and same_idea(other) == wanted:
                raise InvalidInput(f"\u201c{other}\u201d is already in your bank of ideas.")

    # ------------------------------------------------------------ reading

    def to_try(self) -> list[Any]:
        """The ideas not done yet, oldest first (the order :meth:`suggest` goes round)."""
        return self.list("WHERE done_on IS NULL ORDER BY id")

    def done(self) -> list[Any]:
        """The ideas done, the latest first."""
        return self.list("WHERE done_on IS NOT NULL ORDER BY done_on DESC, id DESC")

    def done_on_day(self, day: date) -> Any | None:
        """The idea done on ``day`` (the latest added, should there be two), or None."""
        found = self.list("WHERE done_on = ? ORDER BY id DESC", (day.isoformat(),))
        return found[0] if found else None

    def suggest(self, today: date, *, after: int | None = None) -> Any | None:
        """The idea to offer: one not done yet, a different one each month; with
        ``after`` (an idea's id), the one after it, going round. None when every idea is
        done (or there are none)."""
        ideas = self.to_try()
        if not ideas:
            return None
        if after is not None:
            later = [idea for idea in ideas if idea.id > after]
            return later[0] if later else ideas[0]
        return ideas[(today.year * 12 + today.month - 1) % len(ideas)]

    # ------------------------------------------------------------ writing

    def mark_done(self, idea_id: int, day: date, note: str | None = None) -> Any:
        """Say an idea was done on ``day`` (and, when ``note`` is given, what you did).
        Refuses a day still to come."""
        if day > dates.today():
            raise InvalidInput("That day has not come yet; an idea is marked done once it "
                               "has happened.")
        changes: dict[str, Any] = {"done_on": day}
        if note is not None:
            changes["note"] = note
        return self.update(idea_id, **changes)

    def add_done(self, idea: str, day: date, note: str = "") -> Any:
        """A new idea that was done on ``day`` straight away (refused as :meth:`add` and
        :meth:`mark_done` refuse)."""
        with self.journal.transaction():
            added = self.add(idea=idea, note=note)
            return self.mark_done(added.id, day)

    def undo(self, idea_id: int) -> Any:
        """The idea is not done after all: back among the ideas to try, its words kept."""
        return self.update(idea_id, done_on=None)

    def give_back(self, day: date) -> list[int]:
        """The shared discovery of ``day`` did not happen after all (its mark skipped,
        missed or cleared): each idea done that day goes back among the ideas to try, its
        words kept. Their ids, for :meth:`done_again`."""
        found = [idea.id for idea in self.list("WHERE done_on = ?", (day.isoformat(),))]
        for idea_id in found:
            self.undo(idea_id)
        return found

    def done_again(self, idea_ids: list[int], day: date) -> None:
        """Its mark restored: each of ``idea_ids`` still in the bank and not done since is
        done on ``day`` again."""
        for idea_id in idea_ids:
            if self.journal.scalar("SELECT 1 FROM discoveries WHERE id = ? AND done_on IS "
                                   "NULL", (idea_id,)):
                self.update(idea_id, done_on=day)

    def start_bank(self) -> int:
        """Put content's few starting ideas into an empty bank; how many went in (none
        when the bank already has ideas)."""
        if self.count():
            return 0
        from content import knowledge

        ideas = knowledge().small_things.discovery_ideas
        with self.journal.transaction():
            for idea in ideas:
                self.add(idea=idea)
        return len(ideas)

    # ------------------------------------------------------------ the export

    def block(self, idea: Any) -> tuple[datetime, str]:
        from storage.kinds import ritual_note_moment

        if idea.done_on is None:
            return idea.created_at, md_block("An idea for a shared discovery", idea.created_at,
                                             [("Idea", idea.idea), ("Note", idea.note)])
        moment = ritual_note_moment(idea.done_on)
        return moment, md_block("A shared discovery", moment,
                                [("What we did", idea.idea), ("Note", idea.note)], timed=False)
