"""The kinds of record a journal holds, in one registry that everything else reads.

>>> from storage.kinds import KINDS, by_key, by_table
>>> [kind.key for kind in KINDS]
['entry', 'loop_map', 'loop_event', 'thought_record', 'ritual', 'ritual_note', 'love', 'love_done', 'offer', 'phrase', 'discovery', 'tally']
>>> by_table("loop_events").plural
'loop moments'
>>> by_key("ritual_note").short
'ritual'

Each :class:`Kind` names its table (and its id column), how a person reads its name (one,
many, and the short label ``closer search`` prints), the columns full-text search covers and
the columns holding JSON, the natural key import uses to skip a record already there, and the
SQL for its title and its moment. Schema checks, search, Look back's weeks, export and import,
``closer doctor``'s counts, the command line and the palette all read it here, and a test
compares it with the journal's own tables (``sqlite_master``), so no table is forgotten.

To add a kind: its table in a new migration (:mod:`storage.schema`), its input and stored
models (:mod:`storage.models`), and one :class:`Kind` in :data:`KINDS`.

This module is read by the quick commands: it imports nothing heavy (no typing, no
dataclasses, no pydantic).
"""

from __future__ import annotations

from storage import dates

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time (quick commands start faster)
    from datetime import date, datetime

NOON = "12:00"
"""The time of day of a ritual note whose ritual has no time of its own."""

RITUAL_NOTE_MOMENT = f"t.on_date || 'T' || coalesce(nullif(r.time_of_day, ''), '{NOON}')"
"""When a ritual note happened, in SQL (``t`` the ritual_log row, ``r`` its ritual): its day
at its ritual's time of day, or noon, on the *local* clock. :func:`ritual_note_moment` is
the same in Python; read the text with :func:`read_moment`."""


def ritual_note_moment(on_date: date | str, time_of_day: str | None = None) -> datetime:
    """When a ritual note happened: its day at its ritual's time of day (``"07:30"``), or
    noon, on the local clock, as an aware datetime. The one definition, used by search, Look
    back and the Markdown export (the SQL form is :data:`RITUAL_NOTE_MOMENT`)."""
    return read_moment(f"{on_date}T{time_of_day or NOON}")


def read_moment(text: str) -> datetime:
    """A moment as a kind's moment SQL gives it, as an aware local datetime: a stored UTC
    timestamp, or a local wall-clock time (a ritual note's, a ritual's start)."""
    return dates.from_stored(text)


class Kind:
    """One kind of record (read-only; the registry is :data:`KINDS`)."""

    __slots__ = (
        "key", "table", "id_column", "singular", "plural", "short", "fts", "json",
        "natural_key", "title", "moment", "join", "day", "side_tables", "versioned",
        "models", "word", "owns", "parent", "api",
    )

    def __init__(
        self,
        key: str,
        table: str,
        *,
        singular: str,
        plural: str,
        short: str,
        natural_key: tuple[str, ...],
        title: str,
        moment: str,
        models: tuple[str, str],
        fts: tuple[str, ...] = (),
        json: tuple[str, ...] = (),
        join: str = "",
        day: str | None = None,
        side_tables: tuple[str, ...] = (),
        versioned: bool = False,
        word: str,
        owns: tuple[tuple[str, str], ...] = (),
        parent: tuple[str, str] | None = None,
        api: str | None = None,
    ) -> None:
        self.key = key
        """The kind's name in code and in ``closer search --json`` (``"loop_event"``)."""
        self.table = table
        self.id_column = "id"
        self.singular = singular
        """How a person reads one of them, in lower case: ``"loop moment"``."""
        self.plural = plural
        self.short = short
        """The label ``closer search`` prints beside a hit (a few letters)."""
        self.fts = fts
        """The columns full-text search covers (an FTS5 table ``<table>_fts``); none: the
        kind is not searched."""
        self.json = json
        """The columns holding JSON (lists or objects), decoded on read."""
        self.natural_key = natural_key
        """The columns that say what a record is: an import skips a record whose natural
        key is already in the journal."""
        self.title = title
        """SQL for a one-line title (``t`` is the kind's row; see :attr:`join`)."""
        self.moment = moment
        """SQL for when the record happened, as text :func:`read_moment` reads."""
        self.join = join
        """What the title and moment SQL need joined to ``t`` (a ritual note: its ritual)."""
        self.day = day
        """The column holding the local calendar day a record belongs to, for the weeks of
        Look back; None for kinds that are not a record of a day (a map, a ritual)."""
        self.side_tables = side_tables
        """Tables that belong to this kind's rows (an entry's tags)."""
        self.versioned = versioned
        """Rows are never changed, only followed by a newer one (no ``updated_at``)."""
        self.models = models
        """The names in :mod:`storage.models` of the input and the stored model."""
        self.word = word
        """The one word the command line names the kind by (``closer delete ID --kind
        moment``)."""
        self.owns = owns
        """Rows of other tables that go (to the trash) and come back with a record: (table,
        the column pointing at the record)."""
        self.parent = parent
        """The record each of these belongs to: (its table, the column pointing at it). An
        import re-points the column at the parent's new id; a record whose parent is gone
        (in the trash) cannot be restored before it."""
        self.api = api
        """The journal's attribute for this kind's record API, when that API (a
        :class:`storage.records.Records`) also writes the kind's part of the Markdown
        export (``journal.love.markdown()``, which writes the days each was done too)."""

    @property
    def label(self) -> str:
        """The plural as a heading: ``"Loop moments"``."""
        return self.plural[:1].upper() + self.plural[1:]

    @property
    def name(self) -> str:
        """The singular as a heading: ``"Loop moment"``."""
        return self.singular[:1].upper() + self.singular[1:]

    def count_words(self, n: int) -> str:
        """``"1 loop moment"``, ``"3 loop moments"``."""
        return f"{n} {self.singular if n == 1 else self.plural}"

    def model_classes(self) -> tuple[type, type]:
        """The input and the stored pydantic model (imports :mod:`storage.models`)."""
        from storage import models

        given, stored = self.models
        return getattr(models, given), getattr(models, stored)

    def __repr__(self) -> str:
        return f"Kind({self.key!r}, table={self.table!r})"


