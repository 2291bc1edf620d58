"""Free journal entries: what is stored, what is refused, and how lists are filtered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from storage import InvalidInput, NotFound
from storage.text import MAX_TEXT

T0 = datetime(2025, 3, 10, 20, 0, tzinfo=timezone.utc)


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def bodies(entries) -> list[str]:
    return [e.body for e in entries]


def stored_rows(journal) -> int:
    return journal.scalar("SELECT count(*) FROM entries") + journal.scalar(
        "SELECT count(*) FROM entry_tags"
    )


# ------------------------------------------------------------------ add and get


def test_add_stores_every_field(journal):
    entry = journal.entries.add(
        "We laughed at dinner.", title="A good evening", occurred_at=at(0), mood=2, starred=True
    )
    assert entry.id > 0
    got = journal.entries.get(entry.id)
    assert got.title == "A good evening"
    assert got.body == "We laughed at dinner."
    assert got.mood == 2
    assert got.starred is True
    assert got.occurred_at == at(0)
    assert got.occurred_at.tzinfo is not None
    assert got.created_at.tzinfo is not None
    assert got.created_at == got.updated_at
    assert journal.scalar("SELECT day FROM entries WHERE id = ?", (entry.id,)) == (
        at(0).astimezone().date().isoformat()
    )


def test_add_defaults_to_now_without_mood_or_star(journal):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    entry = journal.entries.add("just now")
    assert entry.mood is None
    assert entry.starred is False
    assert entry.title == ""
    assert before <= entry.occurred_at <= datetime.now(timezone.utc)


def test_naive_time_is_taken_as_local(journal):
    naive = datetime(2025, 6, 1, 9, 30)
    entry = journal.entries.add("breakfast", occurred_at=naive)
    assert entry.occurred_at == naive.astimezone()


def test_times_are_kept_to_the_second(journal):
    entry = journal.entries.add("x", occurred_at=at(0) + timedelta(microseconds=987654))
    assert entry.occurred_at == at(0)


def test_get_missing_raises_not_found(journal):
    with pytest.raises(NotFound):
        journal.entries.get(404)


# ------------------------------------------------------------------ tags


def test_tags_are_taken_from_the_text_lowercase_once_each(journal):
    entry = journal.entries.add("A walk #Walk and a talk #walk #us. Not an email a#b.")
    assert sorted(entry.tags) == ["us", "walk"]


def test_tags_from_title_and_explicit_tags(journal):
    entry = journal.entries.add("body #Body", title="Title #Head", tags=["#Given", "given", "x-y"])
    assert sorted(entry.tags) == ["body", "given", "head", "x-y"]
    assert dict(journal.entries.tags()) == {"body": 1, "given": 1, "head": 1, "x-y": 1}


def test_explicit_tag_with_a_space_is_refused(journal):
    with pytest.raises(InvalidInput):
        journal.entries.add("text", tags=["two words"])
    assert stored_rows(journal) == 0


def test_unusual_tags_written_in_text_survive_an_update(journal):
    entry = journal.entries.add("Written #x² and #" + "long" * 20)
    assert sorted(entry.tags) == ["long" * 20, "x²"]
    changed = journal.entries.update(entry.id, mood=-1)
    assert changed.mood == -1
    assert changed.tags == entry.tags


def test_tag_counts_most_used_first(journal):
    journal.entries.add("#b #a")
    journal.entries.add("#a")
    assert journal.entries.tags() == [("a", 2), ("b", 1)]


# ------------------------------------------------------------------ refusing bad input


@pytest.mark.parametrize("body", ["", "   ", "\n\t\n", "\x00\x01\x1b"])
def test_empty_text_is_refused_and_nothing_stored(journal, body):
    with pytest.raises(InvalidInput) as caught:
        journal.entries.add(body)
    assert "needs some text" in str(caught.value)
    assert stored_rows(journal) == 0


def test_a_title_alone_is_enough(journal):
    entry = journal.entries.add("", title="Only a title")
    assert (entry.title, entry.body) == ("Only a title", "")


def test_text_over_the_limit_is_refused_with_a_clear_message(journal):
    with pytest.raises(InvalidInput) as caught:
        journal.entries.add("a" * (MAX_TEXT + 1))
    message = str(caught.value)
    assert "too long" in message
    assert f"{MAX_TEXT:,}" in message
    assert "\n" not in message
    assert stored_rows(journal) == 0


def test_text_at_the_limit_is_kept(journal):
    entry = journal.entries.add("b" * MAX_TEXT)
    assert len(journal.entries.get(entry.id).body) == MAX_TEXT


@pytest.mark.parametrize("mood", [3, -3, 100])
def test_mood_out_of_range_is_refused(journal, mood):
    with pytest.raises(InvalidInput) as caught:
        journal.entries.add("text", mood=mood)
    assert "mood" in str(caught.value)
    assert stored_rows(journal) == 0


@pytest.mark.parametrize("mood", [-2, -1, 0, 1, 2])
def test_mood_in_range_is_kept(journal, mood):
    assert journal.entries.add("text", mood=mood).mood == mood


def test_control_characters_are_cleaned(journal):
    entry = journal.entries.add("a\x00b\x1b[31mred\x07\tc\r\nd\re\x7f\x9bf", title="t\x08itle")
    got = journal.entries.get(entry.id)
    assert got.body == "ab[31mred\tc\nd\nef"
    assert got.title == "title"


def test_markup_and_emoji_are_stored_verbatim(journal):
    text = "[red]x[/] [bold]not bold[/bold] [link=http://x]y[/link] \\[ 💛 <b>"
    entry = journal.entries.add(text, title="[/]")
    got = journal.entries.get(entry.id)
    assert got.body == text
    assert got.title == "[/]"


# ------------------------------------------------------------------ update and delete


def test_update_changes_fields_and_touches_updated_at(journal):
    entry = journal.entries.add("first words", occurred_at=at(0), mood=0)
    journal.conn.execute(
        "UPDATE entries SET updated_at = '2000-01-01T00:00:00+00:00' WHERE id = ?", (entry.id,)
    )
    changed = journal.entries.update(entry.id, body="second words", mood=1, starred=True)
    assert (changed.body, changed.mood, changed.starred) == ("second words", 1, True)
    assert changed.created_at == entry.created_at
    assert changed.updated_at.year > 2000
    assert journal.entries.get(entry.id).body == "second words"


def test_update_replaces_written_tags_but_keeps_given_ones(journal):
    entry = journal.entries.add("old #before", tags=["kept"])
    assert sorted(entry.tags) == ["before", "kept"]
    changed = journal.entries.update(entry.id, body="new #after")
    assert sorted(changed.tags) == ["after", "kept"]
    assert dict(journal.entries.tags()) == {"after": 1, "kept": 1}


def test_update_with_tags_replaces_them(journal):
    entry = journal.entries.add("text", tags=["one", "two"])
    assert journal.entries.update(entry.id, tags=["three"]).tags == ["three"]


def test_update_refuses_bad_values_and_keeps_the_old(journal):
    entry = journal.entries.add("keep me", mood=1)
    with pytest.raises(InvalidInput):
        journal.entries.update(entry.id, mood=5)
    with pytest.raises(InvalidInput):
        journal.entries.update(entry.id, body="", title="")
    with pytest.raises(InvalidInput):
        journal.entries.update(entry.id, colour="blue")
    got = journal.entries.get(entry.id)
    assert (got.body, got.mood) == ("keep me", 1)


def test_update_missing_raises_not_found(journal):
    with pytest.raises(NotFound):
        journal.entries.update(99, body="x")


def test_delete_removes_the_entry_and_its_tags(journal):
    keep = journal.entries.add("stays #t")
    gone = journal.entries.add("goes #t #only")
    journal.entries.delete(gone.id)
    with pytest.raises(NotFound):
        journal.entries.get(gone.id)
    assert bodies(journal.entries.list()) == ["stays #t"]
    assert journal.entries.tags() == [("t", 1)]
    assert journal.entries.get(keep.id).tags == ["t"]
    with pytest.raises(NotFound):
        journal.entries.delete(gone.id)


# ------------------------------------------------------------------ list


@pytest.fixture
def week(journal):
    """Seven entries, one a day, added out of order."""
    for day in (3, 0, 6, 1, 5, 2, 4):
        journal.entries.add(
            f"day {day}" + (" #even" if day % 2 == 0 else ""),
            occurred_at=at(day),
            starred=day in (1, 4),
        )
    return journal


def test_list_is_newest_first_by_time_not_by_insertion(week):
    assert bodies(week.entries.list()) == [
        "day 6 #even", "day 5", "day 4 #even", "day 3", "day 2 #even", "day 1", "day 0 #even",
    ]


def test_list_oldest_first(week):
    assert bodies(week.entries.list(newest_first=False))[:2] == ["day 0 #even", "day 1"]


def test_limit_keeps_the_newest(week):
    assert bodies(week.entries.list(limit=2)) == ["day 6 #even", "day 5"]
    assert bodies(week.entries.list(limit=2, newest_first=False)) == ["day 5", "day 6 #even"]
    assert week.entries.list(limit=0) == []
    with pytest.raises(InvalidInput):
        week.entries.list(limit=-1)


def test_start_and_end_are_inclusive(week):
    got = week.entries.list(start=at(2), end=at(4))
    assert bodies(got) == ["day 4 #even", "day 3", "day 2 #even"]
    assert bodies(week.entries.list(start=at(5.5))) == ["day 6 #even"]
    assert bodies(week.entries.list(end=at(0.5))) == ["day 0 #even"]


def test_start_and_end_in_another_time_zone_mean_the_same_moments(week):
    plus_five = timezone(timedelta(hours=5))
    assert bodies(week.entries.list(start=at(2).astimezone(plus_five), end=at(3))) == [
        "day 3", "day 2 #even",
    ]


def test_list_by_tag_with_or_without_hash(week):
    expected = ["day 6 #even", "day 4 #even", "day 2 #even", "day 0 #even"]
    assert bodies(week.entries.list(tag="even")) == expected
    assert bodies(week.entries.list(tag="#Even")) == expected
    assert week.entries.list(tag="odd") == []


def test_list_starred(week):
    assert bodies(week.entries.list(starred=True)) == ["day 4 #even", "day 1"]
    assert len(week.entries.list(starred=False)) == 5


def test_filters_combine(week):
    assert bodies(week.entries.list(tag="even", start=at(1), limit=2)) == [
        "day 6 #even", "day 4 #even",
    ]
    assert bodies(week.entries.list(tag="even", starred=True)) == ["day 4 #even"]


def test_count(week):
    assert week.entries.count() == 7


def test_a_filter_as_typed_chooses_pages_counts_and_places(journal):
    from datetime import datetime

    from storage.entries import parse_filter

    for n in range(30):
        journal.entries.add(f"evening {n} by the canal #walk" if n % 3 else f"work {n} #work",
                            occurred_at=datetime(2026, 11, 1 + n % 28, 20, n).astimezone(),
                            starred=n % 5 == 0)
    walks = parse_filter("canal #walk -#work")
    assert journal.entries.count(**walks) == 20
    page = journal.entries.list(limit=5, offset=5, **walks)
    assert [journal.entries.position(e.id, **walks) for e in page] == [5, 6, 7, 8, 9]
    everything = journal.entries.list(**walks)
    assert [e.id for e in everything[5:10]] == [e.id for e in page]
    work = journal.entries.list(tags=["work"])[0]
    assert journal.entries.position(work.id, **walks) is None
    starred = parse_filter("* on:2026-11-06")
    assert [e.body for e in journal.entries.list(**starred)] == ["evening 5 by the canal #walk"]
    with pytest.raises(InvalidInput):
        parse_filter("from:the-day-after-never")
