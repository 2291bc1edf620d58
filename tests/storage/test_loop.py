"""The loop's storage: map versions, moments, counts and trends over fixed data, the demo,
and export/import of every version and moment."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import get_args
from zoneinfo import ZoneInfo

import pytest

from content import knowledge
from storage import InvalidInput, NotFound, dates, rows
from storage.loop import TRENDS, LoopStats
from storage.models import LoopEventIn, ThoughtRecordIn
from storage.portable import export_json, export_markdown, import_json

ZONE = ZoneInfo("Europe/Berlin")
TODAY = date(2025, 3, 12)  # a Wednesday


def at(day: date, hour: int = 20, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def ago(days: int, hour: int = 20) -> datetime:
    return at(TODAY - timedelta(days=days), hour)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: at(TODAY, 21, 30))


MAP = {
    "pattern": "pursue_withdraw",
    "my_role": "pursuer",
    "me": {"trigger": "a late reply", "move": "I ask again, louder",
           "tells_self": "They don't care.", "surface": "angry", "underneath": "scared",
           "longing": "to matter"},
    "them": {"move": "goes quiet", "tells_self": "I can't get it right."},
}


# ------------------------------------------------------------------ the map


def test_no_map_before_the_first_save(journal):
    assert journal.loop.current_map() is None
    assert journal.loop.map_versions() == []


def test_every_save_is_a_new_version_newest_first(journal):
    loop = journal.loop
    first = loop.save_map(MAP)
    assert first.id and first.me.move == "I ask again, louder"
    assert first.them.trigger == ""  # fields not given are empty
    changed = {**MAP, "them": {**MAP["them"], "underneath": "overwhelmed"}}
    second = loop.save_map(changed)
    assert second.id != first.id
    assert loop.current_map() == second
    assert [m.id for m in loop.map_versions()] == [second.id, first.id]
    assert loop.get_map(first.id).them.underneath == ""
    assert loop.map_count() == 2


def test_saving_the_same_map_again_adds_no_version(journal):
    first = journal.loop.save_map(MAP)
    again = journal.loop.save_map(dict(MAP))
    assert again == first
    assert journal.loop.map_count() == 1
    # A stored map given back as it was read is the same map too.
    assert journal.loop.save_map(first) == first


def test_versions_keep_their_order_by_when_they_were_made(journal):
    from storage.models import LoopMapIn

    older = rows.insert(journal, "loop_map", LoopMapIn.model_validate(MAP),
                        created_at=ago(30))
    newer = journal.loop.save_map({**MAP, "pattern": "withdraw_withdraw"})
    # An older version imported later (a higher id) still sorts by its date.
    late = rows.insert(journal, "loop_map",
                       LoopMapIn.model_validate({**MAP, "my_role": "unsure"}),
                       created_at=ago(60))
    assert [m.id for m in journal.loop.map_versions()] == [newer.id, older, late]
    assert journal.loop.current_map().id == newer.id


@pytest.mark.parametrize("bad", [
    {"pattern": "chase"},
    {"my_role": "victim"},
    {"me": {"move": 5}},
    {"me": {"colour": "red"}},
    {"extra": 1},
    {"me": {"move": "x" * 1_000_001}},
])
def test_a_bad_map_is_refused_and_nothing_is_written(journal, bad):
    with pytest.raises(InvalidInput) as caught:
        journal.loop.save_map({**MAP, **bad})
    assert str(caught.value).startswith("loop map")
    assert journal.loop.map_count() == 0


def test_map_text_is_kept_as_typed(journal):
    text = "[red]x[/] \x1b[31mred\x1b[0m 👩🏽‍❤️‍👨🏿 " + "w" * 500
    saved = journal.loop.save_map({"me": {"move": text}})
    assert saved.me.move == "[red]x[/] [31mred[0m 👩🏽‍❤️‍👨🏿 " + "w" * 500


# ------------------------------------------------------------------ moments


def test_log_fills_the_defaults(journal):
    event = journal.loop.log(my_move="asked three times")
    assert event.occurred_at == at(TODAY, 21, 30)
    assert (event.first_mover, event.intensity, event.ending, event.exits) == (
        "unsure", 5, "unresolved", ())
    assert journal.loop.get_event(event.id) == event


def test_log_keeps_every_field(journal):
    event = journal.loop.log(
        occurred_at=ago(2), first_mover="them", trigger="a sigh", my_move="pushed",
        their_move="left the room", exits=["distractions", "shutting_down", "distractions"],
        intensity=7, ending="pause", note="we came back to it",
    )
    again = journal.loop.get_event(event.id)
    assert again.exits == ("distractions", "shutting_down")
    assert (again.first_mover, again.trigger, again.intensity, again.ending) == (
        "them", "a sigh", 7, "pause")
    assert dates.local_day(again.occurred_at) == TODAY - timedelta(days=2)


@pytest.mark.parametrize(("fields", "words"), [
    ({"intensity": 11}, "The strength should be 10 or less"),
    ({"intensity": -1}, "The strength should be 0 or more"),
    ({"exits": ["slamming_doors"]}, "slamming_doors"),
    ({"ending": "divorce"},
     "How it ended [(]'divorce'[)] should be one of: repair, pause or unresolved"),
    ({"first_mover": "nobody"}, "Who moved first [(]'nobody'[)] should be one of"),
    ({"colour": "red"}, "colour"),
    ({"thought_record_id": 99}, "thought record"),
])
def test_a_bad_moment_is_refused_and_nothing_is_written(journal, fields, words):
    with pytest.raises(InvalidInput, match=words):
        journal.loop.log(note="x", **fields)
    assert journal.loop.count() == 0


def test_update_changes_only_what_is_given(journal):
    event = journal.loop.log(occurred_at=ago(1), trigger="late reply", intensity=6)
    changed = journal.loop.update_event(event.id, intensity=3, ending="repair")
    assert (changed.trigger, changed.intensity, changed.ending) == ("late reply", 3, "repair")
    assert changed.occurred_at == event.occurred_at
    assert changed.updated_at >= event.updated_at
    with pytest.raises(InvalidInput):
        journal.loop.update_event(event.id, intensity=12)
    assert journal.loop.get_event(event.id).intensity == 3
    with pytest.raises(NotFound, match="loop moment"):
        journal.loop.update_event(999, intensity=1)


def test_a_moment_can_point_at_a_thought_record(journal):
    record = rows.insert(journal, "thought_records",
                         ThoughtRecordIn(occurred_at=ago(1), story="they are bored of me"))
    event = journal.loop.log(note="x", thought_record_id=record)
    assert event.thought_record_id == record
    assert journal.loop.thought_records_to_link() == [
        (record, ago(1), "they are bored of me")]
    assert journal.loop.thought_record_summary(record) == (ago(1), "they are bored of me")
    assert journal.loop.thought_record_summary(record + 1) is None


def test_deleting_a_moment_unlinks_the_records_that_pointed_at_it(journal):
    keep = journal.loop.log(note="keep")
    gone = journal.loop.log(note="gone")
    record = rows.insert(journal, "thought_records", ThoughtRecordIn(
        occurred_at=ago(1), story="s", loop_event_id=gone.id,
        evidence_links=[{"kind": "loop_event", "id": gone.id, "side": "for"},
                        {"kind": "loop_event", "id": keep.id, "side": "against"},
                        {"kind": "entry", "id": gone.id, "side": "for"}]))
    journal.loop.delete_event(gone.id)
    row = journal.decode("thought_records", journal.query(
        "SELECT * FROM thought_records WHERE id = ?", (record,))[0])
    assert row["loop_event_id"] is None
    assert row["evidence_links"] == [{"kind": "loop_event", "id": keep.id, "side": "against"},
                                     {"kind": "entry", "id": gone.id, "side": "for"}]
    with pytest.raises(NotFound):
        journal.loop.get_event(gone.id)
    with pytest.raises(NotFound):
        journal.loop.delete_event(gone.id)
    assert journal.loop.count() == 1


def test_list_in_time_order_with_limits_and_ranges(journal):
    ids = [journal.loop.log(occurred_at=ago(n), note=f"n{n}").id for n in (5, 1, 3, 10)]
    loop = journal.loop
    assert [e.note for e in loop.list_events()] == ["n1", "n3", "n5", "n10"]
    assert [e.note for e in loop.list_events(newest_first=False)] == ["n10", "n5", "n3", "n1"]
    assert [e.note for e in loop.list_events(limit=2)] == ["n1", "n3"]
    days = loop.list_events(start=TODAY - timedelta(days=5), end=TODAY - timedelta(days=3))
    assert [e.note for e in days] == ["n3", "n5"]
    moments = loop.list_events(start=ago(3, hour=21))
    assert [e.note for e in moments] == ["n1"]
    assert loop.count(start=TODAY - timedelta(days=5)) == 3
    assert loop.position(ids[3]) == 3 and loop.position(ids[1]) == 0
    with pytest.raises(InvalidInput):
        loop.list_events(limit=-1)


def test_list_of_a_large_log_reads_only_what_is_asked(journal):
    with journal.transaction():
        for n in range(400):
            rows.insert(journal, "loop_events",
                        LoopEventIn(occurred_at=ago(n % 300), intensity=n % 11))
    assert len(journal.loop.list_events(limit=50)) == 50
    assert journal.loop.count() == 400


# ------------------------------------------------------------------ what is read back


def test_the_map_reads_back_as_it_was_saved(journal):
    from storage.loop import LoopMap, LoopSide

    saved = journal.loop.save_map(MAP)
    assert type(saved) is LoopMap and type(saved.me) is LoopSide
    assert saved == journal.loop.current_map() == journal.loop.get_map(saved.id)
    assert journal.loop.map_versions() == [saved]
    assert saved.me == LoopSide(**MAP["me"])
    assert saved.them == LoopSide(move="goes quiet", tells_self="I can't get it right.")
    assert saved.me._asdict() == MAP["me"]
    assert (saved.pattern, saved.my_role) == ("pursue_withdraw", "pursuer")
    assert saved.created_at == at(TODAY, 21, 30)
    # Saving what it says again, in any of the forms the map comes in, adds no version.
    for same in (saved, dict(MAP), {**MAP, "me": saved.me, "them": saved.them}):
        assert journal.loop.save_map(same) == saved
    assert journal.loop.map_count() == 1
    with pytest.raises(NotFound):
        journal.loop.get_map(saved.id + 1)


def test_an_older_version_given_back_becomes_the_current_one(journal):
    older = journal.loop.save_map(MAP)
    newer = journal.loop.save_map({**MAP, "my_role": "withdrawer"})
    again = journal.loop.save_map(journal.loop.get_map(older.id))
    assert again.id not in (older.id, newer.id)
    assert again[1:5] == older[1:5]  # pattern, role and both sides
    assert journal.loop.current_map() == again and journal.loop.map_count() == 3


def test_a_moment_reads_back_as_it_was_logged(journal):
    from storage.loop import LoopEvent

    record = journal.thoughts.create_draft(occurred_at=ago(1), story="they are bored").id
    event = journal.loop.log(occurred_at=ago(2), first_mover="me", trigger="a sigh",
                             exits=["distractions"], intensity=4, ending="repair",
                             thought_record_id=record)
    assert type(event) is LoopEvent and event.exits == ("distractions",)
    assert (event.first_mover, event.trigger, event.my_move, event.note) == (
        "me", "a sigh", "", "")
    assert (event.intensity, event.ending, event.thought_record_id) == (4, "repair", record)
    assert event.occurred_at == ago(2) and event.created_at == event.updated_at
    assert journal.loop.get_event(event.id) == event == journal.loop.list_events()[0]
    changed = journal.loop.update_event(event.id, note="later")
    assert changed == journal.loop.get_event(event.id)
    assert changed._replace(note="", updated_at=event.updated_at) == event
    # The exits given back as read (a tuple) are taken as they are.
    assert journal.loop.update_event(event.id, exits=changed.exits).exits == ("distractions",)


def test_reading_back_agrees_with_the_validating_models(journal):
    """The light read types say what the pydantic models say, field for field."""
    from storage import models
    from storage.demo import loop as demo_loop

    with journal.transaction():
        demo_loop.fill(journal, TODAY)
    journal.loop.log(occurred_at=ago(1), exits=["overworking", "distractions"], note="x")
    stored = rows.fetch(journal, "loop_events", models.StoredLoopEvent, "ORDER BY id")
    read = sorted(journal.loop.list_events(), key=lambda e: e.id)
    assert len(read) == len(stored) == 16
    for light, full in zip(read, stored):
        assert {**light._asdict(), "exits": list(light.exits),
                "reasons": list(light.reasons)} == full.model_dump()
    maps = rows.fetch(
        journal, "loop_map", models.StoredLoopMap, "ORDER BY created_at DESC, id DESC"
    )
    assert len(maps) == 2
    for light, full in zip(journal.loop.map_versions(), maps):
        assert {**light._asdict(), "me": light.me._asdict(), "them": light.them._asdict()} == \
            full.model_dump()


def test_showing_the_loop_imports_neither_pydantic_nor_the_models(journal):
    """The pane reads the map, the numbers and the moments at start-up: that needs no
    validation, so it must not import pydantic nor build the models (see
    :class:`storage.loop.LoopMap`). The numbers order exits as content/ lists them, so only
    they may read content/ (which keeps to the standard library)."""
    import subprocess
    import sys
    import textwrap

    journal.loop.save_map(MAP)
    event = journal.loop.log(occurred_at=ago(1), exits=["distractions"], my_move="asked")
    script = textwrap.dedent(f"""
        import sys
        from datetime import date
        from storage import Journal

        def loaded():
            return sorted(m for m in ("pydantic", "storage.models", "content")
                          if m in sys.modules)

        with Journal.open({str(journal.path)!r}) as journal:
            loop = journal.loop
            loop_map = loop.current_map()
            assert loop_map.me.move == "I ask again, louder", loop_map
            assert loop.map_versions() == [loop_map] == [loop.get_map(loop_map.id)]
            assert loop.count() == 1 and loop.map_count() == 1
            [event] = loop.list_events(limit=50)
            assert event == loop.get_event({event.id})
            assert event.exits == ("distractions",) and event.my_move == "asked"
            assert loop.position(event.id) == 0
            with journal.reader() as reader:
                reader.loop.current_map()
                reader.loop.list_events()
            print(loaded())
            assert loop.stats(today=date.fromisoformat({TODAY.isoformat()!r})).count == 1
            print(loaded())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    reads, numbers = done.stdout.split("\n")[:2]
    assert reads == "[]"
    assert numbers == "['content']"


