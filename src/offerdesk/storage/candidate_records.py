"""Candidate drafts ↔ rows: the one place a candidate is written, with its stage history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from offerdesk.domain.bulk import BulkAction, BulkKind
from offerdesk.domain.candidate_record import CandidateDraft, StageChange, search_text
from offerdesk.domain.clock import utc_now
from offerdesk.errors import NotFoundError
from offerdesk.storage.row_versions import check_version, touch
from offerdesk.storage.tables import Candidate, CandidateStageEvent, Offer, lines


def _get(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"There is no candidate with id {candidate_id}.")
    return candidate


def draft_columns(draft: CandidateDraft) -> dict[str, Any]:
    """The candidate columns a draft fills (not the stage: callers change it and record the change)."""
    return {
        "first_name": draft.first_name,
        "last_name": draft.last_name,
        "email": draft.email,
        "extra_emails": "\n".join(draft.emails[1:]),
        "phone": draft.phones[0] if draft.phones else "",
        "extra_phones": "\n".join(draft.phones[1:]),
        "location": draft.location,
        "role_id": draft.role_id,
        "source": draft.source,
        "recruiter": draft.recruiter,
        "tags": "\n".join(draft.tags),
        "links": "\n".join(draft.links),
        "notes": draft.notes,
        "external_id": draft.external_id,
        "consent_given_on": draft.consent_given_on,
        "retain_until": draft.retain_until,
    }


def apply_draft(candidate: Candidate, draft: CandidateDraft) -> None:
    for name, value in draft_columns(draft).items():
        setattr(candidate, name, value)


def _table(entity: type[Candidate] | type[CandidateStageEvent]) -> Table:
    return cast(Table, entity.__table__)


def insert_many(session: Session, drafts: Sequence[CandidateDraft], actor: str) -> None:
    """Bulk insert for imports (Core executemany: 10,000 rows in a fraction of a second), with the search text
    filled as the ORM would, and one stage event per new candidate."""
    now = utc_now()
    rows = []
    for draft in drafts:
        values = draft_columns(draft)
        values["search_text"] = search_text(
            draft.first_name, draft.last_name, draft.emails, draft.location, draft.tags, draft.notes,
            draft.external_id,
        )  # fmt: skip
        values.update(stage=draft.stage, is_demo=False, created_at=now, updated_at=now)
        rows.append(values)
    if not rows:
        return
    connection = session.connection()
    connection.execute(insert(_table(Candidate)), rows)
    # The rows just made are those stamped `now` without a stage event yet: one INSERT … SELECT records them all.
    events = _table(CandidateStageEvent)
    new_rows = select(Candidate.id, Candidate.stage, literal(now), literal(actor)).where(
        Candidate.created_at == now,
        ~select(CandidateStageEvent.id).where(CandidateStageEvent.candidate_id == Candidate.id).exists(),
    )
    connection.execute(insert(events).from_select(["candidate_id", "to_stage", "at", "actor"], new_rows))


def insert_candidate(session: Session, draft: CandidateDraft, actor: str) -> int:
    candidate = Candidate(stage=draft.stage)
    apply_draft(candidate, draft)
    session.add(candidate)
    session.flush()
    session.add(CandidateStageEvent(candidate_id=candidate.id, from_stage=None, to_stage=draft.stage, actor=actor))
    return candidate.id


def update_candidate(
    session: Session, candidate_id: int, draft: CandidateDraft, actor: str, expected_version: int | None = None
) -> bool:
    """Write the draft over the stored candidate; True when the stage changed (and was recorded)."""
    candidate = _get(session, candidate_id)
    check_version(candidate, expected_version, f"{candidate.first_name} {candidate.last_name}'s record".strip())
    apply_draft(candidate, draft)
    touch(candidate)
    if candidate.stage == draft.stage:
        return False
    session.add(
        CandidateStageEvent(candidate_id=candidate_id, from_stage=candidate.stage, to_stage=draft.stage, actor=actor)
    )
    candidate.stage = draft.stage
    return True


def row_version_of(session: Session, candidate_id: int) -> int:
    return _get(session, candidate_id).row_version


def draft_of(session: Session, candidate_id: int) -> CandidateDraft:
    candidate = _get(session, candidate_id)
    return CandidateDraft(
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        emails=tuple(email for email in (candidate.email, *lines(candidate.extra_emails)) if email),
        phones=tuple(phone for phone in (candidate.phone, *lines(candidate.extra_phones)) if phone),
        location=candidate.location,
        role_id=candidate.role_id,
        stage=candidate.stage,
        source=candidate.source,
        recruiter=candidate.recruiter,
        tags=tuple(lines(candidate.tags)),
        notes=candidate.notes,
        links=tuple(lines(candidate.links)),
        consent_given_on=candidate.consent_given_on,
        retain_until=candidate.retain_until,
        external_id=candidate.external_id,
    )


def set_archived(session: Session, candidate_id: int, archived: bool) -> bool:
    """Archive or restore; False when the candidate already was so."""
    candidate = _get(session, candidate_id)
    if (candidate.archived_at is not None) == archived:
        return False
    candidate.archived_at = utc_now() if archived else None
    return True


def archived_at(session: Session, candidate_id: int) -> datetime | None:
    return _get(session, candidate_id).archived_at


def stage_history(session: Session, candidate_id: int) -> list[StageChange]:
    _get(session, candidate_id)
    events = session.scalars(
        select(CandidateStageEvent)
        .where(CandidateStageEvent.candidate_id == candidate_id)
        .order_by(CandidateStageEvent.at, CandidateStageEvent.id)
    )
    return [StageChange(e.at.isoformat(timespec="seconds"), e.actor, e.from_stage, e.to_stage) for e in events]


def offer_count(session: Session, candidate_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(Offer).where(Offer.candidate_id == candidate_id)) or 0)


def owners_of_emails(session: Session, emails: Iterable[str], except_id: int | None = None) -> dict[str, int]:
    """Which candidate already has each email (primary or other), compared without regard to case.

    SQL's lower() folds ASCII only, so an address with other letters is looked for through the whole index.
    """
    wanted = {email.casefold() for email in emails if email}
    if not wanted:
        return {}
    if not all(email.isascii() for email in wanted):
        index = email_index(session)
        return {e: index[e] for e in wanted if e in index and index[e] != except_id}
    conditions = [func.lower(Candidate.email).in_(wanted)]
    conditions.extend(func.lower(Candidate.extra_emails).like(f"%{email}%") for email in wanted if "%" not in email)
    statement = select(Candidate.id, Candidate.email, Candidate.extra_emails).where(or_(*conditions))
    owners: dict[str, int] = {}
    for candidate_id, email, extra in session.execute(statement):
        if candidate_id == except_id:
            continue
        for stored in (email, *lines(extra)):
            if stored.casefold() in wanted:
                owners.setdefault(stored.casefold(), candidate_id)
    return owners


def email_index(session: Session) -> dict[str, int]:
    """Every stored email (case folded) → its candidate, for checking a whole import file at once."""
    index: dict[str, int] = {}
    for candidate_id, email, extra in session.execute(select(Candidate.id, Candidate.email, Candidate.extra_emails)):
        for stored in (email, *lines(extra)):
            if stored:
                index.setdefault(stored.casefold(), candidate_id)
    return index


def name_of(session: Session, candidate_id: int) -> str:
    candidate = _get(session, candidate_id)
    return f"{candidate.first_name} {candidate.last_name}".strip()


# -- many candidates at once -------------------------------------------------------------------------------------
# Bulk changes are Core statements, so 100,000 candidates take seconds rather than minutes. They do by hand what the
# ORM hooks do for one edit: the search text follows the tags, the time of the change is stamped, and a demo
# candidate changed becomes the user's (storage/ownership.py); Undo puts each of these back.
CHUNK = 500  # ids per IN (…): well inside every database's limit on bound parameters
_SEARCHED = (
    Candidate.first_name, Candidate.last_name, Candidate.email, Candidate.extra_emails, Candidate.location,
    Candidate.notes, Candidate.external_id,
)  # fmt: skip


@dataclass(frozen=True)
class BulkEdit:
    """One candidate a bulk change changed: the column's value before and after (stage, tags text, archived_at),
    whether it was a demo record, and the stage event it recorded."""

    candidate_id: int
    before: Any
    after: Any
    was_demo: bool = False
    event_id: int | None = None


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _column(kind: BulkKind) -> str:
    return {BulkKind.SET_STAGE: "stage", BulkKind.ARCHIVE: "archived_at"}.get(kind, "tags")


def _search_text(tags: str, searched: Sequence[Any]) -> str:
    first, last, email, extra, location, notes, external_id = searched
    return search_text(first, last, [email or "", *lines(extra or "")], location or "", lines(tags), notes or "",
                       external_id or "")  # fmt: skip


def apply_bulk(session: Session, ids: Sequence[int], action: BulkAction, actor: str) -> list[BulkEdit]:
    """Apply `action` to those of the candidates still there; returns what changed (a candidate already so is left
    alone: no stage event, no new timestamp)."""
    column, now = _column(action.kind), utc_now()
    table, connection = _table(Candidate), session.connection()
    edits: list[BulkEdit] = []
    for chunk in _chunks(ids):
        rows = session.execute(
            select(Candidate.id, table.c[column], Candidate.is_demo, *_SEARCHED).where(Candidate.id.in_(chunk))
        ).all()
        found: list[tuple[int, Any, Any, bool, str]] = []
        for candidate_id, before, is_demo, *searched in rows:
            if action.kind is BulkKind.SET_STAGE:
                after: Any = action.stage
            elif action.kind is BulkKind.ARCHIVE:
                after = before or now
            else:
                after = "\n".join(action.tags_after(tuple(lines(before or ""))))
            if after != before:
                text = _search_text(after, searched) if column == "tags" else ""
                found.append((candidate_id, before, after, bool(is_demo), text))
        if not found:
            continue
        values = [{"b_id": i, "b_value": after, "b_text": text} for i, _before, after, _demo, text in found]
        changes: dict[str, Any] = {column: bindparam("b_value"), "updated_at": now, "is_demo": False}
        if column == "tags":
            changes["search_text"] = bindparam("b_text")
        connection.execute(update(table).where(table.c.id == bindparam("b_id")).values(**changes), values)
        events: dict[int, int] = {}
        if action.kind is BulkKind.SET_STAGE:
            stage_events = _table(CandidateStageEvent)
            rows_added = connection.execute(
                insert(stage_events).returning(stage_events.c.id, stage_events.c.candidate_id),
                [{"candidate_id": i, "from_stage": before, "to_stage": after, "at": now, "actor": actor}
                 for i, before, after, _demo, _text in found],
            )  # fmt: skip
            events = {candidate_id: event_id for event_id, candidate_id in rows_added}
        edits.extend(BulkEdit(i, before, after, demo, events.get(i)) for i, before, after, demo, _text in found)
    return edits


def undo_bulk(session: Session, kind: BulkKind, edits: Sequence[BulkEdit]) -> list[int]:
    """Put back the values before where nothing changed them since; returns the ids put back.

    The stage events the change recorded go with it, so the history reads as if it had not happened."""
    column, now = _column(kind), utc_now()
    table, connection = _table(Candidate), session.connection()
    by_id = {edit.candidate_id: edit for edit in edits}
    restored: list[BulkEdit] = []
    for chunk in _chunks(list(by_id)):
        rows = session.execute(select(Candidate.id, table.c[column], *_SEARCHED).where(Candidate.id.in_(chunk))).all()
        back = [(by_id[i], searched) for i, current, *searched in rows if current == by_id[i].after]
        if not back:
            continue
        changes: dict[str, Any] = {column: bindparam("b_value"), "updated_at": now, "is_demo": bindparam("b_demo")}
        if column == "tags":
            changes["search_text"] = bindparam("b_text")
        values = [
            {"b_id": edit.candidate_id, "b_value": edit.before, "b_demo": edit.was_demo,
             "b_text": _search_text(edit.before, searched) if column == "tags" else ""}
            for edit, searched in back
        ]  # fmt: skip
        connection.execute(update(table).where(table.c.id == bindparam("b_id")).values(**changes), values)
        restored.extend(edit for edit, _searched in back)
    events = [edit.event_id for edit in restored if edit.event_id is not None]
    for chunk in _chunks(events):
        session.execute(delete(CandidateStageEvent).where(CandidateStageEvent.id.in_(chunk)))
    return [edit.candidate_id for edit in restored]


def latest_offers(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """Each candidate's most recently created offer (as `offers.latest_offer_id` finds it for one)."""
    latest: dict[int, int] = {}
    for chunk in _chunks(ids):
        statement = select(Offer.candidate_id, Offer.id).where(Offer.candidate_id.in_(chunk))
        rows = session.execute(statement.order_by(Offer.created_at, Offer.id))
        for candidate_id, offer_id in rows:
            latest[candidate_id] = offer_id  # the last one read is the newest
    return latest
