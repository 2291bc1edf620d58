"""The shapes of what closer knows, validated on load.

Every piece of knowledge has a stable ``key`` (lower_snake_case) that the journal stores;
names and texts may be reworded freely without touching anybody's data.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Item(_Frozen):
    """Anything with a key, a short name and a one-line description."""

    key: Key
    name: Text
    description: Text


class Pattern(Item):
    """A shape the loop can take: pursue_withdraw, withdraw_withdraw, attack_attack."""


class Role(Item):
    """A part one partner tends to play in the loop (pursuer, withdrawer)."""

    moves: list[Text] = Field(min_length=1)
    tells_self: list[Text] = Field(min_length=1)
    feels_underneath: list[Text] = Field(min_length=1)
    longs_for: list[Text] = Field(min_length=1)


class CycleField(_Frozen):
    """One of the six fields of a cycle map, asked for each partner."""

    key: Key
    label: Text
    prompt: Text
    examples: list[Text] = Field(min_length=1)


class Exit(Item):
    """An emotional exit: a way of stepping out of contact when it gets hard."""

    examples: list[Text] = Field(min_length=1)


class Ending(Item):
    """How one turn of the loop ended: repair, pause, unresolved."""


class FirstMover(Item):
    """Who moved first in one turn of the loop: me, them, both, unsure."""


class CalmDown(_Frozen):
    """The self-soothing timer the loop pane offers when panic rises: a calm prompt for
    each stretch of the minutes, and a word at the end."""

    minutes: int = Field(ge=1, le=60)
    name: Text
    intro: Text
    steps: list[Text] = Field(min_length=3)
    closing: Text


class Reason(Item):
    """A common reason people pull away, with a kinder alternative story it suggests."""

    alternative: Text


class Trap(Item):
    """A thinking trap that bends the story we tell ourselves."""

    example: Text
    question: Text


class RitualTemplate(Item):
    """A small ritual of connection with its cadence as an RFC 5545 RRULE."""

    rrule: Text
    cadence: Text
    prompt: Text
    asks_good_and_hard: bool = False


class MissedReason(Item):
    """Why a ritual did not happen (busy, forgot, conflict, chose_not_to)."""


class Reframe(_Frozen):
    """A critical opener and a curious question to use instead."""

    critical: Text
    curious: Text


class SmallAction(_Frozen):
    key: Key
    text: Text


class FieldPrompt(_Frozen):
    """The label and prompt shown beside one field of a form."""

    label: Text
    prompt: Text


class HelpText(_Frozen):
    about: Text
    not_therapy: Text
    safety: Text


class Knowledge(_Frozen):
    patterns: list[Pattern] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    cycle_fields: list[CycleField] = Field(min_length=6, max_length=6)
    exits: list[Exit] = Field(min_length=5, max_length=5)
    endings: list[Ending] = Field(min_length=1)
    first_movers: list[FirstMover] = Field(min_length=4, max_length=4)
    moment_prompts: dict[Key, FieldPrompt]
    calm_down: CalmDown
    reasons: list[Reason] = Field(min_length=1)
    traps: list[Trap] = Field(min_length=1)
    rituals: list[RitualTemplate] = Field(min_length=1)
    missed_reasons: list[MissedReason] = Field(min_length=1)
    reframes: list[Reframe] = Field(min_length=1)
    small_actions: list[SmallAction] = Field(min_length=1)
    feelings: list[Text] = Field(min_length=1)
    thought_prompts: dict[Key, FieldPrompt]
    help: HelpText

    @model_validator(mode="after")
    def _keys_unique(self) -> Knowledge:
        for name in (
            "patterns",
            "roles",
            "cycle_fields",
            "exits",
            "endings",
            "first_movers",
            "reasons",
            "traps",
            "rituals",
            "missed_reasons",
            "small_actions",
        ):
            keys = [item.key for item in getattr(self, name)]
            dupes = {k for k in keys if keys.count(k) > 1}
            if dupes:
                raise ValueError(f"{name}: duplicate keys {sorted(dupes)}")
        return self

    # Look-ups by key. Each raises KeyError with the key when it is unknown.
    def _find(self, name: str, key: str):
        for item in getattr(self, name):
            if item.key == key:
                return item
        raise KeyError(f"unknown {name} key: {key!r}")

    def pattern(self, key: str) -> Pattern:
        return self._find("patterns", key)

    def role(self, key: str) -> Role:
        return self._find("roles", key)

    def exit(self, key: str) -> Exit:
        return self._find("exits", key)

    def ending(self, key: str) -> Ending:
        return self._find("endings", key)

    def first_mover(self, key: str) -> FirstMover:
        return self._find("first_movers", key)

    def reason(self, key: str) -> Reason:
        return self._find("reasons", key)

    def trap(self, key: str) -> Trap:
        return self._find("traps", key)

    def ritual(self, key: str) -> RitualTemplate:
        return self._find("rituals", key)

    def missed_reason(self, key: str) -> MissedReason:
        return self._find("missed_reasons", key)

    def keys(self, name: str) -> set[str]:
        """The set of keys of one list, e.g. ``knowledge.keys("exits")``."""
        return {item.key for item in getattr(self, name)}