# ------------------------------------------------------------------ counts and trends


def log_many(journal, items):
    """(days ago, intensity, exits) each."""
    for days, intensity, exits in items:
        journal.loop.log(occurred_at=ago(days), intensity=intensity, exits=exits)


def test_stats_of_an_empty_journal(journal):
    stats = journal.loop.stats()
    assert isinstance(stats, LoopStats)
    assert (stats.count, stats.intensity, stats.exits, stats.trend) == (0, None, [], "quiet")
    assert stats.counts == [0] * 8
    assert stats.count_text() == "No turns in the last 4 weeks"
    assert stats.trend_text() == "Nothing logged in the last 8 weeks."


def test_the_window_is_the_28_days_ending_today(journal):
    log_many(journal, [(0, 5, []), (27, 5, []), (28, 5, []), (-1, 5, [])])
    stats = journal.loop.stats(today=TODAY)
    assert stats.start == TODAY - timedelta(days=27)
    assert (stats.count, stats.before_count) == (2, 1)
    assert stats.count_text() == "Twice in the last 4 weeks"
    assert stats.count_text(short=True) == "2 turns in 4 weeks"
    one_week = journal.loop.stats(weeks=1, today=TODAY)
    assert one_week.count_text() == "Once in the last week"
    assert one_week.count_text(short=True) == "1 turn in a week"


