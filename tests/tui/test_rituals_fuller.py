"""The rituals that keep more than a mark, as a person uses them: the family boundary
meeting reviewing the last meeting's agreements, the shared discovery's bank of ideas, and
the bigger picture check-in kept as a journal entry; each form's draft surviving."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, SelectionList, Static, TextArea

from pilot_tools import paste, screen_text, until
from storage import dates
from tui.panes.rituals.check_in import CheckInScreen
from tui.panes.rituals.check_in import draft_key as check_in_key
from tui.panes.rituals.ideas import DRAFT_KEY, BankScreen, IdeaScreen
from tui.panes.rituals.mark import MarkScreen, draft_key
from tui.panes.rituals.pane import RitualsPane

TODAY = date(2025, 7, 20)  # a Sunday
APRIL, JULY = date(2025, 4, 6), date(2025, 7, 6)  # first Sundays: boundary meetings
SATURDAY = date(2025, 7, 5)  # the first Saturday: the shared discovery
LAST_SUNDAY = date(2025, 6, 29)  # the bigger picture


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    moment = datetime(2025, 7, 20, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(dates, "now", lambda: moment)


@pytest.fixture
def meeting(tui_journal):
    ritual = tui_journal.rituals.add_from_template("family_boundary_meeting",
                                                   dtstart=date(2025, 1, 1))
    tui_journal.rituals.mark(ritual.id, APRIL, "done",
                             agreements="We leave by six on Sundays\nOne visit a month")
    return ritual


@pytest.fixture
def discovery(tui_journal):
    for idea in ("Night market", "Pottery taster", "Sunrise from the hill"):
        tui_journal.discoveries.add(idea=idea)
    return tui_journal.rituals.add_from_template("shared_discovery", dtstart=date(2025, 1, 1))


@pytest.fixture
def check_in(tui_journal):
    return tui_journal.rituals.add_from_template("bigger_picture", dtstart=date(2025, 1, 1))


def pane(app) -> RitualsPane:
    return app.screen.query_one(RitualsPane)


def text_of(widget) -> str:
    return str(widget.render())


async def open_day(pilot, day: date, ritual_id: int) -> RitualsPane:
    """The Rituals pane on ``day`` with ``ritual_id`` highlighted in its list, focused."""
    await pilot.press("f4")
    p = pane(pilot.app)
    await until(pilot, lambda: p.loaded)
    p.go_to(day, ritual_id)
    await until(pilot, lambda: p.current_item() is not None
                and p.current_item().ritual_id == ritual_id)
    p.day_list.focus()
    await pilot.pause()
    return p


async def focus(pilot, widget) -> None:
    widget.focus()
    await until(pilot, lambda: pilot.app.focused is widget)


async def press_for(pilot, key: str, screen_type):
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type))
    return pilot.app.screen


# ------------------------------------------------------------ the boundary meeting


async def test_the_next_meeting_reviews_the_last_agreements(app, meeting, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_day(pilot, JULY, meeting.id)
        form = await press_for(pilot, "d", MarkScreen)
        shown = screen_text(app)
        assert "Agreed on Sun 6 Apr 2025" in shown
        assert "We leave by six on Sundays" in shown and "One visit a month" in shown
        kept = form.query_one("#mark-kept", SelectionList)
        assert kept.selected == [0, 1]  # everything still holds until untick
        await focus(pilot, kept)
        await pilot.press("down", "space")  # let "One visit a month" go
        await until(pilot, lambda: kept.selected == [0])
        await focus(pilot, form.query_one("#mark-agreements", TextArea))
        await paste(pilot, "We answer his mum's comments together")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, MarkScreen))
        mark = tui_journal.rituals.get_mark(meeting.id, JULY)
        assert mark.agreements == (
            "We leave by six on Sundays\nWe answer his mum's comments together")

        # The detail shows what holds now.
        await until(pilot, lambda: "What you agreed" in text_of(p.query_one("#ritual-detail")))
        detail = text_of(p.query_one("#ritual-detail"))
        assert "We answer his mum's comments together" in detail
        assert "One visit a month" not in detail

        # Opened again, the review reads back as it was left.
        form = await press_for(pilot, "enter", MarkScreen)
        assert form.query_one("#mark-kept", SelectionList).selected == [0]
        assert form.query_one("#mark-agreements", TextArea).text == (
            "We answer his mum's comments together")


async def test_a_first_meeting_has_nothing_to_review(app, tui_journal):
    ritual = tui_journal.rituals.add_from_template("family_boundary_meeting",
                                                   dtstart=date(2025, 1, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_day(pilot, JULY, ritual.id)
        assert "No agreements yet" in text_of(p.query_one("#ritual-detail"))
        form = await press_for(pilot, "d", MarkScreen)
        assert not form.query("#mark-kept")
        assert "Agreements (new ones, one a line)" in screen_text(app)
        # Skipping a meeting hides the agreements: only a meeting held keeps any.
        form.query_one("#mark-skipped").value = True
        await until(pilot, lambda: not form.query_one("#mark-agreements-box").display)


async def test_the_meeting_form_keeps_its_draft(app, meeting, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, JULY, meeting.id)
        form = await press_for(pilot, "d", MarkScreen)
        await focus(pilot, form.query_one("#mark-kept", SelectionList))
        await pilot.press("space")  # let the first one go
        await focus(pilot, form.query_one("#mark-agreements", TextArea))
        await paste(pilot, "Call before visiting")
        key = draft_key(meeting.id, JULY)
        await until(pilot, lambda: (tui_journal.load_draft(key) or {}).get("agreements"))
        assert tui_journal.load_draft(key)["kept"] == [False, True]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MarkScreen))
        form = await press_for(pilot, "d", MarkScreen)
        assert form.query_one("#mark-agreements", TextArea).text == "Call before visiting"
        assert form.query_one("#mark-kept", SelectionList).selected == [1]
        assert "back" in text_of(form.query_one("#mark-message", Static))


# ------------------------------------------------------------ the shared discovery


async def test_the_discovery_detail_shows_the_bank(app, discovery, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_day(pilot, SATURDAY, discovery.id)
        detail = text_of(p.query_one("#ritual-detail"))
        suggested = tui_journal.discoveries.suggest(TODAY).idea
        assert f"This month's idea: {suggested}" in detail
        assert "Also to try" in detail
        assert "Press i to add an idea" in detail


async def test_adding_an_idea_and_a_second_same_one_refused(app, discovery, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_day(pilot, SATURDAY, discovery.id)
        form = await press_for(pilot, "i", IdeaScreen)
        await paste(pilot, "night  MARKET")
        await pilot.press("enter")
        await until(pilot, lambda: "already in your bank" in text_of(
            form.query_one("#idea-message")))
        assert tui_journal.discoveries.count() == 3
        form.query_one("#idea-text", Input).value = "A silent disco"
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, IdeaScreen))
        assert "A silent disco" in [i.idea for i in tui_journal.discoveries.to_try()]
        await until(pilot, lambda: "A silent disco" in text_of(p.query_one("#ritual-detail")))


async def test_the_idea_form_keeps_its_draft(app, discovery, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, SATURDAY, discovery.id)
        await press_for(pilot, "i", IdeaScreen)
        await paste(pilot, "Kayaking at dawn")
        await until(pilot, lambda: tui_journal.load_draft(DRAFT_KEY))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, IdeaScreen))
        form = await press_for(pilot, "i", IdeaScreen)
        assert form.query_one("#idea-text", Input).value == "Kayaking at dawn"


async def test_marking_the_discovery_chooses_the_idea_and_never_offers_a_done_one(
        app, discovery, tui_journal):
    bank = tui_journal.discoveries
    suggested = bank.suggest(TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_day(pilot, SATURDAY, discovery.id)
        form = await press_for(pilot, "d", MarkScreen)
        menu = form.query_one("#mark-idea")
        assert menu.value == suggested.id  # this month's idea, ready to keep
        await focus(pilot, menu)
        ideas = bank.to_try()
        other = ideas[ideas.index(suggested) + 1]  # the one below it in the menu
        await pilot.press("enter")  # open the menu: every idea to try, in the bank's order
        await until(pilot, lambda: other.idea in screen_text(app))
        await pilot.press("down", "enter")
        await until(pilot, lambda: menu.value == other.id)
        await focus(pilot, form.query_one("#mark-note", Input))
        await paste(pilot, "Clay everywhere")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, MarkScreen))
        assert bank.get(other.id).done_on == SATURDAY
        assert bank.get(other.id).note == "Clay everywhere"
        assert bank.get(suggested.id).done_on is None
        await until(pilot, lambda: f"You tried: {other.idea}" in text_of(
            p.query_one("#ritual-detail")))

        # The next discovery offers everything but the one done.
        p.go_to(date(2025, 6, 7), discovery.id)
        await until(pilot, lambda: p.selected_day == date(2025, 6, 7))
        p.day_list.focus()
        form = await press_for(pilot, "d", MarkScreen)
        assert other.id not in form.idea_values
        assert form.query_one("#mark-idea").value != other.id
        detail_bank = bank.suggest(TODAY)
        assert detail_bank is not None and detail_bank.id != other.id


async def test_a_new_idea_when_marking(app, discovery, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, SATURDAY, discovery.id)
        form = await press_for(pilot, "d", MarkScreen)
        new = form.query_one("#mark-new-idea", Input)
        assert not new.display
        form.query_one("#mark-idea").value = "new"
        await until(pilot, lambda: new.display)
        await focus(pilot, new)
        await paste(pilot, "Bouldering taster")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, MarkScreen))
        done = tui_journal.discoveries.done_on_day(SATURDAY)
        assert done.idea == "Bouldering taster"


async def test_the_bank_deletes_to_the_trash_and_puts_one_back(app, discovery, tui_journal):
    bank = tui_journal.discoveries
    market = next(i for i in bank.to_try() if i.idea == "Night market")
    bank.mark_done(market.id, date(2025, 6, 7), note="Dumplings")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, SATURDAY, discovery.id)
        screen = await press_for(pilot, "b", BankScreen)
        shown = screen_text(app)
        assert "Ideas to try" in shown and "What you did" in shown
        assert "Sat 7 Jun: Night market" in shown and "Dumplings" in shown
        first = screen._current()
        await pilot.press("delete")
        await until(pilot, lambda: bank.count() == 2)
        assert first not in [i.id for i in bank.list()]
        await pilot.press("ctrl+z")  # back from the trash
        await until(pilot, lambda: bank.count() == 3)
        options = screen.query_one("#bank-list")
        index = next(n for n in range(options.option_count)
                     if options.get_option_at_index(n).id == f"done-{market.id}")
        options.highlighted = index
        await pilot.press("u")
        await until(pilot, lambda: bank.get(market.id).done_on is None)


# ------------------------------------------------------------ the bigger picture


async def test_the_check_in_is_kept_as_an_entry_and_a_mark(app, check_in, tui_journal):
    from content import knowledge

    check = knowledge().small_things.check_in
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_day(pilot, LAST_SUNDAY, check_in.id)
        form = await press_for(pilot, "d", CheckInScreen)
        shown = screen_text(app)
        assert check.intro.split(".")[0] in shown
        for question in check.questions:
            assert question in shown
        await paste(pilot, "The holidays, a little.")
        await focus(pilot, form.query_one("#check-in-3", TextArea))
        await paste(pilot, "Walks that aren't about anything.")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, CheckInScreen))
        mark = tui_journal.rituals.get_mark(check_in.id, LAST_SUNDAY)
        assert mark.status == "done"
        (entry,) = [e for e in tui_journal.entries.list() if check.tag in e.tags]
        assert entry.title == check.name
        assert check.questions[0] in entry.body and "The holidays, a little." in entry.body
        assert check.questions[1] not in entry.body
        assert tui_journal.load_draft(check_in_key(check_in.id, LAST_SUNDAY)) is None
        await until(pilot, lambda: "Your answers are in your journal" in text_of(
            p.query_one("#ritual-detail")))


async def test_nothing_answered_saves_nothing(app, check_in, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, LAST_SUNDAY, check_in.id)
        form = await press_for(pilot, "d", CheckInScreen)
        await pilot.press("ctrl+r")
        await until(pilot, lambda: "at least one" in text_of(
            form.query_one("#check-in-message")))
        assert tui_journal.rituals.get_mark(check_in.id, LAST_SUNDAY) is None


async def test_the_check_in_keeps_its_draft(app, check_in, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, LAST_SUNDAY, check_in.id)
        await press_for(pilot, "d", CheckInScreen)
        await paste(pilot, "Half an answer")
        key = check_in_key(check_in.id, LAST_SUNDAY)
        await until(pilot, lambda: tui_journal.load_draft(key))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CheckInScreen))
        form = await press_for(pilot, "d", CheckInScreen)
        assert form.query_one("#check-in-0", TextArea).text == "Half an answer"
        assert "back" in text_of(form.query_one("#check-in-message", Static))


async def test_palette_commands_for_ideas_and_the_check_in(app, discovery, check_in,
                                                            tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: pane(app).loaded)
        command = {c.name: c for c in app.palette_commands()}
        command["Add a shared discovery idea"].callback()
        await until(pilot, lambda: isinstance(app.screen, IdeaScreen))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, IdeaScreen))
        command["See the shared discovery idea bank"].callback()
        await until(pilot, lambda: isinstance(app.screen, BankScreen))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, BankScreen))
        # 20 July: the last Sunday was 29 June, weeks ago; the next comes on 27 July.
        command["Bigger picture check-in"].callback()
        await until(pilot, lambda: pane(app).selected_day == date(2025, 7, 27))
        assert not isinstance(app.screen, CheckInScreen)


async def test_the_discovery_mark_keeps_its_draft(app, discovery, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_day(pilot, SATURDAY, discovery.id)
        form = await press_for(pilot, "d", MarkScreen)
        form.query_one("#mark-idea").value = "new"
        new = form.query_one("#mark-new-idea", Input)
        await until(pilot, lambda: new.display)
        await focus(pilot, new)
        await paste(pilot, "Salsa class")
        key = draft_key(discovery.id, SATURDAY)
        await until(pilot, lambda: (tui_journal.load_draft(key) or {}).get("new_idea"))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MarkScreen))
        form = await press_for(pilot, "d", MarkScreen)
        assert form.query_one("#mark-idea").value == "new"
        assert form.query_one("#mark-new-idea", Input).value == "Salsa class"
        assert form.query_one("#mark-new-idea", Input).display


async def test_an_idea_found_by_search_opens_in_the_rituals(app, discovery, tui_journal):
    bank = tui_journal.discoveries
    pottery = next(i for i in bank.to_try() if i.idea == "Pottery taster")
    market = next(i for i in bank.to_try() if i.idea == "Night market")
    bank.mark_done(market.id, SATURDAY, note="Dumplings")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await until(pilot, lambda: pane(app).loaded)
        hit = tui_journal.search("dumplings", kinds=["discovery"])[0]
        assert app.open_record(hit.kind, hit.id)  # tried: the day it was tried
        p = pane(app)
        await until(pilot, lambda: p.selected_day == SATURDAY)
        await until(pilot, lambda: "You tried: Night market" in text_of(
            p.query_one("#ritual-detail")))
        assert app.open_record("discovery", pottery.id)  # still to try: the bank, on it
        await until(pilot, lambda: isinstance(app.screen, BankScreen)
                    and app.screen.query("#bank-list")
                    and app.screen.query_one("#bank-list").highlighted is not None)
        assert app.screen._current() == pottery.id
