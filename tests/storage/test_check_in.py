"""The monthly "bigger picture" check-in: its answers kept as a journal entry and the ritual
marked done, both or neither."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from content import knowledge
from storage import InvalidInput, dates

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 3, 30, 19, 0, tzinfo=BERLIN)  # the last Sunday of March
TODAY = NOW.date()


@pytest.fixture
def ritual(journal, monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: NOW)
    return journal.rituals.add_from_template("bigger_picture", dtstart=date(2025, 1, 1))


def test_the_bigger_picture_is_a_monthly_ritual_idea(journal, ritual):
    assert ritual.template == "bigger_picture"
    assert journal.rituals.next_due(ritual.id, date(2025, 4, 1), 2) == [
        date(2025, 4, 27), date(2025, 5, 25)]


def test_answers_become_an_entry_and_the_ritual_is_done(journal, ritual):
    check = knowledge().small_things.check_in
    answers = ["Not really, we talked on Friday.", "", "I think so.", "More walks."]
    entry, log = journal.rituals.check_in(ritual.id, TODAY, answers)
    assert entry.title == check.name
    assert check.tag in entry.tags
    assert entry.occurred_at == NOW
    assert f"**{check.questions[0]}**\n\nNot really, we talked on Friday." in entry.body
    assert check.questions[1] not in entry.body  # skipped, so left out
    assert "More walks." in entry.body
    assert (log.status, log.on_date) == ("done", TODAY)
    assert journal.entries.get(entry.id).body == entry.body


def test_an_earlier_check_in_is_dated_on_its_day(journal, ritual):
    entry, _ = journal.rituals.check_in(ritual.id, date(2025, 2, 23), ["Yes"])
    assert dates.local(entry.occurred_at).date() == date(2025, 2, 23)


def test_nothing_answered_saves_nothing(journal, ritual):
    with pytest.raises(InvalidInput, match="at least one"):
        journal.rituals.check_in(ritual.id, TODAY, ["", "  "])
    assert journal.entries.count() == 0
    assert journal.rituals.get_mark(ritual.id, TODAY) is None


def test_a_refused_mark_saves_no_entry(journal, ritual):
    with pytest.raises(InvalidInput, match="not due"):
        journal.rituals.check_in(ritual.id, date(2025, 3, 29), ["Yes"])
    assert journal.entries.count() == 0
