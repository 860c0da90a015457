"""The desktop app started the ways a user starts it; it paints its window with the demo data and exits cleanly."""

from __future__ import annotations

import sys

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
