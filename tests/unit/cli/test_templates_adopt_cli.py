"""`offerdesk templates adopt FILE`: one line per placeholder, exit 1 until each has a choice, added with --name."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.letters.text import document_text
from tests.adopt_helpers import make_bracket_letter, make_mergefield_letter, make_plain_letter
from tests.unit.cli.cli_run import run

Capsys = pytest.CaptureFixture[str]


def test_each_placeholder_is_listed_with_its_suggestion(tmp_path: Path, capsys: Capsys, data: str) -> None:
    letter = str(make_mergefield_letter(tmp_path / "merge.docx"))
    code, out, _err = run(capsys, "--data-dir", data, "templates", "adopt", letter)
    assert "«FirstName» -> candidate.first_name (suggested)" in out
    assert "«StartDate» -> offer.start_date (suggested)" in out
    assert "Every placeholder has a choice; check the suggested ones, then add it with --name NAME." in out
    assert code == 0
    assert "merge" not in run(capsys, "--data-dir", data, "templates", "list")[1]  # nothing added without --name


def test_suggested_choices_are_added_with_a_name(tmp_path: Path, capsys: Capsys, data: str) -> None:
    letter = str(make_mergefield_letter(tmp_path / "merge.docx"))
    code, out, err = run(capsys, "--data-dir", data, "templates", "adopt", letter, "--name", "Merge", "--type",
                         "written", "--map", "JobTitle=role.title")  # fmt: skip
    assert code == 0, err
    assert "«JobTitle»  -> role.title (confirmed)" in out and "Added “Merge”" in out
    target = tmp_path / "letter.docx"
    code, _out, err = run(capsys, "--data-dir", data, "letters", "export", "--offer", "7", "--template", "Merge",
                          "--out", str(target))  # fmt: skip
    assert code == 0, err
    assert "Dear Olivia Carter," in document_text(target)


def test_unmapped_placeholders_are_named_and_nothing_is_added(tmp_path: Path, capsys: Capsys, data: str) -> None:
    letter = str(make_bracket_letter(tmp_path / "brackets.docx"))
    argv = ["--data-dir", data, "templates", "adopt", letter, "--name", "Brackets"]
    code, out, _err = run(capsys, *argv, "--map", "Candidate Name=candidate.full_name", "--empty", "Notes")
    assert code == 1
    assert "[Candidate Name] -> candidate.full_name (confirmed)" in out
    assert "[Notes]" in out and "-> empty (confirmed)" in out
    assert "Still unmapped:" in out and "[Reference]" in out and "Nothing was added." in out
    assert "Brackets" not in run(capsys, "--data-dir", data, "templates", "list")[1]


def test_an_adopted_letter_exports_by_its_name(tmp_path: Path, capsys: Capsys, data: str) -> None:
    letter = str(make_bracket_letter(tmp_path / "brackets.docx"))
    code, out, err = run(
        capsys, "--data-dir", data, "templates", "adopt", letter, "--name", "Brackets",
        "--map", "Candidate Name=candidate.full_name", "--map", "[Job Title]=role.title",
        "--map", "brackets:Start Date=offer.start_date", "--text", "Reference=HR & 7", "--empty", "Notes",
    )  # fmt: skip
    assert code == 0, err
    assert "-> text “HR & 7” (confirmed)" in out
    assert "Added “Brackets”" in out and '--template "Brackets"' in out
    target = tmp_path / "letter.docx"
    code, _out, err = run(capsys, "--data-dir", data, "letters", "export", "--offer", "7", "--template", "Brackets",
                          "--out", str(target))  # fmt: skip
    assert code == 0, err
    text = document_text(target)
    assert "Dear Olivia Carter," in text and "Your reference: HR & 7." in text
    assert "[" not in text and "{{" not in text


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (["--map", "Candidate Name=candidate.fullname"], "did you mean candidate.full_name"),
        (["--map", "Candidate Name"], "--map needs PLACEHOLDER=VALUE"),
        (["--text", "=x"], "--text needs PLACEHOLDER=VALUE"),
        (["--map", "Salary=offer.base"], "has no placeholder “Salary”"),
    ],
)
def test_a_wrong_mapping_is_a_sentence(
    tmp_path: Path, capsys: Capsys, data: str, option: list[str], expected: str
) -> None:
    letter = str(make_bracket_letter(tmp_path / "brackets.docx"))
    code, _out, err = run(capsys, "--data-dir", data, "templates", "adopt", letter, *option)
    assert code == 1
    assert expected in err and "Traceback" not in err


def test_a_letter_without_placeholders_says_what_is_recognised(tmp_path: Path, capsys: Capsys, data: str) -> None:
    letter = str(make_plain_letter(tmp_path / "plain.docx"))
    code, _out, err = run(capsys, "--data-dir", data, "templates", "adopt", letter, "--name", "Plain")
    assert code == 1
    assert "plain.docx has no placeholders OfferDesk recognises: «Name», [Name]" in err


def test_marked_words_and_numbered_blanks_are_adopted(tmp_path: Path, capsys: Capsys, data: str) -> None:
    from tests.adopt_helpers import make_words_letter

    letter = str(make_words_letter(tmp_path / "words.docx"))
    marked = ["--words", "Employee Name", "--words", "Name", "--words", "Date", "--words", "Job Title"]
    code, out, _err = run(capsys, "--data-dir", data, "templates", "adopt", letter, *marked)
    assert code == 1
    assert "Employee Name" in out and "-> candidate.full_name (suggested)" in out
    assert "(…you the role of Job Title for a period of XX months.)" in out  # a blank shows its sentence
    assert "Still unmapped: XX#1; give" in out
    choices = ["--map", "Name=candidate.first_name", "--text", "XX#1=six"]
    code, out, err = run(capsys, "--data-dir", data, "templates", "adopt", letter, *marked, "--name", "Words", *choices)
    assert code == 0, err
    assert "Added “Words”" in out
    target = tmp_path / "letter.docx"
    code, _out, err = run(capsys, "--data-dir", data, "letters", "export", "--offer", "7", "--template", "Words",
                          "--out", str(target))  # fmt: skip
    assert code == 0, err
    text = document_text(target)
    assert "Dear Olivia:" in text and "Olivia Carter" in text and "period of six months." in text
    assert "XX" not in text and "Dear Name" not in text


def test_words_the_letter_does_not_have_are_a_sentence(tmp_path: Path, capsys: Capsys, data: str) -> None:
    from tests.adopt_helpers import make_words_letter

    letter = str(make_words_letter(tmp_path / "words.docx"))
    code, _out, err = run(capsys, "--data-dir", data, "templates", "adopt", letter, "--words", "Salary")
    assert code == 1
    assert "words.docx does not have “Salary” as a whole word" in err and "Traceback" not in err
