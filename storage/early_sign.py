"""An early sign, noticed kindly: when the small everyday sharing stops, distance often follows.

>>> sign = early_sign(journal)                                       # doctest: +SKIP
>>> sign.quiet, sign.text                                            # doctest: +SKIP
(5, 'The small everyday sharing has gone quiet for 5 days.')

The everyday sharing is any of these, on a local day:

- a five-minute download kept: a ritual made from the ``five_minute_download`` or the
  ``small_bids`` template, marked done;
- something on the love list done;
- a "One small thing" entry (tagged ``smallthing``, :data:`storage.entries.SMALL_THING_TAG`);
- a low-effort offer made.

The sign shows when the newest of them is at least ``small_things.early_sign.days`` days
(content) before today: with ``days`` 4 and the last sharing on Monday, it shows from
Friday. It never shows for a journal with no sharing in it at all: there is nothing that
stopped, only something not begun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storage import dates

if TYPE_CHECKING:
    from storage.journal import Journal

SHARING_TEMPLATES = ("five_minute_download", "small_bids")
"""The ritual templates whose kept marks count as everyday sharing."""


@dataclass(frozen=True, slots=True)
class EarlySign:
    """The small sharing has gone quiet: ``quiet`` days since ``last`` shared."""

    last: date
    quiet: int
    text: str
    suggestion: str


def last_shared(journal: Journal, today: date | None = None) -> date | None:
    """The newest local day, up to ``today``, that holds any everyday sharing (see the
    module), or None when there is none. Four indexed look-ups."""
    from storage.entries import SMALL_THING_TAG

    day = (today or dates.today()).isoformat()
    marks = ", ".join("?" for _ in SHARING_TEMPLATES)
    found = journal.conn.execute(
        "SELECT max(d) FROM ("
        "SELECT max(l.on_date) AS d FROM ritual_log l JOIN rituals r ON r.id = l.ritual_id"
        f" WHERE l.status = 'done' AND r.template IN ({marks}) AND l.on_date <= ?"
        " UNION ALL SELECT max(on_date) FROM love_log WHERE on_date <= ?"
        " UNION ALL SELECT max(e.day) FROM entries e JOIN entry_tags t ON t.entry_id = e.id"
        " WHERE t.tag = ? AND e.day <= ?"
        " UNION ALL SELECT max(day) FROM offers WHERE day <= ?)",
        (*SHARING_TEMPLATES, day, day, SMALL_THING_TAG, day, day)).fetchone()[0]
    return date.fromisoformat(found) if found else None


def early_sign(journal: Journal, today: date | None = None) -> EarlySign | None:
    """The early sign (its words from content's ``small_things.early_sign``) when the
    everyday sharing has been quiet for at least ``days`` days; None while it goes on, and
    for a journal that holds no sharing at all."""
    today = today or dates.today()
    last = last_shared(journal, today)
    if last is None:
        return None
    from content import knowledge

    words = knowledge().small_things.early_sign
    quiet = (today - last).days
    if quiet < words.days:
        return None
    return EarlySign(last=last, quiet=quiet, text=words.text.format(days=quiet),
                     suggestion=words.suggestion)
