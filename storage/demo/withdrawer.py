"""The second demo persona: the one who steps back (``closer --demo withdrawer``).

The same six weeks as the first demo, lived from the other side: a launch at work, a partner
who asks and asks, and someone who goes quiet, shuts the study door and says "fine". Over the
weeks they learn to say when they need space and when they will come back, to turn toward the
small bids, and to say one sentence about what weighs on them. The shapes of the data are the
ones the parts use for the first persona (see each part's module).
"""

from __future__ import annotations

# ---------------------------------------------------------------- entries
# (days before today, hour, mood, starred, title, body)
ENTRIES: list[tuple[int, int, int | None, bool, str, str]] = [
    (41, 22, -1, False, "The study door",
     "Came in, ate, went to the study. I could feel the questions coming and I had nothing "
     "left to answer them with. Shut the door. Felt like a coward. #distance"),
    (39, 23, -2, False, "",
     "Asked three times what was wrong. Every time I said 'nothing' it got harder to say "
     "anything else. Went to bed so it would stop. #loop"),
    (37, 21, -1, False, "Nothing left",
     "Said I have nothing left at the end of the day. I meant the launch. I saw it land as "
     "'nothing left for you'. I didn't know how to take it back. #work"),
    (34, 20, 0, False, "",
     "I keep thinking that if I say the wrong thing it'll turn into a fight, so I say "
     "nothing, which turns into a fight anyway. #story"),
    (31, 21, 0, True, "The five minutes",
     "They asked if we could try five minutes after work, phones away, one good thing and "
     "one hard thing. Five minutes I can do. A whole evening of talking I can't, not now. "
     "#download"),
    (29, 22, 0, False, "",
     "First download. Stiff. My hard thing was the client call. Theirs was feeling lonely at "
     "lunch. I hadn't known. #download"),
    (27, 21, -1, False, "Home at nine",
     "Came home at nine without a message. I could have sent one line. One line would have "
     "cost me nothing. #loop"),
    (25, 15, 1, False, "Coffee at three",
     "They offered to bring coffee at three. No questions, just coffee. I said yes please, "
     "and it was the best part of the day. #smallthings"),
    (23, 22, -1, False, "",
     "They said 'you never ask about my day' and I went to bed without a word. Lay awake "
     "knowing that was my exit. #exits"),
    (22, 8, 1, False, "Morning after",
     "Said sorry for going to bed like that. They said sorry for the 'never'. We were both "
     "quite shy about it. #repair"),
    (19, 21, 1, True, "I said it",
     "Things got tense and I said: I need an hour, I'll come and find you at nine. I did. "
     "It was the first time stepping away didn't feel like leaving. #timeout"),
    (16, 22, 0, False, "",
     "Noticed I pick up the phone the moment it gets quiet between us. It feels like rest "
     "but it's a door closing. #exits"),
    (12, 20, 1, False, "",
     "They asked what might be hard for me right now. I talked about feeling behind at "
     "work for twenty minutes. I didn't know I needed to. #curious"),
    (10, 11, 1, False, "A walk and a talk",
     "Sunday walk. I asked how they feel about us, first time in months. Lonely sometimes, "
     "they said, and hopeful. I held on to the hopeful. #walk"),
    (6, 21, 1, False, "",
     "They brought up the family talk. Some relief: I'd been dreading his mum's comments "
     "and hadn't said so. #family"),
    (4, 21, 2, True, "Laughing again",
     "We cooked together and got the timing wrong on everything. I forgot to be tired. "
     "#us"),
    (2, 22, 0, False, "",
     "Told them in the download that I feel I can't get things right lately. They "
     "listened and didn't argue. I felt lighter, and a bit exposed. #download"),
    (1, 21, 1, False, "",
     "They held my hand on the sofa. I squeezed back and didn't reach for my phone. "
     "#smallthings"),
    (0, 8, None, False, "",
     "Writing before work: if today gets loud, say when I'll be back, and come back."),
]

# Written on this day some months back: (months before today, hour, mood, title, body)
ECHOES: list[tuple[int, int, int | None, str, str]] = [
    (3, 23, -1, "Before any of this",
     "Another evening at the laptop while they watched something alone. I tell myself I'm "
     "too tired to talk. Writing it down to see if that's the whole truth. #distance"),
    (12, 20, 1, "Our anniversary",
     "Dinner by the harbour. I talked more than I have in weeks. Easy, for once. I want to "
     "remember that it can be. #us"),
]

