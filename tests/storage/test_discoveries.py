"""The shared-discovery bank: adding ideas (never an empty or a second same one), what is
suggested (never one already done, a different one each month), marking one done on a
day and undoing it, choosing the idea when the ritual is marked (and giving it back when
that mark is skipped or cleared), the starting ideas, the trash, and export and import."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from content import knowledge
from storage import InvalidInput, Journal, dates
from storage.portable import export_json, import_json

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2025, 3, 12)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: datetime(2025, 3, 12, 20, 0, tzinfo=BERLIN))


@pytest.fixture
def bank(journal):
    for idea in ("Night market", "Pottery taster", "Sunrise from the hill"):
        journal.discoveries.add(idea=idea)
    return journal.discoveries


def ideas(records) -> list[str]:
    return [r.idea for r in records]


def test_an_empty_or_a_second_same_idea_is_refused(journal, bank):
    with pytest.raises(InvalidInput, match="empty"):
        bank.add(idea="   ")
    with pytest.raises(InvalidInput, match="\u201cNight market\u201d is already in your bank"):
        bank.add(idea="  night   MARKET ")
    first = bank.to_try()[1]
    with pytest.raises(InvalidInput, match="already in your bank"):
        bank.update(first.id, idea="Night Market")
    assert bank.count() == 3
    assert bank.update(first.id, idea="Pottery taster evening").idea == "Pottery taster evening"


def test_suggest_goes_round_the_ideas_month_by_month(bank):
    months = [bank.suggest(date(2025, m, 1)).idea for m in (3, 4, 5, 6)]
    assert sorted(months[:3]) == sorted(ideas(bank.to_try()))  # each once in three months
    assert months[3] == months[0]  # then round again
    first = bank.to_try()[0]
    assert bank.suggest(TODAY, after=first.id).idea == "Pottery taster"
    last = bank.to_try()[-1]
    assert bank.suggest(TODAY, after=last.id).idea == "Night market"  # round to the first


def test_an_idea_done_is_never_suggested(bank):
    market = bank.to_try()[0]
    bank.mark_done(market.id, date(2025, 3, 1), note="Dumplings and a band")
    for month in range(1, 13):
        assert bank.suggest(date(2025, month, 1)).idea != "Night market"
    assert bank.suggest(TODAY, after=bank.to_try()[-1].id).idea != "Night market"
    for idea in bank.to_try():
        bank.mark_done(idea.id, date(2025, 3, 2))
    assert bank.suggest(TODAY) is None  # every idea done: nothing to offer


def test_marking_done_and_undoing(bank):
    market = bank.to_try()[0]
    done = bank.mark_done(market.id, date(2025, 3, 1), note="Dumplings and a band")
    assert (done.done_on, done.note) == (date(2025, 3, 1), "Dumplings and a band")
    assert ideas(bank.done()) == ["Night market"]
    assert bank.done_on_day(date(2025, 3, 1)).id == market.id
    assert "Night market" not in ideas(bank.to_try())
    with pytest.raises(InvalidInput, match="has not come yet"):
        bank.mark_done(bank.to_try()[0].id, date(2025, 3, 13))
    back = bank.undo(market.id)
    assert back.done_on is None and back.note == "Dumplings and a band"  # the words stay
    assert ideas(bank.to_try())[0] == "Night market"


def test_choosing_the_idea_when_the_ritual_is_marked(journal, bank):
    journal.discoveries.add(idea="Board games café")
    ritual = journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))
    first_saturday = date(2025, 3, 1)
    market = bank.to_try()[0]
    log = journal.rituals.mark_discovery(ritual.id, first_saturday, market.id,
                                         note="We ate far too much")
    assert (log.status, log.note) == ("done", "We ate far too much")
    assert bank.get(market.id).done_on == first_saturday
    assert bank.get(market.id).note == "We ate far too much"
    # Marked again with another idea: that one is the day's, the first goes back.
    pottery = bank.to_try()[0]
    journal.rituals.mark_discovery(ritual.id, first_saturday, pottery.id)
    assert bank.done_on_day(first_saturday).id == pottery.id
    assert bank.get(market.id).done_on is None
    # Or a new idea, added to the bank as done.
    journal.rituals.mark_discovery(ritual.id, date(2025, 2, 1), "A silent disco")
    assert bank.done_on_day(date(2025, 2, 1)).idea == "A silent disco"
    # A day the ritual is not due changes nothing, in the ritual or the bank.
    with pytest.raises(InvalidInput, match="not due"):
        journal.rituals.mark_discovery(ritual.id, date(2025, 3, 2), "Kayaking")
    assert "Kayaking" not in ideas(bank.list())


def to_try(bank) -> list[int]:
    return [idea.id for idea in bank.to_try()]


def test_a_discovery_mark_undone_skipped_or_cleared_gives_its_idea_back(journal, bank):
    ritual = journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))
    first_saturday, february = date(2025, 3, 1), date(2025, 2, 1)
    market, pottery, sunrise = bank.to_try()
    journal.rituals.mark_discovery(ritual.id, first_saturday, market.id, note="Dumplings")
    journal.rituals.mark_discovery(ritual.id, february, pottery.id)
    # It did not happen after all: skipped, the idea is one to try again, its words kept.
    journal.rituals.mark(ritual.id, first_saturday, "skipped", reason="busy")
    assert bank.get(market.id).done_on is None and market.id in to_try(bank)
    assert bank.get(market.id).note == "Dumplings"
    # Missed, the same.
    journal.rituals.mark_discovery(ritual.id, first_saturday, market.id)
    journal.rituals.mark(ritual.id, first_saturday, "missed", reason="forgot")
    assert market.id in to_try(bank)
    # The mark cleared (to the trash): its idea goes back; restoring it, done again.
    item = journal.trash.delete("mark", journal.rituals.get_mark(ritual.id, february).id)
    assert pottery.id in to_try(bank)
    journal.trash.restore(item.id)
    assert bank.get(pottery.id).done_on == february
    assert journal.rituals.get_mark(ritual.id, february).status == "done"
    # Taken away outright, the same.
    assert journal.rituals.unmark(ritual.id, february)
    assert pottery.id in to_try(bank)


def test_restoring_a_discovery_mark_leaves_an_idea_done_since_on_that_day(journal, bank):
    ritual = journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))
    february = date(2025, 2, 1)
    market, pottery, _ = bank.to_try()
    journal.rituals.mark_discovery(ritual.id, february, market.id)
    item = journal.trash.delete("mark", journal.rituals.get_mark(ritual.id, february).id)
    bank.mark_done(pottery.id, february)  # by hand, from the bank, meanwhile
    journal.trash.restore(item.id)
    assert bank.done_on_day(february).id == pottery.id
    assert market.id in to_try(bank)


def test_other_marks_leave_the_bank_alone(journal, bank):
    ritual = journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))
    second = journal.rituals.add_from_template("shared_discovery", name="Our second adventure",
                                               dtstart=date(2025, 1, 1))
    walk = journal.rituals.add("Walk", "FREQ=DAILY", dtstart=date(2025, 1, 1))
    february = date(2025, 2, 1)
    market = bank.to_try()[0]
    journal.rituals.mark_discovery(ritual.id, february, market.id)
    # Another ritual's kept mark, cleared or taken away.
    journal.rituals.mark(walk.id, february, "done")
    journal.trash.delete("mark", journal.rituals.get_mark(walk.id, february).id)
    # The other shared discovery, skipped that day, then kept and taken away: the first
    # one's mark still holds the idea.
    journal.rituals.mark(second.id, february, "skipped")
    journal.rituals.mark(second.id, february, "done")
    assert journal.rituals.unmark(second.id, february)
    # A skipped mark changed again (its note), never kept: nothing to give back.
    journal.rituals.mark(second.id, february, "skipped", note="rain")
    assert bank.get(market.id).done_on == february


def test_the_shared_discovery_starts_an_empty_bank_with_our_ideas(journal):
    journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))
    starting = knowledge().small_things.discovery_ideas
    assert ideas(journal.discoveries.to_try()) == starting
    assert journal.discoveries.start_bank() == 0  # only ever into an empty bank


def test_a_shared_discovery_added_by_hand_from_the_idea_starts_the_bank_too(journal):
    journal.rituals.add("Our monthly adventure", "FREQ=MONTHLY;BYDAY=+1SA",
                        dtstart=date(2025, 1, 1), template="shared_discovery")
    assert journal.discoveries.count() == len(knowledge().small_things.discovery_ideas)


def test_a_bank_with_ideas_gets_none_of_ours(journal, bank):
    journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))
    assert bank.count() == 3


def test_deleting_an_idea_goes_to_the_trash(journal, bank):
    market = bank.to_try()[0]
    item = bank.delete(market.id)
    assert "Night market" not in ideas(bank.list())
    journal.trash.restore(item.id)
    assert "Night market" in ideas(bank.list())


def test_the_bank_survives_export_and_import(journal, bank, tmp_path):
    bank.mark_done(bank.to_try()[0].id, date(2025, 3, 1), note="Dumplings")
    data = export_json(journal)
    with Journal.open(tmp_path / "other" / "journal.db") as other:
        import_json(other, data)
        assert ideas(other.discoveries.done()) == ["Night market"]
        assert other.discoveries.done()[0].note == "Dumplings"
        assert ideas(other.discoveries.to_try()) == ["Pottery taster", "Sunrise from the hill"]
