"""The help (f1): generated from the live bindings, grouped by screen and pane, in the key
names the footer uses, listing every screen's and dialog's keys and none of Textual's
generic ones, wrapped without orphans at every size."""

from __future__ import annotations

import pytest

from pilot_tools import until
from tui.screens.help import SCREENS, HelpScreen, load, wrap


async def open_help(app, pilot) -> HelpScreen:
    await pilot.press("f1")
    await until(pilot, lambda: isinstance(app.screen, HelpScreen))
    await pilot.pause()
    return app.screen


def shown(screen: HelpScreen) -> str:
    return str(screen.query_one("#help-text").render())


async def test_help_lists_the_keys_of_every_screen_and_dialog_by_name(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(app, pilot)
        groups = dict(screen.groups())
        text = shown(screen)
    write = dict(groups["Write (f6)"])
    assert {"ctrl+r", "ctrl+o", "ctrl+n", "esc"} <= set(write)
    look_back = dict(groups["Look back (f5)"])
    assert {"f", "c", "n", "y", "b", "esc"} <= set(look_back)
    assert "/" in dict(groups["Journal (f7)"])
    assert {"enter or r", "delete", "E"} <= set(dict(groups["Trash (f8)"]))
    for title in ("Look back · Filter the weeks (f)", "Look back · A year at a glance (y)",
                  "Look back · A brief for a therapist (b)", "Trash · Deleting for good",
                  "The loop · A turn of the loop (l)", "Rituals · Marking a ritual (d, s, m)",
                  "Thought record · Writing a record (n)"):
        assert groups.get(title), title
    assert dict(groups["Rituals"])["["].startswith("Month before")
    # Human names, and none of Textual's generic keys.
    for raw in ("left_square_bracket", "ctrl+pageup", "pageup", "Focus Next",
                "Copy selected text", "select all", "^"):
        assert raw not in text, raw


async def test_help_opens_anywhere_with_the_keys_of_where_it_was_opened_first(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")  # the Rituals pane in front
        await until(pilot, lambda: app.screen.focused is not None
                    and "Rituals" in str(app.screen.current_pane().border_title))
        titles = [title for title, _ in (await open_help(app, pilot)).groups()]
        assert titles[0] == "Rituals" and titles[1].startswith("Rituals · ")
        assert "Everywhere" in titles and "Small things (f10)" in titles
        await pilot.press("escape")
        await pilot.press("f10")
        await until(pilot, lambda: type(app.screen).__name__ == "SmallThingsScreen")
        titles = [title for title, _ in (await open_help(app, pilot)).groups()]
        assert titles[0] == "Small things (f10)"
        assert titles.index("Everywhere") > titles.index("Small things · Love list")
        assert "Small things" in " ".join(shown(app.screen).splitlines()[:12])
        await pilot.press("escape")
        await pilot.press("a")  # from a dialog over it: still where it was opened from
        await until(pilot, lambda: type(app.screen).__name__ == "LoveForm")
        titles = [title for title, _ in (await open_help(app, pilot)).groups()]
        assert titles[0] == "Small things (f10)"
        await pilot.press("f1")  # f1 again closes it, back to the dialog
        await until(pilot, lambda: type(app.screen).__name__ == "LoveForm")


async def test_help_never_gives_one_key_two_meanings_in_a_group(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "n")  # the thought form open: its keys are live too
        await pilot.pause()
        screen = await open_help(app, pilot)
        for title, rows in screen.groups():
            keys = [key for key_names, _ in rows for key in key_names.split(" or ")]
            assert len(keys) == len(set(keys)), (title, sorted(keys))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_help_fits_its_box_with_no_word_alone_on_a_line(app, size):
    async with app.run_test(size=size) as pilot:
        screen = await open_help(app, pilot)
        body = screen.query_one("#help-body")
        await until(pilot, lambda: body.scrollable_content_region.width > 0)
        await pilot.pause()
        width = body.scrollable_content_region.width
        lines = shown(screen).splitlines()
        assert max(len(line) for line in lines) < width
        for before, line in zip(lines, lines[1:]):
            if line.startswith(" ") and before.startswith(" ") and line.strip():
                # a wrapped line of what a key does: never a single word left over
                assert len(line.split()) > 1 or len(before.split()) < 3, (before, line)


def test_wrap_moves_a_word_down_instead_of_leaving_one_alone():
    text = "Give the pane you are in the whole screen; press again to restore."
    lines = wrap(text, 62)
    assert len(lines) == 2 and len(lines[-1].split()) > 1
    assert wrap("short", 62) == ["short"]


def test_every_full_screen_is_in_the_help():
    from tui.app import CloserApp

    views = {b.action for b in CloserApp.BINDINGS if b.key in ("f5", "f6", "f7", "f8", "f10")}
    assert len(SCREENS) == len(views) == 5
    assert all(load(path).BINDINGS for _, path in SCREENS)
