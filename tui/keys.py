"""How closer names a key to people: the one place, read by the footer (through the App's
``get_key_display``) and by the help, so both spell a key the same way.

>>> key_name("ctrl+pageup"), key_name("left_square_bracket"), key_name("escape")
('ctrl+page up', '[', 'esc')
>>> key_name("ctrl+q", short=True), keys_name("enter,r")
('^q', 'enter or r')
"""

from __future__ import annotations

from textual.keys import format_key

NAMES = {
    "escape": "esc",
    "enter": "enter",
    "space": "space",
    "tab": "tab",
    "backspace": "backspace",
    "delete": "delete",
    "pageup": "page up",
    "pagedown": "page down",
    "home": "home",
    "end": "end",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}
"""Keys whose Textual names are not what a person calls them."""


def key_name(key: str, *, short: bool = False) -> str:
    """The name of one key as people read it: modifiers first ("ctrl+page up"), keys that
    type a sign as the sign ("[", "/"). ``short`` (the footer, where room is scarce)
    writes ctrl as ``^``, as terminals do."""
    *modifiers, base = key.split("+")
    name = NAMES.get(base) or format_key(base)
    if short and "ctrl" in modifiers:
        modifiers.remove("ctrl")
        name = f"^{name}"
    return "+".join([*modifiers, name])


def keys_name(keys: str) -> str:
    """The names of a binding's keys ("enter,r"), joined with "or"."""
    return " or ".join(key_name(key.strip()) for key in keys.split(",") if key.strip())
