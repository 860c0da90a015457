"""A damaged database is noticed when OfferDesk starts, before anything writes, and the file is left as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from offerdesk.errors import DatabaseDamaged, DatabaseError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import open_services
from tests.helpers import digest


def _make_database(paths: AppPaths) -> Path:
    services, _ = open_services(paths)
    services.close()
    return paths.database_file


def _integrity_ok(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        connection.text_factory = bytes
        try:
            return connection.execute("PRAGMA integrity_check").fetchall() == [(b"ok",)]
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # a damaged schema can garble SQLite's own message
        return False


def _flip(path: Path, offset: int, width: int = 16) -> None:
    data = bytearray(path.read_bytes())
    for index in range(offset, min(offset + width, len(data))):
        data[index] ^= 0xFF
    path.write_bytes(bytes(data))


def _open(paths: AppPaths) -> None:
    services, _ = open_services(paths)
    services.close()


def test_a_healthy_database_opens_as_before(paths: AppPaths) -> None:
    _make_database(paths)
    services, report = open_services(paths)
    try:
        assert not report.created
        assert services.candidates.ids()
    finally:
        services.close()


def test_every_damaged_copy_is_refused_and_left_unchanged(paths: AppPaths, tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.sqlite"
    shutil.copy(_make_database(paths), pristine)
    page = 4096
    pages = pristine.stat().st_size // page
    damaged_cases = 0
    # The middle of each page, and near its end where SQLite keeps the cells: rows of tables and index entries.
    for offset in [number * page + within for number in range(1, pages) for within in (page // 2, page - 200)]:
        shutil.copy(pristine, paths.database_file)
        _flip(paths.database_file, offset)
        if _integrity_ok(paths.database_file):
            continue
        damaged_cases += 1
        before = digest(paths.database_file)
        with pytest.raises(DatabaseDamaged) as refused:
            _open(paths)
        sentence = str(refused.value)
        assert str(paths.database_file) in sentence
        assert "nothing was changed" in sentence
        assert digest(paths.database_file) == before, f"the file changed after the flip at {offset}"
    assert damaged_cases >= 10


def test_the_newest_backup_is_offered(paths: AppPaths) -> None:
    database = _make_database(paths)
    paths.backup_dir.mkdir()
    older = paths.backup_dir / "offerdesk-auto-20261201-090000.sqlite"
    newer = paths.backup_dir / "offerdesk-auto-20261202-140500.sqlite"
    for backup in (older, newer):
        shutil.copy(database, backup)
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    with pytest.raises(DatabaseDamaged) as refused:
        _open(paths)
    assert "the newest backup is backups/offerdesk-auto-20261202-140500.sqlite" in str(refused.value)
    assert "restores it" in str(refused.value) and "`offerdesk backup restore " in str(refused.value)


def test_a_truncated_file_is_refused_unchanged(paths: AppPaths) -> None:
    database = _make_database(paths)
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    before = digest(database)
    with pytest.raises(DatabaseDamaged, match="nothing was changed"):
        _open(paths)
    assert digest(database) == before


def test_an_empty_file_is_not_replaced_by_a_new_database(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.database_file.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="is empty") as refused:
        _open(paths)
    assert str(paths.database_file) in str(refused.value)
    assert paths.database_file.read_bytes() == b""


def test_a_garbage_file_is_refused_unchanged(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.database_file.write_bytes(bytes(range(256)) * 64)
    before = digest(paths.database_file)
    with pytest.raises(DatabaseError) as refused:
        _open(paths)
    assert str(paths.database_file) in str(refused.value)
    assert digest(paths.database_file) == before


def test_a_missing_file_is_a_first_run(paths: AppPaths) -> None:
    services, report = open_services(paths)
    services.close()
    assert report.created and report.seeded_demo


def _names(path: Path) -> list[tuple[int, str]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT id, first_name FROM candidates ORDER BY id").fetchall()
    finally:
        connection.close()


def test_a_wal_copied_from_another_database_is_refused_or_harmless(tmp_path: Path) -> None:
    from offerdesk.paths import resolve_paths

    ours, theirs = resolve_paths(tmp_path / "ours"), resolve_paths(tmp_path / "theirs")
    _make_database(ours)
    with sqlite3.connect(ours.database_file) as connection:
        connection.execute("UPDATE candidates SET first_name = 'Ours-' || id")
    connection.close()
    rows = _names(ours.database_file)
    _make_database(theirs)
    other = sqlite3.connect(theirs.database_file)
    other.execute("PRAGMA wal_autocheckpoint=0")  # keep their change in their -wal file
    other.execute("UPDATE candidates SET first_name = 'Theirs-' || id")
    other.commit()
    wal = "offerdesk.sqlite-wal"
    shutil.copy(theirs.database_file.with_name(wal), ours.database_file.with_name(wal))
    other.close()
    try:
        _open(ours)
    except DatabaseDamaged:
        return  # refused: nothing was replayed over our rows
    assert _names(ours.database_file) == rows
    assert _integrity_ok(ours.database_file)
