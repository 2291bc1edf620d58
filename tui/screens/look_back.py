"""Look back: the weeks as rows, newest first, with the last twelve as sparklines, a week's
records and summary beside them, and what was written on this day.

Every figure comes from :mod:`storage.review`; this screen only shows them. The weeks are
read in a thread worker over a separate read connection and drawn by a DataTable, which
draws only the rows in view however many years the journal holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Header,
    Input,
    OptionList,
    Select,
    Sparkline,
    Static,
)
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.review import (
    KIND_LABELS,
    SPARK_WEEKS,
    Echo,
    Filters,
    Item,
    ReasonFigures,
    SmallThingsFigures,
    Sparklines,
    WeekDetail,
    WeekFigures,
    signed,
)
from tui.compat import QuietFooter
from tui.reach import Reach
from tui.widgets.fit import FittedLabel, Hanging, hanging
from tui.widgets.toggles import Tick
from tui.widgets.choice import Menu

NARROW_BELOW = 100
"""Below this many columns the week's detail goes under the list instead of beside it."""

KIND_SHORT = {
    "entry": "Entry",
    "thought_record": "Record",
    "loop_event": "Loop",
    "ritual_note": "Ritual",
}

COLUMNS = (
    ("Week of", "week"),
    ("Entries", "entries"),
    ("Mood", "mood"),
    ("Records", "records"),
    ("Loop", "moments"),
    ("Rituals", "rituals"),
)
LEGEND = "records (belief change) · loop (mean intensity) · rituals kept/due"

TITLE_WIDTH = 90
"""Option lists wrap long prompts; titles are cut to keep one record to a few lines."""

TREND_MARKS = {"up": " ↑", "down": " ↓", "steady": " →", "": ""}

PRACTICE_TABS = {"offer": "offers", "love_list": "love", "phrase_book": "phrases"}
"""Practices that live in a tab of Small things (tui.screens.small_things.TABS); Right now
has its own screen, and every other practice is a ritual (the Rituals pane)."""


# ---------------------------------------------------------------- how figures read


def days_text(week: WeekFigures) -> str:
    """What follows the week's name (``Week of 30 Nov``): its last day, with the year."""
    end = week.end
    return f"· to Sun {end.day} {end:%b %Y}"


def mood_text(week: WeekFigures) -> str:
    if week.mood is None:
        return "—"
    return f"{signed(week.mood)}{TREND_MARKS[week.mood_trend]}"


def week_cells(week: WeekFigures) -> list[Text]:
    """The cells of one row of the weeks table."""
    entries = str(week.entries) if week.entries else "—"
    if week.starred:
        entries += f" ★{week.starred}"
    records = "—"
    if week.records:
        records = str(week.records)
        if week.belief_drop is not None:
            records += f" ({signed(-week.belief_drop, 0)})"
    moments = "—"
    if week.moments:
        moments = str(week.moments)
        if week.intensity is not None:
            moments += f" ({week.intensity:.1f})"
    rituals = f"{week.kept}/{week.due}" if week.due else (str(week.kept) if week.kept else "—")
    return [
        Text(f"{week.start:%a %d %b %Y}", style="dim" if week.empty else "bold"),
        Text(entries, justify="right"),
        Text(mood_text(week), justify="right"),
        Text(records),
        Text(moments),
        Text(rituals, justify="right"),
    ]


def item_prompt(item: Item, *, with_day: bool = True) -> Hanging:
    """One record as an option: when, what kind and its figures; then its title."""
    when = dates.local(item.occurred_at)
    out = Text()
    if item.kind == "ritual_note":  # logged for a day, not at a time
        stamp = f"{when:%a %d %b}" if with_day else ""
    else:
        stamp = f"{when:%a %d %b %H:%M}" if with_day else f"{when:%H:%M}"
    if stamp:
        out.append(f"{stamp}  ", style="dim")
    out.append(KIND_SHORT[item.kind], style="bold")
    if item.detail:
        out.append(f"  {item.detail}", style="dim")
    title = item.title
    title = title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"
    return hanging(out, Text(("★ " if item.starred else "") + title))


