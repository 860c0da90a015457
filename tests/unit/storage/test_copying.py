"""Copying a database between SQLite and PostgreSQL: the checksum agrees across engines, a failure keeps nothing."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text, update

from offerdesk.domain.offers import OfferType
from offerdesk.errors import DatabaseError, ValidationError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.db_copy import DatabaseCopy
from offerdesk.storage import schema
from offerdesk.storage.copying import copied_tables, count_rows, database_checksum
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Offer
from tests.offer_factory import make_offer
from tests.postgres import database_url, postgres_url, server_admin  # noqa: F401 - fixture

FIXTURES = Path(__file__).parents[2] / "fixtures" / "schemas"


def _demo_file(paths: AppPaths) -> str:
    """The demo data plus an offer with every optional term, in the data folder's SQLite file."""
    services, _ = open_services(paths)
    make_offer(services, OfferType.CONTRACT, "de_DE", "EUR")
    services.close()
    return str(paths.database_file)


def _copy(source: str, target: str, backup_dir: Path, *, replace: bool = False) -> None:
    copier = DatabaseCopy(source, target, backup_dir)
    try:
        copier.run(replace=replace)
    finally:
        copier.close()


def _checksums(url: str) -> dict[str, str]:
    database = Database(url if "://" in url else f"sqlite:///{url}")
    try:
        with database.engine.connect() as connection, connection.begin():
            return database_checksum(connection)
    finally:
        database.dispose()


def _counts(url: str) -> dict[str, int]:
    database = Database(url if "://" in url else f"sqlite:///{url}")
    try:
        with database.engine.connect() as connection, connection.begin():
            return {model.name: count_rows(connection, model) for model in copied_tables()}
    finally:
        database.dispose()


def _execute(url: str, *statements: str) -> None:
    database = Database(url if "://" in url else f"sqlite:///{url}")
    try:
        with database.engine.connect() as connection, connection.begin():
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        database.dispose()


def test_the_same_data_has_the_same_checksum_on_sqlite_and_postgresql(paths: AppPaths, postgres_url: str) -> None:  # noqa: F811
    source = _demo_file(paths)
    _copy(source, postgres_url, paths.backup_dir)

    on_sqlite, on_server = _checksums(source), _checksums(postgres_url)
    assert on_sqlite == on_server
    assert len(set(on_sqlite.values())) == len(on_sqlite)  # every table has a checksum of its own

    database = Database(postgres_url)
    with database.transaction() as session:  # one date of one offer, a day later
        offer = session.get(Offer, 1)
        assert offer is not None and offer.expires_on is not None
        session.execute(update(Offer).where(Offer.id == 1).values(expires_on=offer.expires_on.replace(day=2)))
    database.dispose()
    changed = _checksums(postgres_url)
    # the offer changed, and the server's audit log recorded the change
    assert [name for name in changed if changed[name] != on_sqlite[name]] == ["audit_log", "offers"]


def test_json_moves_as_written_json_null_included(paths: AppPaths, postgres_url: str) -> None:  # noqa: F811
    source = _demo_file(paths)
    written = '["Vertraulichkeit – NDA",  "Ä"]'
    _execute(source, f"UPDATE offer_versions SET required_agreements = '{written}' WHERE id = 1",
             "UPDATE offer_versions SET required_agreements = 'null' WHERE id = 2")  # fmt: skip
    _copy(source, postgres_url, paths.backup_dir)

    database = Database(postgres_url)
    with database.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, required_agreements::text FROM offer_versions WHERE id IN (1, 2) ORDER BY id")
        ).all()
    database.dispose()
    assert [tuple(row) for row in rows] == [(1, written), (2, "null")]
    assert _checksums(source) == _checksums(postgres_url)


def test_a_revision_whose_parent_offer_has_a_later_id_is_copied(paths: AppPaths, postgres_url: str) -> None:  # noqa: F811
    source = _demo_file(paths)
    _execute(source, "UPDATE offers SET parent_offer_id = (SELECT max(id) FROM offers) WHERE id = 1")
    _copy(source, postgres_url, paths.backup_dir)
    assert _checksums(source) == _checksums(postgres_url)


def test_the_next_id_on_the_server_follows_the_copied_ones(paths: AppPaths, postgres_url: str) -> None:  # noqa: F811
    source = _demo_file(paths)
    _copy(source, postgres_url, paths.backup_dir)
    services, _ = open_services(paths, postgres_url)
    new_id = make_offer(services, OfferType.WRITTEN, "en_US", "USD")
    services.close()
    assert new_id == _counts(source)["offers"] + 1


