"""On a PostgreSQL server the "backup first" of a destructive action is the server's own (its administrator's
pg_dump, its audit log): the action goes ahead, no backup file is written, and nothing claims one was."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.errors import DatabaseError
from offerdesk.services.setup.bootstrap import Services
from tests.unit.cli.cli_run import database_args, run

ADMINISTRATOR = "the server's administrator backs it up (with pg_dump, for example)"


@pytest.fixture
def server(services: Services, db_url: str | None) -> Services:
    if db_url is None:
        pytest.skip("a SQLite file is backed up first: test_backup_schedule.py and test_backups.py")
    return services


def _backup_files(services: Services) -> list[str]:
    """Backup files of the database (not the copies of deleted candidates kept for Undo)."""
    folder = services.paths.backup_dir
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def _cli(capsys: pytest.CaptureFixture[str], services: Services, *args: str) -> tuple[int, str, str]:
    data = ["--data-dir", str(services.paths.data_dir), *database_args(services.database.url)]
    return run(capsys, *data, *args)


def test_deleting_a_candidate_goes_ahead_without_a_backup_file(server: Services) -> None:
    candidate = server.candidates.search("")[0]
    deleted = server.candidate_records.delete(candidate.id, with_offers=True).value
    assert candidate.id not in server.candidates.ids("")
    assert deleted.saved_to is not None and deleted.saved_to.exists()  # the copy Undo and a restore of it use
    assert _backup_files(server) == []


def test_resetting_and_clearing_the_demo_go_ahead_without_a_backup_file(server: Services) -> None:
    server.demo.reset()
    assert server.candidates.count() == 20
    mine = server.candidate_records.create(CandidateDraft("Ana", "Ramírez", ("ana@example.com",))).value
    report = server.demo.clear_with_report().value
    assert report.backup is None and "saved first" not in report.sentence()
    assert server.candidates.ids("") == [mine]
    assert _backup_files(server) == []


def test_an_offer_import_and_a_library_import_go_ahead_without_a_backup_file(server: Services, tmp_path: Path) -> None:
    offers = len(server.offers.list())
    server.offer_json.import_(server.offer_json.export(server.offers.list()[0].id))
    assert len(server.offers.list()) == offers + 1
    server.library.export_library(tmp_path / "library.json")
    server.library.import_library(tmp_path / "library.json")
    assert _backup_files(server) == []


def test_erase_and_anonymise_go_ahead_without_a_backup_file(server: Services) -> None:
    from offerdesk.services.privacy.service import privacy_service

    privacy = privacy_service(server)
    first, second = server.candidates.search("")[:2]
    assert privacy.erase(first.id).value.backup is None
    assert privacy.anonymise(second.id).value.backup is None
    assert first.id not in server.candidates.ids("")
    assert _backup_files(server) == []


def test_the_automatic_and_periodic_backups_make_nothing_and_their_setting_still_saves(server: Services) -> None:
    server.settings.set("backup.interval_hours", "6")
    assert server.settings.backup_interval() == timedelta(hours=6)
    assert server.backups.automatic(interval=server.settings.backup_interval()) is None
    assert not server.backups.due(datetime.now(UTC) + timedelta(days=2), changed=True)
    server.settings.set_backup_encrypted(True)  # a setting of the database, for when it is copied to a file
    server.demo.clear()
    assert _backup_files(server) == []


def test_a_restore_names_the_servers_own_backups(server: Services) -> None:
    with pytest.raises(DatabaseError, match="server's administrator backs it up"):
        server.backups.restore("1")


def test_the_backup_commands_say_the_administrator_backs_a_server_up(
    server: Services, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _cli(capsys, server, "backup", "create")
    assert code == 1 and out == "" and ADMINISTRATOR in err and "Backed up" not in err
    code, out, _ = _cli(capsys, server, "backup", "list")
    assert code == 0 and ADMINISTRATOR in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = _cli(capsys, server, "backup", "restore", "1", "--yes")
    assert code == 1 and ADMINISTRATOR in err and "There is no backup" not in err
    code, out, err = _cli(capsys, server, "backup", "encrypt", "on")
    assert code == 1 and ADMINISTRATOR in err and "encrypted" not in out
    assert _backup_files(server) == []


def test_the_commands_that_change_much_claim_no_backup_on_a_server(
    server: Services, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    candidate = str(server.candidates.search("")[0].id)
    code, out, _ = _cli(capsys, server, "privacy", "erase", "--candidate", candidate)
    assert code == 1 and "add --yes to erase" in out and "backup of the database" not in out
    code, out, _ = _cli(capsys, server, "privacy", "erase", "--candidate", candidate, "--yes")
    assert code == 0 and "Erased" in out and "Backed up" not in out
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Email\nBea Okafor,bea@example.com\n", encoding="utf-8")
    code, out, _ = _cli(capsys, server, "candidates", "import", str(sheet))
    assert code == 0 and "Backup of the database" not in out
    code, out, _ = _cli(capsys, server, "demo", "--clear")
    assert code == 0 and "saved first" not in out
    assert _backup_files(server) == []
