"""The help screen: every key, what closer is, and where to turn for more than a journal.

The keys are read from the live bindings, grouped by where they work: everywhere, each pane
of the main screen (what is on screen now, then the forms and dialogs it opens, named in
its ``HELP_PARTS``), then each full screen and its dialogs (:data:`SCREENS`); the pane or
screen the help was opened from comes first, so its keys are the first read. Only closer's
own bindings are listed (each carries an id); Textual's generic ones are left out, but for
the few a person needs (:data:`MOVING`). Keys are named by :mod:`tui.keys`, as the footer
names them. The text is wrapped to the width the help has, with no word left alone on a
last line.
"""

from __future__ import annotations

import textwrap
from importlib import import_module
from typing import Iterable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from content import knowledge
from tui.compat import merged_bindings
from tui.keys import keys_name

HELP_WIDTH = 84
"""Columns of text inside the help box at most (its width less border and padding)."""

KEY_COLUMN = 16
"""Keys longer than this go on a line of their own, above what they do."""

Part = tuple[str, str]
"""A form or dialog a pane or screen opens: its title in the help, ``module:Class``."""

SCREENS: tuple[tuple[str, str], ...] = (
    ("Look back (f5)", "tui.screens.look_back:LookBackScreen"),
    ("Write (f6)", "tui.screens.write:WriteScreen"),
    ("Journal (f7)", "tui.screens.journal:JournalScreen"),
    ("Trash (f8)", "tui.screens.trash:TrashScreen"),
    ("Small things (f10)", "tui.screens.small_things.screen:SmallThingsScreen"),
)
"""The full screens, in the order of their keys."""

EVERYWHERE_PARTS: tuple[Part, ...] = (
    ("When closer could not keep something, on quitting", "tui.dialogs.unkept:UnkeptScreen"),
)

MOVING: tuple[tuple[str, str], ...] = (
    ("tab or shift+tab", "The next or the previous field, list or button."),
    ("↑ ↓ ← →", "Move in a list or a calendar; in a row of choices, choose."),
    ("enter", "Open or choose what is highlighted; in a one-line field, go on."),
    ("page up, page down, home, end", "Scroll the pane, when what has the focus does not use "
                                      "the key itself."),
    ("esc", "Back one step: close what is open, as the footer says."),
    ("ctrl+p", "The command palette: find any command, and any record, by typing part of "
               "it."),
)
"""The few generic keys worth knowing (Textual's, so not among closer's bindings)."""

IN_MOVING = ("pane.",)
"""Ids of closer's bindings that every pane shares (scrolling it by keyboard): told once in
:data:`MOVING`, not under each pane, where a pane's own use of the key comes first."""

Row = tuple[str, str]


def load(path: str) -> type:
    """The class at ``module:Class``."""
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


def _what(binding: Binding) -> str:
    tooltip = (binding.tooltip or "").strip()
    if not tooltip:
        return binding.description
    first = tooltip.split(":")[0].split(".")[0].strip().lower()
    if first == binding.description.lower() or tooltip.lower().startswith(
            binding.description.lower()):
        return tooltip
    return f"{binding.description}: {tooltip}"


