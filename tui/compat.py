"""Every place closer leans on a part of Textual that is not its public API, in one module.

Textual is pinned exactly (pyproject.toml), so these hold; on an upgrade, this module and its
canary test (tests/tui/test_compat.py) are the one place to check. Nothing else in closer or
in its tests touches a private Textual name; the tests reach them through the helpers below.

- :func:`merged_bindings`: a node's class bindings, merged with its bases' (the help lists them).
- :class:`QuietFooter`: the Footer's "bindings changed" signal and its ``_bindings_ready`` flag.
- :class:`StillScreen`: the ``set_focus`` that Textual's auto-focus calls, and its parameters.
- :func:`screen_strips`: what the screen's compositor draws (tests read the screen with it).
- :func:`notifications`: the toasts the app holds now (tests read them).
- :func:`stop_blinking`: a steady cursor for a picture (the TextArea's ``_line_cache``).
- :func:`set_keyboard_decoder`: the name Textual's Linux driver decodes the keyboard with.
- :func:`feed_terminal`: hands text to the app the way its driver does (tests).
- :func:`set_radio_highlight`: which button of a RadioSet is highlighted (its ``_selected``).

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
    from textual.app import App
    from textual.dom import DOMNode
    from textual.strip import Strip
    from textual.widget import Widget
    from textual.widgets import RadioSet


def merged_bindings(node: DOMNode) -> BindingsMap:
    """The bindings of ``node``'s class and of the classes it inherits them from, merged
    (Textual's ``_merged_bindings``; its ``key_to_bindings`` maps a key to its bindings)."""
    merged = node._merged_bindings
    return merged if merged is not None else BindingsMap()


class QuietFooter(Footer):
    """Textual's Footer, rebuilt once per change of the keys it shows.

    The stock Footer removes and mounts all its keys again on every "bindings changed"
    signal. A screen that opens sends several (resume, auto-focus, after the first
    refresh), so the main screen built its footer two or three times before it was still,
    50-80 ms of a start-up (measured by tests/bench/run.py). Here the signals only ask for
    one rebuild after the next refresh; it looks at the keys then, and rebuilds only if
    the keys it shows have changed (bindings it does not show, such as a focused list's
    arrows, do not count).

    Leans on: Footer subscribing :meth:`bindings_changed` to the screen's signal, and its
    ``compose`` showing nothing until ``_bindings_ready`` is true.
    """

    _shown: tuple | None = None
    _asked = False

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
            await self.recompose()


class StillScreen(Screen):
    """A screen whose first focus scrolls nothing.

    Textual's auto-focus runs before the first layout, when nothing counts as in view yet,
    and would scroll the first pane to its focused widget with a 0.2 s animation: on a long
    journal (a pane taller than the screen) a dozen extra frames while the app starts, then
    a jump back. Until the screen is mounted, focus without scrolling.

    Leans on: auto-focus going through :meth:`set_focus` with these three parameters.
    """

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Textual's ``set_focus``, scrolling only once the screen is mounted."""
        super().set_focus(widget, scroll_visible=scroll_visible and self.is_mounted,
                          from_app_focus=from_app_focus)


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

