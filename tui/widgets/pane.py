"""What every pane of the main screen shares."""

from __future__ import annotations

from typing import Callable, ClassVar, NamedTuple

from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import OptionList

from tui.reach import Reach
from tui.widgets.focus_ring import FocusRing


class PaletteCommand(NamedTuple):
    """A command the palette offers: its name, one line of help, what it does."""

    name: str
    help: str
    callback: Callable[[], object]


class Pane(FocusRing, Reach, Vertical):
    """A bordered pane on the main screen. Subclasses set ``PANE_TITLE`` and ``KINDS``, and
    are listed in :data:`tui.panes.PANES` (which gives their id, key and stylesheet).

    A pane offers palette commands (:meth:`palette_commands`) and opens the records of the
    kinds it shows (:meth:`open_record`, called when a search result is chosen).

    Everything in a pane can be reached by keyboard: the arrows, page up/down, home and end
    scroll the pane whenever the widget in focus has no use for them, and a list named in
    :attr:`DETAILS` is kept in view together with the detail its highlight shows.
    """

    ALLOW_MAXIMIZE = True
    PANE_TITLE: ClassVar[str] = ""
    KINDS: ClassVar[tuple[str, ...]] = ()
    """Search-result kinds (see storage.search.KINDS) this pane opens."""
    DETAILS: ClassVar[dict[str, str]] = {}
    """A list's id -> the id of the widget that shows its highlighted item: while the list
    has the focus, the pane scrolls so that the list and as much of that detail as fits are
    in view."""

    BINDINGS = [
        Binding("up", "scroll('up')", "Scroll up", id="pane.scroll_up", show=False,
                tooltip="Scroll the pane up a line."),
        Binding("down", "scroll('down')", "Scroll down", id="pane.scroll_down", show=False,
                tooltip="Scroll the pane down a line."),
        Binding("pageup", "scroll('page_up')", "Page up", id="pane.page_up", show=False,
                tooltip="Scroll the pane up a page."),
        Binding("pagedown", "scroll('page_down')", "Page down", id="pane.page_down",
                show=False, tooltip="Scroll the pane down a page."),
        Binding("home", "scroll('home')", "Top", id="pane.top", show=False,
                tooltip="Scroll to the top of the pane."),
        Binding("end", "scroll('end')", "Bottom", id="pane.bottom", show=False,
                tooltip="Scroll to the bottom of the pane."),
    ]
    """Scrolling by keyboard (only when the focused widget does not use the key itself)."""

    def action_scroll(self, how: str) -> None:
        """Scroll what holds the focus by a line, a page or to an end: the focused widget
        itself when it scrolls (a detail that takes the focus), else the nearest box around
        it that does, up to the pane."""
        from textual.actions import SkipAction

        focused = self.screen.focused if self.is_attached else None
        nodes = list(focused.ancestors_with_self) if focused is not None else [self]
        for node in nodes:
            if (isinstance(node, Widget) and node.max_scroll_y
                    and node.styles.overflow_y in ("auto", "scroll")):
                page = max(1, node.scrollable_content_region.height - 1)
                y = {"up": node.scroll_y - 1, "down": node.scroll_y + 1,
                     "page_up": node.scroll_y - page, "page_down": node.scroll_y + page,
                     "home": 0, "end": node.max_scroll_y}[how]
                node.scroll_to(y=max(0, min(y, node.max_scroll_y)), animate=False,
                               force=True, immediate=True)
                return
            if node is self:
                break
        raise SkipAction()
    HELP_PARTS: ClassVar[tuple[tuple[str, str], ...]] = ()
    """The forms and dialogs the pane opens, each ``(title, "module:Class")``: the help
    lists their keys under the pane (tui.screens.help)."""

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def on_resize(self) -> None:
        # Maximising, restoring, a new terminal size or a switch to tabs reflows the pane:
        # keep what has the focus in view, from the top of the pane when it fits there (a
        # scroll kept from the old size would cut off the pane's first lines).
        self.call_after_refresh(self._keep_focus_in_view)

    def _keep_focus_in_view(self) -> None:
        focused = self.screen.focused if self.is_attached else None
        if focused is None or self not in focused.ancestors or not self.max_scroll_y:
            return
        top = focused.region.y - self.scrollable_content_region.y + round(self.scroll_y)
        if top + focused.region.height <= self.scrollable_content_region.height:
            self.scroll_home(animate=False, immediate=True)
        else:
            self.scroll_to_widget(focused, top=True, animate=False, immediate=True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._keep_detail_in_view(event.widget)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._keep_detail_in_view(event.option_list)

    def _keep_detail_in_view(self, widget: Widget) -> None:
        detail_id = self.DETAILS.get(widget.id or "")
        if detail_id and widget.has_focus:
            # After the refresh: the detail shows the new highlight by then, at its new size.
            self.call_after_refresh(self._show_with_detail, widget, detail_id)

    def _show_with_detail(self, widget: Widget, detail_id: str, again: bool = True) -> None:
        """Scroll so that ``widget`` and its detail are in view: the least scroll that shows
        both, or the widget's top at the pane's top when the two are taller than the pane.
        Once more after the next refresh (``again``): a detail that grew is laid out at its
        new height only then."""
        if not self.is_attached or not widget.has_focus or not self.max_scroll_y:
            return
        detail = self.query_one(f"#{detail_id}")
        span = widget.virtual_region_with_margin.union(detail.virtual_region_with_margin)
        self.scroll_to_region(span, animate=False, immediate=True, force=True)
        if again:
            self.call_after_refresh(self._show_with_detail, widget, detail_id, False)

    def palette_commands(self) -> list[PaletteCommand]:
        return []

    def open_record(self, kind: str, record_id: int) -> None:
        """Show one record of a kind in :attr:`KINDS`."""

    def focus_first(self) -> None:
        """Put the focus on the first thing in the pane that takes it."""
        for widget in self.query("*"):
            if widget.focusable:
                self.focus_in_view(widget)
                return

    def focus_in_view(self, widget: Widget) -> None:
        """Focus ``widget`` and show it, from the pane's top when it fits there.

        Not with Textual's own scroll on focus: it centres a widget it cannot see whole, and
        a pane just brought up as a tab is not laid out yet, so it counted as unseen (the
        Rituals tab at 80x24 opened scrolled to its last row)."""
        widget.focus(scroll_visible=False)
        self.call_after_refresh(self._keep_focus_in_view)
