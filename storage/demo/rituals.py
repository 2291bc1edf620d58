"""Sample rituals for the demo journal: every idea from content/ taken up about six and a
half weeks ago, and an honest log since: most downloads kept with a good and a hard thing,
some skipped, some missed (a few with a reason), today still open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.journal import Journal

STARTED_DAYS_AGO = 45

# template key -> time of day
RITUALS: dict[str, str | None] = {
    "five_minute_download": "18:30",
    "small_bids": None,
    "walk_and_talk": "10:00",
    "shared_discovery": None,
    "family_boundary_meeting": "16:00",
}

# Days (counted back from today) with something particular to say about the download:
# (status, note, good thing, hard thing[, reason])
DOWNLOAD_DAYS: dict[int, tuple] = {
    44: ("missed", "Didn't bring it up. Felt silly asking for a 'ritual'.", "", "",
         "chose_not_to"),
    43: ("missed", "", "", "", "forgot"),
    41: ("done", "Five minutes exactly, both watching the clock.",
         "The bakery still had the seeded loaf", "Felt like a flatmate at dinner"),
    40: ("skipped", "They were out with the team. Sent a kind text instead.", "", "", "busy"),
    37: ("done", "They talked about the launch. I listened and didn't make it about us.",
         "A colleague thanked me in front of everyone", "The launch date moved up again"),
    33: ("missed", "After the drive home from their parents' neither of us wanted to.", "", "",
         "conflict"),
    29: ("done", "It felt stiff. Neither of us fixed anything, which was oddly fine.",
         "Lunch in the park", "Feeling lonely at lunch, even in company"),
    27: ("skipped", "They came home at nine. Wrote my story down instead of texting.", "", "",
         "busy"),
    23: ("missed", "The evening went wrong before we got to it.", "", "", "conflict"),
    22: ("done", "Started with sorry, both of us. Then the usual two things.",
         "The morning-after apology", "Still raw from last night"),
    20: ("done", "We laughed about the neighbour's cat for longer than five minutes.",
         "Their demo worked", "Sun on the way home, then the bad news from my sister"),
    16: ("missed", "Long week for both.", "", "", "busy"),
    15: ("missed", "", "", "", "busy"),
    12: ("done", "Asked what might be hard for them right now. Twenty minutes, phones away.",
         "They opened up about feeling behind", "Hearing how tired they are"),
    4: ("done", "Cooked while we talked. Got the timing wrong on everything; didn't matter.",
        "We laughed so much", "My back after the gym"),
    2: ("done", "Their hard thing was me, a little. I listened without defending.",
        "A quiet train home", "Hearing they feel they can't get things right lately"),
    1: ("done", "Short one, both tired, still kept it.",
        "Held hands on the sofa", "An email I've been dreading"),
}

GOOD = [
    "Coffee at three, brought without asking",
    "A long call with my brother",
    "Finished the report a day early",
    "The first warm evening this year",
    "They remembered my dentist appointment",
    "A stranger helped with the pram on the bus",
    "Found the book I lost in the spring",
    "Our plant has a new leaf",
]
HARD = [
    "A meeting where nobody listened",
    "Money worries again",
    "Missed my run",
    "Snapped at a colleague and regretted it",
    "Mum's test results are still not back",
    "The commute took an hour",
    "Felt far away from them all day",
    "A deadline that won't move",
]
NOTES = ["", "", "Phones in the drawer first.", "On the balcony.", "", "Kept it short.",
         "Tea first, then talk.", ""]

BIDS_NOTES = [
    "They showed me a video of a dog on a skateboard. I watched it with them.",
    "They sighed at the laptop. I asked if they wanted tea.",
    "A hand on my shoulder while I was cooking. I leaned in.",
    "They read me a line from their book. I put my phone down.",
    "I missed one: they asked about my day and I said 'fine'.",
    "They texted a photo of the sunset. I sent one back.",
]

WALKS = {
    "done": [
        "To the river and back. Talked about their dad for the first time in ages.",
        "Windy. Mostly quiet, but the easy kind of quiet.",
        "They asked how I feel about us. I said lonely sometimes, and hopeful.",
        "Round the park twice. Planned nothing, which was the point.",
    ],
}


def fill(journal: Journal, today: date, persona: str = "pursuer") -> None:
    """Take up every ritual idea and write the log up to yesterday (today stays open), with
    the notes ``persona`` wrote."""
    from storage.demo import persona_data

    own = persona_data(persona)
    scripted, walk_notes = (DOWNLOAD_DAYS, WALKS) if own is None else (own.DOWNLOAD_DAYS,
                                                                        own.WALKS)
    rituals = journal.rituals
    start = today - timedelta(days=STARTED_DAYS_AGO)
    for key, time in RITUALS.items():
        rituals.add_from_template(key, dtstart=start, time_of_day=time)
    yesterday = today - timedelta(days=1)
    due = rituals.due(start, yesterday)
    walks = 0
    for day, items in due.items():
        ago = (today - day).days
        for ritual in items:
            key = ritual.template
            if key == "five_minute_download":
                _download(rituals, ritual.id, day, ago, scripted)
            elif key == "small_bids":
                if ago % 3 == 0:
                    rituals.mark(ritual.id, day, "done", note=BIDS_NOTES[ago % len(BIDS_NOTES)])
                elif ago % 3 == 1 and ago < 30:
                    rituals.mark(ritual.id, day, "done")
                # the rest: not noticed, not written down (they show as missed)
            elif key == "walk_and_talk":
                walks += 1
                if walks == 2:
                    rituals.mark(ritual.id, day, "skipped", note="Pouring with rain all day.",
                                 reason="chose_not_to")
                elif walks == 3:
                    rituals.mark(ritual.id, day, "missed",
                                 note="Still prickly after Sunday lunch with the family.",
                                 reason="conflict")
                else:
                    notes = walk_notes["done"]
                    rituals.mark(ritual.id, day, "done", note=notes[walks % len(notes)])
            elif key == "shared_discovery":
                rituals.mark(ritual.id, day, "done",
                             note="A tiny Ethiopian place neither of us knew. Eating with our "
                                  "hands, both a bit lost; it felt like a date.")
            elif key == "family_boundary_meeting":
                rituals.mark(ritual.id, day, "done",
                             note="Agreed we answer his mum's comments together, and that "
                                  "we leave by six on Sundays.")


def _download(rituals, ritual_id: int, day: date, ago: int, days: dict[int, tuple]) -> None:
    scripted = days.get(ago)
    if scripted is not None:
        status, note, good, hard, reason = (*scripted, None)[:5]
        rituals.mark(ritual_id, day, status, note=note, positive=good, negative=hard,
                     reason=reason)
        return
    if ago % 9 == 5:
        return  # nothing written: it shows as missed
    if ago % 11 == 7:
        rituals.mark(ritual_id, day, "skipped", note="Both wiped out; agreed to skip.")
        return
    rituals.mark(ritual_id, day, "done", note=NOTES[ago % len(NOTES)],
                 positive=GOOD[ago % len(GOOD)], negative=HARD[(ago * 3) % len(HARD)])
