"""The clean table every reader produces, whatever the file format: a header and rows of text cells."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One candidate row as the file holds it."""

    number: int  # the row a user sees: the first physical line of the record in a text file, the sheet row in Excel
    values: tuple[str, ...]  # exactly one per header; a short (ragged) row is padded with ""
    problem: str | None = None  # one sentence when the row holds more values than the header has columns


@dataclass(frozen=True, slots=True)
class Table:
    """A whole file read into text cells, with what was found out about it on the way."""

    path: Path
    format: str  # "csv" | "xlsx" | "xls"
    encoding: str | None  # the text encoding used; None for workbooks
    delimiter: str | None  # None for workbooks and for one-column text files
    header_row: int  # the row number of the header, counted like SourceRow.number
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
