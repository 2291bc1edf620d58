"""The Offers and Phrases tabs of Small things and the forms they open, in both themes over
the demo: every drawn cell meets WCAG AA against its background, every toggle shows its
state by shape, and every widget that takes the focus shows it (the measures of
test_contrast)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import PANES_DAY
from pilot_tools import still, type_text, until
from test_contrast import hidden_focus, offences, stock_toggles
from tui.themes import DARK, LIGHT


async def offers(pilot):
    pilot.app.action_small_things("offers")
    await until(pilot, lambda: pilot.app.focused is not None
                and pilot.app.focused.id == "offers-list")


async def phrases(pilot):
    pilot.app.action_small_things("phrases")
    await until(pilot, lambda: pilot.app.focused is not None
                and pilot.app.focused.id == "phrases-list")


def opened(first, key: str, screen: str, typed: str = ""):
    async def step(pilot):
        await first(pilot)
        await pilot.press(key)
        await until(pilot, lambda: type(pilot.app.screen).__name__ == screen)
        if typed:
            await type_text(pilot, typed)
    return step


SCREENS_OWN = ("Underline", "ContentTab")
"""The Small things screen's own tab strip (measured with the screen, not with its tabs)."""

VIEWS = [
    ("Offers tab", offers),
    ("offer builder", opened(offers, "n", "OfferForm", "bring you a coffee")),
    ("Phrases tab", phrases),
    ("phrase form", opened(phrases, "a", "PhraseForm")),
    ("rewrite", opened(phrases, "c", "RewriteScreen", "You never tell me anything")),
]


@pytest.mark.parametrize(("view", "step"), VIEWS, ids=[v for v, _ in VIEWS])
async def test_contrast_toggles_and_focus_in_both_themes(pictured, view, step):
    app = pictured(PANES_DAY, "loop", "small_things")
    app.journal.loop.log(occurred_at=PANES_DAY - timedelta(days=2), trigger="late again",
                         reasons=["work_pressure"])
    found, hidden = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await step(pilot)
        for theme in (DARK, LIGHT):
            app.theme = theme
            await still(pilot)
            found += [o for o in offences(app, f"{theme}: {view}")
                      if not o.widget.startswith(SCREENS_OWN)]
            hidden += await hidden_focus(pilot, view)
        stock = stock_toggles(app, view)
    found.sort(key=lambda o: o.ratio / o.need)
    assert not found, (f"{len(found)} widgets draw below WCAG AA contrast; the worst:\n"
                       + "\n".join(map(str, found[:20])))
    assert not hidden, "the focus does not show on: " + ", ".join(hidden)
    assert not stock, "use tui.widgets.toggles (state by shape): " + ", ".join(stock)