# ---------------------------------------------------------------- the loop
# (days before today, hour, minute, the map as then understood)
MAPS: list[tuple[int, int, int, dict]] = [
    (31, 23, 10, {
        "pattern": "pursue_withdraw",
        "my_role": "withdrawer",
        "me": {
            "trigger": "Questions the moment I walk in",
            "move": "Go quiet and shut the study door",
            "tells_self": "Whatever I say will come out wrong.",
            "surface": "Numb",
            "underneath": "",
            "longing": "",
        },
        "them": {
            "trigger": "Short answers and a closed door",
            "move": "Asks again, louder",
            "tells_self": "",
            "surface": "Angry",
            "underneath": "",
            "longing": "",
        },
    }),
    (9, 21, 40, {
        "pattern": "pursue_withdraw",
        "my_role": "withdrawer",
        "me": {
            "trigger": "Questions fired at me the moment I walk in, or a sharp 'never'",
            "move": "Go quiet, pick up the phone, work late",
            "tells_self": "Whatever I say will be wrong. I'm falling behind everywhere.",
            "surface": "Numb, a bit cold",
            "underneath": "Overwhelmed, and ashamed of not being enough",
            "longing": "Room to breathe, and to hear I'm doing well enough",
        },
        "them": {
            "trigger": "Short answers, a closed door, a late reply",
            "move": "Asks again, louder, or criticises",
            "tells_self": "Maybe: they don't care, I'm on my own with this.",
            "surface": "Frustrated, sharp",
            "underneath": "Lonely, and perhaps afraid of being left",
            "longing": "To know they matter to me and that I'll turn back",
        },
    }),
]

# (days before today, hour, minute, first mover, trigger, my move, their move, exits,
#  intensity, ending, note)
MOMENTS: list[tuple] = [
    (41, 22, 10, "me", "Home late with the launch on my mind; they were waiting to talk",
     "Went to the study and shut the door", "Knocked and asked if they'd done something wrong",
     ["overworking", "shutting_down"], 7, "unresolved",
     "I said 'nothing, I'm just tired'. True, and not the whole of it."),
    (39, 23, 0, "them", "Asked what was wrong, three times, louder each time",
     "Said nothing, then that I was going to sleep", "Went quiet too, then cried in the bathroom",
     ["shutting_down"], 8, "unresolved", "I heard it through the door and stayed in bed."),
    (36, 19, 45, "them", "A text in the middle of a meeting: are you ignoring me?",
     "Replied 'in meetings' and nothing else", "Didn't answer for the rest of the day",
     ["distractions", "overworking"], 6, "unresolved", ""),
    (33, 18, 30, "both", "The comment about our kitchen at my parents'",
     "Said nothing at the table, turned the radio up on the drive home",
     "Went quiet the whole drive home", ["shutting_down", "distractions"], 7, "unresolved",
     "I didn't stand up for us, and then I hid behind the radio."),
    (30, 22, 0, "them", "Waited up and asked why I never come home on time",
     "Said I can't win whatever I do, and went to shower", "Followed me to the bathroom door",
     ["fighting_blaming"], 6, "pause", ""),
    (27, 21, 15, "me", "Came home at nine without a message",
     "Said sorry for being late", "Said it was fine, and looked like it wasn't",
     ["overworking"], 4, "repair", "One line by text at six would have done it."),
    (23, 21, 40, "them", "'You never ask about my day'",
     "Went to bed early without a word", "Stayed on the sofa with the phone",
     ["shutting_down"], 6, "repair",
     "Next morning I said sorry for going to bed like that, and they for the 'never'."),
    (19, 20, 30, "them", "Asked about the weekend while I was still in my coat",
     "Said: I need an hour, I'll come and find you at nine. Came back at ten to nine.",
     "Waited, then we talked about the weekend", [], 4, "repair",
     "Stepping away with a time to come back. It worked better than the door."),
    (16, 22, 0, "both", "A quiet dinner after a long day",
     "Picked up my phone", "Picked up theirs", ["distractions"], 4, "pause",
     "The phone is my exit. Theirs too, tonight."),
    (12, 20, 15, "them", "Asked what might be hard for me right now",
     "Talked about feeling behind at work, for twenty minutes", "Listened, didn't fix",
     [], 3, "repair", "A question I could actually answer."),
    (8, 22, 20, "unsure", "An evening of silence, both tired",
     "Wanted to retreat; said 'long day, I'm here though' and sat with them",
     "Leaned against me and fell asleep on the sofa", [], 3, "pause", ""),
    (3, 20, 45, "me", "Snapped about the dishes",
     "Caught it and said sorry, it had been a long day", "Asked if I wanted a hug; I did",
     [], 2, "repair", "Two minutes instead of two days."),
]

