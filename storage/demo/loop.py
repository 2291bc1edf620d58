"""Sample loop for the demo journal (written with its pane)."""

from __future__ import annotations


def fill(journal, today) -> None:
    return None
