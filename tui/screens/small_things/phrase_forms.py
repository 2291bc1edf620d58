"""The phrase book's two forms: a phrase of one's own (what it is for, the words, and for a
curious one the critical words it replaces), and the critical-to-curious rewrite: what you
are about to say, side by side with curious ways to say it, and your own pair kept. Both keep
what is typed as a draft until it is kept; escape leaves it for next time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static

from storage import JournalError
from storage.phrases import Version
from tui.compat import StillFocus
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.screens.small_things.rows import RowList
from tui.widgets.choice import Menu

MUTED = "$text-muted"
REWRITE_KEY = "phrase:rewrite"
"""The drafts key of the rewrite (one at a time)."""

FORM_CSS = """
    {name} {{ align: center middle; }}
    {name} .phrase-box {{
        width: 78; max-width: 100%; height: auto; max-height: 100%; overflow-y: auto;
        border: round $accent; border-title-color: $accent; background: $surface;
        padding: 0 1;
    }}
    {name} .phrase-words {{ color: $text-muted; height: auto; }}
    {name} Label {{ color: $text-muted; margin: 1 0 0 0; }}
    {name} .phrase-message {{ height: auto; color: $text-muted; }}
    {name} .phrase-message.-error {{ color: $error; }}
    {name} .phrase-buttons {{ height: auto; }}
    {name} .phrase-buttons Button {{ margin-right: 2; }}
"""


def phrase_key(phrase_id: int | None) -> str:
    return f"phrase:{phrase_id if phrase_id is not None else 'new'}"


class _Form(Drafted, Reach, StillFocus, ModalScreen[int | None]):
    """What both forms share: a status line, and leaving with the draft kept."""

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one(".phrase-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)


class PhraseForm(_Form):
    """A phrase of one's own, new (``phrase_id`` None) or changed; dismisses with its id."""

    DEFAULT_CSS = FORM_CSS.format(name="PhraseForm")

    BINDINGS = [
        Binding("escape", "leave", "Back", id="phrases.form.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "keep", "Keep it", id="phrases.form.keep", priority=True,
                tooltip="Keep this phrase in your book (enter in a field does the same)."),
    ]

    def __init__(self, phrase_id: int | None = None, intent: str | None = None) -> None:
        super().__init__()
        self.phrase_id = phrase_id
        self.intent = intent
        self.draft = FormDraft(self, phrase_key(phrase_id), what="The phrase you were writing",
                               state=self.state, say=self._say)

    def compose(self) -> ComposeResult:
        from content import knowledge

        intents = knowledge().small_things.phrase_intents
        with Vertical(classes="phrase-box", id="phrase-form"):
            yield Label("What it is for")
            yield Menu([(i.name, i.key) for i in intents], prompt="Choose one",
                       allow_blank=False, id="phrase-intent")
            yield Static("", classes="phrase-words", id="phrase-intent-words")
            yield Label("The phrase, in your own words")
            yield Input(placeholder="Words you'd like to have ready", id="phrase-text",
                        select_on_focus=False)
            yield Label("Instead of (optional): the words it replaces", id="phrase-instead-label")
            yield Input(placeholder="What you might say when it's hard", id="phrase-instead",
                        select_on_focus=False)
            yield Static("", classes="phrase-message", markup=False)
            with Horizontal(classes="phrase-buttons"):
                yield Button("Keep it", variant="primary", id="phrase-keep")
                yield Button("Back", id="phrase-back")

    def on_mount(self) -> None:
        self.query_one("#phrase-form").border_title = (
            "A phrase of your own" if self.phrase_id is None else "Changing your phrase")
        clean = {"intent": self.intent or "open", "text": "", "instead_of": ""}
        if self.phrase_id is not None:
            row = self.journal.phrases.get(self.phrase_id)
            clean = {"intent": row.intent, "text": row.text, "instead_of": row.instead_of}
        values = self.draft.load(clean)
        self.query_one("#phrase-intent", Menu).value = values["intent"]
        self.query_one("#phrase-text", Input).value = values["text"] or ""
        self.query_one("#phrase-instead", Input).value = values["instead_of"] or ""
        self._show_intent()
        self.draft.filled()
        self.query_one("#phrase-text", Input).focus()

    def state(self) -> dict:
        intent = self.query_one("#phrase-intent", Menu).value
        return {"intent": "open" if intent is Select.NULL else intent,
                "text": self.query_one("#phrase-text", Input).value,
                "instead_of": self.query_one("#phrase-instead", Input).value}

    def _show_intent(self) -> None:
        from content import knowledge

        intent = self.state()["intent"]
        self.query_one("#phrase-intent-words", Static).update(
            Content(knowledge().small_things.intent(intent).description))
        curious = intent == "curious"
        self.query_one("#phrase-instead").display = curious
        self.query_one("#phrase-instead-label").display = curious

    @on(Select.Changed, "#phrase-intent")
    @on(Input.Changed)
    def _changed(self) -> None:
        self._show_intent()
        self.draft.changed()

    @on(Input.Submitted)
    @on(Button.Pressed, "#phrase-keep")
    def action_keep(self) -> None:
        state = self.state()
        if state["intent"] != "curious":
            state["instead_of"] = ""
        journal = self.journal
        try:
            with journal.transaction():
                if self.phrase_id is None:
                    row = journal.phrases.add(**state)
                else:
                    row = journal.phrases.update(self.phrase_id, **state)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), True)
            return
        self.draft.saved()
        self.dismiss(row.id)

    @on(Button.Pressed, "#phrase-back")
    def _back(self) -> None:
        self.action_leave()


