"""A database the user points at that OfferDesk cannot or must not use is refused, and left byte-for-byte alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from offerdesk.errors import DatabaseError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import open_services
from tests.helpers import digest, hold_exclusive_lock, make_foreign_sqlite


def _open(paths: AppPaths, target: Path) -> None:
    services, _ = open_services(paths, f"sqlite:///{target}")
    services.close()


@pytest.mark.sqlite_only
def test_a_new_database_is_created_with_wal_and_foreign_keys(services) -> None:  # type: ignore[no-untyped-def]
    """SQLite's per-file journal mode and per-connection foreign keys (a server always enforces its keys)."""
    with services.database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_missing_folder_is_named(paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "offers.sqlite"
    with pytest.raises(DatabaseError, match="no-such-folder does not exist"):
        _open(paths, target)
    assert not target.parent.exists()


def test_read_only_file_is_refused_unchanged(paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "shared.sqlite"
    _open(paths, target)
    before = digest(target)
    target.chmod(0o444)
    with pytest.raises(DatabaseError, match="read-only"):
        _open(paths, target)
    assert digest(target) == before


def test_a_file_that_is_not_a_database_is_refused_unchanged(paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "offers.sqlite"
    target.write_text("name,email\nAda,ada@example.com\n")
    before = digest(target)
    with pytest.raises(DatabaseError, match="not an OfferDesk database"):
        _open(paths, target)
    assert digest(target) == before


def test_another_programs_database_is_refused_unchanged(paths: AppPaths, tmp_path: Path) -> None:
    target = make_foreign_sqlite(tmp_path / "notes.sqlite")
    before = digest(target)
    with pytest.raises(DatabaseError, match="another program"):
        _open(paths, target)
    assert digest(target) == before


def test_a_locked_database_is_reported_as_locked(paths: AppPaths, tmp_path: Path) -> None:
    target = make_foreign_sqlite(tmp_path / "busy.sqlite")
    holder = hold_exclusive_lock(target)
    try:
        before = digest(target)
        with pytest.raises(DatabaseError, match="is busy"):
            _open(paths, target)
        assert digest(target) == before
    finally:
        holder.kill()
        holder.wait()


def test_a_newer_schema_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    target = tmp_path / "future.sqlite"
    _open(paths, target)
    connection = sqlite3.connect(target)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = digest(target)
    with pytest.raises(DatabaseError, match="newer OfferDesk"):
        _open(paths, target)
    assert digest(target) == before


@pytest.mark.parametrize(
    ("url", "message"),
    [("::nonsense", "not a database URL"), ("mysql://user@host/db", "not mysql")],
)
def test_unusable_urls_get_one_sentence(paths: AppPaths, url: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message):
        open_services(paths, url)
