"""Low-effort offers with a choice in them ("Can I ___ at ___, or would you rather ___?"),
and how each landed: welcomed, not now, declined.

The rules about offers live here: how an offer is said (:func:`sentence`), how one of
content's examples splits into the builder's three fields (:func:`example_parts`), which
reasons for the distance an offer answers (:func:`answers`), when the Offers tab suggests one
(:func:`suggested`: a loop moment or a thought record of the last :data:`SUGGEST_DAYS` days
carries such a reason), and the counts of how the offers of the last four weeks landed
(:meth:`Offers.outcome_counts`).
"""

from __future__ import annotations

from datetime import timedelta

from storage import dates
from storage.records import Records, md_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime
    from typing import Any

    from storage.journal import Journal

SUGGEST_DAYS = 21
"""How far back a reason marked on a loop moment or a thought record makes the Offers tab
suggest an offer."""

COUNT_DAYS = 28
"""The offers counted in the tab's "how they landed" line: the last four weeks."""

EXAMPLE_SPLIT = "·"
"""What parts an example of content's ``small_things.offer.examples``: what · when · or."""


def sentence(what: str, at: str = "", instead: str = "") -> str:
    """The offer as it is said: "Can I cook tonight, or would you rather order in?".

    >>> sentence("bring you a coffee", "at three", "have a quiet minute")
    'Can I bring you a coffee at three, or would you rather have a quiet minute?'
    >>> sentence("cook", "", "")
    'Can I cook?'
    """
    from content import knowledge

    words = knowledge().small_things.offer
    template = words.sentence if instead.strip() else words.sentence_without_choice
    text = template.format(what=what.strip(), at=at.strip(), instead=instead.strip())
    return " ".join(text.split()).replace(" ,", ",").replace(" ?", "?")


def example_parts(example: str) -> tuple[str, str, str]:
    """One of content's examples as the builder's three fields (what, when, or instead).

    >>> example_parts("cook tonight · when you get in · get a takeaway")
    ('cook tonight', 'when you get in', 'get a takeaway')
    >>> example_parts("call your mum")
    ('call your mum', '', '')
    """
    parts = [part.strip() for part in example.split(EXAMPLE_SPLIT)]
    parts += [""] * 3
    return parts[0], parts[1], " ".join(p for p in parts[2:] if p)


def answers(reason_key: str) -> bool:
    """Whether a low-effort offer is what content suggests for this likely reason for the
    distance (``small_things.offer.suggest_for``). The loop moment and thought record forms
    ask it to point at the Offers tab.

    >>> answers("work_pressure"), answers("missing_you")
    (True, False)
    """
    from content import knowledge

    return reason_key in knowledge().small_things.offer.suggest_for


def suggested(journal: Journal, today: date) -> list[str]:
    """The reasons an offer answers (:func:`answers`) that a loop moment or a thought record
    of the last :data:`SUGGEST_DAYS` days up to ``today`` carries, in content's order;
    empty when none does (then the tab suggests nothing)."""
    from content import knowledge

    since = (today - timedelta(days=SUGGEST_DAYS - 1)).isoformat()
    found: set[str] = set()
    for table in ("loop_events", "thought_records"):
        rows = journal.conn.execute(
            f"SELECT DISTINCT j.value FROM {table}, json_each({table}.reasons) AS j "
            f"WHERE {table}.day >= ? AND {table}.day <= ? AND {table}.reasons != '[]'",
            (since, today.isoformat())).fetchall()
        found.update(str(row[0]) for row in rows)
    return [key for key in knowledge().small_things.offer.suggest_for if key in found]


class Offers(Records):
    KIND = "offer"
    ORDER = "ORDER BY occurred_at, id"

    def add(self, **fields: Any) -> Any:
        """Keep a new offer, made now unless ``occurred_at`` says when."""
        if fields.get("occurred_at") is None:
            fields["occurred_at"] = dates.now()
        return super().add(**fields)

    def newest_first(self) -> list[Any]:
        """Every offer, the newest first (as the tab lists them)."""
        return self.list("ORDER BY occurred_at DESC, id DESC")

    def mark(self, offer_id: int, outcome: str | None) -> Any:
        """Say how an offer landed (a key of content's ``offer.outcomes``; None: not yet)."""
        return self.update(offer_id, outcome=outcome)

    def outcome_counts(self, today: date) -> dict[str, int]:
        """How the offers of the last :data:`COUNT_DAYS` days up to ``today`` landed: each
        outcome's key (in content's order) and how many, offers not yet answered left out."""
        from content import knowledge

        since = (today - timedelta(days=COUNT_DAYS - 1)).isoformat()
        rows = dict(self.journal.conn.execute(
            "SELECT outcome, count(*) FROM offers WHERE outcome IS NOT NULL AND day >= ? "
            "AND day <= ? GROUP BY outcome", (since, today.isoformat())).fetchall())
        return {o.key: rows.get(o.key, 0) for o in knowledge().small_things.offer.outcomes}

    def suggested(self, today: date) -> list[str]:
        """:func:`suggested` for this journal."""
        return suggested(self.journal, today)

    def block(self, offer: Any) -> tuple[datetime, str]:
        from content import knowledge

        k = knowledge()
        return offer.occurred_at, md_block("An offer", offer.occurred_at, [
            ("Offer", sentence(offer.what, offer.at, offer.instead)),
            ("How it landed", k.small_things.outcome(offer.outcome).name if offer.outcome else ""),
            ("For", k.reason(offer.reason).name if offer.reason else ""),
            ("Note", offer.note)])
