"""What went wrong with someone's input, in sentences about that input.

pydantic says "name: Value should have at least 1 item after validation, not 0"; a person
should read "The name is empty." Every refusal of a model's input goes through
:func:`describe_validation` (via :func:`storage.rows.validate`), so the app, the command line
and imports all say the same plain thing. Field names are put in the words people know
(:data:`FIELD_WORDS`); the reasons the models give themselves (``ValueError`` in a
validator) are already sentences and only get a capital and a full stop.

>>> from storage.models import RitualIn
>>> from pydantic import ValidationError
>>> try:
...     RitualIn.model_validate({"name": "", "rrule": "FREQ=DAILY", "dtstart": "2026-02-30"})
... except ValidationError as exc:
...     print(describe_validation(exc))
The name is empty. The start date is not a real date.
"""

from __future__ import annotations

FIELD_WORDS = {
    # rituals
    "name": "the name",
    "description": "the description",
    "prompt": "the question",
    "rrule": "the repeat rule",
    "dtstart": "the start date",
    "time_of_day": "the time of day",
    "template": "the ritual idea",
    "asks_good_and_hard": "the good-and-hard choice",
    "active": "the paused-or-not choice",
    "pauses": "the pauses",
    "start": "the first day",
    "end": "the last day",
    "ritual_id": "the ritual",
    "on_date": "the day",
    "status": "the status",
    "note": "the note",
    "positive": "the good thing",
    "negative": "the hard thing",
    "reason": "the reason",
    # entries
    "occurred_at": "the date and time",
    "title": "the title",
    "body": "the text",
    "mood": "the mood",
    "starred": "the star",
    "tags": "the tags",
    # thought records
    "situation": "the situation",
    "feelings_before": "the feelings before",
    "feelings_after": "the feelings after",
    "intensity": "the strength",
    "story": "the story",
    "story_belief_before": "how much you believed the story at first",
    "story_belief_after": "how much you believe the story now",
    "traps": "the thinking traps",
    "evidence_for": "the evidence for",
    "evidence_against": "the evidence against",
    "evidence_links": "the linked evidence",
    "alternative_story": "the other way to see it",
    "alternative_belief": "how much you believe the other way to see it",
    "next_step": "the next step",
    "loop_event_id": "the linked loop moment",
    "thought_record_id": "the linked thought record",
    "kind": "the kind of record",
    "id": "the record number",
    "side": "the side (for or against)",
    # the loop
    "first_mover": "who moved first",
    "trigger": "what set it off",
    "my_move": "your move",
    "their_move": "their move",
    "exits": "the emotional exits",
    "ending": "how it ended",
    "pull": "the pull",
    "choice": "the small choice",
    "step": "the next step",
    "script": "the words before a time-out",
    "return_at": "the time to come back",
    "back_on_time": "whether you came back on time",
    "pattern": "the pattern",
    "my_role": "your role",
    "me": "your side of the map",
    "them": "their side of the map",
    "move": "the move",
    "tells_self": "what is told to oneself",
    "surface": "what shows on the surface",
    "underneath": "what is underneath",
    "longing": "the longing",
    "reasons": "the reasons for the distance",
    "agreements": "the agreements",
    # small things
    "what": "what it is",
    "source": "where it came from",
    "love_id": "the love-list item",
    "at": "when",
    "instead": "the other choice",
    "outcome": "how it landed",
    "intent": "what the phrase is for",
    "text": "the phrase",
    "instead_of": "the words it replaces",
    "favourite": "the favourite mark",
    "book_key": "the phrase-book phrase",
    "idea": "the idea",
    "done_on": "the day you did it",
}
"""The words for each input field, as a person would name it."""

_ITEMS = {
    "feelings_before": "feeling {n} before",
    "feelings_after": "feeling {n} after",
    "evidence_links": "linked evidence {n}",
    "pauses": "pause {n}",
    "tags": "tag {n}",
    "traps": "thinking trap {n}",
    "exits": "emotional exit {n}",
    "reasons": "reason {n}",
}
"""How one item of a list field is named (``{n}`` counts from 1)."""

