"""What an import will do, row by row, before anything is written: the dry run, the wizard's preview and the
import itself all start from this plan, so the preview is exactly what gets stored."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.importing.drafts import RowDraft, RowProblem
from offerdesk.importing.fields import ImportField
from offerdesk.importing.table import Table


class OnDuplicate(StrEnum):
    SKIP = "skip"
    UPDATE = "update"
    MERGE = "merge"


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    SKIP = "skip"
    INVALID = "invalid"


@dataclass(frozen=True)
class PlannedRow:
    row: RowDraft
    action: Action
    existing_id: int | None = None  # the candidate in the database this row updates or duplicates
    merged_into_row: int | None = None  # the earlier row of the same file this one was folded into
    overwritten: tuple[str, ...] = ()  # “Location: Berlin → Munich” for a merge


@dataclass(frozen=True)
class ImportPlan:
    table: Table
    format: str
    mapping: tuple[ImportField | None, ...]
    mapping_was_saved: bool  # the mapping came from an earlier import of the same header set
    rows: tuple[PlannedRow, ...]
    problems: tuple[RowProblem, ...] = field(default_factory=tuple)

    def count(self, action: Action) -> int:
        return sum(1 for planned in self.rows if planned.action is action)


_LISTS = ("emails", "phones", "tags", "links")


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    seen = {value.casefold(): value for value in first}
    for value in second:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def update_draft(stored: CandidateDraft, incoming: RowDraft) -> CandidateDraft:
    """The file's values replace the stored ones, for the fields the row states; everything else stays."""
    return replace(stored, **{name: getattr(incoming.draft, name) for name in incoming.stated})


def merge_drafts(stored: CandidateDraft, incoming: RowDraft) -> tuple[CandidateDraft, tuple[str, ...]]:
    """Keep every non-empty value: lists are joined, notes appended, and where both have a different single value
    the file's wins and the overwrite is named (“location: Berlin → Munich”)."""
    changes: dict[str, object] = {}
    overwritten: list[str] = []
    for name in sorted(incoming.stated):
        old, new = getattr(stored, name), getattr(incoming.draft, name)
        if name in _LISTS:
            changes[name] = _union(old, new)
        elif name == "notes" and old and new not in old:
            changes[name] = f"{old}\n\n{new}"
        elif name != "role_id" and old not in ("", None) and old != new:
            overwritten.append(f"{name.replace('_', ' ')}: {old} → {new}")
            changes[name] = new
        elif old != new:
            changes[name] = new
    return replace(stored, **changes), tuple(overwritten)  # type: ignore[arg-type]


def plan_rows(
    converted: list[RowDraft],
    existing: Mapping[str, int],
    on_duplicate: OnDuplicate,
    stored_draft: Callable[[int], CandidateDraft],
) -> list[PlannedRow]:
    """Decide each row: create, update (or merge) an existing candidate, skip a duplicate, or invalid.

    Duplicates are found by any email, against the database and against earlier rows of the same file.
    """
    planned: list[PlannedRow] = []
    seen_in_file: dict[str, int] = {}  # email → index in `planned`
    for row in converted:
        if row.problems:
            planned.append(PlannedRow(row, Action.INVALID))
            continue
        emails = [email.casefold() for email in row.draft.emails]
        earlier = next((seen_in_file[e] for e in emails if e in seen_in_file), None)
        owner = next((existing[e] for e in emails if e in existing), None)
        if earlier is not None:
            planned.append(_fold_into_earlier(planned, earlier, row, on_duplicate))
        elif owner is not None:
            planned.append(_against_database(row, owner, on_duplicate, stored_draft))
        else:
            planned.append(PlannedRow(row, Action.CREATE))
        for email in emails:
            seen_in_file.setdefault(email, len(planned) - 1 if earlier is None else earlier)
    return planned


def _fold_into_earlier(planned: list[PlannedRow], earlier: int, row: RowDraft, on_duplicate: OnDuplicate) -> PlannedRow:
    """A second row with an email seen above: skip it, or fold it into the first row's candidate."""
    first = planned[earlier]
    if on_duplicate is OnDuplicate.SKIP:
        return PlannedRow(row, Action.SKIP, first.existing_id, merged_into_row=first.row.number)
    overwritten: tuple[str, ...] = ()
    if on_duplicate is OnDuplicate.UPDATE:
        combined = update_draft(first.row.draft, row)
    else:
        combined, overwritten = merge_drafts(first.row.draft, row)
    folded_row = replace(first.row, draft=combined, stated=first.row.stated | row.stated)
    planned[earlier] = replace(first, row=folded_row, overwritten=first.overwritten + overwritten)
    return PlannedRow(row, Action.SKIP, first.existing_id, merged_into_row=first.row.number)


def _against_database(
    row: RowDraft, owner: int, on_duplicate: OnDuplicate, stored_draft: Callable[[int], CandidateDraft]
) -> PlannedRow:
    if on_duplicate is OnDuplicate.SKIP:
        return PlannedRow(row, Action.SKIP, owner)
    stored = stored_draft(owner)
    if on_duplicate is OnDuplicate.UPDATE:
        return PlannedRow(replace(row, draft=update_draft(stored, row)), Action.UPDATE, owner)
    merged, overwritten = merge_drafts(stored, row)
    return PlannedRow(replace(row, draft=merged), Action.UPDATE, owner, overwritten=overwritten)
