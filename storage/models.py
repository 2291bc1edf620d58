"""pydantic models for every table of the journal.

Each kind has an input model (``EntryIn``: what a person may write, validated) and a stored
model (``StoredEntry``: the input plus id and timestamps; what export checks rows against).
What the record APIs read back are plain named tuples with the plain names
(:class:`storage.entries.Entry`, :class:`storage.loop.LoopEvent`, ...), so each name means
one thing; :data:`storage.kinds.KINDS` names each kind's two models.

Text is cleaned of control characters and limited to :data:`storage.text.MAX_TEXT`
characters; ratings and moods are range-checked; dates must be real dates.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from storage import dates as _dates
from storage import text as _text
from storage.rituals import rule_parts


def _clean_text(value: object) -> object:
    if isinstance(value, str):
        return _text.clean(value)
    return value


def _limit(value: str) -> str:
    return _text.check_size(value)


def _aware(value: datetime) -> datetime:
    try:
        value = value.astimezone() if value.tzinfo is None else value
    except (ValueError, OverflowError):
        raise ValueError("the date is out of range") from None
    return _dates.check_range(value)  # stored in UTC, shown in any zone: both must exist


Text = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_limit)]
"""Free text: any length up to the limit, control characters removed."""
Line = Text
Moment = Annotated[datetime, AfterValidator(_aware)]
Rating = Annotated[int, Field(ge=0, le=100)]
"""A belief or intensity rating, 0-100."""
Mood = Annotated[int, Field(ge=-2, le=2)]
Intensity = Annotated[int, Field(ge=0, le=10)]
Tag = Annotated[str, Field(pattern=r"^\w[\w-]*$", max_length=64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=False)


class _Stored(_Model):
    id: int
    created_at: Moment
    updated_at: Moment


# ---------------------------------------------------------------- entries


class EntryIn(_Model):
    """A free journal entry as written."""

    occurred_at: Moment
    title: Line = ""
    body: Text = ""
    mood: Mood | None = None
    starred: bool = False
    tags: list[Tag] = Field(default_factory=list)

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_plain(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, (list, tuple)):
            # Tags the text itself carries come back from it (see all_tags); dropping them
            # here lets a stored entry (an export, an update) validate again as it is.
            written = set(
                _text.tags_in(f"{info.data.get('title', '')}\n{info.data.get('body', '')}")
            )
            plain = (str(t).lstrip("#@").lower() for t in value if str(t).strip("#@ "))
            return [t for t in dict.fromkeys(plain) if t not in written]
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> EntryIn:
        if not self.title.strip() and not self.body.strip():
            raise ValueError("an entry needs some text")
        return self

    def all_tags(self) -> list[str]:
        """Tags given explicitly plus the #tags written in the title and body."""
        found = _text.tags_in(self.title + "\n" + self.body)
        return list(dict.fromkeys([*self.tags, *found]))


class StoredEntry(EntryIn, _Stored):
    pass


# ---------------------------------------------------------------- thought records


def _known_reasons(value: list[str]) -> list[str]:
    """Reasons for the distance are content's keys, each once, in the order given."""
    from content import knowledge

    known = knowledge().keys("reasons")
    unknown = [r for r in value if r not in known]
    if unknown:
        raise ValueError(f"there is no reason for the distance called {unknown[0]!r}")
    return list(dict.fromkeys(value))


class Feeling(_Model):
    name: Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=200)]
    intensity: Rating


class EvidenceLink(_Model):
    """Evidence pointing at another record: an entry or a loop moment."""

    kind: Literal["entry", "loop_event"]
    id: int
    side: Literal["for", "against"]


class ThoughtRecordIn(_Model):
    """A CBT thought record built around the story told about the partner's distance."""

    occurred_at: Moment
    situation: Text = ""
    feelings_before: list[Feeling] = Field(default_factory=list)
    story: Text = ""
    story_belief_before: Rating | None = None
    traps: list[str] = Field(default_factory=list)
    evidence_for: Text = ""
    evidence_against: Text = ""
    evidence_links: list[EvidenceLink] = Field(default_factory=list)
    alternative_story: Text = ""
    alternative_belief: Rating | None = None
    story_belief_after: Rating | None = None
    feelings_after: list[Feeling] = Field(default_factory=list)
    next_step: Text = ""
    status: Literal["draft", "complete"] = "draft"
    loop_event_id: int | None = None
    reasons: list[str] = Field(default_factory=list)
    """The likely reasons for the distance (keys of content's ``reasons``)."""

    _known_reasons = field_validator("reasons")(lambda cls, v: _known_reasons(v))

    @field_validator("traps")
    @classmethod
    def _known_traps(cls, value: list[str]) -> list[str]:
        from content import knowledge

        known = knowledge().keys("traps")
        unknown = [t for t in value if t not in known]
        if unknown:
            raise ValueError(f"there is no thinking trap called {unknown[0]!r}")
        return list(dict.fromkeys(value))


