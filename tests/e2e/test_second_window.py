"""A second window on a database another window has open is refused with one sentence; commands still run."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.conftest import Runner
from tests.unit.storage.test_instance_lock import hold_window_lock

SMOKE = {"OFFERDESK_SMOKE_TEST": "1"}


def test_a_second_window_is_told_and_a_command_runs_alongside(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), "info").returncode == 0
    window = hold_window_lock(data / "offerdesk.sqlite")
    try:
        second = run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), env=SMOKE)
        assert second.returncode == 1
        assert f"OfferDesk is already open on {data / 'offerdesk.sqlite'} (process {window.pid}" in second.stderr
        assert "window painted" not in second.stdout
        command = run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), "info")
        assert command.returncode == 0, command.stderr
    finally:
        window.kill()
        window.wait()
    again = run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), env=SMOKE)
    assert again.returncode == 0, again.stderr
    assert "window painted" in again.stdout


def test_offerdesk_info_warns_about_a_synced_data_folder(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "Dropbox" / "OfferDesk"
    result = run(sys.executable, "-m", "offerdesk", "--data-dir", str(data), "info")
    assert result.returncode == 0, result.stderr
    assert f"Warning:          The data folder {data} is in a folder Dropbox syncs" in result.stdout
    local = run(sys.executable, "-m", "offerdesk", "--data-dir", str(tmp_path / "local"), "info")
    assert "Warning" not in local.stdout