def binding_rows(nodes: Iterable[DOMNode | type[DOMNode]]) -> list[Row]:
    """(keys, what they do) for closer's bindings of ``nodes`` (widgets, screens, or their
    classes), one row per binding with all its keys, nearest node first and no repeats."""
    rows: list[Row] = []
    seen: set[str] = set()
    for node in nodes:
        keys: dict[str, list[str]] = {}
        found: dict[str, Binding] = {}
        for key, bindings in merged_bindings(node).key_to_bindings.items():  # type: ignore[arg-type]
            for binding in bindings:
                if not binding.id or binding.system or not binding.description:
                    continue  # Textual's own (closer's all carry an id)
                if binding.id.startswith(IN_MOVING):
                    continue  # every pane's scrolling: once, under "Moving around"
                if key.startswith("super+"):
                    continue  # the macOS twin of a ctrl key; one name is enough
                found.setdefault(binding.id, binding)
                keys.setdefault(binding.id, []).append(key)
        for binding_id, binding in found.items():
            if binding_id in seen:
                continue
            seen.add(binding_id)
            rows.append((keys_name(",".join(keys[binding_id])), _what(binding)))
    return rows


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, never one word alone on the last
    line when it can be helped (the lines are made a little shorter instead)."""
    lines = textwrap.wrap(text, width) or [""]
    narrower = width
    while len(lines) > 1 and len(lines[-1].split()) < 2 and narrower > width * 2 // 3:
        narrower -= 1
        lines = textwrap.wrap(text, narrower)
    return lines


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app, the main screen, each pane and each screen, then the
    about text."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close", tooltip="Close the help."),
        Binding("f1", "dismiss", "Close", id="help.close_f1", show=False,
                tooltip="Close the help."),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "esc to close"
            yield Static(self._text(HELP_WIDTH), id="help-text")

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        width = min(HELP_WIDTH, body.scrollable_content_region.width - 1)
        if width > 20 and width != getattr(self, "_width", HELP_WIDTH):
            self._width = width
            self.query_one("#help-text", Static).update(self._text(width))

    # -- what it says ---------------------------------------------------------------

    def groups(self) -> list[tuple[str, list[Row]]]:
        """Each group of keys: its title and its rows, in the order the help shows them.
        The keys of where the help was opened from come first (the pane in front, or the
        full screen, with the dialogs each opens), then everything else in its order."""
        from tui.screens.main import MainScreen
        from tui.widgets.pane import Pane

        app = self.app
        main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        # where the help was opened from: the screen under it and under any dialogs
        beneath = next((screen for screen in reversed(app.screen_stack[:-1])
                        if not isinstance(screen, ModalScreen)), None)
        here: object = None  # the section the help was opened from
        sections: list[tuple[object, list[tuple[str, list[Row]]]]] = [
            (None, [("Everywhere", binding_rows([app] + ([main] if main else []))),
                    ("Moving around", list(MOVING)),
                    *self._parts("Everywhere", EVERYWHERE_PARTS)]),
        ]
        if main is not None:
            front = main.current_pane() if beneath is main else None
            for pane in main.query(Pane):
                parts = getattr(pane, "HELP_PARTS", ())
                apart = {load(path) for _, path in parts}
                live = [pane, *(node for node in pane.walk_children()
                                if not isinstance(node, tuple(apart)))]
                sections.append((pane, [(pane.PANE_TITLE, binding_rows(live)),
                                        *self._parts(pane.PANE_TITLE, parts)]))
                here = pane if pane is front else here
        for title, path in SCREENS:
            screen = load(path)
            sections.append((screen, [(title, binding_rows([screen])),
                                      *self._parts(title.split(" (")[0],
                                                   getattr(screen, "HELP_PARTS", ()))]))
            here = screen if type(beneath) is screen else here
        ordered = [groups for key, groups in sections if key is here and here is not None]
        ordered += [groups for key, groups in sections if key is not here or here is None]
        return [(title, rows) for groups in ordered for title, rows in groups if rows]

    @staticmethod
    def _parts(owner: str, parts: Iterable[Part]) -> list[tuple[str, list[Row]]]:
        """Each part's keys, then those of the forms it opens in turn (its own
        ``HELP_PARTS``: a tab of Small things and its forms)."""
        out = []
        for title, path in parts:
            part = load(path)
            out.append((f"{owner} · {title}", binding_rows([part])))
            out += HelpScreen._parts(title, getattr(part, "HELP_PARTS", ()))
        return out

    def _text(self, width: int) -> Text:
        help_text = knowledge().help
        out = Text()
        out.append("closer\n", style="bold")
        self._paragraphs(out, help_text.about, width)
        out.append("\n")
        for title, rows in self.groups():
            out.append(f"{title}\n", style="bold")
            column = min(KEY_COLUMN, max(len(key) for key, _ in rows))
            indent = " " * (column + 4)
            for key, what in rows:
                lines = wrap(what, width - column - 4)
                if len(key) > column:
                    out.append(f"  {key}\n", style="bold")
                    out.append(indent + lines[0] + "\n")
                else:
                    out.append(f"  {key:<{column}}  ", style="bold")
                    out.append(lines[0] + "\n")
                for more in lines[1:]:
                    out.append(indent + more + "\n")
            out.append("\n")
        out.append("A private tool, not therapy\n", style="bold")
        self._paragraphs(out, help_text.not_therapy, width)
        out.append("\n")
        out.append("If you feel unsafe\n", style="bold")
        self._paragraphs(out, help_text.safety, width)
        return out

    @staticmethod
    def _paragraphs(out: Text, text: str, width: int) -> None:
        for paragraph in text.strip().split("\n"):
            for line in wrap(paragraph, width) if paragraph.strip() else [""]:
                out.append(line + "\n")

    def action_dismiss(self) -> None:
        self.dismiss(None)
