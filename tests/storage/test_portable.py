"""Export and import: JSON round trips, importing twice, refusing bad files, Markdown."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from storage import InvalidInput, Journal
from storage.portable import (
    EXPORTERS,
    FORMAT,
    FORMAT_VERSION,
    TABLES,
    export_json,
    export_markdown,
    import_json,
    read_json_file,
)

T0 = datetime(2025, 3, 10, 20, 0, tzinfo=timezone.utc)
NOTHING = {table: 0 for table in TABLES}


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def as_seen(journal) -> list[tuple]:
    """Everything a person sees of each entry, oldest first."""
    return [
        (e.occurred_at, e.title, e.body, e.mood, e.starred, sorted(e.tags), e.created_at)
        for e in journal.entries.list(newest_first=False)
    ]


def through_a_file(data: dict) -> dict:
    return json.loads(json.dumps(data, ensure_ascii=False))


@pytest.fixture
def other(tmp_path, empty_journal_bytes):
    path = tmp_path / "other" / "journal.db"
    path.parent.mkdir()
    path.write_bytes(empty_journal_bytes)
    with Journal.open(path) as j:
        yield j


@pytest.fixture
def filled(journal):
    journal.entries.add("Quiet dinner. #us", occurred_at=at(0), mood=-1)
    journal.entries.add(
        "Long walk, talked about work.\nThen tea.", title="Sunday", occurred_at=at(1), mood=2,
        starred=True, tags=["walks"],
    )
    journal.entries.add("[red]markup[/] stays text 💛 #x² #Mixed-Case", occurred_at=at(2))
    return journal


# ------------------------------------------------------------------ JSON


def test_export_json_describes_itself(filled):
    data = export_json(filled)
    assert data["format"] == FORMAT
    assert data["format_version"] == FORMAT_VERSION
    assert [e["body"] for e in data["entries"]][0] == "Quiet dinner. #us"
    assert all(isinstance(data[t], list) for t in TABLES)
    json.dumps(data)  # JSON-ready as it is


def test_round_trip_keeps_every_entry(filled, other):
    added = import_json(other, through_a_file(export_json(filled)))
    assert added == {**NOTHING, "entries": 3}
    assert as_seen(other) == as_seen(filled)


def test_importing_the_same_file_twice_adds_nothing(filled, other):
    data = through_a_file(export_json(filled))
    import_json(other, data)
    assert import_json(other, data) == NOTHING
    assert import_json(filled, data) == NOTHING
    assert other.entries.count() == filled.entries.count() == 3


def test_import_adds_only_what_is_new(filled, other):
    import_json(other, through_a_file(export_json(filled)))
    filled.entries.add("one more", occurred_at=at(3))
    assert import_json(other, through_a_file(export_json(filled))) == {**NOTHING, "entries": 1}
    assert as_seen(other) == as_seen(filled)


def test_the_json_exporter_writes_the_same_document(filled, other):
    text = EXPORTERS["json"](filled)
    assert text.endswith("\n")
    import_json(other, read_json_file(text.encode("utf-8")))
    assert as_seen(other) == as_seen(filled)


def _valid_entry(**overrides) -> dict:
    return {"occurred_at": "2025-03-01T10:00:00+00:00", "body": "fine", **overrides}


@pytest.mark.parametrize(
    "data",
    [
        [],
        "closer",
        {},
        {"format": "jrnl", "format_version": 1, "entries": []},
        {"format": FORMAT, "entries": []},
        {"format": FORMAT, "format_version": FORMAT_VERSION + 1, "entries": []},
        {"format": FORMAT, "format_version": "1", "entries": []},
        {"format": FORMAT, "format_version": 1, "entries": {"a": 1}},
        {"format": FORMAT, "format_version": 1, "entries": ["text"]},
        {"format": FORMAT, "format_version": 1, "entries": [_valid_entry(), _valid_entry(mood=9)]},
        {"format": FORMAT, "format_version": 1, "entries": [_valid_entry(), _valid_entry(body="")]},
        {"format": FORMAT, "format_version": 1, "entries": [_valid_entry(occurred_at="soon")]},
        {"format": FORMAT, "format_version": 1,
         "entries": [_valid_entry(occurred_at="9999-12-31T23:00:00-05:00")]},
        {"format": FORMAT, "format_version": 1, "entries": [_valid_entry(tags=["two words"])]},
        {"format": FORMAT, "format_version": 1, "entries": [_valid_entry()],
         "ritual_log": [{"ritual_id": 7, "on_date": "2025-03-01", "status": "done"}]},
    ],
    ids=lambda d: json.dumps(d)[:60],
)
def test_a_bad_document_is_refused_and_changes_nothing(journal, data):
    path = journal.path
    journal.entries.add("already here", occurred_at=at(0))
    journal.close()
    before = path.read_bytes()
    with Journal.open(path) as j:
        with pytest.raises(InvalidInput) as caught:
            import_json(j, data)
        assert "\n" not in str(caught.value)
        assert j.entries.count() == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("raw", [b"", b"not json", b"{\"format\": ", b"\xff\xfe\x00garbage"])
def test_unreadable_json_is_a_clean_error(raw):
    with pytest.raises(InvalidInput) as caught:
        read_json_file(raw)
    assert str(caught.value).startswith("not valid JSON")


def test_unknown_fields_in_a_record_are_ignored(other):
    data = {
        "format": FORMAT, "format_version": 1,
        "entries": [_valid_entry(id=41, colour="blue", updated_at="2025-03-02T00:00:00+00:00")],
    }
    assert import_json(other, data)["entries"] == 1
    assert [e.body for e in other.entries.list()] == ["fine"]


@pytest.mark.parametrize(
    "created_at", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00", "yesterday", 12, None]
)
def test_an_unusable_created_at_is_replaced_not_fatal(other, created_at):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    data = {"format": FORMAT, "format_version": 1,
            "entries": [_valid_entry(created_at=created_at)]}
    assert import_json(other, data)["entries"] == 1
    [entry] = other.entries.list()
    assert entry.body == "fine"
    assert entry.created_at >= before


def test_import_keeps_created_at_and_makes_new_ids(filled, other):
    other.entries.add("mine first", occurred_at=at(-5))
    import_json(other, through_a_file(export_json(filled)))
    originals = {e.body: e for e in filled.entries.list()}
    for entry in other.entries.list():
        if entry.body in originals:
            assert entry.created_at == originals[entry.body].created_at
    assert sorted(e.id for e in other.entries.list()) == [1, 2, 3, 4]


# ------------------------------------------------------------------ every kind of record


class _Named:
    def __init__(self, key: str):
        self.key, self.name, self.label = key, key.replace("_", " ").title(), key.title()


class _SmallThings:
    """The small things' names, as :class:`_Named` gives them."""

    name = "Small things"
    offer = _Named("offer")
    offer.sentence = "Can I {what} {at}, or would you rather {instead}?"
    offer.sentence_without_choice = "Can I {what} {at}?"
    sides = {"eye_roll": "slight", "thanks": "kind"}

    def love_source(self, key):
        return _Named(key)

    def outcome(self, key):
        return _Named(key)

    def intent(self, key):
        return _Named(key)

    def tally_item(self, key):
        item = _Named(key)
        item.side = self.sides[key]
        return item


