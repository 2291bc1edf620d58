"""Right now: a short, guided practice for the minute the loop pulls at you.

Name the pull and how strong it is; the flow goes where that leads (storage.right_now.route):
the calm timer with a question to hold, a time-out with a way back, or grounding and one small
choice; then one next step, in your own words, kept as a loop moment. Escape goes back one
step; from the first, it leaves. The words are in content/right_now.toml.

Nothing typed is lost (:mod:`tui.drafting`): while the flow is open, where it is and what it
holds (the pull, its strength, a time-out's length and words, the small choice, the next step)
is kept as one draft under :data:`DRAFT_KEY`. Opening Right now again opens on it directly,
just as it was left, the way every editor in closer brings its draft back: in the minute that
matters there is no question to answer first, and escape walks back to naming the pull.
Keeping the moment drops the draft; so does leaving when no word of one's own was typed.

A time-out's return is watched by :class:`Returns`, which lives on the App: when the time
comes it rings and asks whether you came back, whichever screen is in front.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import (
    Button,
    ContentSwitcher,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from storage import JournalError, dates
from storage.right_now import PULLS, TIME_OUT_DEFAULT, TIME_OUT_MINUTES, return_time, route
from tui.drafting import Drafted, FormDraft
from tui.reach import Reach
from tui.widgets.choice import RadioRow
from tui.widgets.toggles import Choice

DRAFT_KEY = "loop_event:right_now"
"""The drafts key of the unfinished flow (one at a time; a loop moment's draft, as
``closer today`` counts it)."""

STEPS = ("rn-pull", "rn-calm", "rn-time_out", "rn-ground", "rn-step")
"""The flow's steps, as the draft names them."""


def words():
    from content import knowledge

    return knowledge().right_now


def minutes_text(minutes: int) -> str:
    """``"20 min"``, ``"1 hour"``, ``"2 hours"``."""
    if minutes % 60:
        return f"{minutes} min"
    hours = minutes // 60
    return "1 hour" if hours == 1 else f"{hours} hours"


def clock_text(moment: datetime) -> str:
    """A return time as it is said: ``"21:45"`` (local)."""
    return f"{dates.local(moment):%H:%M}"


def option(name: str, description: str = "") -> Text:
    """A choice as the lists show it: its name in bold, then what it means, dimmed."""
    out = Text(name, style="bold")
    if description:
        out.append("  " + description, style="dim")
    return out


class Strength(Widget, can_focus=True):
    """How strong, 0-10, on one line: left and right (or a digit) change it; enter goes on."""

    DEFAULT_CSS = """
    Strength { height: 1; width: auto; padding: 0 1; }
    Strength:focus { background: $boost; }
    Strength > .strength--on { color: $accent; text-style: bold reverse; }
    """
    COMPONENT_CLASSES = {"strength--on"}
    BINDINGS = [
        Binding("left,minus", "change(-1)", "Less", id="right_now.less", show=False,
                tooltip="A little less strong."),
        Binding("right,plus,equals_sign", "change(1)", "More", id="right_now.more",
                show=False, tooltip="A little stronger."),
        Binding("enter", "chosen", "Go on", id="right_now.strength_chosen",
                tooltip="Go on with this strength."),
    ]

    value: reactive[int] = reactive(5)

    class Chosen(Message):
        """Enter was pressed on the strength."""

    class Changed(Message):
        """The strength changed."""

    def watch_value(self) -> None:
        self.post_message(self.Changed())

    def render(self) -> Text:
        out = Text(no_wrap=True, end="")
        for n in range(11):
            out.append(f" {n} ", self.get_component_rich_style("strength--on")
                       if n == self.value else "")
        return out

    def action_change(self, step: int) -> None:
        self.value = max(0, min(10, self.value + step))

    def action_chosen(self) -> None:
        self.post_message(self.Chosen())

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            self.value = int(event.character)


