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
FIRST_PAGE_TABLE = "first_page"  # what the last session showed first, and the counter it was read at
TRIGGER_PREFIX = "data_version_"
_OPERATIONS = ("insert", "update", "delete")
FIRST_PAGE_DDL = (
    f"CREATE TABLE IF NOT EXISTS {FIRST_PAGE_TABLE} "
    "(id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, page TEXT NOT NULL)"
)
MAX_PAGE_BYTES = 2_000_000  # a first page is a few kilobytes; anything bigger is not ours


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
    connection.exec_driver_sql(FIRST_PAGE_DDL)
    for table in Base.metadata.sorted_tables:
        for operation in _OPERATIONS:
            connection.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {trigger_name(table.name, operation)} "
                f"AFTER {operation.upper()} ON {table.name} "
                f"BEGIN UPDATE {TABLE} SET version = version + 1; END"
            )


@dataclass(frozen=True)
class DataVersion:
    """Which schema the file has and how many writes it has seen, with the first page kept at some version."""

    revision: str
    version: int
    page_version: int | None = None  # the counter the kept page was read at; None when no page is kept
    page: str | None = None

    @property
    def current_page(self) -> str | None:
        """The kept page when nothing was written since it was read, else None."""
        return self.page if self.page_version == self.version else None


def read_data_version(database: Path) -> DataVersion | None:
    """The file's revision, counter and kept page in one read-only snapshot; None when it has no counter or cannot
    be read (a missing, damaged, locked or older file: the start-up then reads it the ordinary way)."""
    if not database.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        with connection:
            connection.execute("BEGIN")  # one snapshot: the counter and the page agree
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            counter = connection.execute(f"SELECT version FROM {TABLE} WHERE id = 1").fetchone()
            kept = connection.execute(
                f"SELECT version, page FROM {FIRST_PAGE_TABLE} WHERE id = 1 AND length(page) <= ?", (MAX_PAGE_BYTES,)
            ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if revision is None or counter is None:
        return None
    page_version, page = (int(kept[0]), str(kept[1])) if kept is not None else (None, None)
    return DataVersion(str(revision[0]), int(counter[0]), page_version, page)


def current_version(connection: Connection) -> int | None:
    """The counter, read through the app's own connection (None on a server, which has none)."""
    if connection.dialect.name != "sqlite":
        return None
    row = connection.exec_driver_sql(f"SELECT version FROM {TABLE} WHERE id = 1").fetchone()
    return None if row is None else int(row[0])


def keep_first_page(connection: Connection, version: int, page: str) -> None:
    """Keep `page`, read at counter `version`; writing it moves no counter (the table has no trigger)."""
    connection.exec_driver_sql(
        f"INSERT OR REPLACE INTO {FIRST_PAGE_TABLE} (id, version, page) VALUES (1, ?, ?)", (version, page)
    )


def forget_first_page(connection: Connection) -> None:
    """Drop the kept page (an erasure must not leave a name in it)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DELETE FROM {FIRST_PAGE_TABLE}")
