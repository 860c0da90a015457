"""Files written by other people's programs: every one reads into a table or is refused with one sentence.

The corpus lives outside the repository (its files have their own licences and stay where they are); these tests
skip, saying so, on a machine that does not have it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from offerdesk.importing.fields import ImportField
from offerdesk.importing.headers import detect_format, guess_mapping
from offerdesk.importing.reader import ImportFileError, Table, read_table

CORPUS = Path("/work/shared/corpus/real-world")
MISSING = f"the real-world corpus is not on this machine ({CORPUS})"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=MISSING)
SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xls"}
FOLDERS = (
    "ats",
    "corpora/csvkit-examples",
    "corpora/clevercsv-examples",
    "corpora/chardet-tests",
    "corpora/bullhorn-dataloader-tests",
    "corpora/frappe-data-import",
    "corpora/csv2docx",
    "corpora/csv-spectrum",
)
F = ImportField


def corpus_files(pattern: str, folders: tuple[str, ...] = FOLDERS) -> list[object]:
    """One test parameter per file, named by its path in the corpus; a single skipped one without the corpus."""
    if not CORPUS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING), id="no-corpus")]
    found = sorted(path for folder in folders for path in (CORPUS / folder).rglob(pattern))
    return [pytest.param(path, id=str(path.relative_to(CORPUS))) for path in found if path.suffix.lower() in SUFFIXES]


def read(relative: str) -> Table:
    return read_table(CORPUS / relative)


def values(table: Table) -> list[tuple[str, ...]]:
    return [row.values for row in table.rows]


@pytest.mark.parametrize("path", corpus_files("*.csv", ("corpora/csv-spectrum/csvs",)))
def test_csv_spectrum_parses_to_its_expected_json(path: Path) -> None:
    expected = json.loads((path.parent.parent / "json" / f"{path.stem}.json").read_text(encoding="utf-8"))
    # Line breaks inside values are unified to "\n" by design, so the CRLF cases expect "\n" too.
    expected = [{key: value.replace("\r\n", "\n") for key, value in row.items()} for row in expected]
    table = read_table(path)
    assert [dict(zip(table.headers, row.values, strict=True)) for row in table.rows] == expected


@pytest.mark.parametrize("path", corpus_files("*"))
def test_every_file_reads_or_is_refused_with_one_sentence(path: Path) -> None:
    try:
        table = read_table(path)
    except ImportFileError as error:
        sentence = str(error)
        assert f"“{path.name}”" in sentence, sentence
        assert "\n" not in sentence and sentence.endswith("."), sentence
        if sentence.startswith("Row "):
            assert re.match(rf"Row \d+(, column .+)? of “{re.escape(path.name)}”", sentence), sentence
        return
    assert table.headers and table.rows
    assert all(len(row.values) == len(table.headers) for row in table.rows)
    assert all(row.problem is None or row.problem.startswith(f"Row {row.number} has ") for row in table.rows)


@needs_corpus
@pytest.mark.parametrize("name", ["test_utf16_little.csv", "test_utf16_big.csv"])
def test_utf16_with_a_mark(name: str) -> None:
    table = read(f"corpora/csvkit-examples/{name}")
    assert (table.encoding, table.headers) == ("utf-16", ("a", "b", "c"))
    assert values(table) == [("1", "2", "3"), ("4", "5", "ʤ")]


@needs_corpus
def test_latin1() -> None:
    table = read("corpora/csvkit-examples/test_latin1.csv")
    assert table.encoding == "cp1252"
    assert values(table) == [("1", "2", "3"), ("4", "5", "©")]


@needs_corpus
def test_old_mac_line_ends_with_a_multi_line_value() -> None:
    table = read("corpora/csvkit-examples/mac_newlines.csv")
    assert values(table) == [("1", "2", "3"), ("Once upon\na time", "5", "6")]
    assert [row.number for row in table.rows] == [2, 3]


@needs_corpus
def test_a_nul_byte_is_refused_at_its_place() -> None:
    with pytest.raises(ImportFileError) as raised:
        read("corpora/csvkit-examples/null_byte.csv")
    assert str(raised.value).startswith("Row 2, column “a” of “null_byte.csv” holds a NUL byte")


@needs_corpus
def test_junk_lines_before_the_header_and_an_extra_header_column() -> None:
    skipped = read("corpora/csvkit-examples/test_skip_lines.csv")
    assert (skipped.header_row, skipped.headers, values(skipped)) == (4, ("a", "b", "c"), [("1", "2", "3")])
    extra = read("corpora/csvkit-examples/test_extra_header.csv")
    assert (extra.header_row, extra.headers, values(extra)) == (1, ("a", "b", "c", "d"), [("1", "2", "3", "")])


@needs_corpus
def test_ragged_rows_are_padded_and_a_long_one_flagged() -> None:
    bad = read("corpora/csvkit-examples/bad.csv")
    assert values(bad) == [("1", "27", ""), ("", "I'm too short!", ""), ("0", "mixed types.... uh oh", "17")]
    assert (
        bad.rows[0].problem
        == "Row 2 has 4 cells but the header has 3 columns (extra value “I'm too long!” in column 4)."
    )


@needs_corpus
def test_a_bullhorn_file_with_a_byte_order_mark() -> None:
    table = read("corpora/bullhorn-dataloader-tests/CandidateByteOrderMark.csv")
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "externalID"
    assert table.rows[0].values[1] == "Stéphan Soufflé"
    assert detect_format(table.headers) == "bullhorn"
    assert guess_mapping(table.headers) == (F.EXTERNAL_ID, F.FULL_NAME, F.FIRST_NAME, F.LAST_NAME, F.EMAIL)


@needs_corpus
def test_bullhorn_headers_in_odd_capitals_still_map() -> None:
    table = read("corpora/bullhorn-dataloader-tests/CandidateCapitalization.csv")
    assert guess_mapping(table.headers) == (F.EXTERNAL_ID, F.FIRST_NAME, F.LAST_NAME, F.FULL_NAME)


@needs_corpus
def test_frappe_semicolon_file() -> None:
    table = read("corpora/frappe-data-import/sample_import_file_semicolon.csv")
    assert table.delimiter == ";"
    assert table.headers[:3] == ("Title", "Description", "Number")


@needs_corpus
def test_erecruiter_tab_separated_german_export() -> None:
    table = read("ats/erecruiter_applicant_import_example.tsv.csv")
    assert table.delimiter == "\t"
    assert values(table)[1] == ("Frau", "Christina", "Ganser", "", "", "")
    assert guess_mapping(table.headers)[:3] == (None, F.FIRST_NAME, F.LAST_NAME)


@needs_corpus
@pytest.mark.parametrize(
    ("relative", "encoding"),
    [
        ("corpora/chardet-tests/windows-1252/_ude_1.txt", "cp1252"),
        ("corpora/chardet-tests/windows-1252/github_bug_9.txt", "cp1252"),
        ("corpora/chardet-tests/iso-8859-1/_ude_2.txt", "cp1252"),
        ("corpora/chardet-tests/windows-1250-czech/_ude_1.txt", "cp1250"),
        ("corpora/chardet-tests/windows-1250-polish/_ude_1.txt", "cp1250"),
        ("corpora/chardet-tests/windows-1251-russian/_ude_1.txt", "cp1251"),
        ("corpora/chardet-tests/UTF-16LE/nobom-utf16le.txt", "utf-16-le"),
        ("corpora/chardet-tests/UTF-16BE/nobom-utf16be.txt", "utf-16-be"),
    ],
)
def test_legacy_encodings_are_told_apart(relative: str, encoding: str) -> None:
    assert read(relative).encoding == encoding


@needs_corpus
def test_an_intern_list_workbook_with_phantom_columns() -> None:
    table = read("ats/ravikiranrpa_internship_list.xlsx")
    assert table.headers == (
        "S.No.",
        "Name of the Student",
        "Mobile No.",
        "Email ID",
        "Start Date",
        "End Date",
        "Stipend",
    )
    assert table.rows[0].values == ("1", "Student1", "", "", "01/03/2022", "30/06/2022", "15000")
    assert guess_mapping(table.headers)[2:4] == (F.PHONE, F.EMAIL)


@needs_corpus
def test_a_word_document_is_refused() -> None:
    with pytest.raises(ImportFileError, match=r"^“tables.docx” is a Word document"):
        read("corpora/mammoth-test-docx/tables.docx")
