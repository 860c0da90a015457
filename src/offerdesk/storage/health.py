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

Files up to that size are checked on a copy (≈ 10 ms for 15 MB), which can also run FTS5's own check of the search
index (≈ 75 ms on 40,000 candidates): integrity_check does not look inside FTS5 tables, and the check is a write
command that a read-only connection refuses.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from offerdesk.errors import DatabaseDamaged
from offerdesk.storage.db import BUSY_TIMEOUT_MS, describe_error
from offerdesk.storage.wal_file import database_page_size, wal_path
from offerdesk.storage.wal_guard import judge_wal

FULL_CHECK_MAX_BYTES = 16 * 1024 * 1024  # integrity_check ≈ 11 ms per MB; above this, quick_check (≈ 3 ms per MB)
DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


DAMAGED_LABEL = "-damaged-"  # a damaged database kept as it was by a restore: never offered as the way back


def newest_backup(backup_dir: Path | None) -> Path | None:
    """The most recent `*.sqlite` (or encrypted `*.sqlite.enc`) copy in the backups folder (by the time it was
    written), if there is one; a damaged database a restore kept aside is not one."""
    if backup_dir is None or not backup_dir.is_dir():
        return None
    found = [*backup_dir.glob("*.sqlite"), *backup_dir.glob("*.sqlite.enc")]
    copies = [entry for entry in found if entry.is_file() and DAMAGED_LABEL not in entry.name]
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
    finding = f"The database {path} {problem}; OfferDesk did not open it and nothing was changed"
    return DatabaseDamaged(f"{finding}{_backup_hint(path, backup_dir)}.", finding=f"{finding}.")


def _cut_short(path: Path) -> str | None:
    """A file that is not whole pages, or shorter than the page count its header vouches for, was cut short."""
    with path.open("rb") as handle:
        header = handle.read(100)
    size = path.stat().st_size
    page_size = database_page_size(path)
    if page_size is None or page_size < 512 or page_size & (page_size - 1):
        return "is damaged (it is cut short: its header is incomplete)" if len(header) < 100 else None
    if size % page_size:
        return f"is damaged (it is cut short: {size:,} bytes is not a whole number of {page_size}-byte pages)"
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # SQLite trusts the page count only then
    if header_valid and pages * page_size > size:
        return f"is damaged (it is cut short: it has {size // page_size} of its {pages} pages)"
    return None


def _problems(path: Path, *, mode: str = "ro") -> list[str]:
    """What SQLite finds wrong with the file, read without writing (an empty list when it is sound).

    mode "immutable" reads the file alone, creating no -wal or -shm beside it (for a file no one has open and whose
    -wal, if any, holds nothing to replay); "ro" shares a running OfferDesk's -wal; "rw" is for a copy."""
    check = "integrity_check" if path.stat().st_size <= FULL_CHECK_MAX_BYTES else "quick_check"
    query = "mode=ro&immutable=1" if mode == "immutable" else f"mode={mode}"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.text_factory = lambda raw: raw.decode("utf-8", "replace")  # damaged text must not stop the report
    try:
        found = [str(row[0]) for row in connection.execute(f"PRAGMA {check}")]
        if found != ["ok"]:
            return found
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            tables = sorted({str(row[0]) for row in broken})
            return [f"{len(broken)} rows point at records that do not exist (in {', '.join(tables)})"]
        return _search_index_problems(connection) if mode == "rw" else []
    finally:
        connection.close()


def _search_index_problems(connection: sqlite3.Connection) -> list[str]:
    """integrity_check does not look inside FTS5 indexes; their own check (a write command, so copies only) does."""
    found = []
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%'"):
        try:
            connection.execute(f'INSERT INTO "{table}"("{table}", rank) VALUES (\'integrity-check\', 1)')
        except sqlite3.DatabaseError as error:
            found.append(f"the search index {table} is damaged ({error})")
    return found


def _in_wal_mode(path: Path) -> bool:
    """Bytes 18 and 19 of the header are 2 in a WAL database (OfferDesk's own, once opened), 1 in a rollback one."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return header[18:20] == b"\x02\x02"


def _problems_of_copy(path: Path, *, with_wal: bool) -> list[str]:
    """The checks on a copy, the file itself untouched: after a crash the copy replays the -wal (the file is opened
    only when that went well), and only a writable copy can run FTS5's check of the search index."""
    with tempfile.TemporaryDirectory(prefix="offerdesk-check-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        if with_wal:
            shutil.copyfile(wal_path(path), wal_path(copy))
        return _problems(copy, mode="rw")


def check_database_health(path: Path, backup_dir: Path | None) -> None:
    """Refuse an existing file that is empty or damaged, with one sentence; a missing file is left to be created."""
    if not path.is_file():
        return
    if path.stat().st_size == 0:
        raise _refuse(path, "is empty (0 bytes), so it holds no OfferDesk data", backup_dir)
    verdict = judge_wal(path)  # before any SQLite connection: opening the file replays the -wal beside it
    problem = verdict.problem or _cut_short(path)
    if problem:
        raise _refuse(path, problem, backup_dir)
    try:
        if verdict.replay_on_copy:
            problems = _problems_of_copy(path, with_wal=True)
        elif not _in_wal_mode(path):  # read-only in place: SQLite's locks tell of another program writing
            problems = _problems(path, mode="ro")
        elif verdict.in_use or path.stat().st_size > FULL_CHECK_MAX_BYTES:
            problems = _problems(path, mode="ro" if verdict.in_use else "immutable")
        else:
            problems = _problems_of_copy(path, with_wal=False)
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
