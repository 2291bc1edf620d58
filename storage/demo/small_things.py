"""Sample small things for the demo journal: the love list and the days each was done, a few
low-effort offers and how they landed, phrases of the person's own, the shared-discovery bank
and six weeks of the private tally, kinder as the weeks go on. Each persona keeps its own."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from storage import rows
from storage.demo import at

if TYPE_CHECKING:
    from storage.journal import Journal

# persona -> (what, where it came from, days before today it was done)
LOVE: dict[str, list[tuple[str, str, tuple[int, ...]]]] = {
    "pursuer": [
        ("Bring Sam coffee while he's still waking up", "their_way", (1, 3, 4, 8, 9, 15, 22)),
        ("Give him the first twenty minutes after work to himself", "asked", (0, 2, 5, 6, 12)),
        ("Put on the record we danced to in the old flat", "used_to", (10, 31)),
        ("Say thank you for the small jobs he does without being asked", "their_way",
         (1, 7, 14, 20)),
        ("Ask about the climbing, and listen to the whole answer", "asked", (3, 17)),
    ],
    "withdrawer": [
        ("Text Alex at lunch, even just one line", "asked", (0, 1, 2, 5, 6, 9, 13, 16)),
        ("Sit with her for ten minutes before I start on the laptop", "asked", (1, 4, 8, 11)),
        ("Cook the Sunday noodles like when we first moved in", "used_to", (7, 21)),
        ("Hold her hand on the walk", "their_way", (2, 14, 28)),
        ("Tell her what I liked about her day", "their_way", (3, 10)),
    ],
}

# persona -> (days before today, hour, what, at, instead, outcome, reason, note)
OFFERS: dict[str, list[tuple]] = {
    "pursuer": [
        (26, 18, "make dinner", "tonight", "order from the place you like", "welcomed",
         "work_pressure", "He chose the takeaway, and we ate it on the sofa."),
        (19, 20, "run you a bath", "after the call", "have the flat to yourself for an hour",
         "not_now", "overwhelmed", ""),
        (12, 19, "do the dishes", "this evening", "I did the shopping tomorrow instead",
         "welcomed", "work_pressure", ""),
        (4, 21, "sit with you on the sofa", "for ten minutes", "go to bed early", "declined",
         "exhaustion", "He was shattered. I asked once and let it be."),
        (1, 18, "pick up the parcel", "on my way home", "leave it till Saturday", None,
         "work_pressure", ""),
    ],
    "withdrawer": [
        (24, 19, "cook", "tonight", "get a takeaway together", "welcomed", "missing_you", ""),
        (15, 21, "have a cup of tea with you", "before bed", "talk at breakfast instead",
         "welcomed", "feeling_last", "We talked for half an hour. Easier than I thought."),
        (9, 18, "do the food shop", "on Thursday", "go together at the weekend", "welcomed",
         "work_pressure", ""),
        (6, 18, "come for a short walk", "after dinner", "stay in and watch something",
         "not_now", "routine", ""),
        (2, 20, "call your mum with you", "on Sunday", "send her a card", None,
         "family_strain", ""),
    ],
}

# persona -> (what it is for, the phrase, the critical words it replaces, favourite); a
# phrase of the book marked as a favourite is given by its key alone: ("book", key)
PHRASES: dict[str, list[tuple]] = {
    "pursuer": [
        ("open", "I saw something today that made me think of you. Can I tell you?", "",
         True),
        ("space", "Go and have your twenty minutes. I'll put the kettle on for after.", "",
         False),
        ("curious", "What's been taking up the most room in your head this week?",
         "You never tell me anything any more.", True),
        ("book", "heard_makes_sense"),
    ],
    "withdrawer": [
        ("reassure", "I'm not going anywhere. I just need to get my head straight.", "", True),
        ("heard", "So it felt like I'd vanished on you. That makes sense.", "", False),
        ("curious", "What would help you feel less alone with it tonight?",
         "Why do you always make this so big?", True),
        ("book", "space_back_at"),
    ],
}

# persona -> (the idea, days before today it was done or None, note). The ideas already
# tried come with the shared discovery's marks (storage.demo.rituals, DISCOVERED), on the
# days the ritual was kept; these are the ones still to try.
DISCOVERIES: dict[str, list[tuple[str, int | None, str]]] = {
    "pursuer": [
        ("A night walk with a flask", None, ""),
        ("The pottery taster evening", None, ""),
        ("A film from the year we met", None, ""),
    ],
    "withdrawer": [
        ("Try the Georgian bakery", None, ""),
        ("Stargazing from the hill", None, ""),
    ],
}

# (days before today, hour, side, what): the last weeks kinder than the first
TALLY: list[tuple[int, int, str, str]] = [
    (40, 21, "slight", "sarcasm"), (39, 20, "slight", "whatever"), (37, 8, "kind", "thanks"),
    (36, 22, "slight", "eye_roll"), (33, 19, "kind", "touch"), (31, 21, "slight", "sarcasm"),
    (29, 7, "kind", "kind_words"), (26, 20, "kind", "thanks"), (25, 22, "slight", "whatever"),
    (22, 8, "kind", "touch"), (19, 19, "kind", "kind_words"), (17, 21, "slight", "eye_roll"),
    (15, 8, "kind", "thanks"), (12, 20, "kind", "touch"), (10, 7, "kind", "kind_words"),
    (8, 21, "kind", "thanks"), (5, 19, "kind", "touch"), (3, 8, "kind", "kind_words"),
    (2, 20, "slight", "sarcasm"), (1, 7, "kind", "thanks"),
]


def fill(journal: Journal, today: date, persona: str = "pursuer") -> None:
    from storage.models import DiscoveryIn, LoveDoneIn, LoveIn, OfferIn, PhraseIn, TallyIn

    for what, source, done in LOVE[persona]:
        love_id = rows.insert(journal, "love_list", LoveIn(what=what, source=source))
        for days in done:
            rows.insert(journal, "love_log",
                        LoveDoneIn(love_id=love_id, on_date=today - timedelta(days=days)))
    for days, hour, what, when, instead, outcome, reason, note in OFFERS[persona]:
        rows.insert(journal, "offers", OfferIn(
            occurred_at=at(today - timedelta(days=days), hour), what=what, at=when,
            instead=instead, outcome=outcome, reason=reason, note=note))
    for phrase in PHRASES[persona]:
        if phrase[0] == "book":
            journal.phrases.favourite(phrase[1])
            continue
        intent, text, instead_of, favourite = phrase
        rows.insert(journal, "phrases", PhraseIn(intent=intent, text=text,
                                                 instead_of=instead_of, favourite=favourite))
    for idea, days, note in DISCOVERIES[persona]:
        done = None if days is None else today - timedelta(days=days)
        rows.insert(journal, "discoveries", DiscoveryIn(idea=idea, done_on=done, note=note))
    for days, hour, side, what in TALLY:
        rows.insert(journal, "tally", TallyIn(occurred_at=at(today - timedelta(days=days), hour),
                                              side=side, what=what))
