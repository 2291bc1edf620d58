"""The drafts table and the rule for two windows: nobody's words are overwritten."""

from __future__ import annotations

import pytest

from storage import Journal
from storage.errors import Conflict


@pytest.fixture
def other(journal):
    """A second connection to the same file: another closer window."""
    with Journal.open(journal.path) as second:
        yield second


def test_a_draft_is_written_read_and_dropped(journal):
    drafts = journal.drafts
    assert drafts.load("entry:new") is None
    kept = drafts.save("entry:new", {"body": "half a thought"}, base=None)
    assert (kept.key, kept.forked) == ("entry:new", False)
    again = drafts.load("entry:new")
    assert again.data == {"body": "half a thought"} and again.token == kept.token
    later = drafts.save("entry:new", {"body": "half a thought, more"}, base=kept.token)
    assert not later.forked
    assert drafts.drop("entry:new", base=later.token)
    assert drafts.load("entry:new") is None


def test_a_second_window_never_overwrites_the_first(journal, other):
    mine = journal.drafts.save("entry:new", {"body": "mine"}, base=None)
    # The other window opened before mine was written: it saw nothing there.
    theirs = other.drafts.save("entry:new", {"body": "theirs"}, base=None)
    assert theirs.forked and theirs.key == "entry:new~1"
    assert journal.drafts.get("entry:new") == {"body": "mine"}
    assert journal.drafts.get("entry:new~1") == {"body": "theirs"}
    # Each window carries on at its own key, with no more copies.
    journal.drafts.save("entry:new", {"body": "mine, more"}, base=mine.token)
    other.drafts.save(theirs.key, {"body": "theirs, more"}, base=theirs.token)
    assert journal.drafts.get("entry:new") == {"body": "mine, more"}
    assert journal.drafts.get("entry:new~1") == {"body": "theirs, more"}
    assert journal.drafts.waiting("entry:new") == 1


def test_two_windows_on_one_loaded_draft_keep_both_versions(journal, other):
    first = journal.drafts.save("entry:3", {"body": "start"}, base=None)
    seen_here = journal.drafts.load("entry:3")
    seen_there = other.drafts.load("entry:3")
    assert seen_here.token == seen_there.token == first.token
    journal.drafts.save("entry:3", {"body": "start, here"}, base=seen_here.token)
    there = other.drafts.save("entry:3", {"body": "start, there"}, base=seen_there.token)
    assert there.forked
    assert journal.drafts.get("entry:3") == {"body": "start, here"}
    assert journal.drafts.get(there.key) == {"body": "start, there"}


def test_dropping_leaves_words_another_window_wrote_since(journal, other):
    mine = journal.drafts.save("ritual:new", {"name": "walk"}, base=None)
    other.drafts.put("ritual:new", {"name": "walk and talk"})
    assert not journal.drafts.drop("ritual:new", base=mine.token)
    assert journal.drafts.get("ritual:new") == {"name": "walk and talk"}


def test_a_copy_comes_back_once_the_draft_itself_is_gone(journal):
    mine = journal.drafts.save("entry:new", {"body": "first"}, base=None)
    copy = journal.drafts.save("entry:new", {"body": "second"}, base=None)
    assert copy.key == "entry:new~1"
    journal.drafts.drop("entry:new", base=mine.token)
    found = journal.drafts.load("entry:new")
    assert (found.key, found.data) == ("entry:new~1", {"body": "second"})
    # The next conflict takes the next free copy, never one in use.
    assert journal.drafts.save("entry:new", {"body": "third"}, base=None).key == "entry:new"
    assert journal.drafts.save("entry:new", {"body": "fourth"}, base=None).key == "entry:new~2"


def test_copies_belong_to_their_own_key_only(journal):
    journal.drafts.put("entry:1~1", {"body": "a copy of entry 1"})
    journal.drafts.put("entry:12", {"body": "entry 12"})
    assert journal.drafts.load("entry:1").data == {"body": "a copy of entry 1"}
    assert journal.drafts.waiting("entry:12") == 0


def test_an_entry_changed_in_another_window_is_not_overwritten(journal, other):
    entry = journal.entries.add("the first words")
    seen = journal.entries.get(entry.id)
    other.entries.update(entry.id, body="changed over there")
    with pytest.raises(Conflict):
        journal.entries.update(entry.id, base=seen, body="changed here")
    assert journal.entries.get(entry.id).body == "changed over there"
    kept, copied = journal.entries.keep(entry.id, base=seen, body="changed here")
    assert copied and kept.id != entry.id
    assert sorted(e.body for e in journal.entries.list()) == ["changed here",
                                                              "changed over there"]
    assert kept.occurred_at == entry.occurred_at
    # Saved over what it saw, an edit goes in place.
    fresh = journal.entries.get(entry.id)
    assert journal.entries.keep(entry.id, base=fresh, body="again")[1] is False


def test_a_thought_record_changed_in_another_window_keeps_both(journal, other):
    record = journal.thoughts.create_draft(story="they are bored of me")
    seen = journal.thoughts.get(record.id)
    other.thoughts.update(record.id, story="they are tired tonight")
    with pytest.raises(Conflict):
        journal.thoughts.update(record.id, base=seen, story="they are bored, maybe")
    kept, copied = journal.thoughts.keep(record.id, base=seen, story="they are bored, maybe")
    assert copied and kept.status == "draft"
    stories = sorted(r.story for r in journal.thoughts.list())
    assert stories == ["they are bored, maybe", "they are tired tonight"]


def test_a_loop_moment_changed_in_another_window_keeps_both(journal, other):
    event = journal.loop.log(trigger="the phone at dinner", intensity=6)
    seen = journal.loop.get_event(event.id)
    other.loop.update_event(event.id, note="we laughed about it later")
    with pytest.raises(Conflict):
        journal.loop.update_event(event.id, base=seen, trigger="the phone, again")
    kept, copied = journal.loop.keep_event(event.id, base=seen, trigger="the phone, again")
    assert copied and kept.id != event.id and kept.intensity == 6
    assert journal.loop.get_event(event.id).note == "we laughed about it later"
    assert journal.loop.count() == 2
