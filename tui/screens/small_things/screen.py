"""The Small things screen (f10): a tab for each everyday practice (:data:`TABS`)."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from content import knowledge
from tui.compat import QuietFooter
from tui.reach import Reach
from tui.screens.small_things import TABS, TabSpec
from tui.screens.small_things.tab import SmallTab


class SmallThingsScreen(Reach, Screen):
    """The tabs of Small things; escape goes back to the main screen."""

    HELP_PARTS = tuple((tab.title, tab.path) for tab in TABS)
    """Each tab's keys, for the help (tui.screens.help)."""

    CSS_PATH = "small_things.tcss"

    BINDINGS = [
        Binding("escape", "leave", "Back", id="small.back", tooltip="Back to the main screen."),
        Binding("ctrl+pagedown", "next_tab", "Next tab", id="small.next_tab",
                tooltip="Show the next tab of Small things."),
        Binding("ctrl+pageup", "previous_tab", "Previous tab", id="small.previous_tab",
                tooltip="Show the previous tab of Small things."),
    ]

    def __init__(self, tab: str | None = None) -> None:
        super().__init__()
        self.first_tab = tab or TABS[0].id
        self._waiting: list[tuple[str, Callable[[SmallTab], object]]] = []
        """What was asked of a tab before the tabs were there (the screen just pushed)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(knowledge().small_things.intro), id="small-intro")
        with TabbedContent(initial=self.first_tab, id="small-tabs"):
            for spec in TABS:
                with TabPane(spec.title, id=spec.id):
                    yield spec.load()(id=f"{spec.id}-tab")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = knowledge().small_things.name
        self.call_after_refresh(self.tab(self.first_tab).focus_first)
        waiting, self._waiting = self._waiting, []
        for tab_id, then in waiting:
            self.call_after_refresh(self._run, tab_id, then)

    def tab(self, tab_id: str) -> SmallTab:
        return self.query_one(f"#{tab_id}-tab", SmallTab)

    def show_tab(self, tab_id: str) -> SmallTab:
        """Bring a tab to the front and focus it."""
        self.query_one(TabbedContent).active = tab_id
        self.call_after_refresh(self._focus_active)
        return self.tab(tab_id)

    def _focus_active(self) -> None:
        """Focus the tab in front now (keys pressed in a row may have moved on since)."""
        self.tab(self.query_one(TabbedContent).active).focus_first()

    def _step(self, by: int) -> None:
        ids = [spec.id for spec in TABS]
        current = self.query_one(TabbedContent).active
        self.show_tab(ids[(ids.index(current) + by) % len(ids)])

    def action_next_tab(self) -> None:
        self._step(1)

    def action_previous_tab(self) -> None:
        self._step(-1)

    def action_leave(self) -> None:
        self.dismiss()

    def when_shown(self, tab_id: str, then: str | Callable[[SmallTab], object] | None) -> None:
        """Bring ``tab_id`` to the front, then call ``then`` on it: the name of one of its
        methods (a palette command), or a function of the tab; now, or once the tabs are
        there when the screen was only just opened."""
        if isinstance(then, str):
            then = getattr(tab_class(tab_id), then)
        run = then or (lambda tab: None)
        if not self.is_mounted:
            self.first_tab = tab_id
            self._waiting.append((tab_id, run))
            return
        self._run(tab_id, run)

    def _run(self, tab_id: str, then: Callable[[SmallTab], object]) -> None:
        then(self.show_tab(tab_id))

    def open_record(self, spec: TabSpec, kind: str, record_id: int) -> None:
        """Show one record on the tab that holds its kind."""
        self.when_shown(spec.id, lambda tab: tab.open_record(kind, record_id))


def tab_class(tab_id: str) -> type[SmallTab]:
    """The class of the tab called ``tab_id``."""
    return next(spec for spec in TABS if spec.id == tab_id).load()
