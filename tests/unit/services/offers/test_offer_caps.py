"""An offer file carries at most so many of each thing (far above any real offer): past a cap, the import is refused
with one sentence that names the file and the place, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from offerdesk.cli import main
from offerdesk.errors import ValidationError
from offerdesk.services.offers.json_parse import parse_document


def document(**version: Any) -> dict[str, Any]:
    return {"format": "offerdesk-offer", "version": 1, "offer": {
        "type": "written", "currency": "EUR", "candidate": {"first_name": "Ada"},
        "versions": [{"number": 1, **version}]}}  # fmt: skip


@pytest.mark.parametrize(
    ("version", "sentence"),
    [
        (
            {"components": [{"kind": "base", "currency": "EUR"}] * 101},
            "versions[0].components: holds 101 components; an offer file may hold at most 100.",
        ),
        ({"required_agreements": ["NDA"] * 101}, "versions[0].required_agreements: holds 101 items;"),
        ({"benefits_note": "x" * 20_001}, "versions[0].benefits_note: is longer than 20,000 characters."),
        ({"reason_text": "x" * 20_001}, "versions[0].reason_text: is longer than 20,000 characters."),
    ],
)
def test_each_cap_names_its_place(version: dict[str, Any], sentence: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_document(document(**version))
    assert str(refused.value).startswith(sentence)


def test_a_long_note_within_the_cap_is_kept() -> None:
    parsed = parse_document(document(benefits_note="x" * 20_000))
    assert len(parsed.versions[0].terms.benefits_note) == 20_000


def test_the_command_names_the_file_and_imports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "info", "--format", "json"]) == 0
    before = json.loads(capsys.readouterr().out)["counts"]
    path = tmp_path / "offer.json"
    path.write_text(json.dumps(document(components=[{"kind": "base", "currency": "EUR"}] * 500)))
    assert main(["--data-dir", data, "offers", "import", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"offerdesk: {path} cannot be imported: versions[0].components: holds 500 components; an offer "
                   "file may hold at most 100.")  # fmt: skip
    assert main(["--data-dir", data, "info", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == before
