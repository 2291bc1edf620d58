"""Look back's small things: the reasons for the distance that recur, each with the practice
that answers it; the love list and the private tally week by week; and the early sign when
the everyday sharing goes quiet. All on fixed days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from storage import InvalidInput, rows
from storage.brief import make_brief
from storage.early_sign import early_sign, last_shared
from storage.models import (LoopEventIn, LoveDoneIn, LoveIn, OfferIn, RitualLogIn, TallyIn,
                            ThoughtRecordIn)
from storage.review import SMALL_THING_TAG, SMALL_THING_TITLE, summarize

TODAY = date(2027, 1, 20)  # a Wednesday


def at(day: date, hour: int = 20) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def moment(journal, day: date, reasons: list[str]) -> int:
    return rows.insert(journal, "loop_events", LoopEventIn(
        occurred_at=at(day), intensity=5, ending="unresolved", trigger="late again",
        reasons=reasons))


def record(journal, day: date, reasons: list[str]) -> int:
    return rows.insert(journal, "thought_records", ThoughtRecordIn(
        occurred_at=at(day), story="they don't care", reasons=reasons))


def love_done(journal, day: date, what: str = "a note in their bag") -> None:
    love_id = journal.scalar("SELECT id FROM love_list WHERE what = ?", (what,))
    if love_id is None:
        love_id = rows.insert(journal, "love_list", LoveIn(what=what, source="asked"))
    rows.insert(journal, "love_log", LoveDoneIn(love_id=love_id, on_date=day))


def tally(journal, day: date, side: str, n: int = 1) -> None:
    what = "thanks" if side == "kind" else "sarcasm"
    for _ in range(n):
        rows.insert(journal, "tally", TallyIn(occurred_at=at(day), side=side, what=what))


# ---------------------------------------------------------------- reasons


def test_a_thought_record_keeps_its_reasons_through_the_api(journal):
    draft = journal.thoughts.create_draft(story="they've gone quiet",
                                          reasons=["work_pressure"])
    assert journal.thoughts.view(draft.id).reasons == ["work_pressure"]
    changed = journal.thoughts.update(draft.id, reasons=["work_pressure", "overwhelmed"])
    assert changed.reasons == ["work_pressure", "overwhelmed"]
    with pytest.raises(InvalidInput):
        journal.thoughts.update(draft.id, reasons=["no_such_reason"])
    assert journal.thoughts.view(draft.id).reasons == ["work_pressure", "overwhelmed"]


def test_reasons_marked_are_counted_most_frequent_first_with_their_practice(journal):
    moment(journal, ago(1), ["work_pressure", "routine"])
    moment(journal, ago(3), ["work_pressure"])
    record(journal, ago(2), ["work_pressure", "family_strain"])
    record(journal, ago(4), ["routine"])
    moment(journal, ago(200), ["drifting_apart"])  # outside the window

    found = journal.review.reasons(weeks=12, today=TODAY)
    assert [(c.key, c.marked) for c in found.counts] == [
        ("work_pressure", 3), ("routine", 2), ("family_strain", 1)]
    work = found.counts[0]
    assert (work.moments, work.records) == (2, 1)
    assert work.words() == "Work pressure: marked 3 times (2 loop moments, 1 thought record)"
    assert work.practice.key == "offer"
    assert work.answer().startswith("What can help: A low-effort offer.")
    assert "(Small things, Offers)" in work.answer()
    assert found.counts[1].practice.key == "shared_discovery"
    assert found.counts[2].practice.key == "boundary_meeting"
    assert [c.key for c in found.recurring] == ["work_pressure", "routine"]
    assert found.line() == "The reason that came up most: work pressure (3 times)."


def test_ties_come_in_the_order_content_lists_the_reasons(journal):
    moment(journal, ago(1), ["routine", "drifting_apart"])
    found = journal.review.reasons(today=TODAY)
    assert [c.key for c in found.counts] == ["drifting_apart", "routine"]
    assert found.counts[0].practice.key == "download"
    assert "none has come up twice" in found.line()


def test_no_reasons_marked_says_nothing(journal):
    moment(journal, ago(1), [])
    found = journal.review.reasons(today=TODAY)
    assert found.counts == [] and found.line() == ""


def test_each_week_carries_its_reasons_and_the_json_shows_them(journal):
    moment(journal, ago(0), ["overwhelmed"])
    record(journal, ago(1), ["overwhelmed", "exhaustion"])
    moment(journal, ago(8), ["work_pressure"])
    this, before = journal.review.weeks(limit=2, today=TODAY)
    assert this.reasons == (("overwhelmed", 2), ("exhaustion", 1))
    assert before.reasons == (("work_pressure", 1),)
    assert this.to_json()["reasons"] == [{"reason": "overwhelmed", "marked": 2},
                                         {"reason": "exhaustion", "marked": 1}]


def test_the_brief_names_the_reasons_and_what_can_help(journal):
    moment(journal, ago(1), ["family_strain"])
    record(journal, ago(2), ["family_strain"])
    section = next(s for s in make_brief(journal, weeks=2, today=TODAY).sections
                   if s.key == "reasons")
    assert section.parts[1] == ("Family strain: twice; what can help: the family boundary "
                                "meeting",)
    empty = next(s for s in make_brief(journal, weeks=2, today=TODAY + timedelta(weeks=8))
                 .sections if s.key == "reasons")
    assert "did not mark any" in empty.parts[0]


# ---------------------------------------------------------------- love list and tally


def test_love_days_and_the_tally_are_counted_per_week(journal):
    love_done(journal, ago(0))
    love_done(journal, ago(0), "their coffee")  # the same day twice counts one day
    love_done(journal, ago(1))
    love_done(journal, ago(9))
    tally(journal, ago(1), "kind", 3)
    tally(journal, ago(2), "slight")
    this, before = journal.review.weeks(limit=2, today=TODAY)
    assert (this.love_days, this.kindnesses, this.slights) == (2, 3, 1)
    assert (before.love_days, before.kindnesses, before.slights) == (1, 0, 0)
    assert this.to_json()["love_list_days"] == 2
    assert (this.to_json()["kindnesses"], this.to_json()["slights"]) == (3, 1)
    said = summarize(this)
    assert "You did something from your love list on 2 days." in said
    assert "Your own tally: 3 kindnesses, 1 slight." in said


def test_a_week_with_only_small_things_is_not_empty(journal):
    tally(journal, ago(0), "kind")
    (week,) = journal.review.weeks(limit=1, today=TODAY)
    assert not week.empty
    assert summarize(week) == ["Your own tally: 1 kindness, 0 slights."]


@pytest.mark.parametrize(("recent", "earlier", "trend"), [
    ((4, 1), (2, 2), "kinder"),   # 80 % kind against 50 %
    ((1, 2), (4, 1), "harder"),
    ((3, 1), (6, 2), "steady"),
    ((2, 0), (0, 0), "new"),
    ((0, 0), (2, 1), "steady"),
    ((0, 0), (0, 0), ""),
])
def test_the_tally_trend_compares_the_last_two_weeks_with_the_weeks_before(
        journal, recent, earlier, trend):
    tally(journal, ago(1), "kind", recent[0])
    tally(journal, ago(1), "slight", recent[1])
    tally(journal, ago(20), "kind", earlier[0])
    tally(journal, ago(20), "slight", earlier[1])
    figures = journal.review.small_things_figures(today=TODAY)
    assert len(figures.weeks) == 6 and figures.weeks[-1].start == date(2027, 1, 18)
    assert figures.trend == trend


def test_the_small_things_lines_are_kind_and_about_oneself(journal):
    love_done(journal, ago(1))
    love_done(journal, ago(15))
    tally(journal, ago(1), "kind", 4)
    tally(journal, ago(20), "kind")
    tally(journal, ago(20), "slight")
    lines = journal.review.small_things_figures(today=TODAY).lines()
    assert lines == [
        "You did something from your love list on 2 days in the last 6 weeks.",
        "Your tally noted 5 kindnesses and 1 slight of your own.",
        "Your last two weeks were kinder than the weeks before: more of what you noticed in "
        "yourself was kind.",
    ]
    assert journal.review.small_things_figures(today=TODAY + timedelta(weeks=20)).lines() == []


# ---------------------------------------------------------------- the early sign


def download_ritual(journal, template: str = "five_minute_download"):
    return journal.rituals.add_from_template(template, dtstart=ago(30))


def mark(journal, ritual, day: date, status: str) -> None:
    """A mark as the rituals engine stores it (its own checks use the real today)."""
    rows.insert(journal, "ritual_log", RitualLogIn(ritual_id=ritual.id, on_date=day,
                                                   status=status))


def test_no_sign_for_a_journal_with_no_sharing_at_all(journal):
    journal.entries.add("a long day", occurred_at=at(ago(30)))
    assert last_shared(journal, TODAY) is None
    assert early_sign(journal, TODAY) is None


def test_the_sign_shows_from_the_day_the_quiet_reaches_its_days(journal):
    love_done(journal, ago(4))
    sign = early_sign(journal, TODAY)
    assert sign is not None and sign.quiet == 4 and sign.last == ago(4)
    assert sign.text == "The small everyday sharing has gone quiet for 4 days."
    assert "five-minute download" in sign.suggestion
    assert early_sign(journal, TODAY - timedelta(days=1)) is None  # three days: not yet
    assert journal.review.early_sign(TODAY) == sign


@pytest.mark.parametrize("kind", ["download", "bids", "love", "small_thing", "offer"])
def test_each_kind_of_sharing_resets_the_quiet(journal, kind):
    love_done(journal, ago(10))
    assert early_sign(journal, TODAY).quiet == 10
    if kind in ("download", "bids"):
        ritual = download_ritual(journal, "five_minute_download" if kind == "download"
                                 else "small_bids")
        mark(journal, ritual, ago(1), "done")
    elif kind == "love":
        love_done(journal, ago(1), "breakfast in bed")
    elif kind == "small_thing":
        journal.entries.add("I asked about the meeting", title=SMALL_THING_TITLE,
                            tags=[SMALL_THING_TAG], occurred_at=at(ago(1)))
    else:
        rows.insert(journal, "offers", OfferIn(occurred_at=at(ago(1)), what="cook tonight"))
    assert last_shared(journal, TODAY) == ago(1)
    assert early_sign(journal, TODAY) is None


def test_what_is_not_everyday_sharing_does_not_reset_it(journal):
    love_done(journal, ago(10))
    ritual = download_ritual(journal)
    mark(journal, ritual, ago(1), "missed")  # not kept
    journal.entries.add("an ordinary entry", occurred_at=at(ago(1)))
    tally(journal, ago(1), "kind")
    assert early_sign(journal, TODAY).quiet == 10


def test_sharing_after_today_does_not_count(journal):
    love_done(journal, ago(6))
    love_done(journal, TODAY + timedelta(days=2))
    assert early_sign(journal, TODAY).quiet == 6


def test_an_offer_answers_work_pressure_overwhelm_and_exhaustion():
    from storage.review import offer_answers

    assert offer_answers(["routine", "overwhelmed", "work_pressure"]) == [
        "overwhelmed", "work_pressure"]
    assert offer_answers(["family_strain"]) == []
