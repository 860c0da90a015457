"""Moving every row of an OfferDesk database into another one, and a checksum that says both hold the same data.

Rows travel as the database stores them, not as the ORM shows them: an enum column as its stored text (so a code
this OfferDesk does not know still moves), a JSON column as its text (so SQL NULL and JSON `null` stay apart),
dates, times and booleans as Python values, which each side writes in its own notation. The checksum canonicalises
those values, so a SQLite file and a PostgreSQL database holding the same data give the same checksum.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Enum,
    Integer,
    String,
    Table,
    TableClause,
    Text,
    bindparam,
    cast,
    column,
    func,
    select,
    table,
    text,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator, TypeEngine

from offerdesk.storage.tables import Base

BATCH_ROWS = 1000  # rows per executemany: big enough to be fast, small enough to keep memory flat
BULK_COPY_SETTING = "offerdesk.bulk_copy"  # the audit and change-notice triggers skip rows while it is 'on'
Row = tuple[Any, ...]


class RawJson(TypeDecorator[str]):
    """A JSON column read and written as its text, on SQLite (where it is text already)."""

    impl = Text
    cache_ok = True

    def column_expression(self, colexpr: ColumnElement[Any]) -> ColumnElement[Any]:
        return cast(colexpr, Text)  # a JSON number SQLite stored as a number comes back as its text too


class RawJsonServer(RawJson):
    """On PostgreSQL the text is turned back into JSON by the server, exactly as written."""

    cache_ok = True

    def bind_expression(self, bindvalue: Any) -> ColumnElement[Any]:
        return cast(bindvalue, JSON)


def copied_tables() -> list[Table]:
    """Every OfferDesk table, parents before children; alembic_version is the migrations' own."""
    return list(Base.metadata.sorted_tables)


def _transport_type(source: Column[Any], server: bool) -> TypeEngine[Any]:
    kind = source.type
    if isinstance(kind, JSON):
        return RawJsonServer() if server else RawJson()
    if isinstance(kind, Enum):
        return String()
    if isinstance(kind, (DateTime, Date, Boolean, Integer)):
        return type(kind)()
    return kind


def transport(model: Table, dialect: str) -> TableClause:
    """The table as rows travel: columns typed as they are stored (see the module's docstring)."""
    server = dialect == "postgresql"
    return table(model.name, *(column(c.name, _transport_type(c, server)) for c in model.columns))


def _key_order(model: Table, moving: TableClause, dialect: str) -> list[ColumnElement[Any]]:
    """Primary-key order, the same on both engines: text keys by code point (PostgreSQL's "C" collation)."""
    order: list[ColumnElement[Any]] = []
    for key in model.primary_key.columns:
        expression: ColumnElement[Any] = moving.c[key.name]
        if dialect == "postgresql" and isinstance(key.type, String):
            expression = expression.collate("C")
        order.append(expression)
    return order


def read_rows(connection: Connection, model: Table) -> Iterator[list[Row]]:
    """All rows of `model` in primary-key order, a batch at a time (a server-side cursor on PostgreSQL)."""
    dialect = connection.dialect.name
    moving = transport(model, dialect)
    query = select(moving).order_by(*_key_order(model, moving, dialect))
    result = connection.execution_options(yield_per=BATCH_ROWS).execute(query)
    for batch in result.partitions():
        yield [tuple(row) for row in batch]


