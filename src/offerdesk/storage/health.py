"""The start-up check of a SQLite file: damage is noticed before anything writes, and the file is left as it was.

Runs before migrations, demo seeding or expiry touch the file. First the -wal beside it is judged without SQLite
(wal_guard.py: a -wal OfferDesk did not leave there, or one a crash left missing or changed, is refused); a -wal a
crash left is replayed on a copy. Then `PRAGMA quick_check` on a read-only connection reads every page, so a damaged
b-tree or a truncated file is refused here instead of being written over later. Only a missing file means a first run.

quick_check does not compare index entries with table rows, so a flipped byte inside a row's values (the value
silently changed, its index entries still name the old one) passes it. `PRAGMA integrity_check` finds that too,
at about four times the cost (on a 38 MB database of 100,000 candidates: quick_check ≈ 100 ms, integrity_check
≈ 420 ms, foreign_key_check ≈ 25 ms); it runs in full on files up to FULL_CHECK_MAX_BYTES, where it stays under
about 200 ms, and larger files get quick_check.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from offerdesk.errors import DatabaseDamaged
from offerdesk.storage.db import BUSY_TIMEOUT_MS, describe_error
from offerdesk.storage.wal_file import wal_path
from offerdesk.storage.wal_guard import judge_wal

FULL_CHECK_MAX_BYTES = 16 * 1024 * 1024  # integrity_check ≈ 11 ms per MB; above this, quick_check (≈ 3 ms per MB)
DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


DAMAGED_LABEL = "-damaged-"  # a damaged database kept as it was by a restore: never offered as the way back


def newest_backup(backup_dir: Path | None) -> Path | None:
    """The most recent `*.sqlite` copy in the backups folder (by the time it was written), if there is one; a
    damaged database a restore kept aside is not one."""
    if backup_dir is None or not backup_dir.is_dir():
        return None
    copies = [entry for entry in backup_dir.glob("*.sqlite") if entry.is_file() and DAMAGED_LABEL not in entry.name]
    return max(copies, key=lambda entry: (entry.stat().st_mtime, entry.name), default=None)


def _backup_hint(path: Path, backup_dir: Path | None) -> str:
    backup = newest_backup(backup_dir)
    if backup is None:
        return ""
    try:
        shown = backup.relative_to(path.parent).as_posix()
    except ValueError:
        shown = str(backup)
    return f"; the newest backup is {shown}: `offerdesk backup restore {backup}` restores it"


def _refuse(path: Path, problem: str, backup_dir: Path | None) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"The database {path} {problem}; OfferDesk did not open it and nothing was changed"
        f"{_backup_hint(path, backup_dir)}."
    )


def _problems(path: Path, *, read_only: bool = True) -> list[str]:
    """What SQLite finds wrong with the file, read without writing (an empty list when it is sound)."""
    check = "integrity_check" if path.stat().st_size <= FULL_CHECK_MAX_BYTES else "quick_check"
    mode = "ro" if read_only else "rw"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")  # damaged text must not stop the report
    try:
        found = [str(row[0]) for row in connection.execute(f"PRAGMA {check}")]
        if found != ["ok"]:
            return found
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            tables = sorted({str(row[0]) for row in broken})
            return [f"{len(broken)} rows point at records that do not exist (in {', '.join(tables)})"]
        return []
    finally:
        connection.close()


def _problems_on_copy(path: Path) -> list[str]:
    """After a crash: the database and its -wal are copied and the copy replays the -wal; the file itself is opened
    only when that went well."""
    with tempfile.TemporaryDirectory(prefix="offerdesk-check-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal_path(path), wal_path(copy))
        return _problems(copy, read_only=False)


def check_database_health(path: Path, backup_dir: Path | None) -> None:
    """Refuse an existing file that is empty or damaged, with one sentence; a missing file is left to be created."""
    if not path.is_file():
        return
    if path.stat().st_size == 0:
        raise _refuse(path, "is empty (0 bytes), so it holds no OfferDesk data", backup_dir)
    verdict = judge_wal(path)  # before any SQLite connection: opening the file replays the -wal beside it
    if verdict.problem:
        raise _refuse(path, verdict.problem, backup_dir)
    try:
        problems = _problems_on_copy(path) if verdict.replay_on_copy else _problems(path)
    except sqlite3.DatabaseError as error:
        if not any(word in str(error).lower() for word in DAMAGE_WORDS):
            raise describe_error(error, str(path)) from error  # busy, unreadable, ...: not damage
        raise _refuse(path, f"is damaged ({error})", backup_dir) from error
    except UnicodeDecodeError as error:  # SQLite's message quoted a damaged schema: garbled bytes
        raise _refuse(path, "is damaged (its table definitions are unreadable)", backup_dir) from error
    if problems:
        shown = problems[0]
        more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
        raise _refuse(path, f"is damaged (SQLite reports: {shown}{more})", backup_dir)
