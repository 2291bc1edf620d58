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
from pilot_tools import Clock, screen_text, until
from storage import dates
from storage.right_now import STRONG
from tui.panes.loop.calm import CalmTimer
from tui.screens.look_back import LookBackScreen
from tui.screens.main import MainScreen
from tui.screens.right_now import DRAFT_KEY, BackDialog, Returns, RightNowScreen, Strength

ZONE = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return Clock.frozen(monkeypatch, datetime(2025, 3, 12, 20, 15, tzinfo=ZONE))


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
        assert tui_journal.drafts.load(DRAFT_KEY) is None  # nothing typed: no draft waits


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
                         "moments). 1 of 1 time-out came back on time.")


# ---------------------------------------------------------------- never losing a word


def draft_of(journal) -> dict | None:
    found = journal.drafts.load(DRAFT_KEY)
    return None if found is None else found.data


async def test_words_typed_in_the_step_wait_after_escape_and_come_back_when_it_opens_again(
        app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "other", 3)
        await pilot.press("enter")  # the first offer, into its words
        await until(pilot, lambda: app.focused is screen.query_one("#rn-step-text"))
        await pilot.press("end", *" at eight")
        words = WORDS.offers_for("other")[0].text + " at eight"
        await until(pilot, lambda: screen.query_one("#rn-step-text", Input).value == words)
        await pilot.press("escape")  # back to naming the pull
        await until(pilot, lambda: screen.shown == "rn-pull")
        await pilot.press("escape")  # and out
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert (draft_of(tui_journal) or {}).get("step") == words
        assert tui_journal.loop.count() == 0

        await pilot.press("f9")  # opens as it was left: on the pull, "other" at 3
        await until(pilot, lambda: isinstance(app.screen, RightNowScreen)
                    and isinstance(app.focused, OptionList))
        again = flow(app)
        assert again is not screen and again.shown == "rn-pull"
        assert "back" in str(again.query_one("#rn-message", Static).render())
        pulls = again.query_one("#rn-pulls", OptionList)
        assert pulls.get_option_at_index(pulls.highlighted).id == "other"
        assert again.query_one(Strength).value == 3
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.focused, Strength))
        await pilot.press("enter")
        await until(pilot, lambda: again.shown == "rn-step")
        assert again.query_one("#rn-step-text", Input).value == words  # not an offer's again
        await keep_step(pilot, again, "!")
        (moment,) = tui_journal.loop.list_events()
        assert (moment.pull, moment.intensity, moment.step) == ("other", 3, words + "!")
        assert draft_of(tui_journal) is None  # keeping the moment drops the draft


async def test_quitting_mid_flow_keeps_the_time_out_and_the_step_and_opens_on_them(
        tui_journal, monkeypatch):
    from tui import drafting
    from tui.app import create_app

    monkeypatch.setattr(drafting, "QUIET_S", 30)  # only quitting writes it
    monkeypatch.setattr(drafting, "MAX_DELAY_S", 30)
    app = create_app(tui_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "withdraw", 4)
        await until(pilot, lambda: screen.shown == "rn-time_out")
        screen.query_one("#rn-minutes").focus()
        await pilot.press("right")  # the one after the default half hour: an hour
        await until(pilot, lambda: screen.minutes == 60)
        script = screen.query_one("#rn-script", Input)
        script.focus()
        await pilot.press("home", *"Love, ")
        await until(pilot, lambda: script.value.startswith("Love, "))
        await pilot.press("enter")
        await until(pilot, lambda: screen.shown == "rn-step"
                    and app.focused is screen.query_one("#rn-offers"))
        await pilot.press("enter")
        await until(pilot, lambda: app.focused is screen.query_one("#rn-step-text"))
        await pilot.press("end", *" soon")
        step = screen.query_one("#rn-step-text", Input)
        await until(pilot, lambda: step.value.endswith(" soon"))
        assert draft_of(tui_journal) is None  # nothing written yet: quitting must do it
        await pilot.press("ctrl+q")
    kept = draft_of(tui_journal)
    assert kept is not None and kept["step"].endswith(" soon")
    assert kept["script"].startswith("Love, ") and kept["minutes"] == 60

    app = create_app(tui_journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, RightNowScreen)
                    and flow(app).shown == "rn-step")
        screen = flow(app)
        assert screen.query_one("#rn-step-text", Input).value == kept["step"]
        await pilot.press("escape")  # the way back is there too
        await until(pilot, lambda: screen.shown == "rn-time_out")
        assert screen.query_one("#rn-script", Input).value == kept["script"]
        assert screen.query_one("#rn-min-60").value
        await pilot.press("escape")
        await until(pilot, lambda: screen.shown == "rn-pull")
        assert screen.query_one(Strength).value == 4
        await pilot.press("escape")  # out, with words typed: the draft stays
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        left = draft_of(tui_journal) or {}
        assert (left.get("script"), left.get("step")) == (kept["script"], kept["step"])
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, RightNowScreen)
                    and isinstance(app.focused, OptionList))
        screen = flow(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.focused, Strength))
        await pilot.press("enter")
        await until(pilot, lambda: screen.shown == "rn-time_out")
        await pilot.press("enter")  # "Go on" has the focus
        await keep_step(pilot, screen, "")
        (moment,) = tui_journal.loop.list_events()
        assert moment.script == kept["script"] and moment.step == kept["step"]
        assert moment.return_at == datetime(2025, 3, 12, 21, 15, tzinfo=ZONE)  # an hour
    assert draft_of(tui_journal) is None