class _Knowledge:
    """Just enough of content.knowledge() for storage's key checks and Markdown, so these
    tests do not depend on the wording (or the presence) of the content files."""

    _keys = {
        "traps": {"mind_reading"},
        "exits": {"shutting_down"},
        "missed_reasons": {"too_tired"},
        "reasons": {"work_pressure"},
        "endings": {"repair", "pause", "unresolved"},
        "patterns": {"pursue_withdraw", "withdraw_withdraw", "attack_attack"},
    }
    cycle_fields = [_Named(k) for k in
                    ("trigger", "move", "tells_self", "surface", "underneath", "longing")]
    small_things = _SmallThings()

    def keys(self, name: str) -> set[str]:
        return set(self._keys[name])

    def _item(self, name: str, key: str) -> _Named:
        if key not in self._keys[name]:
            raise KeyError(key)
        return _Named(key)

    def trap(self, key):
        return self._item("traps", key)

    def exit(self, key):
        return self._item("exits", key)

    def ending(self, key):
        return self._item("endings", key)

    def pattern(self, key):
        return self._item("patterns", key)

    def reason(self, key):
        return self._item("reasons", key)


@pytest.fixture
def every_kind(journal, monkeypatch):
    import content

    from storage import models as m
    from storage import rows

    monkeypatch.setattr(content, "knowledge", lambda: _Knowledge())
    entry = journal.entries.add("He went quiet at dinner. #dinner", occurred_at=at(0), mood=-1)
    rows.insert(journal, "loop_map", m.LoopMapIn(
        pattern="pursue_withdraw", my_role="pursuer",
        me=m.LoopSideIn(trigger="silence", move="ask more", longing="to matter"),
        them=m.LoopSideIn(move="go quiet", underneath="afraid of failing"),
    ), created_at=at(0.5))
    event = rows.insert(journal, "loop_events", m.LoopEventIn(
        occurred_at=at(1), first_mover="me", trigger="late reply", my_move="pushed",
        their_move="shut down", exits=["shutting_down"], intensity=7, ending="repair",
        note="we came back after an hour",
    ))
    record = rows.insert(journal, "thought_records", m.ThoughtRecordIn(
        occurred_at=at(2), situation="no reply all day",
        feelings_before=[{"name": "fear", "intensity": 80}], story="he is leaving me",
        story_belief_before=90, traps=["mind_reading"], evidence_for="quieter lately",
        evidence_against="planned our trip",
        evidence_links=[{"kind": "entry", "id": entry.id, "side": "for"},
                        {"kind": "loop_event", "id": event, "side": "against"}],
        alternative_story="he is worn out by work", alternative_belief=60,
        story_belief_after=40, feelings_after=[{"name": "fear", "intensity": 40}],
        next_step="ask about his week", status="complete", loop_event_id=event,
    ))
    journal.conn.execute(
        "UPDATE loop_events SET thought_record_id = ? WHERE id = ?", (record, event)
    )
    ritual = rows.insert(journal, "rituals", m.RitualIn(
        name="Sunday walk", description="an hour outside", rrule="FREQ=WEEKLY;BYDAY=SU",
        dtstart=date(2025, 3, 2), time_of_day="10:00", asks_good_and_hard=True,
    ))
    rows.insert(journal, "ritual_log", m.RitualLogIn(
        ritual_id=ritual, on_date=date(2025, 3, 9), status="done",
        positive="he laughed", negative="I checked my phone",
    ))
    rows.insert(journal, "ritual_log", m.RitualLogIn(
        ritual_id=ritual, on_date=date(2025, 3, 16), status="missed", reason="too_tired",
        agreements="Sundays are ours\nYour mum visits on the first Saturday",
    ))
    love = rows.insert(journal, "love_list", m.LoveIn(what="Tea in bed", source="their_way",
                                                       note="with the blue mug"))
    rows.insert(journal, "love_log", m.LoveDoneIn(love_id=love, on_date=date(2025, 3, 10),
                                                  note="she smiled"))
    rows.insert(journal, "offers", m.OfferIn(
        occurred_at=at(3), what="cook", at="tonight", instead="order in", outcome="welcomed",
        reason="work_pressure", note="he ate two plates"))
    rows.insert(journal, "phrases", m.PhraseIn(
        intent="curious", text="What's on your mind?", instead_of="You never talk",
        favourite=True))
    rows.insert(journal, "discoveries", m.DiscoveryIn(idea="Night market",
                                                      done_on=date(2025, 3, 8), note="fun"))
    rows.insert(journal, "tally", m.TallyIn(occurred_at=at(4), side="slight", what="eye_roll",
                                            note="at his joke"))
    return journal


