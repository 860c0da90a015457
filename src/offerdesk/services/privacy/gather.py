"""Everything stored about one candidate: their rows (found through the schema's cascading foreign keys, so a
table added later is part of it), the files of theirs OfferDesk wrote or copied, and the words that identify them.

Export, erase and anonymise all start here, so what a person is shown, what is erased and what is handed over are
the same set of records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from offerdesk.errors import NotFoundError
from offerdesk.storage.snapshots import Snapshot, take_snapshot
from offerdesk.storage.tables import Base, Candidate, Role

# What the confirmations count, in the order a person reads them: (table, noun).
COUNTED = (
    ("offers", "offer"),
    ("offer_versions", "offer version"),
    ("offer_status_events", "status change"),
    ("approvals", "approval"),
    ("call_logs", "call"),
    ("follow_ups", "follow-up"),
    ("letter_exports", "letter record"),
    ("competing_offers", "competing offer"),
)


@dataclass(frozen=True)
class Identity:
    """The words that name the person: what must not be left in the database file, and what backups are searched for."""

    candidate_id: int
    first_name: str
    last_name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass(frozen=True)
class PersonalData:
    """One candidate's rows by table, and the paths of their letter files that exist on disk."""

    identity: Identity
    snapshot: Snapshot
    role_title: str
    files: tuple[Path, ...]

    def count(self, table: str) -> int:
        return self.snapshot.count(table)

    def rows(self, table: str) -> list[dict[str, Any]]:
        return _rows(self.snapshot, table)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in (text or "").split("\n") if line.strip())


def gather(session: Session, data_dir: Path, candidate_id: int) -> PersonalData:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"There is no candidate with id {candidate_id}.")
    identity = Identity(
        candidate_id,
        candidate.first_name or "",
        candidate.last_name or "",
        tuple(e for e in (candidate.email, *_lines(candidate.extra_emails)) if e),
        tuple(p for p in (candidate.phone, *_lines(candidate.extra_phones)) if p),
    )
    table: Table = Candidate.__table__  # type: ignore[assignment]
    snapshot = take_snapshot(session, table, "id", candidate_id)
    role = session.get(Role, candidate.role_id) if candidate.role_id is not None else None
    return PersonalData(identity, snapshot, role.title if role else "", tuple(_letter_files(snapshot, data_dir)))


def _rows(snapshot: Snapshot, table: str) -> list[dict[str, Any]]:
    return [dict(row) for name, rows in snapshot.rows if name == table for row in rows]


def _letter_files(snapshot: Snapshot, data_dir: Path) -> list[Path]:
    """The letters exported for their offers and the signed copies kept in the data folder, where they still exist."""
    stored: list[str] = []
    for row in _rows(snapshot, "letter_exports"):
        stored.extend(row[key] for key in ("docx_path", "pdf_path") if row.get(key))
    stored.extend(row["signed_file"] for row in _rows(snapshot, "offer_versions") if row.get("signed_file"))
    named = [Path(text) if Path(text).is_absolute() else data_dir / text for text in stored]  # signed: relative
    return [path for path in dict.fromkeys(named) if path.is_file()]


# -- the export document -----------------------------------------------------------------------------------------
def _value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, int | float | str | bool):
        return value.value  # an enum stored as its string
    return value


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in row.items()}


def _cascading_children(table: Table) -> list[tuple[Table, str, str]]:
    found = []
    for child in Base.metadata.sorted_tables:
        for key in child.foreign_keys:
            if key.column.table is table and (key.ondelete or "").upper() == "CASCADE":
                found.append((child, key.parent.name, key.column.name))
    return found


def document(data: PersonalData, exported_at: datetime, files: dict[Path, str]) -> dict[str, Any]:
    """The candidate's record with every row that hangs off it nested under it (offers hold their versions, history,
    approvals and letters; calls hold their objections), and the names the letter files have in the archive."""
    by_table = {name: list(rows) for name, rows in data.snapshot.rows}

    def nest(table: Table, row: dict[str, Any]) -> dict[str, Any]:
        record = _plain(row)
        for child, child_column, parent_column in _cascading_children(table):
            members = [r for r in by_table.get(child.name, []) if r[child_column] == row[parent_column]]
            if members:
                record[child.name] = [nest(child, member) for member in members]
        return record

    table: Table = Candidate.__table__  # type: ignore[assignment]
    candidate = nest(table, by_table["candidates"][0])
    candidate.pop("search_text", None)  # a folded copy of the fields above, not information of its own
    return {
        "format": "offerdesk-personal-data",
        "version": 1,
        "exported_at": exported_at.isoformat(),
        "candidate_id": data.identity.candidate_id,
        "role": data.role_title,
        "candidate": candidate,
        "files": [{"stored_at": str(path), "in_archive": name} for path, name in files.items()],
    }


def document_json(data: PersonalData, exported_at: datetime, files: dict[Path, str]) -> str:
    return json.dumps(document(data, exported_at, files), ensure_ascii=False, indent=2, default=str)
