"""The main screen: the three panes side by side, or as tabs on a narrow terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Tab, Tabs

from tui.panes.loop.pane import LoopPane
from tui.widgets.pane import Pane
from tui.panes.rituals.pane import RitualsPane
from tui.panes.thought.pane import ThoughtPane

if TYPE_CHECKING:
    from textual.widget import Widget

NARROW_BELOW = 100
"""Below this many columns the panes become tabs."""

PANES = (("loop", LoopPane), ("thought", ThoughtPane), ("rituals", RitualsPane))
PANE_KEYS = {"loop": "f2", "thought": "f3", "rituals": "f4"}
"""The key that brings up each pane (the bindings below), shown on its border."""


class QuietFooter(Footer):
    """Textual's Footer, rebuilt once per change of the keys it shows.

    The stock Footer removes and mounts all its keys again on every "bindings changed"
    signal. A screen that opens sends several (resume, auto-focus, after the first
    refresh), so the main screen built its footer two or three times before it was still,
    50-80 ms of a start-up (measured by tests/bench/run.py). Here the signals only ask for
    one rebuild after the next refresh; it looks at the keys then, and rebuilds only if
    the keys it shows have changed (bindings it does not show, such as a focused list's
    arrows, do not count).
    """

    _shown: tuple | None = None
    _asked = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._asked:
            return
        if self.is_attached and screen is self.screen:
            self._asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._asked = False
        if not self.is_attached:
            return
        shown = tuple(
            (b.key, b.description, b.action, b.tooltip, enabled, tooltip)
            for _node, b, enabled, tooltip in self.screen.active_bindings.values() if b.show
        )
        if shown != self._shown:
            self._shown = shown
            await self.recompose()


class MainScreen(Screen):
    """Three panes; below ``NARROW_BELOW`` columns, one at a time under a row of tabs."""

    BINDINGS = [
        Binding("f2", "show_pane('loop')", "Loop", id="main.loop", show=False,
                tooltip="Go to The loop pane: your map of the cycle and each turn of it."),
        Binding("f3", "show_pane('thought')", "Thought", id="main.thought", show=False,
                tooltip="Go to the Thought record pane: test the story you tell yourself."),
        Binding("f4", "show_pane('rituals')", "Rituals", id="main.rituals", show=False,
                tooltip="Go to the Rituals pane: your small rituals of connection."),
        Binding("f11", "toggle_maximize", "Maximise", id="main.maximize", show=False,
                tooltip="Give the pane you are in the whole screen; press again to restore."),
    ]

    AUTO_FOCUS = "#panes *"
    """Start in the first pane, never on the tabs (they are hidden when the panes sit side
    by side, and a narrow screen reaches them with shift+tab or a click)."""

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        # Textual's auto-focus runs before the first layout, when nothing counts as in view
        # yet, and would scroll the first pane to its focused widget with a 0.2 s animation:
        # on a long journal (a pane taller than the screen) a dozen extra frames while the
        # app starts, then a jump back. Until the screen is mounted, focus without scrolling.
        super().set_focus(widget, scroll_visible=scroll_visible and self.is_mounted,
                          from_app_focus=from_app_focus)

    active: reactive[str] = reactive("loop")
    """The id of the pane shown when the panes are tabs (and the one last visited)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*(Tab(cls.PANE_TITLE, id=f"tab-{key}") for key, cls in PANES), id="pane-tabs")
        with Horizontal(id="panes"):
            for key, cls in PANES:
                yield cls(id=key)
        yield QuietFooter()

    def on_mount(self) -> None:
        # The footer keeps its room for the keys of the pane in use; each pane's own border
        # names the key that brings it up (f11, ctrl+t and the rest are in help, f1).
        for key, _cls in PANES:
            self.query_one(f"#{key}", Pane).border_subtitle = PANE_KEYS[key]
        self._apply_width(self.size.width or self.app.size.width)
        self.query_one(f"#{self.active}", Pane).add_class("-active")

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "narrow")

    @property
    def narrow(self) -> bool:
        return self.has_class("narrow")

    def watch_active(self, old: str, new: str) -> None:
        if not self.is_mounted:
            return
        for pane in self.query(Pane):
            pane.set_class(pane.id == new, "-active")
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{new}":
            tabs.active = f"tab-{new}"

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_chosen(self, event: Tabs.TabActivated) -> None:
        if event.tab.id != event.tabs.active:
            return  # a stale activation overtaken by a newer one
        key = (event.tab.id or "").removeprefix("tab-")
        if key and key != self.active:
            self.active = key

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Whatever takes the focus, the pane it sits in becomes the active one.
        for node in event.widget.ancestors_with_self:
            if isinstance(node, Pane):
                if self.narrow and not node.display:
                    return  # focus wandered into a pane behind another tab: not a choice
                if node.id and node.id != self.active:
                    self.active = node.id
                return

    def action_show_pane(self, key: str) -> None:
        self.show_pane(key)

    def show_pane(self, key: str) -> None:
        """Make a pane the active one and put the focus in it."""
        pane = self.query_one(f"#{key}", Pane)
        if self.maximized is not None and self.maximized is not pane:
            self.minimize()
        self.active = key
        self.call_after_refresh(pane.focus_first)

    def current_pane(self) -> Pane:
        focused = self.focused
        if focused is not None:
            for node in focused.ancestors_with_self:
                if isinstance(node, Pane):
                    return node
        return self.query_one(f"#{self.active}", Pane)

    def action_toggle_maximize(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        pane = self.current_pane()
        self.maximize(pane, container=False)
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            pane.focus_first()