class ThoughtRecord(ThoughtRecordIn, _Stored):
    pass


# ---------------------------------------------------------------- the loop

PatternKey = Literal["pursue_withdraw", "withdraw_withdraw", "attack_attack"]
RoleKey = Literal["pursuer", "withdrawer", "unsure"]


class LoopSideIn(_Model):
    """One partner's half of the cycle map (the six fields couples therapists ask)."""

    trigger: Text = ""
    move: Text = ""
    tells_self: Text = ""
    surface: Text = ""
    underneath: Text = ""
    longing: Text = ""


class LoopMapIn(_Model):
    pattern: PatternKey = "pursue_withdraw"
    my_role: RoleKey = "unsure"
    me: LoopSideIn = Field(default_factory=LoopSideIn)
    them: LoopSideIn = Field(default_factory=LoopSideIn)


class StoredLoopMap(LoopMapIn):
    """One saved version of the map; the newest is the current one."""

    id: int
    created_at: Moment


_MAX_TIME_OUT = timedelta(hours=24)
"""The longest time-out a Right now moment may plan (storage.right_now offers far less)."""


class LoopEventIn(_Model):
    """One turn of the loop as it happened."""

    occurred_at: Moment
    first_mover: Literal["me", "them", "both", "unsure"] = "unsure"
    trigger: Text = ""
    my_move: Text = ""
    their_move: Text = ""
    exits: list[str] = Field(default_factory=list)
    intensity: Intensity = 5
    ending: Literal["repair", "pause", "unresolved"] = "unresolved"
    note: Text = ""
    thought_record_id: int | None = None
    # A "Right now" moment (storage.right_now) also says:
    pull: Literal["reach", "withdraw", "freeze", "other"] | None = None
    """The pull the person named in the moment; None for a moment logged afterwards."""
    choice: Text = ""
    """The one small choice made after grounding (or anything else they picked)."""
    step: Text = ""
    """The next step they chose and kept, in their own words."""
    script: Text = ""
    """A time-out's words to say before stepping away."""
    return_at: Moment | None = None
    """When a time-out said they would come back."""
    back_on_time: bool | None = None
    """Whether they came back by then (None: not said yet)."""
    reasons: list[str] = Field(default_factory=list)
    """The likely reasons for the distance (keys of content's ``reasons``)."""

    _known_reasons = field_validator("reasons")(lambda cls, v: _known_reasons(v))

    @model_validator(mode="after")
    def _right_now_parts(self) -> "LoopEventIn":
        if self.pull is None and (self.choice or self.step or self.script
                                  or self.return_at is not None):
            raise ValueError("a next step, a small choice or a time-out belongs to a moment "
                             "that names its pull")
        if self.return_at is None:
            if self.back_on_time is not None:
                raise ValueError("coming back on time needs a time-out with a return time")
        elif not self.occurred_at < self.return_at <= self.occurred_at + _MAX_TIME_OUT:
            raise ValueError("a time-out's return time must come after the moment, within "
                             "a day of it")
        return self

    @field_validator("exits")
    @classmethod
    def _known_exits(cls, value: list[str]) -> list[str]:
        from content import knowledge

        known = knowledge().keys("exits")
        unknown = [e for e in value if e not in known]
        if unknown:
            raise ValueError(f"there is no emotional exit called {unknown[0]!r}")
        return list(dict.fromkeys(value))


class StoredLoopEvent(LoopEventIn, _Stored):
    pass


# ---------------------------------------------------------------- rituals

RITUAL_NOTE_MAX = 2_000
"""The longest note (or good thing, or hard thing) one ritual mark may hold: a short note."""

RULE_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
"""Rituals fall on days, so a rule repeats daily at the most often."""

RULE_CHECK_YEARS = 8
"""A rule must come round within this many years of its start (a leap day every 4 years
does; "the 30th of February" never does). Eight covers 1896 -> 1904, which skips 1900."""


_UNREADABLE_RULE = ("the repeat rule could not be read: check its spelling, or choose how often "
                    "it repeats instead of typing a rule")


def _note_limit(value: str) -> str:
    if len(value) > RITUAL_NOTE_MAX:
        raise ValueError(
            f"a ritual mark's note is kept short: {len(value):,} characters is over the limit "
            f"of {RITUAL_NOTE_MAX:,}"
        )
    return value


