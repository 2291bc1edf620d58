"""The loop pane as a person uses it: mapping the loop with the diagram following along,
logging and changing moments by keyboard and seeing the count on the cycle change, drafts,
bad input, search, the palette, map versions and the calm-down timer. And the diagram's
layout itself, at every width, without an app."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList, Sparkline

from pilot_tools import Clock, first_hit, until
from storage import dates, rows
from storage.demo import loop as demo_loop
from storage.models import LoopEventIn
from tui.panes.loop.calm import CalmTimer, calm_state
from tui.panes.loop.diagram import NODES, TITLES, LoopDiagram, diagram_lines, wrap
from tui.panes.loop.map_editor import MapEditor, MapVersions
from tui.panes.loop.moment import MomentForm, draft_key
from tui.panes.loop.pane import PAGE, LoopPane

ZONE = ZoneInfo("Europe/Berlin")
TODAY = date(2025, 3, 12)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return Clock.frozen(monkeypatch, datetime(2025, 3, 12, 20, 15, tzinfo=ZONE))


@pytest.fixture
def demo(tui_journal):
    with tui_journal.transaction():
        demo_loop.fill(tui_journal, TODAY)
    return tui_journal


def pane(app) -> LoopPane:
    return app.screen.query_one(LoopPane)


def text_of(widget) -> str:
    return str(widget.render())


def diagram_text(app) -> str:
    return text_of(app.screen.query_one("#loop-diagram", LoopDiagram))


async def open_pane(pilot) -> LoopPane:
    await pilot.press("f2")
    await pilot.pause()
    return pane(pilot.app)


async def type_into(pilot, text: str) -> None:
    pilot.app.focused.value = ""
    await pilot.press(*text)


# ------------------------------------------------------------------ what it shows


async def test_an_empty_journal_invites_a_map_and_a_first_moment(app):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert p.border_title == "The loop"
        assert isinstance(app.focused, LoopDiagram)
        assert "isn't mapped yet" in text_of(p.query_one("#loop-pattern"))
        drawn = diagram_text(app)
        for node in NODES:
            assert TITLES[node] in drawn
        assert "(what I do)" in drawn and "No turns in 4 weeks" in drawn
        assert "No moments logged yet" in str(p.moments.get_option_at_index(0).prompt)
        assert p.current_event() is None


async def test_the_demo_shows_my_words_the_count_exits_and_the_weeks(app, demo):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        drawn = diagram_text(app)
        assert "I ask again, louder" in drawn and "Goes quiet, picks up the" in drawn
        assert "6 turns in 4 weeks" in drawn
        numbers = text_of(p.query_one("#loop-numbers"))
        assert "Most common exits: Distractions ×2" in numbers
        assert "Rarer and milder than the 4 weeks before" in numbers
        stats = demo.loop.stats(today=TODAY)
        assert p.query_one("#loop-spark-count", Sparkline).data == stats.counts
        assert p.query_one("#loop-spark-intensity", Sparkline).data == stats.intensities
        assert "Loop moments · 15" in text_of(p.query_one("#loop-moments-title"))
        first = str(p.moments.get_option_at_index(0).prompt)
        assert "Sun 09 Mar" in first and "2/10" in first and "repair" in first
        detail = text_of(p.query_one("#loop-detail"))
        assert "They snapped about the dishes" in detail and "My partner did" in detail

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        wide = diagram_text(app).splitlines()
        assert "─────▶" in wide[1] and "◀─────" in "\n".join(wide)
        assert "6 times in the last 4 weeks" in "\n".join(wide)
        assert max(len(line) for line in wide) <= p.diagram.content_size.width


async def test_user_text_is_never_read_as_markup(app, tui_journal):
    tui_journal.loop.save_map({"me": {"move": "[red]x[/] [b]Qz[/b]"}})
    tui_journal.loop.log(trigger="[@click=app.quit]Qz5[/]", my_move="[bold]Qz9")
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert "[red]x[/] [b]Qz[/b]" in diagram_text(app)
        assert "[bold]Qz9" in str(p.moments.get_option_at_index(0).prompt)
        assert "[@click=app.quit]Qz5[/]" in text_of(p.query_one("#loop-detail"))


# ------------------------------------------------------------------ the map


async def test_edit_the_map_by_keyboard_with_the_diagram_following(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, MapEditor)
        preview = editor.query_one(LoopDiagram)
        assert app.focused.id == "map-me-move"
        assert preview.editing == ("me", "move")
        assert "▸ My move" in text_of(preview)
        app.focused.value = "I ask "
        await pilot.press(*"again")
        await pilot.pause()
        assert "I ask again" in text_of(preview)  # the diagram follows the typing

        for _ in range(4):  # tells_self, surface, underneath
            await pilot.press("tab")
        assert app.focused.id == "map-me-longing"
        assert preview.editing == ("me", "longing")
        assert "▸ Inside me" in text_of(preview) and "▸ My move" not in text_of(preview)
        await pilot.press("ctrl+n")  # an example to start from
        assert app.focused.value  # something to pick from or overwrite
        app.focused.value = "to matter"
        hint = text_of(editor.query_one("#map-hint"))
        assert "Longing" in hint and "For example" in hint

        await pilot.press("tab", "tab")  # past the partner's trigger, to their move
        assert app.focused.id == "map-them-move"
        app.focused.value = "goes quiet"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not isinstance(app.screen, MapEditor)
        saved = tui_journal.loop.current_map()
        assert (saved.me.move, saved.me.longing, saved.them.move) == (
            "I ask again", "to matter", "goes quiet")
        assert tui_journal.load_draft("loop_map:edit") is None
        drawn = diagram_text(app)
        assert "I ask again" in drawn and "goes quiet" in drawn
        assert "Pursue and withdraw" in text_of(p.query_one("#loop-pattern"))

        # A second save is a second version; the first stays.
        await pilot.press("e")
        await pilot.pause()
        assert app.focused.value == "I ask again"
        await pilot.press(*", louder", "enter")
        await pilot.pause()
        assert [m.me.move for m in tui_journal.loop.map_versions()] == [
            "I ask again, louder", "I ask again"]


async def test_the_map_draft_survives_leaving_and_escape_changes_nothing(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.focused.value = "half a "
        await pilot.press(*"thought")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MapEditor)
        assert tui_journal.loop.current_map() is None
        assert tui_journal.load_draft("loop_map:edit")["me"]["move"] == "half a thought"
        await pilot.press("e")
        await pilot.pause()
        assert app.focused.value == "half a thought"
        assert "is back" in text_of(app.screen.query_one("#map-message"))


async def test_versions_show_how_the_map_changed_and_one_can_be_taken_up(app, demo):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MapVersions)
        options = screen.query_one(OptionList)
        assert options.option_count == 2
        assert "version 2" in str(options.get_option_at_index(0).prompt)
        drawn = text_of(screen.query_one(LoopDiagram))
        assert "I ask again, louder" in drawn
        await pilot.press("down")
        await pilot.pause()
        drawn = text_of(screen.query_one(LoopDiagram))
        assert "I ask again and again" in drawn and "(what they tell themselves)" in drawn
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not isinstance(app.screen, MapVersions)
        versions = demo.loop.map_versions()
        assert len(versions) == 3 and versions[0].me.move == "I ask again and again what's wrong"
        assert "I ask again and again" in diagram_text(app)


# ------------------------------------------------------------------ moments


async def test_log_a_moment_by_keyboard_and_see_the_count_change(app, tui_journal):
    tui_journal.loop.save_map({"me": {"move": "I chase"}, "them": {"move": "they retreat"}})
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert "No turns in 4 weeks" in diagram_text(app)
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MomentForm)
        assert app.focused.id == "moment-when" and app.focused.value == "now"
        await pilot.press("tab")  # who moved first
        # From "Not sure" (the default) back two to "My partner did"; enter picks it.
        await pilot.press("left", "left", "enter")
        await pilot.press("tab")
        app.focused.value = "late "
        await pilot.press(*"reply", "tab")
        app.focused.value = "texted twice"
        await pilot.press("tab")
        app.focused.value = "went quiet"
        await pilot.press("tab")
        await pilot.press("space", "down", "down", "down", "space")  # two exits
        await pilot.press("tab")  # the likely reasons: none ticked
        assert app.focused.id == "moment-reasons-list"
        await pilot.press("tab")
        await type_into(pilot, "7")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not isinstance(app.screen, MomentForm)
        [event] = tui_journal.loop.list_events()
        assert (event.first_mover, event.trigger, event.my_move, event.their_move) == (
            "them", "late reply", "texted twice", "went quiet")
        assert event.exits == ("distractions", "overworking")
        assert event.intensity == 7 and event.occurred_at == dates.now()
        assert tui_journal.load_draft(draft_key(None)) is None
        assert "Once in the last 4 weeks" in diagram_text(app)
        assert "Loop moments · 1" in text_of(p.query_one("#loop-moments-title"))
        assert "texted twice" in str(p.moments.get_option_at_index(0).prompt)

        # A second one, yesterday: the count on the cycle moves on.
        await pilot.press("l")
        await pilot.pause()
        await type_into(pilot, "2025-03-11 21:30")
        app.screen.query_one("#moment-trigger", Input).value = "a sigh"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Twice in the last 4 weeks" in diagram_text(app)
        older = tui_journal.loop.list_events()[1]
        assert older.occurred_at == datetime(2025, 3, 11, 21, 30).astimezone()  # local time


@pytest.mark.parametrize(("field", "value", "message"), [
    ("#moment-intensity", "11", "outside 0 to 10"),
    ("#moment-intensity", "", "number from 0 to 10"),
    ("#moment-when", "the 30th of February", "unknown date"),
    ("#moment-trigger", "   ", "at least a few words"),
])
async def test_bad_input_says_so_inline_and_stores_nothing(app, tui_journal, field, value,
                                                           message):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        if field != "#moment-trigger":
            form.query_one("#moment-trigger", Input).value = "a sigh"
        form.query_one(field, Input).value = value
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is form
        assert message in text_of(form.query_one("#moment-message"))
        assert form.query_one("#moment-message").has_class("-error")
        assert tui_journal.loop.count() == 0


async def test_the_moment_draft_comes_back_after_leaving(app, tui_journal):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#moment-trigger", Input).focus()
        app.screen.query_one("#moment-trigger", Input).value = "a door "
        await pilot.press(*"closing")
        await pilot.press("escape")
        await pilot.pause()
        assert tui_journal.load_draft(draft_key(None))["trigger"] == "a door closing"
        assert tui_journal.loop.count() == 0
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.query_one("#moment-trigger", Input).value == "a door closing"
        assert "is back" in text_of(app.screen.query_one("#moment-message"))


async def test_change_and_delete_a_moment_from_the_list(app, demo):
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        await pilot.press("tab")
        assert app.focused is p.moments
        await pilot.press("down")
        await pilot.pause()
        event = p.current_event()
        assert event.trigger == "An evening of silence, both tired"
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MomentForm)
        assert form.query_one("#moment-trigger", Input).value == event.trigger
        assert form.query_one("#moment-when", Input).value == "2025-03-04 22:20"
        form.query_one("#moment-intensity", Input).value = "1"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert demo.loop.get_event(event.id).intensity == 1
        assert p.current_event().id == event.id  # still the one highlighted

        await pilot.press("enter")
        await pilot.pause()
        delete = app.screen.query_one("#moment-delete")
        assert delete.display
        delete.focus()
        await pilot.press("enter")  # no question: it can be undone
        await until(pilot, lambda: not isinstance(app.screen, MomentForm))
        assert demo.loop.count() == 14
        await until(pilot, lambda: "Loop moments · 14" in text_of(
            p.query_one("#loop-moments-title")))
        await pilot.press("ctrl+z")  # the toast's undo
        await until(pilot, lambda: "Loop moments · 15" in text_of(
            p.query_one("#loop-moments-title")))
        assert demo.loop.get_event(event.id).intensity == 1
        # Or straight from the list, as in the other lists: delete, asking nothing.
        p.moments.focus()
        await until(pilot, lambda: app.focused is p.moments and p.current_event() is not None)
        gone = p.current_event().id
        await pilot.press("delete")
        await until(pilot, lambda: demo.loop.count() == 14)
        assert gone not in [e.id for e in demo.loop.list_events()]
        await pilot.press("ctrl+z")
        await until(pilot, lambda: demo.loop.count() == 15)


async def test_a_long_log_reads_more_as_the_highlight_reaches_the_end(app, tui_journal):
    with tui_journal.transaction():
        for n in range(PAGE + 20):
            rows.insert(tui_journal, "loop_events", LoopEventIn(
                occurred_at=dates.now() - timedelta(hours=n), note=f"moment {n}"))
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        assert len(p._events) == PAGE
        assert "20 older" in str(p.moments.get_option_at_index(PAGE).prompt)
        p.moments.focus()
        p.moments.highlighted = PAGE - 1
        await pilot.pause()
        assert len(p._events) == PAGE + 20
        assert p.moments.option_count == PAGE + 20
        await pilot.press("end")
        await pilot.pause()
        assert p.current_event().note == f"moment {PAGE + 19}"


# ------------------------------------------------------------------ search and the palette


async def test_palette_commands_and_a_moment_found_by_search(app, demo):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        names = [c.name for c in app.palette_commands()]
        for name in ("Log a loop moment", "Edit my loop map",
                     "Start a 15-minute calm-down timer"):
            assert name in names
        await pilot.press("f3")
        await pilot.pause()
        [hit] = [h for h in demo.search("dishes") if h.kind == "loop_event"]
        assert app.open_record("loop_event", hit.id)
        await pilot.pause()
        p = pane(app)
        assert app.focused is p.moments
        assert p.current_event().id == hit.id
        assert "They snapped about the dishes" in text_of(p.query_one("#loop-detail"))

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"log a loop moment")
        await until(pilot, lambda: first_hit(app).startswith("Log a loop moment"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MomentForm)


async def test_a_moment_beyond_the_first_page_opens_from_search(app, tui_journal):
    with tui_journal.transaction():
        for n in range(PAGE + 5):
            rows.insert(tui_journal, "loop_events", LoopEventIn(
                occurred_at=dates.now() - timedelta(days=n), note=f"walked out {n}"))
    oldest = tui_journal.loop.list_events(newest_first=False, limit=None)[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_record("loop_event", oldest.id)
        await pilot.pause()
        assert pane(app).current_event().id == oldest.id


# ------------------------------------------------------------------ fifteen calm minutes


def test_calm_steps_share_the_minutes():
    assert calm_state(0, 15, 10) == (900, 0, False)
    assert calm_state(89, 15, 10).step == 0 and calm_state(90, 15, 10).step == 1
    assert calm_state(899, 15, 10) == (1, 9, False)
    assert calm_state(900, 15, 10).done and calm_state(-5, 15, 10).remaining == 900


async def test_the_calm_down_timer_survives_switching_panes(app, clock):
    from content import knowledge

    words = knowledge().calm_down
    async with app.run_test(size=(120, 40)) as pilot:
        p = await open_pane(pilot)
        calm = p.query_one(CalmTimer)
        assert not calm.display
        await pilot.press("c")
        await pilot.pause()
        assert calm.display and calm.running
        assert "15:00 left" in str(calm.border_title)
        assert words.steps[0] in text_of(calm.query_one("#calm-step"))

        await pilot.press("f4")  # to the rituals pane, then over to Look back and back
        await pilot.pause()
        clock.now += timedelta(minutes=1)
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen is not p.screen
        clock.now += timedelta(minutes=1)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        calm.tick()
        await pilot.pause()
        assert p.display and calm.running
        assert "13:00 left" in str(calm.border_title)
        assert words.steps[1] in text_of(calm.query_one("#calm-step"))

        await pilot.press("c")  # already running: it says so and carries on
        await pilot.pause()
        assert "13:00 left" in str(calm.border_title)

        clock.now += timedelta(minutes=13)
        calm.tick()
        await pilot.pause()
        assert not calm.running and calm.display
        assert words.closing in text_of(calm.query_one("#calm-step"))
        await pilot.press("x")
        await pilot.pause()
        assert not calm.display


async def test_the_calm_down_timer_starts_from_the_palette_on_any_pane(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        [start] = [c for c in app.palette_commands()
                   if c.name == "Start a 15-minute calm-down timer"]
        start.callback()
        await pilot.pause()
        p = pane(app)
        assert p.calm.running and app.screen.active == "loop"


# ------------------------------------------------------------------ the diagram's layout


SIDES = {
    "me": {"trigger": "a late reply", "move": "I ask again, louder",
           "tells_self": "They don't care.", "surface": "angry", "underneath": "scared",
           "longing": "to matter"},
    "them": {"trigger": "questions at the door", "move": "goes quiet, picks up the phone",
             "tells_self": "I can't get it right.", "surface": "numb",
             "underneath": "ashamed", "longing": "room to breathe"},
}
HOSTILE = {
    "me": {"move": "x" * 5000, "tells_self": "[red]x[/] " + "支" * 300,
           "surface": "👩🏽‍❤️‍💋‍👨🏿 " * 40, "trigger": "\u202eevil\u202c " + "a " * 2000},
    "them": {"move": "Supercalifragilisticexpialidocious" * 30, "underneath": "\n\n\t"},
}


def widths(layout) -> set[int]:
    from rich.cells import cell_len

    return {sum(cell_len(t) for t, _ in line) for line in layout.lines}


@pytest.mark.parametrize("width", [12, 23, 24, 30, 36, 40, 52, 63, 64, 78, 100, 140])
@pytest.mark.parametrize("sides", [SIDES, HOSTILE, None], ids=["words", "hostile", "empty"])
def test_the_diagram_fits_every_width_and_keeps_every_box(width, sides):
    layout = diagram_lines(sides, width, count="6 times in the last 4 weeks",
                           short_count="6 turns in 4 weeks")
    assert max(widths(layout)) <= width
    text = layout.text()
    for node in NODES:
        assert TITLES[node] in text
        top, bottom = layout.boxes[node]
        assert 0 <= top < bottom <= len(layout.lines)
    assert ("⟳" if width >= 24 else "↺") in text and "weeks" in text
    assert len(layout.lines) < 60  # a million characters do not make a tall diagram


@pytest.mark.parametrize("width", [36, 78])
def test_the_diagram_is_a_closed_cycle_in_order(width):
    layout = diagram_lines(SIDES, width, count="Twice in the last 4 weeks")
    text = layout.text()
    at = {node: text.index(TITLES[node]) for node in NODES}
    if width < 64:  # a column: the boxes in cycle order, the way back up the side
        assert at["my_move"] < at["inside_them"] < at["their_move"] < at["inside_me"]
        assert "◀╮" in layout.lines[1][-1][0] and "─╯" in text
    else:  # a square, clockwise
        first = text.splitlines()[1]
        assert "─────▶" in first and "◀─────" in text and "▲" in text and "▼" in text
    assert "“They don't care.”" in text and "I ask again, louder" in text


def test_long_words_wrap_or_end_in_an_ellipsis_never_past_the_box():
    assert wrap("Supercalifragilistic", 8, 3) == ["Supercal", "ifragili", "stic"]
    assert wrap("Supercalifragilistic", 8, 2) == ["Supercal", "ifragil…"]
    assert wrap("支" * 10, 5, 2) == ["支支", "支支…"]  # two cells each
    assert wrap("  many   spaces \n and lines ", 40, 2) == ["many spaces and lines"]
    layout = diagram_lines(HOSTILE, 36)
    assert "xxxxxxxxxx" in layout.text() and "…" in layout.text()
    assert "\u202e" not in layout.text()


def test_the_box_being_edited_is_highlighted_and_shows_its_field():
    layout = diagram_lines(SIDES, 36, editing=("them", "longing"))
    text = layout.text()
    assert "▸ Inside them" in text and "▸ My move" not in text
    assert "longs for: room to breathe" in text
    top, bottom = layout.boxes["inside_them"]
    roles = {role for line in layout.lines[top:bottom] for _, role in line}
    assert "border-hl" in roles
    empty = diagram_lines(None, 36, editing=("me", "surface"))
    assert "shows: …" in empty.text()


async def test_saving_a_moment_says_what_was_kept(app, tui_journal):
    from tui import compat

    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, MomentForm))
        form = app.screen
        form.query_one("#moment-trigger", Input).value = "  late   reply  "
        form.query_one("#moment-intensity", Input).value = "7"
        await pilot.press("ctrl+r")
        await until(pilot, lambda: not isinstance(app.screen, MomentForm))
        [event] = tui_journal.loop.list_events()
        shown = f"{dates.local(event.occurred_at):%H:%M}"  # the machine's zone
        await until(pilot, lambda: f"Wed 12 Mar, {shown}: strength 7 of 10, unresolved."
                    " \u201clate reply\u201d" in compat.notifications(app))
        assert event.intensity == 7 and event.trigger == "  late   reply  "
