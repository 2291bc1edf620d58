"""The shapes of what closer knows, checked on load.

Every piece of knowledge has a stable ``key`` (lower_snake_case) that the journal stores;
names and texts may be reworded freely without touching anybody's data.

The shapes are frozen standard-library dataclasses. Their fields carry the rules as
``Annotated`` markers (``TEXT``: stripped, never empty; ``KEY``: lower_snake_case;
``Size``: how many items a list holds, or the range of a number), and :func:`build` turns
the TOML's plain data into them, checking every rule and refusing unknown or missing
fields. Content is read on every start of the app, before its first frame: importing
pydantic and building its validators would cost about half of a bare Textual app's whole
start-up, so content keeps to the standard library. (pydantic still validates everything a
person types; and the tests check that pydantic reads these same files into equal objects.)
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, get_args, get_origin, get_type_hints

# ---------------------------------------------------------------- frozen shapes, made cheaply

_SPECS: dict[type, tuple[tuple[str, bool, bool, Any, Any], ...]] = {}
"""For each shape, its fields in order: (name, init, compare, default, default_factory)."""


class Shape:
    """What every shape shares: one ``__init__``, ``__eq__``, ``__hash__``, ``__repr__``
    and frozen ``__setattr__`` written once here, where ``@dataclass(frozen=True)`` would
    generate and compile six methods for each class (about two thirds of a millisecond a
    class, some 25 ms at every start for the shapes below). Fields, defaults,
    ``dataclasses.fields``, ``is_dataclass`` and ``replace`` stay the standard library's."""

    __slots__ = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        spec = _SPECS[type(self)]
        if args:
            names = [name for name, init, *_ in spec if init]
            if len(args) > len(names):
                raise TypeError(f"{type(self).__name__}() takes {len(names)} arguments, "
                                f"{len(args)} given")
            for name, value in zip(names, args):
                if name in kwargs:
                    raise TypeError(f"{type(self).__name__}() got {name!r} twice")
                kwargs[name] = value
        for name, init, _, default, factory in spec:
            if init and name in kwargs:
                value = kwargs.pop(name)
            elif default is not dataclasses.MISSING:
                value = default
            elif factory is not dataclasses.MISSING:
                value = factory()
            else:
                raise TypeError(f"{type(self).__name__}() missing argument {name!r}")
            object.__setattr__(self, name, value)
        if kwargs:
            raise TypeError(f"{type(self).__name__}() got an unexpected argument "
                            f"{sorted(kwargs)[0]!r}")
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    def _compared(self) -> tuple:
        return tuple(getattr(self, name) for name, _, compare, *_ in _SPECS[type(self)]
                     if compare)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                          for f in dataclasses.fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list:  # copy and pickle, past the frozen __setattr__
        return [getattr(self, name) for name, *_ in _SPECS[type(self)]]

    def __setstate__(self, state: list) -> None:
        for (name, *_), value in zip(_SPECS[type(self)], state):
            object.__setattr__(self, name, value)


def shape(cls: type) -> type:
    """A frozen, slotted dataclass whose methods come from :class:`Shape` (``cls`` must
    derive from it): the standard library records its fields, nothing is generated."""
    cls = dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    _SPECS[cls] = tuple((f.name, f.init, f.compare, f.default, f.default_factory)
                        for f in dataclasses.fields(cls))
    return cls


@shape
class Size(Shape):
    """A list holds at least ``min`` (and at most ``max``) items; a number lies in
    ``min``..``max``."""

    min: int = 0
    max: int | None = None


TEXT = "text"
KEY = "key"
_KEY_FORM = re.compile(r"[a-z][a-z0-9_]*")

Text = Annotated[str, TEXT]
Key = Annotated[str, KEY]
Texts = Annotated[list[Text], Size(1)]
Keys = Annotated[list[Key], Size(0)]

EITHER = "unsure"
"""The role of someone who is not sure which part they play (or has no map yet): they are
offered only guidance written to fit either partner."""


class ContentError(ValueError):
    """A content file breaks one of the rules: says where, and what."""


