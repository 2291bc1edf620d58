"""Full-text search: prefixes, snippets with markers, order, kinds, and odd queries."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from storage import InvalidInput, rows
from storage.models import LoopEventIn, RitualIn, RitualLogIn, ThoughtRecordIn
from storage.search import (
    KINDS,
    MARK_END,
    MARK_START,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    fts_query,
)

T0 = datetime(2025, 3, 10, 20, 0, tzinfo=timezone.utc)


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def test_a_word_finds_longer_words_by_prefix(journal):
    walked = journal.entries.add("We walked to the river after dinner.")
    journal.entries.add("Stayed in and read.")
    for query in ("walk", "WALKED", "riv", "dinner"):
        hits = journal.search(query)
        assert [(h.kind, h.id) for h in hits] == [("entry", walked.id)], query


def test_every_word_must_match(journal):
    journal.entries.add("walked to the river")
    journal.entries.add("walked to the shop")
    assert len(journal.search("walk")) == 2
    assert [h.title for h in journal.search("walk river")] == ["walked to the river"]
    assert journal.search("walk moon") == []


def test_title_is_searched_and_shown(journal):
    entry = journal.entries.add("plain body", title="Sunday pancakes")
    [hit] = journal.search("pancake")
    assert (hit.id, hit.title) == (entry.id, "Sunday pancakes")


def test_snippet_marks_the_match(journal):
    journal.entries.add("After a long silence we finally talked about the holiday plans.")
    [hit] = journal.search("talk")
    assert f"{MARK_START}talked{MARK_END}" in hit.snippet
    assert "[talked]" in hit.plain_snippet("[", "]")
    assert MARK_START not in hit.plain_snippet() and "talked" in hit.plain_snippet()


def test_snippet_is_one_line(journal):
    journal.entries.add("first line\n\nsecond line with tea\n\tthird")
    [hit] = journal.search("tea")
    assert "\n" not in hit.snippet and "\t" not in hit.snippet
    assert "second line with" in hit.snippet


def test_results_are_newest_first_and_limited(journal):
    for day in (2, 0, 3, 1):
        journal.entries.add(f"tea on day {day}", occurred_at=at(day))
    assert [h.title for h in journal.search("tea")] == [
        "tea on day 3", "tea on day 2", "tea on day 1", "tea on day 0",
    ]
    assert [h.title for h in journal.search("tea", limit=2)] == ["tea on day 3", "tea on day 2"]
    assert journal.search("tea", limit=0) == []
    assert [h.occurred_at for h in journal.search("tea")][0] == at(3)
    with pytest.raises(InvalidInput):
        journal.search("tea", limit=-1)


def test_search_follows_updates_and_deletes(journal):
    entry = journal.entries.add("about the garden")
    journal.entries.update(entry.id, body="about the kitchen")
    assert journal.search("garden") == []
    assert [h.id for h in journal.search("kitchen")] == [entry.id]
    journal.entries.delete(entry.id)
    assert journal.search("kitchen") == []


def test_case_and_accents(journal):
    journal.entries.add("Café with Ana")
    assert len(journal.search("café")) == 1
    assert len(journal.search("CAFE")) == 1


@pytest.fixture
def mixed(journal):
    """One entry, one thought record and one loop moment, all about the phone."""
    entry = journal.entries.add("phone stayed in the drawer all evening", occurred_at=at(0))
    record = rows.insert(
        journal,
        "thought_records",
        ThoughtRecordIn(occurred_at=at(2), situation="no reply", story="the phone silence means"),
    )
    event = rows.insert(
        journal, "loop_events", LoopEventIn(occurred_at=at(1), note="argued about the phone")
    )
    ritual = rows.insert(
        journal, "rituals",
        RitualIn(name="Sunday walk", rrule="FREQ=WEEKLY;BYDAY=SU", dtstart=date(2025, 3, 2)),
    )
    note = rows.insert(
        journal, "ritual_log",
        RitualLogIn(ritual_id=ritual, on_date=date(2025, 3, 9), status="done",
                    positive="left the phone at home"),
    )
    return journal, {"entry": entry.id, "thought_record": record, "loop_event": event,
                     "ritual_note": note}


def test_every_kind_is_searched_newest_first(mixed):
    journal, ids = mixed
    hits = journal.search("phone")
    assert [(h.kind, h.id) for h in hits] == [
        ("thought_record", ids["thought_record"]),
        ("loop_event", ids["loop_event"]),
        ("entry", ids["entry"]),
        ("ritual_note", ids["ritual_note"]),
    ]
    assert hits[0].title == "the phone silence means"
    assert hits[-1].title == "Sunday walk · 2025-03-09"
    assert f"{MARK_START}phone{MARK_END}" in hits[-1].snippet


def test_kinds_filter(mixed):
    journal, ids = mixed
    assert [h.kind for h in journal.search("phone", kinds=["entry"])] == ["entry"]
    assert [h.kind for h in journal.search("phone", kinds=["loop_event", "entry"])] == [
        "loop_event", "entry",
    ]
    assert journal.search("phone", kinds=[]) == []
    assert {h.kind for h in journal.search("phone", kinds=KINDS)} == set(ids)
    with pytest.raises(InvalidInput):
        journal.search("phone", kinds=["diary"])


@pytest.mark.parametrize(
    "query",
    ['"', '""', "'", "***", "()", "-", "^", ":", "...", "   ", "", '"phone', "phone*", "a OR",
     "NEAR(", "AND", "NOT phone", "col:phone", "phone\"\"", "\x00"],
)
def test_odd_queries_never_crash(mixed, query):
    journal, _ = mixed
    try:
        hits = journal.search(query)
    except InvalidInput as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(hits, list)


def test_punctuation_only_is_a_clean_refusal(journal):
    with pytest.raises(InvalidInput) as caught:
        journal.search('"*"')
    assert "at least one word" in str(caught.value)


def test_operators_are_searched_as_words(journal):
    journal.entries.add("this AND that")
    journal.entries.add("not here")
    assert [h.title for h in journal.search("and")] == ["this AND that"]
    assert [h.title for h in journal.search('NOT "here')] == ["not here"]


def test_fts_query_quotes_each_word_as_a_prefix():
    assert fts_query('walk "river" OR') == '"walk"* "river"* "OR"*'


# ------------------------------------------------------------------ how long a query can be


def _statements(journal) -> list[str]:
    """Every SQL statement the journal's connection runs from now on."""
    seen: list[str] = []
    journal.conn.set_trace_callback(seen.append)
    return seen


