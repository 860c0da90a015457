"""`offerdesk candidates …` called in-process: add, edit, show, list and export, archive, delete, import."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.unit.cli.cli_run import run

Cli = Callable[..., tuple[int, str, str]]


class Terminal(io.StringIO):
    """A keyboard at a terminal: what the user types next."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], data: str) -> Cli:
    def call(*args: str) -> tuple[int, str, str]:
        return run(capsys, "--data-dir", data, "--no-demo", *args)

    return call


def _add(cli, *extra: str) -> int:
    code, out, err = cli("candidates", "add", "--first-name", "Ana María", "--last-name", "Ramírez",
                         "--email", "ana@example.com", *extra)  # fmt: skip
    assert code == 0, err
    return int(out)


def test_add_prints_only_the_new_id_and_show_has_every_field(cli: Cli) -> None:
    options = [
        "--name", "Lukas Becker", "--email", "Lukas@Example.COM", "--phone", "+49 151 12345678",
        "--phone", "+44 20 7946 0958", "--stage", "Final round", "--tag", "java", "--tag", "remote",
        "--location", "Hamburg", "--source", "LinkedIn", "--recruiter", "Sam Rivera",
        "--notes", "Wants remote\nTwo kids", "--link", "https://example.com/lukas",
        "--consent-given-on", "2025-01-31", "--external-id", "GH-7",
    ]  # fmt: skip
    code, out, _ = cli("candidates", "add", *options)
    assert code == 0
    assert out.strip().isdigit()
    new_id = int(out)
    _, shown, _ = cli("candidates", "show", str(new_id), "--format", "json")
    document = json.loads(shown)
    assert document["id"] == new_id
    assert (document["first_name"], document["last_name"]) == ("Lukas", "Becker")
    assert document["emails"] == ["Lukas@example.com"]
    assert document["phones"] == ["+49 1511 2345678", "+44 20 7946 0958"]
    assert document["stage"] == "final_round" and document["tags"] == ["java", "remote"]
    assert document["consent_given_on"] == "2025-01-31" and document["retain_until"] is None
    assert document["role"] == "" and document["role_id"] is None and document["offers"] == 0
    assert [(h["from"], h["to"]) for h in document["stage_history"]] == [(None, "final_round")]
    assert list(document)[:3] == ["id", "name", "first_name"]
    _, table, _ = cli("candidates", "show", str(new_id))
    assert table.startswith(f"Candidate {new_id}: Lukas Becker\n")
    assert "+49 1511 2345678, +44 20 7946 0958" in table and "    Two kids" in table
    assert "Final round" in table


def test_edit_changes_only_the_options_given(cli: Cli) -> None:
    new_id = _add(cli, "--tag", "Java", "--tag", "remote", "--location", "Sevilla", "--phone", "+34 612 34 56 78")
    code, out, _ = cli("candidates", "edit", str(new_id), "--stage", "offer", "--add-tag", "Go",
                       "--remove-tag", "JAVA", "--notes", "")  # fmt: skip
    assert code == 0 and out.strip() == f"Candidate {new_id} (Ana María Ramírez) saved."
    document = json.loads(cli("candidates", "show", str(new_id), "--format", "json")[1])
    assert document["stage"] == "offer" and document["tags"] == ["remote", "Go"]
    assert document["location"] == "Sevilla" and document["phones"] == ["+34 612 34 56 78"]
    assert [(h["from"], h["to"]) for h in document["stage_history"]] == [(None, "screening"), ("screening", "offer")]
    cli("candidates", "edit", str(new_id), "--name", "Ramírez, Ana", "--location", "")
    document = json.loads(cli("candidates", "show", str(new_id), "--format", "json")[1])
    assert (document["first_name"], document["last_name"], document["location"]) == ("Ana", "Ramírez", "")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "--email", "x@example.com"], 1, "A candidate needs a name"),
        (["add", "--name", "X"], 2, "--email"),
        (["add", "--name", "X Y", "--first-name", "X", "--email", "x@example.com"], 1, "not both"),
        (["add", "--name", "X", "--email", "x@"], 1, "is not an email address"),
        (["add", "--name", "X", "--email", "x@example.com", "--phone", "call me"], 1, "is not a phone number"),
        (["add", "--name", "X", "--email", "x@example.com", "--stage", "maybe"], 1, "“maybe” is not a stage"),
        (["add", "--name", "X", "--email", "x@example.com", "--role", "99"], 1, "There is no role with id 99"),
        (["add", "--name", "X", "--email", "x@example.com", "--consent-given-on", "31.1.2025"], 1, "YYYY-MM-DD"),
        (["edit", "999", "--location", "x"], 1, "There is no candidate with id 999."),
        (["show", "999"], 1, "There is no candidate with id 999."),
        (["list", "--format", "xlsx"], 1, "add --out FILE.xlsx"),
        (["list", "--format", "table", "--out", "x.csv"], 1, "A table is only printed"),
        (["list", "--columns", "name,salary"], 1, "“salary” is not a candidate column"),
        (["list", "--archived", "--all"], 2, "not allowed with argument"),
        (["import", "x.csv", "--map", "Mobil"], 1, "--map takes COLUMN=FIELD"),
    ],
)
def test_mistakes_get_one_sentence(cli: Cli, args: list[str], code: int, message: str) -> None:
    returned, out, err = cli("candidates", *args)
    assert returned == code
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert out == ""


