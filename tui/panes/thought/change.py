"""How a thought record looks when read: a line of the list, the detail under it, and the
change at a glance. Light to import (no pydantic, no content): the pane shows these at start-up.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from storage import dates
from storage.thoughts import change_of

MUTED = "$text-muted"


def change_content(record: Any) -> Content:
    """The change at a glance: the story's belief and each feeling, before -> after."""
    change = change_of(record)
    parts: list = []

    def line(label: str, before: int | None, after: int | None) -> None:
        if before is None and after is None:
            return
        if parts:
            parts.append("\n")
        parts.append((f"{label} ", "bold"))
        parts.append(("?" if before is None else str(before), "$text-muted"))
        parts.append(" → ")
        if after is None:
            parts.append(("?", "$text-muted"))
            return
        style = "$success bold" if before is not None and after < before else (
            "$warning bold" if before is not None and after > before else "bold")
        parts.append((str(after), style))

    line("Belief in the story", change.belief_before, change.belief_after)
    for feeling in change.feelings:
        line(feeling.name, feeling.before, feeling.after)
    if change.alternative_belief is not None:
        parts.append(("\nThe kinder story: ", "bold"))
        parts.append(f"{change.alternative_belief}")
    return Content.assemble(*parts) if parts else Content("")


def detail_content(record) -> Content:
    """A record as read in the list: what happened, the story, and the change."""
    when = dates.local(record.occurred_at)
    parts: list = [(f"{when:%A %d %B %Y, %H:%M}", "bold"),
                   (" · draft" if record.status == "draft" else " · finished",
                    "$warning" if record.status == "draft" else MUTED)]

    def block(label: str, text: str, limit: int = 400) -> None:
        text = text.strip()
        if not text:
            return
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        parts.extend([("\n" + label + " ", "bold"), text])

    block("Situation:", record.situation)
    block("The story:", record.story)
    if record.reasons:
        from content import knowledge

        k = knowledge()
        block(k.thought_prompts["reasons"].label + ":",
              ", ".join(k.reason(key).name for key in record.reasons))
    block("A kinder story:", record.alternative_story)
    change = change_content(record)
    if change.plain:
        parts.extend(["\n", change])
    block("Next step:", record.next_step)
    parts.append(("\nEnter opens it to read in full or change it.", MUTED))
    return Content.assemble(*parts)