# The likely reasons marked on some moments, by days before today: mine, as the one who steps
# back sees them, and, once or twice, what may be behind their reaching. Feeling overwhelmed
# comes back most.
MOMENT_REASONS: dict[int, list[str]] = {
    41: ["overwhelmed", "work_pressure"],
    39: ["overwhelmed", "avoiding_conflict"],
    36: ["work_pressure", "feeling_last"],
    33: ["avoiding_conflict"],
    30: ["feeling_last", "overwhelmed"],
    27: ["work_pressure"],
    23: ["feeling_last"],
    16: ["routine"],
    12: ["overwhelmed"],
}

# Right now moments, as in storage.demo.right_now: the pull to step back, twice (one time-out
# that came back on time, one that ran a little late) and a freeze.
RIGHT_NOW: list[tuple] = [
    (34, 22, 30, "withdraw", 8, "", 60,
     "I'm too wound up to talk well right now. I'm not going anywhere; I'll come and find you "
     "at 23:30.", False, "I'm sorry I came back late. I'm here now, and I want to hear you."),
    (19, 20, 30, "withdraw", 6, "", 30,
     "I need half an hour to land. I'll come and find you at 21:00.", True,
     "Would a walk round the block help, or would you rather talk on the sofa?"),
    (10, 21, 50, "freeze", 5, "Write one line about what I feel", None, "", None,
     "I'm here when you're ready, and I'm glad you asked."),
]

# ---------------------------------------------------------------- thought records
# (days before today, hour, the fields, links as (kind, days before today, side))
RECORDS: list[tuple[int, int, dict, list[tuple[str, int, str]]]] = [
    (39, 23, dict(
        situation="Evening, in the kitchen. Asked three times what was wrong; I said nothing "
                  "and went to bed.",
        feelings_before=[("overwhelmed", 85), ("ashamed", 70), ("numb", 60)],
        story="Whatever I say will be wrong, so it's better to say nothing.",
        story_belief_before=85,
        traps=["fortune_telling", "all_or_nothing"],
        evidence_for="The last two times I tried to explain, it turned into a row.",
        evidence_against="The download went fine when I said one hard thing. They didn't "
                         "argue; they said thank you.",
        alternative_story="Saying one true sentence might go better than silence; the rows "
                          "came when we were both already tired.",
        alternative_belief=50,
        story_belief_after=55,
        feelings_after=[("overwhelmed", 60), ("ashamed", 45), ("hopeful", 20)],
        next_step="Tomorrow: say I'm swamped, and when I'll have more room.",
        reasons=["overwhelmed", "misunderstood"],
    ), [("loop_event", 39, "for"), ("entry", 29, "against")]),
    (30, 22, dict(
        situation="They waited up and asked why I never come home on time.",
        feelings_before=[("cornered", 75), ("guilty", 70)],
        story="I'm failing them and I'm failing at work. I can't win.",
        story_belief_before=80,
        traps=["labelling", "all_or_nothing"],
        evidence_for="I was late four nights this week.",
        evidence_against="The launch is in two weeks; after that the hours change. They "
                         "said they miss me, which isn't the same as saying I'm failing.",
        alternative_story="Their asking is how they miss me. I can answer the missing, "
                          "even when I can't fix the hours.",
        alternative_belief=60,
        story_belief_after=45,
        feelings_after=[("cornered", 40), ("guilty", 45), ("tender", 30)],
        next_step="Text one line at six when I'll be late.",
        reasons=["missing_you", "feeling_last"],
    ), [("loop_event", 30, "for")]),
    (19, 21, dict(
        situation="Needed space after a tense start to the evening; said I'd come back at "
                  "nine, and did.",
        feelings_before=[("flooded", 70), ("afraid", 40)],
        story="If I ask for time, they'll think I'm leaving again.",
        story_belief_before=70,
        traps=["mind_reading"],
        evidence_for="They looked worried when I went upstairs.",
        evidence_against="They said 'okay, nine' and were glad when I came down. We "
                         "talked about the weekend without a fight.",
        alternative_story="Asking for time with a way back is different from leaving, and "
                          "they can feel the difference.",
        alternative_belief=75,
        story_belief_after=25,
        feelings_after=[("flooded", 20), ("relieved", 60)],
        next_step="Next time, say the time to come back first.",
    ), [("entry", 19, "against")]),
    # The newest is a draft: written down, weighed on one side, not finished yet.
    (2, 22, dict(
        situation="In the download I said I feel I can't get things right lately.",
        feelings_before=[("exposed", 60), ("relieved", 40)],
        story="Now they know I'm not coping, and they'll think less of me.",
        story_belief_before=55,
        traps=["mind_reading"],
        evidence_for="They were quiet for a moment after I said it.",
        evidence_against="",
        alternative_story="",
        alternative_belief=None,
        story_belief_after=None,
        feelings_after=[],
        next_step="",
    ), []),
]