def _without_stamp(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_every_kind_of_record_round_trips(every_kind, other):
    data = through_a_file(export_json(every_kind))
    assert {t: len(data[t]) for t in TABLES} == {
        "entries": 1, "loop_map": 1, "loop_events": 1, "thought_records": 1,
        "rituals": 1, "ritual_log": 2, "love_list": 1, "love_log": 1, "offers": 1,
        "phrases": 1, "discoveries": 1, "tally": 1,
    }
    other.entries.add("something of my own", occurred_at=at(-3))  # so ids must be re-mapped
    assert import_json(other, data) == {
        "entries": 1, "loop_map": 1, "loop_events": 1, "thought_records": 1,
        "rituals": 1, "ritual_log": 2, "love_list": 1, "love_log": 1, "offers": 1,
        "phrases": 1, "discoveries": 1, "tally": 1,
    }
    assert import_json(other, data) == NOTHING

    back = _without_stamp(through_a_file(export_json(other)))
    back["entries"] = [e for e in back["entries"] if e["body"] != "something of my own"]
    ids = {e["body"]: e["id"] for e in back["entries"]}
    entry_id = ids["He went quiet at dinner. #dinner"]
    record = back["thought_records"][0]
    event = back["loop_events"][0]
    assert record["loop_event_id"] == event["id"]
    assert event["thought_record_id"] == record["id"]
    assert record["evidence_links"] == [
        {"kind": "entry", "id": entry_id, "side": "for"},
        {"kind": "loop_event", "id": event["id"], "side": "against"},
    ]
    assert back["ritual_log"][0]["ritual_id"] == back["rituals"][0]["id"]

    def no_ids(doc: dict) -> dict:
        drop = {"id", "loop_event_id", "thought_record_id", "evidence_links", "ritual_id"}
        return {t: [{k: v for k, v in r.items() if k not in drop} for r in doc[t]]
                for t in TABLES}

    assert no_ids(back) == no_ids(_without_stamp(data))


def test_markdown_holds_every_kind(every_kind):
    text = export_markdown(every_kind)
    for piece in ("He went quiet at dinner.", "My loop map", "Pursue Withdraw",
                  "A turn of the loop", "Shutting Down", "we came back after an hour",
                  "Thought record", "he is leaving me (belief 90)", "Mind Reading",
                  "fear 80", "ask about his week", "Sunday walk: done", "he laughed",
                  "I checked my phone", "Sunday walk: missed", "too tired",
                  "Your mum visits on the first Saturday", "On my love list", "Tea in bed",
                  "Their Way", "she smiled",
                  "Can I cook tonight, or would you rather order in?", "Welcomed",
                  "he ate two plates", "What's on your mind?", "You never talk",
                  "Night market", "A shared discovery", "My tally: a slight", "at his joke"):
        assert piece in text, piece
    assert text.index("He went quiet") < text.index("A turn of the loop") < text.index(
        "Thought record"
    )


def test_unknown_keys_in_an_import_are_refused(every_kind, other):
    data = through_a_file(export_json(every_kind))
    data["loop_events"][0]["exits"] = ["slamming_doors"]
    before = export_json(other)["entries"]
    with pytest.raises(InvalidInput) as caught:
        import_json(other, data)
    assert "slamming_doors" in str(caught.value)
    assert export_json(other)["entries"] == before


# ------------------------------------------------------------------ Markdown


def test_markdown_holds_every_entry(filled):
    text = export_markdown(filled)
    assert text.startswith("# closer journal\n")
    for piece in ("Quiet dinner. #us", "Sunday", "Long walk, talked about work.", "Then tea.",
                  "[red]markup[/] stays text 💛", "*Mood: +2*", "*Mood: -1*", "★"):
        assert piece in text, piece
    assert text.index("Quiet dinner") < text.index("Long walk") < text.index("[red]markup")
    assert "## Week of 10 Mar 2025" in text


def test_markdown_of_an_empty_journal(journal):
    assert "Nothing written yet." in export_markdown(journal)


# ------------------------------------------------------------------ property


_moments = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=-7)),
                               timezone(timedelta(hours=5, minutes=30))]),
)
_entries = st.fixed_dictionaries(
    {
        "occurred_at": _moments,
        "title": st.text(max_size=30),
        "body": st.text(max_size=200)
        | st.builds(lambda w: f"about #{w} today", st.text(min_size=1, max_size=12)),
        "mood": st.none() | st.integers(-2, 2),
        "starred": st.booleans(),
        "tags": st.lists(st.from_regex(r"[a-z0-9_][a-z0-9_-]{0,15}", fullmatch=True), max_size=3),
    }
)