KINDS: tuple[Kind, ...] = (
    Kind(
        "entry", "entries",
        singular="entry", plural="entries", short="entry",
        fts=("title", "body"),
        natural_key=("occurred_at", "title", "body"),
        title="CASE WHEN t.title != '' THEN t.title ELSE substr(t.body, 1, 200) END",
        moment="t.occurred_at",
        day="day",
        side_tables=("entry_tags",),
        models=("EntryIn", "StoredEntry"),
        word="entry",
        owns=(("entry_tags", "entry_id"),),
    ),
    Kind(
        "loop_map", "loop_map",
        singular="loop map version", plural="loop map versions", short="map",
        json=("me", "them"),
        natural_key=("created_at", "pattern", "my_role", "me", "them"),
        title="'Loop map'",
        moment="t.created_at",
        versioned=True,
        models=("LoopMapIn", "StoredLoopMap"),
        word="map",
    ),
    Kind(
        "loop_event", "loop_events",
        singular="loop moment", plural="loop moments", short="loop",
        fts=("trigger", "my_move", "their_move", "note", "step", "script"),
        json=("exits", "reasons"),
        natural_key=("occurred_at", "trigger", "my_move", "their_move", "note"),
        title="substr(coalesce(nullif(t.my_move, ''), nullif(t.trigger, ''), nullif(t.step, ''),"
              " t.note), 1, 200)",
        moment="t.occurred_at",
        day="day",
        models=("LoopEventIn", "StoredLoopEvent"),
        word="moment",
    ),
    Kind(
        "thought_record", "thought_records",
        singular="thought record", plural="thought records", short="thought",
        fts=("situation", "story", "evidence_for", "evidence_against", "alternative_story",
             "next_step"),
        json=("feelings_before", "traps", "evidence_links", "feelings_after", "reasons"),
        natural_key=("created_at", "occurred_at", "story"),
        title="substr(t.story, 1, 200)",
        moment="t.occurred_at",
        day="day",
        models=("ThoughtRecordIn", "ThoughtRecord"),
        word="thought",
    ),
    Kind(
        "ritual", "rituals",
        singular="ritual", plural="rituals", short="ritual",
        json=("pauses",),
        natural_key=("name", "rrule", "dtstart"),
        title="t.name",
        moment="t.dtstart || 'T00:00'",
        models=("RitualIn", "StoredRitual"),
        word="ritual",
        owns=(("ritual_log", "ritual_id"),),
    ),
    Kind(
        "ritual_note", "ritual_log",
        singular="ritual mark", plural="ritual marks", short="ritual",
        fts=("note", "positive", "negative", "agreements"),
        natural_key=("ritual_id", "on_date"),
        title="r.name || ' · ' || t.on_date",
        moment=RITUAL_NOTE_MOMENT,
        join="JOIN rituals r ON r.id = t.ritual_id",
        day="on_date",
        models=("RitualLogIn", "StoredRitualLog"),
        word="mark",
        parent=("rituals", "ritual_id"),
    ),
    Kind(
        "love", "love_list",
        singular="love-list item", plural="love-list items", short="love",
        fts=("what", "note"),
        natural_key=("what",),
        title="t.what",
        moment="t.created_at",
        models=("LoveIn", "StoredLove"),
        word="love",
        owns=(("love_log", "love_id"),),
        api="love",
    ),
    Kind(
        "love_done", "love_log",
        singular="day you did it", plural="days you did it", short="did",
        fts=("note",),
        natural_key=("love_id", "on_date"),
        title="l.what || ' · ' || t.on_date",
        moment=f"t.on_date || 'T{NOON}'",
        join="JOIN love_list l ON l.id = t.love_id",
        day="on_date",
        models=("LoveDoneIn", "StoredLoveDone"),
        word="did",
        parent=("love_list", "love_id"),
    ),
    Kind(
        "offer", "offers",
        singular="offer", plural="offers", short="offer",
        fts=("what", "at", "instead", "note"),
        natural_key=("occurred_at", "what", "at", "instead"),
        title="substr(t.what, 1, 200)",
        moment="t.occurred_at",
        day="day",
        models=("OfferIn", "StoredOffer"),
        word="offer",
        api="offers",
    ),
    Kind(
        "phrase", "phrases",
        singular="phrase", plural="phrases", short="phrase",
        fts=("text", "instead_of"),
        natural_key=("intent", "text"),
        title="substr(t.text, 1, 200)",
        moment="t.created_at",
        models=("PhraseIn", "StoredPhrase"),
        word="phrase",
        api="phrases",
    ),
    Kind(
        "discovery", "discoveries",
        singular="discovery idea", plural="discovery ideas", short="idea",
        fts=("idea", "note"),
        natural_key=("idea",),
        title="substr(t.idea, 1, 200)",
        moment="coalesce(t.done_on || 'T12:00', t.created_at)",
        models=("DiscoveryIn", "StoredDiscovery"),
        word="idea",
        api="discoveries",
    ),
    Kind(
        "tally", "tally",
        singular="tally mark", plural="tally marks", short="tally",
        fts=("note",),
        natural_key=("occurred_at", "side", "what"),
        title="t.what || coalesce(nullif(' · ' || t.note, ' · '), '')",
        moment="t.occurred_at",
        day="day",
        models=("TallyIn", "StoredTally"),
        word="tally",
        api="tally",
    ),
)
"""Every kind, in the order export writes them (a record after those it points at)."""

