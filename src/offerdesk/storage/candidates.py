"""Candidate rows ↔ domain values; the database does the searching and sorting, so 100,000 rows stay fast."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, or_, select
from sqlalchemy.orm import Session

from offerdesk import window_turn
from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import fold
from offerdesk.domain.candidates import (
    CandidateDetail,
    CandidateRow,
    CandidateSort,
    CompetingProcess,
    PreCloseProfile,
)
from offerdesk.domain.clock import today
from offerdesk.domain.money import Money
from offerdesk.errors import NotFoundError
from offerdesk.storage import search
from offerdesk.storage.tables import Candidate, FollowUp, Offer, PreCloseProfileRow, Role, lines


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


def _contains(session: Session, folded: Any, term: str) -> ColumnElement[bool]:
    """A plain substring test on text that is already folded: several times faster than LIKE, and no wildcards."""
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(folded, term) > 0
    return func.instr(folded, term) > 0


def _term_condition(session: Session, term: str, role_ids: list[int]) -> ColumnElement[bool]:
    """One folded term: inside the candidate's searchable text (FTS5 trigram or pg_trgm), or in the role title."""
    folded = Candidate.search_text
    if session.get_bind().dialect.name == "sqlite" and len(term) >= search.TRIGRAM:
        fts = search.fts_table()
        matching = select(fts.c.rowid).where(fts.c.search_text.op("MATCH")(search.fts_phrase(term)))
        in_text: ColumnElement[bool] = Candidate.id.in_(matching)
    else:
        in_text = _contains(session, folded, term)
    if role_ids:
        return or_(in_text, Candidate.role_id.in_(role_ids))
    return in_text


def _search_conditions(session: Session, query: str) -> list[ColumnElement[bool]]:
    """Every term must match somewhere (name, email, location, tags, notes, external id or role title)."""
    terms = [term for term in fold(query).split() if term]
    if not terms:
        return []
    roles = [(role_id, fold(title)) for role_id, title in session.execute(select(Role.id, Role.title))]
    return [_term_condition(session, term, [i for i, title in roles if term in title]) for term in terms]


def _tag_condition(tag: str) -> ColumnElement[bool]:
    """Tags are stored one per line; a tag matches a whole line, without regard to case."""
    wrapped = func.lower(literal("\n") + Candidate.tags + literal("\n"))
    return wrapped.like(search.like_pattern("\n" + tag.casefold() + "\n"), escape="\\")


def _follow_up_due_condition() -> ColumnElement[bool]:
    due = (
        select(FollowUp.id)
        .where(FollowUp.candidate_id == Candidate.id, FollowUp.done_at.is_(None), FollowUp.due_on <= today())
        .correlate(Candidate)
    )
    return due.exists()


