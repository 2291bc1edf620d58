"""Sample rituals for the demo journal: every idea from content/ taken up about six and a
half weeks ago, and an honest log since: most downloads kept with a good and a hard thing,
some skipped, some missed (a few with a reason), today still open.

Three rituals keep more than a mark. The family boundary meeting began four months back,
so two meetings have been held, the second going over the agreements of the first; each
shared discovery is one of the ideas of the bank, tried on that day; one bigger-picture
check-in was answered a few weeks back, kept as a journal entry."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import import_module
from typing import TYPE_CHECKING

from storage.rituals import carry_agreements

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
    "bigger_picture": "20:30",
}

MEETINGS_MONTHS_AGO = 4
"""The boundary meeting started on the first of the month this many months back: two
quarterly meetings before this month, the second going over the first's agreements."""

# The boundary meetings, oldest first: (note, which of the last agreements still hold, the
# new agreements, one a line)
MEETINGS: list[tuple[str, list[bool], str]] = [
    ("Our first one. Awkward for ten minutes, then easier than we feared.", [],
     "We answer his mum's comments together, not one of us alone\n"
     "We leave by six on Sundays\n"
     "Christmas plans are decided by the two of us first"),
    ("Harder: his sister's wedding plans. We stayed on the same side.",
     [True, False, True],
     "One visit a month to his parents, not every weekend\n"
     "If one of us needs to leave early, the other backs it"),
]

# Shared discoveries tried, the latest first: (the idea, what we did). Each is matched to a
# day the ritual was kept, and added to the bank as done that day.
DISCOVERED: list[tuple[str, str]] = [
    ("Cook a dish neither of us has made", "Dumplings. Messy, and we laughed a lot."),
    ("The Sunday market across the river", "Sam found a book stall he loved."),
]

# The one bigger-picture check-in answered, a few weeks back (content's questions in order).
CHECK_IN: list[str] = [
    "Yes. I haven't said how lonely the evenings feel when the laptop comes out.",
    "Sometimes. More since the downloads started.",
    "I'm not sure. I talk a lot when I'm worried; maybe I don't leave room.",
    "A walk that isn't about anything.",
]

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

    own = persona_data(persona) or import_module(__name__)
    scripted, walk_notes = own.DOWNLOAD_DAYS, own.WALKS
    rituals = journal.rituals
    start = today - timedelta(days=STARTED_DAYS_AGO)
    first = _months_back(today, MEETINGS_MONTHS_AGO)
    for key, time in RITUALS.items():
        rituals.add_from_template(key, dtstart=first if key == "family_boundary_meeting"
                                  else start, time_of_day=time)
    yesterday = today - timedelta(days=1)
    due = rituals.due(first, yesterday)
    walks = meetings = 0
    discoveries = [day for day, items in due.items()
                   if any(r.template == "shared_discovery" for r in items)]
    tried = dict(zip(reversed(discoveries), own.DISCOVERED))
    check_ins = [day for day, items in due.items()
                 if (today - day).days >= 14
                 and any(r.template == "bigger_picture" for r in items)]
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
            elif key == "shared_discovery" and day in tried:
                idea, note = tried[day]
                rituals.mark_discovery(ritual.id, day, idea, note=note)
            elif key == "family_boundary_meeting" and meetings < len(own.MEETINGS):
                note, kept, new = own.MEETINGS[meetings]
                meetings += 1
                last = rituals.last_agreements(ritual.id, day)
                rituals.mark(ritual.id, day, "done", note=note, agreements=carry_agreements(
                    last.lines if last else (), kept, new))
            elif key == "bigger_picture" and check_ins and day == check_ins[-1]:
                rituals.check_in(ritual.id, day, own.CHECK_IN)
    for n, (idea, note) in enumerate(own.DISCOVERED[len(tried):], start=1):
        # tried before the ritual began (a month apart), and the reason it was taken up
        journal.discoveries.add_done(idea, start - timedelta(days=30 * n), note=note)


def _months_back(today: date, months: int) -> date:
    """The first day of the month ``months`` before ``today``'s."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


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