# ---------------------------------------------------------------- the download, by day
# (status, note, good thing, hard thing[, reason]), as the rituals part reads them
DOWNLOAD_DAYS: dict[int, tuple] = {
    44: ("missed", "They asked; I said maybe tomorrow.", "", "", "chose_not_to"),
    43: ("missed", "", "", "", "forgot"),
    41: ("done", "Five minutes exactly. I watched the clock and felt bad about it.",
         "The bakery still had the seeded loaf", "The launch date moved up"),
    40: ("skipped", "Out with the team. Sent a kind text instead.", "", "", "busy"),
    37: ("done", "Talked about the launch. They listened and didn't make it about us.",
         "A colleague thanked me in front of everyone", "Nothing left by the evening"),
    33: ("missed", "After the drive home from my parents' neither of us wanted to.", "", "",
         "conflict"),
    29: ("done", "Stiff, but I said one hard thing and the sky didn't fall.",
         "Lunch in the park", "The client call"),
    27: ("skipped", "Home at nine. Should have texted; will next time.", "", "", "busy"),
    22: ("done", "Started with sorry, both of us. Then the usual two things.",
         "The morning-after apology", "Still raw from last night"),
    19: ("done", "Late, after my hour upstairs. Kept it anyway.",
         "Coming back when I said I would", "Feeling flooded before dinner"),
    16: ("missed", "Long week for both.", "", "", "busy"),
    12: ("done", "They asked what might be hard for me. Twenty minutes, phones away.",
         "Being asked a question I could answer", "Feeling behind at work"),
    4: ("done", "Cooked while we talked. Got the timing wrong on everything; didn't matter.",
        "We laughed so much", "An email I've been avoiding"),
    2: ("done", "Said I feel I can't get things right lately. They listened.",
        "A quiet train home", "Saying it out loud"),
    1: ("done", "Short one, both tired, still kept it.",
        "Held hands on the sofa", "A deadline that won't move"),
}

WALKS = {
    "done": [
        "To the river and back. Told them about my dad for the first time in ages.",
        "Windy. Mostly quiet, but the easy kind of quiet.",
        "Asked how they feel about us. Lonely sometimes, they said, and hopeful.",
        "Round the park twice. Planned nothing, which was the point.",
    ],
}

# ---------------------------------------------------------------- the rituals that keep more
# The boundary meetings, oldest first: (note, which of the last agreements still hold, the
# new agreements, one a line), as the rituals part reads them
MEETINGS: list[tuple[str, list[bool], str]] = [
    ("I nearly cancelled. Glad I didn't; it was shorter than I feared.", [],
     "We answer family comments together, not one of us alone\n"
     "We leave by six on Sundays\n"
     "Christmas plans are decided by the two of us first"),
    ("My sister's wedding. I wanted to go quiet; I stayed and we agreed.",
     [True, False, True],
     "One visit a month to my parents, not every weekend\n"
     "If one of us needs to leave early, the other backs it"),
]

# Shared discoveries tried, the latest first: (the idea, what we did)
DISCOVERED: list[tuple[str, str]] = [
    ("The Tuesday quiz at the corner pub", "We came fourth. Good team."),
    ("Bouldering taster for two", "She was better than me at the slab wall."),
]

# The one bigger-picture check-in answered, a few weeks back (content's questions in order)
CHECK_IN: list[str] = [
    "That I go quiet because I don't know what to say, not because I don't care.",
    "More than I expected. She doesn't push when I ask for an hour.",
    "Probably not always. I disappear into work and she's left guessing.",
    "Coming back when I say I will, every time.",
]
