"""One imported row → a candidate draft, with every problem named by row number and column header.

Several columns may fill one field: all emails and phones are kept (the first is the primary one), locations are
joined with “, ”, notes with a blank line, tags and links are unioned. A stage the ATS calls something else is
mapped to ours; one we do not know becomes Screening and is kept as a tag, so nothing the file said is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from offerdesk.domain.candidate_record import CandidateDraft, check_draft, fold, split_full_name
from offerdesk.domain.candidates import Stage
from offerdesk.importing.fields import ImportField
from offerdesk.importing.table import SourceRow
from offerdesk.importing.values import parse_date, split_multi

F = ImportField
STAGE_WORDS: dict[str, Stage] = {
    # Words the common ATS exports use for their pipeline stages, folded, mapped to ours.
    "new": Stage.SCREENING, "applied": Stage.SCREENING, "application review": Stage.SCREENING,
    "lead": Stage.SCREENING, "sourced": Stage.SCREENING, "screen": Stage.SCREENING, "screening": Stage.SCREENING,
    "phone screen": Stage.SCREENING, "recruiter screen": Stage.SCREENING, "qualified": Stage.SCREENING,
    "interview": Stage.INTERVIEWING, "interviewing": Stage.INTERVIEWING, "assessment": Stage.INTERVIEWING,
    "technical interview": Stage.INTERVIEWING, "first interview": Stage.INTERVIEWING,
    "second interview": Stage.INTERVIEWING, "onsite": Stage.FINAL_ROUND, "on-site": Stage.FINAL_ROUND,
    "final round": Stage.FINAL_ROUND, "final interview": Stage.FINAL_ROUND, "final_round": Stage.FINAL_ROUND,
    "reference check": Stage.FINAL_ROUND, "offer": Stage.OFFER, "offered": Stage.OFFER,
    "contract proposal": Stage.OFFER, "hired": Stage.HIRED, "placed": Stage.HIRED, "contract signed": Stage.HIRED,
    "declined": Stage.DECLINED, "rejected": Stage.DECLINED, "refused": Stage.DECLINED,
    "disqualified": Stage.DECLINED, "archived": Stage.DECLINED, "withdrawn": Stage.WITHDRAWN,
    "withdrew": Stage.WITHDRAWN,
}  # fmt: skip


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in the file: the row a user sees and the column header (empty for the row as a whole)."""

    row: int
    column: str
    message: str

    def sentence(self) -> str:
        where = f"row {self.row}, column “{self.column}”" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RowDraft:
    """A row as it will be stored; `role_title` is resolved to a role when the import is written."""

    number: int
    draft: CandidateDraft
    role_title: str = ""
    problems: tuple[RowProblem, ...] = field(default_factory=tuple)
    stated: frozenset[str] = frozenset()  # the draft fields this row gave a value for (an update touches only those)


@lru_cache(maxsize=1024)
def stage_of(text: str) -> Stage | None:
    """Our stage for an ATS's stage name (a file has a few distinct ones, so the answer is cached)."""
    folded = " ".join(fold(text).replace("_", " ").split())
    if not folded:
        return None
    if folded in Stage._value2member_map_:
        return Stage(folded)
    if folded.replace(" ", "_") in Stage._value2member_map_:
        return Stage(folded.replace(" ", "_"))
    return STAGE_WORDS.get(folded)


_STATED = (
    "first_name", "last_name", "emails", "phones", "location", "source", "recruiter", "tags", "notes", "links",
    "consent_given_on", "retain_until", "external_id",
)  # fmt: skip


@lru_cache(maxsize=4096)
def _cached_date(text: str) -> date | None:
    """Exports repeat the same few dates (and the same bad ones) thousands of times."""
    return parse_date(text)