NOT_RECORDS = ("drafts", "settings", "trash")
"""Tables of the journal that hold no records: unfinished work, preferences, and what was
deleted (each deleted record is one row of the trash, as it was)."""

_BY_KEY = {kind.key: kind for kind in KINDS}
_BY_TABLE = {kind.table: kind for kind in KINDS}

SEARCHABLE: tuple[str, ...] = tuple(kind.key for kind in KINDS if kind.fts)
"""The kinds full-text search finds, by key."""

DATED: tuple[str, ...] = tuple(kind.key for kind in KINDS if kind.day)
"""The kinds whose records belong to a local calendar day (what a week of Look back holds)."""

FTS_COLUMNS: dict[str, tuple[str, ...]] = {kind.table: kind.fts for kind in KINDS if kind.fts}
"""Table -> the columns its full-text index covers."""

JSON_COLUMNS: dict[str, tuple[str, ...]] = {kind.table: kind.json for kind in KINDS if kind.json}
"""Table -> its columns holding JSON."""


def by_key(key: str) -> Kind:
    """The kind called ``key`` (``"entry"``); KeyError for no such kind."""
    return _BY_KEY[key]


def by_word(word: str) -> Kind:
    """The kind the command line names ``word`` (InvalidInput, naming them all, if none)."""
    for kind in KINDS:
        if kind.word == word:
            return kind
    from storage.errors import InvalidInput

    raise InvalidInput(f"no kind of record called {word!r}; the kinds are "
                       + ", ".join(kind.word for kind in KINDS))


WORDS: tuple[str, ...] = tuple(kind.word for kind in KINDS)
"""The command line's names of the kinds, in the registry's order."""


def by_table(table: str) -> Kind:
    """The kind kept in ``table`` (``"entries"``); KeyError for no such table."""
    return _BY_TABLE[table]
