"""Small things (f10): the everyday practices a person keeps, one tab each, and :data:`TABS`,
the one list of them.

The screen's tabs, its keys, the palette's commands, the help and opening a found record
(``closer_app.open_record``) are all built from :data:`TABS`. Adding a tab is a module here
with a :class:`tui.screens.small_things.tab.SmallTab` subclass, and one line below.

>>> [tab.id for tab in TABS]
['love', 'offers', 'phrases', 'tally']

Reading this list imports no tab: each is imported when the screen is built.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tui.screens.small_things.tab import SmallTab


class TabSpec(NamedTuple):
    """One tab of Small things."""

    id: str
    """The tab's id, and the name ``open_small_things`` takes."""
    title: str
    """The tab's label (and the palette's "Small things: <title>")."""
    help: str
    """What the tab is for, in a sentence (the palette's help line)."""
    kinds: tuple[str, ...]
    """The kinds of record (storage.kinds keys) the tab shows and opens."""
    path: str
    """``module:Class`` of the tab's :class:`~tui.screens.small_things.tab.SmallTab`."""
    commands: tuple[tuple[str, str, str], ...] = ()
    """The tab's own palette commands, offered from anywhere: (name, help line, the name of
    the tab's method that does it, run once Small things shows the tab)."""

    def load(self) -> type[SmallTab]:
        module, _, name = self.path.partition(":")
        return getattr(import_module(module), name)


TABS: tuple[TabSpec, ...] = (
    TabSpec("love", "Love list", "What says \"I love you\" to them, and the days you did it",
            ("love", "love_done"), "tui.screens.small_things.love:LoveTab", (
                ("Did something from my love list today",
                 "Find it on your love list and mark it done", "from_palette_did"),
                ("Add to my love list", "Something that says \u201cI love you\u201d to them",
                 "action_add"),
            )),
    TabSpec("offers", "Offers", "Small, specific offers with a choice in them",
            ("offer",), "tui.screens.small_things.offers:OffersTab", (
                ("Make a low-effort offer",
                 "Something small and specific, with an easy other choice", "action_new"),
            )),
    TabSpec("phrases", "Phrases", "Gentle words to borrow, and curious ways to ask",
            ("phrase",), "tui.screens.small_things.phrases:PhrasesTab", (
                ("Find a curious way to say it",
                 "What you're about to say, beside curious ways to ask", "action_rewrite"),
                ("Add a phrase of your own", "Words you'd like to have ready", "action_add"),
            )),
    TabSpec("tally", "My tally", "A private count of your own kindnesses and slights",
            ("tally",), "tui.screens.small_things.tally:TallyTab", (
                ("Take back my last tally mark", "The last mark of today goes to the trash",
                 "action_undo_last"),
            )),
)
"""The tabs, left to right."""


def tab_for(kind: str) -> TabSpec | None:
    """The tab that shows records of ``kind``, if any."""
    for tab in TABS:
        if kind in tab.kinds:
            return tab
    return None
