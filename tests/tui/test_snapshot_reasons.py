"""Pictures of the likely reasons (pytest-textual-snapshot): Look back's sections on the
reasons that recur and the small things, for both demo personas, and the loop moment form
with a reason ticked at 80x24.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from pilot_tools import still, until
from tui.panes.loop.moment import MomentForm
from tui.panes.rituals.pane import RitualsPane
from tui.screens.look_back import LookBackScreen
from tui.screens.main import MainScreen
from tui.widgets.reasons import ReasonPicker


def sections(app):
    """Open Look back and move to its reasons, so the sections below the week are in view."""
    async def run(pilot):
        await pilot.press("f5")

        def drawn() -> bool:
            screen = app.screen
            return (isinstance(screen, LookBackScreen) and bool(screen.weeks)
                    and app.focused is screen.query_one("#lb-weeks", DataTable)
                    and screen.query_one("#lb-reasons", OptionList).option_count > 0
                    and screen.query_one("#lb-small", OptionList).option_count > 0)

        await still(pilot, drawn)
        reasons = app.screen.query_one("#lb-reasons", OptionList)
        reasons.focus()
        reasons.highlighted = 0
        await still(pilot, lambda: app.focused is reasons)

    return run


def test_look_back_reasons_and_small_things(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(120, 40), run_before=sections(demo_app))


def test_look_back_reasons_and_small_things_withdrawer_at_80x24(snap_compare, withdrawer_app):
    assert snap_compare(withdrawer_app, terminal_size=(80, 24),
                        run_before=sections(withdrawer_app))


def test_the_moment_form_with_a_reason_ticked_at_80x24(snap_compare, demo_app):
    app = demo_app

    async def run(pilot):
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.focused
                    is not None and app.screen.query_one(RitualsPane).loaded)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        picker = app.screen.query_one("#moment-reasons", ReasonPicker)
        ticks = picker.ticks
        ticks.focus()
        keys = [ticks.get_option_at_index(n).value for n in range(ticks.option_count)]
        await pilot.press(*["down"] * keys.index("work_pressure"), "space")
        await still(pilot, lambda: picker.has_class("-offer"))
        picker.to_offers.scroll_visible(animate=False)
        await still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)