# ---------------------------------------------------------------- the shapes


@shape
class Item(Shape):
    """Anything with a key, a short name and a one-line description."""

    key: Key
    name: Text
    description: Text


@shape
class Pattern(Item):
    """A shape the loop can take: pursue_withdraw, withdraw_withdraw, attack_attack."""


@shape
class Role(Item):
    """A part one partner tends to play in the loop (pursuer, withdrawer)."""

    moves: Texts
    tells_self: Texts
    feels_underneath: Texts
    longs_for: Texts


@shape
class CycleField(Shape):
    """One of the six fields of a cycle map, asked for each partner."""

    key: Key
    label: Text
    prompt: Text
    examples: Texts


@shape
class Exit(Item):
    """An emotional exit: a way of stepping out of contact when it gets hard."""

    examples: Texts


@shape
class Ending(Item):
    """How one turn of the loop ended: repair, pause, unresolved."""


@shape
class FirstMover(Item):
    """Who moved first in one turn of the loop: me, them, both, unsure."""


@shape
class CalmWords(Shape):
    """The words of the calm timer written for one role: an opening line, a prompt for
    each stretch of the minutes, and a word at the end."""

    intro: Text
    steps: Annotated[list[Text], Size(3)]
    closing: Text


@shape
class CalmDown(Shape):
    """The self-soothing timer the loop pane offers when panic rises: a calm prompt for
    each stretch of the minutes, and a word at the end. ``intro``, ``steps`` and
    ``closing`` fit either partner; ``by_role`` holds the words written for one role."""

    minutes: Annotated[int, Size(1, 60)]
    name: Text
    intro: Text
    steps: Annotated[list[Text], Size(3)]
    closing: Text
    by_role: dict[Key, CalmWords] = field(default_factory=dict)


@shape
class Reason(Item):
    """A common reason one partner pulls away or reaches, with a kinder alternative story it
    suggests. ``roles`` names whom it is offered to (empty: anyone); ``alternatives`` words
    the kinder story for one role (a withdrawer's "I", a pursuer's "they"); ``practice`` is
    the small practice that answers it (a key of ``small_things.practices``)."""

    alternative: Text
    practice: Key
    roles: Keys = field(default_factory=list)
    alternatives: dict[Key, Text] = field(default_factory=dict)


@shape
class Trap(Item):
    """A thinking trap that bends the story we tell ourselves."""

    example: Text
    question: Text


@shape
class RitualTemplate(Item):
    """A small ritual of connection with its cadence as an RFC 5545 RRULE."""

    rrule: Text
    cadence: Text
    prompt: Text
    asks_good_and_hard: bool = False


@shape
class MissedReason(Item):
    """Why a ritual did not happen (busy, forgot, conflict, chose_not_to)."""


@shape
class Reframe(Shape):
    """A critical opener and a curious question to use instead."""

    critical: Text
    curious: Text
    roles: Keys = field(default_factory=list)
    """Whom it is written for (role keys); empty: it fits either partner."""


@shape
class SmallAction(Shape):
    """One small next step; ``roles`` names whom it is written for (empty: anyone)."""

    key: Key
    text: Text
    roles: Keys = field(default_factory=list)


@shape
class FieldPrompt(Shape):
    """The label and prompt shown beside one field of a form."""

    label: Text
    prompt: Text


@shape
class HelpText(Shape):
    about: Text
    not_therapy: Text
    safety: Text


@shape
class Guidance(Shape):
    """Everything closer suggests, chosen for one role (see :meth:`Knowledge.guidance`)."""

    role: str
    reframes: list[Reframe]
    reasons: list[Reason]
    small_actions: list[SmallAction]
    calm: CalmDown
    thought_prompts: dict[str, FieldPrompt]


@shape
class Pull(Item):
    """A pull a person can name in the moment (reach, withdraw, freeze, other); ``usual``
    completes "your usual pull: ..." in Look back."""

    usual: Text


