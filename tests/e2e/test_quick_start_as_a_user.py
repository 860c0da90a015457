"""Started as a recruiter starts it: from the second start on, the last session's first page is painted first,
and a change made elsewhere in between (here the command line) is never painted from the old page."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import Runner, command

SMOKE = {"OFFERDESK_SMOKE_TEST": "1"}
FIRST_PAGE = "first page painted: 20 rows shown"
WINDOW = "window painted: 20 candidates listed"


def _start(run: Runner, data: Path) -> str:
    result = run(command("offerdesk"), "--data-dir", str(data), env=SMOKE)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def test_the_second_start_paints_the_kept_page_before_the_window(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = _start(run, data)
    assert FIRST_PAGE not in first and WINDOW in first  # a new database: nothing kept yet
    second = _start(run, data)
    assert second.index(FIRST_PAGE) < second.index(WINDOW)


def test_a_change_from_the_command_line_is_not_painted_from_the_old_page(run: Runner, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _start(run, data)
    archived = run(command("offerdesk"), "candidates", "archive", "1", "--data-dir", str(data))
    assert archived.returncode == 0, archived.stderr
    after_change = _start(run, data)
    assert FIRST_PAGE not in after_change and "window painted: 19 candidates listed" in after_change
    assert "first page painted: 19 rows shown" in _start(run, data)  # kept again by the start that read it
