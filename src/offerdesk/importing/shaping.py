"""From raw records to a table: which row is the header, what each column is called, how each row fits it.

Exports often start with a title line or a few blank lines, and hand-edited files have rows that are short,
long, or blank; all of that is settled here once, for text files and workbooks alike.
"""

from __future__ import annotations

import math

from offerdesk.importing.guard import ReadGuard
from offerdesk.importing.headers import is_known_header
from offerdesk.importing.problems import ImportFileError, quoted
from offerdesk.importing.table import SourceRow

Record = tuple[int, list[str]]  # (row number as the user sees it, cells)

HEADER_SEARCH_ROWS = 20  # the header is looked for among this many non-blank rows
_FOLLOWERS = 5  # rows after a header candidate that must mostly fit under it
_FULL_ENOUGH = 0.75  # a header candidate has at least this share of the fullest row's non-empty cells


def has_content(cells: list[str]) -> bool:
    return bool("".join(cells).strip())


def shape(
    records: list[Record],
    file_name: str,
    guard: ReadGuard,
    header_index: int | None = None,
    *,
    sheet: bool = False,
) -> tuple[int, tuple[str, ...], tuple[SourceRow, ...]]:
    """The header row number, the header names and the data rows of `records` (blank rows already removed).
    In a `sheet` the header spans every column any row uses: there a value right of the header is a column
    without a name, not an extra cell as in a text file."""
    if not records:
        raise ImportFileError(f"{quoted(file_name)} is empty.")
    index = find_header(records) if header_index is None else header_index
    header_number, raw_header = records[index]
    data = records[index + 1 :]
    guard.check_rows(len(data))
    if not data:
        raise ImportFileError(f"{quoted(file_name)} has a header row but no candidates.")
    if sheet:
        widest = max(len(cells) for _number, cells in data)
        raw_header = raw_header + [""] * (widest - len(raw_header))
    start, end = _useful_columns(raw_header, data)
    headers = name_headers(raw_header[start:end], start)
    rows = tuple(_fit(number, cells, start, end) for number, cells in data)
    return header_number, headers, rows


def find_header(records: list[Record]) -> int:
    """The index of the header among `records`: a row of known column names, else the first full row that the
    rows after it fit under, else the first row."""
    window = records[:HEADER_SEARCH_ROWS]
    for index, (_number, cells) in enumerate(window):
        if sum(1 for cell in cells if is_known_header(cell)) >= 2:
            return index
    counts = [sum(1 for cell in cells if cell.strip()) for _number, cells in window]
    needed = math.ceil(max(counts) * _FULL_ENOUGH)
    for index, count in enumerate(counts):
        if count >= needed and _rows_fit_under(records, index):
            return index
    return 0


def _rows_fit_under(records: list[Record], index: int) -> bool:
    width = _filled_width(records[index][1])
    followers = [_filled_width(cells) for _number, cells in records[index + 1 : index + 1 + _FOLLOWERS]]
    return bool(followers) and 2 * sum(1 for follower in followers if follower <= width) >= len(followers)


def _filled_width(cells: list[str]) -> int:
    """The position of the last non-empty cell: a row's width without trailing empty cells."""
    for position in range(len(cells), 0, -1):
        if cells[position - 1].strip():
            return position
    return 0


def _useful_columns(raw_header: list[str], data: list[Record]) -> tuple[int, int]:
    """The header's column range without leading and trailing columns that are empty from top to bottom."""

    def empty(column: int) -> bool:
        if raw_header[column].strip():
            return False
        return not any(len(cells) > column and cells[column].strip() for _number, cells in data)

    start, end = 0, len(raw_header)
    while end - start > 1 and empty(end - 1):
        end -= 1
    while end - start > 1 and empty(start):
        start += 1
    return start, end


def name_headers(raw: list[str], first_position: int = 0) -> tuple[str, ...]:
    """Header names as users will see them: trimmed, 'Column 3' for a blank one, ' (2)' after a repeat."""
    names: list[str] = []
    seen: set[str] = set()
    for offset, cell in enumerate(raw):
        name = cell.replace("\ufeff", "").strip() or f"Column {first_position + offset + 1}"
        if name in seen:
            suffix = 2
            while f"{name} ({suffix})" in seen:
                suffix += 1
            name = f"{name} ({suffix})"
        seen.add(name)
        names.append(name)
    return tuple(names)


def _fit(number: int, cells: list[str], start: int, end: int) -> SourceRow:
    """The row cut or padded to the header's columns; extra values that are not empty are kept as a problem."""
    width = end - start
    values = cells[start:end]
    if len(values) < width:
        values.extend([""] * (width - len(values)))
    problem = None
    if len(cells) > end:
        for position in range(end, len(cells)):
            if cells[position].strip():
                problem = (
                    f"Row {number} has {_filled_width(cells)} cells but the header has {end} columns "
                    f"(extra value {quoted(cells[position], 40)} in column {position + 1})."
                )
                break
    return SourceRow(number, tuple(values), problem)
