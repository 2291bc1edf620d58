"""Small inputs of the thought record form: a 0-100 rating bar, a list of feelings with
their intensities, and a list of ideas to borrow from."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from storage import JournalError
from storage.thoughts import read_feeling, strength_wanted

STEP = 5
"""How far one arrow key moves a rating."""

NUMBER_WIDTH = 5
"""Columns kept at the right of a rating bar for its number."""

RATING_TIP = ("Type a number from 0 to 100, or use the left and right arrows (steps of 5); "
              "click on the bar to set it with the mouse.")


class RatingBar(Widget, can_focus=True):
    """A rating from 0 to 100 (or not rated yet): type the number, press the arrows for
    steps of 5, or click on the bar."""

    DEFAULT_CSS = """
    RatingBar {
        height: 1;
        width: 1fr;
        min-width: 12;
        max-width: 52;
    }
    RatingBar:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("left,minus", "step(-1)", "−5", id="thought.rating.less",
                tooltip="Lower the rating by 5."),
        Binding("right,plus,equals_sign", "step(1)", "+5", id="thought.rating.more",
                tooltip="Raise the rating by 5."),
        Binding("home", "set(0)", "0", id="thought.rating.none", show=False,
                tooltip="Set the rating to 0."),
        Binding("end", "set(100)", "100", id="thought.rating.all", show=False,
                tooltip="Set the rating to 100."),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The person changed the rating."""

        def __init__(self, rating: RatingBar, value: int | None) -> None:
            super().__init__()
            self.rating = rating
            self.value = value

        @property
        def control(self) -> RatingBar:
            return self.rating

    def __init__(self, value: int | None = None, *, allow_none: bool = True,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.allow_none = allow_none
        self.set_reactive(RatingBar.value, value)
        self._typed = ""
        self.tooltip = RATING_TIP

    def render(self) -> Content:
        width = max(self.content_region.width or self.size.width, NUMBER_WIDTH + 2)
        bar = width - NUMBER_WIDTH
        if self.value is None:
            hint = " not rated" if bar >= 12 else ""
            return Content.assemble(("·" * (bar - len(hint)), "$text-muted"),
                                    (hint, "$text-muted italic"),
                                    ("    —", "$text-muted"))
        filled = round(self.value / 100 * bar)
        return Content.assemble(("█" * filled, "$accent"), ("░" * (bar - filled), "$text-muted"),
                                (f"{self.value:>{NUMBER_WIDTH}}", "bold"))

    def set_value(self, value: int | None) -> None:
        """Set the rating from code (no Changed message)."""
        self._typed = ""
        self.value = value

    def _choose(self, value: int | None) -> None:
        if value is not None:
            value = max(0, min(100, value))
        if value == self.value:
            return
        self.value = value
        self.post_message(self.Changed(self, value))

    def action_step(self, direction: int) -> None:
        self._typed = ""
        if self.value is None:
            self._choose(50)
            return
        # From 73, one step up goes to 75 (the next multiple of 5), then 80.
        current = self.value
        if direction > 0:
            self._choose((current // STEP + 1) * STEP)
        else:
            self._choose(((current + STEP - 1) // STEP - 1) * STEP)

    def action_set(self, value: int) -> None:
        self._typed = ""
        self._choose(value)

    def on_focus(self) -> None:
        self._typed = ""

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            event.prevent_default()
            typed = self._typed + event.character
            if int(typed) > 100 or len(typed) > 3:
                typed = event.character
            self._typed = typed
            self._choose(int(typed))
        elif event.key == "backspace" and (self._typed or self.allow_none):
            event.stop()
            event.prevent_default()
            self._typed = self._typed[:-1]
            if self._typed:
                self._choose(int(self._typed))
            elif self.allow_none:
                self._choose(None)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        bar = max(self.content_region.width - NUMBER_WIDTH, 1)
        if offset.x >= bar:
            return
        self._typed = ""
        fraction = offset.x / max(bar - 1, 1)
        self._choose(round(fraction * 100 / STEP) * STEP)


# ------------------------------------------------------------------ feelings

class FeelingRow(Horizontal):
    """One feeling and its intensity."""

    BINDINGS = [
        Binding("delete,ctrl+d", "remove", "Remove", id="thought.feeling.remove",
                tooltip="Take this feeling off the list."),
    ]

    def __init__(self, name: str, value: int | None, *, placeholder: bool = False) -> None:
        super().__init__(classes="feeling-row")
        self.feeling = name
        self.placeholder = placeholder
        self.rating = RatingBar(value, allow_none=placeholder)

    def compose(self) -> ComposeResult:
        yield Label(Content(self.feeling), classes="feeling-name")
        yield self.rating

    def action_remove(self) -> None:
        editor = next((a for a in self.ancestors if isinstance(a, FeelingsEditor)), None)
        if editor is not None:
            editor.remove_feeling(self)


class FeelingsEditor(Vertical):
    """Feelings with an intensity 0-100 each: type ``hurt 70`` and Enter to add one.

    ``placeholders`` names feelings shown unrated (the feelings before, when re-rating);
    only rated feelings are part of :attr:`value`."""

    DEFAULT_CSS = """
    FeelingsEditor { height: auto; }
    FeelingsEditor .feeling-row { height: 1; }
    FeelingsEditor .feeling-name { width: 14; height: 1; text-overflow: ellipsis;
                                   text-wrap: nowrap; }
    FeelingsEditor .feeling-error { color: $error; height: auto; display: none; }
    FeelingsEditor .feeling-error.-shown { display: block; }
    """

    class Changed(Message):
        def __init__(self, editor: FeelingsEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> FeelingsEditor:
            return self.editor

    def __init__(self, feelings: list[tuple[str, int]], *, suggestions: list[str],
                 placeholders: list[str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self._start = list(feelings)
        self._placeholders = [p for p in placeholders or []
                              if p.lower() not in {n.lower() for n, _ in feelings}]
        self.rows_box = Vertical(classes="feeling-rows")
        self.rows_box.styles.height = "auto"
        self.entry = Input(placeholder="a feeling, e.g. hurt 70, then Enter",
                           suggester=SuggestFromList(suggestions, case_sensitive=False),
                           classes="feeling-input")
        self.error = Static("", classes="feeling-error", markup=False)
        self.rows: list[FeelingRow] = [FeelingRow(n, v) for n, v in self._start] + [
            FeelingRow(n, None, placeholder=True) for n in self._placeholders]

    def compose(self) -> ComposeResult:
        with self.rows_box:
            yield from self.rows
        yield self.entry
        yield self.error

    @property
    def value(self) -> list[dict]:
        return [{"name": row.feeling, "intensity": row.rating.value}
                for row in self.rows if row.rating.value is not None]

    def names(self) -> list[str]:
        return [row.feeling for row in self.rows]

    def _find(self, name: str) -> FeelingRow | None:
        return next((r for r in self.rows if r.feeling.lower() == name.lower()), None)

    def _tell(self, text: str) -> None:
        self.error.update(text)
        self.error.set_class(bool(text), "-shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """``hurt 70`` adds (or re-rates) a feeling. ``hurt`` alone asks how strong it is,
        keeping the word in the field, or moves to the feeling of that name already here:
        no strength is ever guessed."""
        event.stop()
        if not event.value.strip():
            return
        try:
            name, intensity = read_feeling(event.value)
        except JournalError as exc:
            self._tell(str(exc))
            return
        if intensity is None:
            row = self._find(name)
            if row is None:
                self._tell(strength_wanted(name))
                return
            self.entry.value = ""
            self._tell("" if row.rating.value is not None else
                       f"How strong is {row.feeling} now? Type a number from 0 to 100.")
            row.rating.focus()
            return
        self._tell("")
        self.entry.value = ""
        self.add_feeling(name, intensity)

    def add_feeling(self, name: str, intensity: int) -> FeelingRow:
        """Add a feeling (or change the one of that name) and tell the form."""
        row = self._find(name)
        if row is None:
            row = FeelingRow(name, intensity)
            self.rows.append(row)
            self.rows_box.mount(row)
        else:
            row.rating.set_value(intensity)
        self.post_message(self.Changed(self))
        return row

    def remove_feeling(self, row: FeelingRow) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        row.remove()
        following = self.rows[index] if index < len(self.rows) else None
        (following.rating if following else self.entry).focus()
        self.post_message(self.Changed(self))

    def offer(self, names: list[str]) -> None:
        """Show these feelings too, unrated (for re-rating the feelings named before)."""
        for name in names:
            if self._find(name) is None:
                row = FeelingRow(name, None, placeholder=True)
                self.rows.append(row)
                self.rows_box.mount(row)

    @on(RatingBar.Changed)
    def _rated(self, event: RatingBar.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))


# ------------------------------------------------------------------ ideas


class IdeaList(OptionList):
    """Ideas from closer's knowledge to borrow: Enter (or a click) puts one in the field
    the list belongs to. The text of each idea is kept in :attr:`texts`."""

    DEFAULT_CSS = """
    IdeaList { height: auto; max-height: 7; border: none; padding: 0;
               background: transparent; }
    IdeaList:focus { background-tint: $foreground 5%; }
    """

    class Chosen(Message):
        def __init__(self, ideas: IdeaList, text: str) -> None:
            super().__init__()
            self.ideas = ideas
            self.text = text

        @property
        def control(self) -> IdeaList:
            return self.ideas

    def __init__(self, ideas: list[tuple[str, str]], *, id: str | None = None) -> None:
        """``ideas``: (what the list shows, the text it puts in the field)."""
        self.texts = [text for _, text in ideas]
        super().__init__(*(Option(Content(shown)) for shown, _ in ideas), id=id)
        self.tooltip = "Enter puts the highlighted idea into the field below, to change as " \
                       "you like."

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.texts[event.option_index]))
