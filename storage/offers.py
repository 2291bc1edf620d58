"""Low-effort offers with a choice in them ("Can I ___ at ___, or would you rather ___?"),
and how each landed: welcomed, not now, declined."""

from __future__ import annotations

from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any


def sentence(what: str, at: str = "", instead: str = "") -> str:
    """The offer as it is said: "Can I cook tonight, or would you rather order in?"."""
    from content import knowledge

    words = knowledge().small_things.offer
    template = words.sentence if instead.strip() else words.sentence_without_choice
    text = template.format(what=what.strip(), at=at.strip(), instead=instead.strip())
    return " ".join(text.split()).replace(" ,", ",").replace(" ?", "?")


class Offers(Records):
    KIND = "offer"
    ORDER = "ORDER BY occurred_at, id"

    def block(self, offer: Any) -> tuple[datetime, str]:
        from content import knowledge

        k = knowledge()
        return offer.occurred_at, md_block("An offer", offer.occurred_at, [
            ("Offer", sentence(offer.what, offer.at, offer.instead)),
            ("How it landed", k.small_things.outcome(offer.outcome).name if offer.outcome else ""),
            ("For", k.reason(offer.reason).name if offer.reason else ""),
            ("Note", offer.note)])
