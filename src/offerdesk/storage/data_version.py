"""A counter that SQLite's own triggers bump on every write to an OfferDesk table, whoever writes it.

It answers "has anything changed since?" exactly and in one row, so the start-up can trust the first page the last
session left (services/setup/first_page.py) without reading the candidates again. The reader needs the stdlib only:
it runs before SQLAlchemy is imported. Like the search index's triggers, a migration that rebuilds a table drops
its triggers, so `ensure_data_version` runs after every upgrade and puts back what is missing. A PostgreSQL server
has no counter: the quick start is for the laptop's own database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "data_version"
TRIGGER_PREFIX = "data_version_"
_OPERATIONS = ("insert", "update", "delete")


def trigger_name(table: str, operation: str) -> str:
    return f"{TRIGGER_PREFIX}{table}_{operation}"


def ensure_data_version(connection: Connection) -> None:
    """Create the counter and a trigger per table and operation where missing (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    from offerdesk.storage.tables import Base

    connection.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
    )
    connection.exec_driver_sql(f"INSERT OR IGNORE INTO {TABLE} (id, version) VALUES (1, 0)")
    for table in Base.metadata.sorted_tables:
        for operation in _OPERATIONS:
            connection.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {trigger_name(table.name, operation)} "
                f"AFTER {operation.upper()} ON {table.name} "
                f"BEGIN UPDATE {TABLE} SET version = version + 1; END"
            )


@dataclass(frozen=True)
class DataVersion:
    """Which schema the file has and how many writes it has seen: equal values mean equal contents."""

    revision: str
    version: int


def read_data_version(database: Path) -> DataVersion | None:
    """The file's schema revision and counter, read-only; None when it has no counter or cannot be read."""
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        with connection:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            counter = connection.execute(f"SELECT version FROM {TABLE} WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if revision is None or counter is None:
        return None
    return DataVersion(str(revision[0]), int(counter[0]))
