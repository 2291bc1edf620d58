"""Every place closer leans on a part of Textual that is not its public API, in one module.

Textual is pinned exactly (pyproject.toml), so these hold; on an upgrade, this module and its
canary test (tests/tui/test_compat.py) are the one place to check. Nothing else in closer or
in its tests touches a private Textual name; the tests reach them through the helpers below.

- :func:`merged_bindings`: a node's class bindings, merged with its bases' (the help lists them).
- :class:`QuietFooter`: the Footer's "bindings changed" signal and its ``_bindings_ready`` flag,
  and how wide the Footer draws each key (to show only the keys that fit).
- :class:`StillScreen`, :class:`StillFocus`: the ``set_focus`` that Textual's auto-focus calls,
  and its parameters; the screen's breakpoint classes and its resume (styled once as it
  opens).
- :func:`screen_strips`: what the screen's compositor draws (tests read the screen with it).
- :func:`notifications`: the toasts the app holds now (tests read them).
- :func:`stop_blinking`: a steady cursor for a picture (the TextArea's ``_line_cache``).
- :func:`set_keyboard_decoder`: the name Textual's Linux driver decodes the keyboard with.
- :func:`feed_terminal`: hands text to the app the way its driver does (tests).
- :func:`selection_mark`: the mark in a SelectionList's box (its line starts with the box).
- :func:`set_radio_highlight`: which button of a RadioSet is highlighted (its ``_selected``).
- :func:`open_in_theme`: what App's theme watcher does to the app, without its queued
  re-reading of every stylesheet (``_refresh_truecolor_filter``).

One more lives outside: the start-up benchmark (tests/bench/run.py) wraps App's ``_display``
to count frames. It stays there so that its bare-Textual baseline imports nothing of closer;
the canary test checks it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.binding import BindingsMap
from textual.screen import Screen
from textual.widgets import Footer

CHECKED_WITH = "8.2.8"
"""The Textual release every helper here was checked against (the canary test fails on any
other: check each helper below, then change this)."""

if TYPE_CHECKING:
    from textual.app import App, ComposeResult
    from textual.dom import DOMNode
    from textual.events import ScreenResume
    from textual.strip import Strip
    from textual.widget import Widget
    from textual.widgets import RadioSet


def merged_bindings(node: DOMNode) -> BindingsMap:
    """The bindings of ``node``'s class and of the classes it inherits them from, merged
    (Textual's ``_merged_bindings``; its ``key_to_bindings`` maps a key to its bindings)."""
    merged = node._merged_bindings
    return merged if merged is not None else BindingsMap()


FOOTER_COMPACT_BELOW = 100
"""Below this many columns the footer draws its keys closer together (Footer's compact)."""
HELP_ACTION = "app.help"
"""The footer key that is always shown: help lists every key the footer has no room for."""


class QuietFooter(Footer):
    """Textual's Footer, rebuilt once per change of the keys it shows, and never cut off.

    The keys that fit: the footer shows its keys in their order (the focused widget's
    first, the app's last) as long as they fit whole, and always the help key, which lists
    the rest (F1). Below :data:`FOOTER_COMPACT_BELOW` columns the keys sit closer together.
    A key is shown whole or not at all; before this, 80 columns ended in "^q Qui".

    The stock Footer removes and mounts all its keys again on every "bindings changed"
    signal. A screen that opens sends several (resume, auto-focus, after the first
    refresh), so the main screen built its footer two or three times before it was still,
    50-80 ms of a start-up (measured by tests/bench/run.py). Here the signals only ask for
    one rebuild after the next refresh; it looks at the keys then, and rebuilds only if
    the keys it shows have changed (bindings it does not show, such as a focused list's
    arrows, do not count).

    Leans on: Footer subscribing :meth:`bindings_changed` to the screen's signal, and its
    ``compose`` showing nothing until ``_bindings_ready`` is true; its children being one
    ``FooterKey`` per action (``key``, ``key_display``, ``description``, ``action``, its
    ``_disabled`` and ``-disabled`` class, its ``compact`` reactive; the palette's with the
    class ``-command-palette``), padded as :meth:`_key_width` says, and drawn from those
    attributes (so a mounted key can show another binding: :meth:`_relabel`); the app's
    ``screen_change_signal``, published with each new screen in front.
    """

    DEFAULT_CSS = """
    QuietFooter.-beneath > * { visibility: hidden; }
    """
    _shown: tuple | None = None
    _asked = False

    def on_mount(self) -> None:
        super().on_mount()
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self._screen_changed(self.app.screen)  # a dialog may be in front already

    def _screen_changed(self, screen: Screen) -> None:
        """Under a dialog the keys of the screen beneath do not work: the bar shows none of
        them (hidden, so the screen beneath keeps its layout) until the dialog closes."""
        from textual.screen import ModalScreen

        self.set_class(isinstance(screen, ModalScreen) and screen is not self.screen,
                       "-beneath")

    def bindings_changed(self, screen: Screen) -> None:
        """Ask for one rebuild after the next refresh (the signal's handler)."""
        self._bindings_ready = True
        if not screen.app.app_focus or self._asked:
            return
        if self.is_attached and screen is self.screen:
            self._asked = True
            self.call_after_refresh(self._rebuild)

    @property
    def rebuild_waiting(self) -> bool:
        """Whether a rebuild has been asked for and not yet made."""
        return self._asked

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
            if not self._relabel():
                await self.recompose()
            self._fit()

    def _relabel(self) -> bool:
        """Show the screen's keys now on the keys already mounted, when there are as many:
        a focus move inside a form changes the keys shown far more often than their number,
        and making and mounting a row of keys again cost more than all else such a move
        does. False (nothing changed) when the row must be made again."""
        from textual.widgets._footer import FooterKey

        wanted: dict[str, tuple] = {}  # one key an action, the first binding (as compose)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in wanted:
                if binding.group is not None:
                    return False
                wanted[binding.action] = (binding, enabled, tooltip)
        keys = [key for key in self.children if not key.has_class("-command-palette")]
        if len(keys) != len(wanted) or not all(isinstance(key, FooterKey) for key in keys):
            return False
        for key, (binding, enabled, tooltip) in zip(keys, wanted.values()):
            width = self._key_width(key)
            key.key, key.action = binding.key, binding.action
            key.key_display = self.app.get_key_display(binding)
            key.description = binding.description
            key._disabled = not enabled
            key.set_class(not enabled, "-disabled")
            key.tooltip = tooltip or None
            # (a layout of the footer lays out the whole screen: only when a key's size is new)
            key.refresh(layout=self._key_width(key) != width)
        return True

    def compose(self) -> ComposeResult:
        # A FooterKey is born compact (its reactive's default) and told the footer's own
        # compact once mounted: at 100 columns and more every key was restyled twice more on
        # every rebuild, a rebuild being every focus move that changes the keys shown. Here
        # each key starts as the footer is, so neither change happens.
        from textual.widgets._footer import FooterKey

        # The keys that do not fit are hidden as they are made, too, not once mounted (each
        # change of a mounted key's display lays the footer out again).
        width = self.size.width or self.app.size.width  # (the first build: not laid out yet)
        if width:
            self.compact = width < FOOTER_COMPACT_BELOW
        widgets = list(super().compose())  # (closer binds no key groups: a flat row)
        for widget in widgets:
            # (the palette's key is not bound to the footer's compact: it stays as it is)
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
        if width and all(isinstance(widget, FooterKey) for widget in widgets):
            self._fit_keys(widgets, width)
        yield from widgets

    def on_resize(self) -> None:
        self._fit()

    def _key_width(self, key: Widget) -> int:
        """The columns a FooterKey takes: its key, its words, their padding and margin."""
        from rich.cells import cell_len

        text = cell_len(getattr(key, "key_display", "")) + cell_len(
            getattr(key, "description", ""))
        if key.has_class("-command-palette"):
            return text + 3  # its border, and its padding (or margin, when compact)
        return text + (2 if self.compact else 3)

    def _fit(self) -> None:
        """Show the keys that fit whole, in order, and the help key; hide the others."""
        width = self.size.width
        if not width or not self.is_attached:
            return
        self.compact = width < FOOTER_COMPACT_BELOW
        self._fit_keys(list(self.children), width)

    def _fit_keys(self, children: list[Widget], width: int) -> None:
        keys = [key for key in children if not key.has_class("-command-palette")]
        room = width - sum(self._key_width(key) for key in children
                           if key.has_class("-command-palette"))
        pinned = [key for key in keys if getattr(key, "action", "") in
                  (HELP_ACTION, HELP_ACTION.split(".")[-1])]
        room -= sum(self._key_width(key) for key in pinned)
        full = False
        for key in keys:
            if key in pinned:
                show = True
            else:
                needed = self._key_width(key)
                full = full or needed > room
                show = not full
                if not full:
                    room -= needed
            if key.display != show:
                key.display = show

    @property
    def shown_keys(self) -> list[str]:
        """The keys the footer shows now, as it names them (``"^q"``, ``"f1"``...)."""
        return [str(getattr(key, "key_display", "")) for key in self.children if key.display]


class StillScreen(Screen):
    """A screen whose first focus scrolls nothing, and which is styled once as it opens.

    Textual's auto-focus runs before the first layout, when nothing counts as in view yet,
    and would scroll the first pane to its focused widget with a 0.2 s animation: on a long
    journal (a pane taller than the screen) a dozen extra frames while the app starts, then
    a jump back. Until the screen is mounted, focus without scrolling.

    Opening, Textual styles every widget as it mounts, then again twice over: when the
    screen resumes (a new screen comes in front) and when its first resize gives it the
    app's breakpoint class (``-wide``/``-narrow``). The screen starts with the breakpoint
    classes of the terminal's size, and its first resume, straight after the mount, leaves
    the styles just made as they are; each later resume restyles as Textual does.

    Leans on: auto-focus going through :meth:`set_focus` with these three parameters; the
    screen's ``_get_breakpoint_classes`` and ``_on_screen_resume``, and the ScreenResume
    event's ``refresh_styles``.
    """

    def __init__(self, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._resumed = False
        try:
            width, height = self.app.size
        except RuntimeError:  # built outside a running app: no app to ask (Textual says so)
            return
        horizontal = self.HORIZONTAL_BREAKPOINTS
        vertical = self.VERTICAL_BREAKPOINTS
        for size, breakpoints in (
            (width, self.app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal),
            (height, self.app.VERTICAL_BREAKPOINTS if vertical is None else vertical),
        ):
            if breakpoints and size:
                self.add_class(*self._get_breakpoint_classes(size, breakpoints))

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual calls each class's handler in turn, this one before Screen's.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False  # styled a moment ago, as it mounted

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Textual's ``set_focus``, scrolling only once the screen is mounted."""
        super().set_focus(widget, scroll_visible=scroll_visible and self.is_mounted,
                          from_app_focus=from_app_focus)


class StillFocus:
    """For a dialog (a ModalScreen) whose box scrolls: its first focus does not centre the
    field it lands on (before the first layout every field counts as out of view, so a
    short terminal opened the mark form with its first lines scrolled away); once laid out,
    the field is scrolled into view with the least scroll that shows it.

    Leans on: the same ``set_focus`` as :class:`StillScreen`. Put it before ModalScreen in
    the bases.
    """

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Textual's ``set_focus``; before the dialog is mounted, without its scroll."""
        mounted = self.is_mounted  # type: ignore[attr-defined]
        super().set_focus(widget, scroll_visible=scroll_visible and mounted,  # type: ignore[misc]
                          from_app_focus=from_app_focus)
        if widget is not None and scroll_visible and not mounted:
            self.call_after_refresh(  # type: ignore[attr-defined]
                lambda: widget.scroll_visible(animate=False, immediate=True)
                if widget.is_attached else None)


def screen_strips(screen: Screen) -> list[Strip]:
    """The lines the screen shows now, as its compositor draws them (one strip a line)."""
    return list(screen._compositor.render_strips())


def screen_text(screen: Screen) -> str:
    """What the screen shows now, as plain text, one line a row."""
    return "\n".join(strip.text for strip in screen_strips(screen))


def stop_blinking(widget: Widget) -> None:
    """Show ``widget``'s cursor steadily (an Input or a TextArea), for a picture.

    A TextArea keeps each line it drew in ``_line_cache``, keyed without the cursor once
    the cursor stops blinking: a line drawn while the cursor blinked off would come back
    from that cache without it. So the cache is emptied too.
    """
    widget.cursor_blink = False  # type: ignore[attr-defined]
    cache = getattr(widget, "_line_cache", None)
    if cache is not None:
        cache.clear()
    widget.refresh()


def set_radio_highlight(radio_set: RadioSet, index: int | None) -> None:
    """Highlight button ``index`` of ``radio_set``, or none (Textual's ``_selected``; a
    RadioSet highlights its first button when it mounts, and has no public way to say
    otherwise)."""
    radio_set._selected = index


def radio_highlight(radio_set: RadioSet) -> int | None:
    """The index of the highlighted button of ``radio_set`` (None: none is)."""
    return radio_set._selected


def open_in_theme(app: App, name: str) -> None:
    """Set the theme of an app that is not running yet, for its first screen.

    Setting ``App.theme`` runs Textual's theme watcher, which also queues ``refresh_css``: once
    the app starts, it read every stylesheet a second time and restyled the whole app, though
    nothing had been read in the old theme (about a tenth of the CPU of closer's start). Here
    the theme is set quietly, with the watcher's classes and colour filter; the stylesheets
    are then read once, in this theme. Changing the theme of a running app stays
    ``app.theme = name``."""
    from textual.app import App as TextualApp

    app.set_reactive(TextualApp.theme, name)
    dark = app.current_theme.dark
    classes = {c: False for c in app.classes if c.startswith("-theme-")}
    classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
    app.update_classes(classes, update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())  # (what it reads with, once)


def notifications(app: App) -> list[str]:
    """The messages of the notifications (toasts) the app holds now, oldest first."""
    return [str(note.message) for note in app._notifications]


def keyboard_decoder() -> Callable | None:
    """What Textual's Linux driver makes its keyboard decoder with (None without that
    driver, on Windows). Stock Textual: ``codecs.getincrementaldecoder``."""
    try:
        from textual.drivers import linux_driver
    except ImportError:
        return None
    return getattr(linux_driver, "getincrementaldecoder", None)


def set_keyboard_decoder(factory: Callable) -> bool:
    """Make Textual's Linux driver build its keyboard decoder with ``factory`` (called with
    the encoding). False, and nothing changed, where there is no such driver."""
    try:
        from textual.drivers import linux_driver
    except ImportError:
        return False
    linux_driver.getincrementaldecoder = factory
    return True


def feed_terminal(app: App, text: str) -> None:
    """Hand ``text`` (what the driver decoded from the terminal) to a running app as its
    driver does: parsed into key events by Textual's terminal parser, then sent on."""
    from textual._xterm_parser import XTermParser

    for event in XTermParser().feed(text):
        app._driver.process_message(event)  # type: ignore[union-attr]



def selection_mark(line: Strip, mark: str) -> Strip:
    """A SelectionList line with ``mark`` (one cell) in its box instead of Textual's "X".

    Leans on: SelectionList's ``render_line`` starting each option's line with three
    segments, ToggleButton's BUTTON_LEFT, BUTTON_INNER and BUTTON_RIGHT (a line without
    them comes back unchanged)."""
    from rich.segment import Segment
    from textual.strip import Strip
    from textual.widgets._toggle_button import ToggleButton

    segments = list(line)
    box = (ToggleButton.BUTTON_LEFT, ToggleButton.BUTTON_INNER, ToggleButton.BUTTON_RIGHT)
    if len(segments) < 3 or tuple(seg.text for seg in segments[:3]) != box:
        return line
    inner = segments[1]
    segments[1] = Segment(mark, inner.style, inner.control)
    return Strip(segments, line.cell_length)