def test_the_window_uses_the_local_day(journal, berlin):
    # Ten past midnight in Berlin is still the day before in UTC: it counts by Berlin's day.
    journal.loop.log(occurred_at=at(TODAY, 23, 30))
    journal.loop.log(occurred_at=at(TODAY - timedelta(days=27), 0, 10))
    journal.loop.log(occurred_at=at(TODAY - timedelta(days=28), 23, 50))
    stats = journal.loop.stats(today=TODAY)
    assert (stats.count, stats.before_count) == (2, 1)


def test_exits_most_common_first_ties_in_content_order(journal):
    log_many(journal, [
        (1, 5, ["overworking", "distractions"]),
        (2, 5, ["distractions"]),
        (3, 5, ["shutting_down", "overworking"]),
        (4, 5, ["focusing_on_others"]),
        (40, 5, ["fighting_blaming"]),  # outside the window
    ])
    stats = journal.loop.stats(today=TODAY)
    assert stats.exits == [("distractions", 2), ("overworking", 2), ("shutting_down", 1),
                           ("focusing_on_others", 1)]


def test_series_are_seven_day_blocks_ending_today(journal):
    log_many(journal, [(0, 2, []), (6, 4, []), (7, 9, []), (55, 1, []), (56, 10, [])])
    stats = journal.loop.stats(today=TODAY)
    assert len(stats.series) == 8
    assert stats.series[-1].end == TODAY and stats.series[-1].start == TODAY - timedelta(6)
    assert stats.series[0].start == TODAY - timedelta(days=55)
    assert stats.counts == [1, 0, 0, 0, 0, 0, 1, 2]
    assert stats.intensities == [1.0, 0, 0, 0, 0, 0, 9.0, 3.0]
    assert stats.series[-1].intensity == 3.0
    assert len(journal.loop.stats(weeks=12, today=TODAY).series) == 12
    assert len(journal.loop.stats(today=TODAY, history=3).series) == 4


