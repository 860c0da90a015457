"""The desktop app started the ways a user starts it; it paints its window with the demo data and exits cleanly."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.conftest import Runner, command

SMOKE = {"OFFERDESK_SMOKE_TEST": "1"}


def test_offerdesk_without_a_command_opens_the_window_with_demo_data(run: Runner) -> None:
    result = run(command("offerdesk"), env=SMOKE)
    assert result.returncode == 0, result.stderr
    assert "window painted: 20 candidates listed" in result.stdout


def test_the_gui_entry_point_and_python_dash_m(run: Runner) -> None:
    for starter in ([command("offerdesk-gui")], [sys.executable, "-m", "offerdesk"]):
        result = run(*starter, "--no-demo", env=SMOKE)
        assert result.returncode == 0, result.stderr
        assert "window painted: 0 candidates listed" in result.stdout


def test_a_database_it_cannot_open_stops_with_one_sentence(run: Runner) -> None:
    result = run(command("offerdesk"), "--db-url", "sqlite:////missing/folder/x.sqlite", env=SMOKE)
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_a_start_backs_up_the_database_when_the_newest_backup_is_a_day_old(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    for _ in range(2):
        result = run(command("offerdesk"), "--data-dir", str(data), env=SMOKE)
        assert result.returncode == 0, result.stderr
    assert [p.name.split("-")[1] for p in (data / "backups").glob("offerdesk-*.sqlite")] == ["auto"]
