"""The Journal view and the Trash, as a person uses them: entries listed newest first,
filtered as typed, opened, starred and deleted; the toast's undo; restoring from the Trash,
and deleting for good, which alone asks first. On a journal of ten years of entries too."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Button, Input, OptionList, Static

from pilot_tools import paste, type_text, until
from storage import Journal
from storage.portable import import_json
from tui import compat
from tui.app import create_app
from tui.screens.journal import EntryList, JournalScreen
from tui.screens.trash import ConfirmForGood, TrashScreen
from tui.screens.write import WriteScreen

TEN_YEARS = 20_000


def count_line(app) -> str:
    return str(app.screen.query_one("#journal-count", Static).render())


def listed(app) -> list[str]:
    records = app.screen.query_one(EntryList)
    return [records.row_text(i) for i in range(records.total)]


def notes(app) -> list[str]:
    return compat.notifications(app)


async def open_journal(app, pilot) -> None:
    await pilot.press("f7")
    await until(pilot, lambda: isinstance(app.screen, JournalScreen))


@pytest.fixture
def filled(tui_journal):
    for n, (text, tags) in enumerate([("a walk by the canal", ["walk"]),
                                      ("a quiet dinner", ["us"]),
                                      ("work again, tired", ["work"])]):
        tui_journal.entries.add(text, tags=tags,
                                occurred_at=datetime(2026, 11, 20 + n, 21, 0).astimezone())
    return tui_journal


async def test_entries_newest_first_filtered_as_typed(app, filled):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        assert "3 entries" in count_line(app)
        rows = listed(app)
        assert "work again" in rows[0] and "canal" in rows[2]
        await pilot.press("slash")
        await type_text(pilot, "#walk")
        await until(pilot, lambda: "1 of 3 entries" in count_line(app))
        assert "canal" in listed(app)[0]
        reader = app.screen.query_one("#journal-meta", Static)
        # the reader follows the list once it is drawn (under load, a frame later)
        await until(pilot, lambda: "Friday 20 November 2026" in str(reader.render()))
        app.screen.query_one("#journal-filter", Input).value = "from:nonsense-day"
        await until(pilot, lambda: "unknown date" in count_line(app).lower()
                    or "nonsense" in count_line(app))
        assert "canal" in listed(app)[0]  # a filter that does not read leaves the list be


async def test_the_highlighted_row_is_seen_focused_or_not(app, filled):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        entries = app.screen.query_one(EntryList)
        entries.focus()
        await until(pilot, lambda: entries.has_focus and entries.highlighted == 0)
        await pilot.press("down")
        await until(pilot, lambda: entries.highlighted == 1)

        def backgrounds(row: int) -> set:
            y = entries.content_region.y + row * entries.ROW_HEIGHT  # its first line
            line = compat.screen_strips(app.screen)[y]
            x0, x1 = entries.content_region.x, entries.content_region.right
            at, found = 0, set()
            for segment in line:
                if x0 <= at < x1 and segment.text.strip():
                    found.add(segment.style.bgcolor if segment.style else None)
                at += len(segment.text)
            return found

        for focused in (True, False):
            await until(pilot, lambda: backgrounds(1).isdisjoint(backgrounds(0) |
                                                                  backgrounds(2)))
            if focused:
                app.screen.query_one("#journal-filter", Input).focus()
                await until(pilot, lambda: not entries.has_focus)


async def test_open_star_and_back(app, filled):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("s")
        await until(pilot, lambda: "★" in listed(app)[0])
        assert filled.entries.list(starred=True)[0].body == "work again, tired"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, WriteScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, JournalScreen))


async def test_delete_asks_nothing_and_the_toast_undoes_it(app, filled):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_journal(app, pilot)
        await pilot.press("delete")
        await until(pilot, lambda: "2 entries" in count_line(app))
        assert not isinstance(app.screen, ConfirmForGood)
        assert any("ctrl+z brings it back" in n for n in notes(app))
        assert filled.entries.count() == 2 and filled.trash.count() == 1
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "3 entries" in count_line(app))
        assert filled.trash.count() == 0
        assert "work again" in listed(app)[0]


async def test_restore_from_the_trash_and_delete_for_good_asks(app, filled):
    first, second = filled.entries.list()[:2]
    filled.trash.delete("entry", first.id)
    filled.trash.delete("entry", second.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, TrashScreen))
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        assert "quiet dinner" in str(options.get_option_at_index(0).prompt)  # newest first
        await pilot.press("enter")
        await until(pilot, lambda: options.option_count == 1)
        assert filled.entries.get(second.id).body == "a quiet dinner"
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmForGood))
        await pilot.press("escape")  # keep it
        await until(pilot, lambda: isinstance(app.screen, TrashScreen))
        assert filled.trash.count() == 1
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmForGood))
        app.screen.query_one("#confirm-delete", Button).press()
        await until(pilot, lambda: isinstance(app.screen, TrashScreen)
                    and filled.trash.count() == 0)
        assert "empty" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)


async def test_an_empty_trash_offers_nothing_to_restore_or_empty(app, filled):
    from pilot_tools import screen_text

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, TrashScreen)
                    and "The trash is empty." in screen_text(app))
        await until(pilot, lambda: "Back" in screen_text(app).splitlines()[-1])
        last = screen_text(app).splitlines()[-1]
        assert "Restore" not in last and "Empty trash" not in last
        filled.trash.delete("entry", filled.entries.list()[0].id)
        app.records_changed()  # as after a delete elsewhere
        await until(pilot, lambda: "Empty trash" in screen_text(app).splitlines()[-1])


async def test_what_was_deleted_over_thirty_days_ago_is_gone_at_the_next_start(tmp_path,
                                                                              monkeypatch):
    from storage import dates

    path = tmp_path / "journal" / "journal.db"
    frozen = dates.now()
    with Journal.open(path) as journal:
        old = journal.entries.add("from long ago")
        young = journal.entries.add("from last week")
        monkeypatch.setattr(dates, "now", lambda: frozen - timedelta(days=31))
        journal.trash.delete("entry", old.id)
        monkeypatch.setattr(dates, "now", lambda: frozen - timedelta(days=6))
        journal.trash.delete("entry", young.id)
    monkeypatch.setattr(dates, "now", lambda: frozen)
    journal = Journal.open(path)
    app = create_app(journal)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f8")
            await until(pilot, lambda: isinstance(app.screen, TrashScreen))
            options = app.screen.query_one(OptionList)
            assert options.option_count == 1
            assert "from last week" in str(options.get_option_at_index(0).prompt)
    finally:
        journal.close()


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory):
    """A journal of 20,000 entries (one every four and a half hours for ten years), made once
    and copied for each test."""
    path = tmp_path_factory.mktemp("ten-years") / "journal.db"
    start = datetime(2016, 12, 1, 20, 0, tzinfo=timezone.utc)
    entries = [{"occurred_at": (start + timedelta(minutes=263 * i)).isoformat(),
                "body": f"evening {i}: we talked a little #day{i % 7}", "mood": i % 5 - 2}
               for i in range(TEN_YEARS)]
    with Journal.open(path) as journal:
        import_json(journal, {"format": "closer", "format_version": 1, "entries": entries})
    return path


async def test_ten_years_list_filter_open_edit_and_delete(ten_years, tmp_path):
    path = tmp_path / "j" / "journal.db"
    path.parent.mkdir()
    shutil.copy(ten_years, path)
    journal = Journal.open(path)
    app = create_app(journal)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await open_journal(app, pilot)
            assert f"{TEN_YEARS:,} entries" in count_line(app)
            assert f"evening {TEN_YEARS - 1}:" in listed_first(app)
            await pilot.press("end")  # the oldest, ten years down: read with its own page
            await until(pilot, lambda: "evening 0:" in reader_text(app))
            await pilot.press("slash")
            # (pasted: typed, a count for a filter half typed could be read as the last)
            await paste(pilot, "#day3 evening 17")
            await until(pilot, lambda: "of 20,000 entries" in count_line(app))
            hits = int(count_line(app).split()[0].replace(",", ""))
            assert 0 < hits < TEN_YEARS
            await pilot.press("enter")  # leave the filter for the list
            await pilot.press("enter")  # open the highlighted entry
            await until(pilot, lambda: isinstance(app.screen, WriteScreen))
            await pilot.press("end")
            await type_text(pilot, " and then tea")
            await pilot.press("ctrl+r")
            await until(pilot, lambda: isinstance(app.screen, JournalScreen))
            await until(pilot, lambda: "and then tea" in reader_text(app))
            await pilot.press("delete")
            await until(pilot, lambda: f"{hits - 1} of" in count_line(app))
            assert journal.entries.count() == TEN_YEARS - 1
    finally:
        journal.close()


def listed_first(app) -> str:
    return app.screen.query_one(EntryList).row_text(0)


def reader_text(app) -> str:
    from textual.widgets import Markdown

    markdown = app.screen.query_one("#journal-text", Markdown)
    return markdown.source


async def test_every_kind_deletes_without_a_question_and_ctrl_z_brings_it_back(app,
                                                                              tui_journal):
    from datetime import date

    from tui.panes.loop.map_editor import MapVersions
    from tui.panes.rituals.editor import RitualEditor
    from tui.panes.rituals.mark import MarkScreen

    ritual = tui_journal.rituals.add("Walk and talk", "FREQ=DAILY", dtstart=date(2026, 11, 1))
    tui_journal.rituals.mark(ritual.id, date(2026, 11, 2), "done", note="by the river")
    tui_journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": "pursuer",
                               "me": {"move": "I text again"}, "them": {}})
    tui_journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": "pursuer",
                               "me": {"move": "I wait a while"}, "them": {}})

    def counts() -> tuple[int, int, int]:
        return (len(tui_journal.rituals.list()),
                int(tui_journal.rituals.get_mark(ritual.id, date(2026, 11, 2)) is not None),
                len(tui_journal.loop.map_versions()))

    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "MainScreen")
        steps = [
            (lambda: MarkScreen(ritual.id, date(2026, 11, 2)), "#mark-clear", (1, 0, 2)),
            (lambda: RitualEditor(ritual.id), "#editor-delete", (0, 0, 2)),
            (lambda: MapVersions(), None, (1, 0, 1)),
        ]
        for make, button, after in steps:
            before = counts()
            screen = make()
            app.push_screen(screen)
            await until(pilot, lambda screen=screen: app.screen is screen and screen.query(
                button or "#versions-list"))
            if button:
                screen.query_one(button, Button).press()
            else:
                await pilot.press("delete")
            await until(pilot, lambda after=after: counts() == after)
            assert app.screen is not screen  # nothing asked
            assert any("ctrl+z brings it back" in n for n in notes(app))
            await pilot.press("ctrl+z")
            await until(pilot, lambda before=before: counts() == before)
            # Deleted again, for the next step to start from it gone.
            if button == "#mark-clear":
                tui_journal.trash.delete("mark", tui_journal.rituals.get_mark(
                    ritual.id, date(2026, 11, 2)).id)
        assert tui_journal.rituals.get(ritual.id).name == "Walk and talk"
