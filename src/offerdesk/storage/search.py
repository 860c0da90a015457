"""The candidate search index: FTS5 with the trigram tokenizer on SQLite, pg_trgm on PostgreSQL.

Both index `candidates.search_text`, which holds the candidate's searchable text already folded (case and accents,
domain.candidate_record.fold), so a term matches wherever it occurs inside a word on both databases: “ramír”
finds Ramírez, “müller” finds Mueller-Müller, “山田” finds 山田 太郎. On SQLite, triggers keep the index in step
with the table whoever writes it; a migration that rebuilds `candidates` drops them, so `ensure_search_index`
runs after every upgrade and puts back what is missing.
"""

from __future__ import annotations

from sqlalchemy import Connection, Integer, TableClause, Text, column, table, text
from sqlalchemy import exc as sa_exc

FTS_TABLE = "candidates_fts"
TRIGRAM_INDEX = "ix_candidates_search_trgm"  # the PostgreSQL counterpart of the FTS5 table
# Trigram queries need at least three characters; shorter terms are matched with LIKE on the same folded text.
TRIGRAM = 3

_SQLITE_TRIGGERS = {
    "candidates_fts_insert": f"""
        CREATE TRIGGER candidates_fts_insert AFTER INSERT ON candidates BEGIN
            INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "candidates_fts_delete": f"""
        CREATE TRIGGER candidates_fts_delete AFTER DELETE ON candidates BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END""",
    "candidates_fts_update": f"""
        CREATE TRIGGER candidates_fts_update AFTER UPDATE OF search_text ON candidates BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def ensure_search_index(connection: Connection) -> None:
    """Create the index and its triggers where they are missing; rebuild the index when it was just made."""
    if connection.dialect.name == "sqlite":
        _ensure_sqlite(connection)
    elif connection.dialect.name == "postgresql":
        _ensure_postgresql(connection)


def _ensure_sqlite(connection: Connection) -> None:
    existing = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE 'candidates_fts%'"
        )
    }
    rebuild = False
    if FTS_TABLE not in existing:
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "search_text, content='candidates', content_rowid='id', tokenize='trigram')"
        )
        rebuild = True
    for name, ddl in _SQLITE_TRIGGERS.items():
        if name not in existing:
            connection.exec_driver_sql(ddl)
            rebuild = True
    if rebuild:
        connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _ensure_postgresql(connection: Connection) -> None:
    """pg_trgm is a trusted extension (PostgreSQL 13+); without it, search still works, by a scan."""
    with connection.begin_nested():
        available = connection.execute(
            text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
        ).scalar()
    if not available:
        return
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            connection.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON candidates USING gin (search_text gin_trgm_ops)"
            )
    except sa_exc.DBAPIError:  # no right to create the extension: the search scans instead
        return


def fts_table() -> TableClause:
    """The FTS5 table for SELECTs: `rowid` is the candidate id."""
    return table(FTS_TABLE, column("rowid", Integer), column("search_text", Text))


def fts_phrase(term: str) -> str:
    """A term as one FTS5 string (quotes doubled), so nothing the user types is read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
