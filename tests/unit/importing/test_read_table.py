"""Files on disk: the format taken from the content, workbooks, caps on size and work, and files that are not
tables at all."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]
import pytest

from offerdesk.importing.reader import ImportCancelled, ImportFileError, read_table
from tests.unit.importing.xls_bytes import Cell, Date, xls_bytes


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def xlsx(tmp_path: Path, name: str, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# -- workbooks --------------------------------------------------------------------------------------------------


def test_an_xlsx_gives_iso_dates_whole_numbers_and_empty_strings(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path,
        "people.xlsx",
        {
            "Candidates": [
                ["Name", "Applied", "Interview", "Years", "Score", "Hired", "Notes"],
                ["Ann Lee", dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30), 42, 4.5, True, None],
                ["山田 太郎", dt.date(2023, 12, 31), None, 7.0, 0.1, False, "line one\nline two & <b>"],
            ]
        },
    )
    table = read_table(path)
    assert (table.format, table.encoding, table.delimiter, table.header_row) == ("xlsx", None, None, 1)
    assert table.headers == ("Name", "Applied", "Interview", "Years", "Score", "Hired", "Notes")
    assert [row.values for row in table.rows] == [
        ("Ann Lee", "2024-03-01", "2024-03-01T09:30:00", "42", "4.5", "TRUE", ""),
        ("山田 太郎", "2023-12-31", "", "7", "0.1", "FALSE", "line one\nline two & <b>"),
    ]
    assert [row.number for row in table.rows] == [2, 3]


def test_the_first_non_empty_sheet_is_read_and_a_title_row_is_skipped(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path,
        "export.xlsx",
        {"Cover": [], "Data": [["Candidates export 2024-03-01"], [], ["Email", "Stage"], ["ann@x.org", "Offer"]]},
    )
    table = read_table(path)
    assert table.header_row == 3
    assert table.headers == ("Email", "Stage")
    assert [(row.number, row.values) for row in table.rows] == [(4, ("ann@x.org", "Offer"))]


def test_values_right_of_the_header_in_a_sheet_form_an_unnamed_column(tmp_path: Path) -> None:
    path = xlsx(tmp_path, "wide.xlsx", {"S": [["Name", "Email"], ["Ann", "a@x.org", "note"]]})
    table = read_table(path)
    assert table.headers == ("Name", "Email", "Column 3")
    assert table.rows[0].values == ("Ann", "a@x.org", "note") and table.rows[0].problem is None


def test_the_format_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    workbook = xlsx(tmp_path, "real.xlsx", {"S": [["Name"], ["Ann"]]})
    disguised = write(tmp_path, "export.csv", workbook.read_bytes())
    assert read_table(disguised).format == "xlsx"
    text = write(tmp_path, "export.xlsx", b"Name,Email\nAnn,a@x.org\n")
    assert read_table(text).format == "csv"


def test_an_empty_workbook_is_one_sentence(tmp_path: Path) -> None:
    path = xlsx(tmp_path, "blank.xlsx", {"One": [], "Two": [[None, "  "]]})
    with pytest.raises(ImportFileError, match=r"^“blank.xlsx” is empty\.$"):
        read_table(path)


def test_a_legacy_xls_is_read_with_xlrd(tmp_path: Path) -> None:
    rows: list[list[Cell]] = [
        ["Name", "Applied", "Interview", "Years", "Active", "Notes"],
        ["Ann Lee", Date(45352.0), Date(45352.395833333336), 42, True, None],
        ["山田 太郎", Date(45291.0), None, 4.5, False, "שלום"],
    ]
    path = write(tmp_path, "old.xls", xls_bytes(rows))
    table = read_table(path)
    assert (table.format, table.header_row) == ("xls", 1)
    assert table.headers == ("Name", "Applied", "Interview", "Years", "Active", "Notes")
    assert [row.values for row in table.rows] == [
        ("Ann Lee", "2024-03-01", "2024-03-01T09:30:00", "42", "TRUE", ""),
        ("山田 太郎", "2023-12-31", "", "4.5", "FALSE", "שלום"),
    ]


# -- files that are not tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (zip_bytes({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}), "is a Word document"),
        (zip_bytes({"notes.txt": b"hello"}), "is a zip archive, not a spreadsheet or CSV export."),
        (b"PK\x03\x04" + b"\x00" * 60, "is a damaged zip file"),
        (zip_bytes({"xl/workbook.xml": b"not xml at all"}), "cannot be opened as an Excel workbook (.xlsx)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "is a PNG image, not a spreadsheet or CSV export."),
        (b"\xff\xd8\xff\xe0" + bytes(100), "is a JPEG image"),
        (b"%PDF-1.7\n" + bytes(100), "is a PDF document"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), "cannot be opened as an Excel workbook (.xls)"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptionInfo".encode("utf-16-le"), "protected with a password"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + "WordDocument".encode("utf-16-le"), "is a Word document"),
        (b"\n<HTML><body><table><tr><td>Name</td></tr></table>", "is a web page (HTML), not a spreadsheet"),
        (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">', "Excel 2003 XML"),
    ],
)
def test_files_that_are_not_tables_are_one_sentence_naming_the_file(tmp_path: Path, data: bytes, sentence: str) -> None:
    path = write(tmp_path, "upload.bin", data)
    with pytest.raises(ImportFileError) as raised:
        read_table(path)
    assert str(raised.value).startswith("“upload.bin”")
    assert sentence in str(raised.value)


def test_a_zip_that_would_unpack_past_the_cap_is_refused_before_opening(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<worksheet/>"}))
    directory = data.find(b"PK\x01\x02")  # the first central-directory entry
    struct.pack_into("<I", data, directory + 24, 0xFFFF0000)  # claim about 4 GB once unpacked
    path = write(tmp_path, "bomb.xlsx", bytes(data))
    with pytest.raises(ImportFileError, match=r"^“bomb.xlsx” would unpack to 4.3 GB, over the 200.0 MB"):
        read_table(path)


def test_a_missing_file_and_a_folder_are_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not exist"):
        read_table(tmp_path / "gone.csv")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_table(tmp_path)


# -- caps -------------------------------------------------------------------------------------------------------


def rows_csv(count: int) -> bytes:
    return b"Name,Email\n" + b"".join(b"p%d,p%d@x.org\n" % (n, n) for n in range(count))


def test_a_file_over_the_size_limit_is_refused_with_size_and_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", rows_csv(2000))
    pattern = r"^“big.csv” is \d+\.\d KB, over the 10.0 KB limit for one import; split it into smaller files\.$"
    with pytest.raises(ImportFileError, match=pattern):
        read_table(path, max_bytes=10_000)
    assert read_table(path, max_bytes=path.stat().st_size).rows


def test_the_row_cap_counts_data_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "rows.csv", rows_csv(3))
    assert len(read_table(path, max_rows=3).rows) == 3
    with pytest.raises(ImportFileError, match=r"^“rows.csv” has more than 2 rows"):
        read_table(path, max_rows=2)


def test_the_row_cap_stops_a_long_file_while_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "long.csv", rows_csv(5000))
    with pytest.raises(ImportFileError, match="has more than 100 rows"):
        read_table(path, max_rows=100)


def test_the_cell_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "cells.csv", rows_csv(10))
    assert read_table(path, max_cells=22).rows
    with pytest.raises(ImportFileError, match=r"^“cells.csv” has more than 21 cells"):
        read_table(path, max_cells=21)


def test_the_row_cap_applies_to_workbooks(tmp_path: Path) -> None:
    path = xlsx(tmp_path, "rows.xlsx", {"S": [["Name"], ["a"], ["b"], ["c"]]})
    with pytest.raises(ImportFileError, match="has more than 2 rows"):
        read_table(path, max_rows=2)


def test_should_stop_is_polled_and_cancels(tmp_path: Path) -> None:
    path = write(tmp_path, "many.csv", rows_csv(1600))
    calls: list[int] = []

    def never() -> bool:
        calls.append(1)
        return False

    assert len(read_table(path, should_stop=never).rows) == 1600
    assert len(calls) == 3  # every 500 records
    with pytest.raises(ImportCancelled, match="was cancelled"):
        read_table(path, should_stop=lambda: True)


def test_a_reading_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    rows: list[list[object]] = [["n"], *([number] for number in range(600))]
    path = xlsx(tmp_path, "slow.xlsx", {"S": rows})
    with pytest.raises(ImportFileError, match="took longer than 0 seconds"):
        read_table(path, max_seconds=0)
