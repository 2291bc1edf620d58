"""The loop: the person's own map of the cycle (versioned) and each turn of it as it happened.

>>> loop = journal.loop                                                    # doctest: +SKIP
>>> loop.save_map({"pattern": "pursue_withdraw", "my_role": "pursuer",
...                "me": {"move": "I ask again, louder"},
...                "them": {"move": "goes quiet, picks up the phone"}})   # doctest: +SKIP
LoopMap(id=1, pattern='pursue_withdraw', my_role='pursuer', me=LoopSide(...), ...)
>>> loop.log(trigger="a late reply", my_move="texted three times", intensity=6,
...          exits=["distractions"], ending="pause")                      # doctest: +SKIP
LoopEvent(id=1, ..., exits=('distractions',), intensity=6, ending='pause', ...)
>>> loop.stats(weeks=4).count                                             # doctest: +SKIP
1

What the numbers mean, in one place (the pane, Look back and the tests all ask here):

- A moment belongs to the local calendar day it happened on (the ``day`` column).
- "The last four weeks" is a rolling window (:mod:`storage.weeks`): the 28 days ending
  today, today included; the weeks of the sparkline are the same kind of 7-day blocks,
  counted back from today, so the last four blocks are exactly that window and no block is
  a half-finished calendar week.
- The trend compares the window with the window of the same length just before it: fewer
  moments (at most 80 % as many) is *rarer*, a mean intensity at least
  :data:`INTENSITY_STEP` lower is *milder*; the opposite ways are *more often* and
  *stronger*.

The map and the moments are validated on the way in (:class:`storage.models.LoopMapIn`,
:class:`storage.models.LoopEventIn`) and read back as plain named tuples
(:class:`LoopMap`, :class:`LoopEvent`), so showing the loop never imports pydantic nor
the models.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from storage import dates, rows
from storage.errors import Conflict, InvalidInput, NotFound
from storage.weeks import WEEK_DAYS, blocks, window, window_before

if TYPE_CHECKING:
    from content.models import Guidance
    from storage.journal import Journal
    from storage.models import LoopMapIn

RARER = 0.8
"""A window with at most this share of the moments of the window before is "rarer"."""
OFTEN = 1.25
"""A window with at least this share (and at least one more) is "more often"."""
INTENSITY_STEP = 0.75
"""How far (on 0-10) the mean intensity must move to count as milder or stronger."""
HISTORY_WEEKS = 8
"""How many 7-day blocks the sparkline shows by default."""

TRENDS = ("easing", "growing", "mixed", "steady", "new", "quiet")
"""The trend words :meth:`Loop.stats` gives: easing (rarer and/or milder), growing (more
often and/or stronger), mixed (one of each), steady (neither), new (nothing in the window
before to compare with), quiet (nothing in either window)."""


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One 7-day block of the sparkline: ``start`` to ``end`` inclusive."""

    start: date
    end: date
    count: int
    intensity: float | None
    """Mean intensity (0-10) of the block's moments; None when there were none."""


