"""Editing the cycle map, with the diagram beside the form showing the words as they are
typed and the box of the field being edited highlighted; and looking back at earlier
versions of the map. Each save keeps a new version; the draft is kept as it is typed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from storage import JournalError, dates
from tui.compat import QuietFooter
from tui.drafting import Drafted, FormDraft
from tui.panes.loop.diagram import NODE_OF, LoopDiagram, sides_of
from tui.reach import Reach
from tui.widgets.choice import Menu

DRAFT_KEY = "loop_map:edit"
SIDE_BY_SIDE_AT = 100
"""From this many columns the form and the diagram sit side by side."""
SIDES = (("me", "Me"), ("them", "My partner"))
OTHER_ROLE = {"pursuer": "withdrawer", "withdrawer": "pursuer"}
# Which list of a role's examples fits each field of the map.
ROLE_LISTS = {"move": "moves", "tells_self": "tells_self", "underneath": "feels_underneath",
              "longing": "longs_for"}
UNSURE_ROLE = "Not sure yet"
UNSURE_WORDS = "Until you choose, closer offers words that fit either of you."


def empty_map() -> dict[str, Any]:
    from content import knowledge

    fields = {f.key: "" for f in knowledge().cycle_fields}
    return {"pattern": "pursue_withdraw", "my_role": "unsure", "me": dict(fields),
            "them": dict(fields)}


def map_state(loop_map: Any) -> dict[str, Any]:
    """A stored map (or None) as the editor's plain state."""
    if loop_map is None:
        return empty_map()
    return {"pattern": loop_map.pattern, "my_role": loop_map.my_role,
            "me": loop_map.me._asdict(), "them": loop_map.them._asdict()}


def examples_for(side: str, key: str, my_role: str) -> list[str]:
    """Words to pick from for one field: the role's own first (my role for me, the other
    role for my partner), then the cycle field's examples."""
    from content import knowledge

    k = knowledge()
    found: list[str] = []
    role_key = my_role if side == "me" else OTHER_ROLE.get(my_role, "")
    if role_key in k.keys("roles") and key in ROLE_LISTS:
        found += getattr(k.role(role_key), ROLE_LISTS[key])
    found += next(f.examples for f in k.cycle_fields if f.key == key)
    return list(dict.fromkeys(found))


def _merge_draft(clean: dict[str, Any], draft: dict[str, Any]) -> dict[str, Any]:
    """The stored map with a draft's fields over it, taking only fields the map has."""
    values = {**clean, **{side: dict(clean[side]) for side, _ in SIDES}}
    for name in ("pattern", "my_role"):
        if isinstance(draft.get(name), str):
            values[name] = draft[name]
    for side, _ in SIDES:
        if isinstance(draft.get(side), dict):
            values[side].update({k: str(v) for k, v in draft[side].items()
                                 if k in values[side]})
    return values