def _journal_from(folder: str, name: str, template: bytes) -> Journal:
    path = Path(folder) / name
    path.write_bytes(template)
    return Journal.open(path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(_entries, min_size=1, max_size=6))
def test_any_entries_survive_export_and_import(empty_journal_bytes, items):
    with tempfile.TemporaryDirectory() as folder:
        with _journal_from(folder, "a.db", empty_journal_bytes) as source, \
                _journal_from(folder, "b.db", empty_journal_bytes) as target:
            for item in items:
                try:
                    source.entries.add(item.pop("body"), **item)
                except InvalidInput:
                    pass  # empty after cleaning: refused, as it should be
            stored = as_seen(source)
            keys = [(when, title, body) for when, title, body, *_ in stored]
            assume(stored and len(set(keys)) == len(keys))

            data = through_a_file(export_json(source))
            assert import_json(target, data)["entries"] == len(stored)
            assert as_seen(target) == stored
            assert import_json(target, data) == NOTHING
            assert as_seen(target) == stored


def test_tags_given_apart_from_the_text_reach_markdown_and_jrnl(journal):
    from storage import jrnl
    from storage.portable import export_markdown

    journal.entries.add("a walk by the river #walk", tags=["us", "walk"])
    markdown = export_markdown(journal)
    assert "*Tags: #us*" in markdown and "#walk" in markdown
    text = jrnl.export_text(journal)
    assert text.splitlines()[-1] == "#us"  # jrnl reads the tag from the text