@shape
class Offer(Shape):
    """A next step to end a Right now moment with: a name, words to start from (the person
    edits them) and the pulls it fits."""

    key: Key
    name: Text
    text: Text
    pulls: Annotated[list[Key], Size(1)]


@shape
class RightNowCalm(Shape):
    title: Text
    text: Text
    hold: Text
    """The curious question to hold while the calm timer runs."""


@shape
class RightNowTimeOut(Shape):
    title: Text
    reassurance: Text
    script_label: Text
    script: Text
    """What to say before stepping away; ``{time}`` becomes the return time."""
    minutes_label: Text
    reminder: Text


@shape
class RightNowGround(Shape):
    title: Text
    steps: Annotated[list[Text], Size(1)]
    choice_label: Text
    choices: Annotated[list[Text], Size(2)]


@shape
class RightNowStep(Shape):
    title: Text
    text: Text
    kept: Text


@shape
class RightNowBack(Shape):
    """Asked when a time-out's return time comes; ``{time}`` is that time."""

    title: Text
    question: Text
    on_time: Text
    late: Text
    later: Text
    thanks: Text


RIGHT_NOW_PARTS = ("pull", "choice", "script", "return_at", "back_on_time", "step")
"""The parts of a kept Right now moment, in the order they are read back."""


@shape
class RightNow(Shape):
    """The Right now flow's words (storage.right_now holds its rules)."""

    name: Text
    intro: Text
    strength: Text
    strength_keys: Text
    next: Text
    back: Text
    pulls: Annotated[list[Pull], Size(4, 4)]
    calm: RightNowCalm
    time_out: RightNowTimeOut
    ground: RightNowGround
    step: RightNowStep
    offers: Annotated[list[Offer], Size(2)]
    back_from: RightNowBack
    labels: dict[Key, Text]
    """What each part of a kept moment is called where it is read back."""

    def __post_init__(self) -> None:
        known = [p.key for p in self.pulls]
        if len(set(known)) != len(known):
            raise ValueError(f"right_now.pulls: duplicate keys {known}")
        for offer in self.offers:
            unknown = [p for p in offer.pulls if p not in known]
            if unknown:
                raise ValueError(f"right_now.offers {offer.key!r}: unknown pull {unknown[0]!r}")
        for pull in known:
            if not self.offers_for(pull):
                raise ValueError(f"right_now.offers: nothing offered for the pull {pull!r}")
        missing = set(RIGHT_NOW_PARTS) - set(self.labels)
        if missing:
            raise ValueError(f"right_now.labels: no label for {sorted(missing)[0]!r}")

    def pull(self, key: str) -> Pull:
        """The pull with this key (KeyError names it when unknown)."""
        for item in self.pulls:
            if item.key == key:
                return item
        raise KeyError(f"unknown pull key: {key!r}")

    def offers_for(self, pull: str) -> list[Offer]:
        """The offers that fit ``pull``, in the order content lists them."""
        return [offer for offer in self.offers if pull in offer.pulls]


@shape
class Practice(Item):
    """A small practice closer offers, named so a reason for the distance can point at the
    one that answers it (``where`` says where in the app it lives)."""

    where: Text


@shape
class BookPhrase(Shape):
    """A phrase of the phrase book: what it is for (an intent key) and whom it is written
    for (role keys; empty: either partner)."""

    key: Key
    intent: Key
    text: Text
    roles: Keys = field(default_factory=list)


@shape
class TallyItem(Item):
    """Something one does oneself that the private tally counts: a kindness or a slight."""

    side: Key


@shape
class OfferWords(Shape):
    """The low-effort offer builder's words; ``sentence`` has ``{what}``, ``{at}`` and
    ``{instead}``; ``suggest_for`` names the reasons for the distance it answers best."""

    name: Text
    intro: Text
    sentence: Text
    sentence_without_choice: Text
    examples: Texts
    outcomes: Annotated[list[Item], Size(3, 3)]
    suggest_for: Annotated[list[Key], Size(1)]


@shape
class CheckIn(Shape):
    """The monthly "bigger picture" check-in: guided questions, saved as an entry."""

    name: Text
    intro: Text
    questions: Texts
    tag: Key


