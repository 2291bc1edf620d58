"""Sample free entries: six weeks of someone noticing the distance and trying small things."""

from __future__ import annotations

from datetime import date, timedelta

from storage.demo import at

# (days before today, hour, mood, starred, title, body)
ENTRIES: list[tuple[int, int, int | None, bool, str, str]] = [
    (41, 22, -2, False, "Another quiet dinner",
     "We talked about the bins and what to watch. Then they went to the study and shut the "
     "door. I sat with my phone and felt like a flatmate. #distance"),
    (39, 23, -1, False, "",
     "I asked three times what was wrong. Each time the answer got shorter. I know asking "
     "again doesn't work, and I did it anyway. #loop"),
    (37, 21, -1, False, "Their deadline",
     "The launch is in two weeks. They said they have nothing left at the end of the day. "
     "I heard: nothing left for me. Writing that down, it isn't what they said. #work"),
    (35, 20, 0, False, "",
     "Walked to the river on my own. Thought about how we used to talk for hours when we "
     "first met. We were curious about each other then. #walk"),
    (33, 22, -1, False, "Sunday with the family",
     "Lunch at their parents'. The comment about our kitchen again. They said nothing and I "
     "went quiet the whole drive home. #family"),
    (31, 21, 0, True, "Trying something small",
     "Read about a five-minute talk after work: phones away, one good thing and one hard "
     "thing each. Asked if we could try it. They said yes, a bit warily. #download"),
    (29, 22, 0, False, "",
     "First download. It felt stiff. Their hard thing was the client call; mine was feeling "
     "lonely at lunch. Neither of us fixed anything, which was oddly fine. #download"),
    (27, 23, -1, False, "",
     "Skipped the talk, they came home at nine. I noticed the old story starting: they "
     "don't care. Wrote it down instead of texting. #story"),
    (25, 20, 1, False, "Coffee at three",
     "Instead of asking why they're distant, I offered to bring coffee at three. They "
     "looked surprised, then said yes please. #smallthings"),
    (23, 21, 0, False, "",
     "A hard evening. I criticised ('you never ask about my day') and they went to bed "
     "early. The loop, exactly as I mapped it. #loop"),
    (22, 9, 1, False, "Morning after",
     "They said sorry for going to bed without a word. I said sorry for the 'never'. "
     "Small, but it was a repair. #repair"),
    (20, 21, 1, False, "",
     "Download went well. Their good thing: the demo worked. Mine: the sun on the way "
     "home. We laughed about the neighbour's cat. #download"),
    (18, 19, 1, True, "Something new",
     "Tried the Ethiopian place neither of us had been to. Eating with our hands, both "
     "slightly lost. It felt like a date. #discovery"),
    (16, 22, 0, False, "",
     "Noticed I pick up my phone whenever it gets tense. That's my exit as much as their "
     "silence is theirs. #exits"),
    (14, 21, -1, False, "Tired",
     "Long week for both. No download for three days. I didn't chase, but I felt the pull "
     "to. #loop"),
    (12, 20, 1, False, "",
     "Asked 'what might be hard for you right now?' instead of 'why are you so quiet?'. "
     "They talked about feeling behind at work for twenty minutes. #curious"),
    (10, 21, 1, False, "A walk and a talk",
     "Sunday walk. They asked how I feel about us. First time in months. I said lonely "
     "sometimes, and hopeful. #walk"),
    (8, 22, 0, False, "",
     "The story came back tonight (they're bored of me). Evidence against: the walk, the "
     "coffee, the way they told me about work. It lost some of its grip. #story"),
    (6, 20, 1, False, "",
     "Planned the family talk for the first Sunday of next month, before the holidays "
     "decide it for us. They seemed relieved someone brought it up. #family"),
    (4, 21, 2, True, "Laughing again",
     "We cooked together and got the timing wrong on everything. I can't remember the last "
     "time we laughed that much. #us"),
    (2, 22, 1, False, "",
     "Download. Their hard thing was me, a little: they feel they can't get things right "
     "lately. I listened without defending. That was hard and it mattered. #download"),
    (1, 21, 1, False, "",
     "Held their hand on the sofa without a reason. They squeezed back. #smallthings"),
    (0, 8, None, False, "",
     "Writing before work: I want to keep the five minutes even on the busy days."),
]


# Written on this day some months back, for Look back's "on this day":
# (months before today, hour, mood, title, body)
ECHOES: list[tuple[int, int, int | None, str, str]] = [
    (3, 22, -1, "Before any of this",
     "Another evening of separate screens. I don't know when we stopped asking each other "
     "real questions. Writing it down so I can see whether it changes. #distance"),
    (12, 20, 1, "Our anniversary",
     "Dinner by the harbour. We talked about the trip we keep meaning to take. It felt easy "
     "tonight, and I want to remember that it can. #us"),
]


def fill(journal, today: date, persona: str = "pursuer") -> None:
    from dateutil.relativedelta import relativedelta

    from storage.demo import persona_data

    own = persona_data(persona)
    entries, echoes = (ENTRIES, ECHOES) if own is None else (own.ENTRIES, own.ECHOES)
    for days_ago, hour, mood, starred, title, body in entries:
        journal.entries.add(
            body,
            title=title,
            occurred_at=at(today - timedelta(days=days_ago), hour),
            mood=mood,
            starred=starred,
        )
    for months, hour, mood, title, body in echoes:
        journal.entries.add(
            body, title=title, occurred_at=at(today - relativedelta(months=months), hour),
            mood=mood,
        )
