"""Sample Right now moments for the demo journal: three times the loop pulled hard enough to
open Right now (twice the urge to reach, early on; later, once, to pull away), with the step
each one kept and one time-out that came back on time. The two early ones fall in the weeks
before the last four, so the loop still reads as easing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from storage import rows
from storage.demo import at
from storage.right_now import return_time

if TYPE_CHECKING:
    from storage.journal import Journal

# (days before today, hour, minute, pull, strength, small choice, time-out minutes, script,
#  back on time, the next step kept)
MOMENTS: list[tuple] = [
    (33, 22, 5, "reach", 8, "", None, "", None,
     "No rush at all. Whenever you feel like talking, I'm here."),
    (11, 21, 40, "withdraw", 6, "", 30,
     "I need a little while to settle. I'm not leaving this; I'll come back to you at 22:10.",
     True, "Thanks for giving me that time. I'm here now; can we start small?"),
    (38, 19, 20, "reach", 5, "", None, "", None,
     "Would a cup of tea at eight help, or would you like a quiet half hour together later?"),
]


def fill(journal: Journal, today: date, persona: str = "pursuer") -> None:
    from storage.demo import persona_data
    from storage.models import LoopEventIn

    own = persona_data(persona)
    for (days, hour, minute, pull, strength, choice, minutes, script, back,
         step) in (MOMENTS if own is None else own.RIGHT_NOW):
        moment = at(today - timedelta(days=days), hour, minute)
        event = LoopEventIn(
            occurred_at=moment, pull=pull, intensity=strength, choice=choice, step=step,
            script=script, return_at=return_time(moment, minutes) if minutes else None,
            back_on_time=back, ending="pause" if minutes else "unresolved",
        )
        rows.insert(journal, "loop_events", event, created_at=moment)
