"""`offerdesk privacy export|erase|anonymise|purge` called in-process, over a real SQLite file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from offerdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--no-demo", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _add(capsys: pytest.CaptureFixture[str], data: Path, name: str, email: str, *extra: str) -> str:
    code, out, _ = run(capsys, data, "candidates", "add", "--name", name, "--email", email, *extra)
    assert code == 0
    return out.strip()


def _held_rows(data: Path, email: str) -> int:
    files = [data / "offerdesk.sqlite", data / "offerdesk.sqlite-wal"]
    return sum(path.read_bytes().count(email.encode()) for path in files if path.exists())


def test_export_writes_the_zip_and_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    candidate = _add(capsys, data, "Ana Ramírez", "ana@example.com")
    out = tmp_path / "ana.zip"
    code, text, _ = run(capsys, data, "privacy", "export", "--candidate", candidate, "--out", str(out))
    assert code == 0 and f"about Ana Ramírez (no other records) to {out}" in text
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("personal-data.json"))["candidate"]["email"] == "ana@example.com"
    code, _, err = run(capsys, data, "privacy", "export", "--candidate", candidate, "--out", str(out))
    assert code == 1 and "already exists; add --overwrite" in err


def test_erase_without_yes_lists_and_changes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    candidate = _add(capsys, data, "Ana Ramírez", "ana@example.com")
    code, out, _ = run(capsys, data, "privacy", "erase", "--candidate", candidate)
    assert code == 1
    assert f"Erasing Ana Ramírez (candidate {candidate})" in out and "add --yes to erase" in out
    code, out, _ = run(capsys, data, "candidates", "show", candidate)
    assert code == 0 and "Ana" in out


def test_erase_backs_up_names_the_backups_and_purges_them(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    candidate = _add(capsys, data, "Ana Ramírez", "ana@example.com")
    _add(capsys, data, "Ben Okafor", "ben@example.com")
    code, out, _ = run(capsys, data, "privacy", "erase", "--candidate", candidate, "--yes")
    assert code == 0
    assert "Backed up the database first to" in out and "before-erase" in out
    assert f"Erased Ana Ramírez (candidate {candidate})" in out
    assert "1 copy outside the database still holds Ana Ramírez" in out and "--purge-backups" in out
    assert _held_rows(data, "ana@example.com") == 0 and _held_rows(data, "ben@example.com") > 0
    [backup] = (data / "backups").glob("*before-erase*.sqlite")
    assert b"ana@example.com" in backup.read_bytes()

    other = _add(capsys, data, "Cleo Park", "cleo@example.com")
    code, out, _ = run(capsys, data, "privacy", "erase", "--candidate", other, "--yes", "--purge-backups")
    assert code == 0 and "Deleted 1 copy that still held Cleo Park" in out
    assert backup.exists()  # the first erasure's backup does not hold Cleo
    assert all(b"cleo@example.com" not in path.read_bytes() for path in (data / "backups").glob("*.sqlite"))


def test_ids_are_range_checked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path / "data", "privacy", "erase", "--candidate", "0", "--yes")
    assert code == 2 and "0 is not an id" in err
    code, _, err = run(capsys, tmp_path / "data", "privacy", "anonymise", "--candidate", "77", "--yes")
    assert code == 1 and "There is no candidate with id 77" in err


def test_anonymise_needs_yes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    candidate = _add(capsys, data, "Ana Ramírez", "ana@example.com")
    code, out, _ = run(capsys, data, "privacy", "anonymise", "--candidate", candidate)
    assert code == 1 and "add --yes to anonymise" in out
    code, out, _ = run(capsys, data, "privacy", "anonymise", "--candidate", candidate, "--yes")
    assert code == 0 and "Anonymised Ana Ramírez" in out
    code, out, _ = run(capsys, data, "candidates", "show", candidate)
    assert f"Anonymised candidate #{candidate}" in out and "ana@example.com" not in out


def test_purge_previews_then_needs_yes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, _, err = run(capsys, data, "privacy", "purge", "--dry-run")
    assert code == 1 and "The retention rule is off" in err
    run(capsys, data, "settings", "set", "privacy.retention.rejected_months", "1")
    _, out, _ = run(capsys, data, "settings", "list")
    assert "privacy.retention.rejected_months  1\n" in out and "company.name " in out
    withdrawn = _add(capsys, data, "Ana Ramírez", "ana@example.com", "--stage", "withdrawn")
    _make_old(data, int(withdrawn))
    code, out, _ = run(capsys, data, "privacy", "purge", "--dry-run")
    assert code == 0 and "1 candidate due for anonymising" in out
    assert "Ana Ramírez" in out and "stage withdrawn, no offer" in out and "2020-01-02" in out
    code, out, _ = run(capsys, data, "privacy", "purge")
    assert code == 1 and "add --yes" in out
    code, out, _ = run(capsys, data, "privacy", "purge", "--yes")
    assert code == 0 and f"Anonymised Ana Ramírez (candidate {withdrawn})" in out
    code, out, _ = run(capsys, data, "privacy", "purge", "--dry-run")
    assert code == 0 and "No candidate is due" in out


def _make_old(data: Path, candidate_id: int) -> None:
    """Their last activity moved to 2020, as if the years had passed."""
    import sqlite3

    connection = sqlite3.connect(data / "offerdesk.sqlite")
    try:
        with connection:
            connection.execute("UPDATE candidates SET updated_at = '2020-01-02 10:00:00' WHERE id = ?", (candidate_id,))
            connection.execute("UPDATE candidate_stage_events SET at = '2020-01-02 10:00:00' WHERE candidate_id = ?",
                               (candidate_id,))  # fmt: skip
    finally:
        connection.close()