@dataclass(frozen=True, slots=True)
class LoopStats:
    """How often the loop came round lately, and whether it is easing."""

    today: date
    weeks: int
    start: date
    """The first day of the window (the window ends today)."""
    count: int
    intensity: float | None
    repairs: int
    exits: list[tuple[str, int]]
    """Exit keys with how many moments showed them, most common first (ties in the order
    content lists the exits)."""
    series: list[WeekPoint]
    """The sparkline's 7-day blocks, oldest first, the last one ending today."""
    before_count: int
    before_intensity: float | None
    trend: str
    """One of :data:`TRENDS`."""
    rarer: bool = False
    more_often: bool = False
    milder: bool = False
    stronger: bool = False

    @property
    def counts(self) -> list[int]:
        return [point.count for point in self.series]

    @property
    def intensities(self) -> list[float]:
        """Mean intensity per block, 0 for a block without moments (for a sparkline)."""
        return [point.intensity or 0.0 for point in self.series]

    @property
    def window_words(self) -> str:
        return "week" if self.weeks == 1 else f"{self.weeks} weeks"

    def count_text(self, short: bool = False) -> str:
        """``"7 times in the last 4 weeks"``, or ``short``: ``"7 turns in 4 weeks"``."""
        if short:
            turns = "turn" if self.count == 1 else "turns"
            span = "a week" if self.weeks == 1 else self.window_words
            return f"{self.count or 'No'} {turns} in {span}"
        times = {0: "No turns", 1: "Once", 2: "Twice"}.get(self.count, f"{self.count} times")
        return f"{times} in the last {self.window_words}"

    def trend_text(self) -> str:
        """One warm sentence about the trend, never a verdict."""
        before = f"the {self.window_words} before"
        if self.trend == "quiet":
            return f"Nothing logged in the last {self.weeks * 2} weeks."
        if self.trend == "new":
            return f"Nothing logged in {before}, so there is no trend to read yet."
        if self.trend == "steady":
            return f"About the same as {before}."
        if self.trend == "easing":
            words = " and ".join(w for w, on in (("rarer", self.rarer), ("milder", self.milder))
                                 if on)
            return f"{words.capitalize()} than {before}: something is shifting."
        if self.trend == "growing":
            words = " and ".join(w for w, on in (("more often", self.more_often),
                                                 ("stronger", self.stronger)) if on)
            return (f"{words.capitalize()} than {before}. A hard stretch is not a verdict "
                    "on the two of you.")
        first, second = ("rarer", "stronger") if self.rarer else ("more often", "milder")
        return f"{first.capitalize()} but {second} than {before}."


def _mean(total: float | None, count: int) -> float | None:
    return None if not count or total is None else total / count


# ------------------------------------------------------------------ what is read back


class LoopSide(NamedTuple):
    """One partner's half of the map as read back (the six fields of
    :class:`storage.models.LoopSideIn`, in the same order)."""

    trigger: str = ""
    move: str = ""
    tells_self: str = ""
    surface: str = ""
    underneath: str = ""
    longing: str = ""


class LoopMap(NamedTuple):
    """One saved version of the map as read back. It was validated on the way in
    (:class:`storage.models.LoopMapIn`), so reading it needs no validation: a plain named
    tuple, and showing the map never imports pydantic."""

    id: int
    pattern: str
    my_role: str
    me: LoopSide
    them: LoopSide
    created_at: datetime


class LoopEvent(NamedTuple):
    """One turn of the loop as read back (validated on the way in by
    :class:`storage.models.LoopEventIn`). ``exits`` is a tuple of exit keys."""

    id: int
    created_at: datetime
    updated_at: datetime
    occurred_at: datetime
    first_mover: str
    trigger: str
    my_move: str
    their_move: str
    exits: tuple[str, ...]
    intensity: int
    ending: str
    note: str
    thought_record_id: int | None
    pull: str | None = None
    """A Right now moment's pull (:mod:`storage.right_now`); None for any other moment."""
    choice: str = ""
    step: str = ""
    script: str = ""
    return_at: datetime | None = None
    back_on_time: bool | None = None
    reasons: tuple[str, ...] = ()
    """The likely reasons for the distance marked on it (keys of content's ``reasons``)."""


_MAP_COLUMNS = "id, pattern, my_role, me, them, created_at"
_EVENT_COLUMNS = ("id, created_at, updated_at, occurred_at, first_mover, trigger, my_move,"
                  " their_move, exits, intensity, ending, note, thought_record_id, pull, choice,"
                  " step, script, return_at, back_on_time, reasons")


def _json(raw: Any, empty: Any) -> Any:
    if isinstance(raw, str):
        return json.loads(raw) if raw else empty
    return empty if raw is None else raw


def _side(raw: Any) -> LoopSide:
    found = _json(raw, {})
    return LoopSide(*(found.get(name) or "" for name in LoopSide._fields))


