"""The Phrases tab of Small things as a person uses it: the book for their part in the loop
grouped by what they want to do, favourites first, their own phrases, sending one to a
thought record's next step and to Right now, the critical-to-curious rewrite, and drafts
that survive leaving."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList

from content import knowledge
from pilot_tools import paste, type_text, until
from storage import dates
from tui.screens.small_things.phrase_forms import REWRITE_KEY, PhraseForm, RewriteScreen
from tui.screens.small_things.phrases import PhrasesTab

NOW = datetime(2025, 3, 12, 20, 0, tzinfo=ZoneInfo("Europe/Berlin"))
BOOK = knowledge().small_things


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: NOW)


def text_of(widget) -> str:
    return str(widget.render())


def prompts(tab: PhrasesTab) -> list[str]:
    options = tab.phrase_list
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def open_tab(pilot) -> PhrasesTab:
    pilot.app.action_small_things("phrases")
    await until(pilot, lambda: pilot.app.screen.query(PhrasesTab)
                and pilot.app.focused is pilot.app.screen.query_one("#phrases-list"))
    return pilot.app.screen.query_one(PhrasesTab)


async def highlight(pilot, tab: PhrasesTab, option: str) -> None:
    options = tab.phrase_list
    options.highlighted = options.get_option_index(option)
    await until(pilot, lambda: tab.current() is not None)


def save_map(journal, role: str) -> None:
    journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": role})


async def test_the_book_is_grouped_by_intent_for_the_role(app, tui_journal):
    save_map(tui_journal, "withdrawer")
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        shown = prompts(tab)
        names = [i.name for i in BOOK.phrase_intents]
        assert [line for line in shown if line in names] == names
        assert any(BOOK.phrase("open_i_went_quiet").text in line for line in shown)
        assert not any(BOOK.phrase("open_quiet_lately").text in line for line in shown)


async def test_favourite_a_book_phrase_and_it_comes_first(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        await highlight(pilot, tab, "book-heard_tell_me_more")
        await pilot.press("f")
        await until(pilot, lambda: tui_journal.phrases.count() == 1)
        row = tui_journal.phrases.list()[0]
        assert (row.book_key, row.favourite) == ("heard_tell_me_more", True)
        shown = prompts(tab)
        heading = shown.index(BOOK.intent("heard").name)
        assert shown[heading + 1].startswith("★") and "tell me a bit more" in shown[heading + 1]
        assert tab.current().book_key == "heard_tell_me_more"  # still highlighted
        await pilot.press("f")
        await until(pilot, lambda: tui_journal.phrases.count() == 0)
        assert not any(line.startswith("★") for line in prompts(tab))


async def test_add_your_own_phrase(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        await highlight(pilot, tab, "book-space_no_rush")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PhraseForm))
        assert app.screen.query_one("#phrase-intent").value == "space"
        await paste(pilot, "I'll put the kettle on and give you a minute.")
        await pilot.press("enter")
        await until(pilot, lambda: tui_journal.phrases.count() == 1)
        await until(pilot, lambda: isinstance(app.screen.query_one("#phrases-list"), OptionList)
                    and tab.current() is not None and tab.current().own)
        row = tui_journal.phrases.list()[0]
        assert (row.intent, row.book_key) == ("space", None)
        assert any("kettle" in line and "yours" in line for line in prompts(tab))
        # The keys that only an own phrase takes are named beside it (the footer hides them).
        detail = tab.query_one("#phrases-detail")
        await until(pilot, lambda: "e to change · delete to remove" in str(detail.render()))
        await pilot.press("delete")
        await until(pilot, lambda: tui_journal.phrases.count() == 0)
        await until(pilot, lambda: not any("kettle" in line for line in prompts(tab)))


async def test_send_a_phrase_to_a_new_thought_records_next_step(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        await highlight(pilot, tab, "book-curious_what_is_hard")
        await pilot.press("t")
        from tui.panes.thought.pane import ThoughtPane

        pane = app.get_screen_stack_main().query_one(ThoughtPane)
        await until(pilot, lambda: pane.editing and pane.form is not None
                    and pane.form.next_step.text == BOOK.phrase("curious_what_is_hard").text)
        assert app.screen is app.get_screen_stack_main()
        await until(pilot, lambda: app.focused is pane.form.next_step
                    and app.screen.can_view_entire(pane.form.next_step))
        await until(pilot, lambda: tui_journal.thoughts.count("draft") == 1)


async def test_send_a_phrase_to_the_thought_record_open_in_its_pane(app, tui_journal):
    record = tui_journal.thoughts.create_draft(story="They're tired of me", next_step="Breathe.")
    async with app.run_test(size=(120, 40)) as pilot:
        from tui.panes.thought.pane import ThoughtPane

        pane = app.get_screen_stack_main().query_one(ThoughtPane)
        await pane.open_form(record.id)
        tab = await open_tab(pilot)
        await highlight(pilot, tab, "book-reassure_same_side")
        await pilot.press("t")
        want = "Breathe.\n" + BOOK.phrase("reassure_same_side").text
        await until(pilot, lambda: pane.form is not None and pane.form.next_step.text == want)
        await until(pilot, lambda: tui_journal.thoughts.get(record.id).next_step == want)
        await until(pilot, lambda: app.focused is pane.form.next_step
                    and app.screen.can_view_entire(pane.form.next_step))
        assert tui_journal.thoughts.count() == 1


async def test_send_a_phrase_to_right_now(app, tui_journal):
    from tui.screens.right_now import RightNowScreen

    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        await highlight(pilot, tab, "book-space_no_rush")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RightNowScreen))
        flow = app.screen
        step = flow.query_one("#rn-step-text", Input)
        assert step.value == BOOK.phrase("space_no_rush").text
        assert "Your words wait in the last step" in text_of(flow.query_one("#rn-message"))
        await pilot.press("enter", "enter")  # reaching, at 5: straight on to the step
        await until(pilot, lambda: flow.shown == "rn-step")
        assert step.value == BOOK.phrase("space_no_rush").text
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, RightNowScreen))
        assert tui_journal.loop.list_events()[0].step == BOOK.phrase("space_no_rush").text


async def test_the_rewrite_keeps_a_pair(app, tui_journal):
    save_map(tui_journal, "pursuer")  # the reframes written for the one who reaches
    async with app.run_test(size=(120, 40)) as pilot:
        tab = await open_tab(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, RewriteScreen))
        form = app.screen
        await paste(pilot, "You're always on your phone")  # " Just us" is typed below
        versions = form.query_one("#rewrite-versions", OptionList)
        await until(pilot, lambda: "phones down" in str(versions.get_option_at_index(0).prompt))
        await pilot.press("enter")  # to the versions
        await until(pilot, lambda: app.focused is versions)
        await pilot.press("enter")  # take the first
        curious = form.query_one("#rewrite-curious", Input)
        await until(pilot, lambda: "phones down" in curious.value)
        await pilot.press("end")
        await type_text(pilot, " Just us")
        await pilot.press("enter")
        await until(pilot, lambda: tui_journal.phrases.count() == 1)
        row = tui_journal.phrases.list()[0]
        assert (row.intent, row.instead_of) == ("curious", "You're always on your phone")
        assert row.text.endswith("catch up? Just us")
        assert tui_journal.load_draft(REWRITE_KEY) is None
        await until(pilot, lambda: tab.current() is not None and tab.current().id == row.id)
        detail = text_of(tab.query_one("#phrases-detail"))
        assert "Instead of: You're always on your phone" in detail


async def test_a_pair_without_the_critical_words_is_refused_plainly(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, RewriteScreen))
        app.screen.query_one("#rewrite-curious", Input).focus()
        await type_text(pilot, "How was today?")
        await pilot.press("enter")
        message = app.screen.query_one(".phrase-message")
        await until(pilot, lambda: "what you were about to say" in text_of(message))
        assert tui_journal.phrases.count() == 0


async def test_drafts_survive_leaving_the_rewrite_and_the_phrase_form(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, RewriteScreen))
        await type_text(pilot, "You never ask about my day")
        await until(pilot, lambda: tui_journal.load_draft(REWRITE_KEY))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RewriteScreen))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, RewriteScreen))
        said = app.screen.query_one("#rewrite-said", Input)
        await until(pilot, lambda: said.value == "You never ask about my day")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RewriteScreen))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PhraseForm))
        await type_text(pilot, "Half a thought")
        await until(pilot, lambda: tui_journal.load_draft("phrase:new"))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, PhraseForm))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, PhraseForm))
        text = app.screen.query_one("#phrase-text", Input)
        await until(pilot, lambda: text.value == "Half a thought")


async def test_a_found_phrase_is_highlighted_and_the_palette_offers_the_rewrite(app, tui_journal):
    row = tui_journal.phrases.add(intent="reassure", text="I'm right here.")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.open_record("phrase", row.id)
        await until(pilot, lambda: app.screen.query(PhrasesTab))
        tab = app.screen.query_one(PhrasesTab)
        await until(pilot, lambda: tab.current() is not None and tab.current().id == row.id)
        assert "Find a curious way to say it" in [c.name for c in app.palette_commands()]