def test_a_target_that_fails_midway_is_left_unchanged(paths: AppPaths, postgres_url: str) -> None:  # noqa: F811
    source = _demo_file(paths)
    target = Database(postgres_url)
    schema.upgrade(target, None)
    target.dispose()
    _execute(
        postgres_url,
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no follow-ups here'; END $$ "
        "LANGUAGE plpgsql",
        "CREATE TRIGGER refuse BEFORE INSERT ON follow_ups FOR EACH ROW EXECUTE FUNCTION refuse()",
    )
    with pytest.raises(DatabaseError, match="no follow-ups here"):
        _copy(source, postgres_url, paths.backup_dir)
    assert set(_counts(postgres_url).values()) == {0}  # the tables before follow_ups were rolled back too


def test_a_replace_that_fails_midway_keeps_the_data_that_was_there(paths: AppPaths, tmp_path: Path) -> None:
    source = _demo_file(paths)
    target = tmp_path / "target.sqlite"
    _copy(source, str(target), paths.backup_dir)
    refuse = "CREATE TRIGGER refuse BEFORE INSERT ON call_logs BEGIN SELECT RAISE(ABORT, 'no calls here'); END"
    _execute(str(target), "DELETE FROM offers WHERE id = 1", refuse)
    before = _checksums(str(target))

    with pytest.raises(DatabaseError, match="no calls here"):
        _copy(source, str(target), paths.backup_dir, replace=True)
    assert _checksums(str(target)) == before


def test_a_copy_that_does_not_match_its_source_is_rolled_back(paths: AppPaths, tmp_path: Path) -> None:
    source = _demo_file(paths)
    target = tmp_path / "target.sqlite"
    database = Database(f"sqlite:///{target}")
    schema.upgrade(database, None)
    database.dispose()
    _execute(str(target), "CREATE TRIGGER alter_notes AFTER INSERT ON candidates BEGIN "
             "UPDATE candidates SET notes = notes || '.' WHERE id = new.id; END")  # fmt: skip

    with pytest.raises(DatabaseError, match=r"did not match .* in candidates \(21 rows\)"):
        _copy(source, str(target), paths.backup_dir)
    assert set(_counts(str(target)).values()) == {0}


def test_a_source_at_an_older_schema_is_refused_with_the_upgrade_to_run(paths: AppPaths, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "0004.sqlite", old)
    before = old.read_bytes()
    with pytest.raises(DatabaseError, match=rf"schema 0004, not the current {schema.SCHEMA_HEAD}; run `offerdesk db"):
        _copy(str(old), str(tmp_path / "new.sqlite"), paths.backup_dir)
    assert old.read_bytes() == before


def test_a_target_holding_data_is_refused_without_replace(paths: AppPaths, tmp_path: Path) -> None:
    source = _demo_file(paths)
    target = tmp_path / "target.sqlite"
    _copy(source, str(target), paths.backup_dir)
    _execute(str(target), "UPDATE candidates SET notes = 'mine' WHERE id = 1")
    before = _checksums(str(target))
    with pytest.raises(ValidationError, match=r"already holds OfferDesk data \(21 candidates, 12 offers and"):
        _copy(source, str(target), paths.backup_dir)
    assert _checksums(str(target)) == before


def test_the_server_triggers_see_the_copy_as_a_bulk_copy(paths: AppPaths, postgres_url: str) -> None:  # noqa: F811
    """The audit and change-notice triggers skip a copy's rows by `offerdesk.bulk_copy`; it is on for the copy only."""
    source = _demo_file(paths)
    target = Database(postgres_url)
    schema.upgrade(target, None)
    target.dispose()
    _execute(
        postgres_url,
        "CREATE FUNCTION only_in_bulk() RETURNS trigger AS $$ BEGIN "
        "IF current_setting('offerdesk.bulk_copy', true) IS DISTINCT FROM 'on' THEN RAISE EXCEPTION 'audited'; "
        "END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER only_in_bulk BEFORE INSERT ON candidates FOR EACH ROW EXECUTE FUNCTION only_in_bulk()",
    )
    _copy(source, postgres_url, paths.backup_dir)
    with pytest.raises(Exception, match="audited"):
        _execute(postgres_url, "INSERT INTO candidates (first_name, last_name, email) VALUES ('A', 'B', 'c@d.e')")


def test_a_new_file_is_not_left_behind_when_the_copy_fails(paths: AppPaths, tmp_path: Path) -> None:
    source = _demo_file(paths)
    _execute(source, "UPDATE offers SET created_at = 'last tuesday' WHERE id = 3")
    target = tmp_path / "new.sqlite"
    with pytest.raises(DatabaseError, match=r"A value in the table offers of .* cannot be read"):
        _copy(source, str(target), paths.backup_dir)
    assert list(tmp_path.glob("new.sqlite*")) == []


def test_one_server_database_copies_to_another(paths: AppPaths, postgres_server: str, postgres_url: str) -> None:  # noqa: F811
    import psycopg

    source = _demo_file(paths)
    _copy(source, postgres_url, paths.backup_dir)
    name = f"copy_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_admin(postgres_server), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    second = database_url(postgres_server, name)
    _copy(postgres_url, second, paths.backup_dir)
    assert _checksums(second) == _checksums(postgres_url) == _checksums(source)
