"""Export the candidate list, or any filtered view of it, as CSV, Excel or JSON.

The rows are read in pages of ids, so 100,000 candidates export without holding them all at once, and written
through a temporary file in the target folder that is renamed only when complete: a failure never leaves half a
file behind.

Spreadsheets run formulas, so a cell that starts with “=”, “+”, “-”, “@”, a tab or a carriage return could run
one when the file is opened (CSV injection). The guard, following OWASP's advice:

- CSV: such a cell gets a leading apostrophe (“'=HYPERLINK(…)”), which Excel shows as text. The one exception is a
  phone cell made only of “+”, digits, spaces and the “; ” between numbers (“+49 1511 2345678”): that cannot
  call anything, and an apostrophe would spoil the number for every other reader.
- XLSX: every text cell is written as a text cell, never a formula, and such a cell also carries Excel's own
  quote prefix (the flag a typed apostrophe sets), so it stays text when edited while reading as written.

JSON is data, not a spreadsheet: its values are never changed. It holds the keys of `COLUMNS` with strings,
numbers, booleans, null and lists; stage and offer status are their stable codes (“final_round”), where the
spreadsheets show labels (“Final round”), and “updated” is UTC.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.candidate_filter import CandidateFilter
from offerdesk.domain.candidate_record import display_phone
from offerdesk.domain.candidates import CandidateRow, CandidateSort
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import atomic_write
from offerdesk.services.changes import Changes, Outcome
from offerdesk.storage import candidates as listing
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Candidate, lines

COLUMNS: dict[str, str] = {
    "id": "OfferDesk ID", "name": "Name", "first_name": "First name", "last_name": "Last name", "email": "Email",
    "emails": "Emails", "phone": "Phone", "phones": "Phones", "stage": "Stage", "role": "Role",
    "location": "Location", "recruiter": "Recruiter", "source": "Source", "tags": "Tags",
    "offer_status": "Offer status", "readiness": "Readiness", "notes": "Notes", "links": "Links",
    "consent_given_on": "Consent given on", "retain_until": "Retain until", "external_id": "External ID",
    "archived": "Archived", "updated": "Updated",
}  # fmt: skip
DEFAULT_COLUMNS = (
    "name", "email", "phone", "stage", "role", "location", "recruiter", "source", "tags", "offer_status", "readiness",
)  # fmt: skip
FORMATS = ("csv", "xlsx", "json")
CHUNK = 2000  # ids per page: one listing query and one query for the other fields
SEPARATOR = "; "  # between the values of a multi-value cell in CSV and XLSX
SHEET_NAME = "Candidates"

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PHONE_COLUMNS = frozenset({"phone", "phones"})
_PHONE_CELL = re.compile(r"\+[0-9 ]+(?:; \+[0-9 ]+)*")
# The fields the list rows do not carry: read in bulk per page, and only when a chosen column needs them.
_EXTRA_FIELDS = {
    "first_name": "first_name", "last_name": "last_name", "emails": "extra_emails", "phones": "extra_phones",
    "notes": "notes", "links": "links", "consent_given_on": "consent_given_on", "retain_until": "retain_until",
    "external_id": "external_id",
}  # fmt: skip


def export_format(path: Path, format: str | None = None) -> str:
    """The format named, else the one the file name ends in; a sentence for anything else."""
    chosen = (format or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        named = f"“{format}”" if format else f"a “{path.suffix or path.name}” file"
        raise ValidationError(f"Candidates are exported as .csv, .xlsx or .json, not as {named}.")
    return chosen


def checked_columns(columns: Sequence[str] | None) -> tuple[str, ...]:
    """The columns to write, in the order given, each once; a sentence naming the first unknown one."""
    if columns is None:
        return DEFAULT_COLUMNS
    chosen = tuple(dict.fromkeys(name.strip().lower() for name in columns if name.strip()))
    if not chosen:
        raise ValidationError("Choose at least one column to export.")
    for name in chosen:
        if name not in COLUMNS:
            raise ValidationError(f"“{name}” is not a candidate column; choose from {', '.join(COLUMNS)}.")
    return chosen


def needs_guard(column: str, text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (see the module docstring for the phone exception)."""
    if not text.startswith(_TRIGGERS):
        return False
    return not (column in _PHONE_COLUMNS and _PHONE_CELL.fullmatch(text))


def guarded(column: str, text: str) -> str:
    """A CSV cell as written: a leading apostrophe when it could run as a formula."""
    return "'" + text if needs_guard(column, text) else text


@dataclass(frozen=True)
class _Extra:
    """The fields of one candidate that the list row does not have (empty when no chosen column needs them)."""

    first_name: str = ""
    last_name: str = ""
    extra_emails: str = ""
    extra_phones: str = ""
    notes: str = ""
    links: str = ""
    consent_given_on: date | None = None
    retain_until: date | None = None
    external_id: str = ""


_NO_EXTRA = _Extra()