def filter_conditions(session: Session, where: CandidateFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a filter; the caller joins the profile when readiness is filtered."""
    conditions = _search_conditions(session, where.query)
    if where.archive is ArchiveScope.ACTIVE:
        conditions.append(Candidate.archived_at.is_(None))
    elif where.archive is ArchiveScope.ARCHIVED:
        conditions.append(Candidate.archived_at.is_not(None))
    if where.stages:
        conditions.append(Candidate.stage.in_(where.stages))
    if where.role_ids:
        conditions.append(Candidate.role_id.in_(where.role_ids))
    if where.recruiters:
        conditions.append(func.lower(Candidate.recruiter).in_([r.casefold() for r in where.recruiters]))
    if where.offer_statuses:
        conditions.append(_latest_offer_status().in_(list(where.offer_statuses)))
    conditions.extend(_tag_condition(tag) for tag in where.tags)
    if where.follow_up_due:
        conditions.append(_follow_up_due_condition())
    if where.min_readiness is not None:
        readiness = (
            select(PreCloseProfileRow.readiness)
            .where(PreCloseProfileRow.candidate_id == Candidate.id)
            .correlate(Candidate)
            .scalar_subquery()
        )
        conditions.append(readiness >= where.min_readiness)
    return conditions


def matching_ids(session: Session, query: str) -> set[int] | None:
    """The ids every term of `query` matches (None for an empty query): one index lookup per term, no sorting.

    The list intersects this with its ordered ids, which it keeps between keystrokes, so typing costs only the
    lookups (see ui/models/candidate_table.py).
    """
    terms = [term for term in fold(query).split() if term]
    if not terms:
        return None
    roles = [(role_id, fold(title)) for role_id, title in session.execute(select(Role.id, Role.title))]
    found: set[int] | None = None
    connection = session.connection()
    sqlite = session.get_bind().dialect.name == "sqlite"
    for term in terms:
        if sqlite and len(term) >= search.TRIGRAM:
            # The driver's own cursor: for thousands of ids SQLAlchemy's result rows cost more than the lookup.
            cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                f"SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH ?", (search.fts_phrase(term),)
            )
            ids = {row[0] for row in cursor}
        else:
            lookup = select(Candidate.id).where(_contains(session, Candidate.search_text, term))
            ids = set(connection.execute(lookup).scalars())
        role_ids = [i for i, title in roles if term in title]
        if role_ids:
            ids |= set(connection.execute(select(Candidate.id).where(Candidate.role_id.in_(role_ids))).scalars())
        found = ids if found is None else found & ids
        if not found:
            return set()
    return found


def search_window(session: Session, ids: Sequence[int]) -> list[tuple[int, str, int | None]]:
    """(id, searchable text, role id) for the given ids, in their order: the rows the list answers a keystroke's
    first page from (see ui/models/candidate_order.py)."""
    found: dict[int, tuple[int, str, int | None]] = {}
    connection = session.connection()
    for start in range(0, len(ids), 900):
        chunk = list(ids[start : start + 900])
        statement = select(Candidate.id, Candidate.search_text, Candidate.role_id).where(Candidate.id.in_(chunk))
        for candidate_id, text, role_id in connection.execute(statement):
            found[candidate_id] = (candidate_id, text, role_id)
    return [found[i] for i in ids if i in found]


SearchTexts = tuple["array[int]", list[str], list[int | None]]  # ids, texts and roles, in id order


def all_search_texts(session: Session, budget: int) -> SearchTexts | None:
    """Every candidate's searchable text and role in one read, as three columns in id order (no object per
    candidate besides its text); None once the texts take more than `budget` bytes of memory."""
    ids: array[int] = array("q")
    texts: list[str] = []
    roles: list[int | None] = []
    same_role: dict[int | None, int | None] = {None: None}  # one int object per role, not one per candidate
    size = 0
    cursor = session.connection().execute(
        select(Candidate.id, Candidate.search_text, Candidate.role_id).order_by(Candidate.id)
    )
    for chunk in window_turn.in_turns(cursor):
        for candidate_id, text, role_id in chunk:
            size += sys.getsizeof(text) + 8  # the str and its place in the list
            if size > budget:
                cursor.close()
                return None
            ids.append(candidate_id)
            texts.append(text)
            roles.append(same_role.setdefault(role_id, role_id))
    return ids, texts, roles


def folded_role_titles(session: Session) -> dict[int, str]:
    return {role_id: fold(title) for role_id, title in session.execute(select(Role.id, Role.title))}


_SORT_COLUMNS: dict[CandidateSort, Any] = {
    CandidateSort.NAME: lambda: (func.lower(Candidate.last_name), func.lower(Candidate.first_name)),
    CandidateSort.EMAIL: lambda: (func.lower(Candidate.email),),
    CandidateSort.STAGE: lambda: (Candidate.stage,),
    CandidateSort.ROLE: lambda: (Role.title,),
    CandidateSort.LOCATION: lambda: (Candidate.location,),
    CandidateSort.OFFER_STATUS: lambda: (_latest_offer_status(),),
    CandidateSort.READINESS: lambda: (PreCloseProfileRow.readiness,),
    CandidateSort.PHONE: lambda: (Candidate.phone,),
    CandidateSort.RECRUITER: lambda: (func.lower(Candidate.recruiter),),
    CandidateSort.SOURCE: lambda: (func.lower(Candidate.source),),
    CandidateSort.TAGS: lambda: (func.lower(Candidate.tags),),
    CandidateSort.UPDATED: lambda: (Candidate.updated_at,),
}


def candidate_ids(
    session: Session,
    where: CandidateFilter | str = "",
    sort: CandidateSort = CandidateSort.NAME,
    descending: bool = False,
) -> list[int]:
    """Ids of the matching candidates in display order; the list model pages rows in by id.

    Only the joins the sort needs are made: the plain name order reads one index.
    """
    if isinstance(where, str):
        where = CandidateFilter(query=where)
    statement = select(Candidate.id).select_from(Candidate)
    if sort is CandidateSort.ROLE:
        statement = statement.outerjoin(Role, Role.id == Candidate.role_id)
    if sort is CandidateSort.READINESS:
        statement = statement.outerjoin(PreCloseProfileRow, PreCloseProfileRow.candidate_id == Candidate.id)
    conditions = filter_conditions(session, where)
    if conditions:
        statement = statement.where(and_(*conditions))
    keys = [key.desc() if descending else key.asc() for key in _SORT_COLUMNS[sort]()]
    statement = statement.order_by(*keys, Candidate.id.desc() if descending else Candidate.id)
    # Core execution: for 100,000 ids the ORM's per-row bookkeeping costs more than the query.
    rows = session.connection().execute(statement)
    return [row[0] for chunk in window_turn.in_turns(rows) for row in chunk]


def count_matching(session: Session, where: CandidateFilter) -> int:
    statement = select(func.count()).select_from(Candidate)
    conditions = filter_conditions(session, where)
    if conditions:
        statement = statement.where(and_(*conditions))
    return int(session.scalar(statement) or 0)


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
            Candidate.phone,
            Candidate.recruiter,
            Candidate.source,
            Candidate.tags,
            Candidate.archived_at,
            Candidate.updated_at,
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
            phone=row[9],
            recruiter=row[10],
            source=row[11],
            tags=tuple(lines(row[12])),
            archived=row[13] is not None,
            updated_at=row[14],
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
    """Every candidate in the database, archived ones included."""
    return int(session.scalar(select(func.count()).select_from(Candidate)) or 0)


def known_tags(session: Session) -> list[str]:
    """Every tag in use, each spelling once, sorted without regard to case (for the filter's choices)."""
    found: dict[str, str] = {}
    # The spelling used first wins, whatever order the database hands distinct values back in.
    first_use = select(Candidate.tags).where(Candidate.tags != "").group_by(Candidate.tags)
    for (stored,) in session.execute(first_use.order_by(func.min(Candidate.id))):
        for tag in lines(stored):
            found.setdefault(tag.casefold(), tag)
    return sorted(found.values(), key=str.casefold)


def known_recruiters(session: Session) -> list[str]:
    rows = session.execute(select(Candidate.recruiter).where(Candidate.recruiter != "").distinct())
    return sorted({row[0] for row in rows}, key=str.casefold)
