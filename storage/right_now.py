"""Right now: a short practice for the minute the loop pulls at you, kept as a loop moment.

>>> right_now = journal.right_now                                         # doctest: +SKIP
>>> route("reach", 8)
'calm'
>>> route("withdraw", 3)
'time_out'
>>> moment = right_now.keep(pull="withdraw", strength=6, minutes=30,
...                         script="I need a little while. I'll be back by 9.",
...                         step="I'm back. Can we start small?")         # doctest: +SKIP
>>> right_now.came_back(moment.id, on_time=True).back_on_time              # doctest: +SKIP
True

The rules, in one place (the app and the tests ask here):

- The person names a pull (:data:`PULLS`) and how strong it is (0-10, the moment's
  ``intensity``). :func:`route` says where that leads: a strong urge to reach (at least
  :data:`STRONG`) goes to the calm timer first; pulling away to a time-out with a way back;
  freezing to a grounding step and one small choice; anything else straight to a next step.
- A time-out lasts one of :data:`TIME_OUT_MINUTES`; its return time is kept, and whether the
  person came back by then is asked when the time comes (or said later).
- What is kept is an ordinary loop moment (:mod:`storage.loop`) with the Right now fields
  set, so the loop pane, search, export and the trash all carry it as they carry any moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from storage import dates
from storage.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from storage.journal import Journal
    from storage.loop import LoopEvent

PULLS = ("reach", "withdraw", "freeze", "other")
"""The pulls a person can name, as stored (content/right_now.toml words each one)."""

ROUTES = ("calm", "time_out", "ground", "step")
"""Where a pull leads: the calm timer, a time-out, grounding, or straight to a next step."""

STRONG = 6
"""An urge to reach at least this strong (0-10) starts the calm timer before anything else."""

TIME_OUT_MINUTES = (20, 30, 60, 120)
"""How long a time-out may be, as offered: long enough to settle, short enough to come back."""

TIME_OUT_DEFAULT = 30


def route(pull: str, strength: int) -> str:
    """Where naming ``pull`` at ``strength`` (0-10) leads: one of :data:`ROUTES`.

    >>> [route(p, 7) for p in PULLS]
    ['calm', 'time_out', 'ground', 'step']
    >>> route("reach", STRONG - 1)
    'step'
    """
    if pull not in PULLS:
        raise InvalidInput(f"{pull!r} is not one of the pulls closer knows")
    if not 0 <= strength <= 10:
        raise InvalidInput(f"how strong: {strength} is outside 0 to 10")
    if pull == "reach":
        return "calm" if strength >= STRONG else "step"
    return {"withdraw": "time_out", "freeze": "ground"}.get(pull, "step")


def return_time(start: datetime, minutes: int) -> datetime:
    """When a time-out of ``minutes`` started at ``start`` ends (whole minutes, seconds
    dropped so the time said out loud is the time kept)."""
    if minutes not in TIME_OUT_MINUTES:
        allowed = ", ".join(str(m) for m in TIME_OUT_MINUTES)
        raise InvalidInput(f"a time-out lasts {allowed} minutes, not {minutes}")
    return (start + timedelta(minutes=minutes)).replace(second=0, microsecond=0)


class RightNow:
    """The Right now moments of one journal (loop moments with a pull)."""

    def __init__(self, journal: Journal):
        self.journal = journal

    def keep(
        self,
        *,
        pull: str,
        strength: int,
        step: str = "",
        choice: str = "",
        script: str = "",
        minutes: int | None = None,
        at: datetime | None = None,
    ) -> LoopEvent:
        """Keep one Right now moment and return it: the pull and its strength, the small
        choice and the next step the person kept, and for a time-out (``minutes`` given)
        its script and return time. A time-out's moment ends in a pause. One transaction;
        bad input raises :class:`storage.errors.InvalidInput` and keeps nothing."""
        route(pull, strength)  # refuses an unknown pull or a strength outside 0-10
        at = at or dates.now()
        fields: dict = {"occurred_at": at, "pull": pull, "intensity": strength,
                        "step": step.strip(), "choice": choice.strip()}
        if minutes is not None:
            fields.update(return_at=return_time(at, minutes), script=script.strip(),
                          ending="pause")
        elif script.strip():
            raise InvalidInput("a time-out's words need a time to come back")
        return self.journal.loop.log(**fields)

    def came_back(self, event_id: int, *, on_time: bool) -> LoopEvent:
        """Say whether the person came back from a time-out by its return time."""
        event = self.journal.loop.get_event(event_id)
        if event.return_at is None:
            raise NotFound("that loop moment was not a time-out")
        return self.journal.loop.update_event(event_id, back_on_time=bool(on_time))

    def waiting(self) -> list[LoopEvent]:
        """Time-outs not yet answered (did you come back on time?), soonest return first."""
        loop = self.journal.loop
        ids = [row[0] for row in self.journal.conn.execute(
            "SELECT id FROM loop_events WHERE return_at IS NOT NULL AND back_on_time IS NULL "
            "ORDER BY return_at, id").fetchall()]
        return [loop.get_event(event_id) for event_id in ids]


def parts(event: Any) -> list[tuple[str, str]]:
    """A kept moment's Right now parts as (label, words), in reading order, as content names
    them, for The loop's detail and the Markdown export; the words are "" for a part it does
    not have, and there is nothing at all for a moment with no pull. ``event`` is anything
    with the loop moment's fields (:class:`storage.loop.LoopEvent`)."""
    from content import knowledge
    from content.models import RIGHT_NOW_PARTS

    pull = getattr(event, "pull", None)
    if pull is None:
        return []
    words = knowledge().right_now
    try:
        named = words.pull(pull).name
    except KeyError:
        named = pull.replace("_", " ")
    back = {True: words.back_from.on_time, False: words.back_from.late}.get(
        getattr(event, "back_on_time", None), "")
    return_at = getattr(event, "return_at", None)
    values = {"pull": named, "choice": event.choice, "script": event.script,
              "return_at": f"{dates.local(return_at):%H:%M}" if return_at else "",
              "back_on_time": back, "step": event.step}
    return [(words.labels[key], values[key]) for key in RIGHT_NOW_PARTS]
