"""Pictures of the Offers and Phrases tabs of Small things over the demo's small things, on a
fixed evening (pytest-textual-snapshot), and the critical-to-curious rewrite at 80x24.

Regenerate after a deliberate change with ``pytest --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from datetime import timedelta

from conftest import PANES_DAY
from pilot_tools import still, type_text, until
from tui.screens.small_things.phrase_forms import RewriteScreen
from tui.screens.small_things.phrases import PhrasesTab


def small_things(pictured):
    app = pictured(PANES_DAY, "loop", "small_things")
    app.journal.loop.log(occurred_at=PANES_DAY - timedelta(days=2),
                         trigger="He got home at ten again", reasons=["work_pressure"])
    return app


def test_the_offers_tab(snap_compare, pictured):
    app = small_things(pictured)

    async def open_offers(pilot):
        app.action_small_things("offers")
        await until(pilot, lambda: app.focused is not None
                    and app.focused.id == "offers-list")
        await pilot.press("down")
        await still(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_offers)


def test_the_phrases_tab(snap_compare, pictured):
    app = small_things(pictured)

    async def open_phrases(pilot):
        app.action_small_things("phrases")
        await until(pilot, lambda: app.focused is not None
                    and app.focused.id == "phrases-list")
        tab = app.screen.query_one(PhrasesTab)
        await still(pilot, lambda: tab.current() is not None)

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_phrases)


def test_the_rewrite_at_80x24(snap_compare, pictured):
    app = small_things(pictured)

    async def rewrite(pilot):
        app.action_small_things("phrases")
        await until(pilot, lambda: app.focused is not None
                    and app.focused.id == "phrases-list")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, RewriteScreen)
                    and app.focused is not None and app.focused.id == "rewrite-said")
        await type_text(pilot, "You never tell me anything")
        await still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=rewrite)
