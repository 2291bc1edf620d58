"""The ritual calendar shows which ritual each mark is, by letter, and its state by shape;
the legend names both. (Pure functions: no App needed.)"""

from __future__ import annotations

from datetime import date

from storage.rituals import DayRitual
from tui.panes.rituals.calendar import GLYPHS, month_text, ritual_letters

DAY = date(2025, 12, 10)


def ritual(ritual_id: int, name: str, state: str = "done") -> DayRitual:
    return DayRitual(ritual_id, name, state, True)


def test_each_ritual_gets_its_own_letter_oldest_first():
    days = {DAY: [ritual(1, "Five-minute download"), ritual(2, "Family boundary meeting"),
                  ritual(3, "Small bids"), ritual(4, "Shared discovery"), ritual(5, "S"),
                  ritual(6, "!!")]}
    assert ritual_letters(days) == {1: "F", 2: "B", 3: "S", 4: "D", 5: "A", 6: "C"}


def test_a_cell_shows_each_rituals_letter_and_the_shape_of_its_state():
    days = {DAY: [ritual(1, "Five-minute download", "done"), ritual(2, "Walk", "missed")]}
    lines = month_text(DAY, days, selected=DAY, today=DAY, width=63).plain.splitlines()
    week = next(n for n, line in enumerate(lines) if " 10 " in line)
    marks = lines[week + 1]
    assert f"F{GLYPHS['done']}W{GLYPHS['missed']}" in marks
    assert GLYPHS["done"] != GLYPHS["missed"]
    assert lines[-2].startswith(f"{GLYPHS['done']}done {GLYPHS['skipped']}skip")
    assert lines[-1].split("  ") == ["F Five-minute download", "W Walk"]


def test_more_rituals_than_fit_end_in_a_plus_and_long_names_are_shortened():
    days = {DAY: [ritual(n, f"Ritual {chr(64 + n)} with a very long name indeed") for n in
                  range(1, 5)]}
    lines = month_text(DAY, days, selected=DAY, today=DAY, width=35).plain.splitlines()
    week = next(n for n, line in enumerate(lines) if " 10 " in line)
    assert "R●+" in lines[week + 1]
    legend = lines[HEADER_AND_WEEKS + 1:]
    assert all(len(line) <= 35 for line in legend)
    assert legend[0].startswith("R Ritual A with a very long name") and "…" in legend[0]


HEADER_AND_WEEKS = 2 + 6 * 2


def test_a_compact_cell_with_more_rituals_than_it_shows_says_so():
    days = {DAY: [ritual(1, "Walk", "due"), ritual(2, "Five-minute download", "done"),
                  ritual(3, "Small bids", "done")],
            date(2025, 12, 11): [ritual(1, "Walk", "done")]}
    for width in (35, 42, 63):  # cells of 5, 6 and 9 columns (4 holds one mark alone)
        lines = month_text(DAY, days, selected=DAY, today=DAY, width=width,
                           compact=True).plain.splitlines()
        week = next(line for line in lines if " 10" in line)
        cell = max(4, min(9, width // 7))
        ten = week[week.index(" 10"):][:cell]
        eleven = week[week.index(" 11"):][:cell]
        shown = sum(ten.count(GLYPHS[state]) for state in ("due", "done"))
        assert shown == 3 or "+" in ten, (width, ten)  # all three, or a sign of more
        worst = f" 10W{GLYPHS['due']}" if cell > 5 else f" 10{GLYPHS['due']}"  # no letter
        assert ten.startswith(worst), ten  # the worst first
        assert "+" not in eleven, (width, eleven)  # its only ritual
