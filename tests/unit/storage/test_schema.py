"""Schema migrations: the code's head, the kept fixtures of released schemas, and the batch-mode cascade trap."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage import schema
from offerdesk.storage.backup import backup_sqlite
from offerdesk.storage.data_version import FIRST_PAGE_TABLE as FIRST_PAGE
from offerdesk.storage.data_version import TABLE as DATA_VERSION
from offerdesk.storage.search import FTS_TABLE, TRIGRAM_INDEX
from offerdesk.storage.tables import Base

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "schemas").glob("*.sqlite"))


def _count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_schema_head_constant_matches_the_migrations() -> None:
    assert schema.head_revision() == schema.SCHEMA_HEAD


def test_migrations_build_exactly_the_declared_tables(services) -> None:  # type: ignore[no-untyped-def]
    with services.database.engine.connect() as connection, warnings.catch_warnings():
        # Reflection cannot read expression indexes back; test_the_default_candidate_order_reads_an_index does.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")

        # The search index (an FTS5 table and its shadow tables, or PostgreSQL's trigram index) is made by
        # storage.search, and the write counter and kept first page by storage.data_version: neither is declared.
        def declared(name: object, _kind: str, _parent: object) -> bool:
            return not str(name).startswith(FTS_TABLE) and name not in (TRIGRAM_INDEX, DATA_VERSION, FIRST_PAGE)

        context = MigrationContext.configure(connection, opts={"include_name": declared})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert schema.SCHEMA_HEAD in {path.stem for path in FIXTURES}


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_every_released_schema_upgrades_with_its_data(fixture: Path, tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    shutil.copy(fixture, paths.database_file)
    candidates, offers = _count(fixture, "candidates"), _count(fixture, "offers")
    services, report = open_services(paths)
    try:
        assert schema.current_revision(services.database) == schema.SCHEMA_HEAD
        assert services.candidates.count() == candidates
        assert len(services.offers.list()) == offers
        assert report.created is False
        assert report.seeded_demo is False
    finally:
        services.close()


BATCH_MIGRATION = '''
"""rebuild the candidates table (as a batch drop_column does)"""
from alembic import op

revision = "9001"
down_revision = "{previous}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidates") as batch:
        batch.drop_column("phone")


def downgrade() -> None:
    pass
'''


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_a_batch_migration_keeps_child_rows_and_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = resolve_paths(tmp_path / "data")
    services, _ = open_services(paths)
    services.close()
    offers_before = _count(paths.database_file, "offers")
    calls_before = _count(paths.database_file, "call_logs")
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "9001_rebuild_candidates.py").write_text(
        BATCH_MIGRATION.format(previous=schema.SCHEMA_HEAD)
    )
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(schema, "SCHEMA_HEAD", "9001")

    services, report = open_services(paths)
    services.close()

    assert report.upgraded_from is not None
    assert report.backup is not None and report.backup.exists()
    assert _count(report.backup, "offers") == offers_before
    # With foreign keys on, rebuilding `candidates` would have cascaded into offers and calls.
    assert _count(paths.database_file, "offers") == offers_before
    assert _count(paths.database_file, "call_logs") == calls_before
    # The rebuild cannot carry the expression index over; the upgrade puts it back.
    connection = sqlite3.connect(paths.database_file)
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    connection.close()
    assert "ix_candidates_sort_name" in names


@pytest.mark.sqlite_only
def test_backup_copies_a_live_database(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A copy of the SQLite file while it is open (a server database is backed up by its administrator)."""
    copy = backup_sqlite(services.paths.database_file, tmp_path / "backups", "manual")
    assert _count(copy, "candidates") == services.candidates.count()
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_the_default_candidate_order_reads_an_index(services) -> None:  # type: ignore[no-untyped-def]
    query = "SELECT id FROM candidates ORDER BY lower(last_name), lower(first_name), id"
    with services.database.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}").fetchall()
            details = " ".join(str(row[-1]) for row in plan)
            assert "ix_candidates_sort_name" in details and "TEMP B-TREE" not in details
            return
        # PostgreSQL scans the demo's twenty rows rather than read an index: asked not to, it must be able to.
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        details = " ".join(str(row[0]) for row in connection.exec_driver_sql(f"EXPLAIN {query}"))
    assert "ix_candidates_sort_name" in details and "Sort" not in details


def _tables_and_columns(connection: sqlite3.Connection) -> dict[str, list[str]]:
    names = [
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not str(row[0]).startswith(("sqlite_", FTS_TABLE)) and row[0] != "alembic_version"
    ]
    return {name: [str(column[1]) for column in connection.execute(f"PRAGMA table_info({name})")] for name in names}


# Rows a start refreshes from what this release ships, by design: unedited shipped scripts and objections, the
# bundled letter templates, the shipped-content version. Everything else is the recruiter's and must carry over.
REFRESHED_FROM_THE_RELEASE = {
    "scripts": "user_modified = 0",
    "objections": "user_modified = 0",
    "letter_templates": "source = 'bundled'",
    "app_meta": "1 = 1",
}


def _contents(path: Path, columns: dict[str, list[str]]) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a checksum of the given columns over the user's rows, in primary-key order."""
    connection = sqlite3.connect(path)
    try:
        found = {}
        for table, names in columns.items():
            listed = ", ".join(f'"{name}"' for name in names)
            refreshed = REFRESHED_FROM_THE_RELEASE.get(table, "1 = 0")
            digest = hashlib.sha256()
            count = 0
            for row in connection.execute(f'SELECT {listed} FROM "{table}" WHERE NOT ({refreshed}) ORDER BY rowid'):
                digest.update(repr(tuple(row)).encode())
                count += 1
            found[table] = (count, digest.hexdigest())
        return found
    finally:
        connection.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_every_released_schema_upgrades_with_every_value_it_held(fixture: Path, tmp_path: Path) -> None:
    """Row counts and a checksum of every column that the upgrade carries over, table by table, are unchanged."""
    paths = resolve_paths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    before = tmp_path / "before.sqlite"
    shutil.copy(fixture, before)
    old = sqlite3.connect(before)
    try:
        # What a recruiter adds at that release, in plain SQL: an edited script, their own template.
        old.execute("UPDATE scripts SET title = title || ' (our wording ✓)', user_modified = 1 WHERE rowid = 1")
        old.execute(
            "INSERT INTO letter_templates (name, source, file_name, offer_type, locale, sha256, is_default, archived,"
            " added_at) VALUES ('Ours – Zürich', 'user', 'ours.docx', NULL, 'de_CH', 'ab', 0, 0, '2026-01-02 03:04:05')"
        )
        old.commit()
        before_columns = _tables_and_columns(old)
    finally:
        old.close()
    shutil.copy(before, paths.database_file)
    services, _report = open_services(paths, seed_demo_data=False)
    services.close()
    upgraded = sqlite3.connect(paths.database_file)
    try:
        after_columns = _tables_and_columns(upgraded)
    finally:
        upgraded.close()
    carried = {
        table: [name for name in names if name in after_columns.get(table, [])]
        for table, names in before_columns.items()
    }
    assert set(carried) <= set(after_columns), "an upgrade dropped a table"
    assert sum(len(names) for names in carried.values()) > 0
    assert _contents(paths.database_file, carried) == _contents(before, carried)
