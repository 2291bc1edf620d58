"""closer's two themes, dark and light, each chosen so that every colour closer draws with
meets WCAG AA on the backgrounds it is drawn on (4.5:1 for text, 3:1 for borders and glyphs;
tests/tui/test_contrast.py measures every screen in both).

The stylesheets name only theme variables; the variables that matter most:

- ``$text-muted``: secondary words (hints, labels), and ``$foreground-muted`` the same
  colour where a stylesheet needs it as a background (a toggle's pill).
- ``$text-disabled``: placeholders and what cannot be chosen now, still readable.
- ``$accent``: what has the focus (pane and box borders, titles) and words to notice;
  ``$success``, ``$warning``, ``$error``: states.
- ``$border-blurred``: the border of a box or field without the focus (3:1 on the screen);
  ``$border``: a focused field's border, 3:1 against the blurred one, so focus shows.
- ``$block-cursor-*``: the highlighted row of a list or table, focused (3:1 against the
  blurred one) or not.
"""

from __future__ import annotations

from textual.theme import Theme

DARK, LIGHT = "closer-dark", "closer-light"

THEMES = (
    Theme(
        name=DARK,
        dark=True,
        primary="#4C9BE8",
        secondary="#2E6DB4",
        accent="#F2B05E",
        warning="#E9B949",
        error="#FF7B7B",
        success="#67C97A",
        foreground="#E4E4E4",
        background="#141414",
        surface="#1E1E1E",
        panel="#2A2A2A",
        variables={
            "text-muted": "#ABABAB",
            "foreground-muted": "#ABABAB",
            "text-disabled": "#969696",
            "border": "#EDEDED",
            "border-blurred": "#7A7A7A",
            "block-cursor-background": "#8AB8F0",
            "block-cursor-foreground": "#141414",
            "block-cursor-blurred-background": "#3A3A3A",
            "block-cursor-blurred-foreground": "#F0F0F0",
            "block-hover-background": "#262626",
            "footer-key-foreground": "#F2B05E",
            "footer-description-foreground": "#E4E4E4",
            "input-selection-background": "#2E70B8",
            "input-selection-foreground": "#FFFFFF",
            "scrollbar": "#8A8A8A",
            "scrollbar-hover": "#A8A8A8",
            "scrollbar-active": "#C8C8C8",
            "scrollbar-background": "#262626",
            "scrollbar-background-hover": "#262626",
            "scrollbar-background-active": "#262626",
            "scrollbar-corner-color": "#262626",
        },
    ),
    Theme(
        name=LIGHT,
        dark=False,
        primary="#0B5CAD",
        secondary="#2E6DB4",
        accent="#9A4700",
        warning="#8A5A00",
        error="#B3261E",
        success="#1D7234",
        foreground="#1C1C1C",
        background="#F4F4F4",
        surface="#FFFFFF",
        panel="#E6E6E6",
        variables={
            "text-muted": "#555555",
            "foreground-muted": "#555555",
            "text-disabled": "#666666",
            "border": "#1C1C1C",
            "border-blurred": "#767676",
            "block-cursor-background": "#0B5CAD",
            "block-cursor-foreground": "#FFFFFF",
            "block-cursor-blurred-background": "#D4D4D4",
            "block-cursor-blurred-foreground": "#1C1C1C",
            "block-hover-background": "#EAEAEA",
            "footer-key-foreground": "#0B5CAD",
            "footer-description-foreground": "#1C1C1C",
            "input-selection-background": "#0B5CAD",
            "input-selection-foreground": "#FFFFFF",
            "scrollbar": "#707070",
            "scrollbar-hover": "#5A5A5A",
            "scrollbar-active": "#404040",
            "scrollbar-background": "#DCDCDC",
            "scrollbar-background-hover": "#DCDCDC",
            "scrollbar-background-active": "#DCDCDC",
            "scrollbar-corner-color": "#DCDCDC",
        },
    ),
)
"""Registered by the App; :data:`DARK` is where a new journal starts."""

OLD_NAMES = {"textual-dark": DARK, "textual-light": LIGHT}
"""Theme names an older closer saved in the journal, and the theme each now means."""


def saved_theme(saved: str | None) -> str | None:
    """The theme to show for the name a journal saved (an older closer saved Textual's own
    names); None when the name is none of closer's themes.

    >>> saved_theme("textual-light"), saved_theme(LIGHT), saved_theme("nord")
    ('closer-light', 'closer-light', None)
    """
    name = OLD_NAMES.get(saved or "", saved)
    return name if name in (DARK, LIGHT) else None
