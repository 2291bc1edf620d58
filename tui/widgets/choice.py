"""closer's menu and radio row: Textual's Select and RadioSet with keys that never surprise.

Every menu and every row of radio buttons in closer is one of these (a test checks that no
other module builds a stock Select or RadioSet), so a new form gets the same keys:

- :class:`Menu`, a Select that picks by typing: the first letters of an option (of any of
  its words) choose it. Typing that matches no option is never thrown away: the menu goes
  back to what it held, and the focus moves on to the next field that takes text, with
  everything typed.
- :class:`RadioRow`, a RadioSet whose arrows choose (as in any radio group): in a fresh row
  the first down (or right) arrow chooses the first option and the first up (or left) the
  last; enter and space choose the highlighted one (the first in a fresh row).
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Select

from tui import compat

TYPE_AHEAD_S = 1.0
"""Letters typed within this many seconds of each other are read as one word."""


def _words(label: object) -> list[str]:
    """An option's words, lower case, as typing can match them ("+2  very good" gives
    "+2", "2", "very", "good")."""
    text = label.plain if isinstance(label, Text) else str(label)
    words: list[str] = []
    for word in text.lower().split():
        words.append(word)
        bare = word.lstrip("+-−·•(#")
        if bare and bare != word:
            words.append(bare)
    return words


def match_option(options: list[tuple[object, object]], typed: str) -> object | None:
    """The value of the option that ``typed`` picks, or None: the option with a word that
    starts with it, the earliest such word winning (then the earliest option).

    >>> moods = [("+2  very good", 2), ("+1  good", 1), ("-1  low", -1)]
    >>> match_option(moods, "g"), match_option(moods, "ve"), match_option(moods, "-1")
    (1, 2, -1)
    >>> match_option(moods, "x") is None
    True
    """
    typed = typed.lower()
    best: tuple[int, int] | None = None
    chosen: object | None = None
    for order, (label, value) in enumerate(options):
        for place, word in enumerate(_words(label)):
            if word.startswith(typed):
                if best is None or (place, order) < best:
                    best, chosen = (place, order), value
                break
    return chosen


def _key_for(character: str) -> str:
    return "space" if character == " " else character


class Menu(Select):
    """A Select that picks by typing, and hands on what it cannot pick (see the module)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._typed = ""
        self._typed_at = 0.0
        self._before: object = Select.NULL
        self._handing_to: Widget | None = None
        """The field what is typed goes on to, until the focus has left the menu."""
        self._choices = [(label, value) for label, value in self._options
                         if value is not Select.NULL]

    def set_options(self, options):  # type: ignore[no-untyped-def]
        """Textual's ``set_options``; typing then picks among the new options."""
        super().set_options(options)
        self._choices = [(label, value) for label, value in self._options
                         if value is not Select.NULL]

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Letters typed here are the menu's (a screen's letter keys do not fire)."""
        return character is not None and character.isprintable() and character != " "

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if self.expanded or character is None or not event.is_printable:
            return
        if self._handing_to is not None:
            # Typed on before the focus has moved (a terminal sends a burst at once): it
            # follows the rest, spaces too.
            event.stop()
            event.prevent_default()
            self.app.call_later(self._handing_to.call_later, self._type_into,
                                self._handing_to, character)
            return
        now = time.monotonic()
        if self._typed and now - self._typed_at > TYPE_AHEAD_S:
            self._typed = ""
        if character == " " and not self._typed:
            return  # space opens the menu (Select's own key)
        event.stop()
        event.prevent_default()
        if not self._typed:
            self._before = self.value
        self._typed += character
        self._typed_at = now
        value = match_option(self._choices, self._typed)
        if value is not None:
            if value != self.value:
                self.value = value
            return
        typed, self._typed = self._typed, ""
        if self.value != self._before:
            self.value = self._before
        self.hand_on(typed)

    def hand_on(self, typed: str) -> None:
        """Move the focus to the next field that takes text and type ``typed`` there (the
        bell rings, and the menu keeps the focus, when the screen has no such field)."""
        chain = self.screen.focus_chain
        place = chain.index(self) if self in chain else -1
        after = chain[place + 1:] + chain[:max(place, 0)]
        first = typed[0]
        target: Widget | None = next(
            (widget for widget in after if not isinstance(widget, Menu)
             and widget.check_consume_key(_key_for(first), first)), None)
        if target is None:
            self.app.bell()
            return
        self._handing_to = target
        target.focus()
        # The focus lands later (the app's queue), and an Input then selects all it holds:
        # the letters follow once the focus has landed, at the end of what is there.
        self.app.call_later(target.call_later, self._type_into, target, typed)

    def _on_blur(self, event: events.Blur) -> None:
        self._handing_to = None
        self._typed = ""

    @staticmethod
    def _type_into(target: Widget, typed: str) -> None:
        if isinstance(target, Input):
            target.cursor_position = len(target.value)
        for character in typed:
            target.post_message(events.Key(_key_for(character), character))


class RadioRow(RadioSet):
    """A RadioSet whose arrows choose, starting from nothing in a fresh row (see the
    module)."""

    BINDINGS = [
        Binding("down,right", "choose(1)", "Next option", id="choice.next", show=False,
                tooltip="Choose the next option of the row."),
        Binding("up,left", "choose(-1)", "Previous option", id="choice.previous", show=False,
                tooltip="Choose the option before."),
        Binding("enter,space", "choose(0)", "Choose", id="choice.choose", show=False,
                tooltip="Choose the highlighted option (the first in a fresh row)."),
    ]

    def _on_mount(self, event: events.Mount) -> None:
        # Textual highlights the first button of every row as it mounts; in a row with
        # nothing chosen that reads as chosen, so the highlight waits for the first key.
        self.call_next(self._unhighlight_fresh)

    def _unhighlight_fresh(self) -> None:
        if self.pressed_button is None:
            compat.set_radio_highlight(self, None)

    def _enabled(self) -> list[RadioButton]:
        return [button for button in self.query(RadioButton) if not button.disabled]

    def action_choose(self, step: int) -> None:
        """Choose the option ``step`` away from the chosen one (0: keep it); in a fresh
        row, the first (down, right, enter, space) or the last (up, left)."""
        buttons = self._enabled()
        if not buttons:
            return
        current = self.pressed_button
        if current is None or current not in buttons:
            target = buttons[-1] if step < 0 else buttons[0]
        else:
            target = buttons[(buttons.index(current) + step) % len(buttons)]
        target.value = True
