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
    assert "backups/offerdesk-auto-20261202-140500.sqlite" in result.stderr
    assert "saved work is safe" not in result.stderr
    assert "window painted" not in result.stdout
    assert digest(database) == before