def reason_options(found: ReasonFigures) -> list[Option]:
    """The reasons marked lately, most frequent first, each with what can help; enter goes
    to where that practice lives."""
    if not found.counts:
        return [Option(Text("No likely reasons marked lately. You can tick them on a loop "
                            "moment or a thought record.", style="dim"), disabled=True)]
    options = []
    for count in found.counts:
        head = Text()
        head.append(count.name, style="bold")
        head.append(f"  marked {_times(count.marked)}", style="dim")
        practice = count.practice
        prompt: Text | Hanging = head
        if practice is not None:
            helps = Text(f"What can help: {practice.name}. ")
            helps.append(f"{practice.description} ({practice.where})", style="dim")
            prompt = hanging(head, helps)
        options.append(Option(prompt, id=f"practice:{practice.key if practice else ''}:"
                                         f"{count.key}"))
    return options


def small_options(figures: SmallThingsFigures) -> list[Option]:
    """The love list and the tally, week by week, about oneself only."""
    if figures.empty:
        return [Option(Text("Nothing from the love list or your tally in these weeks yet "
                            "(f10, Small things).", style="dim"), disabled=True)]
    options = []
    for n, line in enumerate(figures.lines()):
        target = "love" if n == 0 and figures.love_days else "tally"
        options.append(Option(Text(line), id=f"small:{target}:{n}"))
    for week in reversed(figures.weeks):
        row = Text(f"{week.words}: ", style="bold")
        said = []
        if week.love_days:
            said.append(f"love list on {week.love_days} day{'s' if week.love_days != 1 else ''}")
        if week.kindnesses or week.slights:
            said.append(f"{week.kindnesses} kind, {week.slights} "
                        f"slight{'' if week.slights == 1 else 's'}")
        row.append(", ".join(said) if said else "nothing noted")
        options.append(Option(row, id=f"small:week:{week.start.isoformat()}"))
    return options


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def summary_text(week: WeekFigures, summary: list[str]) -> Text:
    out = Text()
    out.append(f"{week.words} ", style="bold")
    out.append(days_text(week) + "\n", style="dim")
    out.append(" ".join(summary))
    return out


def describe(filters: Filters, span: tuple[date | None, date | None]) -> str:
    """The filters in force, in words, with the keys that change them."""
    parts = []
    first, last = span
    if first and last:
        parts.append(f"from {first:%d %b %Y} to {last:%d %b %Y}")
    elif first:
        parts.append(f"from {first:%d %b %Y}")
    elif last:
        parts.append(f"up to {last:%d %b %Y}")
    if filters.kinds != frozenset(KIND_LABELS):
        parts.append(" and ".join(KIND_LABELS[k].lower() for k in sorted(filters.kinds)))
    if filters.tag:
        parts.append(f"entries tagged #{filters.tag}")
    if filters.starred:
        parts.append("starred entries")
    if not parts:
        return "Every week, every kind of record.  f: filter"
    return "Showing " + ", ".join(parts) + ".  f: change   c: clear"


Choice = tuple[Filters, tuple[date | None, date | None]]


