"""Thought records in storage: drafts, updates, completing, listing, evidence links, the
change at a glance, export and import. No Textual here."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage import InvalidInput, NotFound, dates
from storage import models as m
from storage.demo import thoughts as demo_thoughts
from storage.portable import export_json, export_markdown, import_json
from storage.thoughts import (
    Incomplete,
    change_of,
    check_complete,
    read_feeling,
    shift_words,
    strength_wanted,
)

NOW = datetime(2025, 3, 12, 20, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: NOW)


def full(**extra):
    fields = dict(
        situation="No reply to my message all afternoon.",
        feelings_before=[{"name": "anxious", "intensity": 80}, {"name": "hurt", "intensity": 60}],
        story="They don't want to talk to me any more.",
        story_belief_before=85,
        traps=["mind_reading", "catastrophising"],
        evidence_for="Short replies for two days.",
        evidence_against="They said the launch is eating them alive.",
        alternative_story="They're swamped, and quiet is how they cope.",
        alternative_belief=60,
        story_belief_after=35,
        feelings_after=[{"name": "Anxious", "intensity": 40}, {"name": "calm", "intensity": 30}],
        next_step="Offer a cup of tea, no talk needed.",
    )
    fields.update(extra)
    return fields


def test_a_draft_starts_now_and_keeps_what_was_typed(journal):
    record = journal.thoughts.create_draft(story="They're tired of me")
    assert record.status == "draft"
    assert record.occurred_at == NOW
    assert record.story == "They're tired of me"
    assert journal.thoughts.count() == 1
    assert journal.thoughts.get(record.id) == record


def test_update_changes_only_the_fields_given(journal):
    record = journal.thoughts.create_draft(story="first", situation="at dinner")
    updated = journal.thoughts.update(record.id, story="second", story_belief_before=70)
    assert (updated.story, updated.situation, updated.story_belief_before) == (
        "second", "at dinner", 70)
    assert updated.status == "draft"


@pytest.mark.parametrize("bad", [
    {"story_belief_before": 101}, {"alternative_belief": -1}, {"story_belief_after": "lots"},
    {"feelings_before": [{"name": "hurt", "intensity": 120}]},
    {"feelings_after": [{"name": "", "intensity": 10}]},
    {"traps": ["not_a_trap"]}, {"status": "maybe"}, {"colour": "red"},
    {"evidence_links": [{"kind": "entry", "id": 99, "side": "for"}]},
    {"evidence_links": [{"kind": "photo", "id": 1, "side": "for"}]},
])
def test_bad_fields_are_refused_and_nothing_changes(journal, bad):
    record = journal.thoughts.create_draft(story="kept")
    with pytest.raises(InvalidInput):
        journal.thoughts.update(record.id, **bad)
    with pytest.raises(InvalidInput):
        journal.thoughts.create_draft(**bad)
    assert journal.thoughts.get(record.id) == record
    assert journal.thoughts.count() == 1


def test_completing_needs_a_story_then_some_evidence(journal):
    record = journal.thoughts.create_draft(situation="quiet evening")
    with pytest.raises(Incomplete) as caught:
        journal.thoughts.complete(record.id)
    assert caught.value.field == "story" and "story" in str(caught.value)
    journal.thoughts.update(record.id, story="They've gone cold on me")
    with pytest.raises(Incomplete) as caught:
        journal.thoughts.complete(record.id)
    assert caught.value.field == "evidence"
    assert journal.thoughts.get(record.id).status == "draft"
    journal.thoughts.update(record.id, evidence_against="They held my hand on the walk")
    done = journal.thoughts.complete(record.id)
    assert done.status == "complete"
    assert journal.thoughts.complete(record.id).status == "complete"  # twice is fine


def test_a_link_alone_counts_as_evidence(journal):
    entry = journal.entries.add("They made me tea this morning.")
    record = journal.thoughts.create_draft(
        story="They don't care",
        evidence_links=[{"kind": "entry", "id": entry.id, "side": "against"}])
    assert journal.thoughts.complete(record.id).status == "complete"


def test_a_complete_record_stays_complete_only_while_it_is_whole(journal):
    record = journal.thoughts.create_draft(**full())
    journal.thoughts.complete(record.id)
    with pytest.raises(Incomplete):
        journal.thoughts.update(record.id, story="  ")
    assert journal.thoughts.get(record.id).story == full()["story"]
    again = journal.thoughts.update(record.id, story="", status="draft")
    assert again.status == "draft" and again.story == ""


def test_list_is_newest_first_with_filters(journal):
    ids = []
    for n in range(5):
        ids.append(journal.thoughts.create_draft(
            story=f"story {n}", occurred_at=NOW - timedelta(days=n)).id)
    journal.thoughts.update(ids[1], evidence_for="x")
    journal.thoughts.complete(ids[1])
    assert [r.id for r in journal.thoughts.list()] == ids
    assert [r.id for r in journal.thoughts.list(newest_first=False)] == ids[::-1]
    assert [r.id for r in journal.thoughts.list(limit=2)] == ids[:2]
    assert [r.id for r in journal.thoughts.list(status="complete")] == [ids[1]]
    assert [r.id for r in journal.thoughts.list(start=NOW - timedelta(days=2),
                                                end=NOW - timedelta(days=1))] == ids[1:3]
    assert journal.thoughts.count("draft") == 4
    with pytest.raises(InvalidInput):
        journal.thoughts.list(status="finished")
    with pytest.raises(InvalidInput):
        journal.thoughts.list(limit=-1)


def test_summaries_give_the_first_line_and_the_belief_shift(journal):
    record = journal.thoughts.create_draft(**full(story="\n\nThey don't want me\nmore words"))
    journal.thoughts.complete(record.id)
    only_situation = journal.thoughts.create_draft(situation="At the station")
    first, second = journal.thoughts.summaries()
    assert {first.id, second.id} == {record.id, only_situation.id}
    summary = next(s for s in (first, second) if s.id == record.id)
    assert summary.title == "They don't want me"
    assert summary.shift == -50 and summary.status == "complete"
    other = next(s for s in (first, second) if s.id == only_situation.id)
    assert other.title == "At the station" and other.shift is None


def test_summaries_read_page_by_page_and_a_record_knows_its_place(journal):
    """The list reads as it scrolls: pages put together are the whole list, and the place
    of a record (records written at the same moment included) is where the list has it."""
    ids = []
    for n in range(23):
        at = NOW - timedelta(hours=n // 3)  # three records at each moment
        ids.append(journal.thoughts.create_draft(occurred_at=at, story=f"story {n}").id)
    whole = journal.thoughts.summaries()
    assert len(whole) == 23
    pages = [journal.thoughts.summaries(limit=5, offset=start) for start in range(0, 25, 5)]
    assert [s.id for page in pages for s in page] == [s.id for s in whole]
    assert [s.id for s in journal.thoughts.summaries(offset=20)] == [s.id for s in whole[20:]]
    for index, summary in enumerate(whole):
        assert journal.thoughts.position(summary.id) == index
    assert journal.thoughts.position(9999) is None
    with pytest.raises(InvalidInput):
        journal.thoughts.summaries(offset=-1)


def test_drafts_are_counted_through_an_index(journal):
    journal.thoughts.create_draft(story="one")
    plan = journal.conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM thought_records WHERE status = ?", ("draft",)
    ).fetchall()
    assert "USING COVERING INDEX" in " ".join(str(step[-1]) for step in plan)
    assert journal.thoughts.count("draft") == 1


def test_a_view_reads_the_same_record_without_validation(journal):
    record = journal.thoughts.complete(journal.thoughts.create_draft(**full()).id)
    view = journal.thoughts.view(record.id)
    for name in view._fields:
        stored = getattr(record, name)
        if name.startswith("feelings"):
            stored = [(f.name, f.intensity) for f in stored]
        assert getattr(view, name) == stored, name
    assert change_of(view) == change_of(record)
    with pytest.raises(NotFound):
        journal.thoughts.view(999)


def test_latest_draft_is_the_one_touched_last(journal, monkeypatch):
    a = journal.thoughts.create_draft(story="a")
    journal.thoughts.create_draft(story="b")
    later = NOW + timedelta(minutes=5)
    monkeypatch.setattr(dates, "now", lambda: later)
    journal.thoughts.update(a.id, story="a, again")
    assert journal.thoughts.latest_draft().id == a.id
    journal.thoughts.delete(a.id)
    assert journal.thoughts.latest_draft().story == "b"


def test_delete_unhooks_a_loop_moment(journal):
    event = journal.loop.log(occurred_at=NOW, note="a turn").id
    record = journal.thoughts.create_draft(story="x", loop_event_id=event)
    journal.conn.execute("UPDATE loop_events SET thought_record_id = ?", (record.id,))
    journal.thoughts.delete(record.id)
    assert journal.scalar("SELECT thought_record_id FROM loop_events") is None
    with pytest.raises(NotFound):
        journal.thoughts.get(record.id)
    with pytest.raises(NotFound):
        journal.thoughts.delete(record.id)
    with pytest.raises(NotFound):
        journal.thoughts.update(record.id, story="y")


def test_change_at_a_glance_matches_feelings_by_name():
    record = m.ThoughtRecordIn(occurred_at=NOW, **full())
    change = change_of(record)
    assert change.belief_shift == -50
    assert [(f.name, f.before, f.after) for f in change.feelings] == [
        ("anxious", 80, 40), ("hurt", 60, None), ("calm", None, 30)]
    assert change.feelings[0].shift == -40 and change.feelings[1].shift is None
    assert shift_words(85, 35) == "85 → 35"
    assert shift_words(85, None) == "85 → ?"
    assert shift_words(None, None) == ""


def test_check_complete_works_on_unsaved_forms():
    check_complete(m.ThoughtRecordIn(occurred_at=NOW, story="s", evidence_for="e"))
    with pytest.raises(Incomplete):
        check_complete(m.ThoughtRecordIn(occurred_at=NOW, story="s"))


def test_evidence_near_a_record_and_by_words(journal):
    near = journal.entries.add("They hugged me at the door", occurred_at=NOW - timedelta(days=1))
    far = journal.entries.add("Long ago, a hug too", occurred_at=NOW - timedelta(days=40))
    event = journal.loop.log(occurred_at=NOW - timedelta(hours=2),
                             my_move="I pushed for an answer").id
    items = journal.thoughts.evidence_near(NOW)
    assert [(i.kind, i.id) for i in items] == [("loop_event", event), ("entry", near.id)]
    assert items[0].text == "I pushed for an answer" and items[0].kind_name == "Loop moment"
    found = journal.thoughts.find_evidence("hug")
    assert {i.id for i in found} == {near.id, far.id}


def test_links_describe_what_they_point_at_even_when_gone(journal):
    entry = journal.entries.add("Dinner was warm", title="")
    record = journal.thoughts.create_draft(
        story="s", evidence_links=[{"kind": "entry", "id": entry.id, "side": "against"}])
    (linked,) = journal.thoughts.linked(record.evidence_links)
    assert linked.side == "against" and linked.item.text == "Dinner was warm"
    journal.entries.delete(entry.id)
    (gone,) = journal.thoughts.linked(journal.thoughts.get(record.id).evidence_links)
    assert not gone.item.found and "no longer" in gone.item.text
    assert not journal.thoughts.describe("loop_event", 77).found


def test_evidence_can_point_at_a_loop_moment_until_it_is_deleted(journal):
    event = journal.loop.log(occurred_at=NOW, trigger="A late reply", intensity=6)
    record = journal.thoughts.create_draft(
        story="s", evidence_links=[{"kind": "loop_event", "id": event.id, "side": "for"}])
    (linked,) = journal.thoughts.linked(record.evidence_links)
    assert linked.item.kind_name == "Loop moment" and linked.item.text == "A late reply"
    assert journal.thoughts.complete(record.id).status == "complete"
    journal.loop.delete_event(event.id)
    assert journal.thoughts.get(record.id).evidence_links == []


def test_hostile_text_is_kept_as_typed(journal):
    text = "[red]x[/] [@click=app.quit]q[/] 👩🏽‍❤️‍💋‍👨🏿"
    record = journal.thoughts.create_draft(story=text, situation=text,
                                           feelings_before=[{"name": text, "intensity": 5}])
    back = journal.thoughts.get(record.id)
    assert back.story == back.situation == back.feelings_before[0].name == text


def test_export_and_import_carry_every_record(journal, tmp_path):
    from storage import Journal

    entry = journal.entries.add("Tea in the morning")
    record = journal.thoughts.create_draft(**full(evidence_links=[
        {"kind": "entry", "id": entry.id, "side": "against"}]))
    journal.thoughts.complete(record.id)
    journal.thoughts.create_draft(story="an unfinished thought")
    data = export_json(journal)
    assert [r["status"] for r in data["thought_records"]] == ["complete", "draft"]
    with Journal.open(tmp_path / "other" / "journal.db") as other:
        assert import_json(other, data)["thought_records"] == 2
        assert import_json(other, data)["thought_records"] == 0
        back = other.thoughts.list(newest_first=False)
        assert [r.story for r in back] == [full()["story"], "an unfinished thought"]
        assert back[0].feelings_after[1].name == "calm"
        assert other.thoughts.linked(back[0].evidence_links)[0].item.text == "Tea in the morning"
    text = export_markdown(journal)
    assert "They don't want to talk to me any more. (belief 85)" in text
    assert "Evidence against (linked):" in text and "Tea in the morning" in text
    assert "an unfinished thought" in text and "*(draft)*" in text


def test_the_demo_records_tell_a_story_of_belief_dropping(journal):
    from storage.demo import entries as demo_entries

    demo_entries.fill(journal, NOW.date())
    demo_thoughts.fill(journal, NOW.date())
    records = journal.thoughts.list()
    assert 6 <= len(records) <= 10
    drafts = [r for r in records if r.status == "draft"]
    assert len(drafts) == 1
    done = [r for r in records if r.status == "complete"]
    assert all(r.story_belief_after < r.story_belief_before for r in done)
    oldest = min(r.occurred_at for r in records)
    assert (NOW - oldest).days <= 42
    assert any(r.evidence_links for r in done)
    for r in done:
        check_complete(r)


def test_feelings_are_read_as_typed_and_no_strength_is_assumed():
    assert read_feeling("hurt 70") == ("hurt", 70)
    assert read_feeling("  left out, 40 ") == ("left out", 40)
    assert read_feeling("jealous") == ("jealous", None)  # asked for, never 50
    assert strength_wanted("jealous").startswith("How strong is jealous, from 0 to 100?")
    for bad, words in (("70", "Name the feeling first"),
                       ("hurt 170", "How strong is hurt[?] Give a number from 0 to 100"),
                       ("x" * 300, "at most 200 characters")):
        with pytest.raises(InvalidInput, match=words):
            read_feeling(bad)
