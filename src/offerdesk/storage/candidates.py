"""Candidate rows ↔ domain values; the database does the searching and sorting, so 100,000 rows stay fast."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from offerdesk.domain.candidates import (
    CandidateDetail,
    CandidateRow,
    CandidateSort,
    CompetingProcess,
    PreCloseProfile,
)
from offerdesk.domain.money import Money
from offerdesk.errors import NotFoundError
from offerdesk.storage.tables import Candidate, Offer, PreCloseProfileRow, Role


def _latest_offer_status() -> Any:
    """The status of the candidate's most recent offer, per row (index on offers.candidate_id)."""
    return (
        select(Offer.status)
        .where(Offer.candidate_id == Candidate.id)
        .order_by(Offer.id.desc())
        .limit(1)
        .correlate(Candidate)
        .scalar_subquery()
    )


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_filter(query: str) -> ColumnElement[bool] | None:
    terms = [term for term in query.split() if term]
    if not terms:
        return None
    clauses = []
    for term in terms:
        pattern = "%" + _escape_like(term) + "%"
        clauses.append(
            or_(
                Candidate.first_name.ilike(pattern, escape="\\"),
                Candidate.last_name.ilike(pattern, escape="\\"),
                Candidate.email.ilike(pattern, escape="\\"),
                Candidate.location.ilike(pattern, escape="\\"),
                Role.title.ilike(pattern, escape="\\"),
            )
        )
    return and_(*clauses)


_SORT_COLUMNS: dict[CandidateSort, Any] = {
    CandidateSort.NAME: lambda: (func.lower(Candidate.last_name), func.lower(Candidate.first_name)),
    CandidateSort.EMAIL: lambda: (func.lower(Candidate.email),),
    CandidateSort.STAGE: lambda: (Candidate.stage,),
    CandidateSort.ROLE: lambda: (Role.title,),
    CandidateSort.LOCATION: lambda: (Candidate.location,),
    CandidateSort.OFFER_STATUS: lambda: (_latest_offer_status(),),
    CandidateSort.READINESS: lambda: (PreCloseProfileRow.readiness,),
}


def candidate_ids(
    session: Session, query: str = "", sort: CandidateSort = CandidateSort.NAME, descending: bool = False
) -> list[int]:
    """Ids of the matching candidates in display order; the list model pages rows in by id.

    Only the joins the search or the sort needs are made: the plain name order reads one index.
    """
    statement = select(Candidate.id).select_from(Candidate)
    condition = _search_filter(query)
    if condition is not None or sort is CandidateSort.ROLE:
        statement = statement.outerjoin(Role, Role.id == Candidate.role_id)
    if sort is CandidateSort.READINESS:
        statement = statement.outerjoin(PreCloseProfileRow, PreCloseProfileRow.candidate_id == Candidate.id)
    if condition is not None:
        statement = statement.where(condition)
    keys = [key.desc() if descending else key.asc() for key in _SORT_COLUMNS[sort]()]
    statement = statement.order_by(*keys, Candidate.id.desc() if descending else Candidate.id)
    # Core execution: for 100,000 ids the ORM's per-row bookkeeping costs more than the query.
    return [row[0] for row in session.connection().execute(statement)]


def candidate_rows(session: Session, ids: Sequence[int]) -> list[CandidateRow]:
    """Rows for the given ids, in the order given (ids missing from the database are skipped)."""
    if not ids:
        return []
    statement = (
        select(
            Candidate.id,
            Candidate.first_name,
            Candidate.last_name,
            Candidate.email,
            Candidate.stage,
            Role.title,
            Candidate.location,
            _latest_offer_status(),
            PreCloseProfileRow.readiness,
        )
        .select_from(Candidate)
        .outerjoin(Role, Role.id == Candidate.role_id)
        .outerjoin(PreCloseProfileRow, PreCloseProfileRow.candidate_id == Candidate.id)
        .where(Candidate.id.in_(list(ids)))
    )
    by_id = {}
    for row in session.execute(statement):
        by_id[row[0]] = CandidateRow(
            id=row[0],
            full_name=f"{row[1]} {row[2]}".strip(),
            email=row[3],
            stage=row[4],
            role_title=row[5] or "",
            location=row[6],
            offer_status=row[7],
            readiness=row[8],
        )
    return [by_id[candidate_id] for candidate_id in ids if candidate_id in by_id]


def _money(minor: int | None, currency: str) -> Money | None:
    return Money(minor, currency) if minor is not None and currency else None


def candidate_detail(session: Session, candidate_id: int) -> CandidateDetail:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"There is no candidate with id {candidate_id}.")
    [row] = candidate_rows(session, [candidate_id])
    stored = candidate.profile
    profile = PreCloseProfile()
    if stored is not None:
        expected = None
        if stored.expected_pay_minor is not None and stored.expected_pay_currency:
            expected = Money(stored.expected_pay_minor, stored.expected_pay_currency)
        profile = PreCloseProfile(
            motivators=stored.motivators,
            criteria=stored.criteria,
            decision_makers=stored.decision_makers,
            timeline=stored.timeline,
            notice_period_days=stored.notice_period_days,
            expected_pay=expected,
            counteroffer_risk=stored.counteroffer_risk,
            readiness=stored.readiness,
            needs=stored.needs,
            decision_deadline=stored.decision_deadline,
        )
    competing = tuple(
        CompetingProcess(
            company=item.company,
            kind=item.kind,
            stage=item.stage,
            deadline=item.deadline,
            pay_text=(Money(item.base_minor, item.currency).format() if item.base_minor and item.currency else ""),
            base=_money(item.base_minor, item.currency),
            bonus=_money(item.bonus_minor, item.currency),
            equity_annual=_money(item.equity_annual_minor, item.currency),
            sign_on=_money(item.sign_on_minor, item.currency),
        )
        for item in candidate.competing
    )
    return CandidateDetail(
        row=row,
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        phone=candidate.phone,
        source=candidate.source,
        notes=candidate.notes,
        profile=profile,
        competing=competing,
        role_team=candidate.role.department if candidate.role else "",
        role_manager=candidate.role.hiring_manager if candidate.role else "",
    )


def count_candidates(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Candidate)) or 0)
