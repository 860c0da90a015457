"""The copies outside the live database that still hold a person: backups and the rows saved when a candidate
was deleted. An erasure names them and, when asked, removes them too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from offerdesk.services.privacy.gather import Identity

DELETED_FOLDER = "deleted"  # services.candidates.records writes a deleted candidate's rows here, for Undo


@dataclass(frozen=True)
class HeldCopy:
    path: Path
    kind: str  # "backup" or "deleted-candidate copy"


def _backup_holds(path: Path, identity: Identity) -> bool:
    """Whether the backup has this candidate: their id with their name or one of their emails (ids can be reused)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        emails = list(identity.emails) or [""]
        marks = ",".join("?" * len(emails))
        row = connection.execute(
            f"SELECT count(*) FROM candidates WHERE id = ? AND ((first_name = ? AND last_name = ?) "
            f"OR (email != '' AND email IN ({marks})))",
            (identity.candidate_id, identity.first_name, identity.last_name, *emails),
        ).fetchone()
    except sqlite3.Error:  # damaged, or not an OfferDesk database: it is listed by the backup screen, not here
        return False
    finally:
        connection.close()
    return bool(row and row[0])


def _copy_holds(path: Path, identity: Identity) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    words = [w for w in (*identity.emails, identity.first_name, identity.last_name) if len(w) > 1]
    return any(f'"{word}"' in text for word in words)


def held_copies(backup_dir: Path, identity: Identity) -> list[HeldCopy]:
    """Backups (newest name last) and deleted-candidate copies in the backup folder that hold the person."""
    if not backup_dir.is_dir():
        return []
    found = [
        HeldCopy(path, "backup")
        for path in sorted(backup_dir.glob("*.sqlite"))
        if path.is_file() and _backup_holds(path, identity)
    ]
    deleted = backup_dir / DELETED_FOLDER
    if deleted.is_dir():
        pattern = f"candidate-{identity.candidate_id}-*.json"
        found.extend(
            HeldCopy(path, "deleted-candidate copy")
            for path in sorted(deleted.glob(pattern))
            if _copy_holds(path, identity)
        )
    return found


def purge(copies: list[HeldCopy]) -> tuple[list[Path], list[str]]:
    """Remove the copies (a backup with its -wal and -shm); returns what went and a sentence per file that stayed."""
    removed: list[Path] = []
    problems: list[str] = []
    for copy in copies:
        try:
            copy.path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                copy.path.with_name(copy.path.name + suffix).unlink(missing_ok=True)
            removed.append(copy.path)
        except OSError as error:
            problems.append(f"Could not delete {copy.path}: {error.strerror or error}.")
    return removed, problems