@shape
class EarlySign(Shape):
    """The gentle word when the everyday small sharing stops for ``days`` days."""

    days: Annotated[int, Size(2, 30)]
    text: Text
    suggestion: Text


@shape
class LoveListWords(Shape):
    """The love list tab's words: a line above it, and the start of what an empty list
    says (each source's description follows it)."""

    intro: Text
    empty: Text


@shape
class TallyWords(Shape):
    """The private tally tab's words: that it is about oneself only, and a day with no mark."""

    intro: Text
    nothing_today: Text


@shape
class SmallThings(Shape):
    """The small everyday practices: the love list, offers, the phrase book, the tally."""

    name: Text
    intro: Text
    love_list: LoveListWords
    love_sources: Annotated[list[Item], Size(3, 3)]
    offer: OfferWords
    phrase_intents: Annotated[list[Item], Size(5, 5)]
    phrases: Annotated[list[BookPhrase], Size(5)]
    my_tally: TallyWords
    tally: Annotated[list[TallyItem], Size(2)]
    practices: Annotated[list[Practice], Size(1)]
    check_in: CheckIn
    early_sign: EarlySign
    discovery_ideas: Annotated[list[Text], Size(3)]
    """A few ideas to start an empty shared-discovery bank with."""

    def __post_init__(self) -> None:
        intents = {i.key for i in self.phrase_intents}
        for phrase in self.phrases:
            if phrase.intent not in intents:
                raise ValueError(f"small_things.phrases {phrase.key!r}: unknown intent "
                                 f"{phrase.intent!r}")
        for intent in intents:
            if not any(p.intent == intent for p in self.phrases):
                raise ValueError(f"small_things.phrases: no phrase to {intent!r}")
        for item in self.tally:
            if item.side not in ("kind", "slight"):
                raise ValueError(f"small_things.tally {item.key!r}: side must be kind or slight")

    def _find(self, items: list, what: str, key: str) -> Any:
        for item in items:
            if item.key == key:
                return item
        raise KeyError(f"unknown {what} key: {key!r}")

    def love_source(self, key: str) -> Item:
        return self._find(self.love_sources, "love source", key)

    def outcome(self, key: str) -> Item:
        return self._find(self.offer.outcomes, "offer outcome", key)

    def intent(self, key: str) -> Item:
        return self._find(self.phrase_intents, "phrase intent", key)

    def phrase(self, key: str) -> BookPhrase:
        return self._find(self.phrases, "phrase", key)

    def tally_item(self, key: str) -> TallyItem:
        return self._find(self.tally, "tally", key)

    def practice(self, key: str) -> Practice:
        return self._find(self.practices, "practice", key)


KEYED = ("patterns", "roles", "cycle_fields", "exits", "endings", "first_movers", "reasons",
         "traps", "rituals", "missed_reasons", "small_actions")
"""The lists whose items have a key, unique within the list."""