def count_rows(connection: Connection, model: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def _self_references(model: Table) -> list[tuple[str, str]]:
    """(column, referenced column) pairs of foreign keys pointing into the same table, e.g. a revised offer's parent."""
    return [(key.parent.name, key.column.name) for key in model.foreign_keys if key.column.table is model]


class TableWriter:
    """Inserts one table's rows with their ids; a row whose parent in the same table is not in yet goes in
    without it, and `finish` sets the reference once the whole table is in."""

    def __init__(self, connection: Connection, model: Table) -> None:
        self._connection = connection
        self._moving = transport(model, connection.dialect.name)
        self._names = [c.name for c in model.columns]
        self._insert = self._moving.insert().values({name: bindparam(name) for name in self._names})
        self._references = _self_references(model)
        self._seen: dict[str, set[Any]] = {parent: set() for _child, parent in self._references}
        self._later: dict[str, list[dict[str, Any]]] = {child: [] for child, _parent in self._references}

    def write(self, rows: Sequence[Row]) -> None:
        values = [dict(zip(self._names, row, strict=True)) for row in rows]
        for child, parent in self._references:
            seen, later = self._seen[parent], self._later[child]
            for params in values:  # in insert order: a parent earlier in the same batch is in already
                if params[child] is not None and params[child] not in seen and params[child] != params[parent]:
                    later.append({"copy_match": params[parent], "copy_value": params[child]})
                    params[child] = None
                seen.add(params[parent])
        if values:
            self._connection.execute(self._insert, values)

    def finish(self) -> None:
        for child, parent in self._references:
            if self._later[child]:
                update = (
                    self._moving.update()
                    .where(self._moving.c[parent] == bindparam("copy_match"))
                    .values({child: bindparam("copy_value")})
                )
                self._connection.execute(update, self._later[child])


def empty_tables(connection: Connection, tables: Iterable[Table]) -> None:
    """Delete every row, children first (the caller's transaction makes it all or nothing)."""
    for model in reversed(list(tables)):
        connection.execute(model.delete())


def reset_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """On PostgreSQL, the next id of each table follows the largest copied one (SQLite looks at max(id) itself)."""
    if connection.dialect.name != "postgresql":
        return
    for model in tables:
        keys = list(model.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name, key = model.name, keys[0].name
        connection.execute(
            text(
                f'SELECT setval(pg_get_serial_sequence(:table, :key), COALESCE(MAX("{key}"), 0) + 1, false) '
                f'FROM "{name}"'
            ),
            {"table": name, "key": key},
        )


def begin_bulk_copy(connection: Connection) -> None:
    """Tell the server's triggers this transaction is a copy, for its duration only (SET LOCAL)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SET LOCAL {BULK_COPY_SETTING} = 'on'"))


# -- the checksum ---------------------------------------------------------------------------------------------------
def _canonical(value: Any, json_text: bool) -> Any:
    """One value as the same JSON-able token on every engine: the kind first, then a text form."""
    if value is None:
        return None
    if json_text:
        return ["j", json.dumps(json.loads(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))]
    if isinstance(value, bool):
        return ["b", int(value)]
    if isinstance(value, int):
        return ["i", str(value)]
    if isinstance(value, float):
        return ["f", repr(value)]
    if isinstance(value, Decimal):
        return ["n", str(value.normalize())]
    if isinstance(value, datetime):
        moment = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        return ["t", moment.isoformat(timespec="microseconds")]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, (bytes, memoryview)):
        return ["x", bytes(value).hex()]
    return ["s", str(value)]


class TableChecksum:
    """A SHA-256 over a table's rows in primary-key order, each row's values canonicalised (see `_canonical`)."""

    def __init__(self, model: Table) -> None:
        self._json = [isinstance(c.type, JSON) for c in model.columns]
        self._hash = hashlib.sha256(model.name.encode())
        self.rows = 0

    def add(self, rows: Iterable[Row]) -> None:
        for row in rows:
            values = [_canonical(value, is_json) for value, is_json in zip(row, self._json, strict=True)]
            self._hash.update(json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
            self.rows += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def table_checksum(connection: Connection, model: Table) -> TableChecksum:
    checksum = TableChecksum(model)
    for batch in read_rows(connection, model):
        checksum.add(batch)
    return checksum


def overall_checksum(per_table: Iterable[tuple[str, str]]) -> str:
    """One checksum for the whole database, from each table's name and checksum."""
    whole = hashlib.sha256()
    for name, checksum in per_table:
        whole.update(f"{name}:{checksum}\n".encode())
    return whole.hexdigest()


def database_checksum(connection: Connection, tables: Sequence[Table] | None = None) -> dict[str, str]:
    """Each table's checksum, read in the caller's transaction."""
    return {model.name: table_checksum(connection, model).hexdigest() for model in tables or copied_tables()}


ProgressHook = Callable[[str, int, int, int], None]  # table, its rows, tables done, tables in all
