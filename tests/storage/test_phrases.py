"""The phrase book: the book for a role merged with one's own phrases, favourites first,
a book phrase favourited once, and curious ways to say what one is about to say."""

from __future__ import annotations

import pytest

from content import knowledge
from storage import InvalidInput
from storage.phrases import book_for

WORDS = knowledge().small_things


def keys(phrases) -> list[str]:
    return [p.key for p in phrases]


def test_the_book_for_each_role():
    every = WORDS.phrases
    for role in ("pursuer", "withdrawer", "unsure"):
        mine = book_for(role)
        assert mine, role
        for phrase in mine:
            assert not phrase.roles or role in phrase.roles
        assert keys(mine) == [p.key for p in every if p in mine]  # the book's order
    either = [p.key for p in every if not p.roles]
    assert set(either) <= set(keys(book_for("pursuer"))) & set(keys(book_for("withdrawer")))
    assert keys(book_for("someone_else")) == keys(book_for("unsure"))
    assert "open_i_went_quiet" in keys(book_for("withdrawer"))
    assert "open_i_went_quiet" not in keys(book_for("pursuer"))


def shown(book):
    return {intent: [(p.book_key, p.text, p.favourite) for p in phrases]
            for intent, phrases in book}


def test_the_book_is_grouped_by_intent_in_contents_order(journal):
    book = journal.phrases.book("pursuer")
    assert [intent for intent, _ in book] == [i.key for i in WORDS.phrase_intents]
    for intent, phrases in book:
        assert phrases and all(p.intent == intent for p in phrases)
        assert [p.book_key for p in phrases] == [
            p.key for p in book_for("pursuer") if p.intent == intent]


def test_favouriting_a_book_phrase_once_and_unfavouriting_it(journal):
    first = journal.phrases.favourite("heard_tell_me_more")
    again = journal.phrases.favourite("heard_tell_me_more")
    assert first.id == again.id and again.favourite
    assert journal.phrases.count() == 1
    heard = dict(journal.phrases.book("pursuer"))["heard"]
    assert heard[0].book_key == "heard_tell_me_more" and heard[0].favourite
    assert sum(p.book_key == "heard_tell_me_more" for p in heard) == 1
    journal.phrases.unfavourite("heard_tell_me_more")
    assert journal.phrases.count() == 0
    heard = dict(journal.phrases.book("pursuer"))["heard"]
    assert heard[-1].book_key == "heard_tell_me_more" and not heard[-1].favourite


def test_an_unknown_book_phrase_cannot_be_favourited(journal):
    with pytest.raises(KeyError):
        journal.phrases.favourite("no_such_phrase")
    assert journal.phrases.count() == 0


def test_own_phrases_follow_the_book_and_favourites_lead(journal):
    plain = journal.phrases.add(intent="space", text="I'll make tea and give you a minute.")
    loved = journal.phrases.add(intent="space", text="Shall I take the kids out for an hour?",
                                favourite=True)
    journal.phrases.favourite("space_no_rush")
    space = dict(journal.phrases.book("pursuer"))["space"]
    assert [(p.book_key, p.id, p.favourite) for p in space][:2] == [
        ("space_no_rush", space[0].id, True), (None, loved.id, True)]
    assert space[-1].id == plain.id and space[-1].own and not space[-1].favourite
    assert all(p.book_key for p in space[2:-1])


def test_a_favourite_stays_when_the_role_changes(journal):
    journal.phrases.favourite("open_quiet_lately")  # written for the one who reaches
    opened = dict(journal.phrases.book("withdrawer"))["open"]
    assert [p.book_key for p in opened if p.favourite] == ["open_quiet_lately"]


def test_toggling_an_own_phrase_and_a_book_phrase(journal):
    own = journal.phrases.add(intent="reassure", text="I'm here.")
    reassure = dict(journal.phrases.book("unsure"))["reassure"]
    mine = next(p for p in reassure if p.id == own.id)
    assert journal.phrases.toggle(mine).favourite
    assert journal.phrases.get(own.id).favourite
    book = next(p for p in reassure if p.book_key)
    marked = journal.phrases.toggle(book)
    assert marked.favourite and marked.id is not None
    assert not journal.phrases.toggle(marked).favourite
    assert journal.phrases.count() == 1


def test_an_own_phrase_needs_words_and_a_known_intent(journal):
    with pytest.raises(InvalidInput) as caught:
        journal.phrases.add(intent="open", text="  ")
    assert "the phrase" in str(caught.value).lower()
    with pytest.raises(InvalidInput):
        journal.phrases.add(intent="shout", text="Listen to me")
    assert journal.phrases.count() == 0


def test_keeping_a_pair_and_finding_it_first(journal):
    pair = journal.phrases.keep_pair("You never help with anything.",
                                     "What would make the evenings easier for you?")
    assert (pair.intent, pair.instead_of) == ("curious", "You never help with anything.")
    versions = journal.phrases.curious_versions("pursuer", "you never help")
    assert (versions[0].curious, versions[0].source) == (pair.text, "own")
    sources = {v.source for v in versions}
    assert sources == {"own", "reframe", "book"}
    texts = [v.curious for v in versions]
    assert len(texts) == len(set(texts))


def test_the_closest_reframe_comes_first(journal):
    versions = journal.phrases.curious_versions("pursuer", "you're ALWAYS on your phone!")
    assert versions[0].critical == "You're always on your phone."
    plain = journal.phrases.curious_versions("pursuer")
    assert {v.curious for v in plain} == {v.curious for v in versions}


def test_the_versions_are_chosen_by_role(journal):
    mine = {v.curious for v in journal.phrases.curious_versions("withdrawer")}
    theirs = {r.curious for r in knowledge().guidance("pursuer").reframes
              if "pursuer" in r.roles}
    assert not mine & theirs


def test_a_pair_needs_both_sides(journal):
    with pytest.raises(InvalidInput) as caught:
        journal.phrases.keep_pair("  ", "How was your day?")
    assert "what you were about to say" in str(caught.value)
    with pytest.raises(InvalidInput):
        journal.phrases.keep_pair("You never listen.", " ")
    assert journal.phrases.count() == 0
