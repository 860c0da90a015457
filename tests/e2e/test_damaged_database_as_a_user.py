"""The window, started on a damaged database, says what it found and that nothing was changed; it never opens it."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.conftest import Runner
from tests.helpers import digest

SMOKE = {"OFFERDESK_SMOKE_TEST": "1"}


def test_the_window_refuses_a_damaged_database_and_offers_the_backup(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), "info")
    assert created.returncode == 0, created.stderr
    database = data / "offerdesk.sqlite"
    (data / "backups").mkdir()
    (data / "backups" / "offerdesk-auto-20261202-140500.sqlite").write_bytes(database.read_bytes())
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    before = digest(database)
    result = run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), env=SMOKE)
    assert result.returncode == 1
    assert "OfferDesk found a damaged database" in result.stderr
    assert "nothing was changed" in result.stderr
    assert "(offerdesk-auto-20261202-140500.sqlite, " in result.stderr  # the backup the window offers
    assert "Restore the newest good backup (" in result.stderr
    assert "saved work is safe" not in result.stderr
    assert "window painted" not in result.stdout
    assert digest(database) == before


def test_a_command_refuses_a_wal_copied_from_another_database(run: Runner, tmp_path: Path) -> None:
    """A -wal from another OfferDesk folder beside ours: the command stops before SQLite replays it over our rows."""
    import shutil
    import sqlite3

    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for data in (ours, theirs):
        assert run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), "info").returncode == 0
    other = sqlite3.connect(theirs / "offerdesk.sqlite")
    other.execute("PRAGMA wal_autocheckpoint=0")  # their change stays in their -wal
    other.execute("UPDATE candidates SET first_name = 'Theirs-' || id")
    other.commit()
    shutil.copy(theirs / "offerdesk.sqlite-wal", ours / "offerdesk.sqlite-wal")
    other.close()
    before = digest(ours / "offerdesk.sqlite"), digest(ours / "offerdesk.sqlite-wal")
    result = run(sys.executable, "-m", "offerdesk", "--data-dir", str(ours), "info")
    assert result.returncode == 1
    assert "did not leave there" in result.stderr and "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert (digest(ours / "offerdesk.sqlite"), digest(ours / "offerdesk.sqlite-wal")) == before
