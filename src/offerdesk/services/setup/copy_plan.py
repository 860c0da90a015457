"""What `db copy` found before copying (the plan) and what it did (the report), and how it reads the URLs given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import make_url

from offerdesk.errors import ValidationError
from offerdesk.services.setup.team_password import without_password
from offerdesk.storage.db import Database, normalize_url, sqlite_file


@dataclass(frozen=True)
class TableResult:
    name: str
    rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return self.source_checksum == self.target_checksum


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    tables: list[TableResult]
    checksum: str  # over every table, computed from the source's rows
    target_checksum: str  # the same, read back from the target before it committed
    backup: Path | None = None  # the copy of a replaced SQLite target
    replaced_rows: int = 0
    created_schema: bool = False

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


@dataclass(frozen=True)
class CopyPlan:
    source: str
    target: str
    source_rows: int
    target_rows: dict[str, int] = field(default_factory=dict)  # tables of the target that hold rows
    target_empty_schema: bool = False  # no tables at all: the migrations build them first
    target_is_file: bool = False  # a SQLite file, which is backed up before it is replaced

    @property
    def target_row_count(self) -> int:
        return sum(self.target_rows.values())

    def refusal(self) -> str:
        return (
            f"{self.target} already holds OfferDesk data ({_summary(self.target_rows)}); it was left unchanged. "
            "Add --replace to empty it and copy over it (a SQLite file is backed up first)."
        )

    def question(self) -> str:
        after = (
            "A backup of it is taken first."
            if self.target_is_file
            else "OfferDesk cannot undo this on a server (the server's own backups apply)."
        )
        return (
            f"Replace everything in {self.target} ({_summary(self.target_rows)}) with a copy of {self.source}? {after}"
        )


def _summary(counts: dict[str, int]) -> str:
    named = [(counts.get(name, 0), word) for name, word in (("candidates", "candidate"), ("offers", "offer"))]
    parts = [f"{count:,} {word}{'' if count == 1 else 's'}" for count, word in named if count]
    other = sum(counts.values()) - sum(count for count, _word in named)
    if other:
        parts.append(f"{other:,} {'other ' if parts else ''}row{'' if other == 1 else 's'}")
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def _masked(typed: str) -> str:
    """A URL as typed, with any password in it replaced, for a sentence about the URL itself."""
    return re.sub(r"(://[^/@:]*:)[^@/]*@", r"\1***@", typed)


def database_named(typed: str, flag: str) -> Database:
    """The database `typed` names (a URL, or the path of a SQLite file); a password goes to the keychain."""
    given = typed.strip()
    if not given:
        raise ValidationError(f"{flag} needs a database: sqlite:///PATH, postgresql://USER@HOST/DB or a file path.")
    if "://" not in given:
        given = f"sqlite:///{Path(given).expanduser().resolve().as_posix()}"
    try:
        make_url(given)
    except (sa_exc.ArgumentError, ValueError):
        raise ValidationError(
            f"{flag} “{_masked(typed)}” is not a database URL; use sqlite:///PATH or postgresql://USER@HOST/DB."
        ) from None
    url, password = without_password(normalize_url(given))
    return Database(url, password=password)


def same_database(one: Database, other: Database) -> bool:
    return _identity(one) == _identity(other)


def _identity(database: Database) -> tuple[object, ...]:
    """What makes two URLs the same database: the file, or the server, port and database name (not the user)."""
    path = sqlite_file(database.url)
    if path is not None:
        return ("sqlite", str(path.expanduser().resolve()))
    parsed = make_url(database.url)
    query = tuple(sorted((key, str(value)) for key, value in parsed.query.items()))
    return (parsed.get_backend_name(), parsed.host, parsed.port, parsed.database, query)