def version_content(version: Version) -> Content:
    """One curious version as the rewrite lists it: the curious words, and below them,
    dimmed, the critical words they replace and whose they are."""
    source = {"own": "yours", "reframe": "", "book": "from the book"}[version.source]
    parts: list = [version.curious]
    under = [f"instead of \u201c{version.critical}\u201d" if version.critical else "", source]
    under = [u for u in under if u]
    if under:
        parts.append((f"\n{' · '.join(under)}", f"{MUTED} italic"))
    return Content.assemble(*parts)


class RewriteScreen(_Form):
    """Critical to curious: type what you are about to say, see curious ways to say it side
    by side, and keep your own pair (a curious phrase with the words it replaces)."""

    DEFAULT_CSS = FORM_CSS.format(name="RewriteScreen") + """
    RewriteScreen #rewrite-sides { height: auto; }
    RewriteScreen #rewrite-left { width: 1fr; height: auto; margin-right: 1; }
    RewriteScreen #rewrite-right { width: 1fr; height: auto; }
    RewriteScreen #rewrite-versions {
        height: auto; max-height: 8; border: none; padding: 0; background: transparent;
    }
    RewriteScreen #rewrite-versions:focus { background-tint: $foreground 5%; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back", id="phrases.rewrite.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "keep", "Keep the pair", id="phrases.rewrite.keep", priority=True,
                tooltip="Keep your curious words with the critical ones they replace, in "
                        "your phrase book."),
    ]

    def __init__(self, said: str = "") -> None:
        super().__init__()
        self.said = said
        self.draft = FormDraft(self, REWRITE_KEY, what="The curious words you were writing",
                               state=self.state, say=self._say)
        self._versions: list[Version] = []

    def compose(self) -> ComposeResult:
        from content import knowledge

        with Vertical(classes="phrase-box", id="rewrite-form"):
            yield Static(Content(knowledge().small_things.intent("curious").description),
                         classes="phrase-words")
            with Horizontal(id="rewrite-sides"):
                with Vertical(id="rewrite-left"):
                    yield Label("What I'm about to say")
                    yield Input(placeholder="You never …", id="rewrite-said",
                                select_on_focus=False)
                with Vertical(id="rewrite-right"):
                    yield Label("A curious way to say it")
                    yield Input(placeholder="What might be hard for you …",
                                id="rewrite-curious", select_on_focus=False)
            yield Label("Curious versions, the closest first (enter takes one)")
            yield RowList(id="rewrite-versions")
            yield Static("", classes="phrase-message", markup=False)
            with Horizontal(classes="phrase-buttons"):
                yield Button("Keep the pair", variant="primary", id="rewrite-keep")
                yield Button("Back", id="rewrite-back")

    def on_mount(self) -> None:
        from content import knowledge

        self.query_one("#rewrite-form").border_title = \
            knowledge().small_things.intent("curious").name
        self.role = self.journal.loop.my_role()
        values = self.draft.load({"said": self.said, "curious": ""})
        self.query_one("#rewrite-said", Input).value = values["said"] or ""
        self.query_one("#rewrite-curious", Input).value = values["curious"] or ""
        self._show_versions()
        self.draft.filled()
        self.query_one("#rewrite-said", Input).focus()

    def state(self) -> dict:
        return {"said": self.query_one("#rewrite-said", Input).value,
                "curious": self.query_one("#rewrite-curious", Input).value}

    def _show_versions(self) -> None:
        try:
            self._versions = self.journal.phrases.curious_versions(self.role, self.state()["said"])
        except JournalError as exc:
            self._say(str(exc), True)
            return
        options = self.query_one("#rewrite-versions", RowList)
        options.clear_rows()
        for n, version in enumerate(self._versions):
            options.add_row(version_content(version), id=f"version-{n}")
        if self._versions:
            options.highlighted = 0

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id == "rewrite-said":
            self._show_versions()
        self.draft.changed()

    @on(Input.Submitted, "#rewrite-said")
    def _said_done(self) -> None:
        self.query_one("#rewrite-versions", OptionList).focus()

    @on(OptionList.OptionSelected, "#rewrite-versions")
    def _taken(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        version = self._versions[int((event.option.id or "version-0").rsplit("-", 1)[1])]
        curious = self.query_one("#rewrite-curious", Input)
        known = {v.curious for v in self._versions}
        if curious.value.strip() and curious.value.strip() not in known:
            self._say("Your own words stay; empty the curious line to take this one.")
            return
        curious.value = version.curious
        curious.focus()
        curious.cursor_position = len(curious.value)

    @on(Input.Submitted, "#rewrite-curious")
    @on(Button.Pressed, "#rewrite-keep")
    def action_keep(self) -> None:
        state = self.state()
        journal = self.journal
        try:
            with journal.transaction():
                row = journal.phrases.keep_pair(state["said"], state["curious"])
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), True)
            return
        self.draft.saved()
        self.dismiss(row.id)

    @on(Button.Pressed, "#rewrite-back")
    def _back(self) -> None:
        self.action_leave()
