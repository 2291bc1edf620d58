"""Looking back: every weekly figure, computed in one place for the app, the CLI and tests.

>>> review = journal.review                            # doctest: +SKIP
>>> review.weeks(limit=12)                            # newest week first   # doctest: +SKIP
[WeekFigures(start=datetime.date(2026, 1, 5), entries=4, ...), ...]
>>> review.week(date(2026, 1, 5)).summary             # doctest: +SKIP
['You wrote 4 entries, with an average mood of +0.5, higher than the week before.', ...]
>>> review.on_this_day()                              # doctest: +SKIP
>>> review.sparklines()                # the last 12 weeks, oldest first  # doctest: +SKIP

Weeks are ISO weeks (:mod:`storage.weeks`), Monday to Sunday, of the *local* day a record
belongs to (its kind's :attr:`~storage.kinds.Kind.day` column: ``day``, or ``on_date`` for
ritual marks). A week is named by its Monday.

Thought records, loop moments and ritual marks are read here with SQL directly; how many
rituals were kept and due comes from :meth:`storage.rituals.Rituals.kept_and_due`, the one
place that knows what "due" means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable

from storage import dates, kinds
from storage.entries import SMALL_THING_TAG, SMALL_THING_TITLE
from storage.errors import InvalidInput
from storage.weeks import week_end, week_label, week_start, week_start_sql, week_words

if TYPE_CHECKING:
    from storage.journal import Journal

KINDS = kinds.DATED
"""The kinds of record a week holds: those that belong to a local day (storage.kinds)."""

KIND_LABELS = {key: kinds.by_key(key).label for key in KINDS}
"""Each of :data:`KINDS` as a heading: ``"Loop moments"``."""

STEADY = 0.25
"""A change in mean mood smaller than this, week on week, counts as "steady"."""

ECHOES = (("One month ago", 1, 0), ("Three months ago", 3, 0), ("One year ago", 0, 1))
"""What "on this day" looks back to: (label, months, years)."""

SPARK_WEEKS = 12

EXCERPT = 400
"""How much of a long text an item carries (the whole record opens elsewhere)."""

def signed(value: float, places: int = 1) -> str:
    """``+0.5``, ``-1.0``, and no sign for anything that rounds to nothing (``0.0``)."""
    text = f"{value:+.{places}f}"
    return text[1:] if float(text) == 0 else text


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


# ---------------------------------------------------------------- what a week holds


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """The numbers of one ISO week (Monday ``start`` to Sunday ``end``)."""

    start: date
    entries: int = 0
    starred: int = 0
    mood: float | None = None
    """Mean mood (-2..+2) of the week's entries that have one."""
    moods: int = 0
    mood_change: float | None = None
    """Mean mood minus the week before's, when both weeks have one."""
    records: int = 0
    records_complete: int = 0
    belief_drop: float | None = None
    """Mean of (belief in the story before - belief after re-rating it), in points 0-100,
    over the week's thought records that have both ratings."""
    rated: int = 0
    moments: int = 0
    intensity: float | None = None
    """Mean intensity (0-10) of the week's loop moments."""
    repairs: int = 0
    kept: int = 0
    due: int = 0
    ritual_logs: int = 0
    ritual_notes: int = 0
    love_days: int = 0
    """Days something on the love list was done (:meth:`storage.love.Love.done_between`)."""
    kindnesses: int = 0
    slights: int = 0
    """One's own kindnesses and slights in the private tally (:meth:`storage.tally.Tally.between`)."""
    reasons: tuple[tuple[str, int], ...] = ()
    """The reasons for the distance marked on the week's loop moments and thought records,
    with how many marked each, most frequent first (:func:`rank_reasons`)."""

    @property
    def end(self) -> date:
        return week_end(self.start)

    @property
    def label(self) -> str:
        """The ISO week (``2026-W49``), for data: JSON and keys."""
        return week_label(self.start)

    @property
    def words(self) -> str:
        """The week as a person reads it: ``Week of 30 Nov`` (:func:`storage.weeks.week_words`),
        with the year when it is not the year of today."""

        return week_words(self.start, year=self.start.year != dates.today().year, capital=True)

    @property
    def empty(self) -> bool:
        return not (self.entries or self.records or self.moments or self.ritual_logs
                    or self.love_days or self.kindnesses or self.slights)

    @property
    def mood_trend(self) -> str:
        """``up``, ``down`` or ``steady`` against the week before; ``""`` when unknown."""
        if self.mood_change is None:
            return ""
        if abs(self.mood_change) < STEADY:
            return "steady"
        return "up" if self.mood_change > 0 else "down"

    @property
    def ritual_rate(self) -> float | None:
        """Share of due rituals kept (may pass 1 when extra ones were kept); None when
        nothing was due."""
        return self.kept / self.due if self.due else None

    def line(self) -> str:
        """The week on one line of plain text (``closer weeks``)."""
        parts = [week_words(self.start, year=True, capital=True),
                 f"entries {self.entries}" + (f" (★{self.starred})" if self.starred else "")]
        if self.mood is not None:
            trend = {"up": " ↑", "down": " ↓", "steady": " →"}.get(self.mood_trend, "")
            parts.append(f"mood {signed(self.mood)}{trend}")
        if self.records:
            drop = "" if self.belief_drop is None else f", belief {signed(-self.belief_drop, 0)}"
            parts.append(f"thought records {self.records}{drop}")
        if self.moments:
            parts.append(f"loop {self.moments}" + (
                "" if self.intensity is None else f", intensity {self.intensity:.1f}"))
        if self.due or self.kept:
            parts.append(f"rituals {self.kept}/{self.due}")
        if self.love_days:
            parts.append(f"love list {_count(self.love_days, 'day')}")
        if self.kindnesses or self.slights:
            parts.append(f"tally {self.kindnesses} kind/{self.slights} slight")
        return "  ".join(parts)

    def to_json(self) -> dict:
        return {
            "week": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "entries": self.entries,
            "starred": self.starred,
            "mood": None if self.mood is None else round(self.mood, 2),
            "mood_trend": self.mood_trend,
            "thought_records": self.records,
            "thought_records_complete": self.records_complete,
            "belief_drop": None if self.belief_drop is None else round(self.belief_drop, 1),
            "loop_moments": self.moments,
            "loop_intensity": None if self.intensity is None else round(self.intensity, 1),
            "repairs": self.repairs,
            "rituals_kept": self.kept,
            "rituals_due": self.due,
            "ritual_notes": self.ritual_notes,
            "love_list_days": self.love_days,
            "kindnesses": self.kindnesses,
            "slights": self.slights,
            "reasons": [{"reason": key, "marked": n} for key, n in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Item:
    """One record as Look back lists it: enough to recognise it and open it."""

    kind: str
    id: int
    occurred_at: datetime
    title: str
    """One line: an entry's title or first line, a record's story, a ritual's name."""
    detail: str = ""
    """A few words of figures: mood, belief before and after, intensity, kept or not."""
    text: str = ""
    """The start of the record's text (at most :data:`EXCERPT` characters)."""
    starred: bool = False

    @property
    def day(self) -> date:
        return dates.local_day(self.occurred_at)


@dataclass(frozen=True, slots=True)
class WeekDetail:
    figures: WeekFigures
    items: list[Item]
    """The week's records in date order, oldest first."""
    summary: list[str]
    """A few plain sentences made from the figures."""


@dataclass(frozen=True, slots=True)
class Echo:
    """What was written on one day in the past ("on this day")."""

    label: str
    day: date
    items: list[Item]


@dataclass(frozen=True, slots=True)
class Sparklines:
    """Series for the last weeks, oldest first, one value per week."""

    starts: list[date]
    mood: list[float]
    """Mean mood per week; a week without one counts as 0 (neither low nor good)."""
    moments: list[int]
    ritual_rate: list[float]
    """Kept / due per week (0 when nothing was due)."""


@dataclass(frozen=True, slots=True)
class RightNowFigures:
    """The Right now moments of the last ``weeks`` weeks (:mod:`storage.right_now`)."""

    weeks: int
    moments: int = 0
    pulls: list[tuple[str, int]] = field(default_factory=list)
    """Pull keys with how many moments named them, most common first (ties in the order of
    :data:`storage.right_now.PULLS`)."""
    time_outs: int = 0
    """Time-outs whose return was answered, on time or not."""
    on_time: int = 0

    @property
    def usual(self) -> str | None:
        """The pull named most often, or None without any moment."""
        return self.pulls[0][0] if self.pulls else None

    def line(self) -> str:
        """One plain line for Look back ("" when there is nothing to say)."""
        if not self.moments:
            return ""
        from content import knowledge

        words = knowledge().right_now
        key, n = self.pulls[0]
        text = (f"Your usual pull in the last {self.weeks} weeks: {words.pull(key).usual} "
                f"({n} of {_count(self.moments, 'Right now moment')}).")
        if self.time_outs:
            text += (f" {self.on_time} of {_count(self.time_outs, 'time-out')} came back on "
                     "time.")
        return text


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """One reason for the distance, how often it was marked, and the practice that answers
    it (content: the reason's ``practice``, a key of ``small_things.practices``)."""

    key: str
    marked: int
    moments: int = 0
    records: int = 0

    @property
    def reason(self):
        """The reason from content (None when content no longer has this key)."""
        from content import knowledge

        try:
            return knowledge().reason(self.key)
        except KeyError:
            return None

    @property
    def name(self) -> str:
        reason = self.reason
        return reason.name if reason is not None else self.key.replace("_", " ")

    @property
    def practice(self):
        """The practice that answers this reason (``name``, ``description``, ``where``), or
        None."""
        from content import knowledge

        reason = self.reason
        if reason is None:
            return None
        return next((p for p in knowledge().small_things.practices
                     if p.key == reason.practice), None)

    def words(self) -> str:
        """``Work pressure: marked 3 times (2 loop moments, 1 thought record)``."""
        where = [_count(n, one) for n, one in ((self.moments, "loop moment"),
                                               (self.records, "thought record")) if n]
        return f"{self.name}: marked {_times(self.marked)} ({', '.join(where)})"

    def answer(self) -> str:
        """``What can help: A low-effort offer. Offer one small ... (Small things, Offers)``;
        "" without a practice."""
        practice = self.practice
        if practice is None:
            return ""
        return f"What can help: {practice.name}. {practice.description} ({practice.where})"


@dataclass(frozen=True, slots=True)
class ReasonFigures:
    """The reasons for the distance marked on loop moments and thought records from
    ``first`` to ``last``, most frequent first (:meth:`Review.reasons`)."""

    first: date
    last: date
    counts: list[ReasonCount] = field(default_factory=list)

    @property
    def recurring(self) -> list[ReasonCount]:
        """The reasons marked more than once."""
        return [count for count in self.counts if count.marked > 1]

    def line(self) -> str:
        """One plain sentence about the window ("" when nothing was marked)."""
        if not self.counts:
            return ""
        top = self.counts[0]
        if top.marked == 1:
            return (f"You marked {_count(len(self.counts), 'reason')} for the distance; "
                    "none has come up twice yet.")
        return (f"The reason that came up most: {top.name.lower()} "
                f"({_times(top.marked)}).")


def rank_reasons(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Reason keys with their counts, most frequent first; ties in the order content lists
    the reasons (keys content no longer has come last, by key)."""
    if not counts:
        return []
    from content import knowledge

    order = {reason.key: n for n, reason in enumerate(knowledge().reasons)}
    return sorted(((key, n) for key, n in counts.items() if n),
                  key=lambda pair: (-pair[1], order.get(pair[0], len(order)), pair[0]))


def offer_answers(reasons: Iterable[str]) -> list[str]:
    """Which of ``reasons`` a low-effort offer answers best (content's
    ``small_things.offer.suggest_for``), in the order given."""
    from content import knowledge

    suggested = set(knowledge().small_things.offer.suggest_for)
    return [key for key in reasons if key in suggested]


SMALL_WEEKS = 6
"""How many ISO weeks Look back's small things section covers (this week included)."""

RECENT_WEEKS = 2
"""The tally's trend compares the newest this-many weeks with the weeks before them."""

KINDER = 0.1
"""A share of kindnesses at least this much higher than the weeks before reads "kinder"."""

TALLY_TRENDS = ("kinder", "harder", "steady", "new", "")
"""The tally's trend words: kinder (a bigger share of kindnesses than the weeks before),
harder (a smaller one), steady (about the same), new (nothing noted before to compare
with), "" (nothing noted at all)."""


@dataclass(frozen=True, slots=True)
class SmallThingsFigures:
    """The love list and the private tally, week by week (:meth:`Review.small_things_figures`).
    About oneself only: never a score of the partner."""

    weeks: list[WeekFigures]
    """Oldest first; the last is this week."""

    @property
    def love_days(self) -> int:
        return sum(w.love_days for w in self.weeks)

    @property
    def kindnesses(self) -> int:
        return sum(w.kindnesses for w in self.weeks)

    @property
    def slights(self) -> int:
        return sum(w.slights for w in self.weeks)

    @property
    def empty(self) -> bool:
        return not (self.love_days or self.kindnesses or self.slights)

    @property
    def trend(self) -> str:
        """One of :data:`TALLY_TRENDS`."""
        recent, before = self.weeks[-RECENT_WEEKS:], self.weeks[:-RECENT_WEEKS]

        def share(weeks: list[WeekFigures]) -> float | None:
            kind = sum(w.kindnesses for w in weeks)
            total = kind + sum(w.slights for w in weeks)
            return kind / total if total else None

        now, then = share(recent), share(before)
        if now is None:
            return "" if then is None else "steady"
        if then is None:
            return "new"
        if now - then >= KINDER:
            return "kinder"
        if then - now >= KINDER:
            return "harder"
        return "steady"

    def lines(self) -> list[str]:
        """A few kind sentences about the weeks ([] when nothing was noted)."""
        if self.empty:
            return []
        span = f"the last {len(self.weeks)} weeks"
        out = []
        if self.love_days:
            out.append(f"You did something from your love list on {_count(self.love_days, 'day')}"
                       f" in {span}.")
        if self.kindnesses or self.slights:
            out.append(f"Your tally noted {_count(self.kindnesses, 'kindness', 'kindnesses')} "
                       f"and {_count(self.slights, 'slight')} of your own.")
            out.append({
                "kinder": "Your last two weeks were kinder than the weeks before: more of "
                          "what you noticed in yourself was kind.",
                "harder": "Your last two weeks held a few more slights than the weeks before."
                          " Noticing them is how they get fewer.",
                "steady": "About the same as the weeks before.",
                "new": "Nothing noted in the weeks before, so there is no trend to read yet.",
            }.get(self.trend, ""))
        return [line for line in out if line]


@dataclass(frozen=True)
class Filters:
    """What Look back narrows to. ``tag`` and ``starred`` belong to entries only, so while
    either is set the other kinds are left out; ``kinds`` keeps only the kinds named.
    With any filter on, weeks holding nothing that matches are left out of the list."""

    tag: str | None = None
    starred: bool = False
    kinds: frozenset[str] = field(default_factory=lambda: frozenset(KINDS))

    def __post_init__(self) -> None:
        kinds = frozenset(self.kinds)
        unknown = kinds - set(KINDS)
        if unknown:
            raise InvalidInput(f"unknown record kind {sorted(unknown)[0]!r}")
        object.__setattr__(self, "kinds", kinds)
        tag = (self.tag or "").strip().lstrip("#@").lower() or None
        object.__setattr__(self, "tag", tag)

    @property
    def active(self) -> bool:
        return bool(self.tag or self.starred or self.kinds != frozenset(KINDS))

    def shows(self, kind: str) -> bool:
        if kind not in self.kinds:
            return False
        return kind == "entry" or not (self.tag or self.starred)


NO_FILTERS = Filters()


# ---------------------------------------------------------------- sentences


def summarize(week: WeekFigures) -> list[str]:
    """A short summary of a week in plain sentences, made from its numbers alone."""
    if week.empty:
        return ["Nothing was written down this week. Quiet weeks are part of the story too."]
    lines: list[str] = []
    if week.entries:
        line = f"You wrote {_count(week.entries, 'entry', 'entries')}"
        if week.mood is not None:
            line += f", with an average mood of {signed(week.mood)}"
            line += {
                "up": ", higher than the week before",
                "down": ", lower than the week before",
                "steady": ", about the same as the week before",
            }.get(week.mood_trend, "")
        lines.append(line + ".")
    if week.records:
        line = f"You worked through {_count(week.records, 'thought record')}"
        drop = week.belief_drop
        if drop is not None:
            points = round(abs(drop))
            if points == 0:
                line += "; belief in the story stayed about where it was"
            elif drop > 0:
                line += (
                    f"; after weighing the evidence, the story lost {_count(points, 'point')}"
                    " of belief on average"
                )
            else:
                line += f"; the story felt {_count(points, 'point')} truer afterwards on average"
        lines.append(line + ".")
    if week.moments:
        line = f"The loop came round {_times(week.moments)}"
        if week.intensity is not None:
            line += f", at an average intensity of {week.intensity:.1f} out of 10"
        if week.repairs:
            ended = "it ended in a repair" if week.moments == 1 else (
                f"{week.repairs} of them ended in a repair" if week.repairs < week.moments
                else "every time it ended in a repair"
            )
            line += f"; {ended}"
        lines.append(line + ".")
    if week.due:
        lines.append(f"You kept {week.kept} of the {_count(week.due, 'ritual')} that were due.")
    elif week.kept:
        lines.append(f"You kept {_count(week.kept, 'ritual')}.")
    if week.ritual_notes:
        lines.append(f"You left {_count(week.ritual_notes, 'note')} about your rituals.")
    if week.love_days:
        lines.append(f"You did something from your love list on "
                     f"{_count(week.love_days, 'day')}.")
    if week.kindnesses or week.slights:
        lines.append(f"Your own tally: {_count(week.kindnesses, 'kindness', 'kindnesses')}, "
                     f"{_count(week.slights, 'slight')}.")
    return lines


# ---------------------------------------------------------------- the queries


class Review:
    def __init__(self, journal: Journal):
        self.journal = journal

    # -- weeks ----------------------------------------------------------------------

    def span(self, today: date | None = None) -> tuple[date, date]:
        """Mondays of the first and the last week that hold anything (today's week at
        least, and no earlier than the first record)."""
        today = today or dates.today()
        spans = " UNION ALL ".join(
            f"SELECT min({kind.day}) lo, max({kind.day}) hi FROM {kind.table}"
            for kind in map(kinds.by_key, KINDS)
        )
        row = self.journal.conn.execute(f"SELECT min(lo), max(hi) FROM ({spans})").fetchone()
        first = date.fromisoformat(row[0]) if row[0] else today
        last = max(date.fromisoformat(row[1]) if row[1] else today, today)
        return week_start(min(first, today)), week_start(last)

    def weeks(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        limit: int | None = None,
        filters: Filters = NO_FILTERS,
        today: date | None = None,
    ) -> list[WeekFigures]:
        """The figures of every week from the one holding ``start`` to the one holding
        ``end``, newest first. Without ``start`` the list begins at the first record's
        week; without ``end`` it ends at this week (or at the last record, if later).
        ``limit`` keeps the newest weeks. With filters on, empty weeks are left out.

        This is the one function every weekly figure comes from: Look back, the CLI and
        the tests all call it.
        """
        today = today or dates.today()
        if start is None or end is None:
            first, last = self.span(today)
            start = start or first
            end = end or last
        first, last = week_start(start), week_start(end)
        if first > last:
            raise InvalidInput("the start of the range is after its end")
        if limit is not None:
            if limit < 0:
                raise InvalidInput("the number of weeks must be 0 or more")
            if limit == 0:
                return []
            first = max(first, last - timedelta(weeks=limit - 1))
        # One week earlier too, for the mood trend of the oldest week shown.
        before = first - timedelta(weeks=1)
        lo, hi = before.isoformat(), week_end(last).isoformat()
        data: dict[date, dict] = {}

        def put(rows: Iterable[tuple], names: tuple[str, ...]) -> None:
            for row in rows:
                data.setdefault(date.fromisoformat(row[0]), {}).update(zip(names, row[1:]))

        conn = self.journal.conn
        if filters.shows("entry"):
            where, params = "day BETWEEN ? AND ?", [lo, hi]
            if filters.tag:
                where += " AND id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)"
                params.append(filters.tag)
            if filters.starred:
                where += " AND starred = 1"
            put(
                conn.execute(
                    f"SELECT {week_start_sql('day')} AS wk, count(*), sum(starred),"
                    f" avg(mood), count(mood) FROM entries WHERE {where} GROUP BY wk",
                    params,
                ),
                ("entries", "starred", "mood", "moods"),
            )
        if filters.shows("thought_record"):
            put(
                conn.execute(
                    f"SELECT {week_start_sql('day')} AS wk, count(*),"
                    " sum(status = 'complete'),"
                    " avg(story_belief_before - story_belief_after),"
                    " count(story_belief_before - story_belief_after)"
                    " FROM thought_records WHERE day BETWEEN ? AND ? GROUP BY wk",
                    (lo, hi),
                ),
                ("records", "records_complete", "belief_drop", "rated"),
            )
        if filters.shows("loop_event"):
            put(
                conn.execute(
                    f"SELECT {week_start_sql('day')} AS wk, count(*), avg(intensity),"
                    " sum(ending = 'repair') FROM loop_events"
                    " WHERE day BETWEEN ? AND ? GROUP BY wk",
                    (lo, hi),
                ),
                ("moments", "intensity", "repairs"),
            )
        if filters.shows("ritual_note"):
            put(
                conn.execute(
                    f"SELECT {week_start_sql('on_date')} AS wk, count(*),"
                    " sum(note != '' OR positive != '' OR negative != '')"
                    " FROM ritual_log WHERE on_date BETWEEN ? AND ? GROUP BY wk",
                    (lo, hi),
                ),
                ("ritual_logs", "ritual_notes"),
            )
            for monday, (kept, due) in self._kept_and_due(first, last, data, today).items():
                data.setdefault(monday, {}).update(kept=kept, due=due)
        first_day, last_day = date.fromisoformat(lo), date.fromisoformat(hi)
        if filters.shows("love_done") and not (filters.tag or filters.starred):
            for day, _ in self.journal.love.done_between(first_day, last_day):
                week = data.setdefault(week_start(day), {})
                week["love_days"] = week.get("love_days", 0) + 1
        if filters.shows("tally"):
            names = {"kind": "kindnesses", "slight": "slights"}
            for day, side, n in self.journal.tally.between(first_day, last_day):
                week = data.setdefault(week_start(day), {})
                week[names[side]] = week.get(names[side], 0) + n
        if filters.shows("loop_event") or filters.shows("thought_record"):
            marked: dict[date, dict[str, int]] = {}
            for monday, key, _source, n in self._reasons_between(lo, hi, filters):
                counts = marked.setdefault(monday, {})
                counts[key] = counts.get(key, 0) + n
            for monday, counts in marked.items():
                data.setdefault(monday, {})["reasons"] = tuple(rank_reasons(counts))

        out: list[WeekFigures] = []
        monday = last
        while monday >= first:
            figures = data.get(monday, {})
            mood = figures.get("mood")
            earlier = data.get(monday - timedelta(weeks=1), {}).get("mood")
            week = WeekFigures(
                start=monday,
                mood_change=None if mood is None or earlier is None else mood - earlier,
                **figures,
            )
            if not (filters.active and week.empty):
                out.append(week)
            monday -= timedelta(weeks=1)
        return out

    def _kept_and_due(
        self, first: date, last: date, data: dict[date, dict], today: date
    ) -> dict[date, tuple[int, int]]:
        """Rituals kept and due, per week, from the rituals engine. Weeks before any
        ritual began, and weeks after today with nothing logged, hold nothing to ask."""
        began = self.journal.scalar("SELECT min(dtstart) FROM rituals")
        if began is None:
            return {}
        first = max(first, week_start(date.fromisoformat(began)))
        rituals = self.journal.rituals
        out: dict[date, tuple[int, int]] = {}
        monday = first
        this_week = week_start(today)
        while monday <= last:
            if monday <= this_week or data.get(monday, {}).get("ritual_logs"):
                out[monday] = rituals.kept_and_due(monday, week_end(monday))
            monday += timedelta(weeks=1)
        return out

    # -- one week -------------------------------------------------------------------

    def week(
        self, start: date, *, filters: Filters = NO_FILTERS, today: date | None = None
    ) -> WeekDetail:
        """The week holding ``start``: its figures, its records in date order, and a short
        summary in plain sentences."""
        monday = week_start(start)
        found = self.weeks(monday, monday, filters=filters, today=today)
        figures = found[0] if found else WeekFigures(start=monday)
        items = self.items(monday, week_end(monday), filters=filters)
        return WeekDetail(figures=figures, items=items, summary=summarize(figures))

    def items(self, first: date, last: date, *, filters: Filters = NO_FILTERS) -> list[Item]:
        """Every record on the local days ``first`` to ``last``, oldest first."""
        items: list[Item] = []
        if filters.shows("entry"):
            for entry in self.journal.entries.list(
                first_day=first,
                last_day=last,
                tag=filters.tag,
                starred=True if filters.starred else None,
                newest_first=False,
            ):
                items.append(_entry_item(entry))
        span = (first.isoformat(), last.isoformat())
        if filters.shows("thought_record"):
            for row in self.journal.query(
                "SELECT id, occurred_at, situation, story, story_belief_before,"
                " story_belief_after, status, alternative_story FROM thought_records"
                " WHERE day BETWEEN ? AND ? ORDER BY occurred_at, id",
                span,
            ):
                items.append(_record_item(row))
        if filters.shows("loop_event"):
            for row in self.journal.query(
                "SELECT id, occurred_at, trigger, my_move, their_move, intensity, ending, note,"
                " step FROM loop_events WHERE day BETWEEN ? AND ? ORDER BY occurred_at, id",
                span,
            ):
                items.append(_moment_item(row))
        if filters.shows("ritual_note"):
            for row in self.journal.query(
                "SELECT l.id, l.on_date, l.status, l.note, l.positive, l.negative, l.reason,"
                " r.name, r.time_of_day FROM ritual_log l JOIN rituals r ON r.id = l.ritual_id"
                " WHERE l.on_date BETWEEN ? AND ? ORDER BY l.on_date, l.id",
                span,
            ):
                items.append(_ritual_item(row))
        items.sort(key=lambda item: (item.occurred_at, KINDS.index(item.kind), item.id))
        return items

    # -- on this day ----------------------------------------------------------------

    def on_this_day(self, today: date | None = None) -> list[Echo]:
        """What was written one month, three months and one year before ``today`` (the
        same day of the month; the last day of a shorter month)."""
        from dateutil.relativedelta import relativedelta

        today = today or dates.today()
        out = []
        for label, months, years in ECHOES:
            try:
                day = today - relativedelta(months=months, years=years)
            except (ValueError, OverflowError):
                continue
            out.append(Echo(label=label, day=day, items=self.items(day, day)))
        return out

    # -- sparklines -----------------------------------------------------------------

    def sparklines(self, weeks: int = SPARK_WEEKS, today: date | None = None) -> Sparklines:
        """Mood, loop moments and ritual rate for the last ``weeks`` weeks, oldest first."""
        today = today or dates.today()
        last = week_start(today)
        first = last - timedelta(weeks=max(weeks - 1, 0))
        rows = self.weeks(first, last, today=today)[::-1]
        return Sparklines(
            starts=[w.start for w in rows],
            mood=[w.mood if w.mood is not None else 0.0 for w in rows],
            moments=[w.moments for w in rows],
            ritual_rate=[w.ritual_rate or 0.0 for w in rows],
        )

    # -- right now ------------------------------------------------------------------

    def right_now(self, weeks: int = SPARK_WEEKS, today: date | None = None) -> RightNowFigures:
        """The usual pull of the last ``weeks`` weeks (a rolling window ending ``today``) and
        how often a time-out came back on time. Two indexed queries."""
        from storage.right_now import PULLS

        today = today or dates.today()
        first = today - timedelta(days=weeks * 7 - 1)
        span = (first.isoformat(), today.isoformat())
        conn = self.journal.conn
        tally = dict(conn.execute(
            "SELECT pull, count(*) FROM loop_events WHERE pull IS NOT NULL AND day BETWEEN ? "
            "AND ? GROUP BY pull", span).fetchall())
        answered, on_time = conn.execute(
            "SELECT count(*), coalesce(sum(back_on_time), 0) FROM loop_events WHERE "
            "back_on_time IS NOT NULL AND day BETWEEN ? AND ?", span).fetchone()
        order = {key: n for n, key in enumerate(PULLS)}
        pulls = sorted(((k, n) for k, n in tally.items() if n),
                       key=lambda pair: (-pair[1], order.get(pair[0], len(order))))
        return RightNowFigures(weeks=weeks, moments=sum(n for _, n in pulls), pulls=pulls,
                               time_outs=answered, on_time=on_time)

    # -- reasons for the distance ---------------------------------------------------

    def _reasons_between(self, lo: str, hi: str, filters: Filters = NO_FILTERS
                         ) -> list[tuple[date, str, str, int]]:
        """(Monday, reason key, kind of record, how many) for the reasons marked on loop
        moments and thought records of the local days ``lo`` to ``hi`` (ISO text)."""
        parts = []
        for kind, table in (("loop_event", "loop_events"), ("thought_record", "thought_records")):
            if filters.shows(kind):
                parts.append(
                    f"SELECT {week_start_sql('day')} AS wk, j.value, '{kind}', count(*)"
                    f" FROM {table}, json_each({table}.reasons) AS j"
                    f" WHERE {table}.day BETWEEN ? AND ? AND {table}.reasons != '[]'"
                    " GROUP BY wk, j.value")
        if not parts:
            return []
        params = [lo, hi] * len(parts)
        return [(date.fromisoformat(wk), key, kind, n) for wk, key, kind, n in
                self.journal.conn.execute(" UNION ALL ".join(parts), params)]

    def reasons_between(self, first: date, last: date) -> ReasonFigures:
        """The reasons for the distance marked on the loop moments and thought records of
        the local days ``first`` to ``last``, most frequent first, each with how many of
        either kind marked it (:class:`ReasonCount` gives the practice that answers it)."""
        totals: dict[str, int] = {}
        by_kind: dict[tuple[str, str], int] = {}
        for _, key, kind, n in self._reasons_between(first.isoformat(), last.isoformat()):
            totals[key] = totals.get(key, 0) + n
            by_kind[key, kind] = by_kind.get((key, kind), 0) + n
        return ReasonFigures(first, last, [
            ReasonCount(key, n, moments=by_kind.get((key, "loop_event"), 0),
                        records=by_kind.get((key, "thought_record"), 0))
            for key, n in rank_reasons(totals)])

    def reasons(self, weeks: int = SPARK_WEEKS, today: date | None = None) -> ReasonFigures:
        """The reasons marked in the last ``weeks`` weeks (a rolling window ending
        ``today``, as :meth:`right_now`)."""
        today = today or dates.today()
        return self.reasons_between(today - timedelta(days=weeks * 7 - 1), today)

    # -- the love list and the tally, week by week ----------------------------------

    def small_things_figures(self, weeks: int = SMALL_WEEKS,
                             today: date | None = None) -> SmallThingsFigures:
        """Love-list days and the private tally for the last ``weeks`` ISO weeks (this one
        included), oldest first: the same :meth:`weeks` figures Look back's rows show."""
        today = today or dates.today()
        last = week_start(today)
        first = last - timedelta(weeks=max(weeks, 1) - 1)
        return SmallThingsFigures(self.weeks(first, last, today=today)[::-1])

    # -- the early sign -------------------------------------------------------------

    def early_sign(self, today: date | None = None):
        """The early sign when the everyday small sharing has gone quiet, else None
        (:func:`storage.early_sign.early_sign`)."""
        from storage.early_sign import early_sign

        return early_sign(self.journal, today)

    # -- one small thing ------------------------------------------------------------

    def small_thing(self, today: date | None = None, *, skip: int = 0) -> SmallThing:
        """Today's "one small thing": first what is on the love list and not done today
        (the one done longest ago first, items last done on the same day taking turns by the
        day), then content's small actions for the part the person plays in the loop
        (:meth:`storage.loop.Loop.guidance`), a different one first each day. ``skip`` moves
        on through them all, the list's items first. Reads no models (``closer today``)."""
        from storage.love import not_done_on

        today = today or dates.today()
        mine = [SmallThing(f"love:{love_id}", what, love_id)
                for love_id, what in not_done_on(self.journal, today)]
        actions = self.journal.loop.guidance().small_actions
        start = today.toordinal() % len(actions)
        ideas = [SmallThing(a.key, a.text) for a in actions[start:] + actions[:start]]
        return (mine + ideas)[skip % (len(mine) + len(ideas))]

    def note_small_thing(self, text: str):
        """Keep what the person did as a short entry titled "One small thing" and tagged
        ``#smallthing`` (so Look back can find them all); returns the entry."""
        text = (text or "").strip()
        if not text:
            raise InvalidInput("write a few words about what you did")
        return self.journal.entries.add(text, title=SMALL_THING_TITLE, tags=[SMALL_THING_TAG])


@dataclass(frozen=True, slots=True)
class SmallThing:
    """One "small thing today": from the love list (``love_id`` set; the key is
    ``love:<id>``) or one of content's small actions (its key)."""

    key: str
    text: str
    love_id: int | None = None


# ---------------------------------------------------------------- items


def _excerpt(text: str) -> str:
    return text[:EXCERPT]


def _line(text: str, width: int = 120) -> str:
    from storage.text import first_line

    return first_line(text[:2000], width)


def _entry_item(entry) -> Item:
    parts = []
    if entry.mood is not None:
        parts.append(f"mood {entry.mood:+d}" if entry.mood else "mood 0")
    if entry.tags:
        parts.append(" ".join(f"#{t}" for t in entry.tags))
    return Item(
        kind="entry",
        id=entry.id,
        occurred_at=entry.occurred_at,
        title=_line(entry.title) or _line(entry.body) or "(no text)",
        detail=" · ".join(parts),
        text=_excerpt(entry.body),
        starred=entry.starred,
    )


def _record_item(row: dict) -> Item:
    before, after = row["story_belief_before"], row["story_belief_after"]
    parts = []
    if before is not None and after is not None:
        parts.append(f"belief {before} → {after}")
    elif before is not None:
        parts.append(f"belief {before}")
    parts.append("complete" if row["status"] == "complete" else "draft")
    return Item(
        kind="thought_record",
        id=row["id"],
        occurred_at=dates.from_stored(row["occurred_at"]),
        title=_line(row["story"]) or _line(row["situation"]) or "(a thought record)",
        detail=" · ".join(parts),
        text=_excerpt(row["alternative_story"] or row["situation"] or ""),
    )


def _moment_item(row: dict) -> Item:
    parts = [f"intensity {row['intensity']}"]
    if row["ending"]:
        parts.append({"repair": "ended in a repair", "pause": "paused"}.get(
            row["ending"], "unresolved"))
    return Item(
        kind="loop_event",
        id=row["id"],
        occurred_at=dates.from_stored(row["occurred_at"]),
        title=_line(row["my_move"]) or _line(row["trigger"]) or _line(row["step"])
        or _line(row["note"]) or "(a loop moment)",
        detail=" · ".join(parts),
        text=_excerpt(row["note"] or row["their_move"] or ""),
    )


def _ritual_item(row: dict) -> Item:
    status = {"done": "kept", "skipped": "skipped", "missed": "didn't happen"}.get(
        row["status"], row["status"])
    if row["reason"]:
        status += f" ({row['reason'].replace('_', ' ')})"
    text = "\n".join(t for t in (row["note"], row["positive"], row["negative"]) if t)
    return Item(
        kind="ritual_note",
        id=row["id"],
        occurred_at=kinds.ritual_note_moment(row["on_date"], row["time_of_day"]),
        title=_line(row["name"]) or "(a ritual)",
        detail=status,
        text=_excerpt(text),
    )