@shape
class Knowledge(Shape):
    patterns: Annotated[list[Pattern], Size(1)]
    roles: Annotated[list[Role], Size(1)]
    cycle_fields: Annotated[list[CycleField], Size(6, 6)]
    exits: Annotated[list[Exit], Size(5, 5)]
    endings: Annotated[list[Ending], Size(1)]
    first_movers: Annotated[list[FirstMover], Size(4, 4)]
    moment_prompts: dict[Key, FieldPrompt]
    calm_down: CalmDown
    reasons: Annotated[list[Reason], Size(1)]
    traps: Annotated[list[Trap], Size(1)]
    rituals: Annotated[list[RitualTemplate], Size(1)]
    missed_reasons: Annotated[list[MissedReason], Size(1)]
    reframes: Annotated[list[Reframe], Size(1)]
    small_actions: Annotated[list[SmallAction], Size(1)]
    feelings: Texts
    thought_prompts: dict[Key, FieldPrompt]
    help: HelpText
    right_now: RightNow
    small_things: SmallThings
    thought_prompts_by_role: dict[Key, dict[Key, FieldPrompt]] = field(default_factory=dict)
    """Prompts of the thought record form worded for one role, over :attr:`thought_prompts`."""
    _index: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False,
                                              compare=False)

    def __post_init__(self) -> None:
        for name in KEYED:
            found: dict[str, Any] = {}
            for item in getattr(self, name):
                if item.key in found:
                    raise ValueError(f"{name}: duplicate keys [{item.key!r}]")
                found[item.key] = item
            self._index[name] = found
        self._check_roles()
        practices = {p.key for p in self.small_things.practices}
        for reason in self.reasons:
            if reason.practice not in practices:
                raise ValueError(f"reasons: {reason.key}: unknown practice {reason.practice!r}")
        for key in self.small_things.offer.suggest_for:
            if key not in self._index["reasons"]:
                raise ValueError(f"small_things.offer.suggest_for: unknown reason {key!r}")
        roles = set(self._index["roles"]) | {EITHER}
        for phrase in self.small_things.phrases:
            unknown = set(phrase.roles) - roles
            if unknown:
                raise ValueError(f"small_things.phrases {phrase.key!r}: unknown role "
                                 f"{sorted(unknown)[0]!r}")

    def _check_roles(self) -> None:
        """Every role named in guidance is a role (or ``unsure``), and each role, ``unsure``
        among them, is offered at least one of every kind of guidance."""
        known = set(self._index["roles"])
        tagged: list[tuple[str, Any]] = [
            *((f"reframes: {r.critical!r}", r.roles) for r in self.reframes),
            *((f"reasons: {r.key}", r.roles) for r in self.reasons),
            *((f"reasons: {r.key} alternatives", r.alternatives) for r in self.reasons),
            *((f"small_actions: {a.key}", a.roles) for a in self.small_actions),
            ("calm_down.by_role", self.calm_down.by_role),
            ("thought_prompts_by_role", self.thought_prompts_by_role),
        ]
        for where, roles in tagged:
            unknown = set(roles) - known - {EITHER}
            if unknown:
                raise ValueError(f"{where}: unknown role {sorted(unknown)[0]!r}")
        for prompts in self.thought_prompts_by_role.values():
            unknown = set(prompts) - set(self.thought_prompts)
            if unknown:
                raise ValueError(f"thought_prompts_by_role: unknown prompt {sorted(unknown)[0]!r}")
        for role in (*sorted(known), EITHER):
            for name in ("reframes", "reasons", "small_actions"):
                if not any(fits(item.roles, role, known) for item in getattr(self, name)):
                    raise ValueError(f"{name}: nothing is offered to the role {role!r}")

    def guidance(self, role: str) -> Guidance:
        """What closer suggests to someone who plays ``role`` in the loop (a role key, or
        ``unsure`` or anything unknown: guidance that fits either partner). The one place
        that chooses by role; the app and storage ask it.

        >>> from content import knowledge
        >>> knowledge().guidance("withdrawer").role
        'withdrawer'
        """
        known = self._index["roles"]
        role = role if role in known else EITHER
        cached = self._index.setdefault("_guidance", {})
        if role in cached:
            return cached[role]
        calm = self.calm_down
        words = calm.by_role.get(role)
        if words is not None:  # the role's words over the ones that fit either
            calm = dataclasses.replace(calm, **{name: getattr(words, name)
                                                for name in fields_of(CalmWords)})
        reasons = [_worded(r, role) for r in self.reasons if fits(r.roles, role, known)]
        found = Guidance(
            role=role,
            reframes=[r for r in self.reframes if fits(r.roles, role, known)],
            reasons=reasons,
            small_actions=[a for a in self.small_actions if fits(a.roles, role, known)],
            calm=calm,
            thought_prompts={**self.thought_prompts,
                             **self.thought_prompts_by_role.get(role, {})},
        )
        cached[role] = found
        return found

    # Look-ups by key. Each raises KeyError with the key when it is unknown.
    def _find(self, name: str, key: str):
        try:
            return self._index[name][key]
        except KeyError:
            raise KeyError(f"unknown {name} key: {key!r}") from None

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
        return set(self._index[name])


