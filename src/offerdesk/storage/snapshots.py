"""A row and everything that hangs off it, copied out before a delete so the delete can be undone.

The tables referring to the row are found from the schema's foreign keys (children, grandchildren ...), so a table
added later is part of the snapshot without anyone remembering to add it. Restoring inserts the rows back with
their own ids, parents first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from offerdesk.storage.tables import Base


@dataclass(frozen=True)
class Snapshot:
    """Rows by table name, in the order they can be inserted back."""

    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]

    def count(self, table_name: str) -> int:
        return sum(len(rows) for name, rows in self.rows if name == table_name)


def _children(parent: Table) -> list[tuple[Table, str, str]]:
    """(child table, child column, parent column) for every foreign key that points at `parent` and cascades."""
    found = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is parent and (key.ondelete or "").upper() == "CASCADE":
                found.append((table, key.parent.name, key.column.name))
    return found


def take_snapshot(session: Session, table: Table, key: str, value: Any) -> Snapshot:
    collected: dict[str, list[dict[str, Any]]] = {}

    def collect(current: Table, column_name: str, values: list[Any]) -> None:
        if not values:
            return
        statement = select(current).where(current.c[column_name].in_(values))
        rows = [dict(row._mapping) for row in session.execute(statement)]
        if not rows:
            return
        collected.setdefault(current.name, []).extend(rows)
        for child, child_column, parent_column in _children(current):
            collect(child, child_column, [row[parent_column] for row in rows])

    collect(table, key, [value])
    order = [t.name for t in Base.metadata.sorted_tables if t.name in collected]
    return Snapshot(tuple((name, tuple(_unique(collected[name]))) for name in order))


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, kept = set(), []
    for row in rows:
        marker = tuple(sorted((k, repr(v)) for k, v in row.items()))
        if marker not in seen:
            seen.add(marker)
            kept.append(row)
    return kept


def restore_snapshot(session: Session, snapshot: Snapshot) -> None:
    tables = Base.metadata.tables
    for name, rows in snapshot.rows:
        if rows:
            session.execute(insert(tables[name]), list(rows))
