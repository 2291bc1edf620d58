"""Right now as a person walks it: f9 (or the palette) from anywhere, name the pull and its
strength, each branch (a strong reach to the calm timer, pulling away to a time-out with a way
back, freezing to grounding and one small choice) to a kept loop moment; escape walking back;
the time-out ringing and asking when its return time comes, wherever the person is."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList, Static

from content import knowledge
from pilot_tools import screen_text, until
from storage import dates
from storage.right_now import STRONG
from tui.panes.loop.calm import CalmTimer
from tui.screens.look_back import LookBackScreen
from tui.screens.main import MainScreen
from tui.screens.right_now import BackDialog, Returns, RightNowScreen, Strength

ZONE = ZoneInfo("Europe/Berlin")


class Clock:
    """The journal's clock, frozen, moved on by hand."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 12, 20, 15, tzinfo=ZONE)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    frozen = Clock()
    monkeypatch.setattr(dates, "now", frozen)
    return frozen


WORDS = knowledge().right_now
PULL_ORDER = [p.key for p in WORDS.pulls]


def flow(app) -> RightNowScreen:
    assert isinstance(app.screen, RightNowScreen)
    return app.screen


async def name_the_pull(pilot, pull: str, strength: int) -> RightNowScreen:
    """Open the flow with f9, pick ``pull`` and set its ``strength`` by keys, go on."""
    app = pilot.app
    await pilot.press("f9")
    await until(pilot, lambda: isinstance(app.screen, RightNowScreen)
                and isinstance(app.focused, OptionList))
    await pilot.press(*["down"] * PULL_ORDER.index(pull), "enter")
    await until(pilot, lambda: isinstance(app.focused, Strength))
    screen = flow(app)
    if strength == 10:
        await pilot.press("9", "right")
    else:
        await pilot.press(str(strength))
    await until(pilot, lambda: screen.query_one(Strength).value == strength)
    await pilot.press("enter")
    await until(pilot, lambda: screen.shown != "rn-pull")
    return screen


async def keep_step(pilot, screen: RightNowScreen, extra: str) -> None:
    """Pick the first offer, add ``extra`` to its words, and keep it with enter."""
    app = pilot.app
    await until(pilot, lambda: screen.shown == "rn-step"
                and app.focused is screen.query_one("#rn-offers"))
    await pilot.press("enter")
    await until(pilot, lambda: app.focused is screen.query_one("#rn-step-text"))
    await pilot.press("end", *extra)
    await until(pilot, lambda: screen.query_one("#rn-step-text", Input).value.endswith(extra))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_strong_reach_starts_the_calm_timer_with_a_question_and_keeps_a_step(
        app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "reach", 8)
        assert screen.shown == "rn-calm"
        assert WORDS.calm.hold in screen_text(app)
        calm = app.screen_stack[-2].query_one(CalmTimer)
        assert calm.running and calm.hold == WORDS.calm.hold
        await pilot.press("enter")  # "Go on"
        await keep_step(pilot, screen, " Tea later?")
        (moment,) = tui_journal.loop.list_events()
        assert (moment.pull, moment.intensity) == ("reach", 8)
        assert moment.step == WORDS.offers_for("reach")[0].text + " Tea later?"
        assert moment.return_at is None and moment.choice == ""
        held = calm.query_one("#calm-hold", Static)  # still held in The loop's timer
        assert held.display and WORDS.calm.hold in str(held.render())
        assert calm.running


async def test_a_milder_reach_goes_straight_to_a_next_step(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "reach", STRONG - 1)
        assert screen.shown == "rn-step" and "rn-calm" not in screen.trail
        await keep_step(pilot, screen, "!")
        assert not app.screen.query_one(CalmTimer).running
        (moment,) = tui_journal.loop.list_events()
        assert (moment.pull, moment.intensity) == ("reach", STRONG - 1)


