"""The Phrases tab of Small things: a phrase book grouped by what you want to do (open a
conversation, show you heard, give space, reassure, ask with curiosity), the book's phrases
written for your part in the loop and your own, favourites first (★). A phrase can be sent
on: to the next step of a thought record, or to the step a Right now moment ends with. And
the critical-to-curious rewrite (c): what you are about to say beside curious ways to say
it.

The rules are in :mod:`storage.phrases`; this module draws them and asks for changes. The
forms are in :mod:`tui.screens.small_things.phrase_forms`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static

from storage import JournalError
from storage.phrases import FAVOURITE, Phrase
from tui.screens.small_things.rows import RowList
from tui.screens.small_things.tab import SmallTab

MUTED = "$text-muted"
NOT_FAVOURITE = "☆"
"""The mark of a phrase that is not a favourite (a list line's leading spaces are not
drawn, and the shape tells the two apart without colour)."""


def option_id(phrase: Phrase) -> str:
    """A phrase's option in the list: ``book-<key>`` or ``own-<id>``."""
    return f"book-{phrase.book_key}" if phrase.book_key else f"own-{phrase.id}"


class PhrasesTab(SmallTab):
    """The phrase book, with the keys to add, favourite, send on and rewrite."""

    DEFAULT_CSS = """
    PhrasesTab { overflow-y: auto; }
    PhrasesTab #phrases-head { height: auto; color: $text-muted; }
    PhrasesTab #phrases-list {
        height: 1fr; min-height: 6; border: none; padding: 0; background: transparent;
    }
    PhrasesTab #phrases-list:focus { background-tint: $foreground 5%; }
    PhrasesTab #phrases-detail { height: auto; margin: 1 0 0 0; }
    """

    HELP_PARTS = (
        ("A phrase of your own (a)", "tui.screens.small_things.phrase_forms:PhraseForm"),
        ("Critical to curious (c)", "tui.screens.small_things.phrase_forms:RewriteScreen"),
    )
    """The forms it opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("f", "favourite", "Favourite", id="phrases.favourite",
                tooltip="Mark the highlighted phrase as a favourite (★), or not any more: "
                        "favourites come first."),
        Binding("a", "add", "Add your own", id="phrases.add",
                tooltip="Add a phrase in your own words, under what it is for."),
        Binding("c", "rewrite", "Curious", id="phrases.rewrite",
                tooltip="Find a curious way to say it: what you're about to say, beside "
                        "curious versions, and keep your own pair."),
        Binding("t", "to_thought", "To thought", id="phrases.to_thought",
                tooltip="Put the highlighted phrase in the next step of a thought record "
                        "(the one open in its pane, or a new one)."),
        Binding("r", "to_right_now", "To Right now", id="phrases.to_right_now",
                tooltip="Open Right now with the highlighted phrase waiting as the step "
                        "it ends with."),
        Binding("e", "edit", "Change", id="phrases.edit", show=False,
                tooltip="Change the highlighted phrase of your own (enter does the same)."),
        Binding("delete", "delete", "Delete", id="phrases.delete", show=False,
                tooltip="Move the highlighted phrase of your own to the trash (ctrl+z "
                        "brings it back). The book's phrases stay."),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="phrases-head")
        yield RowList(id="phrases-list")
        yield Static("", id="phrases-detail")

    def on_mount(self) -> None:
        self._want: str | None = None
        self._phrases: dict[str, Phrase] = {}
        self.reload()

    @property
    def phrase_list(self) -> RowList:
        return self.query_one("#phrases-list", RowList)

    def focus_first(self) -> None:
        self.phrase_list.focus()

    def reload(self) -> None:
        from content import knowledge

        words = knowledge().small_things
        keep = self._want or self._current_id()
        self._want = None
        try:
            book = self.journal.phrases.book(self.journal.loop.my_role())
        except JournalError as exc:
            book = []
            self.query_one("#phrases-head", Static).update(Content(str(exc)))
        else:
            self.query_one("#phrases-head", Static).update(Content.assemble(
                (words.practice("phrase_book").description, ""),
                ("\n★ a favourite (f) · a: add your own · c: curious, not critical", MUTED)))
        options = self.phrase_list
        options.clear_rows()
        self._phrases = {}
        for intent, phrases in book:
            options.add_row(Content.assemble((words.intent(intent).name, "bold")),
                            disabled=True)
            for phrase in phrases:
                self._phrases[option_id(phrase)] = phrase
                options.add_row(self._row(phrase), id=option_id(phrase))
        index = None
        if keep is not None:
            try:
                index = options.get_option_index(keep)
            except Exception:  # gone (deleted, or a favourite no more): the first phrase
                index = None
        if index is None and self._phrases:
            index = options.get_option_index(next(iter(self._phrases)))
        options.highlighted = index
        self._show_detail()
        self.refresh_bindings()

    @staticmethod
    def _row(phrase: Phrase) -> Content:
        parts: list = [(f"{FAVOURITE} ", "$accent bold") if phrase.favourite
                       else (f"{NOT_FAVOURITE} ", MUTED), phrase.text]
        if phrase.own:
            parts.append((" · yours", MUTED))
        return Content.assemble(*parts)

    def _current_id(self) -> str | None:
        if not self.is_mounted:
            return None
        options = self.phrase_list
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

    def current(self) -> Phrase | None:
        found = self._current_id()
        return self._phrases.get(found) if found else None

    def _show_detail(self) -> None:
        from content import knowledge

        detail = self.query_one("#phrases-detail", Static)
        phrase = self.current()
        if phrase is None:
            detail.update("")
            return
        intent = knowledge().small_things.intent(phrase.intent)
        parts: list = [(intent.name, "bold"), (f"  {intent.description}", MUTED),
                       "\n", phrase.text]
        if phrase.instead_of:
            parts += [("\nInstead of: ", "bold"), phrase.instead_of]
        parts.append((f"\n{'Yours' if phrase.own else 'From the book'}"
                      f"{' · a favourite' if phrase.favourite else ''}"
                      f"{' · e to change · delete to remove' if phrase.own else ''}"
                      " · t to a thought record's next step · r to Right now", MUTED))
        detail.update(Content.assemble(*parts))

    @on(OptionList.OptionHighlighted, "#phrases-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#phrases-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        phrase = self.current()
        if phrase is not None and phrase.own:
            self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        phrase = self.current()
        if action in ("favourite", "to_thought", "to_right_now") and phrase is None:
            return None
        if action in ("edit", "delete") and (phrase is None or not phrase.own):
            return None
        return True

    # -- actions ------------------------------------------------------------------------

    def _done(self, row_id: int | None) -> None:
        if row_id is not None:
            self._want = f"own-{row_id}"
            self.reload()
            self.phrase_list.focus()

    def action_add(self) -> None:
        from tui.screens.small_things.phrase_forms import PhraseForm

        phrase = self.current()
        self.app.push_screen(PhraseForm(intent=phrase.intent if phrase else None), self._done)

    def action_edit(self) -> None:
        from tui.screens.small_things.phrase_forms import PhraseForm

        phrase = self.current()
        if phrase is not None and phrase.own:
            self.app.push_screen(PhraseForm(phrase.id), self._done)

    def action_rewrite(self) -> None:
        from tui.screens.small_things.phrase_forms import RewriteScreen

        self.app.push_screen(RewriteScreen(), self._done)

    def action_favourite(self) -> None:
        phrase = self.current()
        if phrase is None:
            return
        try:
            now = self.journal.phrases.toggle(phrase)
        except JournalError as exc:
            self.notify(str(exc), title="Not kept", severity="error", markup=False)
            return
        self._want = option_id(now)
        self.reload()

    def action_delete(self) -> None:
        phrase = self.current()
        if phrase is not None and phrase.own and phrase.id is not None:
            self.closer_app.move_to_trash("phrase", phrase.id)

    def action_to_thought(self) -> None:
        """The phrase goes to a thought record's next step, in the Thought record pane."""
        phrase = self.current()
        if phrase is None:
            return
        app = self.closer_app
        main = app.get_screen_stack_main()
        pane = main.query_one("#thought")
        text = phrase.text
        self.screen.dismiss()
        main.show_pane("thought")
        app.call_later(pane.open_with_step, text)  # type: ignore[attr-defined]

    def action_to_right_now(self) -> None:
        """Right now opens over this tab, the phrase waiting as the step it ends with."""
        from tui.screens.right_now import RightNowScreen

        phrase = self.current()
        if phrase is not None:
            self.app.push_screen(RightNowScreen(step=phrase.text))

    def records_changed(self) -> None:
        self.reload()

    def open_record(self, kind: str, record_id: int) -> None:
        try:
            row = self.journal.phrases.get(record_id)
        except JournalError:
            return
        self._want = f"book-{row.book_key}" if row.book_key else f"own-{row.id}"
        self.reload()
        self.phrase_list.focus()

