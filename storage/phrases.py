"""The phrase book: the book's phrases (content), the person's own phrases, favourites, and
their own critical-to-curious pairs (a curious phrase with the words it replaces)."""

from __future__ import annotations

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any


class Phrases(Records):
    KIND = "phrase"

    def block(self, phrase: Any) -> tuple[datetime, str]:
        from content import knowledge

        words = knowledge().small_things
        heading = "A favourite phrase" if phrase.favourite else "A phrase of my own"
        return phrase.created_at, md_block(heading, phrase.created_at, [
            ("For", words.intent(phrase.intent).name), ("Phrase", phrase.text),
            ("Instead of", phrase.instead_of)])
