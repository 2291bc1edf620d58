"""The phrase book: the book's phrases (content), the person's own phrases, favourites, and
their own critical-to-curious pairs (a curious phrase with the words it replaces).

The rules live here: which of the book's phrases a role is offered (:func:`book_for`), the
book for a role merged with the person's own phrases, grouped by what they are for with the
favourites first (:meth:`Phrases.book`), a book phrase made a favourite once and unmade
(:meth:`Phrases.favourite`, :meth:`Phrases.unfavourite`), and the curious versions of what
someone is about to say, the closest first (:meth:`Phrases.curious_versions`).

A book phrase marked as a favourite is a row with its ``book_key`` (and its words as they
were then); the book's own words are never stored otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

    from content.models import BookPhrase

FAVOURITE = "★"
"""How a favourite shows, by shape as well as colour."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase as the book shows it: one of the book's (``book_key``) or the person's own
    (``own``); ``id`` is its row (a favourite book phrase or an own phrase), None for a book
    phrase never marked."""

    intent: str
    text: str
    book_key: str | None = None
    id: int | None = None
    favourite: bool = False
    instead_of: str = ""

    @property
    def own(self) -> bool:
        return self.book_key is None


@dataclass(frozen=True, slots=True)
class Version:
    """A curious way to say something: the curious words, the critical ones they replace
    when known, and where they come from (``reframe``, ``book`` or ``own``)."""

    curious: str
    critical: str
    source: str


def book_for(role: str) -> list[BookPhrase]:
    """The book's phrases written for ``role`` (a role key, or ``unsure``), in the book's
    order: those for either partner, and those whose roles name it (``unsure`` among them,
    for someone who is not sure yet which part they play)."""
    from content import knowledge
    from content.models import EITHER, fits

    k = knowledge()
    known = k.keys("roles") | {EITHER}
    role = role if role in known else EITHER
    return [p for p in k.small_things.phrases if fits(p.roles, role, known)]


_WORD = re.compile(r"[a-z']+")
_COMMON = frozenset("i you me my your the a an to of and is are it in on so do be".split())


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("\u2019", "'")) if w not in _COMMON}


class Phrases(Records):
    KIND = "phrase"

    def book(self, role: str) -> list[tuple[str, list[Phrase]]]:
        """The phrase book for ``role``: each intent of content (in its order) with its
        phrases, the favourites first; within each part the book's phrases in the book's
        order, then the person's own, oldest first. A book phrase marked as a favourite shows
        even when it is not written for the role (any more)."""
        from content import knowledge

        words = knowledge().small_things
        rows = self.list()
        marked = {row.book_key: row for row in rows if row.book_key}
        offered = [p.key for p in book_for(role)]
        keys = offered + [key for key in marked if key not in offered]
        by_key = {p.key: p for p in words.phrases}
        shown: list[Phrase] = []
        for key in keys:
            row = marked.get(key)
            item = by_key.get(key)
            if item is None and row is None:
                continue
            shown.append(Phrase(
                intent=item.intent if item is not None else row.intent,
                text=item.text if item is not None else row.text, book_key=key,
                id=row.id if row is not None else None,
                favourite=row is not None and row.favourite))
        shown += [Phrase(intent=row.intent, text=row.text, id=row.id, favourite=row.favourite,
                         instead_of=row.instead_of) for row in rows if not row.book_key]
        return [(intent.key, [p for p in shown if p.intent == intent.key and p.favourite]
                 + [p for p in shown if p.intent == intent.key and not p.favourite])
                for intent in words.phrase_intents]

    def favourite(self, book_key: str) -> Any:
        """Mark one of the book's phrases as a favourite (once: marking it again changes
        nothing); return its row."""
        from content import knowledge

        item = knowledge().small_things.phrase(book_key)
        with self.journal.transaction():
            found = self.list("WHERE book_key = ? ORDER BY id", (book_key,))
            if found:
                row = found[0]
                return row if row.favourite else self.update(row.id, favourite=True)
            return self.add(intent=item.intent, text=item.text, favourite=True,
                            book_key=book_key)

    def unfavourite(self, book_key: str) -> None:
        """The book's phrase is a favourite no more: its row goes (it held no words of the
        person's own; the book keeps the phrase)."""
        with self.journal.transaction() as conn:
            conn.execute("DELETE FROM phrases WHERE book_key = ?", (book_key,))

    def toggle(self, phrase: Phrase) -> Phrase:
        """A favourite no more, or one now: a book phrase by :meth:`favourite` and
        :meth:`unfavourite`, one's own by its mark. Returns the phrase as it is now."""
        from dataclasses import replace

        if phrase.book_key is not None:
            if phrase.favourite:
                self.unfavourite(phrase.book_key)
                return replace(phrase, favourite=False, id=None)
            row = self.favourite(phrase.book_key)
            return replace(phrase, favourite=True, id=row.id)
        if phrase.id is None:
            return phrase
        row = self.update(phrase.id, favourite=not phrase.favourite)
        return replace(phrase, favourite=row.favourite)

    def own_pairs(self) -> list[Any]:
        """The person's own critical-to-curious pairs (curious phrases with the words they
        replace), oldest first."""
        return self.list("WHERE intent = 'curious' AND instead_of != '' AND book_key IS NULL "
                         "ORDER BY id")

    def keep_pair(self, critical: str, curious: str) -> Any:
        """Keep one's own pair: the curious words, and the critical ones they replace (both
        needed: InvalidInput, in plain words, when either is empty)."""
        from storage.errors import InvalidInput

        if not critical.strip():
            raise InvalidInput("Write what you were about to say too: the pair keeps both.")
        return self.add(intent="curious", text=curious, instead_of=critical)

    def curious_versions(self, role: str, said: str = "") -> list[Version]:
        """Curious ways to say ``said``: one's own pairs, content's reframes for ``role``
        and the book's curious phrases; those sharing the most words with ``said`` first
        (then in that order), each curious text once."""
        from content import knowledge

        found: list[Version] = [Version(p.text, p.instead_of, "own") for p in self.own_pairs()]
        found += [Version(r.curious, r.critical, "reframe")
                  for r in knowledge().guidance(role).reframes]
        found += [Version(p.text, "", "book") for p in book_for(role) if p.intent == "curious"]
        seen: set[str] = set()
        unique = []
        for version in found:
            if version.curious not in seen:
                seen.add(version.curious)
                unique.append(version)
        typed = _words(said)
        if not typed:
            return unique
        return sorted(unique, key=lambda v: -len(typed & _words(f"{v.critical} {v.curious}")))

    def block(self, phrase: Any) -> tuple[datetime, str]:
        from content import knowledge

        words = knowledge().small_things
        heading = "A favourite phrase" if phrase.favourite else "A phrase of my own"
        return phrase.created_at, md_block(heading, phrase.created_at, [
            ("For", words.intent(phrase.intent).name), ("Phrase", phrase.text),
            ("Instead of", phrase.instead_of)])
