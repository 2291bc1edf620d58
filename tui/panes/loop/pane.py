"""The `The loop` pane: the person's own cycle map drawn as a closed loop, how often it came
round lately (on the cycle, with the most common exits and a sparkline of the weeks), the
log of loop moments, and the fifteen-minute calm-down timer.

Every number comes from :meth:`storage.loop.Loop.stats`; this module only draws and asks.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.text import first_line
from tui.panes.loop.calm import CalmTimer
from tui.panes.loop.diagram import LoopDiagram, sides_of
from tui.widgets.pane import PaletteCommand, Pane

PAGE = 50
"""Moments read at a time; more are read as the highlight reaches the end of the list."""
MUTED = "$text-muted"
ENDING_STYLES = {"repair": "$success", "pause": "$warning", "unresolved": MUTED}


class LoopPane(Pane):
    PANE_TITLE = "The loop"
    KINDS = ("loop_event",)
    DETAILS = {"loop-moments": "loop-detail"}

    HELP_PARTS = (
        ("A turn of the loop (l)", "tui.panes.loop.moment:MomentForm"),
        ("Editing the map (e)", "tui.panes.loop.map_editor:MapEditor"),
        ("Versions of the map (v)", "tui.panes.loop.map_editor:MapVersions"),
    )
    """The forms and dialogs it opens, for the help (tui.screens.help)."""

    BINDINGS = [
        Binding("l", "log_moment", "Log moment", id="loop.log_moment",
                tooltip="Write down one turn of the loop: what set it off, what each of you "
                        "did, how it ended."),
        Binding("e", "edit_map", "Edit map", id="loop.edit_map",
                tooltip="Map your loop in your own words; each save keeps a new version."),
        Binding("v", "versions", "Versions", id="loop.versions",
                tooltip="See how your map changed: every saved version, drawn as it was."),
        Binding("c", "calm_down", "Calm down", id="loop.calm_down",
                tooltip="When it gets to be too much: fifteen calm minutes before you talk."),
        Binding("x", "stop_calm", "Stop timer", id="loop.stop_calm",
                tooltip="Put the calm-down timer away."),
        Binding("b", "came_back", "Came back?", id="loop.came_back",
                tooltip="On a Right now time-out in the list: say whether you came back by "
                        "the time you said."),
        Binding("delete", "delete", "Delete", id="loop.delete",
                tooltip="Move the highlighted moment to the trash, asking nothing (ctrl+z "
                        "brings it back)."),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._events: list = []
        self._total = 0
        self._today = dates.today()
        self.stats = None
        self.loop_map = None

    def compose(self) -> ComposeResult:
        yield CalmTimer(id="loop-calm")
        yield Static("", id="loop-pattern")
        yield LoopDiagram(id="loop-diagram")
        yield Static("", id="loop-numbers")
        yield Static("", id="loop-spark-note")
        with Horizontal(classes="loop-spark-row"):
            yield Label("How often", classes="loop-spark-label")
            yield Sparkline([], id="loop-spark-count")
        with Horizontal(classes="loop-spark-row"):
            yield Label("How strong", classes="loop-spark-label")
            yield Sparkline([], id="loop-spark-intensity")
        yield Static("", id="loop-moments-title")
        yield OptionList(id="loop-moments")
        yield Static("", id="loop-detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()
        self.set_interval(60, self._check_the_date)

    @property
    def moments(self) -> OptionList:
        return self.query_one("#loop-moments", OptionList)

    @property
    def diagram(self) -> LoopDiagram:
        return self.query_one("#loop-diagram", LoopDiagram)

    @property
    def calm(self) -> CalmTimer:
        return self.query_one("#loop-calm", CalmTimer)

    def focus_first(self) -> None:
        self.focus_in_view(self.diagram)

    def on_descendant_focus(self, event) -> None:
        # While this pane is hidden behind another tab, Textual may hand the focus to one of
        # its widgets on its way elsewhere; the main screen must not take that for the
        # person coming back here (it would switch tabs back and forth).
        if not self.display:
            event.stop()

    def key_enter(self, event) -> None:
        if self.diagram.has_focus:
            event.stop()
            self.action_edit_map()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "stop_calm":
            return self.calm.shown
        if action == "delete":
            return self.moments.has_focus and self.current_event() is not None
        if action == "came_back":
            event = self.current_event()
            return self.moments.has_focus and event is not None and \
                event.return_at is not None
        return True

    def _check_the_date(self) -> None:
        if dates.today() != self._today:
            self.reload()

    # -- reading ----------------------------------------------------------------------

    def records_changed(self) -> None:
        """Records were deleted or brought back elsewhere: the pane reads them again."""
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the map, the numbers and the newest moments again (after any change)."""
        self._today = dates.today()
        loop = self.journal.loop
        try:
            self.loop_map = loop.current_map()
            self.stats = loop.stats(today=self._today)
            self._total = loop.count()
            want = PAGE if select is None else max(PAGE, loop.position(select) + 1)
            self._events = loop.list_events(limit=want)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._show_map()
        self._show_numbers()
        self._show_moments(select)

    def _show_map(self) -> None:
        from content import knowledge

        k = knowledge()
        pattern = self.query_one("#loop-pattern", Static)
        current = self.loop_map
        if current is None:
            pattern.update(Content.assemble(
                ("Your loop isn't mapped yet. ", "bold"),
                ("Press e to put it in your own words: what each of you does when it gets "
                 "hard, and what goes on inside.", MUTED)))
        else:
            role = (k.role(current.my_role).name.lower()
                    if current.my_role in k.keys("roles") else "")
            parts: list = [(k.pattern(current.pattern).name, "bold")]
            if role:
                parts.append((f" · I tend to be {role}", MUTED))
            pattern.update(Content.assemble(*parts))
        stats = self.stats
        self.diagram.show(sides_of(current), stats.count_text() if stats else "",
                          stats.count_text(short=True) if stats else "")

    def _show_numbers(self) -> None:
        from content import knowledge

        stats = self.stats
        if stats is None:
            return
        k = knowledge()
        parts: list = []
        if stats.exits:
            parts.append(("Most common exits: ", MUTED))
            shown = stats.exits[:3]
            for n, (key, times) in enumerate(shown):
                if n:
                    parts.append(" · ")
                parts.append(k.exit(key).name)
                parts.append((f" ×{times}", MUTED))
            parts.append("\n")
        if stats.count:
            ended = f"{stats.repairs} ended in a repair" if stats.repairs != 1 else \
                "1 ended in a repair"
            mean = f"{stats.intensity:.1f}".rstrip("0").rstrip(".")
            parts.append((f"Average strength {mean} of 10; {ended}.\n", MUTED))
        parts.append((stats.trend_text(), "italic"))
        self.query_one("#loop-numbers", Static).update(Content.assemble(*parts))
        self.query_one("#loop-spark-count", Sparkline).data = stats.counts
        self.query_one("#loop-spark-intensity", Sparkline).data = stats.intensities
        weeks = len(stats.series)
        self.query_one("#loop-spark-note", Static).update(
            Content.assemble((f"The last {weeks} weeks, this week on the right:", MUTED)))

    def _option(self, event) -> Option:
        from content import knowledge

        when = dates.local(event.occurred_at)
        ending = knowledge().ending(event.ending).name.lower()
        words = first_line(event.my_move or event.trigger or event.their_move or event.step
                           or event.note, 200) or "(no words)"
        prompt = Content.assemble(
            (f"{when:%a %d %b} ", "bold"), (f"{when:%H:%M}", MUTED),
            (" · ", MUTED), (f"{event.intensity}/10", "$accent"), (" · ", MUTED),
            (ending, ENDING_STYLES.get(event.ending, MUTED)),
            "\n", words,
        )
        return Option(prompt, id=str(event.id))

    def _show_moments(self, select: int | None = None) -> None:
        options = self.moments
        keep = select
        if keep is None and options.highlighted is not None and options.option_count:
            current = options.get_option_at_index(options.highlighted).id
            keep = int(current) if current and current.isdigit() else None
        title = self.query_one("#loop-moments-title", Static)
        title.update(Content.assemble(("Loop moments", "bold"),
                                      (f" · {self._total}" if self._total else "", MUTED)))
        options.clear_options()
        if not self._events:
            options.add_option(Option(Content(
                "No moments logged yet. When the loop turns, press l and write down what "
                "happened, while it is fresh."), id="none", disabled=True))
        options.add_options([self._option(event) for event in self._events])
        self._add_more_marker()
        index = 0
        for n, event in enumerate(self._events):
            if event.id == keep:
                index = n
        if self._events:
            options.highlighted = index
        self._show_detail()

    def _add_more_marker(self) -> None:
        left = self._total - len(self._events)
        if left > 0:
            self.moments.add_option(Option(
                Content(f"… {left} older: move down to read them."), id="more",
                disabled=True))

    def _read_more(self) -> None:
        """Add the next page of older moments to the end of the list."""
        if len(self._events) >= self._total:
            return
        try:
            older = self.journal.loop.list_events(limit=len(self._events) + PAGE)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        fresh = older[len(self._events):]
        self._events = older
        options = self.moments
        if options.option_count and options.get_option_at_index(
                options.option_count - 1).id == "more":
            options.remove_option("more")
        options.add_options([self._option(event) for event in fresh])
        self._add_more_marker()

    def action_delete(self) -> None:
        """The highlighted moment goes to the trash, asking nothing: the toast's ctrl+z or
        the Trash brings it back."""
        event = self.current_event()
        if event is not None:
            self.closer_app.move_to_trash("moment", event.id)

    def current_event(self):
        options = self.moments
        if options.highlighted is None or not self._events:
            return None
        index = options.highlighted
        return self._events[index] if 0 <= index < len(self._events) else None

    def _show_detail(self) -> None:
        from content import knowledge
        from storage import right_now

        detail = self.query_one("#loop-detail", Static)
        event = self.current_event()
        if event is None:
            detail.update("")
            return
        k = knowledge()
        when = dates.local(event.occurred_at)
        parts: list = [(f"{when:%A %d %B %Y, %H:%M}", "bold")]
        prompts = k.moment_prompts
        rows = [
            (prompts["first_mover"].label, k.first_mover(event.first_mover).name),
            (prompts["trigger"].label, event.trigger),
            (prompts["my_move"].label, event.my_move),
            (prompts["their_move"].label, event.their_move),
            (prompts["exits"].label, ", ".join(k.exit(x).name for x in event.exits)),
            (prompts["reasons"].label, ", ".join(k.reason(x).name for x in event.reasons)),
            (prompts["intensity"].label, f"{event.intensity} of 10"),
            (prompts["ending"].label, k.ending(event.ending).name),
            (prompts["note"].label, event.note),
            *right_now.parts(event),
        ]
        if event.thought_record_id is not None:
            found = self.journal.loop.thought_record_summary(event.thought_record_id)
            linked = f"{dates.local(found[0]):%a %d %b}: {first_line(found[1], 80)}" \
                if found else ""
            rows.append((prompts["thought_record"].label, linked))
        for label, value in rows:
            if value:
                parts += [(f"\n{label}: ", MUTED), value]
        parts.append(("\nenter to change it", MUTED))
        detail.update(Content.assemble(*parts))

    @on(OptionList.OptionHighlighted, "#loop-moments")
    def _highlighted(self) -> None:
        options = self.moments
        if options.highlighted is not None and options.highlighted >= len(self._events) - 1:
            self._read_more()
        self._show_detail()
        self.refresh_bindings()  # "Came back?" is offered on a time-out only

    @on(OptionList.OptionSelected, "#loop-moments")
    def _chosen(self) -> None:
        event = self.current_event()
        if event is not None:
            self.open_moment(event.id)

    # -- actions ----------------------------------------------------------------------

    def action_log_moment(self) -> None:
        self.open_moment(None)

    def open_moment(self, event_id: int | None) -> None:
        from tui.panes.loop.moment import MomentForm

        def done(saved: int | None) -> None:
            self.reload(select=saved)

        self.app.push_screen(MomentForm(event_id), done)

    def action_edit_map(self) -> None:
        from tui.panes.loop.map_editor import MapEditor

        self.app.push_screen(MapEditor(), lambda _id: self.reload())

    def action_versions(self) -> None:
        from tui.panes.loop.map_editor import MapVersions

        if self.journal.loop.map_count() == 0:
            self.notify("No map saved yet: press e to draw it.", markup=False)
            return
        self.app.push_screen(MapVersions(), lambda _id: self.reload())

    def action_came_back(self) -> None:
        """Ask about the highlighted time-out as its return time does (on time, not quite,
        or later), whenever the person wants to say it."""
        from tui.screens.right_now import BackDialog

        event = self.current_event()
        if event is None or event.return_at is None:
            return
        self.app.push_screen(BackDialog(event.id, event.return_at))

    def action_calm_down(self) -> None:
        self.start_calm()

    def start_calm(self, hold: str = "") -> None:
        """Start the calm-down timer (``hold``: a question to carry while it runs); a timer
        already running keeps going, and says how long it has left."""
        calm = self.calm
        if calm.running:
            state = calm.state()
            left = (state.remaining + 59) // 60 if state else 0
            self.notify(f"The calm-down timer is already running: {left} min left.",
                        markup=False)
            return
        calm.start(hold)
        self.refresh_bindings()
        self.call_after_refresh(self.scroll_home, animate=False)

    def action_stop_calm(self) -> None:
        self.calm.stop()
        self.refresh_bindings()

    @on(CalmTimer.Finished)
    def _calm_finished(self) -> None:
        words = self.calm.words()
        self.notify(words.closing, title=words.name, markup=False, timeout=15)

    # -- the palette and search -------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand("Log a loop moment",
                           "Write down one turn of the loop while it is fresh",
                           self._from_palette(self.action_log_moment)),
            PaletteCommand("Edit my loop map",
                           "Your cycle in your own words; each save keeps a new version",
                           self._from_palette(self.action_edit_map)),
            PaletteCommand("Start a 15-minute calm-down timer",
                           "When it gets to be too much: settle yourself first, talk later",
                           self._from_palette(self.action_calm_down)),
            PaletteCommand("See earlier versions of my loop map",
                           "How your understanding of the loop changed",
                           self._from_palette(self.action_versions)),
        ]

    def _from_palette(self, action):
        def run() -> None:
            show = getattr(self.screen, "show_pane", None)
            if callable(show) and self.id:
                show(self.id)
            action()

        return run

    def open_record(self, kind: str, record_id: int) -> None:
        """A loop moment from search: highlight it in the list and show it in full."""
        if kind not in self.KINDS:
            return
        try:
            self.journal.loop.get_event(record_id)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.reload(select=record_id)
        self.call_after_refresh(self.moments.focus)
