"""Look back's brief: choose the weeks and the sections, write the questions to bring, and
write the brief to a file (Markdown, or a printable page when the name ends ``.html``).

What goes in it is :mod:`storage.brief`'s; this dialog only asks and says where it went.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static, TextArea

from storage import JournalError
from storage.brief import (
    DEFAULT_WEEKS,
    SECTIONS,
    default_path,
    make_brief,
    questions,
    save_brief,
    set_questions,
)
from tui.reach import Reach
from tui.widgets.toggles import Tick


class BriefDialog(Reach, ModalScreen[str | None]):
    """Dismisses with the path written, or None when closed without writing."""

    DEFAULT_CSS = """
    BriefDialog {
        align: center middle;
    }
    BriefDialog #brief-box {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    BriefDialog .brief-row {
        height: auto;
    }
    BriefDialog #brief-weeks {
        width: 16;
    }
    BriefDialog #brief-file {
        width: 1fr;
    }
    BriefDialog #brief-sections {
        height: auto;
        layout: grid;
        grid-size: 2;
        grid-rows: 3;
    }
    BriefDialog.-narrow #brief-sections {
        grid-size: 1;  /* each section's words whole, one a line */
    }
    BriefDialog #brief-questions {
        height: 6;
    }
    BriefDialog #brief-message.-error {
        color: $error;
    }
    BriefDialog #brief-buttons Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="brief.cancel",
                tooltip="Close without writing the brief (the questions are kept only when "
                        "you write it)."),
    ]

    def compose(self) -> ComposeResult:
        journal = self.journal
        with Vertical(id="brief-box") as box:
            box.border_title = "A brief to bring to a therapist"
            box.border_subtitle = "only what you tick goes in · esc to cancel"
            yield Static("Weeks to cover, and where to write it (a name ending .html makes a "
                         "printable page):", markup=False)
            with Horizontal(classes="brief-row"):
                yield Input(str(DEFAULT_WEEKS), placeholder="weeks", id="brief-weeks",
                            type="integer")
                yield Input(default_path(journal), placeholder="file", id="brief-file")
            with Vertical(id="brief-sections"):
                for key, (words, _) in SECTIONS.items():
                    yield Tick(words[0].upper() + words[1:], True, id=f"brief-part-{key}")
            yield Static("Questions you want to bring, one a line:", markup=False)
            area = TextArea("\n".join(questions(journal)), id="brief-questions",
                            soft_wrap=True, show_line_numbers=False)
            yield area
            yield Static("", id="brief-message", markup=False)
            with Horizontal(id="brief-buttons", classes="brief-row"):
                yield Button("Write the brief", variant="primary", id="brief-write")
                yield Button("Cancel", id="brief-cancel")

    def _say(self, text: str) -> None:
        message = self.query_one("#brief-message", Static)
        message.update(text)
        message.set_class(bool(text), "-error")

    @on(Button.Pressed, "#brief-write")
    @on(Input.Submitted)
    def write(self) -> None:
        """Keep the questions, make the brief with the sections ticked, write it; say why
        in one line when something does not read."""
        typed = self.query_one("#brief-weeks", Input).value.strip()
        if not typed.isdigit():
            self._say("Weeks: type a whole number, like 8.")
            return
        without = {key for key in SECTIONS
                   if not self.query_one(f"#brief-part-{key}", Checkbox).value}
        if without == set(SECTIONS):
            self._say("Tick at least one section.")
            return
        journal = self.journal
        try:
            set_questions(journal, self.query_one("#brief-questions", TextArea).text
                          .splitlines())
            brief = make_brief(journal, weeks=int(typed), without=without)
            written = save_brief(journal, brief, self.query_one("#brief-file", Input).value)
        except JournalError as exc:
            self._say(str(exc)[:1].upper() + str(exc)[1:] + ".")
            return
        self.dismiss(written)

    @on(Button.Pressed, "#brief-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
