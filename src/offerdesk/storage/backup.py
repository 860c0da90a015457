"""Copies of a live SQLite database, made with SQLite's backup API (a file copy could catch a half-written page)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from offerdesk.domain.clock import utc_now
from offerdesk.storage.db import Database, sqlite_file


def backup_sqlite(source: Path, backup_dir: Path, label: str) -> Path:
    """Write a consistent copy of `source` into `backup_dir` and return its path; never a partial file."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{source.stem}-{label}-{stamp}.sqlite"
    number = 1
    while target.exists():  # two backups within a second keep both
        number += 1
        target = backup_dir / f"{source.stem}-{label}-{stamp}-{number}.sqlite"
    partial = target.with_name(target.name + ".partial")
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()
    partial.replace(target)
    return target


def backup_before(database: Database, backup_dir: Path | None, label: str = "before-import") -> Path | None:
    """A copy of the database before a change that is hard to take back (an import); None for a server database
    (its server's backups apply) or one without a file yet."""
    path = sqlite_file(database.url)
    if path is None or backup_dir is None or not path.exists():
        return None
    return backup_sqlite(path, backup_dir, label)