@pytest.mark.parametrize(("before", "now", "trend", "text"), [
    ([7, 7, 7, 7, 7], [4, 4], "easing", "Rarer and milder than the 4 weeks before"),
    ([7, 7, 7], [7, 7, 7], "steady", "About the same as the 4 weeks before."),
    ([7, 7, 7], [4, 4, 4], "easing", "Milder than the 4 weeks before"),
    ([5, 5, 5, 5, 5], [5, 5, 5, 5], "easing", "Rarer than the 4 weeks before"),
    ([3, 3], [3, 3, 3], "growing", "More often than the 4 weeks before. A hard stretch"),
    ([3, 3], [8, 8], "growing", "Stronger than the 4 weeks before."),
    ([3, 3], [8, 8, 8], "growing", "More often and stronger than"),
    ([3, 3, 3, 3], [8, 8], "mixed", "Rarer but stronger than the 4 weeks before."),
    ([8, 8], [3, 3, 3], "mixed", "More often but milder than the 4 weeks before."),
    ([], [5], "new", "Nothing logged in the 4 weeks before, so there is no trend"),
    ([5], [], "easing", "Rarer than the 4 weeks before"),
])
def test_trend_against_the_weeks_before(journal, before, now, trend, text):
    log_many(journal, [(30 + n, i, []) for n, i in enumerate(before)])
    log_many(journal, [(1 + n, i, []) for n, i in enumerate(now)])
    stats = journal.loop.stats(today=TODAY)
    assert stats.trend == trend and trend in TRENDS
    assert text in stats.trend_text()


