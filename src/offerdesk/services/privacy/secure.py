"""A write that leaves no copy of what it removed in the SQLite file or its write-ahead log.

A plain DELETE only marks space free: the name stays in the file until SQLite reuses the page, and the -wal file
keeps the page as it was written. Erasing (and anonymising) therefore runs with `secure_delete` on, which zeroes
what is removed, merges the search index so its old segments go too, and then checkpoints the log into the file
and truncates it. A PostgreSQL server has no such file of ours; there the write is an ordinary transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from offerdesk.storage.db import Database, describe_error
from offerdesk.storage.search import FTS_TABLE


@dataclass
class Wiped:
    """Whether the write-ahead log was emptied; False when another window was reading and kept it busy."""

    log_emptied: bool = True


def _driver(connection: Any) -> Any:
    return connection.connection.driver_connection


@contextmanager
def secure_transaction(database: Database, wiped: Wiped) -> Iterator[Session]:
    """One transaction whose removed bytes are zeroed; after the commit the log is checkpointed and truncated."""
    if not database.is_sqlite:
        with database.transaction() as session:
            yield session
        return
    try:
        with database.engine.connect() as connection:
            raw = _driver(connection)
            raw.execute("PRAGMA secure_delete=ON")
            try:
                with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                    yield session
                    session.flush()
                    _merge_search_index(session)
            finally:
                if connection.in_transaction():
                    connection.rollback()
                raw.execute("PRAGMA secure_delete=OFF")
            busy, _pages, _moved = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            wiped.log_emptied = busy == 0
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
        raise describe_error(error, database.display_name) from error


def _merge_search_index(session: Session) -> None:
    """FTS5 keeps deleted entries in old segments until they are merged; 'optimize' rewrites the index whole."""
    exists = session.connection().exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    )
    if exists.scalar():
        session.connection().exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