# Phones are parsed to be shown (~20 µs each); the cache serves the primary number's second use (phone and phones)
# and numbers many candidates share, without growing with the export.
_shown_phone = lru_cache(maxsize=4096)(display_phone)


def _emails(row: CandidateRow, extra: _Extra) -> tuple[str, ...]:
    return tuple(email for email in (row.email, *lines(extra.extra_emails)) if email)


def _phones(row: CandidateRow, extra: _Extra) -> tuple[str, ...]:
    return tuple(_shown_phone(phone) for phone in (row.phone, *lines(extra.extra_phones)) if phone)


# Each column's value as a Python value; each writer turns it into text, a number or a date its own way.
_VALUES: dict[str, Callable[[CandidateRow, _Extra], Any]] = {
    "id": lambda row, _: row.id,
    "name": lambda row, _: row.full_name,
    "first_name": lambda _, extra: extra.first_name,
    "last_name": lambda _, extra: extra.last_name,
    "email": lambda row, _: row.email,
    "emails": _emails,
    "phone": lambda row, _: _shown_phone(row.phone) if row.phone else "",
    "phones": _phones,
    "stage": lambda row, _: row.stage,
    "role": lambda row, _: row.role_title,
    "location": lambda row, _: row.location,
    "recruiter": lambda row, _: row.recruiter,
    "source": lambda row, _: row.source,
    "tags": lambda row, _: row.tags,
    "offer_status": lambda row, _: row.offer_status,
    "readiness": lambda row, _: row.readiness,
    "notes": lambda _, extra: extra.notes,
    "links": lambda _, extra: tuple(lines(extra.links)),
    "consent_given_on": lambda _, extra: extra.consent_given_on,
    "retain_until": lambda _, extra: extra.retain_until,
    "external_id": lambda _, extra: extra.external_id,
    "archived": lambda row, _: row.archived,
    "updated": lambda row, _: row.updated_at,
}


_NUMBERS = frozenset({"id", "readiness"})
_LISTS = frozenset({"emails", "phones", "tags", "links"})
_CODES = frozenset({"stage", "offer_status"})
_DATES = frozenset({"consent_given_on", "retain_until"})
Convert = Callable[[Any], Any]


