"""Random damage, seeded so every run tries the same: bytes flipped in random pages of the database or of a -wal a
crash left, and the file cut short. Every trial is either refused at start (one sentence naming the file, every byte
of the database and its -wal as before) or passes every check SQLite has on a copy (integrity_check, foreign keys,
FTS5's own check of the search index).

Such a pass mostly reads the same as before (the flip hit free space); sometimes a value in a column no index covers
changed: SQLite keeps no checksum of its pages, so no check can tell that from an edit. Those are counted as "silent".
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from offerdesk.errors import DatabaseError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.wal_file import wal_path
from tests.helpers import digest
from tests.unit.storage.test_wal_guard import crash_after_writing, create_database

PAGE = 4096
DATABASE_TRIALS = 40
WAL_TRIALS = 20


def _flip_randomly(path: Path, rng: random.Random, page_size: int, header: int = 0) -> None:
    """A few bytes at one random place in one random page XORed with random non-zero values."""
    data = bytearray(path.read_bytes())
    pages = (len(data) - header) // page_size
    start = header + rng.randrange(pages) * page_size + rng.randrange(page_size)
    for index in range(start, min(start + rng.randint(1, 8), len(data))):
        data[index] ^= rng.randint(1, 255)
    path.write_bytes(bytes(data))


def _every_row(connection: sqlite3.Connection) -> list[tuple[object, ...]]:
    """Every row of every table, the schema included: what 'reads the same' compares."""
    rows: list[tuple[object, ...]] = list(connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"))
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        rows.extend(sorted(connection.execute(f'SELECT * FROM "{table.decode()}"'), key=repr))
    return rows


def _sound_copy(database: Path, scratch: Path) -> tuple[bool, list[tuple[object, ...]]]:
    """A copy (with its -wal, when there is one) replayed and checked: sound, and what its candidates read."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir()
    copy = scratch / database.name
    shutil.copyfile(database, copy)
    if wal_path(database).exists():
        shutil.copyfile(wal_path(database), wal_path(copy))
    try:
        connection = sqlite3.connect(copy)
        connection.text_factory = bytes
        try:
            sound = connection.execute("PRAGMA integrity_check").fetchall() == [(b"ok",)]
            sound = sound and not connection.execute("PRAGMA foreign_key_check").fetchall()
            connection.execute("INSERT INTO candidates_fts(candidates_fts, rank) VALUES ('integrity-check', 1)")
            rows = _every_row(connection) if sound else []
        finally:
            connection.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # a damaged schema can garble SQLite's own message
        return False, []
    return sound, rows


def _fingerprint(paths: AppPaths) -> tuple[str, str | None]:
    wal = wal_path(paths.database_file)
    return digest(paths.database_file), digest(wal) if wal.exists() else None


def _start(paths: AppPaths) -> DatabaseError | None:
    try:
        services, _ = open_services(paths)
    except DatabaseError as error:
        return error
    services.close()
    return None


def _restore_folder(pristine: Path, paths: AppPaths) -> None:
    shutil.rmtree(paths.data_dir)
    shutil.copytree(pristine, paths.data_dir)


def _trial(paths: AppPaths, scratch: Path, expected_rows: list[tuple[object, ...]]) -> str:
    """'detected', 'harmless' or 'silent'; fails the test when a damaged file got through or a refused one changed."""
    sound, rows = _sound_copy(paths.database_file, scratch)
    before = _fingerprint(paths)
    refused = _start(paths)
    if refused is not None:
        assert str(paths.database_file) in str(refused)
        assert _fingerprint(paths) == before, "a refused database was changed"
        return "detected"
    assert sound, "damage got through the start-up check"
    return "harmless" if rows == expected_rows else "silent"


def test_random_page_flips_in_the_database(paths: AppPaths, tmp_path: Path) -> None:
    create_database(paths)
    pristine = tmp_path / "pristine"
    shutil.copytree(paths.data_dir, pristine)
    _sound, expected = _sound_copy(paths.database_file, tmp_path / "scratch")
    rng = random.Random(20261202)
    outcomes = []
    for _ in range(DATABASE_TRIALS):
        _restore_folder(pristine, paths)
        _flip_randomly(paths.database_file, rng, PAGE)
        outcomes.append(_trial(paths, tmp_path / "scratch", expected))
    print(
        f"database page flips: {len(outcomes)} trials, {outcomes.count('detected')} detected, "
        f"{outcomes.count('harmless')} harmless, {outcomes.count('silent')} silent"
    )
    assert outcomes.count("detected") >= 1


def test_random_page_flips_in_a_wal_a_crash_left(paths: AppPaths, tmp_path: Path) -> None:
    create_database(paths)
    crash_after_writing(paths, "Crashed-")
    pristine = tmp_path / "pristine"
    shutil.copytree(paths.data_dir, pristine)
    _sound, expected = _sound_copy(paths.database_file, tmp_path / "scratch")
    rng = random.Random(20261203)
    outcomes = []
    for _ in range(WAL_TRIALS):
        _restore_folder(pristine, paths)
        _flip_randomly(wal_path(paths.database_file), rng, PAGE + 24, header=32)
        outcomes.append(_trial(paths, tmp_path / "scratch", expected))
    print(f"-wal page flips: {len(outcomes)} trials, {outcomes.count('detected')} detected")
    assert outcomes == ["detected"] * WAL_TRIALS  # every byte of a frame is under its checksum


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.75, 0.999])
def test_a_database_cut_short_is_refused_unchanged(paths: AppPaths, keep: float) -> None:
    create_database(paths)
    database = paths.database_file
    with database.open("r+b") as handle:
        handle.truncate(int(database.stat().st_size * keep))
    before = _fingerprint(paths)
    refused = _start(paths)
    assert refused is not None and str(database) in str(refused)
    assert _fingerprint(paths) == before


@pytest.mark.parametrize("pages_kept", [1, 2, 5])
def test_a_database_cut_at_a_page_boundary_is_refused_unchanged(paths: AppPaths, pages_kept: int) -> None:
    create_database(paths)
    database = paths.database_file
    with database.open("r+b") as handle:
        handle.truncate(PAGE * pages_kept)
    before = _fingerprint(paths)
    refused = _start(paths)
    assert refused is not None and str(database) in str(refused)
    assert _fingerprint(paths) == before
