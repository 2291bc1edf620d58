"""The love list tab of Small things: what says "I love you" to them, where each item came
from (by shape as well as words), when it was last done and how often lately; a key marks
it done today, and pressing it again the same day takes the tick back (to the trash, so
ctrl+z brings it back). Every rule is :class:`storage.love.Love`'s; this only draws it."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.love import WINDOW_DAYS, LoveLine
from tui.screens.small_things.love_form import SOURCE_GLYPHS
from tui.screens.small_things.tab import SmallTab

MUTED = "$text-muted"
DONE = "$success"


def last_words(last: date | None, today: date) -> str:
    """When an item was last done, in words.

    >>> today = date(2026, 11, 18)
    >>> [last_words(d, today) for d in (today, date(2026, 11, 17), date(2026, 11, 12))]
    ['done today', 'last done yesterday', 'last done 6 days ago']
    >>> last_words(date(2026, 10, 2), today), last_words(None, today)
    ('last done on 2 Oct', 'not done yet')
    """
    if last is None:
        return "not done yet"
    days = (today - last).days
    if days == 0:
        return "done today"
    if days == 1:
        return "last done yesterday"
    if days < 14:
        return f"last done {days} days ago"
    return f"last done on {last.day} {last:%b}" + (f" {last:%Y}" if last.year != today.year
                                                     else "")


def recent_words(n: int) -> str:
    """How often lately, counted kindly (nothing said for none).

    >>> recent_words(0), recent_words(1), recent_words(5)
    ('', 'once in the last 4 weeks', '5 days in the last 4 weeks')
    """
    weeks = WINDOW_DAYS // 7
    if not n:
        return ""
    return f"once in the last {weeks} weeks" if n == 1 else f"{n} days in the last {weeks} weeks"


class EmptyList(Vertical, can_focus=True):
    """What an empty love list says: the three places to look, each by its shape, name and
    description. It takes the focus so the tab's keys work."""

    def compose(self) -> ComposeResult:
        from content import knowledge

        words = knowledge().small_things
        yield Static(Text(words.love_list.empty), classes="love-empty-words")
        for source in words.love_sources:
            with Horizontal(classes="love-empty-source"):
                yield Static(Text(SOURCE_GLYPHS[source.key]), classes="love-empty-glyph")
                yield Static(Text.assemble((source.name, "bold"), "\n", source.description),
                             classes="love-empty-words")
        yield Static(Text("Press a to add the first one."), classes="love-empty-words -last")


