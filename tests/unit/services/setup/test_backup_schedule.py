"""Backups on schedule: on start after a set interval, every half hour while data changes, before every import."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from offerdesk.errors import ValidationError
from offerdesk.services.setup.backups import BackupService
from offerdesk.services.setup.bootstrap import Services


def _age_all(services: Services, hours: float) -> None:
    moment = time.time() - hours * 3600
    for backup in services.backups.list():
        os.utime(backup.path, (moment, moment))


@pytest.mark.sqlite_only
def test_the_start_up_interval_is_a_bounded_setting_the_automatic_backup_follows(services: Services) -> None:
    """Backup files of the SQLite file (test_backups_on_a_server.py: what a server database does instead)."""
    assert services.settings.backup_interval() == timedelta(hours=24)
    services.settings.set("backup.interval_hours", "6")
    assert services.settings.backup_interval() == timedelta(hours=6)
    for wrong in ["0", "1000", "six", "2.5"]:
        with pytest.raises(ValidationError, match=r"backup\.interval_hours"):
            services.settings.set("backup.interval_hours", wrong)
    assert services.backups.automatic(interval=services.settings.backup_interval()) is not None
    _age_all(services, 5)
    assert services.backups.automatic(interval=timedelta(hours=6)) is None
    _age_all(services, 7)
    assert services.backups.automatic(interval=timedelta(hours=6)) is not None


@pytest.mark.sqlite_only
def test_a_periodic_backup_is_due_only_when_data_changed_and_the_last_is_half_an_hour_old(
    services: Services,
) -> None:
    """Backup files of the SQLite file (test_backups_on_a_server.py: what a server database does instead)."""
    now = datetime.now(UTC)
    assert services.backups.due(now, changed=True)  # no backup yet
    assert not services.backups.due(now, changed=False)
    services.backups.create("auto")
    assert not services.backups.due(datetime.now(UTC), changed=True)  # one was just made
    assert services.backups.due(datetime.now(UTC) + timedelta(minutes=31), changed=True)
    assert not services.backups.due(datetime.now(UTC) + timedelta(minutes=31), changed=False)


def test_a_database_on_a_server_is_never_due(tmp_path: Path) -> None:
    from offerdesk.storage.db import Database

    assert not BackupService(Database("sqlite://"), tmp_path / "b").due(datetime.now(UTC), changed=True)


def _before_import(services: Services) -> list[str]:
    return [backup.label for backup in services.backups.list() if backup.label == "before-import"]


@pytest.mark.sqlite_only
def test_an_offer_import_backs_up_once_first_and_a_refused_one_not_at_all(services: Services) -> None:
    """Backup files of the SQLite file (test_backups_on_a_server.py: what a server database does instead)."""
    offer_id = services.offers.list()[0].id
    document = services.offer_json.export(offer_id)
    services.offer_json.import_(document)
    assert _before_import(services) == ["before-import"]
    with pytest.raises(ValidationError):
        services.offer_json.import_({"format": "not an offer"})
    assert _before_import(services) == ["before-import"]


@pytest.mark.sqlite_only
def test_a_library_import_backs_up_once_first(services: Services, tmp_path: Path) -> None:
    """Backup files of the SQLite file (test_backups_on_a_server.py: what a server database does instead)."""
    services.library.export_library(tmp_path / "library.json")
    services.library.import_library(tmp_path / "library.json")
    assert _before_import(services) == ["before-import"]
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError):
        services.library.import_library(tmp_path / "broken.json")
    assert _before_import(services) == ["before-import"]


@pytest.mark.sqlite_only
def test_deleting_a_candidate_backs_up_the_database_first(services: Services) -> None:
    """Backup files of the SQLite file (test_backups_on_a_server.py: what a server database does instead)."""
    candidate = services.candidates.search("")[0]
    services.candidate_records.delete(candidate.id, with_offers=True)
    assert [b.label for b in services.backups.list()] == ["before-delete"]


@pytest.mark.sqlite_only
def test_resetting_the_demo_backs_up_the_database_first(services: Services) -> None:
    """Backup files of the SQLite file (test_backups_on_a_server.py: what a server database does instead)."""
    services.demo.reset()
    assert [b.label for b in services.backups.list()] == ["before-clear-demo"]