def test_a_duplicate_email_names_the_candidate_who_has_it(cli: Cli) -> None:
    first = _add(cli)
    code, _, err = cli("candidates", "add", "--name", "Other Person", "--email", "ANA@example.com")
    assert code == 1 and f"Ana María Ramírez (candidate {first})" in err


def test_role_by_title(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "candidates", "add", "--name", "New Person", "--email",
                       "new@example.com", "--role", "senior backend engineer")  # fmt: skip
    assert code == 0
    _, shown, _ = run(capsys, "--data-dir", data, "candidates", "show", out.strip(), "--format", "json")
    assert json.loads(shown)["role"] == "Senior Backend Engineer"


def test_list_filters_and_archive_scope(capsys: pytest.CaptureFixture[str], data: str) -> None:
    def names(*args: str) -> list[str]:
        code, out, err = run(capsys, "--data-dir", data, "candidates", "list", "--format", "json", *args)
        assert code == 0, err
        return [record["name"] for record in json.loads(out)]

    everyone = names()
    assert len(everyone) == 20
    _, offers, _ = run(capsys, "--data-dir", data, "candidates", "list", "--format", "json", "--stage", "offer")
    assert json.loads(offers) and {record["stage"] for record in json.loads(offers)} == {"offer"}
    assert names("--search", "becker") == ["Lukas Becker"]
    code, out, _ = run(capsys, "--data-dir", data, "candidates", "archive", "2")
    assert code == 0 and out.startswith("Archived Lukas Becker (candidate 2)")
    assert "Lukas Becker" not in names()
    assert names("--archived") == ["Lukas Becker"]
    assert len(names("--all")) == 20
    _, again, _ = run(capsys, "--data-dir", data, "candidates", "archive", "2")
    assert "already archived" in again
    _, restored, _ = run(capsys, "--data-dir", data, "candidates", "restore", "2")
    assert restored.strip() == "Restored Lukas Becker (candidate 2)."
    assert len(names()) == 20


def test_list_tags_recruiter_columns_and_sort(cli: Cli) -> None:
    _add(cli, "--tag", "java", "--recruiter", "Sam")
    cli("candidates", "add", "--name", "Li Wei", "--email", "li@example.cn", "--tag", "Java", "--tag", "go")
    cli("candidates", "add", "--name", "Zoe Adams", "--email", "zoe@example.com", "--recruiter", "Kim")
    _, out, _ = cli("candidates", "list", "--tag", "JAVA", "--format", "json", "--columns", "name,tags")
    assert json.loads(out) == [
        {"name": "Ana María Ramírez", "tags": ["java"]}, {"name": "Li Wei", "tags": ["Java", "go"]},
    ]  # fmt: skip
    _, out, _ = cli("candidates", "list", "--recruiter", "kim", "--format", "json", "--columns", "email")
    assert json.loads(out) == [{"email": "zoe@example.com"}]
    _, out, _ = cli("candidates", "list", "--sort", "email", "--descending", "--format", "csv", "--columns", "email")
    assert out.splitlines() == ["email", "zoe@example.com", "li@example.cn", "ana@example.com"]
    _, table, _ = cli("candidates", "list", "--tag", "go", "--columns", "name,tags")
    assert table.splitlines() == ["Name    Tags", "Li Wei  Java; go"]


def test_printed_csv_keeps_its_keys_and_is_excel_safe(cli: Cli) -> None:
    _add(cli, "--notes", '=HYPERLINK("http://evil.example")', "--phone", "+49 151 12345678")
    _, out, _ = cli("candidates", "list", "--format", "csv", "--columns", "name,phone,notes")
    assert list(csv.DictReader(io.StringIO(out))) == [
        {"name": "Ana María Ramírez", "phone": "+49 1511 2345678", "notes": '\'=HYPERLINK("http://evil.example")'}
    ]


