"""The love list tab as a person uses it: an empty list that explains, adding an item with
a form that keeps its draft, marking it done today and taking that back (and ctrl+z), a note
for the day, deleting, finding an item or a day by search, the palette, and Write's "One
small thing today" marking a love-list item done."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList, Static

from pilot_tools import screen_text, type_text, until
from storage import dates
from tui.screens.small_things.love import LoveTab
from tui.screens.small_things.love_form import LoveDayNote, LoveForm

TODAY = date(2026, 11, 18)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    moment = datetime(2026, 11, 18, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(dates, "now", lambda: moment)


def tab(app) -> LoveTab:
    return app.screen.query_one(LoveTab)


def shown(app) -> str:
    return screen_text(app)


async def open_tab(pilot):
    await pilot.press("f10")
    await until(pilot, lambda: pilot.app.screen.query(LoveTab))
    love = tab(pilot.app)
    await until(pilot, lambda: love.query_one("#love-list").has_focus
                or love.query_one("#love-empty").has_focus)
    return love


async def test_an_empty_list_explains_the_three_sources_and_a_adds_one(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        text = shown(app)
        assert "Nothing on your love list yet" in text
        for words in ("◆ They asked for it", "↺ We used to do this", "♥ How they show love",
                      "Something you once did for each other and let slip."):
            assert words in text
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LoveForm))
        await type_text(pilot, "Tea in bed on Sundays")
        await pilot.press("enter")  # no source chosen yet: said, nothing kept
        await until(pilot, lambda: "Choose where it came from" in shown(app))
        assert tui_journal.love.count() == 0
        await pilot.press("down")  # the row chose "They asked for it"; one more is next
        await pilot.press("down")
        assert app.screen.source() == "used_to"
        await pilot.press("tab")
        await type_text(pilot, "[b]like before[/b]")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, LoveForm))
        [item] = tui_journal.love.list()
        assert (item.what, item.source, item.note) == ("Tea in bed on Sundays", "used_to",
                                                       "[b]like before[/b]")
        await until(pilot, lambda: "↺ Tea in bed on Sundays" in shown(app))
        assert "not done yet" in shown(app) and "[b]like before[/b]" in shown(app)
        assert tui_journal.load_draft("love:new") is None


async def test_did_it_today_and_again_takes_it_back_and_ctrl_z_restores(app, tui_journal):
    item = tui_journal.love.add(what="Hold hands on the walk", source="their_way")
    tui_journal.love.did(item.id, TODAY - timedelta(days=2))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        assert "last done 2 days ago · once in the last 4 weeks" in shown(app)
        await pilot.press("d")
        await until(pilot, lambda: "✓ done today" in shown(app))
        assert tui_journal.love.last_done(item.id) == TODAY
        assert "2 days in the last 4 weeks" in shown(app)
        await pilot.press("d")  # again, the same day: the tick goes to the trash
        await until(pilot, lambda: "✓ done today" not in shown(app))
        assert tui_journal.love.tick(item.id, TODAY) is None
        await until(pilot, lambda: any("ctrl+z brings it back" in n.message
                                       for n in app._notifications))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "✓ done today" in shown(app))
        assert tui_journal.love.tick(item.id, TODAY) is not None


async def test_a_note_for_the_day_keeps_its_draft_and_marks_it_done(app, tui_journal):
    item = tui_journal.love.add(what="A note in the lunchbox", source="asked")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, LoveDayNote))
        await type_text(pilot, "a drawing too")
        key = f"love_done:{item.id}:{TODAY.isoformat()}"
        await until(pilot, lambda: tui_journal.load_draft(key) is not None)
        await pilot.press("escape")  # left: the words wait as a draft
        await until(pilot, lambda: isinstance(app.screen.query(LoveTab).first(), LoveTab)
                    if not isinstance(app.screen, LoveDayNote) else False)
        assert tui_journal.love.tick(item.id, TODAY) is None
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, LoveDayNote))
        assert app.screen.query_one("#love-day-note", Input).value == "a drawing too"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, LoveDayNote))
        assert tui_journal.love.tick(item.id, TODAY).note == "a drawing too"
        assert tui_journal.load_draft(key) is None
        await until(pilot, lambda: "Today: done · a drawing too" in shown(app))


async def test_editing_keeps_a_draft_until_saved_and_delete_goes_to_the_trash(app, tui_journal):
    item = tui_journal.love.add(what="Coffee in the morning", source="their_way")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, LoveForm))
        await type_text(pilot, ", before work")
        await until(pilot, lambda: tui_journal.load_draft(f"love:{item.id}") is not None)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, LoveForm))
        assert tui_journal.love.get(item.id).what == "Coffee in the morning"
        await pilot.press("enter")  # enter on the list edits too; the draft is back
        await until(pilot, lambda: isinstance(app.screen, LoveForm))
        assert app.screen.query_one("#love-what", Input).value == \
            "Coffee in the morning, before work"
        assert "unsaved writing is back" in shown(app)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, LoveForm))
        assert tui_journal.love.get(item.id).what == "Coffee in the morning, before work"
        await pilot.press("delete")
        await until(pilot, lambda: tui_journal.love.count() == 0)
        await until(pilot, lambda: "Nothing on your love list yet" in shown(app))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "Coffee in the morning, before work" in shown(app))


async def test_search_opens_an_item_and_a_day_it_was_done(app, tui_journal):
    first = tui_journal.love.add(what="Coffee in the morning", source="their_way")
    second = tui_journal.love.add(what="Ask about the climbing", source="asked")
    tui_journal.love.did(second.id, TODAY - timedelta(days=3), note="the overhang route")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hit = tui_journal.search("overhang")[0]
        assert hit.kind == "love_done"
        assert app.open_record(hit.kind, hit.id)
        await until(pilot, lambda: app.screen.query(LoveTab))
        love = tab(app)
        await until(pilot, lambda: love.current_id() == second.id)
        await until(pilot, lambda: "the overhang route" in shown(app))
        assert "Sun 15 Nov 2026: done" in shown(app)
        [hit] = tui_journal.search("coffee")
        assert app.open_record(hit.kind, hit.id)
        listed = love.query_one("#love-list", OptionList)
        await until(pilot, lambda: love.current_id() == first.id and listed.has_focus)


async def test_the_palette_finds_what_was_done_today(app, tui_journal):
    tui_journal.love.add(what="Coffee in the morning", source="their_way")
    never = tui_journal.love.add(what="Ask about the climbing", source="asked")
    tui_journal.love.did(1, TODAY - timedelta(days=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # from the main screen: the command opens Small things first
        commands = {c.name: c for c in app.palette_commands()}
        assert "Add to my love list" in commands
        commands["Did something from my love list today"].callback()
        await until(pilot, lambda: app.screen.query(LoveTab))
        await until(pilot, lambda: tab(app).current_id() == never.id)
        await pilot.press("d")
        await until(pilot, lambda: tui_journal.love.tick(never.id, TODAY) is not None)


async def test_write_offers_the_love_list_and_enter_marks_it_done(app, tui_journal):
    item = tui_journal.love.add(what="Put on our old record", source="used_to")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: app.screen.query("#small-thing-text"))
        prompt = app.screen.query_one("#small-thing-text", Static)
        assert str(prompt.render()) == "From your love list: Put on our old record"
        await pilot.click("#small-thing-done")
        await type_text(pilot, "we danced")
        await pilot.press("enter")
        await until(pilot, lambda: tui_journal.love.tick(item.id, TODAY) is not None)
        assert tui_journal.love.tick(item.id, TODAY).note == "we danced"
        assert tui_journal.entries.count() == 0
        assert "Marked as done today on your love list" in shown(app)
        # done today, so the box offers one of the content's ideas next
        await until(pilot, lambda: not str(prompt.render()).startswith("From your love list"))
        assert str(prompt.render()) == tui_journal.review.small_thing(TODAY).text


async def test_at_80x24_the_words_about_a_missing_source_are_in_sight(app, tui_journal):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, LoveForm))
        await type_text(pilot, "Tea in bed on Sundays")
        await pilot.press("enter")
        await until(pilot, lambda: "Choose where it came from" in shown(app)
                    and app.screen.query_one("#love-source").has_focus)
        await until(pilot, lambda: "◆ They asked for it" in shown(app))  # the row too
        assert tui_journal.love.count() == 0


def test_every_tab_command_names_a_method_of_its_tab():
    """The palette's tab commands live in TABS by method name; a renamed method would make
    the command fail only when chosen."""
    from tui.screens.small_things import TABS

    for spec in TABS:
        for name, _help, method in spec.commands:
            assert callable(getattr(spec.load(), method, None)), (spec.id, name, method)
