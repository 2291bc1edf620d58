"""The Thought record pane as a person uses it: a record filled in field by field from the
keyboard, finished, found again after a restart; drafts that keep themselves; what a finished
record needs, shown inline; evidence linked to an entry; ratings by keys and mouse; the
palette and search; a narrow terminal; text that looks like markup."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from pilot_tools import first_hit, paste, screen_text, type_text, until
from storage import Journal, dates
from tui import compat, drafting
from tui import app as app_module
from tui.panes.thought.evidence import EvidencePicker, LinkList
from tui.panes.thought.form import ThoughtForm
from tui.panes.thought.inputs import RatingBar
from tui.panes.thought.pane import ThoughtPane

FROZEN = datetime(2025, 3, 12, 20, 15, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: FROZEN)


@pytest.fixture(autouse=True)
def quick_drafts(monkeypatch):
    # The same keeper, sooner, so the tests wait less for the draft to land.
    monkeypatch.setattr(drafting, "QUIET_S", 0.05)
    monkeypatch.setattr(drafting, "MAX_DELAY_S", 0.1)


def pane(app) -> ThoughtPane:
    return app.get_screen_stack_main().query_one(ThoughtPane)


def form(app) -> ThoughtForm:
    return pane(app).query_one(ThoughtForm)


def text(widget) -> str:
    return str(widget.render())


async def open_pane(pilot):
    await pilot.press("f3")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pane(pilot.app)


async def tab_to(pilot, widget_id: str) -> None:
    await pilot.press("tab")
    await pilot.pause()
    focused = pilot.app.focused
    assert focused is not None and focused.id == widget_id, (focused, widget_id)


async def test_fill_a_record_field_by_field_finish_it_and_find_it_after_a_restart(
        tmp_path, monkeypatch):
    path = tmp_path / "journal" / "journal.db"
    journal = Journal.open(path)
    app = app_module.create_app(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert p.border_title == "Thought record"
        assert "No thought records yet" in text(p.query_one("#thought-count"))
        await pilot.press("n")
        await until(pilot, lambda: p.editing)
        f = form(app)
        assert app.focused is f.situation
        # 1 situation (typed key by key; the other fields are pasted), 2 feelings
        await type_text(pilot, "No reply")
        await pilot.press("tab")
        assert app.focused is f.feelings_before.entry
        await paste(pilot, "hurt 70")
        await pilot.press("enter")
        assert app.focused is f.feelings_before.entry
        await paste(pilot, "lonely")
        await pilot.press("enter")
        await until(pilot, lambda: "How strong is lonely" in text(f.feelings_before.error))
        assert app.focused is f.feelings_before.entry  # asked, not guessed
        await type_text(pilot, " 60")
        await pilot.press("enter")
        await until(pilot, lambda: len(f.feelings_before.value) == 2)
        await pilot.press("tab")
        # 3 the story and how much it is believed
        assert app.focused is f.story
        await paste(pilot, "Gone cold")
        await tab_to(pilot, "thought-belief-before")
        await type_text(pilot, "85")
        # 4 traps: the first and the third
        await tab_to(pilot, "thought-traps")
        await pilot.press("space", "down", "down", "space")
        assert "Catastrophising" in text(f.trap_help)
        # 5, 6 evidence
        await tab_to(pilot, "thought-evidence-for")
        await paste(pilot, "Curt")
        await tab_to(pilot, "thought-link-for")
        await tab_to(pilot, "thought-evidence-against")
        await paste(pilot, "Busy")
        await tab_to(pilot, "thought-link-against")
        # 7 a kinder story, borrowed from an idea and then changed
        await tab_to(pilot, "thought-reasons-list")  # no reason ticked: none is needed
        await tab_to(pilot, "thought-alt-ideas")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is f.alternative
        assert f.alternative.text.startswith("One of us may be swamped")  # no map: either
        await paste(pilot, " Ok")
        await tab_to(pilot, "thought-alt-belief")
        await pilot.press("right", "right", "left")  # not rated -> 50 -> 55 -> 50
        assert f.alt_belief.value == 50
        await type_text(pilot, "65")
        # 8 re-rate: the story now, and the feelings named at first (shown unrated)
        await tab_to(pilot, "thought-belief-after")
        await type_text(pilot, "30")
        await pilot.press("tab")
        assert isinstance(app.focused, RatingBar) and app.focused.value is None
        await type_text(pilot, "40")
        await pilot.press("tab")
        await type_text(pilot, "35")
        # 9 one small step
        await pilot.press("tab", "tab")
        assert app.focused is f.step_ideas
        await tab_to(pilot, "thought-next-step")
        await paste(pilot, "Tea")
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not p.editing
        assert "belief 85 → 30" in p.record_list.row_text(0)
    journal.close()

    with Journal.open(path) as again:
        [record] = again.thoughts.list()
        assert record.status == "complete"
        assert record.situation == "No reply"
        assert [(x.name, x.intensity) for x in record.feelings_before] == [
            ("hurt", 70), ("lonely", 60)]
        assert record.story == "Gone cold"
        assert record.story_belief_before == 85
        assert record.traps == ["mind_reading", "catastrophising"]
        assert (record.evidence_for, record.evidence_against) == (
            "Curt", "Busy")
        assert record.alternative_story.endswith("not a verdict. Ok")
        assert (record.alternative_belief, record.story_belief_after) == (65, 30)
        assert [(x.name, x.intensity) for x in record.feelings_after] == [
            ("hurt", 40), ("lonely", 35)]
        assert record.next_step == "Tea"
        assert record.occurred_at == FROZEN

        app = app_module.create_app(again)
        async with app.run_test(size=(120, 40)) as pilot:
            p = await open_pane(pilot)
            assert p.record_list.item_count == 1
            detail = text(p.query_one("#thought-detail"))
            assert "Gone cold" in detail
            assert "Belief in the story 85 → 30" in detail and "hurt 70 → 40" in detail
            await pilot.press("enter")
            await until(pilot, lambda: p.editing)
            f = form(app)
            assert f.record_id == record.id and f.was_complete
            assert f.story.text == "Gone cold"
            assert f.belief_after.value == 30
            assert f.traps.selected == ["mind_reading", "catastrophising"]
            assert "Finished record" in text(f.query_one("#thought-title"))
            assert "Belief in the story 85 → 30" in text(f.query_one("#thought-change"))


async def test_the_autosave_timer_writes_a_draft_within_a_second(app, tui_journal):
    assert drafting.MAX_DELAY_S < 1
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Station")
        f = form(app)
        await until(pilot, lambda: [r.situation for r in tui_journal.thoughts.list()]
                    == ["Station"])
        [draft] = tui_journal.thoughts.list()
        assert draft.status == "draft"
        f.story.focus()
        await type_text(pilot, "bored")
        await until(pilot, lambda: tui_journal.thoughts.get(draft.id).story == "bored")
        assert tui_journal.thoughts.count() == 1  # the same row, not a new one
        assert "Draft kept" in text(f.status)
        # Back to the list: no question asked, the draft is there.
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 draft" in text(pane(app).query_one("#thought-count"))


async def test_the_last_keystrokes_are_kept_when_leaving_at_once(tmp_path, monkeypatch):
    path = tmp_path / "journal" / "journal.db"
    journal = Journal.open(path)
    app = app_module.create_app(journal)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        # The timer will not fire before the app closes.
        monkeypatch.setattr(drafting, "QUIET_S", 30)
        monkeypatch.setattr(drafting, "MAX_DELAY_S", 30)
        await type_text(pilot, "last words")
        await pilot.press("ctrl+q")
    journal.close()
    with Journal.open(path) as again:
        assert [r.situation for r in again.thoughts.list()] == ["last words"]


async def test_finishing_needs_a_story_and_evidence_shown_inline(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        f = form(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "write down the story" in text(f.errors["story"])
        assert f.errors["story"].display and app.focused is f.story
        assert tui_journal.thoughts.count() == 0  # nothing typed, nothing stored
        await type_text(pilot, "Leaving")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not f.errors["story"].display
        assert "evidence" in text(f.errors["evidence"]) and app.focused is f.evidence_for
        [draft] = tui_journal.thoughts.list()
        assert (draft.status, draft.story) == ("draft", "Leaving")
        f.evidence_against.focus()
        await type_text(pilot, "Trip")
        assert not f.errors["evidence"].display
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tui_journal.thoughts.get(draft.id).status == "complete"
        assert not p.editing and app.focused is p.record_list


async def test_a_finished_record_with_its_story_cleared_is_a_draft_again(app, tui_journal):
    record = tui_journal.thoughts.create_draft(story="s", evidence_for="e")
    tui_journal.thoughts.complete(record.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("enter")
        await pilot.pause()
        f = form(app)
        f.story.focus()
        await pilot.press("end", "backspace")
        await until(pilot, lambda: tui_journal.thoughts.get(record.id).status == "draft")
        assert "Kept as a draft" in text(f.status)
        await type_text(pilot, "new")
        await until(pilot, lambda: tui_journal.thoughts.get(record.id).story == "new")
        assert tui_journal.thoughts.get(record.id).status == "complete"


async def test_a_hint_is_not_replaced_by_the_draft_of_what_was_typed_before_it(
        app, tui_journal, monkeypatch):
    monkeypatch.setattr(drafting, "QUIET_S", 60.0)  # the draft is written when asked, below
    monkeypatch.setattr(drafting, "MAX_DELAY_S", 60.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        f = form(app)
        f.story.focus()
        await until(pilot, lambda: app.focused is f.story)
        await paste(pilot, "No")
        await pilot.press("ctrl+l")  # at once, before the draft of "No" is written
        assert "Evidence for or Evidence against" in text(f.status)
        assert not tui_journal.thoughts.list()
        assert f.flush()  # what the keeper's timer does a second later
        assert [r.story for r in tui_journal.thoughts.list()] == ["No"]
        await pilot.pause()
        assert "Evidence for or Evidence against" in text(f.status)
        await type_text(pilot, "t")  # the next change's draft says so again
        assert f.flush()
        await until(pilot, lambda: "Draft kept" in text(f.status))
        assert tui_journal.thoughts.list()[0].story == "Not"


async def test_evidence_can_point_at_an_entry(app, tui_journal):
    entry = tui_journal.entries.add("They brought me tea", occurred_at=FROZEN - timedelta(days=1))
    tui_journal.entries.add("Long ago", occurred_at=FROZEN - timedelta(days=90))
    tui_journal.loop.log(occurred_at=FROZEN - timedelta(hours=3), my_move="I asked again")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        f = form(app)
        f.story.focus()
        await type_text(pilot, "No")
        await until(pilot, lambda: "Draft kept" in text(f.status))
        await pilot.press("ctrl+l")  # not in an evidence field: says where to go
        await pilot.pause()
        assert "Evidence for or Evidence against" in text(f.status)
        f.evidence_against.focus()
        await pilot.press("ctrl+l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, EvidencePicker)
        options = picker.query_one("#evidence-list", OptionList)
        assert options.option_count == 2  # only what is near the record's day, nearest first
        assert "Loop moment · Wed 12 Mar" in str(options.get_option_at_index(0).prompt)
        assert "They brought me tea" in str(options.get_option_at_index(1).prompt)
        await pilot.press(*"long")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Long ago" in str(options.get_option_at_index(0).prompt)
        await pilot.press("ctrl+a", "ctrl+k")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert app.screen is app.get_screen_stack_main()
        links = f.query_one("#thought-links-against", LinkList)
        assert links.display and app.focused is links
        assert "Entry · Tue 11 Mar" in str(links.get_option_at_index(0).prompt)
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [record] = tui_journal.thoughts.list()
        assert record.status == "complete"  # a link alone is evidence
        assert [(x.kind, x.id, x.side) for x in record.evidence_links] == [
            ("entry", entry.id, "against")]
        await pilot.press("enter")
        await pilot.pause()
        f = form(app)
        links = f.query_one("#thought-links-against", LinkList)
        links.focus()
        await pilot.press("delete")
        await until(pilot, lambda: not tui_journal.thoughts.get(record.id).evidence_links)
        assert not links.display


async def test_ratings_by_keys_and_by_mouse(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        bar = form(app).belief_before
        bar.focus()
        await pilot.press("right")
        assert bar.value == 50
        await pilot.press("right", "right")
        assert bar.value == 60
        await type_text(pilot, "73")
        assert bar.value == 73
        await pilot.press("right")
        assert bar.value == 75
        await pilot.press("left", "left")
        assert bar.value == 65
        await type_text(pilot, "100")
        assert bar.value == 100
        await type_text(pilot, "5")  # a new number starts after 100
        assert bar.value == 5
        await pilot.press("end")
        assert bar.value == 100
        await pilot.press("backspace")
        assert bar.value is None
        await pilot.click(bar, offset=(0, 0))
        assert bar.value == 0
        width = bar.content_region.width - 5
        await pilot.click(bar, offset=(width - 1, 0))
        assert bar.value == 100
        await pilot.click(bar, offset=(width // 2, 0))
        assert 45 <= bar.value <= 55 and bar.value % 5 == 0
        await pilot.pause()
        assert f"You rated it {bar.value} at first." in text(form(app).belief_was)


async def test_feelings_editor_adds_changes_and_removes(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        f = form(app)
        editor = f.feelings_before
        editor.entry.focus()
        await type_text(pilot, "hurt 70\nHurt 20\n170\n")
        await pilot.pause()
        assert editor.value == [{"name": "hurt", "intensity": 20}]
        assert "0 to 100" in text(editor.error) or "Name the feeling" in text(editor.error)
        assert [row.feeling for row in f.feelings_after.rows] == ["hurt"]
        editor.rows[0].rating.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert editor.value == [] and app.focused is editor.entry
        await until(pilot, lambda: tui_journal.thoughts.count() == 1)


async def test_a_feeling_without_a_number_is_asked_for_never_guessed(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = form(app).feelings_before
        editor.entry.focus()
        await type_text(pilot, "jealous\n")
        await until(pilot, lambda: "How strong is jealous, from 0 to 100?" in text(editor.error))
        assert editor.value == [] and editor.entry.value == "jealous"  # the word stays
        await type_text(pilot, " 40\n")
        await until(pilot, lambda: editor.value == [{"name": "jealous", "intensity": 40}])
        assert not editor.error.has_class("-shown") and editor.entry.value == ""
        await type_text(pilot, "Jealous\n")  # a feeling already here: go to its rating
        await until(pilot, lambda: app.focused is editor.rows[0].rating)
        assert editor.value == [{"name": "jealous", "intensity": 40}]


async def test_palette_new_and_resume_and_search(app, tui_journal):
    draft = tui_journal.thoughts.create_draft(story="They're tired of the rain and of me")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for command, check in (
            ("new thought record", lambda f: f.record_id is None
             and app.focused is f.situation),
            ("resume draft thought", lambda f: f.record_id == draft.id),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await paste(pilot, command)  # what the palette finds is the point, not the typing
            await until(pilot, lambda c=command: first_hit(app).lower().startswith(c))
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert check(form(app)), command
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
        # Found by its words, opened in the pane.
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "rain")
        await until(pilot, lambda: "tired of the rain" in screen_text(app))
        assert isinstance(app.screen, CommandPalette)
        assert "Thought record · Wed 12 Mar 2025" in screen_text(app)
        for _ in range(8):  # down to the record among the commands that match too
            if "tired of the rain" in first_hit(app):
                break
            await pilot.press("down")
        assert "tired of the rain" in first_hit(app)
        await pilot.press("enter")
        await until(pilot, lambda: pane(app).query(ThoughtForm)
                    and form(app).record_id == draft.id)


async def test_delete_asks_nothing_and_ctrl_z_brings_it_back(app, tui_journal):
    tui_journal.thoughts.create_draft(story="one")
    tui_journal.thoughts.create_draft(story="two", occurred_at=FROZEN - timedelta(days=1))
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await pilot.press("down", "delete")
        await until(pilot, lambda: p.record_list.item_count == 1)
        assert [r.story for r in tui_journal.thoughts.list()] == ["one"]
        assert any("ctrl+z brings it back" in n for n in compat.notifications(app))
        await pilot.press("ctrl+z")
        await until(pilot, lambda: p.record_list.item_count == 2)
        assert sorted(r.story for r in tui_journal.thoughts.list()) == ["one", "two"]


async def test_text_that_looks_like_markup_shows_as_typed(app, tui_journal):
    hostile = "[red]x[/] [@click=app.quit]q[/] [b]"
    tui_journal.thoughts.create_draft(story=hostile, situation=hostile,
                                      feelings_before=[{"name": hostile, "intensity": 40}])
    async with app.run_test(size=(200, 60)) as pilot:
        p = await open_pane(pilot)
        assert hostile in p.record_list.row_text(0)
        assert hostile in text(p.query_one("#thought-detail"))
        assert hostile in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        f = form(app)
        assert f.story.text == hostile
        assert f.feelings_before.rows[0].feeling == hostile
        assert hostile[:12] in screen_text(app)


async def test_a_narrow_terminal_shows_the_form_in_its_tab(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        await pilot.press("n")
        await until(pilot, lambda: pane(app).editing)
        assert [x.id for x in app.panes() if x.display] == ["thought"]
        f = form(app)
        assert app.focused is f.situation
        await until(pilot, lambda: f.situation.region.height)  # laid out
        region = f.situation.region
        assert region.height >= 2 and region.width >= 60
        assert region.bottom <= 24
        await type_text(pilot, "narrow")
        f.next_step.focus()
        # The form glides down to the last field (a scroll animation): wait until it is there.
        await until(pilot, lambda: f.next_step.region.bottom <= 24 and f.next_step.region.y > 0)
        await pilot.wait_for_scheduled_animations()
        assert f.next_step.region.bottom <= 24 and f.next_step.region.y > 0


async def test_a_long_list_moves_by_keys_and_opens_by_click(app, tui_journal):
    with tui_journal.transaction():
        for n in range(300):
            tui_journal.thoughts.create_draft(story=f"story {n}",
                                              occurred_at=FROZEN - timedelta(hours=n))
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        records = p.record_list
        assert records.item_count == 300 and records.highlighted == 0
        assert "300 records · 300 drafts" in text(p.query_one("#thought-count"))
        await pilot.press("end")
        await pilot.pause()
        assert records.highlighted == 299 and records.scroll_offset.y > 500
        assert "story 299" in text(p.query_one("#thought-detail"))
        assert "story 299" in screen_text(app)
        assert set(records._pages) == {0, 2}  # only the pages shown were read (100 each)
        # Back from a record far down the list, the same record stays highlighted.
        await pilot.press("up", "enter")
        await pilot.pause()
        assert form(app).story.text == "story 298"
        await pilot.press("escape")
        await pilot.pause()
        assert records.highlighted == 298 and p.current_summary().title == "story 298"
        await pilot.press("home", "down", "down", "pagedown")
        await pilot.pause()
        assert records.highlighted > 2 and records.scroll_offset.y >= 0
        await pilot.press("home")
        await pilot.pause()
        await pilot.click(records, offset=(5, 3))  # the second record's second line
        await pilot.pause()
        assert form(app).story.text == "story 1"


async def test_a_record_opens_at_its_top_with_the_focus_on_its_first_field(app, tui_journal):
    from storage.demo import entries as demo_entries
    from storage.demo import thoughts as demo_thoughts

    with tui_journal.transaction():
        demo_entries.fill(tui_journal, FROZEN.date())
        demo_thoughts.fill(tui_journal, FROZEN.date())
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await until(pilot, lambda: app.focused is p.record_list)
        await pilot.press("down", "enter")
        await until(pilot, lambda: p.editing and app.focused is form(app).situation)
        await pilot.wait_for_scheduled_animations()
        fields = form(app).query_one("#thought-fields")
        assert fields.max_scroll_y > 0  # the form is taller than the pane
        assert fields.scroll_y == 0  # yet it opens at its title, not scrolled to the field
