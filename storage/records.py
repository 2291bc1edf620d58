"""The one way the small-things kinds are added, changed, read and deleted.

The love list and its ticks, offers, the phrase book's own phrases, the discovery bank and
the private tally are simple records: one row each, validated by their input model, read
back as their stored model, deleted to the trash like every other kind. :class:`Records`
does that for any kind of :data:`storage.kinds.KINDS`; each small thing's module
(:mod:`storage.love`, :mod:`storage.offers`, ...) subclasses it and adds its own rules.

>>> item = journal.love.add(what="Tea brought to bed", source="their_way")  # doctest: +SKIP
>>> journal.love.update(item.id, what="Tea in bed on Sundays")              # doctest: +SKIP
>>> journal.love.delete(item.id)                                            # doctest: +SKIP
"""

from __future__ import annotations

from storage import dates, rows
from storage.kinds import by_key


def md_block(heading: str, moment: datetime, lines: list[tuple[str, Any]],
             *, timed: bool = True) -> str:
    """A Markdown block as the export writes every record: ``### <day, time> — heading``,
    then ``- **Label:** value`` for each value given (text keeps its line breaks)."""
    when = f"{dates.local(moment):%a %d %b %Y, %H:%M}" if timed else f"{moment:%a %d %b %Y}"
    out = [f"### {when} — {heading}"]
    for label, value in lines:
        if value not in (None, "", [], ()):
            text = str(value).strip().replace("\n", "  \n")
            out.append(f"- **{label}:** {text}")
    return "\n".join(out)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

    from storage.journal import Journal
    from storage.trash import TrashItem


class Records:
    """Add, update, get, list and delete one kind of record (``KIND``: its registry key)."""

    KIND = ""
    ORDER = "ORDER BY id"
    """How :meth:`list` orders the records when not told otherwise."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.kind = by_key(self.KIND)
        self.given, self.stored = self.kind.model_classes()

    @property
    def table(self) -> str:
        return self.kind.table

    def check(self, fields: dict[str, Any]) -> Any:
        """The validated input model for ``fields`` (InvalidInput, in plain words, if not)."""
        return rows.validate(self.given, fields)

    def add(self, **fields: Any) -> Any:
        """Store a new record; return it as stored."""
        model = self.check(fields)
        self.before_write(model, None)
        return self.get(rows.insert(self.journal, self.table, model))

    def update(self, record_id: int, **changes: Any) -> Any:
        """Change some fields of a record (the rest stay as they are); return it."""
        current = self.get(record_id)
        data = current.model_dump(include=set(self.given.model_fields))
        data.update(changes)
        model = self.check(data)
        self.before_write(model, record_id)
        rows.update(self.journal, self.table, record_id, model)
        return self.get(record_id)

    def before_write(self, model: Any, record_id: int | None) -> None:
        """A subclass's own rules on a record about to be written (raise InvalidInput)."""

    def get(self, record_id: int) -> Any:
        return rows.get(self.journal, self.table, self.stored, record_id)

    def list(self, tail: str | None = None, params: Any = ()) -> list[Any]:
        return rows.fetch(self.journal, self.table, self.stored,
                          self.ORDER if tail is None else tail, params)

    def count(self) -> int:
        return self.journal.scalar(f"SELECT count(*) FROM {self.table}")

    def markdown(self) -> list[tuple[datetime, str]]:
        """This kind's part of the Markdown export: (when, a block) for each record, the
        block a ``###`` heading and ``- **Label:** value`` lines (:func:`md_block`)."""
        return [self.block(record) for record in self.list()]

    def block(self, record: Any) -> tuple[datetime, str]:
        """One record's Markdown block and where it falls (each kind words its own)."""
        raise NotImplementedError

    def delete(self, record_id: int) -> TrashItem:
        """Move the record (and what it owns) to the trash, restorable for 30 days."""
        return self.journal.trash.delete(self.kind.word, record_id)