async def test_pulling_away_keeps_a_time_out_that_rings_and_asks_at_its_return(
        app, tui_journal, clock):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "withdraw", 10)
        assert screen.shown == "rn-time_out"
        shown = screen_text(app)
        assert "Needing space does not make you the problem" in shown
        script = screen.query_one("#rn-script", Input)

        def said(minutes: int) -> str:
            return f"{dates.local(clock.now + timedelta(minutes=minutes)):%H:%M}."

        assert script.value.endswith(f"I'll come back to you at {said(30)}")  # by default
        screen.query_one("#rn-minutes").focus()
        await pilot.press("left")  # the one before, 20 minutes: the script follows
        await until(pilot, lambda: script.value.endswith(f"at {said(20)}"))
        script.focus()
        await pilot.press("home", *"Love, ")
        await until(pilot, lambda: script.value.startswith("Love, "))
        await pilot.press("enter")
        await keep_step(pilot, screen, " x")
        (moment,) = tui_journal.loop.list_events()
        assert moment.pull == "withdraw" and moment.intensity == 10
        assert moment.script.startswith("Love, I need a little while")
        assert moment.return_at == datetime(2025, 3, 12, 20, 35, tzinfo=ZONE)
        assert moment.step.endswith(" x") and moment.back_on_time is None
        assert moment.ending == "pause"

        back_at = said(20)[:-1]
        await pilot.press("f5")  # somewhere else in the app when the time comes
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
        clock.now += timedelta(minutes=19)
        Returns.of(app).check()  # a look at the clock: not time yet
        await pilot.pause()
        assert not isinstance(app.screen, BackDialog) and Returns.of(app).waiting
        clock.now += timedelta(minutes=1)
        await until(pilot, lambda: isinstance(app.screen, BackDialog)
                    and app.focused is not None and app.focused.id == "rn-on-time")
        question = app.screen.query_one("#rn-back-box Static", Static)
        assert f"You said you would come back at {back_at}" in str(question.render())
        await pilot.press("enter")  # "Yes, on time" has the focus
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
        assert tui_journal.loop.get_event(moment.id).back_on_time is True


async def test_freezing_grounds_then_offers_one_small_choice(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "freeze", 4)
        assert screen.shown == "rn-ground"
        for step in WORDS.ground.steps:
            assert step in screen_text(app)
        await pilot.press("down", "enter")
        await keep_step(pilot, screen, ".")
        (moment,) = tui_journal.loop.list_events()
        assert (moment.pull, moment.choice) == ("freeze", WORDS.ground.choices[1])
        assert moment.step == WORDS.offers_for("freeze")[0].text + "."


async def test_escape_walks_back_a_step_and_leaving_keeps_nothing(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "other", 3)
        assert screen.shown == "rn-step"
        await pilot.press("escape")
        await until(pilot, lambda: screen.shown == "rn-pull")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert tui_journal.loop.count() == 0


async def test_the_palette_opens_it_and_the_safety_pointer_shows_once(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [command] = [c for c in app.palette_commands()
                     if c.name == "I'm caught in it right now"]
        command.callback()
        await until(pilot, lambda: isinstance(app.screen, RightNowScreen)
                    and app.screen.query("#rn-safety"))
        safety = knowledge().help.safety
        assert [s for s in app.screen.query(Static) if safety in str(s.render())] == [
            app.screen.query_one("#rn-safety")]
        await pilot.press("f9")  # already open: nothing stacks
        await pilot.pause()
        assert sum(isinstance(s, RightNowScreen) for s in app.screen_stack) == 1


async def test_a_time_out_past_its_return_asks_when_closer_starts(app, tui_journal, clock):
    moment = tui_journal.right_now.keep(pull="withdraw", strength=5, minutes=20,
                                        at=clock.now - timedelta(hours=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, BackDialog)
                    and app.focused is not None and app.focused.id == "rn-on-time")
        await pilot.press("tab", "enter")  # "Not quite"
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    assert tui_journal.loop.get_event(moment.id).back_on_time is False


async def test_look_back_shows_the_usual_pull_once_there_is_one(app, tui_journal, clock):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen)
                    and not app.screen.query_one("#lb-weeks").loading)
        line = app.screen.query_one("#lb-right-now", Static)
        assert not line.display  # nothing to speak of yet
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        moment = tui_journal.right_now.keep(pull="withdraw", strength=6, minutes=20,
                                            at=clock.now - timedelta(hours=2))
        tui_journal.right_now.came_back(moment.id, on_time=True)
        tui_journal.right_now.keep(pull="reach", strength=3, at=clock.now - timedelta(hours=1))
        tui_journal.right_now.keep(pull="withdraw", strength=4)
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, LookBackScreen)
                    and app.screen.query_one("#lb-right-now").display)
        shown = str(app.screen.query_one("#lb-right-now", Static).render())
        assert shown == ("Your usual pull in the last 12 weeks: pulling away (2 of 3 Right now "
                         "moments). Time-outs came back on time 1 of 1 time.")
