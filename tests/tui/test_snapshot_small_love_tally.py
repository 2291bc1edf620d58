"""Pictures of the Small things love list and private tally tabs over the demo's small
things, on a fixed evening (pytest-textual-snapshot): the love list at 120x40 and at 80x24,
the tally at 120x40 with two marks made that day.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

import pytest

from conftest import PANES_DAY
from pilot_tools import still, until
from tui.screens.small_things.love import LoveTab
from tui.screens.small_things.tally import TallyTab


@pytest.fixture
def small_app(pictured):
    return pictured(PANES_DAY, "small_things")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_the_love_list_of_the_demo(snap_compare, small_app, size):
    async def open_love(pilot):
        small_app.action_small_things("love")
        await until(pilot, lambda: small_app.screen.query(LoveTab))
        tab = small_app.screen.query_one(LoveTab)
        await until(pilot, lambda: tab.options.has_focus)
        await pilot.press("down")
        await still(pilot, lambda: tab.options.highlighted == 1)

    assert snap_compare(small_app, terminal_size=size, run_before=open_love)


def test_the_private_tally_of_the_demo(snap_compare, small_app):
    async def open_tally(pilot):
        small_app.action_small_things("tally")
        await until(pilot, lambda: small_app.screen.query(TallyTab))
        tab = small_app.screen.query_one(TallyTab)
        await until(pilot, lambda: tab.marks_list.has_focus)
        await pilot.press("2", "7")
        await still(pilot, lambda: tab.marks_list.option_count == 2)

    assert snap_compare(small_app, terminal_size=(120, 40), run_before=open_tally)
