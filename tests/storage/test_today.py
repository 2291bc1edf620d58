"""What is still open today (storage.today): due rituals not marked, drafts, the small thing."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from storage import dates, demo
from storage.today import MAX_RITUALS, lines, still_open

TODAY = date(2026, 3, 20)


@pytest.fixture
def clock(monkeypatch):
    """The clock stopped at Friday 20 March 2026, 08:00 in Berlin."""
    monkeypatch.setattr(dates, "now", lambda: datetime(2026, 3, 20, 8, 0,
                                                       tzinfo=ZoneInfo("Europe/Berlin")))
    return TODAY


def test_nothing_open_prints_nothing(journal, clock):
    journal.review.note_small_thing("Made them tea before they asked.")
    found = still_open(journal)
    assert not found
    assert lines(found) == []
    assert found.to_json() == {"date": "2026-03-20", "rituals": [], "drafts": {},
                               "small_thing": None}


def test_the_small_thing_is_open_until_it_is_noted(journal, clock):
    idea = journal.review.small_thing(TODAY).text
    assert lines(still_open(journal)) == [f"One small thing: {idea}"]
    journal.entries.add("Yesterday's note", tags=["smallthing"],
                        occurred_at=datetime(2026, 3, 19, 21, 0).astimezone())
    assert still_open(journal).small_thing == idea  # noted yesterday: today's is still open
    journal.review.note_small_thing("Sent them the song from our first trip.")
    assert still_open(journal).small_thing is None


def test_rituals_due_today_and_not_marked(journal, clock):
    demo.fill(journal, TODAY)  # the demo leaves today open
    journal.review.note_small_thing("Held their hand on the walk.")
    found = still_open(journal)
    names = [name for _, name, _ in found.rituals]
    assert names == ["Five-minute download", "Small bids"]  # daily; the walk is on Sundays
    assert lines(found) == ["Today: Five-minute download (18:30) and Small bids to mark;"
                            " a draft waiting (1 thought record)."]  # the demo's unfinished one
    download, bids = (rid for rid, _, _ in found.rituals)
    journal.rituals.mark(download, TODAY, "done")
    assert [name for _, name, _ in still_open(journal).rituals] == ["Small bids"]
    journal.rituals.set_active(bids, False, on=TODAY)  # paused: not due, not open
    found = still_open(journal)
    assert found.rituals == []
    assert lines(found) == ["Today: a draft waiting (1 thought record)."]


def test_drafts_waiting_by_kind(journal, clock):
    journal.review.note_small_thing("A note on the fridge.")
    journal.save_draft("entry:new", {"body": "half a thought"})
    journal.save_draft("ritual_mark:1:2026-03-20", {"note": "we"})
    journal.thoughts.create_draft(story="They are bored of me")
    found = still_open(journal)
    assert found.drafts == {"entry": 1, "ritual_note": 1, "thought_record": 1}
    assert lines(found) == [
        "Today: 3 drafts waiting (1 entry, 1 ritual mark, 1 thought record)."]
    journal.drafts.drop("entry:new")
    journal.drafts.drop("ritual_mark:1:2026-03-20")
    assert lines(still_open(journal)) == ["Today: a draft waiting (1 thought record)."]


def test_many_rituals_are_cut_short(journal, clock):
    journal.review.note_small_thing("Asked about their day and listened.")
    for n in range(MAX_RITUALS + 2):
        journal.rituals.add(f"Ritual {n}", "FREQ=DAILY", dtstart=date(2026, 3, 1))
    [line] = lines(still_open(journal))
    assert line == "Today: Ritual 0, Ritual 1 and 3 more to mark."
    assert len(still_open(journal).to_json()["rituals"]) == MAX_RITUALS + 2
