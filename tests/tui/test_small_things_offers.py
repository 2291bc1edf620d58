"""The Offers tab of Small things as a person uses it: building an offer with the sentence
said back, keeping it, marking how it landed, the gentle suggestion when a recent moment
says work is heavy, changing and deleting, and a draft that survives leaving."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList, Static

from pilot_tools import paste, screen_text, type_text, until
from storage import dates
from tui.screens.small_things.offer_form import OfferForm, draft_key
from tui.screens.small_things.offers import OffersTab

NOW = datetime(2025, 3, 12, 20, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: NOW)


def text_of(widget) -> str:
    return str(widget.render())


async def open_tab(pilot) -> OffersTab:
    pilot.app.action_small_things("offers")
    await until(pilot, lambda: pilot.app.screen.query(OffersTab)
                and pilot.app.focused is pilot.app.screen.query_one("#offers-list"))
    return pilot.app.screen.query_one(OffersTab)


async def test_build_an_offer_see_the_sentence_and_keep_it(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        assert "Press n to build one" in text_of(tab.query_one("#offers-head"))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        form = app.screen
        await type_text(pilot, "bring you a coffee")
        await pilot.press("tab")
        await type_text(pilot, "at 3 PM")
        await pilot.press("tab")
        await paste(pilot, "have 15 minutes of quiet cuddling before bed")  # two are typed
        preview = text_of(form.query_one("#offer-preview"))
        assert preview == ("Can I bring you a coffee at 3 PM, or would you rather have 15 "
                           "minutes of quiet cuddling before bed?")
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, OfferForm))
        offer = tui_journal.offers.list()[0]
        assert (offer.what, offer.at, offer.outcome) == ("bring you a coffee", "at 3 PM", None)
        assert tui_journal.load_draft(draft_key(None)) is None
        options = tab.offer_list
        assert options.option_count == 1
        assert "Can I bring you a coffee at 3 PM" in str(options.get_option_at_index(0).prompt)
        assert "Not answered yet" in text_of(tab.query_one("#offers-detail"))


async def test_an_example_to_start_from_and_a_reason_and_note(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        form = app.screen
        form.query_one("#offer-examples", OptionList).focus()
        await pilot.press("down", "enter")
        await until(pilot, lambda: form.query_one("#offer-what", Input).value)
        assert form.query_one("#offer-what", Input).value == "cook tonight"
        assert "or would you rather get a takeaway" in text_of(form.query_one("#offer-preview"))
        form.query_one("#offer-reason").value = "work_pressure"
        form.query_one("#offer-note", Input).focus()
        await type_text(pilot, "after her long Thursday")
        await pilot.press("ctrl+r")
        await until(pilot, lambda: tui_journal.offers.count() == 1)
        offer = tui_journal.offers.list()[0]
        assert (offer.reason, offer.note) == ("work_pressure", "after her long Thursday")


async def test_own_words_stay_when_an_example_is_chosen(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        form = app.screen
        await type_text(pilot, "walk the dog")
        form.query_one("#offer-examples", OptionList).focus()
        await pilot.press("down", "enter")
        await until(pilot, lambda: "Your own words stay" in text_of(
            form.query_one("#offer-message")))
        assert form.query_one("#offer-what", Input).value == "walk the dog"


async def test_an_empty_offer_is_refused_in_plain_words(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        await pilot.press("enter")
        message = app.screen.query_one("#offer-message", Static)
        await until(pilot, lambda: "what you offer" in text_of(message).lower())
        assert message.has_class("-error")
        assert tui_journal.offers.count() == 0


async def test_mark_how_it_landed_by_shape_and_take_it_back(app, tui_journal):
    tui_journal.offers.add(what="cook", at="tonight", instead="order in",
                           occurred_at=NOW - timedelta(days=2))
    tui_journal.offers.add(what="run you a bath", occurred_at=NOW - timedelta(days=1))
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        options = tab.offer_list
        assert "run you a bath" in str(options.get_option_at_index(0).prompt)  # newest first
        await pilot.press("d")
        await until(pilot, lambda: str(options.get_option_at_index(0).prompt).startswith("○"))
        detail = text_of(tab.query_one("#offers-detail"))
        assert "Declined" in detail and "Offering without pressure is the practice" in detail
        await pilot.press("down", "w")
        await until(pilot, lambda: str(options.get_option_at_index(1).prompt).startswith("●"))
        counts = text_of(tab.query_one("#offers-counts"))
        for said in ("● 1 welcomed", "◐ 0 not now", "○ 1 declined"):
            assert said in counts
        await pilot.press("w")  # again: not answered after all
        await until(pilot, lambda: str(options.get_option_at_index(1).prompt).startswith("·"))
        assert [o.outcome for o in tui_journal.offers.newest_first()] == ["declined", None]


async def test_the_tab_suggests_an_offer_when_work_is_heavy(app, tui_journal):
    tui_journal.loop.log(occurred_at=NOW - timedelta(days=3), trigger="a late night at work",
                         reasons=["work_pressure"])
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        suggest = tab.query_one("#offers-suggest", Static)
        assert suggest.display
        assert "Lately you marked “Work pressure” as a likely reason." in text_of(suggest)


async def test_the_suggestion_names_a_reason_as_it_is_ticked(app, tui_journal):
    tui_journal.loop.log(occurred_at=NOW - timedelta(days=2), trigger="too much at once",
                         reasons=["overwhelmed", "exhaustion"])
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        said = text_of(tab.query_one("#offers-suggest", Static))
        assert "noted overwhelmed" not in said
        assert "“Overwhelmed”" in said and "“Emotional exhaustion”" in said
        assert "as likely reasons." in said


async def test_no_suggestion_without_such_a_reason(app, tui_journal):
    tui_journal.loop.log(occurred_at=NOW - timedelta(days=3), trigger="a quiet dinner",
                         reasons=["missing_you"])
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        assert not tab.query_one("#offers-suggest", Static).display


async def test_change_an_offer_and_delete_it_to_the_trash(app, tui_journal):
    offer = tui_journal.offers.add(what="cook", at="tonight")
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        assert app.screen.query_one("#offer-what", Input).value == "cook"
        when = app.screen.query_one("#offer-at", Input)
        when.focus()
        when.value = ""
        await type_text(pilot, "on Friday")
        await pilot.press("enter")
        await until(pilot, lambda: tui_journal.offers.get(offer.id).at == "on Friday")
        await until(pilot, lambda: not isinstance(app.screen, OfferForm))
        await pilot.press("delete")
        await until(pilot, lambda: tui_journal.offers.count() == 0)
        await until(pilot, lambda: not tab.offer_list.display)
        await pilot.press("ctrl+z")
        await until(pilot, lambda: tui_journal.offers.count() == 1)
        await until(pilot, lambda: tab.offer_list.option_count == 1)


async def test_a_draft_survives_leaving_the_builder(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        await type_text(pilot, "make soup")
        await until(pilot, lambda: tui_journal.load_draft(draft_key(None)))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, OfferForm))
        assert tui_journal.load_draft(draft_key(None))["what"] == "make soup"
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        form = app.screen
        await until(pilot, lambda: form.query_one("#offer-what", Input).value == "make soup")
        assert "Your unsaved writing is back" in text_of(form.query_one("#offer-message"))


async def test_a_found_offer_is_highlighted(app, tui_journal):
    first = tui_journal.offers.add(what="cook", occurred_at=NOW - timedelta(days=2))
    tui_journal.offers.add(what="walk", occurred_at=NOW - timedelta(days=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.open_record("offer", first.id)
        await until(pilot, lambda: app.screen.query(OffersTab))
        tab = app.screen.query_one(OffersTab)
        await until(pilot, lambda: tab.current() is not None and tab.current().id == first.id)
        names = [c.name for c in app.palette_commands()]
        assert "Make a low-effort offer" in names


async def test_at_80x24_the_words_about_an_empty_offer_are_in_sight(app, tui_journal):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, OfferForm))
        await pilot.press("enter")
        await until(pilot, lambda: "what you offer" in screen_text(app).lower())
        assert tui_journal.offers.count() == 0
