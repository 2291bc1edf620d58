"""Write: a free journal entry (title, text, mood, #tags, a star), kept as a draft while it
is written, saved with one key; the text can go out to ``$EDITOR`` and come back.

Below it, "One small thing today": something from the love list not done today, else a small
connecting action from content, and a line to say you did it (a love-list item is marked done
today, with the words as its note; anything else is kept as a short entry).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, Header, Input, Select, Static, TextArea

from storage import JournalError, dates
from storage.text import tags_in
from tui.compat import QuietFooter
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.toggles import Tick
from tui.widgets.choice import Menu

LONG_LINE = 100_000
"""A line longer than this turns soft wrap off: wrapping one enormous line is slow."""

MOODS = [
    ("+2  very good", 2),
    ("+1  good", 1),
    (" 0  in between", 0),
    ("-1  low", -1),
    ("-2  very low", -2),
]


PLAIN_PLACEHOLDER = "What did you do? Enter keeps it as a short entry."
LOVE_PLACEHOLDER = "Did it? Enter marks it done today; a few words about it are optional."


def parse_tags(text: str) -> list[str]:
    """Tags as typed in the tags field: separated by spaces or commas, ``#`` optional."""
    return [t.lstrip("#@") for t in text.replace(",", " ").split() if t.strip("#@")]