class RowConverter:
    """Turns rows into drafts for one header and mapping; built once per file."""

    def __init__(self, headers: Sequence[str], mapping: Sequence[ImportField | None], region: str | None) -> None:
        self._headers = tuple(headers)
        self._region = region
        self._columns: dict[ImportField, list[int]] = {}
        for index, target in enumerate(mapping):
            if target is not None and index < len(self._headers):
                self._columns.setdefault(target, []).append(index)

    def maps(self, target: ImportField) -> bool:
        return target in self._columns

    def header_for(self, target: ImportField) -> str:
        columns = self._columns.get(target)
        return self._headers[columns[0]] if columns else ""

    def _cells(self, row: SourceRow, target: ImportField) -> list[tuple[str, str]]:
        """(header, value) of every non-empty cell mapped to `target`."""
        return [(self._headers[i], row.values[i]) for i in self._columns.get(target, []) if row.values[i].strip()]

    def _text(self, row: SourceRow, target: ImportField, joiner: str = " ") -> str:
        return joiner.join(value.strip() for _, value in self._cells(row, target))

    def _many(self, row: SourceRow, target: ImportField) -> list[str]:
        return [part for _, value in self._cells(row, target) for part in split_multi(value)]

    def _date(self, row: SourceRow, target: ImportField, problems: list[RowProblem]) -> date | None:
        for header, value in self._cells(row, target):
            try:
                return _cached_date(value)
            except ValueError as error:
                problems.append(RowProblem(row.number, header, str(error)))
        return None

    def convert(self, row: SourceRow) -> RowDraft:
        problems: list[RowProblem] = []
        if row.problem:
            problems.append(RowProblem(row.number, "", row.problem))
        first, last = self._text(row, F.FIRST_NAME), self._text(row, F.LAST_NAME)
        if not first and not last:
            first, last = split_full_name(self._text(row, F.FULL_NAME))
        tags = self._many(row, F.TAGS)
        stage_text = self._text(row, F.STAGE)
        stage = stage_of(stage_text)
        if stage is None:
            stage = Stage.SCREENING
            if stage_text:
                tags.append(f"ATS stage: {' '.join(stage_text.split())}")
        draft = CandidateDraft(
            first_name=first,
            last_name=last,
            emails=tuple(self._many(row, F.EMAIL)),
            phones=tuple(self._many(row, F.PHONE)),
            location=self._text(row, F.LOCATION, ", "),
            stage=stage,
            source=self._text(row, F.SOURCE, ", "),
            recruiter=self._text(row, F.RECRUITER, ", "),
            tags=tuple(tags),
            notes="\n\n".join(value for _, value in self._cells(row, F.NOTES)),
            links=tuple(self._many(row, F.LINKS)),
            consent_given_on=self._date(row, F.CONSENT_DATE, problems),
            retain_until=self._date(row, F.RETAIN_UNTIL, problems),
            external_id=self._text(row, F.EXTERNAL_ID, ", "),
        )
        cleaned, found = check_draft(draft, self._region)
        problems.extend(RowProblem(row.number, self._column_of(p.field), p.message) for p in found)
        role_title = self._text(row, F.ROLE)
        stated = {name for name in _STATED if getattr(cleaned, name) not in ("", (), None)}
        if stage_text:
            stated.add("stage")
        if role_title:
            stated.add("role_id")
        return RowDraft(row.number, cleaned, role_title, tuple(problems), frozenset(stated))

    def _column_of(self, draft_field: str) -> str:
        targets = {
            "first_name": (F.FIRST_NAME, F.FULL_NAME, F.LAST_NAME),
            "last_name": (F.LAST_NAME, F.FULL_NAME),
            "emails": (F.EMAIL,),
            "phones": (F.PHONE,),
            "links": (F.LINKS,),
            "tags": (F.TAGS,),
            "notes": (F.NOTES,),
            "retain_until": (F.RETAIN_UNTIL,),
        }.get(draft_field, ())
        for target in targets:
            if self.maps(target):
                return self.header_for(target)
        return ""
