"""The main screen: the panes side by side, or as tabs on a narrow terminal (the tabs are
made the first time the terminal is narrow).

Its panes, their tabs and the keys that bring them up come from :data:`tui.panes.PANES`.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Tab, Tabs

from tui.compat import QuietFooter, StillScreen
from tui.panes import PANES
from tui.widgets.pane import Pane

NARROW_BELOW = 100
"""Below this many columns the panes become tabs."""


class MainScreen(StillScreen):
    """Three panes; below ``NARROW_BELOW`` columns, one at a time under a row of tabs."""

    BINDINGS = [
        *(Binding(spec.key, f"show_pane('{spec.id}')", spec.label, id=f"main.{spec.id}",
                  show=False, tooltip=spec.tooltip) for spec in PANES),
        Binding("f11", "toggle_maximize", "Maximise", id="main.maximize", show=False,
                tooltip="Give the pane you are in the whole screen; press again to restore."),
        Binding("escape", "restore", "All panes", id="main.restore",
                tooltip="Back from one pane on the whole screen to all the panes."),
    ]

    ESCAPE_TO_MINIMIZE = False
    """Escape does what the footer says: a pane's own escape (back to its list) comes first,
    and only with nothing left to close in the pane does it bring back all the panes."""

    AUTO_FOCUS = "#panes *"
    """Start in the first pane, never on the tabs (they are hidden when the panes sit side
    by side, and a narrow screen reaches them with shift+tab or a click)."""

    active: reactive[str] = reactive(PANES[0].id)
    """The id of the pane shown when the panes are tabs (and the one last visited)."""

    def compose(self) -> ComposeResult:
        # Narrow or not before the panes mount, so that they are styled once, as they are.
        self._apply_width(self.app.size.width)
        yield Header()
        classes = [spec.load() for spec in PANES]
        if self.narrow:
            yield self._tabs()
        with Horizontal(id="panes"):
            for spec, cls in zip(PANES, classes):
                # The active pane has its class from the start: set on mount, it would
                # restyle the pane and everything in it once more before the first frame.
                yield cls(id=spec.id, classes="-active" if spec.id == self.active else "")
        yield QuietFooter()

    def on_mount(self) -> None:
        # The footer keeps its room for the keys of the pane in use; each pane's own border
        # names the key that brings it up (f11, ctrl+t and the rest are in help, f1).
        for spec in PANES:
            self.query_one(f"#{spec.id}", Pane).border_subtitle = spec.key
        self._apply_width(self.size.width or self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "narrow")
        if self.narrow and self.is_mounted and not self.query("#pane-tabs"):
            self.mount(self._tabs(), before="#panes")

    def _tabs(self) -> Tabs:
        """The row of tabs a narrow screen shows over its one pane. Made the first time the
        screen is narrow: a wide screen never shows it, and would style it for nothing."""
        return Tabs(*(Tab(spec.load().PANE_TITLE, id=f"tab-{spec.id}") for spec in PANES),
                    id="pane-tabs", active=f"tab-{self.active}")

    @property
    def narrow(self) -> bool:
        return self.has_class("narrow")

    def watch_active(self, old: str, new: str) -> None:
        if not self.is_mounted:
            return
        for pane in self.query(Pane):
            pane.set_class(pane.id == new, "-active")
        for tabs in self.query("#pane-tabs").results(Tabs):
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
            self.refresh_bindings()
        self.active = key
        self.call_after_refresh(pane.focus_first)

    def current_pane(self) -> Pane:
        focused = self.focused
        if focused is not None:
            for node in focused.ancestors_with_self:
                if isinstance(node, Pane):
                    return node
        return self.query_one(f"#{self.active}", Pane)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.maximized is not None  # shown, and taken, only with a pane maximised
        return super().check_action(action, parameters)

    def action_restore(self) -> None:
        """All the panes again, after one was given the whole screen."""
        if self.maximized is not None:
            self.minimize()
            self.refresh_bindings()

    def action_toggle_maximize(self) -> None:
        self.refresh_bindings()  # escape's "All panes" comes and goes with it
        if self.maximized is not None:
            self.minimize()
            return
        pane = self.current_pane()
        self.maximize(pane, container=False)
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            pane.focus_first()