@pytest.mark.parametrize(
    "query, said",
    [
        (" ".join(f"w{n}" for n in range(2_000)), "characters"),  # a pasted page
        ("x" * (MAX_QUERY_CHARS + 1), "characters"),
        (" ".join(f"w{n}" for n in range(MAX_QUERY_WORDS + 1)), "words"),
    ],
    ids=["2000 words", "one word too many characters", "one word too many"],
)
def test_a_query_over_the_limit_is_refused_before_anything_is_searched(journal, query, said):
    journal.entries.add(query)
    ran = _statements(journal)
    with pytest.raises(InvalidInput) as caught:
        journal.search(query)
    message = str(caught.value)
    assert "\n" not in message and "too long" in message and said in message
    assert f"{MAX_QUERY_CHARS:,}" in message or f"{MAX_QUERY_WORDS}" in message
    assert ran == []  # refused from the text alone: the index was never asked


def test_a_query_at_the_limit_still_finds(journal):
    many = " ".join(f"w{n}" for n in range(MAX_QUERY_WORDS))
    longest = "x" * MAX_QUERY_CHARS
    first = journal.entries.add(f"{many} and more")
    second = journal.entries.add(f"{longest}y")
    assert [h.id for h in journal.search(many)] == [first.id]
    assert [h.id for h in journal.search(longest)] == [second.id]


def test_a_word_said_twice_counts_once(journal):
    entry = journal.entries.add("the walk by the river")
    again = " ".join(["the", "walk"] * MAX_QUERY_WORDS)
    assert len(again) <= MAX_QUERY_CHARS
    assert [h.id for h in journal.search(again)] == [entry.id]
    assert fts_query("the walk The walk") == '"the"* "walk"*'