def _local(moment: datetime) -> datetime:
    """A stored (naive UTC) time as the user's wall clock, for the spreadsheets."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None, microsecond=0)


def _json_converter(column: str) -> Convert:
    if column in _LISTS:
        return list
    if column in _CODES:
        return lambda code: code.value if code is not None else None
    if column in _DATES:
        return lambda day: day.isoformat() if day is not None else None
    if column == "updated":
        return lambda moment: moment.replace(microsecond=0).isoformat() + "Z" if moment is not None else None
    return lambda value: value


def _sheet_converter(column: str) -> Convert:
    """A cell for XLSX: labels, joined lists, Yes/No; numbers stay numbers, dates dates, times local."""
    if column in _LISTS:
        return SEPARATOR.join
    if column in _CODES:
        return lambda code: code.label if code is not None else None
    if column == "archived":
        return lambda archived: "Yes" if archived else "No"
    if column == "updated":
        return lambda moment: _local(moment) if moment is not None else None
    return lambda value: value


def _csv_converter(column: str) -> Convert:
    """A cell for CSV: the XLSX value as text, guarded against formulas."""
    sheet = _sheet_converter(column)
    if column in _NUMBERS:
        return lambda number: "" if number is None else str(number)
    if column in _DATES:
        return lambda day: day.isoformat() if day is not None else ""
    if column == "updated":
        return lambda moment: _local(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""
    if column in _CODES:
        return lambda code: code.label if code is not None else ""
    return lambda value: guarded(column, sheet(value))


class CandidateExport:
    COLUMNS = COLUMNS
    DEFAULT_COLUMNS = DEFAULT_COLUMNS

    def __init__(self, database: Database) -> None:
        self._database = database

    def records(
        self,
        where: CandidateFilter,
        columns: Sequence[str] | None = None,
        sort: CandidateSort = CandidateSort.NAME,
        descending: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """The matching candidates as JSON values, page by page (the command line prints these)."""
        chosen = checked_columns(columns)
        yield from _json_records(chosen, self._typed_rows(where, chosen, sort, descending))

    def record(self, candidate_id: int) -> dict[str, Any]:
        """Every column of one candidate as JSON values (`offerdesk candidates show --format json`)."""
        chosen = tuple(COLUMNS)
        with self._database.transaction() as session:
            pages = list(_pages(session, [candidate_id], chosen))
        if not pages:
            raise NotFoundError(f"There is no candidate with id {candidate_id}.")
        return next(_json_records(chosen, iter(pages)))

    def write(
        self,
        where: CandidateFilter,
        path: Path,
        *,
        format: str | None = None,
        columns: Sequence[str] | None = None,
        sort: CandidateSort = CandidateSort.NAME,
        descending: bool = False,
    ) -> Outcome[int]:
        """Write the matching candidates to `path`, in list order; the value is how many rows were written."""
        _check_target(path)
        chosen_format, chosen = export_format(path, format), checked_columns(columns)
        rows = self._typed_rows(where, chosen, sort, descending)
        try:
            if chosen_format == "csv":
                with atomic_write(path, "w", encoding="utf-8-sig", newline="") as stream:
                    written = _write_csv(stream, chosen, rows)
            elif chosen_format == "xlsx":
                with atomic_write(path, "wb") as stream:
                    written = _write_xlsx(stream, chosen, rows)
            else:
                with atomic_write(path, "w", encoding="utf-8", newline="\n") as stream:
                    written = _write_json(stream, chosen, rows)
        except OSError as error:
            raise ValidationError(f"Cannot write {path} ({error.strerror or error}); choose another folder.") from error
        return Outcome(written, Changes())

    def _typed_rows(
        self, where: CandidateFilter, columns: tuple[str, ...], sort: CandidateSort, descending: bool
    ) -> Iterator[tuple[Any, ...]]:
        """One read transaction for the whole export, so the file is one consistent picture of the list."""
        with self._database.transaction() as session:
            ids = listing.candidate_ids(session, where, sort, descending)
            yield from _pages(session, ids, columns)


def _pages(session: Session, ids: Sequence[int], columns: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    fields = sorted({_EXTRA_FIELDS[column] for column in columns if column in _EXTRA_FIELDS})
    getters = [_VALUES[column] for column in columns]
    for start in range(0, len(ids), CHUNK):
        page = ids[start : start + CHUNK]
        extras = _extras(session, page, fields)
        for row in listing.candidate_rows(session, page):
            extra = extras.get(row.id, _NO_EXTRA)
            yield tuple(getter(row, extra) for getter in getters)


def _extras(session: Session, ids: Sequence[int], fields: list[str]) -> dict[int, _Extra]:
    """One SELECT per page: `draft_of` per candidate costs a query each (100,000 of them for a full export)."""
    if not fields:
        return {}
    statement = select(Candidate.id, *(getattr(Candidate, name) for name in fields)).where(Candidate.id.in_(ids))
    found = {}
    for candidate_id, *values in session.execute(statement):
        stored = {name: value for name, value in zip(fields, values, strict=True) if value is not None}
        found[candidate_id] = _Extra(**stored)
    return found


def _check_target(path: Path) -> None:
    """Say what is wrong with the target before any row is read."""
    if path.is_dir():
        raise ValidationError(f"Cannot write {path}: it is a folder; name a file in it.")
    if not path.parent.is_dir():
        raise ValidationError(f"Cannot write {path}: the folder {path.parent} does not exist.")


def _json_records(columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
    converters = [_json_converter(column) for column in columns]
    for row in rows:
        yield {column: convert(value) for column, convert, value in zip(columns, converters, row, strict=True)}


def _write_csv(stream: IO[str], columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> int:
    """Excel's CSV: UTF-8 with a BOM (written by the encoding), commas, quotes only where needed, CRLF."""
    writer = csv.writer(stream, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([COLUMNS[column] for column in columns])
    converters = [_csv_converter(column) for column in columns]
    written = 0
    for row in rows:
        writer.writerow([convert(value) for convert, value in zip(converters, row, strict=True)])
        written += 1
    return written


def _write_xlsx(stream: IO[bytes], columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> int:
    """A write-only workbook streams its rows to a temporary file, then zips them into `stream`."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = 40 if column in _LISTS or column == "notes" else max(12, len(COLUMNS[column]) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        title = WriteOnlyCell(sheet, COLUMNS[column])
        title.font = bold
        header.append(title)
    sheet.append(header)

    def text_cell(column: str, text: str) -> Any:
        """openpyxl writes a plain str as text unless it starts with “=”; those, and the other risky ones, are
        made text cells with Excel's quote prefix. Control characters XML cannot hold (pasted into notes) go."""
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
        if not needs_guard(column, text):
            return text
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    converters = [_sheet_converter(column) for column in columns]
    written = 0
    try:
        for row in rows:
            cells = []
            for column, convert, value in zip(columns, converters, row, strict=True):
                cell = convert(value)
                cells.append(text_cell(column, cell) if isinstance(cell, str) and cell else cell)
            sheet.append(cells)
            written += 1
    except BaseException:
        with contextlib.suppress(Exception):
            sheet.close()  # ends openpyxl's half-written sheet, which would otherwise complain when collected
        raise
    workbook.save(stream)
    return written


def _write_json(stream: IO[str], columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> int:
    """A list of objects, one per line, written as it is read."""
    written = 0
    stream.write("[")
    for record in _json_records(columns, rows):
        stream.write(("\n  " if written == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
        written += 1
    stream.write("\n]\n" if written else "]\n")
    return written
