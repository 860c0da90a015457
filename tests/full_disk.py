"""A database that cannot grow, as on a full disk: every connection is pinned to the file's size.

A write that needs a new page (anything bigger than a page, or than the room left in its table's pages) is refused
with SQLite's "database or disk is full", as on a full disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

FILLER_SIZES = (65536, 4096, 256, 16, 1)


def pin_size(dbapi_connection: Any, _record: Any = None) -> None:
    """SQLite refuses to add a page past max_page_count with "database or disk is full", as on a full disk."""
    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA max_page_count={max(int(pages), 1)}")


def take_the_room(database: Path) -> None:
    """Fill the free room inside the database's pages, so that any write needing more than a few bytes fails."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS room_taken (filler BLOB)")
        pin_size(connection)
        for size in FILLER_SIZES:
            try:
                while True:
                    connection.execute("INSERT INTO room_taken VALUES (randomblob(?))", (size,))
            except sqlite3.OperationalError:
                continue
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def cannot_grow(engine: Engine, database: Path) -> None:
    """From now on the engine's database is as on a full disk: pinned to its size, with its inner room taken."""
    engine.dispose()
    take_the_room(database)
    event.listen(engine, "connect", pin_size)
