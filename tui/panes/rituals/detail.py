"""What the Rituals pane's detail adds for the rituals that keep more than a mark: the
agreements that hold now (the family boundary meeting) and the bank of ideas (the shared
discovery). Read through storage on each showing: two small reads."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from storage.rituals import BIGGER_PICTURE, BOUNDARY_MEETING, SHARED_DISCOVERY

if TYPE_CHECKING:
    from storage import Journal

MUTED = "$text-muted"
SHOWN_DONE = 3
"""How many of the latest discoveries the detail lists (the bank, b, has them all)."""
SHOWN_IDEAS = 3
"""How many ideas to try the detail names besides this month's (the bank has them all)."""


def more_about(journal: Journal, template: str | None, ritual_id: int, day: date,
               today: date) -> list:
    """Content parts for the detail of ``ritual_id`` on ``day`` (nothing for a ritual that
    keeps only its marks)."""
    if template == BOUNDARY_MEETING:
        return _agreements(journal, ritual_id, max(day, today))
    if template == SHARED_DISCOVERY:
        return _bank(journal, day, today)
    if template == BIGGER_PICTURE:
        return _check_in(journal, ritual_id, day)
    return []


def _check_in(journal: Journal, ritual_id: int, day: date) -> list:
    from content import knowledge

    check = knowledge().small_things.check_in
    mark = journal.rituals.get_mark(ritual_id, day)
    if mark is not None and mark.status == "done":
        return [(f"\nYour answers are in your journal, tagged #{check.tag}.", MUTED)]
    return [(f"\n{len(check.questions)} questions to answer; d opens them, and your answers "
             "are kept as a journal entry.", MUTED)]


def _agreements(journal: Journal, ritual_id: int, day: date) -> list:
    now = journal.rituals.last_agreements(ritual_id, day, inclusive=True)
    if now is None:
        return [("\nNo agreements yet. When a meeting happens, mark it done (d) and write "
                 "down what you agreed.", MUTED)]
    parts: list = [("\nWhat you agreed", "bold"),
                   (f" (on {now.on_date:%a} {now.on_date.day} {now.on_date:%b %Y})", MUTED)]
    for line in now.lines:
        parts += ["\n  \u2022 ", line]
    parts.append(("\nThe next meeting goes over these: keep what still holds.", MUTED))
    return parts


def _bank(journal: Journal, day: date, today: date) -> list:
    bank = journal.discoveries
    parts: list = []
    tried = bank.done_on_day(day)
    if tried is not None:
        parts += [("\nYou tried: ", "bold"), tried.idea]
    to_try = bank.to_try()
    suggested = bank.suggest(today)
    if suggested is not None:
        parts += [("\nThis month's idea: ", "bold"), (suggested.idea, "$accent")]
        others = [idea.idea for idea in to_try if idea.id != suggested.id]
        if others:
            parts += [("\nAlso to try: ", "bold"), " \u00b7 ".join(others[:SHOWN_IDEAS])]
            if len(others) > SHOWN_IDEAS:
                parts.append((f", and {len(others) - SHOWN_IDEAS} more", MUTED))
    else:
        parts.append(("\nNo ideas left to try: add one with i.", MUTED))
    done = bank.done()
    if done:
        parts.append(("\nWhat you did", "bold"))
        for idea in done[:SHOWN_DONE]:
            parts += [(f"\n  {idea.done_on:%a} {idea.done_on.day} {idea.done_on:%b}: ", MUTED),
                      idea.idea]
            if idea.note:
                parts.append((f" \u2014 {' '.join(idea.note.split())}", "italic"))
        if len(done) > SHOWN_DONE:
            parts.append((f"\n  and {len(done) - SHOWN_DONE} more in the bank", MUTED))
    parts.append(("\nPress i to add an idea, b to see the whole bank.", MUTED))
    return parts
