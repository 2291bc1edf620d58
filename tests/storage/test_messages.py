"""Every refusal of a person's input reads as sentences about that input, never as pydantic's
or dateutil's words (storage/messages.py)."""

from __future__ import annotations

import inspect
from datetime import date, datetime, timezone

import pytest
from pydantic import BaseModel

from storage import models, rows
from storage.errors import InvalidInput
from storage.messages import FIELD_WORDS

JARGON = ("validation", "Value should", "string format", "Input should", "FREQ=", "type=",
          "Value error", "should match", "instance of", "dictionary", "Extra inputs", "literal",
          "_", "[", "{")
"""Words that are the libraries' and not the person's. An underscore or a bracket means a
field's code name (``time_of_day``) or a raw value reached the sentence."""

NOW = datetime(2026, 3, 1, 20, 0, tzinfo=timezone.utc)

VALID: dict[type[BaseModel], dict] = {
    models.EntryIn: {"occurred_at": NOW, "body": "a quiet evening"},
    models.Feeling: {"name": "hurt", "intensity": 60},
    models.EvidenceLink: {"kind": "entry", "id": 1, "side": "for"},
    models.ThoughtRecordIn: {"occurred_at": NOW, "story": "they are leaving"},
    models.LoopSideIn: {},
    models.LoopMapIn: {},
    models.LoopEventIn: {"occurred_at": NOW, "note": "a turn"},
    models.Pause: {"start": date(2026, 3, 1)},
    models.RitualIn: {"name": "Walk", "rrule": "FREQ=WEEKLY;BYDAY=SU",
                      "dtstart": date(2026, 3, 1)},
    models.RitualLogIn: {"ritual_id": 1, "on_date": date(2026, 3, 1), "status": "done"},
    models.LoveIn: {"what": "Tea in bed", "source": "their_way"},
    models.LoveDoneIn: {"love_id": 1, "on_date": date(2026, 3, 1)},
    models.OfferIn: {"occurred_at": NOW, "what": "cook", "at": "tonight"},
    models.PhraseIn: {"intent": "open", "text": "How was today, really?"},
    models.DiscoveryIn: {"idea": "The night market"},
    models.TallyIn: {"occurred_at": NOW, "side": "kind", "what": "thanks"},
}

BAD_VALUES = [None, "", "   ", "nonsense", -5, 10**9, 50.5, [], ["nonsense"], {"x": 1},
              "x" * 300_000, "2026-02-30", [{"name": "", "intensity": "abc"}],
              [{"kind": "photo", "id": "a", "side": "up"}], [{"start": "2026-03-05",
                                                              "end": "2026-03-01"}],
              {"trigger": 3}]

BAD_RULES = ["", "every sunday", "FREQ=FORTNIGHTLY", "FREQ=HOURLY", "FREQ=DAILY;BYHOUR=9",
             "DTSTART:20250101\nRRULE:FREQ=DAILY", "FREQ=DAILY\nFREQ=WEEKLY",
             "FREQ=WEEKLY;BYDAY=XX", "BYDAY=SU", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
             "FREQ=DAILY;UNTIL=someday", "FREQ=DAILY;INTERVAL=often", "FREQ=MONTHLY;BYDAY=+9MO",
             "FREQ=DAILY;COUNT=x", "RRULE:"]


def _input_models() -> list[type[BaseModel]]:
    """Every model a person's input goes through: the input models of storage/models.py
    (not the stored ones, which add only ids and timestamps)."""
    found = [
        obj for _, obj in inspect.getmembers(models, inspect.isclass)
        if issubclass(obj, BaseModel) and obj.__module__ == models.__name__
        and not obj.__name__.startswith(("_", "Stored")) and "id" not in obj.model_fields
        or obj in (models.EvidenceLink,)
    ]
    return sorted(set(found), key=lambda m: m.__name__)


def _messages(model: type[BaseModel], data: dict) -> str | None:
    try:
        rows.validate(model, data)
    except InvalidInput as exc:
        return str(exc)
    return None


def _assert_plain(message: str, what: str) -> None:
    for word in JARGON:
        assert word not in message, f"{what}: {word!r} in {message!r}"
    assert message[0].isupper() and message.endswith("."), f"{what}: {message!r}"


def test_the_walk_covers_every_input_model():
    assert set(_input_models()) == set(VALID)
    for model, data in VALID.items():
        assert _messages(model, data) is None, model.__name__


@pytest.mark.parametrize("model", sorted(VALID, key=lambda m: m.__name__),
                         ids=lambda m: m.__name__)
def test_every_bad_value_of_every_field_is_refused_in_plain_words(model):
    refused = 0
    for field in model.model_fields:
        for value in BAD_VALUES:
            message = _messages(model, {**VALID[model], field: value})
            if message is not None:
                refused += 1
                _assert_plain(message, f"{model.__name__}.{field}={value!r:.40}")
    message = _messages(model, {**VALID[model], "colour": "red"})
    assert message == "There is no field called 'colour' to fill in."
    assert refused >= len(model.model_fields) or not model.model_fields


@pytest.mark.parametrize("rule", BAD_RULES)
def test_every_bad_repeat_rule_is_refused_in_plain_words(rule):
    message = _messages(models.RitualIn, {**VALID[models.RitualIn], "rrule": rule})
    assert message is not None
    _assert_plain(message, repr(rule))


@pytest.mark.parametrize(("model", "data", "expected"), [
    (models.RitualIn, {"name": "", "rrule": "", "dtstart": "2026-02-30"},
     "The name is empty. Choose how often it repeats. The start date is not a real date."),
    (models.ThoughtRecordIn, {"occurred_at": NOW, "feelings_before": [{"name": "hurt"}]},
     "The strength of feeling 1 before is missing."),
    (models.EntryIn, {"occurred_at": NOW, "body": "x", "mood": 3},
     "The mood should be 2 or less."),
    (models.RitualIn, {"name": "Walk", "rrule": "FREQ=DAILY", "dtstart": date(2026, 3, 1),
                       "time_of_day": "7pm"},
     "The time of day ('7pm') should be a time like 07:30 or 19:00."),
    (models.LoopEventIn, {"occurred_at": NOW, "ending": "divorce"},
     "How it ended ('divorce') should be one of: repair, pause or unresolved."),
    (models.LoopMapIn, {"me": {"trigger": 3}},
     "What set it off in your side of the map should be text."),
])
def test_messages_name_the_field_as_a_person_knows_it(model, data, expected):
    assert _messages(model, data) == expected


def test_every_field_of_every_input_model_has_its_words():
    for model in VALID:
        for field in model.model_fields:
            assert field in FIELD_WORDS, f"{model.__name__}.{field} has no words"
