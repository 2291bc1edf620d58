"""The knowledge files load, are checked, and hold every key the rest of closer relies on."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
import tomllib
from datetime import datetime
from importlib import resources

import pytest
from dateutil.rrule import rrulestr

import content
from content import knowledge
from content.models import ContentError, Knowledge, build, fields_of

# Keys other modules (storage, tui, the demo journal) refer to. Adding keys is fine; these
# must never disappear, because people's journals store them.
PATTERNS = ["pursue_withdraw", "withdraw_withdraw", "attack_attack"]
ROLES = ["pursuer", "withdrawer"]
CYCLE_FIELDS = ["trigger", "move", "tells_self", "surface", "underneath", "longing"]
EXITS = ["distractions", "shutting_down", "fighting_blaming", "overworking", "focusing_on_others"]
ENDINGS = ["repair", "pause", "unresolved"]
REASONS = [
    "overwhelmed", "misunderstood", "uncertain", "fear_of_closeness", "shame", "exhaustion",
    "old_hurts", "stuck_pattern", "drifting_apart", "avoiding_conflict", "work_pressure",
    "family_strain", "routine",
]
TRAPS = [
    "mind_reading", "fortune_telling", "catastrophising", "personalising", "all_or_nothing",
    "overgeneralising", "emotional_reasoning", "labelling", "should_statements",
    "mental_filter", "discounting_positive", "blaming",
]
RITUALS = {
    "five_minute_download": "FREQ=DAILY",
    "shared_discovery": "FREQ=MONTHLY;BYDAY=+1SA",
    "family_boundary_meeting": "FREQ=MONTHLY;INTERVAL=3;BYDAY=+1SU",
    "walk_and_talk": "FREQ=WEEKLY;BYDAY=SU",
    "small_bids": "FREQ=DAILY",
}
MISSED_REASONS = ["busy", "forgot", "conflict", "chose_not_to"]
THOUGHT_PROMPTS = [
    "situation", "feelings_before", "story", "story_belief", "traps", "evidence_for",
    "evidence_against", "alternative_story", "reasons", "alternative_belief",
    "story_belief_after", "feelings_after", "next_step",
]

KEYED = {
    "patterns": PATTERNS,
    "roles": ROLES,
    "cycle_fields": CYCLE_FIELDS,
    "exits": EXITS,
    "endings": ENDINGS,
    "reasons": REASONS,
    "traps": TRAPS,
    "rituals": list(RITUALS),
    "missed_reasons": MISSED_REASONS,
}

LOOKUPS = {
    "pattern": "patterns",
    "role": "roles",
    "exit": "exits",
    "ending": "endings",
    "reason": "reasons",
    "trap": "traps",
    "ritual": "rituals",
    "missed_reason": "missed_reasons",
}

# One-line texts show in a narrow terminal pane.
ONE_LINE = 110


@pytest.fixture(scope="module")
def k() -> Knowledge:
    return knowledge()


def _strings(value, where: str = "knowledge"):
    """Every string inside ``value`` (models, lists, dicts), with where it was found."""
    if dataclasses.is_dataclass(value):
        for name in fields_of(type(value)):
            yield from _strings(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, f"{where}[{key!r}] (key)")
            yield from _strings(item, f"{where}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")
    elif isinstance(value, str):
        yield where, value


# ---------------------------------------------------------------- loading


def test_knowledge_loads(k):
    assert isinstance(k, Knowledge)


def test_knowledge_is_cached():
    assert knowledge() is knowledge()


def test_knowledge_is_frozen(k):
    with pytest.raises(dataclasses.FrozenInstanceError):
        k.exit("shutting_down").name = "Something else"


def test_every_file_is_package_data_and_defines_its_own_sections():
    folder = resources.files("content")
    seen: set[str] = set()
    for name in content.FILES:
        with folder.joinpath(name).open("rb") as fh:
            part = tomllib.load(fh)
        assert part, f"{name} is empty"
        assert not seen & part.keys(), f"{name} repeats a section"
        seen |= part.keys()
    assert seen == set(fields_of(Knowledge))


# ---------------------------------------------------------------- keys


@pytest.mark.parametrize("section", sorted(KEYED))
def test_keys_other_code_relies_on_exist(k, section):
    missing = set(KEYED[section]) - k.keys(section)
    assert not missing, f"{section} lacks {sorted(missing)}"


@pytest.mark.parametrize("section", sorted(KEYED) + ["small_actions"])
def test_keys_are_unique_within_a_section(k, section):
    keys = [item.key for item in getattr(k, section)]
    assert len(keys) == len(set(keys))


def test_exactly_the_five_emotional_exits(k):
    assert [e.key for e in k.exits] == EXITS
    assert k.exit("shutting_down").name == "Shutting down"


def test_cycle_fields_in_map_order(k):
    assert [f.key for f in k.cycle_fields] == CYCLE_FIELDS


def test_thought_prompts_cover_the_whole_form_in_order(k):
    assert list(k.thought_prompts) == THOUGHT_PROMPTS


def test_duplicate_keys_are_rejected(k):
    data = content.load()
    data["traps"].append(dict(data["traps"][0]))
    with pytest.raises(ContentError, match="duplicate keys"):
        build(Knowledge, data)


@pytest.mark.parametrize("method", sorted(LOOKUPS))
def test_lookups_find_every_key(k, method):
    for item in getattr(k, LOOKUPS[method]):
        assert getattr(k, method)(item.key) is item


@pytest.mark.parametrize("method", sorted(LOOKUPS))
def test_lookups_raise_key_error_on_unknown_keys(k, method):
    with pytest.raises(KeyError, match="no_such_key"):
        getattr(k, method)("no_such_key")


# ---------------------------------------------------------------- texts


def test_no_text_is_empty_or_whitespace(k):
    found = list(_strings(k))
    assert len(found) > 300  # the walk really reached the texts
    blank = [where for where, text in found if not text.strip()]
    assert not blank, blank


def test_texts_have_no_stray_whitespace_or_line_breaks(k):
    bad = [where for where, text in _strings(k) if text != text.strip() or "\n" in text]
    assert not bad, bad


def test_one_line_texts_fit_a_pane(k):
    one_liners = []
    for section in KEYED:
        for item in getattr(k, section):
            for field in ("name", "label", "description", "alternative", "example",
                          "question", "prompt", "cadence"):
                if hasattr(item, field):
                    one_liners.append((f"{section}.{item.key}.{field}", getattr(item, field)))
    for i, r in enumerate(k.reframes):
        one_liners += [(f"reframes[{i}].critical", r.critical),
                       (f"reframes[{i}].curious", r.curious)]
    for a in k.small_actions:
        one_liners.append((f"small_actions.{a.key}", a.text))
    for key, p in k.thought_prompts.items():
        one_liners += [(f"thought_prompts.{key}.label", p.label),
                       (f"thought_prompts.{key}.prompt", p.prompt)]
    too_long = [(where, len(text)) for where, text in one_liners if len(text) > ONE_LINE]
    assert not too_long, too_long


def test_roles_have_every_list(k):
    for key in ROLES:
        role = k.role(key)
        for field in ("moves", "tells_self", "feels_underneath", "longs_for"):
            assert len(getattr(role, field)) >= 2, f"{key}.{field}"


def test_every_reason_offers_a_different_kinder_story(k):
    for reason in k.reasons:
        assert reason.alternative != reason.description


def test_every_trap_has_an_example_and_a_question(k):
    for trap in k.traps:
        assert trap.question.endswith("?"), trap.key
        assert trap.example


def test_feelings_are_a_short_unique_list_of_words(k):
    assert 15 <= len(k.feelings) <= 30
    assert len(set(f.lower() for f in k.feelings)) == len(k.feelings)
    assert all(" " not in f for f in k.feelings)


def test_reframes_and_small_actions(k):
    for role in ROLES:
        assert 8 <= len(k.guidance(role).reframes) <= 14, role
        assert 12 <= len(k.guidance(role).small_actions) <= 24, role
    assert 3 <= len(k.guidance("unsure").reframes)
    assert 8 <= len(k.guidance("unsure").small_actions)
    for r in k.reframes:
        assert r.critical != r.curious
        assert r.curious.endswith("?"), r.curious
    assert k.reframes[0].critical == "You never talk to me."


def test_help_texts(k):
    assert "not therapy" in k.help.not_therapy
    assert "couples therapy" in k.help.not_therapy
    assert "emergency" in k.help.safety and "helpline" in k.help.safety


# ---------------------------------------------------------------- rituals


@pytest.mark.parametrize("key", sorted(RITUALS))
def test_ritual_rules(k, key):
    ritual = k.ritual(key)
    assert ritual.rrule == RITUALS[key]
    rule = rrulestr(ritual.rrule, dtstart=datetime(2025, 1, 1))
    assert len(list(rule[:3])) == 3


def test_every_ritual_rule_parses(k):
    for ritual in k.rituals:
        assert "DTSTART" not in ritual.rrule.upper()
        rrulestr(ritual.rrule, dtstart=datetime(2025, 1, 1))


def test_ritual_rules_mean_what_their_cadence_says(k):
    start = datetime(2025, 1, 1)  # a Wednesday

    def first(key: str, n: int) -> list[datetime]:
        return list(rrulestr(k.ritual(key).rrule, dtstart=start)[:n])

    # shared discovery: the first Saturday of each month
    for day in first("shared_discovery", 12):
        assert day.weekday() == 5 and day.day <= 7
    # family boundary meeting: the first Sunday, every three months
    meetings = first("family_boundary_meeting", 4)
    assert all(d.weekday() == 6 and d.day <= 7 for d in meetings)
    assert [d.month for d in meetings] == [1, 4, 7, 10]
    # walk and talk: every Sunday
    walks = first("walk_and_talk", 3)
    assert all(d.weekday() == 6 for d in walks)
    assert (walks[1] - walks[0]).days == 7


def test_only_the_download_asks_for_a_good_and_a_hard_thing(k):
    asking = {r.key for r in k.rituals if r.asks_good_and_hard}
    assert asking == {"five_minute_download"}


# ---------------------------------------------------------------- the checks on load


def _broken(change) -> dict:
    data = copy.deepcopy(content.load())
    change(data)
    return data


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["exits"][0].update(name="   "), r"exits\[0\]\.name: must not be empty"),
    (lambda d: d["traps"][2].update(key="Mind-Reading"), r"traps\[2\]\.key: .* is not a key"),
    (lambda d: d["patterns"][0].update(colour="blue"), r"patterns\[0\]: unknown field 'colour'"),
    (lambda d: d["reasons"][1].pop("alternative"), r"reasons\[1\]: missing field 'alternative'"),
    (lambda d: d["rituals"][0].update(asks_good_and_hard="yes"),
     r"asks_good_and_hard: expected true or false, found a text"),
    (lambda d: d["calm_down"].update(minutes=0), r"calm_down\.minutes: 0 is outside 1\.\.60"),
    (lambda d: d["calm_down"].update(minutes=True), r"calm_down\.minutes: expected a whole"),
    (lambda d: d["exits"].pop(), r"exits: needs at least 5 item\(s\), has 4"),
    (lambda d: d["cycle_fields"].append(d["cycle_fields"][0]), r"cycle_fields: holds at most 6"),
    (lambda d: d["roles"][0].update(moves=[]), r"roles\[0\]\.moves: needs at least 1"),
    (lambda d: d["roles"][0].update(moves="ask again"), r"moves: expected a list, found a text"),
    (lambda d: d["thought_prompts"].update({"Bad Key": {"label": "x", "prompt": "y"}}),
     r"thought_prompts \(key 'Bad Key'\): .* is not a key"),
    (lambda d: d.update(help=[]), r"Knowledge\.help: expected a table, found a list"),
])
def test_a_broken_file_is_refused_with_where_and_what(change, message):
    with pytest.raises(ContentError, match=message):
        build(Knowledge, _broken(change))


def test_texts_are_stripped_on_load():
    data = _broken(lambda d: d["exits"][0].update(name="  Shutting down \n"))
    assert build(Knowledge, data).exit(data["exits"][0]["key"]).name == "Shutting down"


def test_pydantic_reads_the_files_into_the_same_objects(k):
    """The shapes are plain dataclasses; pydantic, which validates what people type,
    reads the same files into equal objects (the two agree on every field and type)."""
    from pydantic import TypeAdapter

    assert TypeAdapter(Knowledge).validate_python(content.load()) == k


def test_loading_content_imports_no_pydantic():
    code = ("import sys; from content import knowledge; knowledge(); "
            "print(sorted(m for m in ('pydantic', 'pydantic_core') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