class RightNowScreen(Drafted, Reach, ModalScreen[int | None]):
    """The flow; dismisses with the id of the moment kept (None when left before keeping).
    What it holds is kept as a draft while it is open (see the module's docstring)."""

    DEFAULT_CSS = """
    RightNowScreen { align: center middle; }
    RightNowScreen #rn-box {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; border-title-color: $accent; background: $surface;
        padding: 0 1;
    }
    RightNowScreen ContentSwitcher { height: auto; }
    RightNowScreen ContentSwitcher > Vertical { height: auto; }
    RightNowScreen .rn-title { text-style: bold; margin-top: 1; }
    RightNowScreen .rn-text { margin-bottom: 1; }
    RightNowScreen .rn-muted { color: $text-muted; }
    RightNowScreen .rn-hold { text-style: bold italic; color: $accent; margin-bottom: 1; }
    RightNowScreen OptionList { height: auto; max-height: 12; margin-bottom: 1; }
    RightNowScreen #rn-minutes { layout: horizontal; height: auto; width: 100%; }
    RightNowScreen #rn-minutes RadioButton { width: auto; }
    RightNowScreen Input { margin-bottom: 1; }
    RightNowScreen .rn-buttons { height: auto; margin-top: 1; }
    RightNowScreen .rn-buttons Button { margin-right: 2; }
    RightNowScreen #rn-message { color: $text-muted; height: auto; }
    RightNowScreen #rn-message.-error { color: $error; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="right_now.back",
                tooltip="Go back one step; from the first step, leave. What you typed "
                        "waits for next time."),
        Binding("ctrl+r", "keep", "Keep it", id="right_now.keep", priority=True,
                tooltip="Keep this next step as a Right now moment."),
    ]

    def __init__(self, step: str = "") -> None:
        super().__init__()
        self.wanted_step = step.strip()
        """Words to end with, brought from elsewhere (a phrase of the phrase book): they wait
        in the next step unless words of the person's own are there already."""
        self.pull: str | None = None
        self.strength = 5
        self.choice = ""
        self.minutes = TIME_OUT_DEFAULT
        self.trail: list[str] = []
        """The steps walked so far, the one shown last (escape walks back along it)."""
        self._script_edited = False
        self._calm_started = False
        self._offer_set: int | None = None
        self.draft = FormDraft(self, DRAFT_KEY, what="The Right now step you were writing",
                               state=self.state, say=self._say)

    # -- the steps -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from content import knowledge

        w = words()
        with VerticalScroll(id="rn-box"):
            with ContentSwitcher(initial="rn-pull"):
                with Vertical(id="rn-pull"):
                    yield Static(w.intro, classes="rn-text rn-title", markup=False)
                    yield OptionList(*(Option(option(p.name, p.description), id=p.key)
                                       for p in w.pulls), id="rn-pulls")
                    yield Static(w.strength, markup=False)
                    yield Strength(id="rn-strength")
                    yield Static(w.strength_keys, classes="rn-muted rn-text", markup=False)
                    yield Static(knowledge().help.safety, classes="rn-muted", markup=False,
                                 id="rn-safety")
                with Vertical(id="rn-calm"):
                    yield Static(w.calm.title, classes="rn-title", markup=False)
                    yield Static(w.calm.text, classes="rn-text", markup=False)
                    yield Static(w.calm.hold, classes="rn-hold", markup=False)
                    with Horizontal(classes="rn-buttons"):
                        yield Button(w.next, variant="primary", id="rn-calm-next")
                with Vertical(id="rn-time_out"):
                    yield Static(w.time_out.title, classes="rn-title", markup=False)
                    yield Static(w.time_out.reassurance, classes="rn-text", markup=False)
                    yield Static(w.time_out.minutes_label, markup=False)
                    with RadioRow(id="rn-minutes"):
                        for minutes in TIME_OUT_MINUTES:
                            yield Choice(minutes_text(minutes), id=f"rn-min-{minutes}",
                                              value=minutes == TIME_OUT_DEFAULT)
                    yield Static(w.time_out.script_label, markup=False)
                    yield Input(select_on_focus=False, id="rn-script")
                    yield Static(w.time_out.reminder, classes="rn-muted", markup=False)
                    with Horizontal(classes="rn-buttons"):
                        yield Button(w.next, variant="primary", id="rn-time-out-next")
                with Vertical(id="rn-ground"):
                    yield Static(w.ground.title, classes="rn-title", markup=False)
                    for n, step in enumerate(w.ground.steps, 1):
                        yield Static(f"{n}. {step}", markup=False)
                    yield Static(w.ground.choice_label, classes="rn-title", markup=False)
                    yield OptionList(*(Option(Text(c), id=f"choice-{n}")
                                       for n, c in enumerate(w.ground.choices)),
                                     id="rn-choices")
                with Vertical(id="rn-step"):
                    yield Static(w.step.title, classes="rn-title", markup=False)
                    yield Static(w.step.text, classes="rn-muted rn-text", markup=False)
                    yield OptionList(id="rn-offers")
                    yield Input(select_on_focus=False, id="rn-step-text")
                    with Horizontal(classes="rn-buttons"):
                        yield Button("Keep it", variant="primary", id="rn-keep")
                        yield Button(w.back, id="rn-back")
            yield Static("", id="rn-message", markup=False)

    def on_mount(self) -> None:
        box = self.query_one("#rn-box")
        box.border_title = words().name
        box.border_subtitle = "escape goes back a step"
        clean = self.fresh()
        values = self.draft.load(clean)
        if values == clean:
            self._show("rn-pull")
        else:
            self._restore(values)
        if self.wanted_step and not self._step_edited():
            self.query_one("#rn-step-text", Input).value = self.wanted_step
            self._say("Your words wait in the last step. First, name the pull.")

    # -- the draft -------------------------------------------------------------------

    @staticmethod
    def fresh() -> dict:
        """What a flow just opened holds (no draft)."""
        return {"trail": ["rn-pull"], "pull": words().pulls[0].key, "strength": 5,
                "minutes": TIME_OUT_DEFAULT, "script": "", "script_edited": False,
                "choice": "", "offer": None, "step": ""}

    def state(self) -> dict:
        """Where the flow is and everything in it, as its draft keeps it."""
        offers = self.query_one("#rn-offers", OptionList)
        offer = None
        if offers.highlighted is not None and offers.option_count:
            offer = offers.get_option_at_index(offers.highlighted).id
        return {
            "trail": list(self.trail) or ["rn-pull"],
            "pull": self.pull or words().pulls[0].key,
            "strength": self.query_one(Strength).value, "minutes": self.minutes,
            "script": self.query_one("#rn-script", Input).value,
            "script_edited": self._script_edited, "choice": self.choice, "offer": offer,
            "step": self.query_one("#rn-step-text", Input).value,
        }

    def typed(self) -> bool:
        """Whether words of the person's own are in the flow (a changed time-out script, or
        a next step that is not one of the offers as written)."""
        return self._script_edited or self._step_edited()

    def _step_edited(self) -> bool:
        text = self.query_one("#rn-step-text", Input).value.strip()
        return bool(text) and text not in {o.text.strip() for o in words().offers}

    def _restore(self, values: dict) -> None:
        """Open on the flow as its draft left it."""
        fresh = self.fresh()
        trail = [step for step in values.get("trail") or [] if step in STEPS] or ["rn-pull"]
        pull = values.get("pull") if values.get("pull") in PULLS else fresh["pull"]
        strength = values.get("strength")
        minutes = values.get("minutes")
        self.pull = pull
        self.strength = strength if isinstance(strength, int) and 0 <= strength <= 10 else 5
        self.minutes = minutes if minutes in TIME_OUT_MINUTES else TIME_OUT_DEFAULT
        self.choice = str(values.get("choice") or "")
        self.query_one(Strength).value = self.strength
        order = [p.key for p in words().pulls]
        self.query_one("#rn-pulls", OptionList).highlighted = \
            order.index(pull) if pull in order else 0
        self.query_one(f"#rn-min-{self.minutes}", RadioButton).value = True
        script = str(values.get("script") or "")
        if values.get("script_edited") and script.strip():
            self._script_edited = True
            self.query_one("#rn-script", Input).value = script
        elif "rn-time_out" in trail:
            self._fill_script()  # said afresh: the time to come back moves on with the clock
        step = str(values.get("step") or "")
        if "rn-step" in trail or step.strip():
            self._fill_offers(offer=values.get("offer"))
            self.query_one("#rn-step-text", Input).value = step
        self.trail = trail[:-1]
        self._show(trail[-1])
        if trail[-1] == "rn-calm":
            self._start_calm()
        more = ("Escape walks back a step." if trail[-1] != "rn-pull"
                else "Go on and your words are there." if self.typed() else "")
        self._say(f"Your unfinished Right now is back, just as you left it. {more}".strip())

    @on(Input.Changed)
    @on(RadioSet.Changed)
    @on(Strength.Changed)
    @on(OptionList.OptionSelected, "#rn-pulls")
    @on(OptionList.OptionHighlighted, "#rn-pulls")
    def _changed(self) -> None:
        self.draft.changed()

    @property
    def shown(self) -> str:
        return self.trail[-1] if self.trail else "rn-pull"

    def _show(self, step: str) -> None:
        """Show one step (remembering the way back) and put the focus in it."""
        if not self.trail or self.trail[-1] != step:
            self.trail.append(step)
        self.query_one(ContentSwitcher).current = step
        self._say("")
        first = {"rn-pull": "#rn-pulls", "rn-calm": "#rn-calm-next",
                 "rn-time_out": "#rn-time-out-next", "rn-ground": "#rn-choices",
                 "rn-step": "#rn-offers"}[step]
        self.query_one(first).focus()
        self.refresh_bindings()
        self.query_one("#rn-box", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            return self.shown == "rn-step"
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Back one step; from the first, leave: what was typed waits as the draft, and a
        flow with no word of one's own typed leaves none."""
        if len(self.trail) <= 1:
            if self.typed():
                self.flush_draft()
            else:
                self._drop_draft()
            self.dismiss(None)
            return
        self.trail.pop()
        self._show(self.trail[-1])
        self.draft.changed()

    def _drop_draft(self) -> None:
        try:
            with self.journal.transaction():
                self.draft.drop_in()
        except JournalError:
            return  # it stays, and closing writes what is on screen: nothing is lost
        self.draft.saved()

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#rn-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    # -- naming the pull ---------------------------------------------------------------

    @on(OptionList.OptionSelected, "#rn-pulls")
    def _pull_chosen(self, event: OptionList.OptionSelected) -> None:
        self.pull = event.option.id
        self.query_one(Strength).focus()

    @on(Strength.Chosen)
    def _strength_chosen(self) -> None:
        pulls = self.query_one("#rn-pulls", OptionList)
        if self.pull is None:
            highlighted = pulls.highlighted
            if highlighted is None:
                self._say("First pick the pull that is closest, then go on.", True)
                pulls.focus()
                return
            self.pull = pulls.get_option_at_index(highlighted).id
        self.strength = self.query_one(Strength).value
        where = route(self.pull or "other", self.strength)
        if where == "calm":
            self._start_calm()
        elif where == "time_out":
            self._fill_script()
        if where == "step":
            self._fill_offers()
        self._show("rn-step" if where == "step" else f"rn-{where}")
        self.draft.changed()

    @on(OptionList.OptionHighlighted, "#rn-pulls")
    def _pull_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.pull = event.option.id

    # -- the calm timer --------------------------------------------------------------

    def _start_calm(self) -> None:
        if self._calm_started:
            return
        self._calm_started = True
        try:
            loop = self.closer_app.get_screen_stack_main().query_one("#loop")
        except LookupError:
            return
        start = getattr(loop, "start_calm", None)
        if callable(start):
            start(words().calm.hold)

    @on(Button.Pressed, "#rn-calm-next")
    def _calm_next(self) -> None:
        self._fill_offers()
        self._show("rn-step")
        self.draft.changed()

    # -- a time-out ------------------------------------------------------------------

    def _fill_script(self) -> None:
        if self._script_edited:
            return
        back = return_time(dates.now(), self.minutes)
        script = self.query_one("#rn-script", Input)
        script.value = words().time_out.script.replace("{time}", clock_text(back))
        self._script_edited = False

    @on(RadioSet.Changed, "#rn-minutes")
    def _minutes_changed(self, event: RadioSet.Changed) -> None:
        self.minutes = int((event.pressed.id or "").rsplit("-", 1)[-1] or TIME_OUT_DEFAULT)
        self._fill_script()

    @on(Input.Changed, "#rn-script")
    def _script_typed(self, event: Input.Changed) -> None:
        expected = words().time_out.script.replace(
            "{time}", clock_text(return_time(dates.now(), self.minutes)))
        self._script_edited = event.value != expected

    @on(Input.Submitted, "#rn-script")
    @on(Button.Pressed, "#rn-time-out-next")
    def _time_out_next(self) -> None:
        if not self.query_one("#rn-script", Input).value.strip():
            self._fill_script()
        self._fill_offers()
        self._show("rn-step")
        self.draft.changed()

    # -- freezing --------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#rn-choices")
    def _choice_made(self, event: OptionList.OptionSelected) -> None:
        self.choice = str(event.option.prompt)
        self._fill_offers()
        self._show("rn-step")
        self.draft.changed()

    # -- the next step ---------------------------------------------------------------

    def _fill_offers(self, offer: object = None) -> None:
        """The offers that fit the pull, ``offer`` (a key) or the first highlighted, and its
        words in the step, unless words of the person's own are there already."""
        offers = words().offers_for(self.pull or "other")
        found = self.query_one("#rn-offers", OptionList)
        found.clear_options()
        found.add_options([Option(option(o.name), id=o.key) for o in offers])
        index = next((n for n, o in enumerate(offers) if o.key == offer), 0)
        self._offer_set = index
        found.highlighted = index
        if not self._step_edited():
            self.query_one("#rn-step-text", Input).value = offers[index].text

    @on(OptionList.OptionHighlighted, "#rn-offers")
    def _offer_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        offer = next((o for o in words().offers if o.key == event.option.id), None)
        if offer is None:
            return
        if event.option_index == self._offer_set:  # highlighted by _fill_offers, words set
            self._offer_set = None
            return
        self._offer_set = None
        if self._step_edited():
            self._say("Your own words stay in the step; empty it to take this offer's words.")
            return
        self.query_one("#rn-step-text", Input).value = offer.text

    @on(OptionList.OptionSelected, "#rn-offers")
    def _offer_chosen(self) -> None:
        text = self.query_one("#rn-step-text", Input)
        text.focus()
        text.cursor_position = len(text.value)

    @on(Button.Pressed, "#rn-back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Input.Submitted, "#rn-step-text")
    @on(Button.Pressed, "#rn-keep")
    def action_keep(self) -> None:
        """Keep the moment: the pull, its strength, the choice, a time-out's words and
        return time, and the next step as written."""
        if self.shown != "rn-step" or self.pull is None:
            return
        time_out = "rn-time_out" in self.trail
        journal = self.journal
        try:
            with journal.transaction():
                kept = journal.right_now.keep(
                    pull=self.pull, strength=self.strength,
                    step=self.query_one("#rn-step-text", Input).value,
                    choice=self.choice if "rn-ground" in self.trail else "",
                    script=self.query_one("#rn-script", Input).value if time_out else "",
                    minutes=self.minutes if time_out else None,
                )
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), True)
            return
        self.draft.saved()
        app = self.closer_app
        if kept.return_at is not None:
            Returns.of(app).watch()
        message = words().step.kept
        if kept.return_at is not None:
            message += f" closer will ring at {clock_text(kept.return_at)}."
        app.notify(message, title=words().name, markup=False)
        app.records_changed()
        self.dismiss(kept.id)


