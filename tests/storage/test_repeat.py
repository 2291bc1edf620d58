"""The repeat-rule picker's choices and the rules they stand for (storage/repeat.py), without
Textual: every preset goes round, every choice makes a rule a ritual can have, and the words
say what the picker chose."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage import rows
from storage.errors import InvalidInput
from storage.models import RitualIn
from storage.repeat import (
    MAX_INTERVAL,
    MONTH_DAYS,
    NTHS,
    UNITS,
    WEEKDAYS,
    Repeat,
    from_rule,
    interval_from_text,
    to_rule,
)
from storage.rituals import describe_rule

START = date(2026, 3, 4)  # a Wednesday


def test_every_ritual_idea_in_content_goes_round_the_picker():
    from content import knowledge

    for template in knowledge().rituals:
        choice = from_rule(template.rrule)
        assert choice is not None, template.key
        assert to_rule(choice) == template.rrule, template.key
        assert describe_rule(to_rule(choice)).lower().endswith(template.cadence.lower())


@pytest.mark.parametrize(("choice", "rule", "words"), [
    (Repeat("day"), "FREQ=DAILY", "Every day"),
    (Repeat("day", 3), "FREQ=DAILY;INTERVAL=3", "Every 3 days"),
    (Repeat("week"), "FREQ=WEEKLY", "Every Wednesday"),
    (Repeat("week", 2, ("WE",)), "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "Every other Wednesday"),
    (Repeat("week", 1, ("FR", "MO")), "FREQ=WEEKLY;BYDAY=MO,FR", "Every Monday and Friday"),
    (Repeat("month"), "FREQ=MONTHLY", "The 4th of every month"),
    (Repeat("month", 1, (), "nth", -1, "SU"), "FREQ=MONTHLY;BYDAY=-1SU",
     "The last Sunday of every month"),
    (Repeat("month", 1, (), "nth", 3, "TH"), "FREQ=MONTHLY;BYDAY=+3TH",
     "The third Thursday of every month"),
    (Repeat("month", 2, (), "nth", 2, "TU"), "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU",
     "The second Tuesday, every other month"),
    (Repeat("month", 1, (), "last_day"), "FREQ=MONTHLY;BYMONTHDAY=-1",
     "The last day of every month"),
    (Repeat("year", 1), "FREQ=YEARLY", "Every year on 4 March"),
])
def test_a_choice_makes_its_rule_and_reads_back(choice, rule, words):
    assert to_rule(choice) == rule
    assert from_rule(rule) == choice.normal()
    assert describe_rule(rule, START) == words


@pytest.mark.parametrize("rule", [
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;BYDAY=SU;COUNT=4",
    "FREQ=DAILY;UNTIL=20261231", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;BYDAY=+5SU", "FREQ=WEEKLY;WKST=SU",
    "FREQ=WEEKLY;BYDAY=SU,SU", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;INTERVAL=100",
    "every sunday", "",
])
def test_a_rule_the_picker_cannot_show_is_left_to_the_rule_text(rule):
    assert from_rule(rule) is None


def test_what_does_not_apply_to_the_unit_is_ignored():
    assert to_rule(Repeat("day", 1, ("MO",), "nth", 2, "TU")) == "FREQ=DAILY"
    assert to_rule(Repeat("month", 1, ("MO",))) == "FREQ=MONTHLY"


@pytest.mark.parametrize(("text", "number"), [("", 1), (" 2 ", 2), ("99", 99)])
def test_every_n_is_read_from_what_was_typed(text, number):
    assert interval_from_text(text) == number


@pytest.mark.parametrize("text", ["0", "100", "two", "-1", "1.5"])
def test_a_bad_every_n_is_refused_in_plain_words(text):
    with pytest.raises(InvalidInput, match="^Every how many weeks[?] Give a whole number"):
        interval_from_text(text, "week")


choices = st.builds(
    Repeat,
    unit=st.sampled_from(UNITS),
    interval=st.integers(1, MAX_INTERVAL),
    weekdays=st.lists(st.sampled_from(WEEKDAYS), unique=True).map(tuple),
    month_day=st.sampled_from(MONTH_DAYS),
    nth=st.sampled_from(NTHS),
    weekday=st.sampled_from(WEEKDAYS),
)


@given(choices)
def test_every_choice_is_a_rule_a_ritual_can_have_and_comes_back(choice):
    rule = to_rule(choice)
    assert from_rule(rule) == choice.normal()
    ritual = rows.validate(RitualIn, {"name": "Walk", "rrule": rule, "dtstart": START})
    assert ritual.rrule == rule
    assert describe_rule(rule, START) != "A custom rule"
