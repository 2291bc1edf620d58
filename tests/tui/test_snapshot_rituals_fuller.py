"""Pictures of the rituals that keep more than a mark, over the demo rituals on a fixed day
(pytest-textual-snapshot): the boundary meeting's mark form reviewing the agreements of the
meeting before (at 120x40 and at 80x24), the shared discovery's detail with its bank of
ideas, and the bigger picture check-in.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import PANES_DAY
from pilot_tools import still, until
from tui.panes.rituals.check_in import CheckInScreen
from tui.panes.rituals.mark import MarkScreen
from tui.panes.rituals.pane import RitualsPane

MEETING = date(2025, 2, 2)
"""The demo's third boundary meeting, reviewing November's agreements."""
DISCOVERY = date(2025, 3, 1)
"""The demo's latest shared discovery."""
CHECK_IN = date(2025, 1, 26)
"""A bigger picture check-in not answered (the demo answered February's)."""


def ritual_id(app, template: str) -> int:
    return next(r.id for r in app.journal.rituals.list() if r.template == template)


def on_day(app, day: date, template: str, *, maximise: bool = True, then=None):
    """Run before the picture: the Rituals pane (maximised) on ``day`` with the ritual made
    from ``template`` highlighted, then ``then`` (the key that opens a form)."""

    async def run(pilot):
        await pilot.press("f4")
        pane = app.screen.query_one(RitualsPane)
        await until(pilot, lambda: pane.loaded and app.focused is not None
                    and pane in app.focused.ancestors)
        if maximise:
            await pilot.press("f11")
            await until(pilot, lambda: app.screen.maximized is pane)
        wanted = ritual_id(app, template)
        pane.go_to(day, wanted)
        await until(pilot, lambda: pane.current_item() is not None
                    and pane.current_item().ritual_id == wanted)
        pane.day_list.focus()
        await until(pilot, lambda: app.focused is pane.day_list)
        if then is not None:
            key, screen_type = then
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, screen_type))
        await still(pilot)

    return run


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_the_boundary_meeting_reviews_the_last_agreements(snap_compare, rituals_app, size):
    run = on_day(rituals_app, MEETING, "family_boundary_meeting", then=("d", MarkScreen))
    assert snap_compare(rituals_app, terminal_size=size, run_before=run)


def test_the_shared_discovery_shows_its_bank(snap_compare, pictured):
    app = pictured(PANES_DAY, "rituals", "small_things")
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=on_day(app, DISCOVERY, "shared_discovery"))


def test_the_bigger_picture_check_in(snap_compare, rituals_app):
    run = on_day(rituals_app, CHECK_IN, "bigger_picture", then=("d", CheckInScreen))
    assert snap_compare(rituals_app, terminal_size=(120, 40), run_before=run)
