"""The help screen: every key, what closer is, and where to turn for more than a journal."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from content import knowledge
from tui.compat import merged_bindings

HELP_WIDTH = 84
"""Columns of text inside the help box (its width less border and padding)."""


def _key_label(binding: Binding) -> str:
    """The key of ``binding`` spelled out ("ctrl+q", not "^q"): help is where people learn
    the keys."""
    return binding.key_display or binding.key.replace(",", ", ")


def binding_rows(nodes: list[DOMNode]) -> list[tuple[str, str]]:
    """(key, what it does) for every described binding of ``nodes``, without repeats."""
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for node in nodes:
        for _key, bindings in merged_bindings(node).key_to_bindings.items():
            for binding in bindings:
                what = binding.tooltip or binding.description
                if not binding.description or binding.system:
                    continue
                label = _key_label(binding)
                if label.startswith("super+"):
                    continue  # the macOS twin of a ctrl key; one line is enough
                if (label, binding.description) in seen:
                    continue
                seen.add((label, binding.description))
                rows.append((label, f"{binding.description}: {what}" if binding.tooltip else what))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the app, the main screen and each pane, then the about text."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close", tooltip="Close the help."),
        Binding("f1", "dismiss", "Close", id="help.close_f1", show=False,
                tooltip="Close the help."),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Help"
            body.border_subtitle = "esc to close"
            yield Static(self._text(), id="help-text")

    def _text(self) -> Text:
        from tui.screens.main import MainScreen
        from tui.widgets.pane import Pane

        app = self.app
        help_text = knowledge().help
        out = Text()
        out.append("closer\n", style="bold")
        out.append(help_text.about + "\n\n")

        main = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
        sections: list[tuple[str, list[DOMNode]]] = [
            ("Everywhere", [app] + ([main] if main else [])),
        ]
        if main is not None:
            for pane in main.query(Pane):
                sections.append((pane.PANE_TITLE, [pane, *pane.walk_children()]))
        sections.append(("Command palette", []))
        for title, nodes in sections:
            rows = binding_rows(nodes) if nodes else [
                ("ctrl+p", "Find any command, and (in time) any record, by typing part of it")
            ]
            if not rows:
                continue
            out.append(f"{title}\n", style="bold")
            width = max(len(k) for k, _ in rows)
            for key, what in rows:
                out.append(f"  {key:<{width}}  ", style="bold")
                lines = textwrap.wrap(what, HELP_WIDTH - width - 4) or [""]
                out.append(lines[0] + "\n")
                for more in lines[1:]:
                    out.append(" " * (width + 4) + more + "\n")
            out.append("\n")

        out.append("A private tool, not therapy\n", style="bold")
        out.append(help_text.not_therapy + "\n\n")
        out.append("If you feel unsafe\n", style="bold")
        out.append(help_text.safety + "\n")
        return out

    def action_dismiss(self) -> None:
        self.dismiss(None)
