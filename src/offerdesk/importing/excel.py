"""Reading the first non-empty sheet of an Excel workbook (.xlsx with openpyxl, legacy .xls with xlrd) into rows
of text cells, the same shape a CSV gives.

Workbooks from outside are hostile until checked: a zip may promise gigabytes once unpacked, a sheet may claim a
million rows it does not have, and either library can fail in many ways on a damaged file. Each failure becomes
one sentence.

The two libraries are imported when a workbook is read: openpyxl alone adds about 10 MB to the window, which a
CSV import never needs.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from offerdesk.files import OutsideFileError, check_zip_members
from offerdesk.importing.guard import ReadGuard
from offerdesk.importing.problems import ImportCancelled, ImportFileError, quoted
from offerdesk.importing.shaping import Record, has_content


def _damaged() -> tuple[type[BaseException], ...]:
    """What the two libraries raise on a damaged or truncated workbook (a broken zip, a missing or malformed XML
    part, a record that points past the end of the file). Each means the same to the user: this workbook cannot be
    read. Anything else is a defect of ours and is left to reach the log with its traceback."""
    import openpyxl  # type: ignore[import-untyped]
    import xlrd  # type: ignore[import-untyped]

    return (
        zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, AttributeError, OSError, SyntaxError,
        AssertionError, struct.error, EOFError, xlrd.XLRDError, xlrd.compdoc.CompDocError,
        openpyxl.utils.exceptions.InvalidFileException,
    )  # fmt: skip


MAX_UNPACKED_BYTES = 200_000_000  # what the parts of an .xlsx may add up to once unzipped


def check_unpacked_size(archive: zipfile.ZipFile, file_name: str, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a zip whose parts would unpack to more than `limit` bytes (a "zip bomb") before opening any; openpyxl
    itself unpacks whatever it is given."""
    try:
        check_zip_members(archive, quoted(file_name), limit, "save the workbook again or export it as CSV")
    except OutsideFileError as error:
        raise ImportFileError(str(error)) from None


def xlsx_records(data: bytes, file_name: str, guard: ReadGuard) -> list[Record]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips: nothing for users
        return _xlsx_records(data, file_name, guard)


def _xlsx_records(data: bytes, file_name: str, guard: ReadGuard) -> list[Record]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _damaged():
        raise _unreadable(file_name, "xlsx") from None
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # a sheet's own size claim is not trusted: rows are read as they come
            records = _collect(sheet.iter_rows(values_only=True), guard)
            if records:
                return records
        return []
    except (ImportFileError, ImportCancelled):
        raise
    except _damaged():
        raise _unreadable(file_name, "xlsx") from None
    finally:
        workbook.close()


def xls_records(data: bytes, file_name: str, guard: ReadGuard) -> list[Record]:
    import xlrd

    try:
        # xlrd prints its warnings to stdout unless given a log of its own; a file Excel itself opens despite
        # damage in its container is read the same way Excel does.
        book = xlrd.open_workbook(
            file_contents=data, on_demand=True, logfile=io.StringIO(), ignore_workbook_corruption=True
        )
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise password_protected(file_name) from None
        raise _unreadable(file_name, "xls") from None
    except _damaged():
        raise _unreadable(file_name, "xls") from None
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = (_xls_row(sheet.row(row), book.datemode, xlrd) for row in range(sheet.nrows))
            records = _collect(rows, guard)
            if records:
                return records
        return []
    except (ImportFileError, ImportCancelled):
        raise
    except _damaged():
        raise _unreadable(file_name, "xls") from None
    finally:
        book.release_resources()


def password_protected(file_name: str) -> ImportFileError:
    return ImportFileError(
        f"{quoted(file_name)} is protected with a password; save it again without one, then import that copy."
    )


def _unreadable(file_name: str, kind: str) -> ImportFileError:
    return ImportFileError(
        f"{quoted(file_name)} cannot be opened as an Excel workbook (.{kind}): it is damaged or not really one; "
        "open it in a spreadsheet program and save it again."
    )


def _collect(rows: Iterable[Iterable[Any]], guard: ReadGuard) -> list[Record]:
    """Non-blank rows as text, numbered by their sheet row."""
    records: list[Record] = []
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(value) for value in values]
        guard.count_record(number, len(cells))
        if cells and has_content(cells):
            records.append((number, cells))
            guard.check_rows(len(records) - 1)
    return records


def cell_text(value: object) -> str:
    """A cell as the user typed it: ISO dates, whole numbers without ".0", booleans as TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _xls_row(cells: list[Any], datemode: int, xlrd: Any) -> Iterator[object]:
    for cell in cells:
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                yield xlrd.xldate_as_datetime(cell.value, datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                yield cell.value
        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
            yield bool(cell.value)
        elif cell.ctype == xlrd.XL_CELL_ERROR:
            yield xlrd.error_text_from_code.get(cell.value, "#ERROR")
        else:
            yield cell.value  # text, number, or "" for an empty cell
