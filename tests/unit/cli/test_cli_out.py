"""`--out` never replaces a file unasked, never a read-only one, and never makes a mistyped folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.unit.cli.cli_run import run


def _export(capsys: pytest.CaptureFixture[str], data: str, out: Path, *more: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", data, "letters", "export", "--offer", "7", "--out", str(out), *more)


def test_a_letter_does_not_replace_an_existing_file_unless_asked(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"the user's own file")
    code, _, err = _export(capsys, data, target)
    assert code == 1 and f"{target} already exists; add --overwrite" in err
    assert target.read_bytes() == b"the user's own file"
    code, out, _ = _export(capsys, data, target, "--overwrite")
    assert code == 0 and str(target) in out and target.read_bytes() != b"the user's own file"


def test_a_letter_written_into_a_folder_checks_the_file_it_would_replace(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    code, out, _ = _export(capsys, data, folder)
    assert code == 0
    written = Path(out.strip())
    written.write_bytes(b"edited by hand")
    code, _, err = _export(capsys, data, folder)
    assert code == 1 and "already exists" in err and written.read_bytes() == b"edited by hand"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_read_only_file_is_refused_even_with_overwrite(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    target = tmp_path / "signed-copy.docx"
    target.write_bytes(b"keep me")
    target.chmod(stat.S_IRUSR)
    code, _, err = _export(capsys, data, target, "--overwrite")
    assert code == 1 and "is read-only" in err
    assert target.read_bytes() == b"keep me"


def test_a_mistyped_folder_is_named_not_created(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    typo = tmp_path / "Documets"
    code, _, err = _export(capsys, data, typo / "letter.docx")
    assert code == 1 and f"The folder {typo} does not exist; create it first or check the spelling." in err
    code, _, err = run(capsys, "--data-dir", data, "letters", "export", "--status", "approved", "--out",
                       str(typo / "batch"))  # fmt: skip
    assert code == 1 and f"The folder {typo} does not exist" in err
    assert not typo.exists()


def test_a_candidate_export_does_not_replace_a_file_unless_asked(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    target = tmp_path / "people.csv"
    target.write_text("mine")
    code, _, err = run(capsys, "--data-dir", data, "candidates", "list", "--out", str(target))
    assert code == 1 and "already exists; add --overwrite" in err and target.read_text() == "mine"
    code, _, _ = run(capsys, "--data-dir", data, "candidates", "list", "--out", str(target), "--overwrite")
    assert code == 0 and target.read_text(encoding="utf-8-sig").startswith("Name,")
    code, _, err = run(capsys, "--data-dir", data, "candidates", "list", "--out", str(tmp_path / "no" / "c.csv"))
    assert code == 1 and "create it first or check the spelling" in err


def test_a_batch_does_not_replace_letters_already_in_the_folder_unless_asked(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"
    batch = ["--data-dir", data, "letters", "export", "--status", "letter_sent", "--out", str(folder), "--workers", "1"]
    code, out, _ = run(capsys, *batch)
    [written] = [Path(line) for line in out.splitlines()]
    written.write_bytes(b"edited by hand")
    code, out, err = run(capsys, *batch)
    assert code == 1 and f"{written.name} already exists in {folder}" in err and "add --overwrite" in err
    assert written.read_bytes() == b"edited by hand" and out == ""
    code, out, _ = run(capsys, *batch, "--overwrite")
    assert code == 0 and str(written) in out and written.read_bytes() != b"edited by hand"
