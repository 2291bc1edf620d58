"""Sample loop for the demo journal: a cycle map first drawn about a month ago and redrawn
after they started talking more (so there are two versions), and fifteen turns of the loop
over six weeks that come round less often and less hard as the small rituals take hold."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from storage import rows
from storage.demo import at

if TYPE_CHECKING:
    from storage.journal import Journal

# (days before today, hour, minute, the map as then understood)
MAPS: list[tuple[int, int, int, dict]] = [
    (31, 22, 40, {
        "pattern": "pursue_withdraw",
        "my_role": "pursuer",
        "me": {
            "trigger": "Short answers and a closed door",
            "move": "I ask again and again what's wrong",
            "tells_self": "They don't care about me any more.",
            "surface": "Angry",
            "underneath": "Scared",
            "longing": "To know I still matter to them",
        },
        "them": {
            "trigger": "Questions the moment they walk in",
            "move": "Goes quiet and shuts the study door",
            "tells_self": "",
            "surface": "Cold",
            "underneath": "",
            "longing": "",
        },
    }),
    (9, 21, 15, {
        "pattern": "pursue_withdraw",
        "my_role": "pursuer",
        "me": {
            "trigger": "Short answers, a closed door, a late reply",
            "move": "I ask again, louder, or I criticise",
            "tells_self": "They don't care. I'm on my own with this.",
            "surface": "Frustrated, sharp",
            "underneath": "Lonely, and afraid of being left",
            "longing": "To know I matter and that they'll turn back to me",
        },
        "them": {
            "trigger": "Questions fired at them the moment they walk in",
            "move": "Goes quiet, picks up the phone or works late",
            "tells_self": "Whatever I say will be wrong. I'm falling behind everywhere.",
            "surface": "Numb, a bit cold",
            "underneath": "Overwhelmed, and ashamed of not being enough",
            "longing": "Room to breathe, and to hear they're doing well enough",
        },
    }),
]

# (days before today, hour, minute, first mover, trigger, my move, their move, exits,
#  intensity, ending, note)
MOMENTS: list[tuple] = [
    (41, 22, 10, "them", "They went to the study after dinner and shut the door",
     "Knocked and asked if I'd done something wrong",
     "Said \"nothing, I'm just tired\" and kept typing",
     ["overworking", "distractions"], 7, "unresolved",
     "I scrolled in bed for an hour afterwards."),
    (39, 23, 0, "me", "Short answers all evening",
     "Asked three times what was wrong, louder each time",
     "Went silent, then said they were going to sleep",
     ["shutting_down"], 8, "unresolved",
     "I know asking again doesn't work, and I did it anyway."),
    (37, 21, 30, "them", "They said they have nothing left at the end of the day",
     "Went cold and started cleaning the kitchen", "Put the TV on",
     ["overworking", "distractions"], 6, "pause",
     "I heard \"nothing left for me\". That isn't what they said."),
    (36, 19, 45, "me", "A message unanswered all afternoon",
     "Texted again: \"are you ignoring me?\"", "Replied \"in meetings\" and nothing else",
     ["fighting_blaming"], 7, "unresolved", ""),
    (35, 20, 20, "them", "They cancelled our Friday plans for work",
     "Said \"of course you did\" and went to bed early", "Stayed up working",
     ["fighting_blaming", "overworking"], 7, "unresolved", ""),
    (33, 18, 30, "both", "The comment about our kitchen at their parents'",
     "Went quiet the whole drive home", "Went quiet too, and turned the radio up",
     ["shutting_down", "distractions"], 7, "unresolved",
     "Both of us withdrew this time. I wished one of us had said something kind."),
    (30, 22, 0, "me", "They stayed late at work again",
     "Waited up and asked why they never come home on time",
     "Said they can't win whatever they do, and went to shower",
     ["fighting_blaming", "overworking"], 6, "pause", ""),
    (29, 21, 10, "them", "They pulled their hand back when I reached for it",
     "Asked if they still want to be with me", "Said \"not now\" and went to the study",
     ["shutting_down"], 6, "unresolved",
     "Too big a question for a Tuesday night. Next time I'll ask a smaller one."),
    (28, 12, 30, "me", "Plans for Saturday changed at the last minute",
     "Said \"fine\" in a voice that meant it wasn't",
     "Asked what was wrong, then gave up when I said nothing",
     ["shutting_down"], 5, "pause",
     "Funny: this time I was the one who went quiet, and they were the one asking."),
    (27, 21, 15, "them", "They came home at nine without a message",
     "Felt the urge to text and wrote my story down instead",
     "Said sorry for being late; they looked worn out",
     ["overworking"], 4, "repair",
     "The old story started (they don't care). Writing it down took the heat out of it."),
    (23, 21, 40, "me", "Dinner with both of us on our phones",
     "Said \"you never ask about my day\"", "Went to bed early without a word",
     ["fighting_blaming", "distractions"], 6, "repair",
     "Next morning they said sorry for going to bed, and I said sorry for the \"never\"."),
    (16, 22, 0, "both", "A quiet dinner after a long day",
     "Picked up my phone", "Picked up theirs",
     ["distractions"], 4, "pause",
     "That's my exit as much as their silence is theirs."),
    (14, 21, 30, "them", "No download for three days",
     "Felt the pull to chase, and let it pass", "Came and sat with me later on",
     [], 4, "repair", "I didn't chase. It was hard. They came closer on their own."),
    (8, 22, 20, "unsure", "An evening of silence, both tired",
     "The old story came back; I wrote down the evidence against it",
     "Fell asleep on the sofa",
     ["shutting_down"], 3, "pause", "The story lost some of its grip."),
    (3, 20, 45, "them", "They snapped about the dishes",
     "Took a breath and asked if it had been a long day",
     "Said sorry, yes, and gave me a hug",
     [], 2, "repair", "A turn of the loop that took two minutes instead of two days."),
]

# The likely reasons marked on some moments, by days before today: mostly theirs, as the one
# who reaches guesses them. Work pressure comes back again and again.
MOMENT_REASONS: dict[int, list[str]] = {
    41: ["work_pressure", "overwhelmed"],
    37: ["exhaustion", "work_pressure"],
    36: ["work_pressure"],
    35: ["work_pressure"],
    33: ["family_strain"],
    30: ["work_pressure"],
    27: ["work_pressure", "exhaustion"],
    23: ["routine"],
    16: ["routine", "drifting_apart"],
    8: ["exhaustion"],
}


def fill(journal: Journal, today: date, persona: str = "pursuer") -> None:
    from storage.demo import persona_data
    from storage.models import LoopEventIn, LoopMapIn

    own = persona_data(persona)
    maps, moments, reasons = ((MAPS, MOMENTS, MOMENT_REASONS) if own is None else
                              (own.MAPS, own.MOMENTS, own.MOMENT_REASONS))
    for days, hour, minute, data in maps:
        moment = at(today - timedelta(days=days), hour, minute)
        rows.insert(journal, "loop_map", LoopMapIn.model_validate(data), created_at=moment)
    for (days, hour, minute, mover, trigger, mine, theirs, exits, intensity, ending,
         note) in moments:
        moment = at(today - timedelta(days=days), hour, minute)
        event = LoopEventIn(
            occurred_at=moment, first_mover=mover, trigger=trigger, my_move=mine,
            their_move=theirs, exits=exits, intensity=intensity, ending=ending, note=note,
            reasons=reasons.get(days, []),
        )
        rows.insert(journal, "loop_events", event, created_at=moment)