class WriteScreen(Drafted, Reach, Screen):
    """Write a new entry, or edit one (``entry_id``). Escape leaves; the draft stays."""

    CSS_PATH = "look_back.tcss"
    """Look back's stylesheet, which styles Write too: read when either first opens."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="write.back",
                tooltip="Go back. Nothing is lost: unsaved writing stays as a draft and "
                        "comes back next time."),
        Binding("ctrl+r", "save", "Save entry", id="write.save",
                tooltip="Keep this entry in your journal.", priority=True),
        Binding("ctrl+o", "external_editor", "Editor", id="write.editor",
                tooltip="Write the text in your own editor ($VISUAL or $EDITOR); what you "
                        "save there comes back here.", priority=True),
        Binding("ctrl+n", "next_small_thing", "Another idea", id="write.small_thing",
                tooltip="Show another small thing you could do today.", priority=True),
    ]

    def __init__(self, entry_id: int | None = None) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.draft = FormDraft(
            self, f"entry:{entry_id}" if entry_id is not None else "entry:new",
            what="Your entry" if entry_id is None else f"Your change to entry {entry_id}",
            state=self.state, say=lambda text, error: self._say(text, error=error))
        self._entry = None
        self._skip = 0
        self._action_key = ""
        self._love_id: int | None = None

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="write-form"):
            yield Input(placeholder="Title (optional)", id="write-title")
            yield TextArea(id="write-body", soft_wrap=True, tab_behavior="focus",
                           show_line_numbers=False)
            with Horizontal(id="write-meta"):
                yield Menu(MOODS, prompt="Mood (optional)", id="write-mood")
                yield Input(placeholder="#tags, separated by spaces", id="write-tags")
                yield Tick("Starred", id="write-starred")
            yield Static("", id="write-status", markup=False)
        with Vertical(id="small-thing"):
            yield Static("", id="small-thing-text", markup=False)
            yield Input(placeholder=PLAIN_PLACEHOLDER, id="small-thing-done")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Write" if self.entry_id is None else "Edit entry"
        form = self.query_one("#write-form")
        form.border_title = self.title
        self.query_one("#small-thing").border_title = "One small thing today"
        self._show_small_thing()
        try:
            self._load()
        except JournalError as exc:
            self._say(str(exc), error=True)
        # A new entry starts at its title (what is typed first goes there; enter or tab
        # moves on to the text); a saved entry, or a draft that came back, opens in its
        # text, to go on writing.
        fresh = self.entry_id is None and not any(
            (self.query_one("#write-title", Input).value,
             self.query_one("#write-body", TextArea).text))
        self.query_one("#write-title" if fresh else "#write-body").focus()

    def _load(self) -> None:
        clean = {"title": "", "body": "", "mood": None, "tags": "", "starred": False}
        if self.entry_id is not None:
            entry = self.journal.entries.get(self.entry_id)
            self._entry = entry
            written = set(tags_in(entry.title + "\n" + entry.body))
            clean = {
                "title": entry.title,
                "body": entry.body,
                "mood": entry.mood,
                "tags": " ".join(f"#{t}" for t in entry.tags if t not in written),
                "starred": entry.starred,
            }
            self.sub_title = f"written {dates.local(entry.occurred_at):%a %d %b %Y, %H:%M}"
        self._fill(self.draft.load(clean))

    def _fill(self, values: dict) -> None:
        self.query_one("#write-title", Input).value = values["title"] or ""
        body = self.query_one("#write-body", TextArea)
        text = values["body"] or ""
        longest = max((len(line) for line in text.split("\n")), default=0)
        body.soft_wrap = longest <= LONG_LINE
        if not body.soft_wrap:
            self._say("This text has very long lines, so wrapping is off to keep it quick.")
        body.load_text(text)
        mood = self.query_one("#write-mood", Select)
        if values["mood"] in (-2, -1, 0, 1, 2):
            mood.value = values["mood"]
        else:
            mood.clear()
        self.query_one("#write-tags", Input).value = values["tags"] or ""
        self.query_one("#write-starred", Checkbox).value = bool(values["starred"])

    def state(self) -> dict:
        """What the form holds now, in the shape a draft keeps."""
        mood = self.query_one("#write-mood", Select).value
        return {
            "title": self.query_one("#write-title", Input).value,
            "body": self.query_one("#write-body", TextArea).text,
            "mood": None if mood is Select.NULL else mood,
            "tags": self.query_one("#write-tags", Input).value,
            "starred": self.query_one("#write-starred", Checkbox).value,
        }

    def _say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#write-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    @on(Input.Submitted, "#write-title")
    def _title_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#write-body", TextArea).focus()

    # -- the draft ------------------------------------------------------------------

    @on(Input.Changed, "#write-form Input")
    @on(TextArea.Changed, "#write-body")
    @on(Select.Changed, "#write-mood")
    @on(Checkbox.Changed, "#write-starred")
    def _changed(self) -> None:
        self.draft.changed()

    def save_draft(self) -> bool:
        """Keep what is written as a draft now. True when it is kept."""
        self.draft.changed()
        return self.draft.flush()

    # -- saving ---------------------------------------------------------------------

    def action_save(self) -> None:
        state = self.state()
        fields = {
            "title": state["title"],
            "body": state["body"],
            "mood": state["mood"],
            "starred": state["starred"],
            "tags": parse_tags(state["tags"]),
        }
        journal = self.journal
        copied = False
        try:
            with journal.transaction():
                if self.entry_id is None:
                    entry = journal.entries.add(**fields)
                else:
                    entry, copied = journal.entries.keep(self.entry_id, base=self._entry,
                                                         **fields)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        if copied:
            self.app.notify(
                f"Entry {self.entry_id} was changed in another closer window while you "
                f"wrote. Both are kept: yours is saved beside it as entry {entry.id}.",
                title="Kept as a new entry", markup=False, timeout=12)
        else:
            self.app.notify(f"Saved: {dates.local(entry.occurred_at):%a %d %b, %H:%M}.",
                            title="Entry kept", markup=False)
        self.dismiss_entry()

    def dismiss_entry(self) -> None:
        self.app.pop_screen()

    def action_leave(self) -> None:
        self.flush_draft()  # what the journal refuses now, the app keeps trying to keep
        self.app.pop_screen()

    # -- $EDITOR --------------------------------------------------------------------

    def action_external_editor(self) -> None:
        from tui import editor

        body = self.query_one("#write-body", TextArea)
        original = body.text
        self.save_draft()
        try:
            editor.command()
            with self.app.suspend():
                text = editor.edit(original)
        except SuspendNotSupported:
            self._say("This terminal cannot hand over to an editor.", error=True)
            return
        except JournalError as exc:
            self._say(f"{str(exc)[0].upper()}{str(exc)[1:]}.", error=True)
            return
        if text != original:
            body.load_text(text)
            self.draft.changed()
            self._say("The text from your editor is in.")
        body.focus()

    # -- one small thing ------------------------------------------------------------

    def _show_small_thing(self) -> None:
        action = self.journal.review.small_thing(dates.today(), skip=self._skip)
        self._action_key = action.key
        self._love_id = action.love_id
        text = self.query_one("#small-thing-text", Static)
        done = self.query_one("#small-thing-done", Input)
        if action.love_id is None:
            text.update(Text(action.text))
            done.placeholder = PLAIN_PLACEHOLDER
        else:
            text.update(Text.assemble(("From your love list: ", "bold"), action.text))
            done.placeholder = LOVE_PLACEHOLDER

    def action_next_small_thing(self) -> None:
        self._skip += 1
        self._show_small_thing()

    @on(Input.Submitted, "#small-thing-done")
    def _small_thing_done(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            if self._love_id is not None:
                self.journal.love.did(self._love_id, dates.today(), note=event.value)
            else:
                self.journal.review.note_small_thing(event.value)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        event.input.value = ""
        if self._love_id is not None:
            self._say("Marked as done today on your love list (Small things, F10).")
            self._show_small_thing()
        else:
            self._say("Kept in your journal as a short entry tagged #smallthing.")
