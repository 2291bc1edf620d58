"""The private tally tab as a person uses it: it says it is about oneself only, a key beside
each item adds a mark now, today's and this week's counts show kind beside slight by shape,
the last mark of today can be taken back (and ctrl+z brings it back), a note on a mark keeps
its draft, and a mark found by search shows its day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input

from content import knowledge
from pilot_tools import screen_text, type_text, until
from storage import dates
from tui.screens.small_things.tally import TallyTab, tally_items
from tui.screens.small_things.tally_form import TallyNote

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 18)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    moment = datetime(2026, 11, 18, 19, 0, tzinfo=BERLIN)
    monkeypatch.setattr(dates, "now", lambda: moment)


def shown(app) -> str:
    return screen_text(app)


def key_of(what: str) -> str:
    return next(key for key, item in tally_items() if item.key == what)


async def open_tab(pilot):
    pilot.app.action_small_things("tally")
    await until(pilot, lambda: pilot.app.screen.query(TallyTab))
    tab = pilot.app.screen.query_one(TallyTab)
    await until(pilot, lambda: tab.marks_list.has_focus)
    return tab


async def test_it_says_it_is_about_you_and_each_item_has_its_key(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        text = shown(app)
        assert knowledge().small_things.my_tally.intro in text
        assert "never a score of your partner" in text
        for key, item in tally_items():
            sign = "+" if item.side == "kind" else "−"
            assert f"{key}  {sign} {item.name}" in text
        assert knowledge().small_things.my_tally.nothing_today in text


@pytest.mark.parametrize("width", [80, 200])
async def test_the_slights_stand_beside_the_kind_ones_at_any_width(app, width):
    async with app.run_test(size=(width, 40)) as pilot:
        tab = await open_tab(pilot)
        kind, slight = tab.query_one("#tally-kind"), tab.query_one("#tally-slight")
        await until(pilot, lambda: slight.region.width > 0)
        longest = max(len(f" {key}  + {item.name}  ×99") for key, item in tally_items())
        assert kind.region.width >= longest  # a line with its count fits
        assert slight.region.x - kind.region.x <= 40  # beside, not across the screen


async def test_a_key_adds_a_mark_now_and_the_counts_show_kind_beside_slight(app, tui_journal):
    tui_journal.tally.mark("touch", at=datetime(2026, 11, 16, 8, 0, tzinfo=BERLIN))  # Monday
    tui_journal.tally.mark("sarcasm", at=datetime(2026, 11, 15, 8, 0, tzinfo=BERLIN))  # Sunday
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        assert "Today + 0 kind · − 0 slights   This week so far + 1 kind · − 0 slights" in \
            shown(app)
        await pilot.press(key_of("thanks"), key_of("thanks"), key_of("eye_roll"))
        await until(pilot, lambda: tui_journal.tally.count() == 5)
        assert [(m.what, m.side) for m in tui_journal.tally.on_day(TODAY)] == [
            ("thanks", "kind"), ("thanks", "kind"), ("eye_roll", "slight")]
        await until(pilot, lambda: "Today + 2 kind · − 1 slight   This week so far + 3 kind · "
                                   "− 1 slight" in shown(app))
        assert "+ A thank-you  ×2" in shown(app)
        at = dates.local(datetime(2026, 11, 18, 19, 0, tzinfo=BERLIN))
        assert f"{at:%H:%M}  − An eye-roll" in shown(app)


async def test_taking_back_the_last_mark_and_ctrl_z(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press(key_of("kind_words"), key_of("whatever"))
        await until(pilot, lambda: tui_journal.tally.count() == 2)
        await pilot.press("u")
        await until(pilot, lambda: [m.what for m in tui_journal.tally.on_day()] ==
                    ["kind_words"])
        await until(pilot, lambda: "Today + 1 kind · − 0 slights" in shown(app))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "Today + 1 kind · − 1 slight " in shown(app))
        assert tui_journal.tally.count() == 2


async def test_a_note_on_a_mark_keeps_its_draft(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press(key_of("listened"))
        await until(pilot, lambda: tui_journal.tally.count() == 1)
        [mark] = tui_journal.tally.list()
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, TallyNote))
        await type_text(pilot, "about her sister")
        await until(pilot, lambda: tui_journal.load_draft(f"tally:{mark.id}") is not None)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, TallyNote))
        assert tui_journal.tally.get(mark.id).note == ""
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, TallyNote))
        assert app.screen.query_one("#tally-note", Input).value == "about her sister"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, TallyNote))
        assert tui_journal.tally.get(mark.id).note == "about her sister"
        await until(pilot, lambda: "+ Really listened · about her sister" in shown(app))


async def test_a_mark_found_by_search_shows_its_day(app, tui_journal):
    old = tui_journal.tally.mark("sarcasm", note="about the dishes",
                                 at=datetime(2026, 11, 10, 21, 0, tzinfo=BERLIN))
    tui_journal.tally.mark("thanks")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [hit] = tui_journal.search("dishes")
        assert app.open_record(hit.kind, hit.id) and hit.id == old.id
        await until(pilot, lambda: app.screen.query(TallyTab))
        tab = app.screen.query_one(TallyTab)
        await until(pilot, lambda: "Marks of Tue 10 Nov 2026" in shown(app))
        assert tab.current_mark().id == old.id
        assert f"{dates.local(old.occurred_at):%H:%M}  − Sarcasm · about the dishes" in shown(app)
        await pilot.press("t")
        await until(pilot, lambda: "Today's marks" in shown(app))
        assert "+ A thank-you" in shown(app) and "about the dishes" not in shown(app)



async def test_taking_back_with_nothing_marked_today_says_so_in_a_sentence(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("u")
        await until(pilot, lambda: any(
            n.message == "Nothing is marked today, so there is nothing to take back."
            for n in app._notifications))
        assert tui_journal.tally.count() == 0
