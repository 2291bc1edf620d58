"""The `Thought record` pane: past records (newest first, with the belief shift) and the form
that writes one, a CBT thought record built around the story told about the distance.

Everything it shows comes from :class:`storage.thoughts.Thoughts`. The list reads only its
size, its drafts and the pages in view (indexed reads of well under a millisecond each), so
a journal with years of records opens as quickly as an empty one, in the same first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, Static

from storage import JournalError
from storage.thoughts import ThoughtSummary, shift_words
from tui.panes.thought.change import MUTED, detail_content
from tui.panes.thought.record_list import ThoughtList
from tui.widgets.fit import ScrollingBox
from tui.widgets.pane import PaletteCommand, Pane

if TYPE_CHECKING:
    from tui.panes.thought.form import ThoughtForm


class ThoughtPane(Pane):
    PANE_TITLE = "Thought record"
    KINDS = ("thought_record",)

    HELP_PARTS = (
        ("Writing a record (n)", "tui.panes.thought.form:ThoughtForm"),
        ("A rating", "tui.panes.thought.inputs:RatingBar"),
        ("A feeling", "tui.panes.thought.inputs:FeelingRow"),
        ("Linked evidence", "tui.panes.thought.evidence:LinkList"),
        ("Choosing evidence", "tui.panes.thought.evidence:EvidencePicker"),
    )
    """The forms and dialogs it opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("n", "new", "New record", id="thought.new",
                tooltip="Start a thought record: write down the story you're telling "
                        "yourself, and test it."),
        Binding("r", "resume", "Resume draft", id="thought.resume",
                tooltip="Carry on with the draft you worked on last."),
        Binding("delete", "delete", "Delete", id="thought.delete",
                tooltip="Move the highlighted record to the trash (ctrl+z brings it back)."),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._want: int | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="thought-browse", id="thought-switcher"):
            with Vertical(id="thought-browse"):
                yield Static("", id="thought-count")
                yield ThoughtList(id="thought-list")
                with ScrollingBox(id="thought-detail-box"):
                    yield Static("", id="thought-detail")
            yield Vertical(id="thought-editor")

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()

    @property
    def switcher(self) -> ContentSwitcher:
        return self.query_one("#thought-switcher", ContentSwitcher)

    @property
    def record_list(self) -> ThoughtList:
        return self.query_one("#thought-list", ThoughtList)

    @property
    def form(self) -> ThoughtForm | None:
        found = self.query("ThoughtForm")  # by name: the form's module loads when first opened
        return cast("ThoughtForm", found.first()) if found else None

    @property
    def editing(self) -> bool:
        return self.switcher.current == "thought-editor" and self.form is not None

    def focus_first(self) -> None:
        form = self.form
        if self.editing and form is not None:
            form.focus_first()
        else:
            self.record_list.focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The list's keys are for the list: in the form, letters are for writing.
        if action in ("new", "resume", "delete") and self.is_mounted and self.editing:
            return False
        if action == "delete" and self.current_summary() is None:
            return None
        return True

    # -- the list -------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again: how many records, how many drafts, and where the one to
        keep highlighted now stands. Its rows are read as they come into view."""
        options = self.record_list
        keep = self._want
        if keep is None:
            current = self.current_summary()
            keep = current.id if current is not None else None
        self._want = None
        thoughts = self.journal.thoughts
        error = ""
        try:
            total, drafts = thoughts.count(), thoughts.count("draft")
            index = thoughts.position(keep) if keep is not None else None
        except JournalError as exc:
            total = drafts = 0
            index, error = None, str(exc)
        options.show(total, self._page, highlight=index)
        count = self.query_one("#thought-count", Static)
        if error:
            count.update(Content(error))
        elif not total:
            count.update(Content.assemble(
                ("No thought records yet.", "bold"),
                (("\nWhen a story about the distance takes hold, press n to write it down "
                  "and hold it up against what actually happened."), MUTED)))
        else:
            parts: list = [(f"{total:,} record" + ("s" if total != 1 else ""), "bold")]
            if drafts:
                parts.append((f" · {drafts:,} draft" + ("s" if drafts != 1 else ""), "$warning"))
            parts.append((" · n for a new one", MUTED))
            count.update(Content.assemble(*parts))
        self._show_detail()
        self.refresh_bindings()

    def _page(self, offset: int, limit: int) -> list[ThoughtSummary]:
        return self.journal.thoughts.summaries(limit=limit, offset=offset)

    def current_summary(self) -> ThoughtSummary | None:
        if not self.is_mounted:
            return None
        options = self.record_list
        if options.highlighted is None:
            return None
        return options.item(options.highlighted)

    def _show_detail(self) -> None:
        detail = self.query_one("#thought-detail", Static)
        item = self.current_summary()
        if item is None:
            detail.update("")
            return
        try:
            record = self.journal.thoughts.view(item.id)
        except JournalError as exc:
            detail.update(Content(str(exc)))
            return
        detail.update(detail_content(record))

    @on(ThoughtList.Highlighted, "#thought-list")
    def _highlighted(self, event: ThoughtList.Highlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    @on(ThoughtList.Selected, "#thought-list")
    async def _chosen(self, event: ThoughtList.Selected) -> None:
        event.stop()
        item = self.current_summary()
        if item is not None:
            await self.open_form(item.id)

    # -- the form -------------------------------------------------------------------

    async def open_form(self, record_id: int | None = None) -> None:
        """Open a record in the form (a new one when ``record_id`` is None)."""
        from tui.panes.thought.form import ThoughtForm

        record = None
        if record_id is not None:
            try:
                record = self.journal.thoughts.get(record_id)
            except JournalError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
        editor = self.query_one("#thought-editor", Vertical)
        await editor.remove_children()
        form = ThoughtForm(record, guidance=self.journal.loop.guidance())
        await editor.mount(form)
        self.switcher.current = "thought-editor"
        self.refresh_bindings()
        # A record opens at its top (its title, and for a finished one how belief moved):
        # focusing with a scroll centred the first field, or not, depending on whether the
        # new form had been laid out yet.
        form.focus_first(scroll_visible=False)

    async def open_with_step(self, text: str) -> None:
        """Put ``text`` in the next step of the record open in the form, or of a new one
        when none is open (a phrase sent from the phrase book)."""
        if not self.editing:
            await self.open_form(None)
        form = self.form
        if form is not None:
            form.add_next_step(text)

    async def show_list(self, highlight: int | None = None) -> None:
        """Back to the list (the form's writing is kept), with ``highlight`` selected."""
        await self.query_one("#thought-editor", Vertical).remove_children()
        self.switcher.current = "thought-browse"
        self._want = highlight
        self.reload()
        self.refresh_bindings()
        self.record_list.focus()

    # The form's messages, handled by name (the form module loads only when first opened).
    async def on_thought_form_closed(self, event: ThoughtForm.Closed) -> None:
        event.stop()
        await self.show_list(event.record_id)

    async def on_thought_form_finished(self, event: ThoughtForm.Finished) -> None:
        event.stop()
        try:
            record = self.journal.thoughts.view(event.record_id)
        except JournalError:
            record = None
        note = "Finished and kept in your journal."
        if record is not None:
            before, after = record.story_belief_before, record.story_belief_after
            if before is not None and after is not None:
                note += f" Belief in the story: {shift_words(before, after)}."
            elif before is not None or after is not None:
                note += (f" Belief in the story: {before} before, not rated after." if after
                         is None else f" Belief in the story now: {after}.")
        self.notify(note, title="Thought record", markup=False)
        await self.show_list(event.record_id)

    # -- actions --------------------------------------------------------------------

    async def action_new(self) -> None:
        await self.open_form(None)

    async def action_resume(self) -> None:
        try:
            draft = self.journal.thoughts.latest_draft()
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if draft is None:
            self.notify("No draft to resume: every record is finished. Press n for a new one.",
                        markup=False)
            return
        await self.open_form(draft.id)

    def action_delete(self) -> None:
        """The highlighted record goes to the trash, asking nothing: the toast's ctrl+z or
        the Trash brings it back."""
        item = self.current_summary()
        if item is not None:
            self.closer_app.move_to_trash("thought", item.id)

    def records_changed(self) -> None:
        """Records were deleted or brought back elsewhere: the list reads them again."""
        self.reload()

    # -- the palette and search -----------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand("New thought record",
                           "Write down the story you're telling yourself, and test it",
                           self._from_palette(self.action_new)),
            PaletteCommand("Resume draft thought record", "Carry on with your last draft",
                           self._from_palette(self.action_resume)),
            PaletteCommand("Thought records: the list", "Past records, newest first",
                           self._from_palette(self._palette_list)),
        ]

    async def _palette_list(self) -> None:
        if self.editing:
            form = self.form
            await self.show_list(form.record_id if form else None)

    def _from_palette(self, action):
        def run() -> None:
            show = getattr(self.screen, "show_pane", None)
            if callable(show) and self.id:
                show(self.id)
            self.call_later(action)

        return run

    def open_record(self, kind: str, record_id: int) -> None:
        """A thought record from search: open it in the form, to read or change."""
        if kind not in self.KINDS:
            return
        self.call_later(self.open_form, record_id)
