"""Exporting candidates as a recruiter opens them: Excel-ready CSV, XLSX, JSON, and never half a file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.candidates import CandidateSort, Stage
from offerdesk.errors import ValidationError
from offerdesk.services.candidates import exporting
from offerdesk.services.candidates.exporting import needs_guard
from offerdesk.services.setup.bootstrap import Services

HEADER = "Name,Email,Phone,Stage,Role,Location,Recruiter,Source,Tags,Offer status,Readiness"


@pytest.fixture
def people(empty_services: Services) -> dict[str, int]:
    records = empty_services.candidate_records
    made = {
        "becker": CandidateDraft(
            "Lukas", "Becker", ("lukas@example.com", "l.becker@example.de"),
            phones=("+49 151 12345678", "+44 20 7946 0958"), stage=Stage.OFFER, tags=("Java", "remote"),
            location="Hamburg", recruiter="Sam Rivera", source="LinkedIn", notes="-5 on the first call",
            links=("https://example.com/lukas",), consent_given_on=date(2025, 1, 31), external_id="GH-7",
        ),
        "attacker": CandidateDraft(
            '=HYPERLINK("http://evil.example","click")', "Eve", ("eve@example.com",), source="@SUM(1+1)",
            recruiter="+1+1", notes="\tindented",
        ),
        "ramirez": CandidateDraft("Ana María", "Ramírez", ("ana@example.com",), location="Sevilla"),
    }  # fmt: skip
    return {key: records.create(draft).value for key, draft in made.items()}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_is_utf8_with_bom_comma_crlf_and_headers_people_read(
    empty_services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "candidates.csv"
    written = empty_services.candidate_export.write(CandidateFilter(), target)
    assert written.value == 3 and not written.changes
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    assert data.endswith(b"\r\n") and b"\r\r" not in data
    rows = _csv_rows(target)
    assert [row["Name"] for row in rows] == [
        "Lukas Becker", '\'=HYPERLINK("http://evil.example","click") Eve', "Ana María Ramírez",
    ]  # fmt: skip
    becker = rows[0]
    assert becker["Phone"] == "+49 1511 2345678"
    assert becker["Stage"] == "Offer" and becker["Tags"] == "Java; remote"


def test_cells_a_spreadsheet_would_run_are_neutralised_but_phone_numbers_are_not(
    empty_services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "all.csv"
    empty_services.candidate_export.write(CandidateFilter(), target, columns=list(exporting.COLUMNS))
    by_email = {row["Email"]: row for row in _csv_rows(target)}
    eve, lukas = by_email["eve@example.com"], by_email["lukas@example.com"]
    assert eve["Name"] == '\'=HYPERLINK("http://evil.example","click") Eve'
    assert eve["First name"] == '\'=HYPERLINK("http://evil.example","click")'
    assert eve["Source"] == "'@SUM(1+1)" and eve["Recruiter"] == "'+1+1" and eve["Notes"] == "'\tindented"
    assert lukas["Notes"] == "'-5 on the first call"
    assert lukas["Phone"] == "+49 1511 2345678"
    assert lukas["Phones"] == "+49 1511 2345678; +44 20 7946 0958"
    assert lukas["Emails"] == "lukas@example.com; l.becker@example.de"
    assert lukas["Consent given on"] == "2025-01-31" and lukas["External ID"] == "GH-7"
    assert lukas["Archived"] == "No" and lukas["Readiness"] == ""


@pytest.mark.parametrize(
    ("column", "text", "guarded"),
    [
        ("name", "=1+1", True),
        ("notes", "-5", True),
        ("notes", "+5", True),
        ("source", "@x", True),
        ("notes", "\tx", True),
        ("notes", "\rx", True),
        ("notes", "5-", False),
        ("phone", "+49 1511 2345678", False),
        ("phones", "+49 1511 2345678; +1 415-555-0100", True),  # not only digits and spaces
        ("phones", "+49 1511 2345678; +1 415 555 0100", False),
        ("phone", "+1+cmd|' /C calc'!A0", True),
        ("name", "+49 1511 2345678", True),  # the exception is for the phone columns only
    ],
)
def test_the_guard_rule(column: str, text: str, guarded: bool) -> None:
    assert needs_guard(column, text) is guarded


def test_xlsx_reads_back_with_text_cells_bold_header_and_typed_values(
    empty_services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "candidates.xlsx"
    columns = ["name", "phone", "phones", "notes", "readiness", "consent_given_on", "archived", "stage"]
    assert empty_services.candidate_export.write(CandidateFilter(), target, columns=columns).value == 3
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Candidates"]
    sheet = workbook["Candidates"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Name", "Phone", "Phones", "Notes", "Readiness", "Consent given on", "Archived", "Stage"]
    assert all(cell.font.b for cell in sheet[1])
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    eve = rows['=HYPERLINK("http://evil.example","click") Eve']
    assert eve[0].data_type == "s" and eve[0].quotePrefix  # text, never a formula
    lukas = rows["Lukas Becker"]
    assert lukas[1].value == "+49 1511 2345678" and not lukas[1].quotePrefix
    assert lukas[2].value == "+49 1511 2345678; +44 20 7946 0958"
    assert lukas[3].value == "-5 on the first call" and lukas[3].quotePrefix
    assert lukas[5].value.date() == date(2025, 1, 31)
    assert lukas[6].value == "No" and lukas[7].value == "Offer"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_json_holds_keys_and_plain_values_and_matches_the_records(
    empty_services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "candidates.json"
    export = empty_services.candidate_export
    export.write(CandidateFilter(), target, columns=list(exporting.COLUMNS))
    loaded = json.loads(target.read_text(encoding="utf-8"))
    assert loaded == list(export.records(CandidateFilter(), list(exporting.COLUMNS)))
    lukas = next(item for item in loaded if item["id"] == people["becker"])
    assert list(lukas) == list(exporting.COLUMNS)
    assert lukas["phones"] == ["+49 1511 2345678", "+44 20 7946 0958"]
    assert lukas["stage"] == "offer" and lukas["offer_status"] is None and lukas["readiness"] is None
    assert lukas["consent_given_on"] == "2025-01-31" and lukas["retain_until"] is None
    assert lukas["archived"] is False and lukas["updated"].endswith("Z")
    eve = next(item for item in loaded if item["id"] == people["attacker"])
    assert eve["notes"] == "\tindented"  # JSON is data: nothing is changed
    empty = tmp_path / "none.json"
    export.write(CandidateFilter(query="nobody-matches-this"), empty)
    assert json.loads(empty.read_text(encoding="utf-8")) == []


def test_the_export_is_the_filtered_view_in_its_order(
    empty_services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    records = empty_services.candidate_records
    records.archive(people["ramirez"])
    export = empty_services.candidate_export
    target = tmp_path / "view.csv"
    assert export.write(CandidateFilter(stages=(Stage.OFFER,)), target).value == 1
    assert [row["Name"] for row in _csv_rows(target)] == ["Lukas Becker"]
    export.write(CandidateFilter(archive=ArchiveScope.ARCHIVED), target, columns=["name", "archived"])
    assert _csv_rows(target) == [{"Name": "Ana María Ramírez", "Archived": "Yes"}]
    export.write(CandidateFilter(archive=ArchiveScope.ALL), target, columns=["email"], sort=CandidateSort.EMAIL,
                 descending=True)  # fmt: skip
    assert [row["Email"] for row in _csv_rows(target)] == ["lukas@example.com", "eve@example.com", "ana@example.com"]


def test_rows_are_read_page_by_page_in_order(
    empty_services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    records = empty_services.candidate_records
    for number in range(7):
        records.create(CandidateDraft(f"P{number}", f"Name{number}", (f"p{number}@example.com",), notes=f"n{number}"))
    monkeypatch.setattr(exporting, "CHUNK", 3)
    target = tmp_path / "paged.json"
    assert empty_services.candidate_export.write(CandidateFilter(), target, columns=["last_name", "notes"]).value == 7
    loaded = json.loads(target.read_text(encoding="utf-8"))
    assert loaded == [{"last_name": f"Name{n}", "notes": f"n{n}"} for n in range(7)]


def test_a_failure_while_writing_leaves_no_file_and_the_old_one_untouched(
    empty_services: Services, people: dict[str, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    previous = folder / "candidates.csv"
    previous.write_text("the export of last week\n", encoding="utf-8")
    calls = {"n": 0}
    real_rows = exporting.listing.candidate_rows

    def failing_rows(session: object, ids: list[int]) -> object:
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("disk pulled out")
        return real_rows(session, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(exporting, "CHUNK", 1)
    monkeypatch.setattr(exporting.listing, "candidate_rows", failing_rows)
    for name in ("candidates.csv", "new.xlsx", "new.json"):
        calls["n"] = 0
        with pytest.raises(RuntimeError):
            empty_services.candidate_export.write(CandidateFilter(), folder / name)
    assert sorted(path.name for path in folder.iterdir()) == ["candidates.csv"]
    assert previous.read_text(encoding="utf-8") == "the export of last week\n"


def test_mistakes_are_one_sentence_before_anything_is_written(
    empty_services: Services, people: dict[str, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    export = empty_services.candidate_export
    there = sorted(path.name for path in tmp_path.iterdir())  # the data folder, when the database is a file in it
    with pytest.raises(ValidationError, match=r"the folder .*missing does not exist"):
        export.write(CandidateFilter(), tmp_path / "missing" / "x.csv")
    with pytest.raises(ValidationError, match=r"not as a “\.txt” file"):
        export.write(CandidateFilter(), tmp_path / "x.txt")
    with pytest.raises(ValidationError, match="not as “ods”"):
        export.write(CandidateFilter(), tmp_path / "x.csv", format="ods")
    with pytest.raises(ValidationError, match="“salary” is not a candidate column"):
        export.write(CandidateFilter(), tmp_path / "x.csv", columns=["name", "salary"])
    with pytest.raises(ValidationError, match="it is a folder"):
        export.write(CandidateFilter(), tmp_path)

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("offerdesk.files.tempfile.mkstemp", refused)
    with pytest.raises(ValidationError, match=r"Cannot write .*x\.csv \(Permission denied\); choose another folder\."):
        export.write(CandidateFilter(), tmp_path / "x.csv")
    assert sorted(path.name for path in tmp_path.iterdir()) == there


def test_the_format_argument_wins_over_the_suffix(
    empty_services: Services, people: dict[str, int], tmp_path: Path
) -> None:
    target = tmp_path / "candidates.txt"
    empty_services.candidate_export.write(CandidateFilter(), target, format="json", columns=["email"])
    assert {item["email"] for item in json.loads(target.read_text(encoding="utf-8"))} == {
        "lukas@example.com", "eve@example.com", "ana@example.com",
    }  # fmt: skip