class LoveTab(SmallTab):
    """The love list, a line about the highlighted item, and the keys to keep it."""

    HELP_PARTS = (
        ("Adding or changing an item (a, e)", "tui.screens.small_things.love_form:LoveForm"),
        ("A note for the day (n)", "tui.screens.small_things.love_form:LoveDayNote"),
    )
    """The forms the tab opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("d", "did", "Did it today", id="love.did",
                tooltip="Mark the highlighted item as done today; press it again the same "
                        "day to take the tick back (ctrl+z brings it back)."),
        Binding("n", "note", "With a note", id="love.note",
                tooltip="Mark the highlighted item as done today with a note, or change "
                        "today's note."),
        Binding("a", "add", "Add", id="love.add",
                tooltip="Add something that says \u201cI love you\u201d to them, and where it "
                        "came from."),
        Binding("e", "edit", "Edit", id="love.edit",
                tooltip="Change the highlighted item's words, where it came from or its note "
                        "(enter does the same)."),
        Binding("delete", "delete", "Delete", id="love.delete",
                tooltip="Move the highlighted item and its days to the trash (ctrl+z brings "
                        "it back)."),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lines: list[LoveLine] = []
        self._today = dates.today()
        self._opened_tick: int | None = None

    def compose(self) -> ComposeResult:
        from content import knowledge

        yield Static(Text(knowledge().small_things.love_list.intro), id="love-intro")
        yield OptionList(id="love-list")
        yield EmptyList(id="love-empty")
        yield Static("", id="love-detail")

    def on_mount(self) -> None:
        self.reload()

    @property
    def options(self) -> OptionList:
        return self.query_one("#love-list", OptionList)

    def focus_first(self) -> None:
        if self._lines:
            self.options.focus()
        else:
            self.query_one("#love-empty").focus()

    # -- reading ------------------------------------------------------------------------

    def records_changed(self) -> None:
        self.reload()

    def reload(self, highlight: int | None = None) -> None:
        """Read the list again and show it, keeping the highlighted item (or ``highlight``)."""
        keep = highlight if highlight is not None else self.current_id()
        self._today = dates.today()
        try:
            self._lines = self.journal.love.lines(self._today)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        had_focus = self.options.has_focus or self.query_one("#love-empty").has_focus
        options = self.options
        options.clear_options()
        options.add_options([Option(self._option(line), id=str(line.item.id))
                             for line in self._lines])
        empty = not self._lines
        options.display = not empty
        self.query_one("#love-empty").display = empty
        if not empty:
            ids = [line.item.id for line in self._lines]
            options.highlighted = ids.index(keep) if keep in ids else 0
        if had_focus:
            self.focus_first()
        self._show_detail()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys about an item are left out of the footer while the list is empty."""
        if action in ("did", "note", "edit", "delete"):
            return bool(self._lines)
        return True

    def _option(self, line: LoveLine) -> Content:
        """Two lines: the shape of its source and its words (and ✓ when done today), then
        the source's name, when it was last done and how often lately. Drawn in the list's
        own colours only, so a highlighted row reads as well as the rest."""
        from content import knowledge

        item = line.item
        parts: list = [(f"{SOURCE_GLYPHS.get(item.source, '·')} ", "bold"), item.what]
        if line.today:
            parts.append(("  ✓ done today", "bold"))
        about = [knowledge().small_things.love_source(item.source).name]
        if not line.today:
            about.append(last_words(line.last_done, self._today))
        if line.recent:
            about.append(recent_words(line.recent))
        parts.append(("\n  " + " · ".join(about), "italic"))
        return Content.assemble(*parts)

    def current_line(self) -> LoveLine | None:
        options = self.options
        if not self._lines or options.highlighted is None:
            return None
        if options.highlighted >= len(self._lines):
            return None
        return self._lines[options.highlighted]

    def current_id(self) -> int | None:
        line = self.current_line()
        return line.item.id if line else None

    def _show_detail(self) -> None:
        detail = self.query_one("#love-detail", Static)
        line = self.current_line()
        if line is None:
            detail.update("")
            return
        from content import knowledge

        item = line.item
        source = knowledge().small_things.love_source(item.source)
        parts: list = [(f"{SOURCE_GLYPHS.get(item.source, '·')} {source.name}: ", "bold"),
                       (source.description, MUTED)]
        if item.note:
            parts += [("\nNote: ", "bold"), item.note]
        tick = self._shown_tick(line)
        if tick is not None:
            when = "Today" if tick.on_date == self._today else \
                f"{tick.on_date:%a} {tick.on_date.day} {tick.on_date:%b %Y}"
            parts += [(f"\n{when}: ", "bold"), ("done", DONE)]
            if tick.note:
                parts += [" · ", tick.note]
        if not line.today:
            parts.append(("\nPress d once you've done it today, or n to add a note.", MUTED))
        detail.update(Content.assemble(*parts))

    def _shown_tick(self, line: LoveLine):
        """The tick the detail shows: one opened from search, else today's."""
        love = self.journal.love
        try:
            if self._opened_tick is not None:
                tick = love.get_tick(self._opened_tick)
                if tick.love_id == line.item.id:
                    return tick
            return love.tick(line.item.id, self._today) if line.today else None
        except JournalError:
            return None

    @on(OptionList.OptionHighlighted, "#love-list")
    def _highlighted(self) -> None:
        if self._opened_tick is not None and self.current_id() is not None:
            try:
                if self.journal.love.get_tick(self._opened_tick).love_id != self.current_id():
                    self._opened_tick = None
            except JournalError:
                self._opened_tick = None
        self._show_detail()

    @on(OptionList.OptionSelected, "#love-list")
    def _chosen(self) -> None:
        self.action_edit()

    # -- keeping it ---------------------------------------------------------------------

    def _need_item(self) -> LoveLine | None:
        line = self.current_line()
        if line is None:
            self.notify("Nothing on your love list yet: press a to add something.",
                        markup=False)
        return line

    def action_did(self) -> None:
        line = self._need_item()
        if line is None:
            return
        love = self.journal.love
        today = dates.today()
        if love.tick(line.item.id, today) is not None:
            try:
                item = love.undo(line.item.id, today)
            except JournalError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.closer_app.trashed(item)  # says ctrl+z brings it back, and reads again
            return
        try:
            love.did(line.item.id, today)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Done today: {line.item.what}", title="Love list", markup=False)
        self.reload(line.item.id)

    def action_note(self) -> None:
        from tui.screens.small_things.love_form import LoveDayNote

        line = self._need_item()
        if line is None:
            return
        love_id = line.item.id
        self.app.push_screen(LoveDayNote(love_id, dates.today()),
                             lambda _tick: self.reload(love_id))

    def action_add(self) -> None:
        from tui.screens.small_things.love_form import LoveForm

        self.app.push_screen(LoveForm(), self._after_form)

    def action_edit(self) -> None:
        from tui.screens.small_things.love_form import LoveForm

        line = self._need_item()
        if line is not None:
            self.app.push_screen(LoveForm(line.item.id), self._after_form)

    def _after_form(self, love_id: int | None) -> None:
        self.reload(love_id)
        self.call_after_refresh(self.focus_first)

    def action_delete(self) -> None:
        line = self._need_item()
        if line is not None:
            self.closer_app.move_to_trash("love", line.item.id)

    # -- the palette and search ---------------------------------------------------------

    def open_record(self, kind: str, record_id: int) -> None:
        """An item, or a day it was done (its item highlighted, the day in the detail)."""
        try:
            if kind == "love_done":
                tick = self.journal.love.get_tick(record_id)
                self._opened_tick, love_id = tick.id, tick.love_id
            else:
                self._opened_tick, love_id = None, self.journal.love.get(record_id).id
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.reload(love_id)
        self.call_after_refresh(self.focus_first)

    def from_palette_did(self) -> None:
        """Show the list with the item "One small thing" offers today highlighted."""
        if not self._lines:
            self.notify("Nothing on your love list yet: press a to add something.",
                        markup=False)
            return
        offered = self.journal.review.small_thing(dates.today())
        self.reload(offered.love_id)
        self.notify("Highlight what you did and press d (n to add a note).", markup=False)