# ---------------------------------------------------------------- coming back


class BackDialog(Reach, ModalScreen[bool | None]):
    """Asks whether the person came back from a time-out by its return time (when it comes,
    or when the person marks it from The loop's moments); dismisses True (on time), False
    (not quite) or None (ask again later)."""

    DEFAULT_CSS = """
    BackDialog { align: center middle; }
    BackDialog > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $accent; border-title-color: $accent; background: $surface;
        padding: 1 2;
    }
    BackDialog .rn-buttons { height: auto; margin-top: 1; }
    BackDialog Button { margin-right: 1; }
    """

    AUTO_FOCUS = "#rn-on-time"

    BINDINGS = [Binding("escape", "later", "Later", id="right_now.back_later",
                        tooltip="Ask me again later.")]

    def __init__(self, event_id: int, return_at: datetime) -> None:
        super().__init__()
        self.event_id = event_id
        self.return_at = return_at

    def compose(self) -> ComposeResult:
        back = words().back_from
        with Vertical(id="rn-back-box"):
            yield Static(back.question.replace("{time}", clock_text(self.return_at)),
                         markup=False)
            with Horizontal(classes="rn-buttons"):
                yield Button(back.on_time, variant="primary", id="rn-on-time")
                yield Button(back.late, id="rn-late")
                yield Button(back.later, id="rn-later")

    def on_mount(self) -> None:
        self.query_one("#rn-back-box").border_title = words().back_from.title

    @on(Button.Pressed, "#rn-on-time")
    def _on_time(self) -> None:
        self._answer(True)

    @on(Button.Pressed, "#rn-late")
    def _late(self) -> None:
        self._answer(False)

    @on(Button.Pressed, "#rn-later")
    def action_later(self) -> None:
        self.dismiss(None)

    def _answer(self, on_time: bool) -> None:
        try:
            self.journal.right_now.came_back(self.event_id, on_time=on_time)
        except JournalError as exc:
            self.notify(str(exc), title="Not kept", severity="error", markup=False)
            self.dismiss(None)
            return
        Returns.of(self.closer_app).answered(self.event_id)
        self.notify(words().back_from.thanks, title=words().back_from.title, markup=False)
        self.closer_app.records_changed()
        self.dismiss(on_time)


