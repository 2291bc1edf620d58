"""The guidance the app offers follows the part the person says they play on their loop map:
the calm timer's words, the kinder stories and next steps of the thought record, and the one
small thing on the Write screen. Each test saves a map, opens the app and reads what is shown."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from content import knowledge
from pilot_tools import until
from tui.app import create_app
from tui.panes.loop.calm import CalmTimer
from tui.panes.thought.form import ThoughtForm
from tui.panes.thought.pane import ThoughtPane

SIDES = {"trigger": "", "move": "", "tells_self": "", "surface": "", "underneath": "",
         "longing": ""}


def with_role(journal, role: str):
    journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": role, "me": SIDES,
                           "them": SIDES})
    return create_app(journal)


def shown(widget) -> str:
    return str(widget.render())


async def calm_words(journal, role: str) -> tuple[str, str]:
    app = with_role(journal, role)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "c")
        calm = app.screen.query_one(CalmTimer)
        await until(pilot, lambda: calm.running)
        return shown(calm.query_one("#calm-intro")), shown(calm.query_one("#calm-step"))


@pytest.mark.parametrize("role", ["pursuer", "withdrawer", "unsure"])
async def test_the_calm_timer_speaks_to_my_role(tui_journal, role):
    intro, step = await calm_words(tui_journal, role)
    words = knowledge().guidance(role).calm
    assert intro == words.intro and step == words.steps[0]
    others = [knowledge().guidance(r).calm.intro for r in ("pursuer", "withdrawer", "unsure")
              if r != role]
    assert intro not in others
    assert "safe" not in intro.lower() and "safe" not in step.lower()


async def thought_ideas(journal, role: str) -> tuple[list[str], list[str], str]:
    app = with_role(journal, role)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        pane = app.screen.query_one(ThoughtPane)
        await until(pilot, lambda: pane.display)
        await pilot.press("n")
        await until(pilot, lambda: pane.editing)
        form = pane.query_one(ThoughtForm)
        story_head = shown(form.query(".thought-head")[2])
        return list(form.alt_ideas.texts), list(form.step_ideas.texts), story_head


async def test_someone_who_steps_back_sees_guidance_written_for_them(tui_journal):
    stories, steps, head = await thought_ideas(tui_journal, "withdrawer")
    assert "I'm swamped, and going quiet is how I cope. It doesn't make me the problem." \
        in stories
    assert any("a short word from me could calm their guesses" in s for s in stories)
    assert not any(s.startswith("They may be swamped") for s in stories)
    assert "If you need space, say so kindly, and say when you'll come back." in steps
    assert not any("You never talk to me" in s for s in steps)
    assert any("I need some space for now" in s for s in steps)
    assert "about them or about you" in head


async def test_someone_who_reaches_sees_guidance_about_their_partner(tui_journal):
    stories, steps, head = await thought_ideas(tui_journal, "pursuer")
    assert "They may be swamped, and going quiet is how they cope, not a verdict on us." \
        in stories
    assert not any(s.startswith("I'm swamped") for s in stories)
    assert any("I've missed you; how has this week been for you?" in s for s in steps)
    assert not any("I need some space for now" in s for s in steps)
    assert "why your partner pulled back" in head


async def test_not_sure_sees_only_words_that_fit_either(tui_journal):
    stories, steps, _ = await thought_ideas(tui_journal, "unsure")
    either = knowledge().guidance("unsure")
    assert stories == [r.alternative for r in either.reasons]
    assert not any("I've missed you" in s or "I need some space" in s for s in steps)


@pytest.mark.parametrize("role", ["pursuer", "withdrawer"])
async def test_the_small_thing_on_the_write_screen_fits_my_role(tui_journal, role):
    app = with_role(tui_journal, role)
    allowed = {a.text for a in knowledge().guidance(role).small_actions}
    mine_only = {a.text for a in knowledge().small_actions if a.roles and role in a.roles}
    seen = set()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: app.screen.query("#small-thing-text"))
        for _ in range(len(allowed)):
            seen.add(shown(app.screen.query_one("#small-thing-text", Static)))
            await pilot.press("ctrl+n")
    assert len(seen) > 1 and seen <= allowed
    assert seen & mine_only


# ------------------------------------------------------------------ words shown where they help


async def test_the_moment_form_shows_what_the_highlighted_exit_can_look_like(app):
    from textual.widgets import SelectionList

    from tui.panes.loop.moment import MomentForm

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        exits = app.screen.query_one("#moment-exits", SelectionList)
        examples = app.screen.query_one("#moment-exit-examples", Static)
        exits.focus()
        await pilot.press("down")
        await until(pilot, lambda: "for example" in shown(examples))
        chosen = knowledge().exits[exits.highlighted]
        assert shown(examples).startswith(chosen.name)
        assert all(example in shown(examples) for example in chosen.examples)


async def test_the_map_says_what_the_shape_and_the_part_mean(app):
    from textual.widgets import Select

    from tui.panes.loop.map_editor import UNSURE_WORDS, MapEditor

    k = knowledge()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "e")
        await until(pilot, lambda: isinstance(app.screen, MapEditor))
        words = app.screen.query_one("#map-choice-words", Static)
        await until(pilot, lambda: UNSURE_WORDS in shown(words))
        assert k.pattern("pursue_withdraw").description in shown(words)
        app.screen.query_one("#map-role", Select).value = "withdrawer"
        await until(pilot, lambda: k.role("withdrawer").description in shown(words))
        app.screen.query_one("#map-pattern", Select).value = "withdraw_withdraw"
        await until(pilot, lambda: k.pattern("withdraw_withdraw").description in shown(words))
