"""Evidence that points at another record: the list of links under an evidence field, and
the dialog that picks an entry or a loop moment to link."""

from __future__ import annotations

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.thoughts import EvidenceItem
from tui.reach import Reach

MIN_QUERY = 2


def item_content(item: EvidenceItem, *, muted: str = "$text-muted") -> Content:
    """An entry or loop moment in one or two lines: kind and day, then its first words."""
    when = f" · {dates.local(item.occurred_at):%a %d %b}" if item.occurred_at else ""
    return Content.assemble((f"{item.kind_name}{when}", muted), "\n", item.text)


class LinkList(OptionList):
    """The entries and loop moments linked as evidence on one side of the story."""

    DEFAULT_CSS = """
    LinkList { height: auto; max-height: 8; border: none; padding: 0;
               background: transparent; }
    LinkList:focus { background-tint: $foreground 5%; }
    """

    BINDINGS = [
        Binding("delete,backspace", "unlink", "Unlink", id="thought.link.remove",
                tooltip="Take this link off the evidence (the entry or moment itself stays)."),
    ]

    class Unlink(Message):
        def __init__(self, links: LinkList, kind: str, row_id: int) -> None:
            super().__init__()
            self.links = links
            self.kind = kind
            self.row_id = row_id

        @property
        def control(self) -> LinkList:
            return self.links

    def __init__(self, side: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side = side
        self.items: list[EvidenceItem] = []
        self.tooltip = "Enter opens the linked entry or moment; Delete unlinks it."

    def show(self, items: list[EvidenceItem]) -> None:
        highlighted = self.highlighted
        self.items = list(items)
        self.clear_options()
        self.add_options([Option(item_content(item), id=f"{item.kind}:{item.id}")
                          for item in self.items])
        self.display = bool(self.items)
        if self.items:
            self.highlighted = min(highlighted or 0, len(self.items) - 1)

    def action_unlink(self) -> None:
        if self.highlighted is None or not self.items:
            return
        item = self.items[self.highlighted]
        self.post_message(self.Unlink(self, item.kind, item.id))


class EvidencePicker(Reach, ModalScreen[EvidenceItem | None]):
    """Choose an entry or a loop moment: those near the record's day, or by words."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Back", id="thought.evidence.back",
                tooltip="Go back without linking anything."),
    ]

    class Found(Message):
        def __init__(self, items: list[EvidenceItem], query: str, error: str = "") -> None:
            super().__init__()
            self.items = items
            self.query = query
            self.error = error

    def __init__(self, moment: datetime, side: str, linked: set[tuple[str, int]]) -> None:
        super().__init__()
        self.moment = moment
        self.side = side
        self.linked = linked
        self.items: list[EvidenceItem] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-box"):
            yield Static(Content.assemble(
                ("Link evidence " + ("for" if self.side == "for" else "against") + " the story",
                 "bold"),
                (("\nEntries and loop moments from around the day of this record. Type to "
                  "find others by their words."), "$text-muted"),
            ), id="evidence-title")
            yield Input(placeholder="words to look for", id="evidence-query")
            yield OptionList(id="evidence-list")
            yield Static("", id="evidence-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#evidence-box").border_title = "Evidence"
        self._look("")

    @on(Input.Changed, "#evidence-query")
    def _typed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self._look(query if sum(len(w) for w in query.split()) >= MIN_QUERY else "")

    @on(Input.Submitted, "#evidence-query")
    def _to_list(self) -> None:
        self.query_one("#evidence-list", OptionList).focus()

    @work(thread=True, exclusive=True, group="thought-evidence")
    def _look(self, query: str) -> None:
        try:
            with self.journal.reader() as reader:
                if query:
                    items = reader.thoughts.find_evidence(query)
                else:
                    items = reader.thoughts.evidence_near(self.moment)
        except JournalError as exc:
            self.post_message(self.Found([], query, str(exc)))
            return
        self.post_message(self.Found(items, query))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.query != self._query_now():
            return
        self.items = [i for i in event.items if (i.kind, i.id) not in self.linked]
        options = self.query_one("#evidence-list", OptionList)
        options.clear_options()
        options.add_options([Option(item_content(item)) for item in self.items])
        if self.items:
            options.highlighted = 0
        message = self.query_one("#evidence-message", Static)
        if event.error:
            message.update(event.error)
        elif not self.items:
            message.update("Nothing found. Try other words." if event.query else
                           "No entries or loop moments in the two weeks around this record. "
                           "Type to look further.")
        else:
            message.update("Enter links the highlighted one.")

    def _query_now(self) -> str:
        query = self.query_one("#evidence-query", Input).value.strip()
        return query if sum(len(w) for w in query.split()) >= MIN_QUERY else ""

    @on(OptionList.OptionSelected, "#evidence-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.items[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
