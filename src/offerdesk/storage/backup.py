"""Copies of a live SQLite database, made with SQLite's backup API (a file copy could catch a half-written page).

An encrypted copy is made the same way, then encrypted chunk by chunk into `<name>.sqlite.enc`; the plain copy
in between lives under a temporary name next to it and is removed however the encryption ends.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from offerdesk.domain.clock import utc_now
from offerdesk.errors import DatabaseError, DiskFull, is_disk_full
from offerdesk.files import atomic_write
from offerdesk.storage.db import LOW_SPACE_BYTES

ENCRYPTED_SUFFIX = ".sqlite.enc"


def backup_sqlite(source: Path, backup_dir: Path, label: str, key: bytes | None = None) -> Path:
    """Write a consistent copy of `source` into `backup_dir` (encrypted with `key` if given); never a partial file.

    A full disk is one sentence naming the backup and the folder, with nothing left behind."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    suffix = ENCRYPTED_SUFFIX if key is not None else ".sqlite"
    stamp = utc_now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{source.stem}-{label}-{stamp}{suffix}"
    number = 1
    while target.exists():  # two backups within a second keep both
        number += 1
        target = backup_dir / f"{source.stem}-{label}-{stamp}-{number}{suffix}"
    partial = target.with_name(target.name.removesuffix(".enc") + ".partial")
    try:
        _copy(source, partial)
        if key is None:
            partial.replace(target)
        else:
            from offerdesk.storage import encrypted  # cryptography loads only when a backup is encrypted

            with atomic_write(target) as sealed, partial.open("rb") as plain:
                encrypted.encrypt_stream(plain, sealed, key)
    except (OSError, sqlite3.Error) as error:
        text = str(error).lower()
        if is_disk_full(error) or "full" in text or ("disk i/o" in text and _no_room(backup_dir)):
            raise DiskFull.writing(f"the backup {target.name}", backup_dir) from error
        raise DatabaseError(f"The backup of {source} could not be written to {backup_dir} ({error}).") from error
    finally:
        partial.unlink(missing_ok=True)
    return target


def _copy(source: Path, target: Path) -> None:
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def _no_room(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False
