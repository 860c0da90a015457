"""A candidate's copy of their data: one zip with everything stored about them and their letters."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from offerdesk.errors import DiskFull, NotFoundError
from offerdesk.services.privacy.service import DOCUMENT_NAME, PrivacyService
from tests.unit.services.privacy.conftest import EMAIL, FIRST, LAST, PHONE, Person


def test_the_zip_holds_every_record_and_the_letter_files(
    privacy: PrivacyService, person: Person, tmp_path: Path
) -> None:
    target = privacy.export(person.candidate_id, tmp_path / "zebulon.zip")
    with zipfile.ZipFile(target) as archive:
        document = json.loads(archive.read(DOCUMENT_NAME))
        letter = archive.read(f"letters/{person.letter.name}")
        signed = archive.read(f"letters/{person.signed.name}")
    candidate = document["candidate"]
    assert (candidate["first_name"], candidate["last_name"], candidate["email"]) == (FIRST, LAST, EMAIL)
    assert candidate["phone"] == PHONE and "prefers Leipzig" in candidate["notes"]
    assert candidate["preclose_profiles"][0]["motivators"] == f"{FIRST} wants growth"
    assert candidate["competing_offers"][0]["company"] == "Rival AG"
    [offer] = candidate["offers"]
    assert offer["id"] == person.offer_id and offer["status"] == "letter_sent"
    assert offer["offer_versions"][0]["offer_components"][0]["amount_minor"] == 7_000_000
    assert [event["to_status"] for event in offer["offer_status_events"]] == ["letter_sent"]
    assert offer["letter_exports"][0]["docx_path"] == str(person.letter)
    assert candidate["call_logs"][0]["notes"] == f"{FIRST} needs a week"
    assert candidate["follow_ups"]
    assert "search_text" not in candidate
    assert letter == person.letter.read_bytes() and signed == person.signed.read_bytes()
    assert {entry["in_archive"] for entry in document["files"]} == {
        f"letters/{person.letter.name}",
        f"letters/{person.signed.name}",
    }


def test_the_zip_appears_whole_or_not_at_all(
    privacy: PrivacyService, person: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.zip"
    target.write_bytes(b"older file")

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", disk_full)  # the letters fail after the JSON went in
    with pytest.raises(DiskFull, match=r"The disk is full: out\.zip could not be written"):
        privacy.export(person.candidate_id, target)
    assert target.read_bytes() == b"older file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.zip")] == []


def test_an_unknown_candidate_is_named(privacy: PrivacyService, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no candidate with id 99999"):
        privacy.export(99999, tmp_path / "x.zip")
