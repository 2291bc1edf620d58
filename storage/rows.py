"""Turning validated models into table rows and back, the same way for every table.

The record APIs (entries, thoughts, loop, rituals) and import all write through here, so a
rule such as "the ``day`` column is the local date of ``occurred_at``" lives in one place.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from storage import dates
from storage.errors import InvalidInput, NotFound
from storage.kinds import JSON_COLUMNS, by_table

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time (quick commands start faster)
    from typing import Any, TypeVar

    from pydantic import BaseModel

    from storage.journal import Journal

    M = TypeVar("M", bound="BaseModel")

# Columns a table keeps for itself; never taken from input.
_OWN = {"id", "created_at", "updated_at", "day"}


def validate(model: type[M], data: Any, where: str = "") -> M:
    """``model.model_validate(data)``, with errors as one InvalidInput line
    of plain sentences (:func:`storage.messages.describe_validation`)."""
    from pydantic import ValidationError

    from storage.messages import describe_validation

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        prefix = f"{where}: " if where else ""
        raise InvalidInput(prefix + describe_validation(exc)) from None


def _column_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return dates.to_stored(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def to_row(table: str, model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    """The columns for one validated model (JSON columns encoded, ``day`` derived)."""
    data = model.model_dump(mode="python", exclude=(exclude or set()) | _OWN)
    row: dict[str, Any] = {}
    for key, value in data.items():
        if key in JSON_COLUMNS.get(table, ()):
            row[key] = json.dumps(value, ensure_ascii=False, default=_column_value)
        else:
            row[key] = _column_value(value)
    occurred = getattr(model, "occurred_at", None)
    if isinstance(occurred, datetime):
        row["day"] = dates.local_day(occurred).isoformat()
    return row


def insert(
    journal: Journal,
    table: str,
    model: BaseModel,
    *,
    created_at: datetime | None = None,
    exclude: set[str] | None = None,
) -> int:
    """Insert one row in its own transaction (or the caller's); return its id."""
    return insert_row(journal, table, to_row(table, model, exclude), created_at=created_at)


def insert_row(
    journal: Journal, table: str, row: dict[str, Any], *, created_at: datetime | None = None
) -> int:
    """Insert a row made by :func:`to_row` (stamped here); return its id."""
    row = dict(row)
    stamp = journal.stamp(created_at)
    row["created_at"] = stamp
    if not by_table(table).versioned:
        row["updated_at"] = stamp
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    with journal.transaction() as conn:
        cur = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
    return cur.lastrowid


def update(
    journal: Journal, table: str, row_id: int, model: BaseModel, exclude: set[str] | None = None
) -> None:
    """Replace the user-editable columns of one row and touch ``updated_at``."""
    row = to_row(table, model, exclude)
    row["updated_at"] = journal.stamp()
    sets = ", ".join(f"{name} = ?" for name in row)
    with journal.transaction() as conn:
        cur = conn.execute(
            f"UPDATE {table} SET {sets} WHERE id = ?", [*row.values(), row_id]
        )
        if cur.rowcount == 0:
            raise NotFound(f"no {by_table(table).singular} with id {row_id}")


def changed_since(base: Any, current: Any, fields: Any) -> bool:
    """Whether a record differs in any of ``fields`` from ``base``, the same record as a
    window last saw it: the check that keeps two windows from overwriting each other."""
    return any(getattr(base, name) != getattr(current, name) for name in fields)


def decode(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """Decode a stored row's JSON columns (its kind's :attr:`~storage.kinds.Kind.json`) in
    place and return it."""
    for column in JSON_COLUMNS.get(table, ()):
        if isinstance(row.get(column), str):
            row[column] = json.loads(row[column])
    return row


def from_row(table: str, row: dict[str, Any], model: type[M]) -> M:
    """A stored row (as from :meth:`Journal.query`) as its model, validated."""
    row = decode(table, dict(row))
    row.pop("day", None)
    return model.model_validate(row)


def fetch(journal: Journal, table: str, model: type[M], tail: str = "", params: Any = ()) -> list[M]:
    """``SELECT * FROM table <tail>`` as models."""
    return [from_row(table, r, model) for r in journal.query(f"SELECT * FROM {table} {tail}", params)]


def get(journal: Journal, table: str, model: type[M], row_id: int) -> M:
    rows = fetch(journal, table, model, "WHERE id = ?", (row_id,))
    if not rows:
        raise NotFound(f"no {by_table(table).singular} with id {row_id}")
    return rows[0]
