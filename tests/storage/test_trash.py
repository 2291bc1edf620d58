"""The trash: every kind deleted, gone from search, counts and exports, and restored whole."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage import dates
from storage.errors import InvalidInput, NotFound
from storage.portable import export_json
from storage.trash import KEEP_DAYS, KINDS


def seen(journal, word: str) -> list[str]:
    return [hit.kind for hit in journal.search(word)]


def test_an_entry_goes_with_its_tags_and_comes_back_with_them(journal):
    entry = journal.entries.add("a long walk by the canal #walk #us", mood=1, starred=True)
    item = journal.trash.delete("entry", entry.id)
    assert (item.kind, item.record_id) == ("entry", entry.id)
    assert "canal" in item.words
    assert journal.entries.count() == 0 and seen(journal, "canal") == []
    assert journal.entries.tags() == []
    assert export_json(journal)["entries"] == []
    assert [i.record_id for i in journal.trash.list()] == [entry.id]
    assert journal.trash.restore(item.id) == entry.id
    back = journal.entries.get(entry.id)
    assert (back.body, back.mood, back.starred) == (entry.body, 1, True)
    assert sorted(back.tags) == ["us", "walk"]
    assert seen(journal, "canal") == ["entry"]
    assert journal.trash.list() == []


def test_a_thought_record_keeps_the_moments_that_pointed_at_it(journal):
    record = journal.thoughts.create_draft(story="they have stopped caring")
    moment = journal.loop.log(trigger="a late reply", intensity=5, thought_record_id=record.id)
    item = journal.trash.delete("thought", record.id)
    assert journal.loop.get_event(moment.id).thought_record_id is None
    assert journal.thoughts.count() == 0
    journal.trash.restore(item.id)
    assert journal.thoughts.get(record.id).story == "they have stopped caring"
    assert journal.loop.get_event(moment.id).thought_record_id == record.id


def test_a_loop_moment_keeps_its_links_as_evidence(journal):
    moment = journal.loop.log(trigger="the door slammed", intensity=7)
    record = journal.thoughts.create_draft(
        story="it is all my fault", loop_event_id=moment.id,
        evidence_links=[{"kind": "loop_event", "id": moment.id, "side": "for"}])
    item = journal.trash.delete("moment", moment.id)
    after = journal.thoughts.get(record.id)
    assert after.loop_event_id is None and after.evidence_links == []
    assert seen(journal, "slammed") == []
    journal.trash.restore(item.id)
    back = journal.thoughts.get(record.id)
    assert back.loop_event_id == moment.id
    assert [(link.kind, link.id) for link in back.evidence_links] == [("loop_event", moment.id)]


def test_a_ritual_goes_with_its_marks_and_a_mark_alone_too(journal):
    ritual = journal.rituals.add("Walk and talk", "FREQ=DAILY", dtstart=date(2026, 11, 1))
    first = journal.rituals.mark(ritual.id, date(2026, 11, 2), "done", note="by the river")
    journal.rituals.mark(ritual.id, date(2026, 11, 3), "skipped")
    mark = journal.trash.delete("mark", first.id)
    assert journal.rituals.get_mark(ritual.id, date(2026, 11, 2)) is None
    gone = journal.trash.delete("ritual", ritual.id)
    with pytest.raises(InvalidInput, match="restore the ritual first"):
        journal.trash.restore(mark.id)
    journal.trash.restore(gone.id)
    assert journal.rituals.get(ritual.id).name == "Walk and talk"
    assert journal.rituals.get_mark(ritual.id, date(2026, 11, 3)).status == "skipped"
    journal.trash.restore(mark.id)
    assert journal.rituals.get_mark(ritual.id, date(2026, 11, 2)).note == "by the river"


def test_a_mark_is_not_restored_over_a_newer_one(journal):
    ritual = journal.rituals.add("Download", "FREQ=DAILY", dtstart=date(2026, 11, 1))
    old = journal.rituals.mark(ritual.id, date(2026, 11, 2), "done", note="first")
    item = journal.trash.delete("mark", old.id)
    journal.rituals.mark(ritual.id, date(2026, 11, 2), "skipped", note="second")
    with pytest.raises(InvalidInput, match="new mark"):
        journal.trash.restore(item.id)
    assert journal.rituals.get_mark(ritual.id, date(2026, 11, 2)).note == "second"
    assert journal.trash.count() == 1


def test_a_map_version_goes_and_comes_back(journal):
    first = journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": "pursuer",
                                   "me": {"move": "I text again"}, "them": {}})
    journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": "pursuer",
                           "me": {"move": "I wait"}, "them": {}})
    item = journal.trash.delete("map", first.id)
    assert len(journal.loop.map_versions()) == 1
    journal.trash.restore(item.id)
    assert len(journal.loop.map_versions()) == 2


def test_an_id_taken_meanwhile_gives_the_restored_record_a_new_one(journal):
    entry = journal.entries.add("the newest #us")
    item = journal.trash.delete("entry", entry.id)
    newer = journal.entries.add("written after the delete")
    assert newer.id == entry.id  # SQLite gives the freed id out again
    restored = journal.trash.restore(item.id)
    assert restored != entry.id
    assert journal.entries.get(restored).body == "the newest #us"
    assert list(journal.entries.get(restored).tags) == ["us"]


def test_wrong_kinds_and_ids_are_one_clear_line(journal):
    with pytest.raises(InvalidInput, match="the kinds are"):
        journal.trash.delete("diary", 1)
    with pytest.raises(NotFound, match="no entry with id 9"):
        journal.trash.delete("entry", 9)
    with pytest.raises(NotFound):
        journal.trash.restore(1)
    entry = journal.entries.add("once")
    item = journal.trash.delete("entry", entry.id)
    with pytest.raises(NotFound):
        journal.trash.delete("entry", entry.id)  # already deleted
    assert journal.trash.find("entry", entry.id).id == item.id
    assert set(KINDS) == {"entry", "thought", "moment", "map", "ritual", "mark", "love", "did",
                          "offer", "phrase", "idea", "tally"}


def test_what_is_older_than_thirty_days_is_purged_and_nothing_younger(journal, monkeypatch):
    frozen = dates.now()
    old = journal.entries.add("from long ago")
    young = journal.entries.add("from last week")
    monkeypatch.setattr(dates, "now", lambda: frozen - timedelta(days=KEEP_DAYS + 1))
    journal.trash.delete("entry", old.id)
    monkeypatch.setattr(dates, "now", lambda: frozen - timedelta(days=7))
    journal.trash.delete("entry", young.id)
    monkeypatch.setattr(dates, "now", lambda: frozen)
    assert journal.trash.purge_old() == 1
    assert [i.words for i in journal.trash.list()] == ["from last week"]
    assert journal.trash.purge_old() == 0


def test_opening_the_journal_purges_the_old_trash(journal, monkeypatch):
    from storage import Journal

    frozen = dates.now()
    entry = journal.entries.add("old words")
    monkeypatch.setattr(dates, "now", lambda: frozen - timedelta(days=KEEP_DAYS + 2))
    journal.trash.delete("entry", entry.id)
    monkeypatch.setattr(dates, "now", lambda: frozen)
    with Journal.open(journal.path, read_only=True) as reading:
        assert reading.trash.count() == 1  # a command that only reads changes nothing
    with Journal.open(journal.path) as again:
        assert again.trash.count() == 0


def test_emptying_the_trash_is_for_good(journal):
    for text in ("one", "two"):
        journal.trash.delete("entry", journal.entries.add(text).id)
    assert journal.trash.empty() == 2
    assert journal.trash.list() == [] and journal.entries.count() == 0


def test_in_an_encrypted_journal_the_trash_is_encrypted_too(tmp_path):
    from storage import Journal, crypto

    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir(mode=0o700)
    crypto.create(str(path), "a long passphrase")
    with Journal.open(path, passphrase="a long passphrase") as journal:
        entry = journal.entries.add("the zeppelin over the bay")
        journal.trash.delete("entry", entry.id)
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert journal.trash.list()[0].words == "the zeppelin over the bay"
    for found in path.parent.iterdir():
        assert b"zeppelin" not in found.read_bytes(), found.name
