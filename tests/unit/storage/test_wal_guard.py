"""A -wal that is not the database's own is refused before SQLite replays it, and both files are left as they were.

Real files throughout: a -wal saved from an earlier state of the same database, one copied from another OfferDesk
database, one a crash left behind (ours: replayed), and one a crash left that went missing, was swapped or cut short.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from offerdesk.errors import DatabaseDamaged
from offerdesk.paths import AppPaths, resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.wal_file import summarize_wal, wal_path
from offerdesk.storage.wal_guard import open_markers
from tests.helpers import digest

CRASH_AFTER_WRITING = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import text
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import Services, open_services

    services, _ = open_services(resolve_paths(sys.argv[1]))
    with services.database.transaction() as session:
        session.execute(text("UPDATE candidates SET first_name = :name || id"), {"name": sys.argv[2]})
    os._exit(0)  # no close, no checkpoint: what a power cut or a kill leaves
    """
)


def create_database(paths: AppPaths) -> None:
    services, _ = open_services(paths)
    services.close()


def _rename_all(paths: AppPaths, prefix: str) -> None:
    services, _ = open_services(paths)
    try:
        with services.database.transaction() as session:
            session.execute(text("UPDATE candidates SET first_name = :prefix || id"), {"prefix": prefix})
    finally:
        services.close()


def crash_after_writing(paths: AppPaths, prefix: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_WRITING, str(paths.data_dir), prefix], check=True, env=env, timeout=120
    )
    assert summarize_wal(wal_path(paths.database_file)).replays, "the crash left no changes in the -wal"


def _first_names(path: Path) -> set[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT first_name FROM candidates")}
    finally:
        connection.close()


def _names_through(services: Services) -> set[str]:
    with services.database.transaction(read_only=True) as session:
        return set(session.scalars(text("SELECT first_name FROM candidates")))


def _refused_unchanged(paths: AppPaths, *words: str) -> str:
    """Starting is refused with one sentence; the database and its -wal keep every byte."""
    database, wal = paths.database_file, wal_path(paths.database_file)
    before = (digest(database), digest(wal) if wal.exists() else None)
    with pytest.raises(DatabaseDamaged) as refused:
        open_services(paths)
    sentence = str(refused.value)
    assert str(database) in sentence and "nothing was changed" in sentence
    for word in words:
        assert word in sentence
    assert (digest(database), digest(wal) if wal.exists() else None) == before
    return sentence


def test_a_clean_close_leaves_no_wal_and_no_marker(paths: AppPaths) -> None:
    _rename_all(paths, "Closed-")
    assert not wal_path(paths.database_file).exists()
    assert open_markers(paths.database_file) == []


def test_a_wal_saved_from_an_earlier_state_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    create_database(paths)
    services, _ = open_services(paths)
    with services.database.transaction() as session:
        session.execute(text("UPDATE candidates SET first_name = 'Earlier-' || id"))
    saved = tmp_path / "saved-wal"
    shutil.copy(wal_path(paths.database_file), saved)  # e.g. a folder sync or copy taken while the app ran
    with services.database.transaction() as session:
        session.execute(text("UPDATE candidates SET first_name = 'Later-' || id"))
    services.close()
    later = _first_names(paths.database_file)
    shutil.copy(saved, wal_path(paths.database_file))
    _refused_unchanged(paths, "-wal", "did not leave there")
    wal_path(paths.database_file).unlink()
    assert _first_names(paths.database_file) == later


def test_a_wal_copied_from_another_database_is_refused(tmp_path: Path) -> None:
    ours, theirs = resolve_paths(tmp_path / "ours"), resolve_paths(tmp_path / "theirs")
    _rename_all(ours, "Ours-")
    create_database(theirs)
    services, _ = open_services(theirs)
    with services.database.transaction() as session:
        session.execute(text("UPDATE candidates SET first_name = 'Theirs-' || id"))
    shutil.copy(wal_path(theirs.database_file), wal_path(ours.database_file))
    services.close()
    _refused_unchanged(ours, "another database")


def test_a_crash_leaves_a_wal_that_is_replayed(paths: AppPaths) -> None:
    create_database(paths)
    crash_after_writing(paths, "Crashed-")
    assert open_markers(paths.database_file), "the crashed process left its marker"
    services, _ = open_services(paths)
    try:
        names = _names_through(services)
    finally:
        services.close()
    assert names and all(name.startswith("Crashed-") for name in names)
    assert open_markers(paths.database_file) == []


def test_after_a_crash_a_wal_from_another_database_is_refused(tmp_path: Path) -> None:
    ours, theirs = resolve_paths(tmp_path / "ours"), resolve_paths(tmp_path / "theirs")
    create_database(ours)
    create_database(theirs)
    crash_after_writing(ours, "Ours-")
    crash_after_writing(theirs, "Theirs-")
    shutil.copy(wal_path(theirs.database_file), wal_path(ours.database_file))
    _refused_unchanged(ours, "not the one OfferDesk was writing", "stopped without closing it")


def test_after_a_crash_a_missing_wal_is_refused(paths: AppPaths, tmp_path: Path) -> None:
    create_database(paths)
    crash_after_writing(paths, "Crashed-")
    shutil.move(wal_path(paths.database_file), tmp_path / "moved-wal")
    _refused_unchanged(paths, "is missing its -wal file", "latest changes")


def test_after_a_crash_a_wal_cut_short_is_refused(paths: AppPaths) -> None:
    create_database(paths)
    crash_after_writing(paths, "Crashed-")
    wal = wal_path(paths.database_file)
    frame = 24 + 4096
    with wal.open("r+b") as handle:
        handle.truncate(32 + frame * (summarize_wal(wal).committed_frames - 1))
    _refused_unchanged(paths, "shorter than when")


def test_the_window_and_a_command_share_the_database(paths: AppPaths) -> None:
    """A running OfferDesk's -wal is live, not foreign: a second process (here: a second opening) runs alongside."""
    create_database(paths)
    window, _ = open_services(paths)
    try:
        with window.database.transaction() as session:
            session.execute(text("UPDATE candidates SET first_name = 'Window-' || id"))
        assert summarize_wal(wal_path(paths.database_file)).replays
        command, _ = open_services(paths)
        try:
            assert all(name.startswith("Window-") for name in _names_through(command))
        finally:
            command.close()
    finally:
        window.close()
    assert open_markers(paths.database_file) == []