class MapEditor(Drafted, Reach, Screen[int | None]):
    """The map's form beside its diagram. Dismisses with the saved version's id."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="loop.map.back",
                tooltip="Go back. What you typed stays as a draft for next time."),
        Binding("ctrl+r", "save", "Save", id="loop.map.save", priority=True,
                tooltip="Keep this map as a new version (older versions stay)."),
        Binding("ctrl+n", "example", "Use an example", id="loop.map.example",
                tooltip="Put the next example into the field you are in; press again for "
                        "another. Change the words so they are yours."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft = FormDraft(self, DRAFT_KEY, what="Your cycle map", state=self.state,
                               say=lambda text, error: self._say(text, error=error))
        self._filling = False
        self._example_index: dict[str, int] = {}
        self.current_id: int | None = None

    def compose(self) -> ComposeResult:
        from content import knowledge

        k = knowledge()
        with Horizontal(id="map-body"):
            with Vertical(id="map-side-panel"):
                yield Static("", id="map-hint")
                with VerticalScroll(id="map-preview"):
                    yield LoopDiagram(id="map-diagram")
            with VerticalScroll(id="map-form"):
                yield Static(
                    "Your loop in your own words: what each of you does, and what goes on "
                    "inside. Guesses about your partner are fine; you can change them later.",
                    id="map-intro", markup=False)
                yield Label("The shape it takes", classes="map-label")
                yield Menu([(p.name, p.key) for p in k.patterns], allow_blank=False,
                             id="map-pattern")
                yield Label("The part I tend to play", classes="map-label")
                yield Menu([(r.name, r.key) for r in k.roles] + [(UNSURE_ROLE, "unsure")],
                             allow_blank=False, id="map-role")
                yield Static("", id="map-choice-words")
                for side, heading in SIDES:
                    yield Static(heading, classes="map-side")
                    for field in k.cycle_fields:
                        yield Label(field.label, classes="map-label")
                        yield Input(placeholder=field.examples[0], id=f"map-{side}-{field.key}",
                                    tooltip=field.prompt, select_on_focus=False)
                yield Static("", id="map-message", markup=False)
                with Horizontal(id="map-buttons"):
                    yield Button("Save", variant="primary", id="map-save")
                    yield Button("Back", id="map-back")
        yield QuietFooter()

    def on_mount(self) -> None:
        current = self.journal.loop.current_map()
        self.current_id = current.id if current else None
        self._fill(self.draft.load(map_state(current), merge=_merge_draft))
        self._apply_width(self.size.width or self.app.size.width)
        self.query_one("#map-me-move", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < SIDE_BY_SIDE_AT, "narrow")

    def _fill(self, values: dict[str, Any]) -> None:
        self._filling = True
        self.query_one("#map-pattern", Select).value = values["pattern"]
        self.query_one("#map-role", Select).value = values["my_role"]
        for side, _ in SIDES:
            for key, text in values[side].items():
                self.query_one(f"#map-{side}-{key}", Input).value = text or ""
        self._preview()
        self._show_choices(values["pattern"], values["my_role"])
        self.draft.filled()
        self.call_after_refresh(self._done_filling)

    def _done_filling(self) -> None:
        self._filling = False

    def state(self) -> dict[str, Any]:
        from content import knowledge

        keys = [f.key for f in knowledge().cycle_fields]
        return {
            "pattern": self.query_one("#map-pattern", Select).value,
            "my_role": self.query_one("#map-role", Select).value,
            **{side: {key: self.query_one(f"#map-{side}-{key}", Input).value for key in keys}
               for side, _ in SIDES},
        }

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#map-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    # -- the diagram and the hint -----------------------------------------------------

    @staticmethod
    def _field_of(widget: Any) -> tuple[str, str] | None:
        wid = getattr(widget, "id", None) or ""
        for side, _ in SIDES:
            prefix = f"map-{side}-"
            if wid.startswith(prefix):
                return side, wid.removeprefix(prefix)
        return None

    def _preview(self) -> None:
        state = self.state()
        self.query_one(LoopDiagram).show({"me": state["me"], "them": state["them"]})

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        field = self._field_of(event.widget)
        diagram = self.query_one(LoopDiagram)
        diagram.set_editing(field)
        self._show_hint(field)
        if field is not None:
            self.call_after_refresh(self._scroll_to_box, NODE_OF[field])

    def _scroll_to_box(self, node: str) -> None:
        diagram = self.query_one(LoopDiagram)
        region = diagram.box_region(node)
        if region is None:
            return
        preview = self.query_one("#map-preview", VerticalScroll)
        top, bottom = region
        if top < preview.scroll_y or bottom > preview.scroll_y + preview.size.height:
            preview.scroll_to(y=top, animate=False)

    def _show_choices(self, pattern: Any, role: Any) -> None:
        """Under the two choices: what the chosen shape and part mean, in a line each."""
        from content import knowledge

        k = knowledge()
        shape = k.pattern(pattern).description if pattern in k.keys("patterns") else ""
        part = k.role(role).description if role in k.keys("roles") else UNSURE_WORDS
        self.query_one("#map-choice-words", Static).update(
            Text("\n".join(t for t in (shape, part) if t)))

    def _show_hint(self, field: tuple[str, str] | None) -> None:
        from content import knowledge

        hint = self.query_one("#map-hint", Static)
        if field is None:
            hint.update("")
            return
        side, key = field
        cycle = next(f for f in knowledge().cycle_fields if f.key == key)
        who = "You" if side == "me" else "Your partner"
        examples = examples_for(side, key, self.state()["my_role"])[:4]
        text = Text()
        text.append(f"{who} · {cycle.label}\n", style="bold")
        text.append(cycle.prompt + "\n")
        text.append("For example: ", style="italic")
        text.append(" · ".join(examples), style="italic")
        text.append("  (ctrl+n)")
        hint.update(text)

    def action_example(self) -> None:
        field = self._field_of(self.focused)
        if field is None:
            self.notify("Go to one of the words fields first.", markup=False)
            return
        side, key = field
        examples = examples_for(side, key, self.state()["my_role"])
        index = self._example_index.get(f"{side}.{key}", -1) + 1
        self._example_index[f"{side}.{key}"] = index
        field_input = self.query_one(f"#map-{side}-{key}", Input)
        field_input.value = examples[index % len(examples)]
        field_input.cursor_position = len(field_input.value)

    # -- the draft --------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        self.draft.changed()
        if self._filling:
            return
        self._preview()
        if isinstance(event, Select.Changed):
            state = self.state()
            self._show_choices(state["pattern"], state["my_role"])
        if isinstance(event, Select.Changed) and event.select.id == "map-role":
            self._show_hint(self._field_of(self.focused))

    # -- saving -----------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#map-save")
    def action_save(self) -> None:
        journal = self.journal
        state = self.state()
        try:
            with journal.transaction():
                saved = journal.loop.save_map(state)
                self.draft.drop_in()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.draft.saved()
        if saved.id == self.current_id:
            self.notify("Nothing had changed: your map stays as it was.", markup=False)
        else:
            self.notify("Your map is saved. The earlier version is kept too (v in the pane).",
                        markup=False)
        self.dismiss(saved.id)

    @on(Button.Pressed, "#map-back")
    def action_leave(self) -> None:
        self.flush_draft()
        self.dismiss(None)


class MapVersions(Reach, ModalScreen[int | None]):
    """Every saved version of the map, newest first, each drawn as it was."""

    BINDINGS = [
        Binding("escape", "leave", "Back", id="loop.versions.back",
                tooltip="Go back to the loop pane."),
        Binding("ctrl+r", "restore", "Use this version", id="loop.versions.restore",
                tooltip="Make the highlighted version your map again (as a new version; "
                        "nothing is lost)."),
        Binding("delete", "delete", "Delete version", id="loop.versions.delete",
                tooltip="Move the highlighted version to the trash (ctrl+z brings it back)."),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="versions-box"):
            with Horizontal(id="versions-body"):
                yield OptionList(id="versions-list")
                with VerticalScroll(id="versions-preview"):
                    yield Static("", id="versions-words")
                    yield LoopDiagram(id="versions-diagram")
            yield Static("", id="versions-help", markup=False)

    def on_mount(self) -> None:
        from content import knowledge

        k = knowledge()
        self.versions = self.journal.loop.map_versions()
        box = self.query_one("#versions-box")
        box.border_title = "How my map changed"
        options = self.query_one("#versions-list", OptionList)
        total = len(self.versions)
        for n, version in enumerate(self.versions):
            when = dates.local(version.created_at)
            label = Text(f"{when:%a %d %b %Y}", style="bold")
            label.append(f"\n{when:%H:%M} · version {total - n}")
            if n == 0:
                label.append(" · now", style="italic")
            options.add_option(Option(label, id=str(version.id)))
        if not self.versions:
            options.add_option(Option("No map saved yet.", disabled=True))
        self.query_one("#versions-help", Static).update(
            "Up and down to move through versions · ctrl+r makes one your map again · "
            "delete moves one to the trash · escape goes back")
        self._k = k
        if self.versions:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#versions-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        version = self.chosen()
        if version is None:
            return
        pattern = self._k.pattern(version.pattern).name
        role = (self._k.role(version.my_role).name if version.my_role in self._k.keys("roles")
                else UNSURE_ROLE)
        self.query_one("#versions-words", Static).update(
            Text(f"{pattern} · I tend to be: {role}", style="italic"))
        self.query_one("#versions-diagram", LoopDiagram).show(sides_of(version))

    def chosen(self):
        options = self.query_one("#versions-list", OptionList)
        if options.highlighted is None or not self.versions:
            return None
        return self.versions[options.highlighted]

    def action_restore(self) -> None:
        version = self.chosen()
        if version is None:
            return
        try:
            saved = self.journal.loop.save_map(version)
        except JournalError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify("That version is your map again; the others are all kept.", markup=False)
        self.dismiss(saved.id)

    def action_delete(self) -> None:
        """The highlighted version goes to the trash, asking nothing (ctrl+z undoes it)."""
        version = self.chosen()
        if version is None:
            return
        if self.closer_app.move_to_trash("map", version.id):
            self.dismiss(None)

    def action_leave(self) -> None:
        self.dismiss(None)
