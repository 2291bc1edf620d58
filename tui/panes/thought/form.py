"""The thought record form: nine steps, in the order a person fills them in, kept as a draft
within a second of the last change, finished with one key.

The form only shows and edits; the record's rules (what a finished record needs, the change
at a glance) come from :mod:`storage.thoughts`.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from content import knowledge
from content.models import Guidance
from storage import InvalidInput, JournalError, dates
from storage.thoughts import Incomplete, check_complete
from tui.drafting import Keeper
from tui.panes.thought.change import change_content
from tui.panes.thought.evidence import EvidencePicker, LinkList
from tui.panes.thought.inputs import FeelingsEditor, IdeaList, RatingBar
from tui.reach import Reach
from tui.widgets.reasons import ReasonPicker
from tui.widgets.toggles import TickList

WHEN_FORMAT = "%Y-%m-%d %H:%M"

TEXT_FIELDS = ("situation", "story", "evidence_for", "evidence_against", "alternative_story",
               "next_step")


def blank(fields: dict[str, Any]) -> bool:
    """Whether a form holds nothing a person wrote (the moment alone does not count)."""
    return not any(
        (value.strip() if isinstance(value, str) else value not in (None, []))
        for name, value in fields.items() if name != "occurred_at"
    )


class ThoughtForm(Reach, Vertical):
    """One thought record, new (``record`` None) or stored (a draft or a finished one).

    ``guidance`` (:meth:`content.models.Knowledge.guidance`, chosen by the person's role in
    the loop) gives the prompts and the ideas to borrow; without it, words that fit either
    partner."""

    BINDINGS = [
        Binding("ctrl+r", "finish", "Finish", id="thought.finish", priority=True,
                tooltip="Finish the record: it needs a story and at least one piece of "
                        "evidence. Until then it stays a draft; nothing is lost."),
        Binding("ctrl+l", "link", "Link evidence", id="thought.link", priority=True,
                tooltip="Point the evidence you are writing at an entry or a loop moment."),
        Binding("escape", "close", "Back to list", id="thought.back",
                tooltip="Back to the list of records. What you wrote is already kept."),
    ]

    class Finished(Message):
        def __init__(self, record_id: int) -> None:
            super().__init__()
            self.record_id = record_id

    class Closed(Message):
        def __init__(self, record_id: int | None) -> None:
            super().__init__()
            self.record_id = record_id

    def __init__(self, record: Any = None, *, guidance: Guidance | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        k = knowledge()
        self.guidance = guide = guidance or k.guidance("unsure")
        self.record_id: int | None = record.id if record is not None else None
        self.was_complete = record is not None and record.status == "complete"
        self._record = record
        self._moment: datetime = record.occurred_at if record is not None else dates.now()
        self._when_shown = dates.local(self._moment).strftime(WHEN_FORMAT)
        self.keeper = Keeper(self, what="Your thought record", snapshot=self.fields,
                             write=self._write,
                             report=lambda text, error: self._say(text, error=error))
        self.links: list[dict] = (
            [link.model_dump() for link in record.evidence_links] if record is not None else [])

        get = (lambda name, default: getattr(record, name)) if record is not None else (
            lambda name, default: default)

        def area(name: str) -> TextArea:
            return TextArea(get(name, ""), id=f"thought-{name.replace('_', '-')}",
                            soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                            classes="thought-text")

        self.when = Input(self._when_shown, id="thought-when",
                          placeholder="now, yesterday 21:00, 2025-03-04 20:15")
        self.situation = area("situation")
        feelings = [(f.name, f.intensity) for f in get("feelings_before", [])]
        self.feelings_before = FeelingsEditor(feelings, suggestions=k.feelings,
                                              id="thought-feelings-before")
        self.story = area("story")
        self.belief_before = RatingBar(get("story_belief_before", None),
                                       id="thought-belief-before")
        chosen = set(get("traps", []))
        self.traps = TickList[str](
            *(Selection(Content(t.name), t.key, t.key in chosen) for t in k.traps),
            id="thought-traps")
        self.trap_help = Static("", id="thought-trap-help")
        self.evidence_for = area("evidence_for")
        self.evidence_against = area("evidence_against")
        self.links_for = LinkList("for", id="thought-links-for")
        self.links_against = LinkList("against", id="thought-links-against")
        self.alternative = area("alternative_story")
        self._reasons = guide.reasons
        self.reasons = ReasonPicker(guide.reasons, chosen=get("reasons", []),
                                    id="thought-reasons")
        self.alt_ideas = IdeaList([(f"{r.name}: {r.alternative}", r.alternative)
                                   for r in guide.reasons], id="thought-alt-ideas")
        self.alt_why = Static("", id="thought-alt-why")
        self.alt_belief = RatingBar(get("alternative_belief", None), id="thought-alt-belief")
        self.belief_was = Static("", id="thought-belief-was")
        self.belief_after = RatingBar(get("story_belief_after", None),
                                      id="thought-belief-after")
        after = [(f.name, f.intensity) for f in get("feelings_after", [])]
        self.feelings_after = FeelingsEditor(after, suggestions=k.feelings,
                                             placeholders=[n for n, _ in feelings],
                                             id="thought-feelings-after")
        steps = [(a.text, a.text) for a in guide.small_actions] + [
            (f"Instead of \u201c{r.critical}\u201d, try: \u201c{r.curious}\u201d",
             f"Try: \u201c{r.curious}\u201d") for r in guide.reframes]
        self.step_ideas = IdeaList(steps, id="thought-step-ideas")
        self.next_step = area("next_step")
        self.status = Static("", id="thought-status", markup=False)
        self._holding = False
        """Whether the status line holds a line to be read (a hint), kept until the next
        change."""
        self.errors = {name: Static("", id=f"thought-error-{name}", classes="thought-error",
                                    markup=False)
                       for name in ("when", "story", "evidence")}
        self._saved = self.fields()

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        prompts = self.guidance.thought_prompts
        with VerticalScroll(id="thought-fields"):
            yield Static("", id="thought-title")
            yield Static("", id="thought-change")
            yield self._head(1, prompts["situation"])
            with Horizontal(id="thought-when-row"):
                yield Label("When", id="thought-when-label")
                yield self.when
            yield self.errors["when"]
            yield self.situation
            yield self._head(2, prompts["feelings_before"])
            yield self.feelings_before
            yield self._head(3, prompts["story"])
            yield self.story
            yield self.errors["story"]
            yield self._sub(prompts["story_belief"])
            yield self.belief_before
            yield self._head(4, prompts["traps"])
            yield self.traps
            yield self.trap_help
            yield self._head(5, prompts["evidence_for"])
            yield self.evidence_for
            yield self.links_for
            yield Button("Link an entry or loop moment", id="thought-link-for",
                         classes="thought-link", compact=True)
            yield self._head(6, prompts["evidence_against"])
            yield self.evidence_against
            yield self.links_against
            yield Button("Link an entry or loop moment", id="thought-link-against",
                         classes="thought-link", compact=True)
            yield self.errors["evidence"]
            yield self._head(7, prompts["alternative_story"])
            yield self._sub(prompts["reasons"])
            yield self.reasons
            yield Static("Ideas to start from (Enter borrows one):", classes="thought-ideas")
            yield self.alt_ideas
            yield self.alt_why
            yield self.alternative
            yield self._sub(prompts["alternative_belief"])
            yield self.alt_belief
            yield self._head(8, prompts["story_belief_after"])
            yield self.belief_was
            yield self.belief_after
            yield self._sub(prompts["feelings_after"])
            yield self.feelings_after
            yield self._head(9, prompts["next_step"])
            yield Static("Ideas (Enter borrows one):", classes="thought-ideas")
            yield self.step_ideas
            yield self.next_step
            yield Button("Finish the record", id="thought-finish", variant="primary",
                         compact=True)
        yield self.status

    @staticmethod
    def _head(number: int, prompt: Any) -> Static:
        return Static(Content.assemble((f"{number} ", "$accent bold"), (prompt.label, "bold"),
                                       ("\n" + prompt.prompt, "$text-muted")),
                      classes="thought-head")

    @staticmethod
    def _sub(prompt: Any) -> Static:
        return Static(Content.assemble((prompt.label, "bold"), (" · " + prompt.prompt,
                                                                "$text-muted")),
                      classes="thought-sub")

    def on_mount(self) -> None:
        self._show_title()
        self._show_links()
        self._show_belief_was()
        self._show_trap(0)
        self._show_reason(0)
        if self.record_id is None:
            self._say("Start anywhere. It is kept as a draft as you write.")
        elif self.was_complete:
            self._say("Finished. Change anything you like; it is kept as you go.")
        else:
            self._say("A draft: carry on where you left off.")

    def focus_first(self, scroll_visible: bool = True) -> None:
        """Put the focus on the first field (scrolling it into view unless told not to)."""
        self.situation.focus(scroll_visible=scroll_visible)

    def _show_title(self) -> None:
        when = dates.local(self._moment)
        if self.record_id is None:
            state = "New thought record"
        elif self.was_complete:
            state = "Finished record"
        else:
            state = "Draft"
        self.query_one("#thought-title", Static).update(Content.assemble(
            (state, "bold"), (f" · {when:%a %d %b %Y, %H:%M}", "$text-muted")))
        change = self.query_one("#thought-change", Static)
        if self.was_complete:
            change.update(change_content(self._record))
            change.display = True
        else:
            change.display = False

    def _show_links(self) -> None:
        try:
            linked = self.journal.thoughts.linked(self.links)
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.links_for.show([li.item for li in linked if li.side == "for"])
        self.links_against.show([li.item for li in linked if li.side == "against"])

    def _show_belief_was(self) -> None:
        before = self.belief_before.value
        self.belief_was.update(Content.assemble((
            "You rated it " + (f"{before} at first." if before is not None else
                               "... not yet (step 3)."), "$text-muted")))

    def _show_trap(self, index: int) -> None:
        traps = knowledge().traps
        if not 0 <= index < len(traps):
            return
        trap = traps[index]
        self.trap_help.update(Content.assemble(
            (trap.name + ": ", "bold"), trap.description,
            ("\nFor example: ", "$text-muted"), (trap.example, "$text-muted italic"),
            ("\nAsk yourself: ", "$text-muted"), (trap.question, "$text-muted")))

    def _show_reason(self, index: int) -> None:
        """Under the kinder-story ideas: what the highlighted reason is about."""
        if 0 <= index < len(self._reasons):
            reason = self._reasons[index]
            self.alt_why.update(Content.assemble((reason.name + ": ", "bold"),
                                                 (reason.description, "$text-muted")))

    @on(OptionList.OptionHighlighted, "#thought-alt-ideas")
    def _reason_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_reason(event.option_index)

    def _say(self, text: str, *, error: bool = False, hold: bool = False) -> None:
        """Show ``text`` on the status line. A line to be read (``hold``: a hint, what is
        missing) stays until the next change: the draft of what was typed before it, written
        a moment later, does not replace it (:meth:`_say_kept`)."""
        self.status.update(text)
        self.status.set_class(error, "-error")
        self._holding = hold

    def _say_kept(self, text: str) -> None:
        """Say when the form was kept, unless a line to be read came after the last change
        (a plain stamp; that a finished record became a draft is always said)."""
        if not self._holding:
            self._say(text)

    # -- what the form holds --------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        """Everything in the form, as the fields of a record."""
        return {
            "occurred_at": self._moment,
            "situation": self.situation.text,
            "feelings_before": self.feelings_before.value,
            "story": self.story.text,
            "story_belief_before": self.belief_before.value,
            "traps": list(self.traps.selected),
            "evidence_for": self.evidence_for.text,
            "evidence_against": self.evidence_against.text,
            "evidence_links": [dict(link) for link in self.links],
            "alternative_story": self.alternative.text,
            "alternative_belief": self.alt_belief.value,
            "story_belief_after": self.belief_after.value,
            "feelings_after": self.feelings_after.value,
            "next_step": self.next_step.text,
            "reasons": self.reasons.value,
        }

    # -- changes and the draft ------------------------------------------------------

    def changed(self) -> None:
        """Something in the form changed: it is kept within a second (tui.drafting)."""
        self._holding = False
        self.keeper.changed()

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area is self.story and self.story.text.strip():
            self._clear_error("story")
        if event.text_area in (self.evidence_for, self.evidence_against) and \
                event.text_area.text.strip():
            self._clear_error("evidence")
        self.changed()

    @on(Input.Changed, "#thought-when")
    def _when_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if text == self._when_shown:
            moment = self._record.occurred_at if self._record is not None else self._moment
        else:
            try:
                moment = dates.parse_when(text)
            except InvalidInput as exc:
                self._error("when", f"{exc}. The record keeps its earlier time until this "
                                    "reads as a date.")
                return
        self._clear_error("when")
        if moment != self._moment:
            self._moment = moment
            self.changed()

    @on(Input.Submitted, "#thought-when")
    def _when_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.situation.focus()

    @on(RatingBar.Changed)
    def _rated(self, event: RatingBar.Changed) -> None:
        event.stop()
        if event.rating is self.belief_before:
            self._show_belief_was()
        self.changed()

    @on(FeelingsEditor.Changed)
    def _feelings(self, event: FeelingsEditor.Changed) -> None:
        event.stop()
        if event.editor is self.feelings_before:
            self.feelings_after.offer(self.feelings_before.names())
        self.changed()

    @on(SelectionList.SelectedChanged, "#thought-traps")
    def _traps_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.changed()

    @on(SelectionList.SelectedChanged, "#thought-reasons-list")
    def _reasons_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.changed()

    @on(SelectionList.SelectionHighlighted, "#thought-traps")
    def _trap_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        event.stop()
        self._show_trap(event.selection_index)

    @on(IdeaList.Chosen)
    def _idea(self, event: IdeaList.Chosen) -> None:
        event.stop()
        self._add(self.alternative if event.ideas is self.alt_ideas else self.next_step,
                  event.text)

    def add_next_step(self, text: str) -> None:
        """Put ``text`` in the next step (after what is there), with the focus at its end,
        in view: words sent from elsewhere (a phrase of the phrase book)."""
        self._add(self.next_step, text)
        self.call_after_refresh(self.next_step.scroll_visible, animate=False)

    def _add(self, target: TextArea, words: str) -> None:
        text = target.text.rstrip()
        target.load_text(f"{text}\n{words}" if text else words)
        target.move_cursor(target.document.end)
        target.focus()
        self.changed()

    def _write(self, state: dict[str, Any]) -> None:
        """Keep the form as it is now: a draft row, or the finished record changed. When
        another window changed the record meanwhile, both are kept (storage.thoughts)."""
        if state == self._saved:
            return
        thoughts = self.journal.thoughts
        copied = False
        if self.record_id is None:
            if blank(state):
                return
            record = thoughts.create_draft(**state)
            self.record_id = record.id
        else:
            status = "draft"
            if self.was_complete:
                try:
                    check_complete(SimpleNamespace(**state))
                    status = "complete"
                except Incomplete:
                    pass
            record, copied = thoughts.keep(self.record_id, base=self._record, status=status,
                                           **state)
            if copied:
                self.record_id = record.id
                self.was_complete = False
        self._saved = state
        self._record = record
        stamp = f"{dates.local(dates.now()):%H:%M:%S}"
        if copied:
            self._say("This record was changed in another closer window meanwhile. Both are "
                      "kept: yours carries on here as a new draft.", error=True)
        elif record.status == "complete":
            self._say_kept(f"Saved at {stamp}.")
        elif self.was_complete:  # no longer finished: always said
            self._say(f"Kept as a draft at {stamp}: a finished record needs its story and "
                      "some evidence.")
        else:
            self._say_kept(f"Draft kept at {stamp}.")

    def flush(self) -> bool:
        """Write now whatever waits. True when what the form holds is safely stored."""
        if not self.keeper.pending and self.fields() != self._saved:
            self.keeper.changed()
        return self.keeper.flush()

    def on_unmount(self) -> None:
        # Leaving (the list, another record, quitting): written now, or kept trying.
        self.keeper.close()

    # -- finishing ------------------------------------------------------------------

    def _error(self, field: str, text: str) -> None:
        self.errors[field].update(text)
        self.errors[field].add_class("-shown")

    def _clear_error(self, field: str) -> None:
        if self.errors[field].has_class("-shown"):
            self.errors[field].update("")
            self.errors[field].remove_class("-shown")

    def action_finish(self) -> None:
        if not self.flush():
            return
        try:
            check_complete(SimpleNamespace(**self.fields()))
            record = self.journal.thoughts.complete(self.record_id)
        except Incomplete as exc:
            self._show_missing(exc)
            return
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        self.was_complete = True
        self._record = record
        self.post_message(self.Finished(record.id))

    def _show_missing(self, exc: Incomplete) -> None:
        target: Widget
        if exc.field == "story":
            self._error("story", str(exc))
            target = self.story
        else:
            self._error("evidence", str(exc))
            target = self.evidence_for
        self._say("Not finished yet: " + str(exc), error=True, hold=True)
        target.focus()
        target.scroll_visible()

    # -- evidence links -------------------------------------------------------------

    def _side_of_focus(self) -> str | None:
        focused = self.screen.focused
        if focused in (self.evidence_for, self.links_for) or (
                focused is not None and focused.id == "thought-link-for"):
            return "for"
        if focused in (self.evidence_against, self.links_against) or (
                focused is not None and focused.id == "thought-link-against"):
            return "against"
        return None

    def action_link(self) -> None:
        side = self._side_of_focus()
        if side is None:
            self._say("Move to Evidence for or Evidence against (steps 5 and 6), then link.",
                      hold=True)
            return
        self.pick_evidence(side)

    @on(Button.Pressed, ".thought-link")
    def _link_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.pick_evidence("for" if event.button.id == "thought-link-for" else "against")

    @on(Button.Pressed, "#thought-finish")
    def _finish_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_finish()

    def pick_evidence(self, side: str) -> None:
        linked = {(link["kind"], link["id"]) for link in self.links}

        def chosen(item: Any) -> None:
            if item is None:
                return
            self.links.append({"kind": item.kind, "id": item.id, "side": side})
            self._show_links()
            self._clear_error("evidence")
            self.changed()
            (self.links_for if side == "for" else self.links_against).focus()

        self.app.push_screen(EvidencePicker(self._moment, side, linked), chosen)

    @on(LinkList.Unlink)
    def _unlink(self, event: LinkList.Unlink) -> None:
        event.stop()
        self.links = [link for link in self.links
                      if not (link["kind"] == event.kind and link["id"] == event.row_id
                              and link["side"] == event.links.side)]
        self._show_links()
        if not event.links.items:
            self.evidence_for.focus() if event.links.side == "for" else \
                self.evidence_against.focus()
        self.changed()

    @on(LinkList.OptionSelected)
    def _open_link(self, event: LinkList.OptionSelected) -> None:
        event.stop()
        links = event.option_list
        if not isinstance(links, LinkList):
            return
        item = links.items[event.option_index]
        if not item.found:
            self._say("That one is no longer in the journal; Delete unlinks it.", hold=True)
            return
        self.flush()
        self.closer_app.open_record(item.kind, item.id)

    # -- leaving --------------------------------------------------------------------

    def action_close(self) -> None:
        self.flush()
        self.post_message(self.Closed(self.record_id))
