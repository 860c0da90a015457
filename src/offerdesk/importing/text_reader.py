"""Reading CSV and TSV exports: decode, find the delimiter, parse with the csv module, check, shape.

Line breaks are unified before parsing: CRLF and a lone CR (old Mac files) become LF everywhere, which is what
the record terminators need and also what a multi-line value inside quotes should hold.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from offerdesk.importing.decoding import decode
from offerdesk.importing.delimiters import detect_delimiter
from offerdesk.importing.guard import ReadGuard
from offerdesk.importing.problems import ImportFileError, at_place, column_words, quoted
from offerdesk.importing.shaping import HEADER_SEARCH_ROWS, Record, find_header, has_content, shape
from offerdesk.importing.table import SourceRow

_UNUSED_SEPARATORS = ("\x1f", "\x1e", "\x1d", "\x1c", "\x01")  # for one-column files: split on nothing real


@dataclass(frozen=True)
class TextTable:
    """What a text file gave: the parts of a `Table` plus how the bytes were read."""

    encoding: str
    delimiter: str | None
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]


def read_text(data: bytes, file_name: str, guard: ReadGuard, encoding: str | None = None) -> TextTable:
    text, used = decode(data, file_name, encoding)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    delimiter = detect_delimiter(text)
    records = _records(text, delimiter or _separator_absent_from(text), file_name, guard)
    if not records:
        raise ImportFileError(f"{quoted(file_name)} is empty.")
    header_index = find_header(records)
    if "\x00" in text:
        _refuse_nul(records, header_index, file_name)
    _refuse_open_quote(text, records, header_index, file_name)
    header_row, headers, rows = shape(records, file_name, guard, header_index)
    return TextTable(used, delimiter, header_row, headers, rows)


def _separator_absent_from(text: str) -> str:
    return next((candidate for candidate in _UNUSED_SEPARATORS if candidate not in text), ",")


def _records(text: str, delimiter: str, file_name: str, guard: ReadGuard) -> list[Record]:
    """The non-blank records of `text`, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[Record] = []
    start = 1
    count = 0
    try:
        for cells in reader:
            count += 1
            guard.count_record(count, len(cells))
            if cells and has_content(cells):
                records.append((start, cells))
                if len(records) > guard.max_rows + HEADER_SEARCH_ROWS:
                    guard.check_rows(len(records) - HEADER_SEARCH_ROWS)
            start = reader.line_num + 1
    except csv.Error as error:
        if "field limit" in str(error):
            reason = (
                f'holds a cell longer than {csv.field_size_limit():,} characters, which usually means a quote (") '
                "that is never closed"
            )
        else:
            reason = f"cannot be read as CSV ({error})"
        raise ImportFileError(f"{at_place(file_name, start)} {reason}.") from None
    return records


def _column_name(records: list[Record], header_index: int, record_index: int, column: int) -> str:
    """How to name column `column` of a record: by the header's name below the header, by position above it."""
    header = records[header_index][1]
    if record_index > header_index and column < len(header):
        return column_words(header[column].strip(), column)
    return column_words(None, column)


def _refuse_nul(records: list[Record], header_index: int, file_name: str) -> None:
    for record_index, (number, cells) in enumerate(records):
        for column, cell in enumerate(cells):
            if "\x00" in cell:
                name = _column_name(records, header_index, record_index, column)
                raise ImportFileError(
                    f"{at_place(file_name, number, name)} holds a NUL byte, so the file is not a plain text export."
                )


def _refuse_open_quote(text: str, records: list[Record], header_index: int, file_name: str) -> None:
    """Refuse a quote that opens a value and never closes: the parser would read the rest of the file as one
    cell and quietly lose every row after it."""
    number, cells = records[-1]
    if text.count('"') % 2 == 0 or "\n" not in cells[-1]:
        return
    name = _column_name(records, header_index, len(records) - 1, len(cells) - 1)
    raise ImportFileError(
        f"{at_place(file_name, number, name)} opens a quoted value that is never closed, so the rest of the file "
        'would become one cell; check the quotes (") in that row.'
    )
