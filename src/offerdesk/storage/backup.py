"""Copies of a live SQLite database, made with SQLite's backup API (a file copy could catch a half-written page)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from offerdesk.domain.clock import utc_now
from offerdesk.errors import DatabaseError, DiskFull, is_disk_full
from offerdesk.storage.db import LOW_SPACE_BYTES


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
    try:
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
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        text = str(error).lower()
        if is_disk_full(error) or "full" in text or ("disk i/o" in text and _no_room(backup_dir)):
            raise DiskFull.writing(f"the backup {target.name}", backup_dir) from error
        raise DatabaseError(f"The backup of {source} could not be written to {backup_dir} ({error}).") from error
    return target


def _no_room(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False