def test_stats_ask_the_clock_when_no_day_is_given(journal, monkeypatch):
    log_many(journal, [(0, 5, [])])
    assert journal.loop.stats().count == 1
    monkeypatch.setattr(dates, "now", lambda: at(TODAY + timedelta(days=28), 9))
    assert journal.loop.stats().count == 0


def test_stats_refuse_an_empty_window(journal):
    with pytest.raises(InvalidInput):
        journal.loop.stats(weeks=0)


# ------------------------------------------------------------------ content and the demo


def test_content_names_every_first_mover_the_journal_stores():
    from storage.models import LoopEventIn

    movers = get_args(LoopEventIn.model_fields["first_mover"].annotation)
    assert [m.key for m in knowledge().first_movers] == list(movers)
    k = knowledge()
    assert set(k.moment_prompts) >= {"occurred_at", "first_mover", "trigger", "my_move",
                                     "their_move", "exits", "intensity", "ending", "note"}
    calm = k.calm_down
    assert calm.minutes == 15 and len(calm.steps) >= 5
    assert all(len(text) <= 110 for text in [calm.intro, calm.closing, *calm.steps])


def test_the_demo_has_two_map_versions_and_moments_that_ease(journal):
    from storage.demo import loop as demo_loop

    with journal.transaction():
        demo_loop.fill(journal, TODAY)
    versions = journal.loop.map_versions()
    assert len(versions) == 2
    assert versions[0].them.tells_self and not versions[1].them.tells_self
    events = journal.loop.list_events(newest_first=False)
    assert 13 <= len(events) <= 17
    first, last = events[0].occurred_at, events[-1].occurred_at
    assert timedelta(days=35) <= last - first <= timedelta(days=43)
    stats = journal.loop.stats(today=TODAY)
    assert stats.trend == "easing" and stats.rarer and stats.milder
    assert stats.exits[0][0] == "distractions"
    weekly = [p.intensity for p in stats.series if p.intensity is not None]
    assert weekly == sorted(weekly, reverse=True)


