"""A command on a damaged database says so in one sentence, exits non-zero and leaves the file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from offerdesk.cli import main
from offerdesk.paths import resolve_paths
from tests.helpers import digest


def _damaged_data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "info"]) == 0
    database = resolve_paths(data).database_file
    backups = data / "backups"
    backups.mkdir()
    shutil.copy(database, backups / "offerdesk-auto-20261202-140500.sqlite")
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 2])
    capsys.readouterr()
    return data


@pytest.mark.parametrize("order", ["global-first", "command-first"])
def test_info_on_a_damaged_database_exits_with_the_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: str
) -> None:
    data = _damaged_data_dir(tmp_path, capsys)
    database = resolve_paths(data).database_file
    before = digest(database)
    args = ["--data-dir", str(data), "info"] if order == "global-first" else ["info", "--data-dir", str(data)]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 1
    [line] = err.strip().splitlines()
    assert str(database) in line and "is damaged" in line and "nothing was changed" in line
    assert "the newest backup is backups/offerdesk-auto-20261202-140500.sqlite" in line
    assert "Traceback" not in err
    assert digest(database) == before


def test_a_command_on_an_empty_file_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = resolve_paths(data).database_file
    database.write_bytes(b"")
    assert main(["--data-dir", str(data), "candidates", "list"]) == 1
    assert "is empty" in capsys.readouterr().err
    assert database.read_bytes() == b""


def test_the_restore_the_sentence_names_works_on_the_damaged_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The way out of a damaged file must not need the file to open: list and restore reach the backups."""
    data = _damaged_data_dir(tmp_path, capsys)
    damaged = resolve_paths(data).database_file.read_bytes()
    assert main(["--data-dir", str(data), "backup", "list"]) == 0
    assert "offerdesk-auto-20261202-140500.sqlite" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "backup", "restore", "1", "--yes"]) == 0
    assert "Restored the backup" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "info"]) == 0  # opens again, with the backup's data
    assert "Candidates:       20" in capsys.readouterr().out
    kept = [path for path in (data / "backups").glob("*.sqlite") if "damaged-before-restore" in path.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept as it was, not lost
    capsys.readouterr()
    resolve_paths(data).database_file.write_bytes(b"")  # damaged again: the kept damaged copy is never offered
    assert main(["--data-dir", str(data), "info"]) == 1
    assert "damaged-before-restore" not in capsys.readouterr().err