async def test_moving_along_the_offers_leaves_words_of_your_own_alone(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await name_the_pull(pilot, "freeze", 2)
        await pilot.press("enter")  # the first small choice
        await until(pilot, lambda: screen.shown == "rn-step")
        text = screen.query_one("#rn-step-text", Input)
        offers = WORDS.offers_for("freeze")
        assert text.value == offers[0].text
        await pilot.press("down")  # an offer not yet changed follows the highlight
        await until(pilot, lambda: text.value == offers[1].text)
        text.focus()
        await pilot.press("end", "ctrl+u", *"my own")
        await until(pilot, lambda: text.value == "my own")
        screen.query_one("#rn-offers").focus()
        await pilot.press("up")
        await until(pilot, lambda: "own words" in str(
            screen.query_one("#rn-message", Static).render()))
        assert text.value == "my own"


# ---------------------------------------------------------------- coming back, said later


def footer_text(app) -> str:
    return " ".join(str(key.render()) for key in app.screen.query("FooterKey"))


async def test_a_time_out_can_be_marked_later_from_the_loop_moments(app, tui_journal, clock):
    plain = tui_journal.loop.log(occurred_at=clock.now - timedelta(hours=3),
                                 trigger="a quiet dinner", intensity=4)
    time_out = tui_journal.right_now.keep(pull="withdraw", strength=6, minutes=20,
                                          at=clock.now - timedelta(hours=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, BackDialog))
        await pilot.press("escape")  # "ask me later", at start-up
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        loop = app.screen.query_one("#loop")
        loop.moments.focus()
        await until(pilot, lambda: loop.moments.has_focus
                    and loop.current_event() is not None
                    and loop.current_event().id == time_out.id)
        await until(pilot, lambda: "Came back" in footer_text(app))
        await pilot.press("down")  # an ordinary moment: the key is not offered
        await until(pilot, lambda: loop.current_event().id == plain.id
                    and "Came back" not in footer_text(app))
        await pilot.press("b", "up")  # b does nothing here; up goes back to the time-out
        await until(pilot, lambda: loop.current_event().id == time_out.id
                    and "Came back" in footer_text(app))
        assert isinstance(app.screen, MainScreen)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BackDialog)
                    and app.focused is not None and app.focused.id == "rn-on-time")
        question = app.screen.query_one("#rn-back-box Static", Static)
        back_at = f"{dates.local(time_out.return_at):%H:%M}"  # 19:35 in Berlin
        assert f"You said you would come back at {back_at}." in str(question.render())
        await pilot.press("enter")  # "Yes, on time"
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert tui_journal.loop.get_event(time_out.id).back_on_time is True
        await until(pilot, lambda: WORDS.back_from.on_time in str(
            loop.query_one("#loop-detail", Static).render()))
        assert tui_journal.loop.get_event(plain.id).back_on_time is None


async def test_the_mark_key_is_in_help(app):
    from tui.screens.help import HelpScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = str(app.screen.query_one("#help-text", Static).render())
        loop_part = shown.split("The loop\n", 1)[1].split("\n\n", 1)[0]
        assert "Came back" in loop_part


async def test_a_time_out_marked_before_its_return_is_not_asked_about_again(
        app, tui_journal, clock):
    time_out = tui_journal.right_now.keep(pull="withdraw", strength=5, minutes=30)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        Returns.of(app).watch()  # the app watches it, as after keeping it in the flow
        assert [i for i, _ in Returns.of(app).waiting] == [time_out.id]
        loop = app.screen.query_one("#loop")
        loop.moments.focus()
        await until(pilot, lambda: "Came back" in footer_text(app))
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, BackDialog))
        await pilot.press("tab", "enter")  # "Not quite": back early, but not as said
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert tui_journal.loop.get_event(time_out.id).back_on_time is False
        assert Returns.of(app).waiting == []  # said: nothing left to ask at its return
        clock.now += timedelta(minutes=31)
        Returns.of(app).check()  # its return time has come
        assert isinstance(app.screen, MainScreen)