# ------------------------------------------------------------------ export and import


def test_export_and_import_keep_every_version_and_moment(journal, tmp_path, empty_journal_bytes):
    from storage import Journal
    from storage.demo import loop as demo_loop

    with journal.transaction():
        demo_loop.fill(journal, TODAY)
    # Two versions saved within the same second are still two versions.
    journal.loop.save_map({**MAP, "my_role": "withdrawer"})
    journal.loop.save_map({**MAP, "my_role": "unsure"})
    data = export_json(journal)
    assert len(data["loop_map"]) == 4 and len(data["loop_events"]) == 15

    path = tmp_path / "other" / "journal.db"
    path.parent.mkdir()
    path.write_bytes(empty_journal_bytes)
    with Journal.open(path) as other:
        added = import_json(other, data)
        assert (added["loop_map"], added["loop_events"]) == (4, 15)
        assert import_json(other, data)["loop_map"] == 0
        assert [m.my_role for m in other.loop.map_versions()] == [
            m.my_role for m in journal.loop.map_versions()]
        assert other.loop.current_map()[1:] == journal.loop.current_map()[1:]  # all but id
        assert other.loop.stats(today=TODAY) == journal.loop.stats(today=TODAY)

    text = export_markdown(journal)
    assert text.count("— My loop map") == 4
    assert "The part I tend to play:** The one who reaches" in text
    assert text.count("— A turn of the loop") == 15
    assert "Who moved first:** My partner did" in text
    assert "Went quiet the whole drive home" in text
