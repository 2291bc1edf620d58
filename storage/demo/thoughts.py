"""Sample thought records for the demo journal: eight over six weeks, the same worry coming
back in different clothes and holding on less each time; the newest one is still a draft.

They follow the demo entries and loop moments (same days), and some evidence points at them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from storage.demo import at

if TYPE_CHECKING:
    from storage.journal import Journal

# Each record: days before today, hour, the fields, and links as
# (kind, days before today of the entry or loop moment, side).
RECORDS: list[tuple[int, int, dict, list[tuple[str, int, str]]]] = [
    (39, 23, dict(
        situation="Evening, in the kitchen. I asked what was wrong three times; the answers got "
                  "shorter and they went to bed.",
        feelings_before=[("anxious", 85), ("hurt", 75), ("lonely", 70)],
        story="They don't love me any more, and they're working out how to tell me.",
        story_belief_before=90,
        traps=["mind_reading", "catastrophising"],
        evidence_for="They went to bed without saying goodnight. Short answers for days.",
        evidence_against="They said they were tired, twice. The launch is in two weeks. "
                         "This morning they kissed me before leaving.",
        alternative_story="They may be running on empty with the launch, and my questions "
                          "felt like one more thing to answer.",
        alternative_belief=50,
        story_belief_after=60,
        feelings_after=[("anxious", 65), ("hurt", 60), ("lonely", 60)],
        next_step="Tomorrow, say one kind thing and ask nothing.",
        reasons=["work_pressure", "overwhelmed"],
    ), [("loop_event", 39, "for")]),
    (37, 22, dict(
        situation="They said they have nothing left at the end of the day.",
        feelings_before=[("rejected", 80), ("sad", 70)],
        story="There's nothing left for me. I come last.",
        story_belief_before=85,
        traps=["personalising", "all_or_nothing"],
        evidence_for="We haven't had a proper evening together in two weeks.",
        evidence_against="What they said was about the work, not about me. They still text "
                         "me from the office at lunch.",
        alternative_story="The deadline is using up everything they have; once it's over "
                          "there may be more room for us.",
        alternative_belief=65,
        story_belief_after=40,
        feelings_after=[("rejected", 45), ("sad", 50)],
        next_step="Offer to bring coffee at three, with no talk required.",
        reasons=["work_pressure", "exhaustion"],
    ), [("entry", 37, "against")]),
    (33, 21, dict(
        situation="The drive home from lunch at their parents'. The comment about our "
                  "kitchen, and they said nothing.",
        feelings_before=[("angry", 75), ("alone", 70)],
        story="They'll always take their family's side over mine.",
        story_belief_before=80,
        traps=["overgeneralising", "fortune_telling"],
        evidence_for="They didn't speak up at the table.",
        evidence_against="Last Christmas they did stand up for me. In the car they looked "
                         "miserable too, not pleased.",
        alternative_story="They may feel caught between us and froze; we could work out "
                          "together how to handle these lunches.",
        alternative_belief=60,
        story_belief_after=45,
        feelings_after=[("angry", 40), ("alone", 45)],
        next_step="Ask if we can plan how we want to handle family visits, as a team.",
        reasons=["family_strain"],
    ), []),
    (27, 23, dict(
        situation="We skipped the five-minute talk; they came home at nine.",
        feelings_before=[("lonely", 75), ("disappointed", 70)],
        story="They don't care. The talks were only to keep me quiet.",
        story_belief_before=85,
        traps=["discounting_positive", "mind_reading"],
        evidence_for="They didn't message to say they'd be late.",
        evidence_against="They were the one who said the first talk felt good. They looked "
                         "exhausted, not careless.",
        alternative_story="A late night got in the way, not a change of heart.",
        alternative_belief=70,
        story_belief_after=45,
        feelings_after=[("lonely", 50), ("disappointed", 40)],
        next_step="Keep tomorrow's talk, and say I missed it tonight, without blame.",
    ), [("entry", 29, "against"), ("entry", 27, "for")]),
    (23, 22, dict(
        situation="I said \"you never ask about my day\" and they went to bed early.",
        feelings_before=[("ashamed", 70), ("afraid", 75)],
        story="I've ruined it. They'll give up on us after tonight.",
        story_belief_before=75,
        traps=["catastrophising", "labelling"],
        evidence_for="They didn't say goodnight.",
        evidence_against="We've had hard evenings before and found our way back. The "
                         "downloads had been going well.",
        alternative_story="It was one hard evening in a loop we both know; a repair is "
                          "possible tomorrow.",
        alternative_belief=70,
        story_belief_after=35,
        feelings_after=[("ashamed", 40), ("afraid", 35)],
        next_step="Say sorry for the \"never\", and mean it, in the morning.",
    ), [("entry", 22, "against")]),
    (14, 21, dict(
        situation="Three days without a download; both of us worn out.",
        feelings_before=[("hopeless", 65), ("tired", 80)],
        story="We're back where we started. Nothing we try lasts.",
        story_belief_before=70,
        traps=["all_or_nothing", "mental_filter"],
        evidence_for="No talks since Monday.",
        evidence_against="The new restaurant, the coffee, the sorry the morning after. "
                         "Three missed days is not six weeks undone.",
        alternative_story="We're tired, not back at the start; picking the ritual up again "
                          "is what matters.",
        alternative_belief=75,
        story_belief_after=35,
        feelings_after=[("hopeless", 25), ("tired", 70)],
        next_step="Suggest a short walk on Sunday instead of a long talk.",
    ), [("entry", 18, "against")]),
    (8, 22, dict(
        situation="Quiet evening on the sofa, both on our phones.",
        feelings_before=[("insecure", 60), ("lonely", 55)],
        story="They're bored of me.",
        story_belief_before=65,
        traps=["mind_reading", "emotional_reasoning"],
        evidence_for="We didn't talk much tonight.",
        evidence_against="On Sunday they asked how I feel about us. They talked about work "
                         "for twenty minutes when I asked a curious question.",
        alternative_story="A quiet evening can be restful for both of us, not a sign "
                          "something's gone.",
        alternative_belief=75,
        story_belief_after=25,
        feelings_after=[("insecure", 25), ("lonely", 20), ("calm", 50)],
        next_step="Ask what they'd like to do together this weekend.",
    ), [("entry", 10, "against"), ("entry", 12, "against")]),
    # The newest is a draft: written down, weighed on one side, not finished yet.
    (2, 22, dict(
        situation="In the download, their hard thing was me: they feel they can't get "
                  "things right lately.",
        feelings_before=[("guilty", 70), ("anxious", 60)],
        story="I've been making them miserable.",
        story_belief_before=60,
        traps=["personalising"],
        evidence_for="They said it was hard being around me lately.",
        evidence_against="",
        alternative_story="",
        alternative_belief=None,
        story_belief_after=None,
        feelings_after=[],
        next_step="",
    ), []),
]


def _target(journal: Journal, kind: str, day: date) -> int | None:
    """The first entry or loop moment written on ``day``, if there is one."""
    from storage.kinds import by_key

    table = by_key(kind).table
    return journal.scalar(
        f"SELECT id FROM {table} WHERE day = ? ORDER BY occurred_at, id LIMIT 1",
        (day.isoformat(),),
    )


def fill(journal: Journal, today: date, persona: str = "pursuer") -> None:
    from storage.demo import persona_data

    own = persona_data(persona)
    thoughts = journal.thoughts
    for days_ago, hour, fields, links in RECORDS if own is None else own.RECORDS:
        day = today - timedelta(days=days_ago)
        data = dict(fields)
        for name in ("feelings_before", "feelings_after"):
            data[name] = [{"name": n, "intensity": v} for n, v in data[name]]
        evidence = []
        for kind, target_days_ago, side in links:
            found = _target(journal, kind, today - timedelta(days=target_days_ago))
            if found is not None:
                evidence.append({"kind": kind, "id": found, "side": side})
        record = thoughts.create_draft(occurred_at=at(day, hour, 30), evidence_links=evidence,
                                       **data)
        if days_ago > 2:
            thoughts.complete(record.id)