def test_list_out_writes_the_export_file(cli: Cli, tmp_path: Path) -> None:
    _add(cli, "--tag", "java", "--tag", "remote")
    code, out, _ = cli("candidates", "list", "--out", str(tmp_path / "c.csv"))
    assert code == 0 and out.strip() == f"Wrote 1 candidate to {tmp_path / 'c.csv'}."
    data = (tmp_path / "c.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfName,Email,Phone,Stage,") and b"java; remote" in data
    cli("candidates", "list", "--out", str(tmp_path / "c.xlsx"), "--columns", "name,email")
    rows = list(openpyxl.load_workbook(tmp_path / "c.xlsx")["Candidates"].iter_rows(values_only=True))
    assert rows == [("Name", "Email"), ("Ana María Ramírez", "ana@example.com")]
    cli("candidates", "list", "--out", str(tmp_path / "c.data"), "--format", "json", "--columns", "tags")
    assert json.loads((tmp_path / "c.data").read_text(encoding="utf-8")) == [{"tags": ["java", "remote"]}]
    code, _, err = cli("candidates", "list", "--out", str(tmp_path / "no" / "c.csv"))
    assert code == 1 and "does not exist" in err


def test_delete_asks_on_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    new_id = _add(cli)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = cli("candidates", "delete", str(new_id))
    assert code == 1 and "Delete Ana María Ramírez? [y/N]" in err and out.strip() == "Nothing was deleted."
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, _ = cli("candidates", "delete", str(new_id))
    assert code == 0 and out.startswith(f"Deleted Ana María Ramírez (candidate {new_id}). A copy of the deleted")
    saved = Path(out.split(" is in ")[1].strip().rstrip("."))
    assert saved.exists() and "Ramírez" in saved.read_text(encoding="utf-8")
    assert cli("candidates", "show", str(new_id))[0] == 1


def test_delete_without_a_terminal_needs_yes(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    new_id = _add(cli)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, _, err = cli("candidates", "delete", str(new_id))
    assert code == 1 and "needs a yes" in err and "--yes" in err
    code, out, _ = cli("candidates", "delete", str(new_id), "--yes")
    assert code == 0 and out.startswith("Deleted Ana María Ramírez")


def test_a_candidate_with_offers_is_deleted_only_with_offers(
    capsys: pytest.CaptureFixture[str], data: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "--data-dir", data, "candidates", "delete", "2", "--yes")
    assert code == 1 and "Lukas Becker has 1 offer; add --with-offers" in err
    monkeypatch.setattr("sys.stdin", Terminal("yes\n"))
    code, out, err = run(capsys, "--data-dir", data, "candidates", "delete", "2", "--with-offers")
    assert "Delete Lukas Becker and their 1 offer? [y/N]" in err
    assert code == 0 and out.startswith("Deleted Lukas Becker (candidate 2) and their 1 offer.")
    _, offers, _ = run(capsys, "--data-dir", data, "offers", "list", "--format", "json")
    assert all(offer["candidate_id"] != 2 for offer in json.loads(offers))


# -- import -------------------------------------------------------------------------------------------------------
def _sheet(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("\n".join(["Name,Email,Phone", *rows]) + "\n", encoding="utf-8")
    return path


def test_import_dry_run_counts_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("offerdesk.services.candidates.importing", reason="the import service is not there yet")
    source = _sheet(tmp_path, "Ana Ramírez,ana@example.com,+34 612 34 56 78", "Li Wei,li@example.cn,",
                    "No Mail,not-an-email,")  # fmt: skip
    code, out, _ = cli("candidates", "import", str(source), "--dry-run")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "created 2, updated 0, skipped 0, invalid 1 (dry run: nothing was written)"
    assert lines[1].startswith("row 4, column “Email”: ")
    assert json.loads(cli("candidates", "list", "--format", "json")[1]) == []


def test_a_strict_import_with_a_bad_row_is_refused(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("offerdesk.services.candidates.importing", reason="the import service is not there yet")
    source = _sheet(tmp_path, "Ana Ramírez,ana@example.com,", "No Mail,not-an-email,")
    code, out, err = cli("candidates", "import", str(source))
    assert code == 1 and out == ""
    assert err.splitlines()[0].startswith("row 3, column “Email”: ")
    assert err.splitlines()[-2].startswith("offerdesk: Nothing was imported")
    assert "--skip-invalid" in err.splitlines()[-1]
    code, out, _ = cli("candidates", "import", str(source), "--skip-invalid", "--report", str(tmp_path / "left.csv"))
    assert code == 0 and out.splitlines()[0] == "created 1, updated 0, skipped 0, invalid 1"
    assert f"The rows left out are in {tmp_path / 'left.csv'}" in out and (tmp_path / "left.csv").exists()
    assert "Backup of the database before the import: " in out
    code, out, _ = cli("candidates", "import", str(source), "--skip-invalid", "--on-duplicate", "skip")
    assert out.splitlines()[0] == "created 0, updated 0, skipped 1, invalid 1"


def test_import_mapping_mistakes_are_one_sentence(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("offerdesk.services.candidates.importing", reason="the import service is not there yet")
    source = _sheet(tmp_path, "Ana Ramírez,ana@example.com,")
    code, _, err = cli("candidates", "import", str(source), "--map", "Phone=salary")
    assert code == 1 and "“salary”" in err and len(err.strip().splitlines()) == 1
