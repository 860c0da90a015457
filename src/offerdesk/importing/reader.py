"""Reading a candidate file exported from an ATS or a spreadsheet into a clean `Table`.

The format is taken from the content, not the file name: a zip holding `xl/workbook.xml` is an .xlsx, an OLE2
compound file is a legacy .xls, and anything else is read as CSV/TSV text. Every problem a user's file can cause
ends as an `ImportFileError` (a `ValidationError`) with one sentence naming the file, and the row and column
where the problem sits.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from offerdesk.files import OutsideFileError, read_outside_file
from offerdesk.importing.guard import ReadGuard
from offerdesk.importing.problems import ImportCancelled, ImportFileError, quoted
from offerdesk.importing.shaping import Record, shape
from offerdesk.importing.table import SourceRow, Table
from offerdesk.importing.text_reader import read_text

__all__ = ["ImportCancelled", "ImportFileError", "SourceRow", "Table", "read_table", "read_text_table"]

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_NOT_TABLES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
)
_ZIP_KINDS: tuple[tuple[str, str], ...] = (
    ("word/document.xml", "a Word document"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("xl/workbook.bin", "an Excel binary workbook (.xlsb)"),
    ("content.xml", "an OpenDocument file"),
)
_ENCRYPTED_OFFICE = "EncryptionInfo".encode("utf-16-le")  # the stream a password-protected .xlsx/.docx holds
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def read_table(
    path: Path,
    *,
    max_bytes: int = 50_000_000,
    max_rows: int = 1_000_000,
    max_cells: int = 20_000_000,
    should_stop: Callable[[], bool] | None = None,
    encoding: str | None = None,
    max_seconds: float = 300.0,
) -> Table:
    """The table in the file at `path`. `encoding` overrides the detected one for a text file; `should_stop` is
    asked every few hundred rows and ends the reading with `ImportCancelled` when it returns True."""
    guard = ReadGuard(path.name, max_rows, max_cells, should_stop, max_seconds)
    data = _read_bytes(path, max_bytes)
    if data.startswith(_ZIP):
        from offerdesk.importing import excel  # openpyxl and xlrd load only when a workbook is read

        records = excel.xlsx_records(_workbook_bytes(data, path.name), path.name, guard)
        return _from_records(path, "xlsx", records, guard)
    if data.startswith(_OLE2):
        from offerdesk.importing import excel

        if _ENCRYPTED_OFFICE in data:
            raise excel.password_protected(path.name)
        if _WORD_STREAM in data:
            raise ImportFileError(f"{quoted(path.name)} is a Word document, not a spreadsheet or CSV export.")
        return _from_records(path, "xls", excel.xls_records(data, path.name, guard), guard)
    refusal = _refusal_for_other_file(data, path.name)
    if refusal is not None:
        raise refusal
    text = read_text(data, path.name, guard, encoding)
    return Table(path, "csv", text.encoding, text.delimiter, text.header_row, text.headers, text.rows)


def read_text_table(data: bytes, name: str = "file", *, encoding: str | None = None) -> Table:
    """The table in CSV/TSV `data`, as `read_table` reads a text file called `name`."""
    guard = ReadGuard(name)
    text = read_text(data, name, guard, encoding)
    return Table(Path(name), "csv", text.encoding, text.delimiter, text.header_row, text.headers, text.rows)


def _refusal_for_other_file(data: bytes, file_name: str) -> ImportFileError | None:
    """The sentence for a file that is no table ("… is a PNG image …"), from its first bytes; None for text.
    Some older ATS "Excel exports" are really web pages or Excel 2003 XML: those are named too."""
    not_table = f"{quoted(file_name)} is {{}}, not a spreadsheet or CSV export"
    for magic, kind in _NOT_TABLES:
        if data.startswith(magic):
            return ImportFileError(not_table.format(kind) + ".")
    start = data[:2048].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    resave = "; open it in a spreadsheet program and save it as .xlsx or CSV."
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        return ImportFileError(not_table.format("a web page (HTML)") + resave)
    if start.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in start:
            return ImportFileError(not_table.format("an Excel 2003 XML spreadsheet") + resave)
        return ImportFileError(not_table.format("an XML file") + ".")
    return None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Only a regular file, never more than `max_bytes` (a pipe or a device is refused before it is read)."""
    try:
        return read_outside_file(
            path, max_bytes, shown=quoted(path.name), choose="choose a CSV or Excel file",
            too_big="split it into smaller files",
        )  # fmt: skip
    except OutsideFileError as error:
        raise ImportFileError(str(error)) from None


def _workbook_bytes(data: bytes, file_name: str) -> bytes:
    """`data` when it is an .xlsx whose unpacked size is safe, else the sentence that says what the zip is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                from offerdesk.importing.excel import check_unpacked_size

                check_unpacked_size(archive, file_name)
                return data
    except zipfile.BadZipFile:
        raise ImportFileError(f"{quoted(file_name)} is a damaged zip file, not a readable workbook.") from None
    for part, kind in _ZIP_KINDS:
        if part in names:
            raise ImportFileError(
                f"{quoted(file_name)} is {kind}, not a spreadsheet OfferDesk can read; save it as .xlsx or CSV."
            )
    raise ImportFileError(f"{quoted(file_name)} is a zip archive, not a spreadsheet or CSV export.")


def _from_records(path: Path, kind: str, records: list[Record], guard: ReadGuard) -> Table:
    header_row, headers, rows = shape(records, path.name, guard, sheet=True)
    return Table(path, kind, None, None, header_row, headers, rows)
