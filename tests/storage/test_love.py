"""The love list: one tick per item and day, taking a tick back (to the trash and back
again), the last day and the days lately, and "One small thing today" drawing from it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage import InvalidInput, NotFound, dates
from storage.love import not_done_on

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 18)  # a Wednesday


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: datetime(2026, 11, 18, 19, 30, tzinfo=BERLIN))


def add(journal, what: str = "Tea brought to bed", source: str = "their_way", **fields):
    return journal.love.add(what=what, source=source, **fields)


def test_an_item_keeps_its_words_where_it_came_from_and_a_note(journal):
    item = add(journal, "  Ask about the climbing  ", "asked", note="and listen to all of it")
    assert (item.what, item.source, item.note) == ("Ask about the climbing", "asked",
                                                   "and listen to all of it")
    changed = journal.love.update(item.id, what="Ask about the climbing, properly")
    assert changed.what == "Ask about the climbing, properly" and changed.source == "asked"
    with pytest.raises(InvalidInput, match="(?i)where it came from"):
        add(journal, "Hold hands", "because")
    with pytest.raises(InvalidInput, match="(?i)what you do"):
        add(journal, "   ")
    assert journal.love.count() == 1


def test_done_today_once_and_refused_twice_in_plain_words(journal):
    item = add(journal)
    tick = journal.love.did(item.id, note="She laughed")
    assert (tick.love_id, tick.on_date, tick.note) == (item.id, TODAY, "She laughed")
    with pytest.raises(InvalidInput) as refused:
        journal.love.did(item.id)
    assert str(refused.value) == ("\u201cTea brought to bed\u201d is already marked as done "
                                  "today; once a day is enough")
    earlier = journal.love.did(item.id, TODAY - timedelta(days=1))
    assert earlier.on_date == TODAY - timedelta(days=1)
    with pytest.raises(InvalidInput, match="already marked as done yesterday"):
        journal.love.did(item.id, TODAY - timedelta(days=1))
    assert [t.on_date for t in journal.love.ticks(item.id)] == [TODAY, TODAY - timedelta(1)]


def test_a_note_for_the_day_marks_it_or_changes_the_note(journal):
    item = add(journal)
    first = journal.love.day_note(item.id, note="  after work ")
    assert (first.on_date, first.note) == (TODAY, "after work")
    again = journal.love.day_note(item.id, note="after work, with cake")
    assert again.id == first.id and again.note == "after work, with cake"
    assert len(journal.love.ticks(item.id)) == 1
    with pytest.raises(InvalidInput):
        journal.love.day_note(item.id, note="x" * 5_000)
    assert journal.love.tick(item.id, TODAY).note == "after work, with cake"


def test_a_day_to_come_and_an_item_not_on_the_list_are_refused(journal):
    item = add(journal)
    with pytest.raises(InvalidInput, match="not come yet"):
        journal.love.did(item.id, TODAY + timedelta(days=1))
    with pytest.raises(NotFound):
        journal.love.did(item.id + 99)
    assert journal.love.ticks(item.id) == []


def test_taking_a_tick_back_puts_it_in_the_trash_and_restoring_brings_it_back(journal):
    item = add(journal)
    journal.love.did(item.id, note="with honey")
    trashed = journal.love.undo(item.id)
    assert journal.love.tick(item.id, TODAY) is None
    assert journal.love.did(item.id).note == ""  # the day is free again
    journal.love.undo(item.id)
    with pytest.raises(NotFound, match="nothing is marked as done today"):
        journal.love.undo(item.id)
    journal.trash.restore(trashed.id)
    assert journal.love.tick(item.id, TODAY).note == "with honey"


def test_deleting_an_item_takes_its_days_along_and_brings_them_back(journal):
    item = add(journal)
    journal.love.did(item.id)
    trashed = journal.love.delete(item.id)
    assert journal.love.count() == 0
    assert journal.scalar("SELECT count(*) FROM love_log") == 0
    journal.trash.restore(trashed.id)
    assert journal.love.last_done(item.id) == TODAY


def test_last_done_and_how_often_in_the_last_four_weeks(journal):
    item, other, never = add(journal), add(journal, "Hold hands", "used_to"), add(
        journal, "A note in the lunchbox", "asked")
    for days in (2, 9, 27, 28, 40):
        journal.love.did(item.id, TODAY - timedelta(days=days))
    journal.love.did(other.id)
    assert journal.love.last_done(item.id) == TODAY - timedelta(days=2)
    assert journal.love.last_done(never.id) is None
    assert journal.love.count_between(item.id, TODAY - timedelta(days=27), TODAY) == 3
    lines = journal.love.lines(TODAY)
    assert [line.item.id for line in lines] == [item.id, other.id, never.id]
    assert [(line.last_done, line.recent, line.today) for line in lines] == [
        (TODAY - timedelta(days=2), 3, False), (TODAY, 1, True), (None, 0, False)]
    # seen from a day in the past, later days do not count
    then = journal.love.lines(TODAY - timedelta(days=5))
    assert (then[0].last_done, then[1].last_done) == (TODAY - timedelta(days=9), None)


def test_a_tick_note_is_kept_short(journal):
    item = add(journal)
    with pytest.raises(InvalidInput):
        journal.love.did(item.id, note="x" * 5_000)
    assert journal.love.ticks(item.id) == []


def test_one_small_thing_offers_the_love_list_first(journal):
    review = journal.review
    content_only = review.small_thing(TODAY)
    assert content_only.love_id is None
    tea, hands, note = (add(journal), add(journal, "Hold hands", "used_to"),
                        add(journal, "A note in the lunchbox", "asked"))
    journal.love.did(tea.id, TODAY - timedelta(days=1))
    journal.love.did(hands.id, TODAY - timedelta(days=6))
    # never done first, then the one done longest ago
    assert [t for _, t in not_done_on(journal, TODAY)] == [
        "A note in the lunchbox", "Hold hands", "Tea brought to bed"]
    shown = [review.small_thing(TODAY, skip=n) for n in range(3)]
    assert [s.love_id for s in shown] == [note.id, hands.id, tea.id]
    assert shown[0].text == "A note in the lunchbox" and shown[0].key == f"love:{note.id}"
    # then content's own ideas, and round again
    assert review.small_thing(TODAY, skip=3) == content_only
    total = 3 + len(journal.loop.guidance().small_actions)
    assert review.small_thing(TODAY, skip=total) == shown[0]
    # what is done today is not offered today
    journal.love.did(note.id)
    assert review.small_thing(TODAY).love_id == hands.id


def test_one_small_thing_falls_back_to_content_when_all_is_done_today(journal):
    review = journal.review
    tea = add(journal)
    journal.love.did(tea.id)
    ideas = journal.loop.guidance().small_actions
    assert review.small_thing(TODAY).love_id is None
    assert review.small_thing(TODAY).text == ideas[TODAY.toordinal() % len(ideas)].text
    # a day done later (a clock put back) does not hide the item on an earlier day
    assert review.small_thing(TODAY - timedelta(days=1)).love_id == tea.id


def test_one_small_thing_takes_turns_among_items_done_on_the_same_day(journal):
    review = journal.review
    first, second = add(journal), add(journal, "Hold hands", "used_to")
    for item in (first, second):
        journal.love.did(item.id, TODAY - timedelta(days=3))
    assert {review.small_thing(TODAY).love_id,
            review.small_thing(TODAY + timedelta(days=1)).love_id} == {first.id, second.id}


def test_the_export_names_a_day_done_without_calling_it_today(journal):
    item = add(journal)
    journal.love.did(item.id, date(2026, 11, 10), note="with the good mug")
    [(_moment, text)] = [block for block in journal.love.markdown() if "mug" in block[1]]
    assert "Tue 10 Nov 2026 — Did something from my love list" in text
    assert "today" not in text
    assert "Tea brought to bed" in text and "with the good mug" in text