def _map(row: tuple) -> LoopMap:
    map_id, pattern, my_role, me, them, created = row
    return LoopMap(map_id, pattern, my_role, _side(me), _side(them),
                   dates.from_stored(created))


def _event(row: tuple) -> LoopEvent:
    (event_id, created, updated, occurred, first_mover, trigger, my_move, their_move, exits,
     intensity, ending, note, record_id, pull, choice, step, script, return_at, back,
     reasons) = row
    return LoopEvent(
        event_id, dates.from_stored(created), dates.from_stored(updated),
        dates.from_stored(occurred), first_mover or "unsure", trigger or "", my_move or "",
        their_move or "", tuple(_json(exits, [])), int(intensity), ending, note or "",
        record_id, pull or None, choice or "", step or "", script or "",
        dates.from_stored(return_at) if return_at else None,
        None if back is None else bool(back), tuple(_json(reasons, [])),
    )


def _map_data(loop_map: LoopMap) -> dict[str, Any]:
    """What a read-back map says, as input for :meth:`Loop.save_map`."""
    return {"pattern": loop_map.pattern, "my_role": loop_map.my_role,
            "me": loop_map.me._asdict(), "them": loop_map.them._asdict()}


class Loop:
    """The cycle map and the loop moments of one journal."""

    def __init__(self, journal: Journal):
        self.journal = journal

    # ------------------------------------------------------------ the map

    def save_map(self, data: LoopMapIn | dict[str, Any]) -> LoopMap:
        """Keep a new version of the map and return it. The newest version is the current
        one; older ones stay (see :meth:`map_versions`). Saving a map that says exactly
        what the current one says adds no version and returns the current one. ``data``
        may be a dict, a pydantic map model or a :class:`LoopMap` read back (to make an
        older version the current one again)."""
        from pydantic import BaseModel

        from storage.models import LoopMapIn

        if isinstance(data, LoopMap):
            data = _map_data(data)
        elif isinstance(data, BaseModel):
            data = data.model_dump(include=set(LoopMapIn.model_fields))
        elif isinstance(data, dict):
            data = {key: value._asdict() if isinstance(value, LoopSide) else value
                    for key, value in data.items()}
        else:
            raise InvalidInput("a loop map should be a set of fields")
        model = rows.validate(LoopMapIn, data, "loop map")
        with self.journal.transaction():
            current = self.current_map()
            if current is not None and _same_map(current, model):
                return current
            map_id = rows.insert(self.journal, "loop_map", model)
            return self.get_map(map_id)

    def _fetch_maps(self, tail: str, params: Any = ()) -> list[LoopMap]:
        """Map versions read back as they were stored (no validation: see :class:`LoopMap`)."""
        sql = f"SELECT {_MAP_COLUMNS} FROM loop_map {tail}"
        return [_map(row) for row in self.journal.conn.execute(sql, params).fetchall()]

    def current_map(self) -> LoopMap | None:
        """The newest version of the map, or None before the first save."""
        found = self._fetch_maps("ORDER BY created_at DESC, id DESC LIMIT 1")
        return found[0] if found else None

    def my_role(self) -> str:
        """The part the person says they tend to play, from the newest map: ``pursuer``,
        ``withdrawer``, or ``unsure`` (also before any map is saved). Guidance is chosen by
        it (:meth:`content.models.Knowledge.guidance`)."""
        row = self.journal.conn.execute(
            "SELECT my_role FROM loop_map ORDER BY created_at DESC, id DESC LIMIT 1").fetchone()
        return row[0] if row else "unsure"

    def guidance(self) -> Guidance:
        """What closer suggests to this person, chosen by :meth:`my_role`."""
        from content import knowledge

        return knowledge().guidance(self.my_role())

    def map_versions(self) -> list[LoopMap]:
        """Every saved version, newest first."""
        return self._fetch_maps("ORDER BY created_at DESC, id DESC")

    def get_map(self, map_id: int) -> LoopMap:
        found = self._fetch_maps("WHERE id = ?", (map_id,))
        if not found:
            raise NotFound(f"no loop map with id {map_id}")
        return found[0]

    def map_count(self) -> int:
        return self.journal.scalar("SELECT count(*) FROM loop_map")

    # ------------------------------------------------------------ moments: writing

    def log(self, **fields: Any) -> LoopEvent:
        """Record one turn of the loop. ``occurred_at`` defaults to now; every other field
        as :class:`storage.models.LoopEventIn` (``intensity`` 0-10, ``exits`` keys from
        content, ``ending`` repair/pause/unresolved, ``thought_record_id`` optional)."""
        from storage.models import LoopEventIn

        self._check_fields(fields)
        data = dict(fields)
        if data.get("occurred_at") is None:
            data["occurred_at"] = dates.now()
        event = rows.validate(LoopEventIn, data, "loop moment")
        with self.journal.transaction():
            self._check_link(event.thought_record_id)
            event_id = rows.insert(self.journal, "loop_events", event)
        return self.get_event(event_id)

    def update_event(
        self, event_id: int, *, base: LoopEvent | None = None, **fields: Any
    ) -> LoopEvent:
        """Change some fields of a moment; the others stay as they were.

        ``base`` is the moment as the caller last saw it: when another window changed it
        since, nothing is written and :class:`storage.errors.Conflict` is raised."""
        from storage.models import LoopEventIn

        self._check_fields(fields)
        with self.journal.transaction():
            current = self.get_event(event_id)
            if base is not None and rows.changed_since(base, current, LoopEventIn.model_fields):
                raise Conflict(
                    "this loop moment was changed in another closer window since this one "
                    "opened it; nothing was overwritten"
                )
            data: dict[str, Any] = {
                name: getattr(current, name) for name in LoopEventIn.model_fields}
            data["exits"] = list(current.exits)
            data["reasons"] = list(current.reasons)
            data.update(fields)
            if data.get("occurred_at") is None:
                data["occurred_at"] = current.occurred_at
            event = rows.validate(LoopEventIn, data, "loop moment")
            self._check_link(event.thought_record_id)
            rows.update(self.journal, "loop_events", event_id, event)
        return self.get_event(event_id)

    def keep_event(
        self, event_id: int, *, base: LoopEvent, **fields: Any
    ) -> tuple[LoopEvent, bool]:
        """Save a window's change to a moment unless another window changed it since
        ``base``: then both are kept, theirs as it is and this one as a new moment. Returns
        the moment now holding the change, and whether it is the new one."""
        from storage.models import LoopEventIn

        try:
            return self.update_event(event_id, base=base, **fields), False
        except Conflict:
            data = {name: getattr(base, name) for name in LoopEventIn.model_fields}
            data["exits"] = list(base.exits)
            data["reasons"] = list(base.reasons)
            return self.log(**{**data, **fields}), True

    def delete_event(self, event_id: int) -> None:
        """Delete a moment. Thought records that pointed at it stay, without the link."""
        with self.journal.transaction() as conn:
            cur = conn.execute("DELETE FROM loop_events WHERE id = ?", (event_id,))
            if cur.rowcount == 0:
                raise NotFound(f"no loop moment with id {event_id}")
            conn.execute(
                "UPDATE thought_records SET loop_event_id = NULL WHERE loop_event_id = ?",
                (event_id,),
            )
            conn.execute(
                "UPDATE thought_records SET evidence_links = (SELECT json_group_array(json("
                "value)) FROM json_each(thought_records.evidence_links) WHERE NOT ("
                "json_extract(value, '$.kind') = 'loop_event' AND "
                "json_extract(value, '$.id') = ?)) WHERE EXISTS (SELECT 1 FROM json_each("
                "thought_records.evidence_links) WHERE json_extract(value, '$.kind') = "
                "'loop_event' AND json_extract(value, '$.id') = ?)",
                (event_id, event_id),
            )

    @staticmethod
    def _check_fields(fields: dict[str, Any]) -> None:
        from storage.models import LoopEventIn

        unknown = set(fields) - set(LoopEventIn.model_fields)
        if unknown:
            raise InvalidInput(f"loop moments have no field {sorted(unknown)[0]!r}")

    def _check_link(self, record_id: int | None) -> None:
        if record_id is not None and not self.journal.scalar(
            "SELECT count(*) FROM thought_records WHERE id = ?", (record_id,)
        ):
            raise InvalidInput(f"there is no thought record with id {record_id} to link")

    # ------------------------------------------------------------ moments: reading

    def _fetch_events(self, tail: str, params: Any = ()) -> list[LoopEvent]:
        """Moments read back as they were stored (no validation: see :class:`LoopEvent`)."""
        sql = f"SELECT {_EVENT_COLUMNS} FROM loop_events {tail}"
        return [_event(row) for row in self.journal.conn.execute(sql, params).fetchall()]

    def get_event(self, event_id: int) -> LoopEvent:
        found = self._fetch_events("WHERE id = ?", (event_id,))
        if not found:
            raise NotFound(f"no loop moment with id {event_id}")
        return found[0]

    def list_events(
        self,
        start: datetime | date | None = None,
        end: datetime | date | None = None,
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[LoopEvent]:
        """Moments in time order; ``limit`` keeps the newest. ``start``/``end`` are
        inclusive: moments (datetime) compare with when it happened, calendar dates with
        the local day it happened on."""
        where, params = self._range(start, end)
        tail = ("WHERE " + " AND ".join(where)) if where else ""
        tail += " ORDER BY occurred_at DESC, id DESC"
        if limit is not None:
            if limit < 0:
                raise InvalidInput("the number of moments must be 0 or more")
            tail += " LIMIT ?"
            params.append(limit)
        found = self._fetch_events(tail, params)
        return found if newest_first else found[::-1]

    def count(self, start: datetime | date | None = None,
              end: datetime | date | None = None) -> int:
        where, params = self._range(start, end)
        tail = ("WHERE " + " AND ".join(where)) if where else ""
        return self.journal.scalar(f"SELECT count(*) FROM loop_events {tail}", params)

    def position(self, event_id: int) -> int:
        """How many moments are newer than this one (its place in a newest-first list)."""
        row = self.journal.query(
            "SELECT occurred_at, id FROM loop_events WHERE id = ?", (event_id,))
        if not row:
            raise NotFound(f"no loop moment with id {event_id}")
        return self.journal.scalar(
            "SELECT count(*) FROM loop_events WHERE occurred_at > ? OR "
            "(occurred_at = ? AND id > ?)",
            (row[0]["occurred_at"], row[0]["occurred_at"], event_id),
        )

    @staticmethod
    def _range(start: datetime | date | None, end: datetime | date | None) -> tuple[list, list]:
        where: list[str] = []
        params: list[Any] = []
        for bound, op in ((start, ">="), (end, "<=")):
            if bound is None:
                continue
            if isinstance(bound, datetime):
                where.append(f"occurred_at {op} ?")
                params.append(dates.to_stored(bound))
            elif isinstance(bound, date):
                where.append(f"day {op} ?")
                params.append(bound.isoformat())
            else:
                raise InvalidInput("a range needs dates or moments")
        return where, params

    def thought_records_to_link(self, limit: int = 30) -> list[tuple[int, datetime, str]]:
        """The newest thought records a moment may point at: (id, when, the story)."""
        return [
            (r["id"], dates.from_stored(r["occurred_at"]), r["story"] or r["situation"] or "")
            for r in self.journal.query(
                "SELECT id, occurred_at, story, situation FROM thought_records "
                "ORDER BY occurred_at DESC, id DESC LIMIT ?", (limit,))
        ]

    def thought_record_summary(self, record_id: int) -> tuple[datetime, str] | None:
        """When a linked thought record happened and its story (None if it is gone)."""
        found = self.journal.query(
            "SELECT occurred_at, story, situation FROM thought_records WHERE id = ?",
            (record_id,))
        if not found:
            return None
        row = found[0]
        return dates.from_stored(row["occurred_at"]), row["story"] or row["situation"] or ""

    # ------------------------------------------------------------ numbers

    def exit_counts(self, first: date, last: date) -> list[tuple[str, int]]:
        """Exit keys with how many moments on the local days ``first`` to ``last`` showed
        them, most common first (ties in the order content lists the exits)."""
        from content import knowledge

        tally = Counter(dict(self.journal.conn.execute(
            "SELECT j.value, count(*) FROM loop_events, json_each(loop_events.exits) AS j "
            "WHERE loop_events.day BETWEEN ? AND ? GROUP BY j.value",
            (first.isoformat(), last.isoformat()),
        ).fetchall()))
        if not any(tally.values()):
            return []  # (nothing to order: the content need not even be read)
        order = [e.key for e in knowledge().exits]
        return sorted(
            ((key, n) for key, n in tally.items() if n),
            key=lambda pair: (-pair[1], order.index(pair[0]) if pair[0] in order else 99),
        )

    def stats(self, weeks: int = 4, today: date | None = None, *,
              history: int = HISTORY_WEEKS) -> LoopStats:
        """How often the loop came round in the last ``weeks`` weeks (ending ``today``), the
        most common exits there, a ``history``-block series for a sparkline, and the trend
        against the ``weeks`` before. A few indexed queries: quick on any journal."""
        if weeks < 1 or history < 1:
            raise InvalidInput("weeks must be 1 or more")
        today = today or dates.today()
        days = weeks * WEEK_DAYS
        start, _ = window(today, days)
        before_start, before_end = window_before(start, days)
        spans = blocks(today, max(history, weeks))
        lowest = min(spans[0][0], before_start)
        conn = self.journal.conn
        per_day = conn.execute(
            "SELECT day, count(*), sum(intensity), sum(ending = 'repair') FROM loop_events "
            "WHERE day BETWEEN ? AND ? GROUP BY day",
            (lowest.isoformat(), today.isoformat()),
        ).fetchall()

        def within(lo: date, hi: date) -> tuple[int, float | None, int]:
            count, total, repairs = 0, 0, 0
            for day, n, summed, repaired in per_day:
                if lo.isoformat() <= day <= hi.isoformat():
                    count += n
                    total += summed or 0
                    repairs += repaired or 0
            return count, _mean(total, count), repairs

        count, intensity, repairs = within(start, today)
        before_count, before_intensity, _ = within(before_start, before_end)
        series = []
        for lo, hi in spans:
            c, mean, _ = within(lo, hi)
            series.append(WeekPoint(lo, hi, c, mean))

        exits = self.exit_counts(start, today)

        rarer = more = milder = stronger = False
        if not count and not before_count:
            trend = "quiet"
        elif not before_count:
            trend = "new"
        else:
            rarer = count <= before_count * RARER
            more = count >= before_count * OFTEN and count - before_count >= 1
            if intensity is not None and before_intensity is not None:
                milder = intensity <= before_intensity - INTENSITY_STEP
                stronger = intensity >= before_intensity + INTENSITY_STEP
            easing, growing = rarer or milder, more or stronger
            trend = ("mixed" if easing and growing else "easing" if easing
                     else "growing" if growing else "steady")
        return LoopStats(
            today=today, weeks=weeks, start=start, count=count, intensity=intensity,
            repairs=repairs, exits=exits, series=series, before_count=before_count,
            before_intensity=before_intensity, trend=trend, rarer=rarer, more_often=more,
            milder=milder, stronger=stronger,
        )


def _same_map(current: LoopMap, new: LoopMapIn) -> bool:
    """Whether a validated map says exactly what a stored version says."""
    return _map_data(current) == {"pattern": new.pattern, "my_role": new.my_role,
                                  "me": new.me.model_dump(), "them": new.them.model_dump()}
