"""The private tally: a mark now for one of content's items (its side its own), today's
marks, this week's so far, kind beside slight, and taking back the last mark of today."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage import InvalidInput, NotFound, dates

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 18)  # a Wednesday: the week so far is Monday to today


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = datetime(2026, 11, 18, 19, 30, tzinfo=BERLIN)

    monkeypatch.setattr(dates, "now", lambda: Clock.now)
    return Clock


def test_a_mark_is_made_now_on_the_items_own_side(journal, clock):
    mark = journal.tally.mark("eye_roll", note="  at the washing-up  ")
    assert (mark.side, mark.what, mark.note) == ("slight", "eye_roll", "at the washing-up")
    assert mark.occurred_at == clock.now
    assert journal.tally.mark("thanks").side == "kind"


def test_an_item_the_tally_does_not_have_is_refused_and_nothing_is_kept(journal, clock):
    with pytest.raises(InvalidInput, match="nothing called 'scowl'"):
        journal.tally.mark("scowl")
    with pytest.raises(InvalidInput):
        journal.tally.mark("thanks", note="x" * 5_000)
    assert journal.tally.count() == 0


def test_todays_marks_and_the_week_so_far_kind_beside_slight(journal, clock):
    journal.tally.mark("sarcasm", at=datetime(2026, 11, 15, 21, 0, tzinfo=BERLIN))  # Sunday
    journal.tally.mark("touch", at=datetime(2026, 11, 16, 8, 0, tzinfo=BERLIN))  # Monday
    journal.tally.mark("whatever", at=datetime(2026, 11, 17, 22, 0, tzinfo=BERLIN))
    journal.tally.mark("kind_words", at=datetime(2026, 11, 18, 7, 0, tzinfo=BERLIN))
    journal.tally.mark("thanks")
    assert [m.what for m in journal.tally.on_day()] == ["kind_words", "thanks"]
    assert journal.tally.on_day(TODAY - timedelta(days=3))[0].what == "sarcasm"
    assert journal.tally.week_so_far() == {"kind": 3, "slight": 1}
    assert journal.tally.counts(TODAY, TODAY) == {"kind": 2, "slight": 0}
    assert journal.tally.counts(TODAY + timedelta(days=1), TODAY + timedelta(days=7)) == {
        "kind": 0, "slight": 0}


def test_a_mark_late_at_night_belongs_to_its_local_day(journal, clock):
    clock.now = datetime(2026, 11, 18, 23, 50, tzinfo=BERLIN)
    journal.tally.mark("listened")
    assert [m.what for m in journal.tally.on_day(TODAY)] == ["listened"]


def test_taking_back_the_last_mark_of_today_and_bringing_it_back(journal, clock):
    journal.tally.mark("touch", at=datetime(2026, 11, 17, 8, 0, tzinfo=BERLIN))
    journal.tally.mark("thanks", at=datetime(2026, 11, 18, 8, 0, tzinfo=BERLIN))
    journal.tally.mark("eye_roll", note="sorry")
    trashed = journal.tally.undo_last()
    assert [m.what for m in journal.tally.on_day()] == ["thanks"]
    journal.tally.undo_last()
    with pytest.raises(NotFound, match="Nothing is marked today"):
        journal.tally.undo_last()
    assert journal.tally.count() == 1  # yesterday's stays
    journal.trash.restore(trashed.id)
    assert journal.tally.on_day()[-1].note == "sorry"


def test_a_note_on_a_mark_can_be_written_changed_and_taken_away(journal, clock):
    mark = journal.tally.mark("whatever")
    assert journal.tally.set_note(mark.id, "  when the plans changed ").note == \
        "when the plans changed"
    assert journal.tally.set_note(mark.id, "").note == ""
    with pytest.raises(InvalidInput):
        journal.tally.set_note(mark.id, "x" * 5_000)
    with pytest.raises(NotFound):
        journal.tally.set_note(mark.id + 9, "hello")