Note = Annotated[str, BeforeValidator(_clean_text), AfterValidator(_note_limit)]
"""A short note on a ritual mark."""


def _day_in_range(value: date) -> date:
    if not _dates.EARLIEST_YEAR <= value.year <= _dates.LATEST_YEAR:
        raise ValueError(
            f"the date is out of range (years {_dates.EARLIEST_YEAR} to {_dates.LATEST_YEAR})"
        )
    return value


Day = Annotated[date, AfterValidator(_day_in_range)]
"""A calendar date within the years a journal holds."""


def _first_occurrence(rule: str, dtstart: date, within_years: int) -> date | None:
    """The first day ``rule`` falls on from ``dtstart``, looking ``within_years`` ahead."""
    from dateutil.rrule import rrulestr

    start = datetime(dtstart.year, dtstart.month, dtstart.day)
    limit = datetime(min(dtstart.year + within_years, 9999), 12, 31)
    parsed = rrulestr(rule, dtstart=start).replace(count=None, until=limit)
    first = next(iter(parsed), None)
    return first.date() if first else None


class Pause(_Model):
    """A span of days a ritual was paused: from ``start`` up to (not including) ``end``;
    ``end`` is None while it is still paused."""

    start: Day
    end: Day | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Pause:
        if self.end is not None and self.end <= self.start:
            raise ValueError("a pause must end after it starts")
        return self