_SHAPES = {
    "^([01]\\d|2[0-3]):[0-5]\\d$": "should be a time like 07:30 or 19:00",
    "^\\w[\\w-]*$": "may hold only letters, digits and hyphens",
}
"""What a pattern a field must match means, in words."""


def _field_words(loc: tuple) -> str:
    """``("feelings_before", 0, "name")`` -> ``the name of feeling 1 before``;
    ``("me", "trigger")`` -> ``what set it off in your side of the map``."""
    names: list[tuple[str, bool]] = []  # (words, whether it is one item of a list)
    parent: str | None = None
    for part in loc:
        if part == "__root__":
            continue
        if isinstance(part, int):
            if names and parent in _ITEMS:
                names[-1] = (_ITEMS[parent].format(n=part + 1), True)
            else:
                whole = f" of {names.pop()[0]}" if names else ""
                names.append((f"item {part + 1}{whole}", True))
            parent = None
            continue
        text = str(part)
        names.append((FIELD_WORDS.get(text, "the " + text.replace("_", " ")), False))
        parent = text
    if not names:
        return ""
    out = names[-1][0]
    for words, item in reversed(names[:-1]):
        out += (" of " if item else " in ") + words
    return out


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _choices(expected: str) -> str:
    return expected.replace("'", "").replace("_", " ")


def _reason(kind: str, ctx: dict) -> str:
    """What is wrong, as the rest of a sentence after the field's words ("is empty")."""
    if kind in ("missing",):
        return "is missing"
    if kind in ("too_short", "string_too_short"):
        return "is empty" if ctx.get("min_length", 1) <= 1 else (
            f"needs at least {ctx['min_length']} characters")
    if kind in ("too_long", "string_too_long"):
        return f"is too long (at most {ctx.get('max_length', 'a few')} characters)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"should be {ctx.get('ge', ctx.get('gt'))} or more"
    if kind in ("less_than_equal", "less_than"):
        return f"should be {ctx.get('le', ctx.get('lt'))} or less"
    if kind in ("int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"):
        return "should be a whole number"
    if kind in ("bool_parsing", "bool_type"):
        return "should be yes or no"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "is not a real date"
    if kind.startswith("time"):
        return "is not a real time of day"
    if kind in ("literal_error", "enum"):
        return f"should be one of: {_choices(str(ctx.get('expected', '')))}"
    if kind == "string_pattern_mismatch":
        return _SHAPES.get(str(ctx.get("pattern", "")), "is not in a shape closer can keep")
    if kind in ("string_type", "string_unicode"):
        return "should be text"
    if kind in ("list_type", "tuple_type", "set_type"):
        return "should be a list"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "should be a group of fields"
    return "is not something closer can keep"


def describe_error(error: dict) -> str:
    """One of pydantic's error dicts (``ValidationError.errors()``) as one sentence; a short
    word that is not one of the choices is quoted back (``Tag 3 ('tag!') may hold ...``)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    where = _field_words(tuple(error.get("loc", ())))
    if kind in ("value_error", "assertion_error"):
        own = str(ctx.get("error", error.get("msg", ""))).removeprefix("Value error, ")
        own = own.removeprefix("Assertion failed, ")
        return _sentence(own)
    if kind == "extra_forbidden":
        name = str(tuple(error.get("loc", ("",)))[-1])
        return _sentence(f"there is no field called {name!r} to fill in")
    said = error.get("input")
    if kind in ("string_pattern_mismatch", "literal_error") and isinstance(said, str) and (
            0 < len(said) <= 40 and said.isprintable() and not set(said) & set("[]{}")):
        where += f" ({said!r})" if where else ""
    if not where:
        return _sentence(f"this {_reason(kind, ctx)}")
    return _sentence(f"{where} {_reason(kind, ctx)}")


def describe_validation(exc: Exception) -> str:
    """A pydantic ValidationError as plain sentences, one per problem, joined on one line;
    any other exception as its own text."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return _sentence(str(exc)) or "That could not be kept."
    sentences = list(dict.fromkeys(describe_error(err) for err in errors()))
    return " ".join(s for s in sentences if s) or "That could not be kept."
