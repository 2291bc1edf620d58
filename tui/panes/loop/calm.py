"""Fifteen calm minutes: a self-soothing timer shown at the top of the loop pane.

It counts from the moment it was started (by the journal's clock, so the pane always shows
the true time left, whichever pane or screen was in front meanwhile) and shows one calm
prompt from content/ for each equal share of the minutes, then a closing word. The words are
the ones written for the part the person plays in the loop (read from their map when the
timer starts: :meth:`storage.loop.Loop.guidance`).
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from rich.text import Text
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from storage import JournalError, dates
from tui.reach import Reach
from tui.widgets.fit import fitting


class CalmState(NamedTuple):
    remaining: int
    """Whole seconds left (0 when done)."""
    step: int
    """Which prompt to show (an index into the steps)."""
    done: bool


def calm_state(elapsed: float, minutes: int, steps: int) -> CalmState:
    """Where a timer of ``minutes`` with ``steps`` prompts stands ``elapsed`` seconds in.

    >>> calm_state(0, 15, 10)
    CalmState(remaining=900, step=0, done=False)
    >>> calm_state(95, 15, 10)
    CalmState(remaining=805, step=1, done=False)
    >>> calm_state(901, 15, 10)
    CalmState(remaining=0, step=9, done=True)
    """
    total = minutes * 60
    elapsed = max(0.0, elapsed)
    if elapsed >= total:
        return CalmState(0, max(0, steps - 1), True)
    share = total / max(1, steps)
    return CalmState(int(total - elapsed + 0.999), min(steps - 1, int(elapsed // share)),
                     False)


def clock(seconds: int) -> str:
    """``"12:05"``."""
    return f"{seconds // 60:d}:{seconds % 60:02d}"


class CalmBar(Widget):
    """One line that fills from the left as the minutes pass."""

    DEFAULT_CSS = """
    CalmBar { height: 1; width: 1fr; }
    CalmBar > .calm-bar--done { color: $success; }
    CalmBar > .calm-bar--left { color: $border-blurred; }
    """
    COMPONENT_CLASSES = {"calm-bar--done", "calm-bar--left"}

    fraction: reactive[float] = reactive(0.0)

    def render(self) -> Text:
        width = self.content_size.width
        done = round(width * min(1.0, max(0.0, self.fraction)))
        out = Text(no_wrap=True, end="")
        out.append("━" * done, self.get_component_rich_style("calm-bar--done"))
        out.append("━" * (width - done), self.get_component_rich_style("calm-bar--left"))
        return out


class CalmTimer(Reach, Vertical):
    """The timer's box: time left, a progress bar and the prompt of the moment. Hidden
    until :meth:`start`; :meth:`stop` hides it again."""

    class Finished(Message):
        """The minutes are over (posted once)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.started: datetime | None = None
        self._ticker: Timer | None = None
        self._finished = False
        self._words = None
        self.hold = ""
        """The question carried while the timer runs ("" when none was given)."""

    @property
    def running(self) -> bool:
        return self.started is not None and not self._finished

    @property
    def shown(self) -> bool:
        return self.started is not None

    def on_mount(self) -> None:
        self.display = False

    def _parts(self) -> None:
        """The box's lines, made the first time the timer starts: until then nothing of it
        shows, and the pane opens without them."""
        if not self.children:
            self.mount_all([Static("", id="calm-intro"), Static("", id="calm-hold"),
                            CalmBar(id="calm-progress"), Static("", id="calm-step")])

    def words(self):
        """The words of this run of the timer (:class:`content.models.CalmDown`): those for
        the person's role once started, words that fit either partner before."""
        if self._words is None:
            from content import knowledge

            return knowledge().calm_down
        return self._words

    def start(self, hold: str = "") -> None:
        """Start (or start again) from now, with the words for the person's role; ``hold`` is
        a question to carry while it runs (the Right now flow gives one), shown under the
        intro."""
        try:
            self._words = self.journal.loop.guidance().calm
        except JournalError:
            self._words = None  # words that fit either partner
        words = self.words()
        self.hold = hold
        self._parts()
        held = self.query_one("#calm-hold", Static)
        held.update(Content.assemble((hold, "bold italic")))
        held.display = bool(hold)
        self.started = dates.now()
        self._finished = False
        self.display = True
        intro = self.query_one("#calm-intro", Static)
        intro.update(Content(words.intro))
        intro.display = True
        bar = self.query_one("#calm-progress", CalmBar)
        bar.display = True
        bar.fraction = 0.0
        if self._ticker is not None:
            self._ticker.stop()
        self._ticker = self.set_interval(1, self.tick)
        self.tick()

    def stop(self) -> None:
        """Put the timer away."""
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.started = None
        self._finished = False
        self.display = False

    def state(self) -> CalmState | None:
        if self.started is None:
            return None
        words = self.words()
        elapsed = (dates.now() - self.started).total_seconds()
        return calm_state(elapsed, words.minutes, len(words.steps))

    def _show_title(self, state: CalmState) -> None:
        """The box's title: the timer's name and the time left, or only the time left when
        both do not fit on the border (the countdown is what must not be cut off)."""
        left = "done" if state.done else f"{clock(state.remaining)} left"
        name = self.words().name
        room = self.size.width - 4  # the corners and a space either side of the title
        full = f"{name} · {left}"
        if not self.size.width or fitting(room, full, left) == full:
            self.border_title = Content.assemble((name, "bold"), (f" · {left}", "$text-muted"))
        else:
            self.border_title = Content(left)

    def on_resize(self) -> None:
        state = self.state()
        if state is not None:
            self._show_title(state)

    def tick(self) -> None:
        """Show the time left and the prompt for now (every second while it runs)."""
        state = self.state()
        if state is None:
            return
        words = self.words()
        total = words.minutes * 60
        self._show_title(state)
        self.query_one("#calm-progress", CalmBar).fraction = 1 - state.remaining / total
        step = self.query_one("#calm-step", Static)
        if state.done:
            if not self._finished:
                self._finished = True
                if self._ticker is not None:
                    self._ticker.stop()
                    self._ticker = None
                self._show_title(state)
                self.query_one("#calm-intro", Static).display = False
                self.query_one("#calm-hold", Static).display = False
                self.query_one("#calm-progress", CalmBar).display = False
                step.update(Content(words.closing))
                self.post_message(self.Finished())
            return
        step.update(Content.assemble((words.steps[state.step], "italic")))
