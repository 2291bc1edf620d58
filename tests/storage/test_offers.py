"""Low-effort offers: kept with a choice in them, marked as they landed, counted over four
weeks, and suggested when a recent moment or thought record says work is heavy."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage import InvalidInput, dates
from storage.offers import SUGGEST_DAYS, answers, example_parts, sentence, suggested

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2025, 3, 12)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: datetime(2025, 3, 12, 20, 0, tzinfo=BERLIN))


def at(days: int, hour: int = 19) -> datetime:
    day = TODAY - timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=BERLIN)


def test_an_offer_is_kept_now_and_said_as_a_sentence(journal):
    offer = journal.offers.add(what="bring you a coffee", at="at three",
                               instead="have fifteen quiet minutes before bed")
    assert offer.occurred_at == dates.now()
    assert offer.outcome is None
    assert sentence(offer.what, offer.at, offer.instead) == (
        "Can I bring you a coffee at three, or would you rather have fifteen quiet minutes "
        "before bed?")
    assert sentence("cook", "  ", "") == "Can I cook?"


def test_an_offer_needs_what_is_offered_and_says_so_plainly(journal):
    with pytest.raises(InvalidInput) as caught:
        journal.offers.add(what="   ", at="tonight")
    assert "what you offer" in str(caught.value).lower()
    assert journal.offers.count() == 0


def test_an_unknown_outcome_or_reason_changes_nothing(journal):
    offer = journal.offers.add(what="cook")
    with pytest.raises(InvalidInput):
        journal.offers.mark(offer.id, "ignored")
    with pytest.raises(InvalidInput):
        journal.offers.update(offer.id, reason="no_such_reason")
    assert journal.offers.get(offer.id).outcome is None


def test_marking_how_it_landed_and_taking_it_back(journal):
    offer = journal.offers.add(what="cook")
    assert journal.offers.mark(offer.id, "declined").outcome == "declined"
    assert journal.offers.mark(offer.id, None).outcome is None


def test_the_newest_offer_comes_first(journal):
    old = journal.offers.add(what="cook", occurred_at=at(5))
    new = journal.offers.add(what="walk", occurred_at=at(1))
    middle = journal.offers.add(what="tea", occurred_at=at(3))
    assert [o.id for o in journal.offers.newest_first()] == [new.id, middle.id, old.id]


def test_outcomes_are_counted_over_the_last_four_weeks(journal):
    for days, outcome in ((0, "welcomed"), (3, "welcomed"), (10, "not_now"), (27, "declined"),
                          (28, "welcomed"), (2, None)):
        journal.offers.add(what="cook", occurred_at=at(days), outcome=outcome)
    assert journal.offers.outcome_counts(TODAY) == {"welcomed": 2, "not_now": 1, "declined": 1}


def test_examples_split_into_the_three_fields():
    from content import knowledge

    for example in knowledge().small_things.offer.examples:
        what, when, instead = example_parts(example)
        assert what and when and instead
    assert example_parts("cook · tonight · a · b") == ("cook", "tonight", "a b")


def test_which_reasons_an_offer_answers():
    from content import knowledge

    for key in knowledge().small_things.offer.suggest_for:
        assert answers(key)
    assert not answers("missing_you")
    assert not answers("")


def test_nothing_is_suggested_without_a_recent_reason(journal):
    journal.loop.log(occurred_at=at(1), trigger="a late night", reasons=["missing_you"])
    assert suggested(journal, TODAY) == []
    assert journal.offers.suggested(TODAY) == []


def test_a_recent_moment_with_work_pressure_suggests_an_offer(journal):
    journal.loop.log(occurred_at=at(2), trigger="a late night", reasons=["work_pressure"])
    assert suggested(journal, TODAY) == ["work_pressure"]


def test_a_thought_record_draft_counts_too_in_contents_order(journal):
    journal.loop.log(occurred_at=at(4), trigger="a late night", reasons=["exhaustion"])
    record = journal.thoughts.create_draft(occurred_at=at(1), story="They're done with me")
    with journal.transaction() as conn:  # the form's picker for reasons is not ours to use
        conn.execute("UPDATE thought_records SET reasons = ? WHERE id = ?",
                     ('["overwhelmed", "missing_you"]', record.id))
    from content import knowledge

    order = knowledge().small_things.offer.suggest_for
    assert suggested(journal, TODAY) == [k for k in order if k in {"exhaustion", "overwhelmed"}]


def test_only_the_last_weeks_count(journal):
    journal.loop.log(occurred_at=at(SUGGEST_DAYS), trigger="long ago", reasons=["work_pressure"])
    assert suggested(journal, TODAY) == []
    journal.loop.log(occurred_at=at(SUGGEST_DAYS - 1), trigger="lately",
                     reasons=["work_pressure"])
    assert suggested(journal, TODAY) == ["work_pressure"]


def test_an_offer_goes_to_the_trash_and_comes_back(journal):
    offer = journal.offers.add(what="cook", note="she smiled")
    item = journal.offers.delete(offer.id)
    assert journal.offers.count() == 0
    journal.trash.restore(item.id)
    assert journal.offers.get(offer.id).note == "she smiled"
