"""`offerdesk backup create|list|verify|restore` called in-process, over a real SQLite file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from offerdesk.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--no-demo", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_create_list_verify_and_restore_bring_back_a_deleted_candidate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    code, out, _ = run(capsys, data, "candidates", "add", "--name", "Ana Ramírez", "--email", "ana@example.com")
    assert code == 0
    candidate = out.strip()
    code, out, _ = run(capsys, data, "backup", "create")
    assert code == 0 and "Backed up the database to" in out
    code, out, _ = run(capsys, data, "backup", "list")
    assert code == 0 and "  1  " in out and "manual" in out
    code, out, _ = run(capsys, data, "backup", "verify", "1")
    assert code == 0 and "is intact" in out
    run(capsys, data, "candidates", "delete", candidate, "--yes")

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, data, "backup", "restore", "1")
    assert code == 1 and "needs a yes" in err and "--yes" in err and "offerdesk.sqlite" in err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = run(capsys, data, "backup", "restore", "1")
    assert code == 1 and "Nothing was restored" in out and "The current data is backed up first" in err

    code, out, _ = run(capsys, data, "backup", "restore", "1", "--yes")
    assert code == 0 and "Restored the backup of" in out and "before-restore" in out
    code, out, _ = run(capsys, data, "candidates", "list")
    assert "Ana" in out


def test_an_unknown_backup_number_is_one_sentence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path / "data", "backup", "verify", "7")
    assert code == 1 and "There is no backup 7" in err