class Returns:
    """Watches the time-outs waiting for their return (one per App): once a second while
    any waits, it compares the journal's clock with their return times; when one comes it
    rings and asks (:class:`BackDialog`), whichever screen is in front. "Later" asks again
    the next time closer starts."""

    CHECK_S = 1.0

    def __init__(self, app) -> None:
        self.app = app
        self.waiting: list[tuple[int, datetime]] = []
        self.asked: set[int] = set()
        self._timer: Timer | None = None

    @classmethod
    def of(cls, app) -> Returns:
        found = getattr(app, "_right_now_returns", None)
        if found is None:
            found = cls(app)
            app._right_now_returns = found
        return found

    def watch(self) -> None:
        """Read the waiting time-outs again and check them now and every second after."""
        try:
            found = self.app.journal.right_now.waiting()
        except JournalError:
            return
        self.waiting = [(e.id, e.return_at) for e in found
                        if e.return_at is not None and e.id not in self.asked]
        if self.waiting and self._timer is None:
            self._timer = self.app.set_interval(self.CHECK_S, self.check)
        self.check()

    def answered(self, event_id: int) -> None:
        """The person said whether they came back from ``event_id`` (asked or not): it is
        not asked about again."""
        self.asked.add(event_id)
        self.waiting = [(i, at) for i, at in self.waiting if i != event_id]

    def check(self) -> None:
        """Ask about the first time-out whose return time has come (one dialog at a time)."""
        if not self.waiting:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            return
        if isinstance(self.app.screen, BackDialog):
            return
        now = dates.now()
        due = [(event_id, at) for event_id, at in self.waiting if at <= now]
        if not due:
            return
        event_id, at = due[0]
        self.waiting.remove((event_id, at))
        self.asked.add(event_id)
        back = words().back_from
        self.app.bell()
        self.app.notify(back.question.replace("{time}", clock_text(at)), title=back.title,
                        markup=False, timeout=20)
        self.app.push_screen(BackDialog(event_id, at))
