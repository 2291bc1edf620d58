"""The `Rituals` pane: what is due today, a month calendar of small rituals of connection,
and the selected day's rituals with their marks, notes and streaks.

Everything it shows comes from :class:`storage.rituals.Rituals` (what is due, missed,
streaks); this module only draws it and asks for marks.

Reading is done on the UI thread, before the pane's first frame: six weeks of marks, what
is due in them, and every ritual's streaks. On a journal with five years of daily marks
that is one plain read of the marks (a few milliseconds) and day numbers worked out by
arithmetic for the plainest rules (see :class:`storage.rituals._Schedule`), so the first
paint has the whole pane in it. (It was read in a thread worker once; on two cores the
worker only took turns with the first paint and brought more frames, see tests/bench.)
Marks and edits are written on the UI thread (one transaction each) and read again the same
way. Moving to another month reads only that month's marks.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from storage import Journal, JournalError, dates
from storage.rituals import (BIGGER_PICTURE, SHARED_DISCOVERY, DayRitual, RitualStats,
                             describe_rule)
from tui.panes.rituals.calendar import GLYPHS, RitualCalendar, grid_range
from tui.widgets.early_sign import EarlySignLine
from tui.widgets.pane import PaletteCommand, Pane

COMPACT_BELOW = 30
"""Below this many lines of pane, the calendar draws one line per week."""

STATE_WORDS = {"done": "done", "skipped": "skipped", "missed": "no mark", "due": "due today",
               "upcoming": "to come"}
"""How a day's state reads. A past day without a mark is only that: nothing is kept as a
score, and a day someone marked as not happening reads :data:`NOT_HAPPENED`."""
NOT_HAPPENED = "didn't happen"
STATE_STYLES = {"done": "$success", "skipped": "$warning", "missed": "$text-muted",
                "due": "$accent bold", "upcoming": "$text-muted"}
MUTED = "$text-muted"
DOWNLOAD = "five_minute_download"


def state_words(item: DayRitual) -> str:
    """How one ritual's day reads in the day list: "no mark" for a past day nobody marked,
    "didn't happen" for one marked so."""
    if item.state == "missed" and item.marked:
        return NOT_HAPPENED
    return STATE_WORDS[item.state]


def kept_words(stats: RitualStats) -> str:
    """How a ritual has gone lately, counted kindly: how many of the times it came round in
    the last four weeks were kept, and a run when there is one. Says nothing when none was
    kept: there is no score to keep.

    >>> kept_words(RitualStats(1, 3, 5, 4, 5))
    'Kept 4 of the last 5 times · 3 in a row'
    >>> kept_words(RitualStats(1, 1, 1, 1, 1)), kept_words(RitualStats(1, 0, 2, 0, 3))
    ('Kept the one time it came round lately', '')
    """
    if not stats.kept:
        return ""
    if stats.due == 1:
        return "Kept the one time it came round lately"
    words = f"Kept {stats.kept} of the last {stats.due} times"
    if stats.current > 1:
        words += f" · {stats.current} in a row"
    return words


def _day_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class RitualAbout:
    """What the detail shows of one ritual, whatever the day: its name, when it comes
    round in words, and how it has gone up to today."""

    name: str
    when: str
    stats: RitualStats
    template: str | None = None


@dataclass(frozen=True, slots=True)
class RitualsView:
    """Everything the pane shows after one read (see :func:`read_view`)."""

    today: date
    grid: tuple[date, date]
    """The six weeks of :attr:`days`."""
    days: dict[date, list[DayRitual]]
    today_items: list[DayRitual]
    about: dict[int, RitualAbout]
    reasons: dict[str, str] = field(default_factory=dict)
    """The names of the reasons (missed or skipped) given on the day asked about."""


def read_view(journal: Journal, today: date, grid: tuple[date, date], day: date) -> RitualsView:
    """Read what the pane shows for the six weeks ``grid`` (with ``day`` selected), through
    storage alone."""
    rituals = journal.rituals
    days = rituals.day_status(*grid, today=today)
    if today in days:
        today_items = days[today]
    else:
        today_items = rituals.day_status(today, today, today=today)[today]
    stats = rituals.all_streaks(today)
    about = {}
    for ritual in rituals.list():
        when = describe_rule(ritual.rrule, ritual.dtstart)
        if ritual.time_of_day:
            when += f", at {ritual.time_of_day}"
        about[ritual.id] = RitualAbout(ritual.name, when, stats[ritual.id], ritual.template)
    reasons: dict[str, str] = {}
    if any(item.reason for item in days.get(day, ())):
        from content import knowledge

        reasons = {reason.key: reason.name for reason in knowledge().missed_reasons}
    return RitualsView(today, grid, days, today_items, about, reasons)


class RitualsPane(Pane):
    PANE_TITLE = "Rituals"
    KINDS = ("ritual_note", "discovery")
    DETAILS = {"ritual-day": "ritual-detail"}

    HELP_PARTS = (
        ("Marking a ritual (d, s, m)", "tui.panes.rituals.mark:MarkScreen"),
        ("Adding or changing a ritual (a)", "tui.panes.rituals.editor:RitualEditor"),
        ("All rituals (r)", "tui.panes.rituals.editor:RitualList"),
        ("The bigger picture check-in (d)", "tui.panes.rituals.check_in:CheckInScreen"),
        ("A new discovery idea (i)", "tui.panes.rituals.ideas:IdeaScreen"),
        ("The discovery bank (b)", "tui.panes.rituals.ideas:BankScreen"),
    )
    """The forms and dialogs it opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", "Month before", id="rituals.month_before",
                tooltip="The same day in the month before, wherever you are in the pane "
                        "(page up too, in the calendar)."),
        Binding("right_square_bracket", "month(1)", "Month after", id="rituals.month_after",
                tooltip="The same day in the month after, wherever you are in the pane "
                        "(page down too, in the calendar)."),
        Binding("t", "today", "Today", id="rituals.today",
                tooltip="Go to today in the calendar."),
        Binding("d", "mark('done')", "Done", id="rituals.mark_done",
                tooltip="Mark the highlighted ritual of the selected day as done, with a "
                        "short note if you like."),
        Binding("s", "mark('skipped')", "Skip", id="rituals.mark_skipped",
                tooltip="Mark the highlighted ritual as skipped (by choice), with a note."),
        Binding("m", "mark('missed')", "Not done", id="rituals.mark_missed",
                tooltip="Note that the highlighted ritual didn't happen; saying why is up "
                        "to you."),
        Binding("a", "add", "Add ritual", id="rituals.add",
                tooltip="Add a ritual: one of the ideas, or your own."),
        Binding("r", "manage", "All rituals", id="rituals.manage",
                tooltip="See every ritual, change one, pause it or take it up again."),
        Binding("i", "add_idea", "Add idea", id="rituals.add_idea", show=False,
                tooltip="Put a new idea in the shared-discovery bank: something neither of "
                        "you has done yet."),
        Binding("b", "bank", "Idea bank", id="rituals.bank", show=False,
                tooltip="The shared-discovery bank: ideas to try and what you did; delete "
                        "an idea or put one back."),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._grid: tuple[date, date] | None = None
        self._days: dict[date, list[DayRitual]] = {}
        self._about: dict[int, RitualAbout] = {}
        self._reasons: dict[str, str] = {}
        self._today = dates.today()
        self._want_ritual: int | None = None
        self.loaded = False
        """Whether a read has been shown (until then the day list waits for one)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="ritual-today")
        yield EarlySignLine(id="ritual-early-sign")
        yield RitualCalendar(dates.today(), id="ritual-calendar")
        yield Static("", id="ritual-day-title")
        yield OptionList(id="ritual-day")
        yield Static("", id="ritual-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()
        self.set_interval(60, self._check_the_date)

    @property
    def calendar(self) -> RitualCalendar:
        return self.query_one("#ritual-calendar", RitualCalendar)

    @property
    def day_list(self) -> OptionList:
        return self.query_one("#ritual-day", OptionList)

    @property
    def selected_day(self) -> date:
        return self.calendar.selected

    def focus_first(self) -> None:
        self.focus_in_view(self.calendar)

    def on_resize(self, event: events.Resize) -> None:
        self.calendar.compact = event.size.height < COMPACT_BELOW

    def _check_the_date(self) -> None:
        if dates.today() != self._today:
            self.reload()

    # -- reading ----------------------------------------------------------------------

    def records_changed(self) -> None:
        """Records were deleted or brought back elsewhere: the pane reads them again."""
        self.reload()

    def reload(self) -> None:
        """Read everything again (after a mark, an edit, a new day) and show it; when the
        journal cannot be read, say so and keep what is shown."""
        self._today = dates.today()
        day = self.selected_day
        try:
            view = read_view(self.journal, self._today, grid_range(day), day)
        except (JournalError, sqlite3.Error) as exc:
            if not self.loaded:
                self.query_one("#ritual-today", Static).update(
                    Content(f"Your rituals could not be read just now: {exc}"))
            self.notify(str(exc), severity="error", markup=False)
            return
        self.loaded = True
        self._about = view.about
        self._reasons.update(view.reasons)
        self._grid, self._days = view.grid, view.days
        self.calendar.show(self._days, view.today)
        self._show_today(view.today, view.today_items)
        if self.is_mounted:
            self.query_one("#ritual-early-sign", EarlySignLine).show_sign()
        self._load_grid()

    def reload_grid(self) -> None:
        """Show the selected day, reading its six weeks first if they are not in view."""
        self._load_grid()

    def _load_grid(self) -> None:
        if not self.loaded:
            return  # the first read shows the day selected by then
        grid = grid_range(self.selected_day)
        if grid != self._grid:
            try:
                self._days = self.journal.rituals.day_status(*grid, today=self._today)
            except JournalError as exc:
                self._days = {}
                self.notify(str(exc), severity="error", markup=False)
            self._grid = grid
            self.calendar.show(self._days, self._today)
        self._show_day()

    def _show_today(self, today: date, items: list[DayRitual]) -> None:
        strip = self.query_one("#ritual-today", Static)
        open_ = [item for item in items if not item.marked]
        parts: list = [(f"Today, {today:%a} {today.day} {today:%b}: ", "bold")]
        if not items:
            parts.append("nothing is due.")
        elif not open_:
            parts.append("everything due is marked.")
        else:
            parts.append("still open: ")
            for n, item in enumerate(open_):
                if n:
                    parts.append(", ")
                parts.append((item.name, "$accent"))
                if item.time_of_day:
                    parts.append((f" ({item.time_of_day})", MUTED))
        strip.update(Content.assemble(*parts))

    def _show_day(self) -> None:
        day = self.selected_day
        items = self._days.get(day, [])
        title = Content.assemble((_day_words(day), "bold"),
                                 (" · today", "$accent bold") if day == self._today else "")
        self.query_one("#ritual-day-title", Static).update(title)
        options = self.day_list
        keep = self._want_ritual
        if keep is None and options.highlighted is not None and options.option_count:
            current = options.get_option_at_index(options.highlighted).id
            keep = int(current) if current and current.isdigit() else None
        options.clear_options()
        if not items:
            has_any = bool(self._about)
            options.add_option(Option(Content(
                "Nothing due on this day." if has_any else
                "No rituals yet. Press a to add one: small, regular times together, "
                "like a five-minute talk after work."
            ), id="none", disabled=True))
        options.add_options(
            [Option(self._option_text(item), id=str(item.ritual_id)) for item in items])
        index = 0
        for n, item in enumerate(items):
            if item.ritual_id == keep:
                index = n
        if items:
            options.highlighted = index
        self._want_ritual = None
        self._show_detail()

    def _option_text(self, item: DayRitual) -> Content:
        parts: list = [
            (GLYPHS[item.state] + " ", STATE_STYLES[item.state]),
            item.name,
            (f" · {state_words(item)}", MUTED),
        ]
        first = next((t for t in (item.note, item.positive, item.negative) if t), "")
        if first:
            line = " ".join(first.split())
            if len(line) > 60:
                line = line[:59] + "…"
            parts.append((f"\n  {line}", f"{MUTED} italic"))
        return Content.assemble(*parts)

    def current_item(self) -> DayRitual | None:
        options = self.day_list
        if options.highlighted is None or not options.option_count:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        for item in self._days.get(self.selected_day, []):
            if str(item.ritual_id) == option_id:
                return item
        return None

    def _show_detail(self) -> None:
        detail = self.query_one("#ritual-detail", Static)
        item = self.current_item()
        if item is None:
            detail.update("")
            return
        about = self._about.get(item.ritual_id)  # None only for a ritual newer than the read
        parts: list = [(about.name if about else item.name, "bold")]
        if about is not None:
            parts.append((f"\n{about.when}", MUTED))
        if not item.due:
            parts.append(("\nNot due on this day any more; the mark is kept.", MUTED))
        for label, value in (("Note", item.note), ("Good", item.positive),
                             ("Hard", item.negative)):
            if value:
                parts += [(f"\n{label}: ", "bold"), value]
        if item.reason:
            parts += [("\nWhy: ", "bold"), self._reason_name(item.reason)]
        if item.state == "missed" and not item.marked:
            parts.append(("\nNo mark for this day, and that's all right. Press d if it "
                          "happened after all, or m to note that it didn't.", MUTED))
        elif item.state in ("due", "upcoming") and not item.marked:
            parts.append(("\nPress d when it's done, or s to skip it.", MUTED))
        if about is not None:
            lately = kept_words(about.stats)
            if lately:
                parts.append((f"\n{lately}", MUTED))
            parts += self._more_about(about.template, item.ritual_id)
        detail.update(Content.assemble(*parts))

    def _more_about(self, template: str | None, ritual_id: int) -> list:
        """The agreements or the idea bank, for the rituals that keep them."""
        from tui.panes.rituals.detail import more_about

        try:
            return more_about(self.journal, template, ritual_id, self.selected_day,
                              self._today)
        except (JournalError, sqlite3.Error) as exc:
            return [(f"\nThis could not be read just now: {exc}", MUTED)]

    def _reason_name(self, key: str) -> str:
        """A reason's name from content/, read once and remembered."""
        name = self._reasons.get(key)
        if name is None:
            from content import knowledge

            try:
                name = knowledge().missed_reason(key).name
            except KeyError:
                name = key
            self._reasons[key] = name
        return name

    # -- moving -----------------------------------------------------------------------

    @on(RitualCalendar.DaySelected)
    def _day_selected(self, event: RitualCalendar.DaySelected) -> None:
        event.stop()
        self._load_grid()

    @on(OptionList.OptionHighlighted, "#ritual-day")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#ritual-day")
    def _chosen(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_mark(item.ritual_id, self.selected_day, None)

    def key_enter(self, event: events.Key) -> None:
        if self.calendar.has_focus and self.day_list.option_count:
            event.stop()
            self.day_list.focus()

    def go_to(self, day: date, ritual_id: int | None = None) -> None:
        """Select ``day`` (and a ritual in its list)."""
        self._want_ritual = ritual_id
        if self.calendar.selected == day:
            self._load_grid()
        else:
            self.calendar.select(day)

    def action_month(self, months: int) -> None:
        """The calendar's month before or after, from the day list as from the calendar."""
        self.calendar.action_month(months)

    def action_today(self) -> None:
        self.go_to(dates.today())

    # -- marking ----------------------------------------------------------------------

    def action_mark(self, status: str) -> None:
        item = self.current_item()
        if item is None:
            self.notify("Nothing to mark on this day.", markup=False)
            return
        self.open_mark(item.ritual_id, self.selected_day, status)

    def open_mark(self, ritual_id: int, day: date, status: str | None) -> None:
        from tui.panes.rituals.mark import MarkScreen

        if day > dates.today() and status not in (None, "skipped"):
            self.notify("That day hasn't come yet; it can only be skipped ahead.",
                        markup=False)
            return

        def done(log_id: int | None) -> None:
            self._want_ritual = ritual_id
            self.reload()

        about = self._about.get(ritual_id)
        if (about is not None and about.template == BIGGER_PICTURE and status != "skipped"
                and status != "missed"
                and self.journal.rituals.get_mark(ritual_id, day) is None):
            from tui.panes.rituals.check_in import CheckInScreen

            self.app.push_screen(CheckInScreen(ritual_id, day), done)
            return
        self.app.push_screen(MarkScreen(ritual_id, day, status), done)

    def action_add_idea(self) -> None:
        from tui.panes.rituals.ideas import IdeaScreen

        self.app.push_screen(IdeaScreen(), lambda _id: self.reload())

    def action_bank(self) -> None:
        from tui.panes.rituals.ideas import BankScreen

        self.app.push_screen(BankScreen(), lambda _none: self.reload())

    def action_add(self) -> None:
        from tui.panes.rituals.editor import RitualEditor

        self.app.push_screen(RitualEditor(), lambda _id: self.reload())

    def action_manage(self) -> None:
        from tui.panes.rituals.editor import RitualList

        self.app.push_screen(RitualList(), lambda _id: self.reload())

    # -- the palette and search -------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand("Mark today's download",
                           "The five-minute download: one good and one hard thing each",
                           self.mark_todays_download),
            PaletteCommand("Add a ritual", "One of the ideas, or a ritual of your own",
                           self._from_palette(self.action_add)),
            PaletteCommand("Go to today", "Today in the rituals calendar",
                           self._from_palette(self.action_today)),
            PaletteCommand("See all rituals", "Change, pause or take up a ritual again",
                           self._from_palette(self.action_manage)),
            PaletteCommand("Add a shared discovery idea",
                           "Something neither of you has done yet, for the idea bank",
                           self._from_palette(self.action_add_idea)),
            PaletteCommand("See the shared discovery idea bank",
                           "The ideas to try and what you did, to add to or tidy",
                           self._from_palette(self.action_bank)),
            PaletteCommand("Bigger picture check-in",
                           "The monthly questions on the two of you, kept as an entry",
                           self.check_in_now),
        ]

    def _from_palette(self, action):
        def run() -> None:
            self._show_me()
            action()

        return run

    def _show_me(self) -> None:
        show = getattr(self.screen, "show_pane", None)
        if callable(show) and self.id:
            show(self.id)

    def mark_todays_download(self) -> None:
        self._show_me()
        rituals = self.journal.rituals.list()
        download = next((r for r in rituals if r.template == DOWNLOAD), None) or next(
            (r for r in rituals if r.asks_good_and_hard), None)
        if download is None:
            self.notify("The five-minute download isn't one of your rituals yet: add it "
                        "with \u201cAdd a ritual\u201d.", markup=False)
            return
        today = dates.today()
        self.go_to(today, download.id)
        if not self.journal.rituals.is_due(download.id, today) and \
                self.journal.rituals.get_mark(download.id, today) is None:
            self.notify(f"{download.name} isn't due today.", markup=False)
            return
        self.open_mark(download.id, today, None)

    def check_in_now(self) -> None:
        """The bigger picture check-in of this month: today's, or the last one due and not
        kept yet when it was within the week."""
        self._show_me()
        rituals = self.journal.rituals
        ritual = next((r for r in rituals.list() if r.template == BIGGER_PICTURE), None)
        if ritual is None:
            self.notify("The bigger picture isn't one of your rituals yet: add it with "
                        "\u201cAdd a ritual\u201d.", markup=False)
            return
        today = dates.today()
        week = [today - timedelta(days=n) for n in range(7)]
        day = next((d for d in week if rituals.is_due(ritual.id, d)
                    and rituals.get_mark(ritual.id, d) is None), None)
        if day is None:
            following = rituals.next_due(ritual.id, today + timedelta(days=1), 1)
            when = f" next on {_day_words(following[0])}" if following else ""
            self.go_to(following[0] if following else today, ritual.id)
            self.notify(f"{ritual.name} comes round{when}.", markup=False)
            return
        self.go_to(day, ritual.id)
        self.open_mark(ritual.id, day, None)

    def open_record(self, kind: str, record_id: int) -> None:
        """A ritual note from search: select its day and show the note. An idea of the
        discovery bank: the day it was tried, or the bank with it highlighted."""
        if kind not in self.KINDS:
            return
        if kind == "discovery":
            self._open_idea(record_id)
            return
        try:
            log = self.journal.rituals.get_log(record_id)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.go_to(log.on_date, log.ritual_id)
        self.call_after_refresh(self.day_list.focus)

    def _open_idea(self, idea_id: int) -> None:
        from tui.panes.rituals.ideas import BankScreen

        try:
            idea = self.journal.discoveries.get(idea_id)
            ritual = next((r for r in self.journal.rituals.list()
                           if r.template == SHARED_DISCOVERY), None)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if idea.done_on is not None and ritual is not None:
            self.go_to(idea.done_on, ritual.id)
            self.call_after_refresh(self.day_list.focus)
            return
        self.app.push_screen(BankScreen(highlight=idea_id), lambda _none: self.reload())

