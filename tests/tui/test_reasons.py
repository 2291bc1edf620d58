"""Likely reasons for the distance, as a person marks them and sees them come back: ticked on
a loop moment and on a thought record (offered for their part in the loop, kept in the
draft, shown in the detail, with a word about a low-effort offer when one fits); Look back's
sections on the reasons that recur, the love list and the tally; and the early sign in Look
back and in the Rituals pane."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from textual.widgets import Input, OptionList, TabbedContent

from pilot_tools import Clock, screen_text, until
from storage import rows
from storage.models import LoopEventIn, LoveDoneIn, LoveIn, TallyIn, ThoughtRecordIn
from tui.panes.loop.moment import MomentForm
from tui.panes.loop.pane import LoopPane
from tui.panes.rituals.pane import RitualsPane
from tui.panes.thought.pane import ThoughtPane
from tui.screens.look_back import LookBackScreen
from tui.screens.main import MainScreen
from tui.screens.small_things.screen import SmallThingsScreen
from tui.widgets.early_sign import EarlySignLine
from tui.widgets.reasons import ReasonPicker
from tui.widgets.toggles import TickList

NOW = datetime(2027, 1, 20, 9, 30).astimezone()  # a Wednesday
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return Clock.frozen(monkeypatch, NOW)


def at(day: date, hour: int = 20) -> datetime:
    return datetime.combine(day, time(hour)).astimezone()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def plays(journal, role: str) -> None:
    journal.loop.save_map({"my_role": role, "me": {"move": "I ask"},
                           "them": {"move": "they go quiet"}})


async def tick(pilot, ticks: TickList, key: str) -> None:
    """Move to ``key`` in a tick list by keyboard and tick it with space."""
    ticks.focus()
    await pilot.pause()
    keys = [ticks.get_option_at_index(n).value for n in range(ticks.option_count)]
    target = keys.index(key)
    while ticks.highlighted != target:
        await pilot.press("down" if (ticks.highlighted or 0) < target else "up")
    await pilot.press("space")
    await until(pilot, lambda: key in ticks.selected)


def offered(ticks: TickList) -> list[str]:
    return [ticks.get_option_at_index(n).value for n in range(ticks.option_count)]


# ---------------------------------------------------------------- the loop moment


async def test_a_moment_keeps_the_reasons_ticked_and_says_an_offer_might_help(app, tui_journal):
    plays(tui_journal, "pursuer")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        form = app.screen
        form.query_one("#moment-trigger", Input).value = "home at nine again"
        picker = form.query_one("#moment-reasons", ReasonPicker)
        ticks = picker.ticks
        # Offered for the one who reaches: family strain is; missing you (theirs) is not.
        assert "family_strain" in offered(ticks) and "missing_you" not in offered(ticks)
        assert not picker.hint.display or not picker.has_class("-offer")

        await tick(pilot, ticks, "routine")
        assert not picker.has_class("-offer")  # a shared discovery answers it, not an offer
        await tick(pilot, ticks, "work_pressure")
        await until(pilot, lambda: "A low-effort offer might help with “Work pressure”."
                    in screen_text(app))
        shown = screen_text(app)
        assert picker.has_class("-offer")
        assert "Small things: Offers (f10)" in shown
        # Highlighting a reason shows its kinder story, as worded for the one who reaches.
        why = str(picker.why.render())
        assert why.startswith("Work pressure: A heavy workload uses up the energy")
        assert "A kinder way to see it: Their quiet may be how they get through" in why

        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, MomentForm))
        [event] = tui_journal.loop.list_events()
        assert event.reasons == ("work_pressure", "routine")  # in the order content lists
        detail = str(app.screen.query_one(LoopPane).query_one("#loop-detail").render())
        assert "Likely reasons: Work pressure, Stale routine" in detail


async def test_reasons_typed_into_a_moment_wait_in_its_draft(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        form = app.screen
        await tick(pilot, form.query_one("#moment-reasons", ReasonPicker).ticks, "overwhelmed")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MomentForm))
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        picker = app.screen.query_one("#moment-reasons", ReasonPicker)
        assert picker.value == ["overwhelmed"]
        assert picker.has_class("-offer")
        assert tui_journal.loop.list_events() == []


async def test_the_offer_button_opens_the_offers_tab(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        picker = app.screen.query_one("#moment-reasons", ReasonPicker)
        await tick(pilot, picker.ticks, "overwhelmed")
        await until(pilot, lambda: picker.to_offers.display and picker.has_class("-offer"))
        picker.to_offers.focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SmallThingsScreen))
        assert app.screen.query_one(TabbedContent).active == "offers"
        await pilot.press("escape")
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        assert app.screen.query_one("#moment-reasons", ReasonPicker).value == ["overwhelmed"]


# ---------------------------------------------------------------- the thought record


async def test_a_thought_record_keeps_its_reasons_offered_for_the_one_who_steps_back(
        app, tui_journal):
    plays(tui_journal, "withdrawer")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        pane = app.screen.query_one(ThoughtPane)
        await pilot.press("n")
        await until(pilot, lambda: pane.editing)
        form = pane.form
        form.story.load_text("Whatever I say will be wrong.")
        ticks = form.reasons.ticks
        assert "feeling_last" in offered(ticks) and "family_strain" not in offered(ticks)
        await tick(pilot, ticks, "feeling_last")
        await until(pilot, lambda: "Feeling they come last" in screen_text(app))
        shown = screen_text(app)
        assert "might help" not in shown  # the love list answers it, not an offer
        await tick(pilot, ticks, "overwhelmed")
        await until(pilot, lambda: form.reasons.has_class("-offer"))
        assert str(form.reasons.hint.render()).startswith(
            "A low-effort offer might help with “Overwhelmed”. Offer something small")

        def stored() -> list[str]:
            found = tui_journal.thoughts.latest_draft()
            return found.reasons if found is not None else []

        await until(pilot, lambda: stored() == ["overwhelmed", "feeling_last"])
        await pilot.press("escape")
        await until(pilot, lambda: not pane.editing)
        detail = pane.query_one("#thought-detail")
        await until(pilot, lambda: "What might lie behind it: Overwhelmed, Feeling they come "
                                   "last" in str(detail.render()))


# ---------------------------------------------------------------- Look back


def moment(journal, day: date, reasons: list[str]) -> None:
    rows.insert(journal, "loop_events", LoopEventIn(
        occurred_at=at(day), intensity=5, ending="unresolved", trigger="late", reasons=reasons))


def love_done(journal, day: date) -> None:
    love_id = journal.scalar("SELECT id FROM love_list")
    if love_id is None:
        love_id = rows.insert(journal, "love_list", LoveIn(what="a note", source="asked"))
    rows.insert(journal, "love_log", LoveDoneIn(love_id=love_id, on_date=day))


async def open_look_back(app, pilot) -> LookBackScreen:
    await pilot.press("f5")
    await until(pilot, lambda: isinstance(app.screen, LookBackScreen))
    screen = app.screen
    await until(pilot, lambda: screen.query_one("#lb-reasons", OptionList).option_count)
    return screen


def options(screen, selector: str) -> list[str]:
    found = screen.query_one(selector, OptionList)
    return [str(found.get_option_at_index(n).prompt) for n in range(found.option_count)]


async def test_look_back_shows_the_reasons_that_recur_with_what_can_help(app, tui_journal):
    moment(tui_journal, ago(1), ["family_strain"])
    moment(tui_journal, ago(3), ["work_pressure", "family_strain"])
    rows.insert(tui_journal, "thought_records", ThoughtRecordIn(
        occurred_at=at(ago(2)), story="they'd rather be at work", reasons=["work_pressure"]))
    moment(tui_journal, ago(9), ["work_pressure"])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_look_back(app, pilot)
        shown = options(screen, "#lb-reasons")
        assert shown[0].startswith("Work pressure  marked 3 times")
        assert "What can help: A low-effort offer." in shown[0]
        assert shown[1].startswith("Family strain  marked twice")
        assert "The family boundary meeting" in shown[1]
        # Enter on a reason goes where its practice lives.
        reasons = screen.query_one("#lb-reasons", OptionList)
        reasons.focus()
        reasons.highlighted = 0
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SmallThingsScreen))
        assert app.screen.query_one(TabbedContent).active == "offers"
        # A practice kept as a ritual: back to the main screen, on the Rituals pane.
        await pilot.press("escape")
        screen = await open_look_back(app, pilot)
        reasons = screen.query_one("#lb-reasons", OptionList)
        reasons.focus()
        reasons.highlighted = 1  # family strain: the family boundary meeting
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        rituals = app.screen.query_one(RitualsPane)
        await until(pilot, lambda: rituals.has_focus_within)


async def test_what_can_help_keeps_its_indent_when_it_wraps_at_80_columns(app, tui_journal):
    moment(tui_journal, ago(1), ["work_pressure"])
    async with app.run_test(size=(80, 60)) as pilot:
        screen = await open_look_back(app, pilot)
        reasons = screen.query_one("#lb-reasons", OptionList)
        reasons.focus()
        await until(pilot, lambda: "What can help" in screen_text(app))
        box = reasons.content_region
        lines = [line[box.x:box.right] for line in
                 screen_text(app).splitlines()[box.y:box.bottom]]
        start = next(n for n, line in enumerate(lines) if "What can help" in line)
        assert lines[start].startswith("  What can help"), lines[start]
        assert lines[start + 1].startswith("  ") and lines[start + 1].strip(), lines
        assert "(Small things, Offers)" in " ".join(lines[start:start + 3])


async def test_look_back_counts_the_love_list_and_the_tally_kindly(app, tui_journal):
    for days in (0, 1, 2, 16):
        love_done(tui_journal, ago(days))
    for days, side in ((1, "kind"), (2, "kind"), (3, "kind"), (20, "kind"), (20, "slight")):
        rows.insert(tui_journal, "tally", TallyIn(
            occurred_at=at(ago(days)), side=side,
            what="thanks" if side == "kind" else "sarcasm"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_look_back(app, pilot)
        shown = options(screen, "#lb-small")
        assert shown[0] == "You did something from your love list on 4 days in the last 6 weeks."
        assert shown[1] == "Your tally noted 4 kindnesses and 1 slight of your own."
        assert shown[2].startswith("Your last two weeks were kinder than the weeks before")
        assert shown[3] == "Week of 18 Jan: love list on 3 days, 2 kind, 0 slights"
        assert "Small things · last 6 weeks" in screen_text(app)
        # Nothing marked: the reasons section says where they can be ticked.
        assert "You can tick them on a loop moment" in options(screen, "#lb-reasons")[0]


# ---------------------------------------------------------------- the early sign


async def test_the_early_sign_shows_when_the_sharing_has_gone_quiet(app, tui_journal):
    love_done(tui_journal, ago(5))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        rituals = app.screen.query_one(RitualsPane)
        line = rituals.query_one("#ritual-early-sign", EarlySignLine)
        await until(pilot, lambda: line.has_class("-shown"))
        said = "The small everyday sharing has gone quiet for 5 days."
        assert str(line.render()) == (
            said + " That often comes before distance. A five-minute download tonight could "
                   "start it again.")
        assert line.region.height >= 2 and line.region.width > 20  # in view, in the pane
        screen = await open_look_back(app, pilot)
        await until(pilot, lambda: screen.query_one("#lb-early-sign").display
                    and said in " ".join(screen_text(app).split()))


async def test_the_early_sign_goes_once_the_sharing_starts_again_elsewhere(app, tui_journal):
    love_done(tui_journal, ago(5))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        line = app.screen.query_one(RitualsPane).query_one("#ritual-early-sign", EarlySignLine)
        await until(pilot, lambda: line.has_class("-shown"))
        await pilot.press("f10")  # Small things opens on the love list
        await until(pilot, lambda: app.screen.query("#love-list")
                    and app.screen.query_one("#love-list").has_focus)
        await pilot.press("d")  # the note done today
        await until(pilot, lambda: tui_journal.scalar("SELECT count(*) FROM love_log") == 2)
        await pilot.press("escape")
        await until(pilot, lambda: not line.has_class("-shown"))
        assert "gone quiet" not in screen_text(app)


@pytest.mark.parametrize("history", ["none", "recent"])
async def test_no_early_sign_while_sharing_goes_on_or_before_any(app, tui_journal, history):
    if history == "recent":
        love_done(tui_journal, ago(30))
        love_done(tui_journal, ago(1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        rituals = app.screen.query_one(RitualsPane)
        await until(pilot, lambda: rituals.loaded)
        assert not rituals.query_one("#ritual-early-sign", EarlySignLine).has_class("-shown")
        screen = await open_look_back(app, pilot)
        assert not screen.query_one("#lb-early-sign").display
        assert "gone quiet" not in screen_text(app)