class FilterDialog(ModalScreen[Choice | None]):
    """Narrow Look back: a date range, a #tag, starred entries, one kind of record."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="look_back.filter_cancel",
                tooltip="Close without changing the filters."),
    ]

    def __init__(self, filters: Filters, span: tuple[date | None, date | None]) -> None:
        super().__init__()
        self.filters, self.span = filters, span

    def compose(self) -> ComposeResult:
        kind = next(iter(self.filters.kinds)) if len(self.filters.kinds) == 1 else Select.NULL
        with Vertical(id="lb-filter-dialog") as box:
            box.border_title = "Filter the weeks"
            box.border_subtitle = "enter to show · esc to cancel"
            with Horizontal(classes="lb-filter-row"):
                yield Input(self.span[0].isoformat() if self.span[0] else "",
                            placeholder="From (e.g. 2025-01-01)", id="lb-from")
                yield Input(self.span[1].isoformat() if self.span[1] else "",
                            placeholder="To (e.g. today)", id="lb-to")
            with Horizontal(classes="lb-filter-row"):
                yield Input(f"#{self.filters.tag}" if self.filters.tag else "",
                            placeholder="#tag", id="lb-tag")
                yield Tick("Starred only", self.filters.starred, id="lb-starred")
            yield Menu([(label, key) for key, label in KIND_LABELS.items()],
                         prompt="Every kind of record", value=kind, id="lb-kind")
            yield Static("", id="lb-message", markup=False)
            with Horizontal(id="lb-filter-buttons"):
                yield Button("Show these weeks", variant="primary", id="lb-apply")
                yield Button("Clear", id="lb-clear")

    def _say(self, text: str) -> None:
        message = self.query_one("#lb-message", Static)
        message.update(text)
        message.set_class(bool(text), "-error")

    def read(self) -> Choice | None:
        """The filters as typed, or None (with one message shown) when one does not read."""
        values = {}
        for key in ("from", "to"):
            typed = self.query_one(f"#lb-{key}", Input).value.strip()
            try:
                values[key] = dates.parse_day(typed) if typed else None
            except JournalError as exc:
                self._say(f"{key.capitalize()}: {exc}")
                return None
        if values["from"] and values["to"] and values["from"] > values["to"]:
            self._say("The 'from' date is after the 'to' date.")
            return None
        kind = self.query_one("#lb-kind", Select).value
        kinds = frozenset(KIND_LABELS) if kind is Select.NULL else frozenset([kind])
        try:
            filters = Filters(
                tag=self.query_one("#lb-tag", Input).value,
                starred=self.query_one("#lb-starred", Checkbox).value,
                kinds=kinds,
            )
        except JournalError as exc:
            self._say(str(exc))
            return None
        return filters, (values["from"], values["to"])

    @on(Input.Submitted)
    @on(Button.Pressed, "#lb-apply")
    def _apply(self) -> None:
        chosen = self.read()
        if chosen is not None:
            self.dismiss(chosen)

    @on(Button.Pressed, "#lb-clear")
    def _clear(self) -> None:
        self.dismiss((Filters(), (None, None)))

    def action_cancel(self) -> None:
        self.dismiss(None)


# ---------------------------------------------------------------- the screen


class LookBackScreen(Reach, Screen):
    """The weeks of the journal, newest first (f5, or "Look back" in the palette)."""

    CSS_PATH = "look_back.tcss"
    """Read when Look back (or Write, which shares it) first opens, not at start-up."""

    AUTO_FOCUS = None  # the list of weeks takes the focus when it has been read

    HELP_PARTS = (
        ("Filter the weeks (f)", "tui.screens.look_back:FilterDialog"),
        ("A year at a glance (y)", "tui.dialogs.year:YearDialog"),
        ("A brief for a therapist (b)", "tui.dialogs.brief:BriefDialog"),
    )
    """The dialogs it opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="look_back.back",
                tooltip="Back to the three panes."),
        Binding("f", "filters", "Filter", id="look_back.filters",
                tooltip="Narrow the weeks: a date range, a #tag, starred entries, or one "
                        "kind of record."),
        Binding("c", "clear_filters", "Clear filters", id="look_back.clear_filters",
                tooltip="Show every week again, with every kind of record."),
        Binding("n", "this_week", "Newest week", id="look_back.this_week",
                tooltip="Jump back to the newest week in the list."),
        Binding("y", "year", "Year", id="look_back.year",
                tooltip="A year at a glance: the days you wrote and kept rituals, and your "
                        "writing streak (as 'closer calendar')."),
        Binding("b", "brief", "Brief", id="look_back.brief",
                tooltip="Write a brief to bring to a couples therapist: you choose the weeks, "
                        "the sections and the questions; it goes to a file you name."),
    ]

    @dataclass
    class WeeksLoaded(Message):
        """The worker read the weeks (and the sparklines and on-this-day with them)."""

        weeks: list[WeekFigures]
        sparks: Sparklines | None
        echoes: list[Echo] | None
        error: str = ""
        generation: int = 0
        right_now: str = ""
        """Look back's one line about Right now (storage.review.RightNowFigures.line)."""
        reasons: ReasonFigures | None = None
        small: SmallThingsFigures | None = None
        sign: str = ""
        """The early sign's words (storage.early_sign), or "" while the sharing goes on."""

    @dataclass
    class WeekLoaded(Message):
        detail: WeekDetail | None
        error: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.range: tuple[date | None, date | None] = (None, None)
        self.weeks: list[WeekFigures] = []
        self.shown_week: date | None = None
        self._keep: date | None = None
        self._generation = 0
        self._seen_changes = 0
        self._enter_week: date | None = None
        """The week enter was pressed on: its records take the focus once they are shown."""
        self._drawn_week: date | None = None
        """The week whose detail is on the screen (``shown_week`` may still be on its way)."""

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lb-sparks"):
            for key, label in (
                ("mood", "Mood"),
                ("moments", "Loop moments"),
                ("rituals", "Rituals kept"),
            ):
                with Vertical(classes="lb-spark"):
                    yield FittedLabel(label, classes="lb-spark-label",
                                      id=f"lb-spark-label-{key}")
                    yield Sparkline([], id=f"lb-spark-{key}")
        yield Static(describe(self.filters, self.range), id="lb-filter-line", markup=False)
        yield Static("", id="lb-right-now", markup=False)
        yield Static("", id="lb-early-sign", markup=False)
        with Horizontal(id="lb-body"):
            table: DataTable = DataTable(id="lb-weeks", cursor_type="row", zebra_stripes=True)
            table.border_title = "Weeks"
            table.border_subtitle = LEGEND
            yield table
            with Vertical(id="lb-side"):
                yield Static("", id="lb-summary", markup=False)
                week_items = OptionList(id="lb-items")
                week_items.border_title = "This week's records"
                yield week_items
                reasons = OptionList(id="lb-reasons")
                reasons.border_title = "Reasons that came up"
                yield reasons
                small = OptionList(id="lb-small")
                small.border_title = "Small things, week by week"
                yield small
                echoes = OptionList(id="lb-echoes")
                echoes.border_title = "On this day"
                yield echoes
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "Look back"
        table = self.query_one("#lb-weeks", DataTable)
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self._apply_width(self.size.width or self.app.size.width)
        table.loading = True
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_BELOW, "narrow")

    # -- loading, in threads -------------------------------------------------------

    def load(self) -> None:
        """Read the weeks again with the current filters (in a thread)."""
        journal = self.journal
        self._generation += 1
        self._seen_changes = journal.conn.total_changes
        self._read_weeks(self.filters, self.range, self._generation)

    @work(thread=True, exclusive=True, group="look_back.weeks")
    def _read_weeks(
        self, filters: Filters, span: tuple[date | None, date | None], generation: int
    ) -> None:
        journal = self.journal
        try:
            with journal.reader() as reader:
                today = dates.today()
                weeks = reader.review.weeks(span[0], span[1], filters=filters, today=today)
                sparks = reader.review.sparklines(today=today)
                echoes = reader.review.on_this_day(today)
                right_now = reader.review.right_now(today=today).line()
                reasons = reader.review.reasons(today=today)
                small = reader.review.small_things_figures(today=today)
                sign = reader.review.early_sign(today)
        except JournalError as exc:
            self.post_message(self.WeeksLoaded([], None, None, str(exc), generation))
            return
        self.post_message(self.WeeksLoaded(
            weeks, sparks, echoes, "", generation, right_now, reasons, small,
            f"{sign.text} {sign.suggestion}" if sign is not None else ""))

    @work(thread=True, exclusive=True, group="look_back.week")
    def _read_week(self, start: date, filters: Filters) -> None:
        journal = self.journal
        try:
            with journal.reader() as reader:
                detail = reader.review.week(start, filters=filters)
        except JournalError as exc:
            self.post_message(self.WeekLoaded(None, error=str(exc)))
            return
        self.post_message(self.WeekLoaded(detail))

    # -- showing what was read -------------------------------------------------------

    @on(WeeksLoaded)
    def _show_weeks(self, message: WeeksLoaded) -> None:
        if message.generation != self._generation:
            return  # a thread that finished late, with what was asked before
        table = self.query_one("#lb-weeks", DataTable)
        if table.loading:  # the first time: the list takes the focus once it can
            table.loading = False
            table.focus()
        if message.error:
            self._say(message.error)
            return
        self.weeks = message.weeks
        keep, self._keep = self._keep, None
        table.clear()
        table.add_rows(week_cells(w) for w in self.weeks)
        if message.sparks is not None:
            self._show_sparks(message.sparks)
        if message.echoes is not None:
            self._show_echoes(message.echoes)
        right_now = self.query_one("#lb-right-now", Static)
        right_now.update(message.right_now)
        right_now.display = bool(message.right_now)
        sign = self.query_one("#lb-early-sign", Static)
        sign.update(message.sign)
        sign.display = bool(message.sign)
        if message.reasons is not None:
            self._show_list("#lb-reasons", reason_options(message.reasons))
            self.query_one("#lb-reasons").border_title = (
                f"Reasons that came up · last {SPARK_WEEKS} weeks")
        if message.small is not None:
            self._show_list("#lb-small", small_options(message.small))
            self.query_one("#lb-small").border_title = (
                f"Small things · last {len(message.small.weeks)} weeks")
        if not self.weeks:
            self.query_one("#lb-summary", Static).update(
                "No week holds anything that matches these filters.")
            self.query_one("#lb-items", OptionList).clear_options()
            self.shown_week = self._drawn_week = None
            return
        row = next((n for n, w in enumerate(self.weeks) if w.start == keep), 0)
        table.move_cursor(row=row, scroll=True)
        self._open_week(row)

    def _show_sparks(self, sparks: Sparklines) -> None:
        # A sparkline scales between its own lowest and highest value; mood is shifted to
        # 0..4 so that a week at 0 still shows as a small bar.
        series = {
            "mood": [m + 2 for m in sparks.mood],
            "moments": [float(n) for n in sparks.moments],
            "rituals": [r for r in sparks.ritual_rate],
        }
        for key, data in series.items():
            self.query_one(f"#lb-spark-{key}", Sparkline).data = data
        weeks = len(sparks.starts)
        moments = sum(sparks.moments)
        labels = {  # each longest first: a narrow screen gets a shorter title, never a cut one
            "mood": (f"Mood · last {weeks} weeks", f"Mood · {weeks} weeks", "Mood"),
            "moments": (f"Loop moments · last {weeks} weeks · {moments} in all",
                        f"Loop moments · {moments} in {weeks} weeks",
                        f"Loop · {moments} in {weeks} weeks", "Loop moments", "Loop"),
            "rituals": (f"Rituals kept · last {weeks} weeks", f"Rituals kept · {weeks} weeks",
                        "Rituals kept", "Rituals"),
        }
        for key, texts in labels.items():
            self.query_one(f"#lb-spark-label-{key}", FittedLabel).set_choices(*texts)

    def _show_list(self, selector: str, options: list[Option]) -> None:
        shown = self.query_one(selector, OptionList)
        highlighted = shown.highlighted
        shown.clear_options()
        shown.add_options(options)
        if highlighted is not None and highlighted < shown.option_count:
            shown.highlighted = highlighted

    def _show_echoes(self, echoes: list[Echo]) -> None:
        options: list[Option] = []
        for echo in echoes:
            head = Text(f"{echo.label} · {echo.day:%a %d %b %Y}", style="bold")
            options.append(Option(head, disabled=True))
            if not echo.items:
                options.append(Option(Text("  Nothing written that day.", style="dim"),
                                      disabled=True))
            for item in echo.items:
                options.append(Option(item_prompt(item, with_day=False),
                                      id=f"{item.kind}:{item.id}:{echo.label}"))
        echo_list = self.query_one("#lb-echoes", OptionList)
        echo_list.clear_options()
        echo_list.add_options(options)

    def _open_week(self, row: int) -> None:
        if not 0 <= row < len(self.weeks):
            return
        start = self.weeks[row].start
        if start == self.shown_week:
            return
        self.shown_week = start
        self._read_week(start, self.filters)

    @on(WeekLoaded)
    def _show_week(self, message: WeekLoaded) -> None:
        if message.error or message.detail is None:
            self._say(message.error)
            return
        detail = message.detail
        if detail.figures.start != self.shown_week:
            return  # the cursor moved on meanwhile
        self._drawn_week = detail.figures.start
        self.query_one("#lb-summary", Static).update(summary_text(detail.figures,
                                                                  detail.summary))
        items = self.query_one("#lb-items", OptionList)
        items.clear_options()
        items.add_options(
            Option(item_prompt(item), id=f"{item.kind}:{item.id}") for item in detail.items
        )
        items.border_title = f"{detail.figures.words}: " + (
            f"{len(detail.items)} record{'s' if len(detail.items) != 1 else ''}"
            if detail.items else "nothing written"
        )
        if self._enter_week == detail.figures.start:
            self._into_records()

    def _into_records(self) -> None:
        self._enter_week = None
        items = self.query_one("#lb-items", OptionList)
        if items.option_count:
            items.focus()
            if items.highlighted is None:
                items.highlighted = 0

    @on(DataTable.RowHighlighted, "#lb-weeks")
    def _week_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._open_week(event.cursor_row)

    @on(DataTable.RowSelected, "#lb-weeks")
    def _week_chosen(self, event: DataTable.RowSelected) -> None:
        # Enter on a week: its detail, and once it is on the screen its records take the
        # focus (never the records of the week shown before, still there while it is read).
        if not 0 <= event.cursor_row < len(self.weeks):
            return
        self._enter_week = self.weeks[event.cursor_row].start
        self._open_week(event.cursor_row)
        if self._drawn_week == self._enter_week:
            self._into_records()

    @on(OptionList.OptionSelected, "#lb-reasons")
    @on(OptionList.OptionSelected, "#lb-small")
    def _practice_chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a reason goes to the practice that answers it; on the small things, to
        the love list or the tally."""
        kind, _, rest = (event.option.id or "").partition(":")
        key = rest.partition(":")[0]
        app = self.closer_app
        if kind == "small":
            app.action_small_things("tally" if key.startswith(("tally", "week")) else "love")
        elif key in PRACTICE_TABS:
            app.action_small_things(PRACTICE_TABS[key])
        elif key == "right_now":
            app.action_right_now()
        elif key:
            from tui.screens.main import MainScreen

            self.app.pop_screen()
            if isinstance(self.app.screen, MainScreen):
                self.app.screen.show_pane("rituals")

    @on(OptionList.OptionSelected, "#lb-items")
    @on(OptionList.OptionSelected, "#lb-echoes")
    def _item_chosen(self, event: OptionList.OptionSelected) -> None:
        kind, _, rest = (event.option.id or "").partition(":")
        record_id = rest.partition(":")[0]
        if kind and record_id.isdigit():
            if not self.closer_app.open_record(kind, int(record_id)):
                self.notify("That kind of record cannot be opened yet.", severity="warning")

    # -- filters ------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.notify(text, severity="error", markup=False)

    def _use_filters(self, chosen: Choice | None) -> None:
        if chosen is None or chosen == (self.filters, self.range):
            return
        self.filters, self.range = chosen
        self.query_one("#lb-filter-line", Static).update(describe(*chosen))
        self.shown_week = self._drawn_week = None
        self.load()

    # -- actions ------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()  # one escape, from anywhere on the screen (app.open_screen)

    def action_filters(self) -> None:
        self.app.push_screen(FilterDialog(self.filters, self.range), self._use_filters)

    def action_clear_filters(self) -> None:
        self._use_filters((Filters(), (None, None)))

    def action_this_week(self) -> None:
        table = self.query_one("#lb-weeks", DataTable)
        if table.row_count:
            table.move_cursor(row=0)
            table.focus()

    def action_year(self) -> None:
        from tui.dialogs.year import YearDialog

        self.app.push_screen(YearDialog())

    def action_brief(self) -> None:
        from tui.dialogs.brief import BriefDialog

        def written(path: str | None) -> None:
            if path:
                self.notify(f"Wrote the brief to {path}. Only what you chose is in it.",
                            title="Brief written", markup=False)

        self.app.push_screen(BriefDialog(), written)

    def refresh_weeks(self) -> None:
        """Read everything again (after a record was saved elsewhere), staying on the
        week in view."""
        self._keep, self.shown_week, self._drawn_week = self.shown_week, None, None
        self.load()

    def on_screen_resume(self) -> None:
        # Coming back from Write (or the palette): what was saved there shows here now. The
        # app writes through one connection, so its count of changes says whether anything
        # was written meanwhile.
        changes = self.journal.conn.total_changes
        if self.is_mounted and self.weeks and changes != self._seen_changes:
            self.refresh_weeks()