def _worded(reason: Reason, role: str) -> Reason:
    """``reason`` with its kinder story in the words written for ``role``, if there are."""
    story = reason.alternatives.get(role)
    return reason if story is None else dataclasses.replace(reason, alternative=story)


def fits(roles: list[str], role: str, known: Any) -> bool:
    """Whether guidance written for ``roles`` (empty: either partner) is offered to someone
    playing ``role``: a known role sees what is written for it and what fits either; anyone
    else (``unsure``) only what fits either.

    >>> fits([], "unsure", {"pursuer"}), fits(["pursuer"], "unsure", {"pursuer"})
    (True, False)
    """
    if not roles:
        return True
    return role in known and role in roles


def fields_of(cls: type) -> tuple[str, ...]:
    """The names of the fields a content file may give for ``cls``."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


# ---------------------------------------------------------------- reading


def build(cls: type, data: Any, where: str = "") -> Any:
    """``data`` (plain dicts, lists and scalars, as TOML gives them) as ``cls``, every rule
    checked. Raises :class:`ContentError` naming the first field that breaks one."""
    return _read(cls, data, where or cls.__name__)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls, include_extras=True)


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "a text", bool: "true or false",
            int: "a whole number"}.get(type(value), type(value).__name__)


def _read(tp: Any, value: Any, where: str) -> Any:
    marks: tuple = ()
    if get_origin(tp) is Annotated:
        tp, *rest = get_args(tp)
        marks = tuple(rest)
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp):
        result = _read_dataclass(tp, value, where)
    elif origin is list:
        if not isinstance(value, list):
            raise ContentError(f"{where}: expected a list, found {_kind(value)}")
        (item,) = get_args(tp)
        result = [_read(item, v, f"{where}[{n}]") for n, v in enumerate(value)]
    elif origin is dict:
        if not isinstance(value, dict):
            raise ContentError(f"{where}: expected a table, found {_kind(value)}")
        key_type, item_type = get_args(tp)
        result = {_read(key_type, k, f"{where} (key {k!r})"): _read(item_type, v, f"{where}.{k}")
                  for k, v in value.items()}
    elif tp in (str, int, bool):
        if type(value) is not tp:
            raise ContentError(f"{where}: expected {_kind(tp())}, found {_kind(value)}")
        result = value
        if TEXT in marks:
            result = value.strip()
            if not result:
                raise ContentError(f"{where}: must not be empty")
        if KEY in marks and not _KEY_FORM.fullmatch(value):
            raise ContentError(f"{where}: {value!r} is not a key (lower_snake_case)")
    else:  # pragma: no cover - a shape above uses a type this reader does not know
        raise TypeError(f"content cannot read a field of type {tp!r}")
    for mark in marks:
        if isinstance(mark, Size):
            _check_size(mark, result, where)
    return result


def _read_dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise ContentError(f"{where}: expected a table, found {_kind(value)}")
    hints = _hints(cls)
    wanted = [f for f in dataclasses.fields(cls) if f.init]
    unknown = value.keys() - {f.name for f in wanted}
    if unknown:
        raise ContentError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    given = {}
    for f in wanted:
        if f.name in value:
            given[f.name] = _read(hints[f.name], value[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ContentError(f"{where}: missing field {f.name!r}")
    try:
        return cls(**given)
    except ValueError as exc:
        raise ContentError(f"{where}: {exc}") from None


def _check_size(size: Size, value: Any, where: str) -> None:
    if isinstance(value, int):
        if value < size.min or (size.max is not None and value > size.max):
            raise ContentError(f"{where}: {value} is outside {size.min}..{size.max}")
        return
    if len(value) < size.min:
        raise ContentError(f"{where}: needs at least {size.min} item(s), has {len(value)}")
    if size.max is not None and len(value) > size.max:
        raise ContentError(f"{where}: holds at most {size.max} item(s), has {len(value)}")
