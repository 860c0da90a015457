"""Backups a recruiter can rely on: made consistently, listed newest first, checked, restored, rotated."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.errors import DatabaseError
from offerdesk.services.setup.backups import BackupService
from offerdesk.services.setup.bootstrap import Services


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damaged_copy(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = bytes(b ^ 0xFF for b in data[middle : middle + 8192])
    target.write_bytes(bytes(data))
    return target


def _names(services: Services) -> list[str]:
    return [row.full_name for row in services.candidates.search("")]


@pytest.mark.sqlite_only
def test_create_lists_the_newest_first_with_label_time_and_size(services: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    first = services.backups.create()
    second = services.backups.create("weekly")
    listed = services.backups.list()
    assert [b.path for b in listed[:2]] == [second.path, first.path]
    assert listed[0].label == "weekly" and listed[1].label == "manual"
    assert listed[0].size == second.path.stat().st_size > 0
    assert listed[0].created >= listed[1].created


@pytest.mark.sqlite_only
def test_verify_says_ok_and_names_a_damaged_copy(services: Services, tmp_path: Path) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    backup = services.backups.create()
    assert "is intact" in services.backups.verify("1")
    damaged = _damaged_copy(backup.path, tmp_path / "damaged.sqlite")
    with pytest.raises(DatabaseError, match=r"damaged\.sqlite"):
        services.backups.verify(str(damaged))


@pytest.mark.sqlite_only
def test_restore_brings_back_a_deleted_candidate_and_keeps_the_state_before(services: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    mine = services.candidate_records.create(CandidateDraft("Ana", "Ramírez", ("ana@example.com",))).value
    services.backups.create()
    services.candidate_records.delete(mine)
    assert "Ana Ramírez" not in _names(services)
    sentence = services.backups.restore("1")
    assert "Ana Ramírez" in _names(services)
    assert sentence.startswith("Restored the backup of ") and "before-restore" in sentence
    before = services.backups.list()[0]
    assert before.label == "before-restore"
    with sqlite3.connect(before.path) as copy:
        names = [row[0] for row in copy.execute("SELECT first_name FROM candidates")]
    assert "Ana" not in names


@pytest.mark.sqlite_only
def test_a_backup_taken_while_another_thread_writes_restores_to_a_sound_database(services: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    live = services.paths.database_file
    started = threading.Event()

    def write() -> None:
        connection = sqlite3.connect(live, timeout=10)
        try:
            for number in range(200):
                with connection:
                    connection.execute("INSERT INTO app_meta (key, value) VALUES (?, ?)", (f"load:{number}", "x"))
                started.set()
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    started.wait(5)
    backup = services.backups.create()
    writer.join()
    services.backups.restore(str(backup.path))
    with sqlite3.connect(live) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert services.candidates.count() > 0


@pytest.mark.sqlite_only
def test_restoring_a_damaged_backup_refuses_and_leaves_the_live_database_alone(
    services: Services, tmp_path: Path
) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    backup = services.backups.create()
    damaged = _damaged_copy(backup.path, services.paths.backup_dir / "offerdesk-manual-20260101-120000.sqlite")
    services.database.dispose()
    live = services.paths.database_file
    before = _checksum(live)
    count = len(services.backups.list())
    with pytest.raises(DatabaseError, match=damaged.name):
        services.backups.restore(str(damaged))
    services.database.dispose()
    assert _checksum(live) == before
    assert len(services.backups.list()) == count  # nothing taken, nothing replaced


def _fake(folder: Path, label: str, when: datetime, number: int) -> Path:
    path = folder / f"offerdesk-{label}-{when:%Y%m%d-%H%M%S}-{number}.sqlite"
    path.write_bytes(b"SQLite format 3\x00")
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_prune_keeps_ten_recent_one_a_day_a_week_a_month_and_young_before_backups(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 12, 2, 14, 0)
    hourly = [_fake(folder, "auto", now - timedelta(hours=h), h) for h in range(30)]  # the last 30 hours
    daily = [_fake(folder, "auto", now - timedelta(days=d, hours=1), 100 + d) for d in range(2, 400)]
    young_before = _fake(folder, "before-restore", now - timedelta(days=3, hours=2), 900)
    old_before = _fake(folder, "before-import", now - timedelta(days=45, hours=3), 901)
    service = BackupService(None, folder, "offerdesk")
    removed = set(service.prune(now=now))
    kept = {p for p in folder.iterdir()}
    assert set(hourly[:10]) <= kept  # the ten newest
    assert young_before in kept
    days_kept = {datetime.fromtimestamp(p.stat().st_mtime).date() for p in kept}
    assert all((now - timedelta(days=d)).date() in days_kept for d in range(7))
    weeks_kept = {datetime.fromtimestamp(p.stat().st_mtime).isocalendar()[:2] for p in kept}
    assert all((now - timedelta(weeks=w)).isocalendar()[:2] in weeks_kept for w in range(5))
    months_kept = {(t.year, t.month) for t in (datetime.fromtimestamp(p.stat().st_mtime) for p in kept)}
    assert len(months_kept) >= 12
    assert len(kept) < 10 + 7 + 5 + 13 + 1
    assert daily[-1] in removed and not daily[-1].exists()
    assert old_before in removed  # a copy from before an import is protected for a week only


def test_prune_never_removes_the_only_backup(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    only = _fake(folder, "auto", datetime(2020, 1, 1), 1)
    assert BackupService(None, folder, "offerdesk").prune() == []
    assert only.exists()


@pytest.mark.sqlite_only
def test_an_automatic_backup_is_taken_only_when_the_newest_is_a_day_old(services: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    first = services.backups.automatic()
    assert first is not None and first.label == "auto"
    assert services.backups.automatic() is None
    day_ago = time.time() - 25 * 3600
    for backup in services.backups.list():
        os.utime(backup.path, (day_ago, day_ago))
    assert services.backups.automatic() is not None


def test_a_database_on_a_server_is_told_its_servers_backups_apply(tmp_path: Path) -> None:
    from offerdesk.storage.db import Database

    service = BackupService(Database("sqlite://"), tmp_path / "backups")
    assert "server's own backups apply" in (service.not_applicable() or "")
    with pytest.raises(DatabaseError, match="server's own backups apply"):
        service.create()