class RitualIn(_Model):
    name: Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=200)]
    description: Text = ""
    prompt: Text = ""
    rrule: str
    dtstart: Day
    time_of_day: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    template: str | None = None
    asks_good_and_hard: bool = False
    active: bool = True
    pauses: list[Pause] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a ritual needs a name")
        return value.strip()

    @field_validator("rrule")
    @classmethod
    def _valid_rrule(cls, value: str) -> str:
        from dateutil.rrule import rrule as _rrule
        from dateutil.rrule import rrulestr

        body = value.strip()
        if body.upper().startswith("RRULE:"):
            body = body[6:].strip()
        if not body:
            raise ValueError("choose how often it repeats")
        if "DTSTART" in body.upper():
            raise ValueError("give the start date in its own field, not inside the repeat rule")
        if "\n" in body or "\r" in body:
            raise ValueError("give one repeat rule, on one line")
        try:
            parts = rule_parts(body)
        except ValueError:
            raise ValueError(_UNREADABLE_RULE) from None
        freq = parts.get("FREQ")
        if freq is None:
            raise ValueError(
                "the repeat rule does not say how often: daily, weekly, monthly or yearly")
        if freq not in RULE_FREQUENCIES:
            raise ValueError(
                f"rituals repeat by the day at most often, so {freq.lower()!r} is not one of "
                "daily, weekly, monthly or yearly"
            )
        timed = [p for p in ("BYHOUR", "BYMINUTE", "BYSECOND") if p in parts]
        if timed:
            raise ValueError("set the time of day in its own field, not inside the repeat rule")
        body = ";".join(f"{k}={v}" for k, v in parts.items())
        try:
            parsed = rrulestr(body, dtstart=datetime(2000, 1, 1))
        except (ValueError, TypeError, KeyError, IndexError):
            raise ValueError(_UNREADABLE_RULE) from None
        if not isinstance(parsed, _rrule):
            raise ValueError("give one repeat rule, on one line")
        return body

    @field_validator("template")
    @classmethod
    def _known_template(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from content import knowledge

        if value not in knowledge().keys("rituals"):
            raise ValueError(f"there is no ritual idea called {value!r}")
        return value

    @model_validator(mode="after")
    def _comes_round(self) -> RitualIn:
        try:
            first = _first_occurrence(self.rrule, self.dtstart, RULE_CHECK_YEARS)
        except (ValueError, OverflowError, TypeError):
            raise ValueError("the repeat rule cannot be worked out from that start date") from None
        except IndexError:  # dateutil's answer to "the ninth Monday of the month"
            first = None
        if first is None:
            raise ValueError(
                f"this rule never falls on a real date in the {RULE_CHECK_YEARS} years after "
                "the start (is it a day that does not exist, like the 30th of February?)"
            )
        return self


class StoredRitual(RitualIn, _Stored):
    pass


class RitualLogIn(_Model):
    """What happened to one ritual on one day (at most one row per ritual and day).

    "missed" is not usually stored: a due day in the past with no mark is missed. A person
    stores one to say why (``reason``: a key of ``missed_reasons`` in content)."""

    ritual_id: int
    on_date: Day
    status: Literal["done", "skipped", "missed"]
    note: Note = ""
    positive: Note = ""
    negative: Note = ""
    reason: str | None = None
    agreements: Text = ""
    """What was agreed (the family boundary meeting's), one per line, reviewed next time."""

    @field_validator("reason")
    @classmethod
    def _known_reason(cls, value: str | None) -> str | None:
        if value is None:
            return value
        from content import knowledge

        if value not in knowledge().keys("missed_reasons"):
            raise ValueError(f"there is no reason called {value!r} for a missed ritual")
        return value


class StoredRitualLog(RitualLogIn, _Stored):
    pass


# ---------------------------------------------------------------- small things


def _words(what: str, limit: int = 500):
    """A short line of text a person must write (``what`` names it in the refusal)."""

    def check(value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError(f"{what} is empty")
        if len(value) > limit:
            raise ValueError(f"{what} is kept short: {len(value):,} characters is over the "
                             f"limit of {limit:,}")
        return value

    return Annotated[str, BeforeValidator(_clean_text), AfterValidator(check)]


def _short(limit: int = 500):
    """A short line of text that may be left empty."""

    def check(value: str) -> str:
        value = value.strip()
        if len(value) > limit:
            raise ValueError(f"this is kept short: {len(value):,} characters is over the "
                             f"limit of {limit:,}")
        return value

    return Annotated[str, BeforeValidator(_clean_text), AfterValidator(check)]


ShortLine = _short()
LongLine = _short(1_000)
LoveWords = _words("what you do")
OfferWords = _words("what you offer")
PhraseWords = _words("the phrase", 1_000)
IdeaWords = _words("the idea")

LoveSource = Literal["asked", "used_to", "their_way"]
"""Where a love-list item came from: they asked for it, something you used to do for each
other, or how they show love to you (often how they want it shown)."""


class LoveIn(_Model):
    """One thing that says "I love you" to the partner, on the love list."""

    what: LoveWords
    source: LoveSource
    note: Text = ""


class StoredLove(LoveIn, _Stored):
    pass


class LoveDoneIn(_Model):
    """A day a love-list item was done (at most one per item and day)."""

    love_id: int
    on_date: Day
    note: Note = ""


class StoredLoveDone(LoveDoneIn, _Stored):
    pass


OfferOutcome = Literal["welcomed", "not_now", "declined"]


class OfferIn(_Model):
    """A low-effort offer with a choice in it: "Can I <what> <at>, or would you rather
    <instead>?", and how it landed (None: not said yet)."""

    occurred_at: Moment
    what: OfferWords
    at: ShortLine = ""
    instead: ShortLine = ""
    outcome: OfferOutcome | None = None
    reason: str | None = None
    """The likely reason for the distance it answers (a key of content's ``reasons``)."""
    note: Note = ""

    @field_validator("reason")
    @classmethod
    def _known_reason(cls, value: str | None) -> str | None:
        return value if value is None else _known_reasons([value])[0]


class StoredOffer(OfferIn, _Stored):
    pass


PhraseIntent = Literal["open", "heard", "space", "reassure", "curious"]
"""What a phrase is for: open a conversation, show you heard, give space, reassure, or ask
with curiosity instead of criticism."""


class PhraseIn(_Model):
    """A phrase of the person's own in the phrase book, or a book phrase they marked as a
    favourite (``book_key``). A curious phrase may keep the critical words it replaces
    (``instead_of``): the person's own critical-to-curious pair."""

    intent: PhraseIntent
    text: PhraseWords
    instead_of: LongLine = ""
    favourite: bool = False
    book_key: str | None = None


class StoredPhrase(PhraseIn, _Stored):
    pass


class DiscoveryIn(_Model):
    """An idea in the shared-discovery bank, and the day it was done (None: not yet)."""

    idea: IdeaWords
    done_on: Day | None = None
    note: Note = ""


class StoredDiscovery(DiscoveryIn, _Stored):
    pass


TallySide = Literal["kind", "slight"]


class TallyIn(_Model):
    """One mark of the private tally, about oneself only: a kindness given or a slight
    (``what``: a key of content's tally list, or ``other`` with a note)."""

    occurred_at: Moment
    side: TallySide
    what: Annotated[str, Field(pattern=r"^[a-z_]+$", max_length=64)]
    note: Note = ""

    @model_validator(mode="after")
    def _known_item(self) -> "TallyIn":
        from content import knowledge

        try:
            item = knowledge().small_things.tally_item(self.what)
        except KeyError:
            raise ValueError(f"there is nothing called {self.what!r} in the tally") from None
        if item.side != self.side:
            raise ValueError(f"{item.name} is counted as a {item.side}, not a {self.side}")
        return self


class StoredTally(TallyIn, _Stored):
    pass
