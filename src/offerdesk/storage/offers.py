"""The offer gateway: the one place where offer rows become domain values (`OfferTerms`, `OfferRecord`) and back.

Services read and write offers through these functions only, so every face (editor, letter, comparison, prep
sheet, JSON) sees the same terms, children in the same order (components by position, grants, contingencies and
approvals by id).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from offerdesk.domain.offer_terms import ComponentTerms, ContingencyTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import (
    CandidateFacts,
    ComponentKind,
    ContingencyKind,
    ContingencyStatus,
    EmploymentType,
    EquityKind,
    OfferDetail,
    OfferRecord,
    OfferRow,
    OfferStatus,
    PayFrequency,
    RoleFacts,
    StatusEventView,
)
from offerdesk.errors import NotFoundError
from offerdesk.storage.tables import (
    Candidate,
    Contingency,
    EquityGrant,
    Offer,
    OfferComponent,
    OfferStatusEvent,
    OfferVersion,
    Role,
)

E = TypeVar("E", bound=StrEnum)
_CHUNK = 900  # ids per IN (...) list, under SQLite's oldest bound-parameter limit

# --- rows → terms ---------------------------------------------------------------------------------------------


def _hundredths(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-2).normalize()


def _to_hundredths(value: Decimal | None) -> int | None:
    return None if value is None else int(value.scaleb(2).to_integral_value())


def _member(kind: type[E], value: str, default: E) -> E:
    """A stored code as its enum; migration 0002 normalised old free text, so the default is a safety net."""
    try:
        return kind(value)
    except ValueError:
        return default


def read_terms(offer: Offer, version: OfferVersion) -> OfferTerms:
    """One version's terms with the offer-level facts; contingencies are the offer's current ones."""
    return OfferTerms(
        offer_type=offer.offer_type,
        currency=offer.currency,
        locale=offer.locale,
        expires_on=offer.expires_on,
        title=version.title,
        level=version.level,
        department=version.department,
        reports_to=version.reports_to,
        employment_type=_member(EmploymentType, version.employment_type, EmploymentType.FULL_TIME),
        exempt=version.exempt,
        start_date=version.start_date,
        end_date=version.end_date,
        effective_date=version.effective_date,
        location=version.location,
        remote_days=version.remote_days,
        probation_months=version.probation_months,
        pay_frequency=_member(PayFrequency, version.pay_frequency, PayFrequency.MONTHLY),
        hours_per_week=_hundredths(version.hours_per_week_hundredths),
        days_per_week=_hundredths(version.days_per_week_hundredths),
        benefits_note=version.benefits_note,
        pto_note=version.pto_note,
        required_agreements=tuple(str(item) for item in version.required_agreements or ()),
        conversion_terms=version.conversion_terms,
        prior_terms=version.prior_terms,
        delivered_by=version.delivered_by,
        components=tuple(
            ComponentTerms(
                kind=item.kind,
                label=item.label,
                amount_minor=item.amount_minor,
                currency=item.currency,
                unit=item.unit,
                percent_bp=item.percent_bp,
                clawback_months=item.clawback_months,
                notes=item.notes,
            )
            for item in version.components
        ),
        equity=tuple(
            EquityTerms(
                kind=_member(EquityKind, grant.kind, EquityKind.RSU),
                units=grant.units,
                currency=grant.currency,
                strike_minor=grant.strike_minor,
                assumed_value_minor=grant.assumed_value_minor,
                vesting_start=grant.vesting_start,
                vesting_months=grant.vesting_months,
                cliff_months=grant.cliff_months,
                exercise_window_days=grant.exercise_window_days,
            )
            for grant in version.equity
        ),
        contingencies=tuple(
            ContingencyTerms(
                kind=_member(ContingencyKind, item.kind, ContingencyKind.OTHER),
                description=item.description,
                status=_member(ContingencyStatus, item.status, ContingencyStatus.PENDING),
            )
            for item in offer.contingencies
        ),
    )


# --- terms → rows ---------------------------------------------------------------------------------------------


def write_version(version: OfferVersion, terms: OfferTerms) -> None:
    """Put the version-level terms into a row, replacing its components and grants."""
    version.title = terms.title
    version.level = terms.level
    version.department = terms.department
    version.reports_to = terms.reports_to
    version.employment_type = terms.employment_type.value
    version.exempt = terms.exempt
    version.start_date = terms.start_date
    version.end_date = terms.end_date
    version.effective_date = terms.effective_date
    version.location = terms.location
    version.remote_days = terms.remote_days
    version.probation_months = terms.probation_months
    version.pay_frequency = terms.pay_frequency.value
    version.hours_per_week_hundredths = _to_hundredths(terms.hours_per_week)
    version.days_per_week_hundredths = _to_hundredths(terms.days_per_week)
    version.benefits_note = terms.benefits_note
    version.pto_note = terms.pto_note
    version.required_agreements = list(terms.required_agreements)
    version.conversion_terms = terms.conversion_terms
    version.prior_terms = terms.prior_terms
    version.delivered_by = terms.delivered_by
    version.components = [
        OfferComponent(
            position=position,
            kind=item.kind,
            label=item.label,
            amount_minor=item.amount_minor,
            currency=item.currency,
            unit=item.unit,
            percent_bp=item.percent_bp,
            clawback_months=item.clawback_months,
            notes=item.notes,
        )
        for position, item in enumerate(terms.components)
    ]
    version.equity = [
        EquityGrant(
            kind=grant.kind.value,
            units=grant.units,
            currency=grant.currency,
            strike_minor=grant.strike_minor,
            assumed_value_minor=grant.assumed_value_minor,
            vesting_start=grant.vesting_start,
            vesting_months=grant.vesting_months,
            cliff_months=grant.cliff_months,
            exercise_window_days=grant.exercise_window_days,
        )
        for grant in terms.equity
    ]


def new_version(
    number: int, terms: OfferTerms, *, created_at: datetime, reason_code: str = "", reason_text: str = ""
) -> OfferVersion:
    version = OfferVersion(number=number, created_at=created_at, reason_code=reason_code, reason_text=reason_text)
    write_version(version, terms)
    return version


def write_offer_facts(offer: Offer, terms: OfferTerms, at: datetime) -> None:
    """Offer-level facts; contingencies live on the offer (their status moves as checks clear)."""
    offer.offer_type = terms.offer_type
    offer.currency = terms.currency
    offer.locale = terms.locale
    offer.expires_on = terms.expires_on
    current = [(c.kind, c.description, c.status) for c in offer.contingencies]
    wanted = [(c.kind.value, c.description, c.status.value) for c in terms.contingencies]
    if current != wanted:
        offer.contingencies = [
            Contingency(kind=c.kind.value, description=c.description, status=c.status.value)
            for c in terms.contingencies
        ]
    offer.updated_at = at


def new_contingencies(terms: OfferTerms, at: datetime, times: Sequence[datetime] = ()) -> list[Contingency]:
    """Contingency rows for a new offer; `times` are their updated_at (a restored offer keeps them), else `at`."""
    return [
        Contingency(kind=c.kind.value, description=c.description, status=c.status.value,
                    updated_at=times[index] if index < len(times) else at)
        for index, c in enumerate(terms.contingencies)
    ]  # fmt: skip


# --- finding offers -------------------------------------------------------------------------------------------


def get_offer(session: Session, offer_id: int) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFoundError(f"There is no offer with id {offer_id}.")
    return offer


def get_version(offer: Offer, number: int | None = None) -> OfferVersion:
    """A version by number, or the newest one."""
    if not offer.versions:
        raise NotFoundError(f"Offer {offer.id} has no terms yet.")
    if number is None:
        return offer.versions[-1]
    for version in offer.versions:
        if version.number == number:
            return version
    raise NotFoundError(f"Offer {offer.id} has no version {number}; it has 1 to {offer.versions[-1].number}.")


def _loaded(offer_id: int) -> Select[Offer]:
    return (
        select(Offer)
        .where(Offer.id == offer_id)
        .options(
            selectinload(Offer.versions).selectinload(OfferVersion.components),
            selectinload(Offer.versions).selectinload(OfferVersion.equity),
            selectinload(Offer.contingencies),
            selectinload(Offer.candidate),
            selectinload(Offer.role),
        )
    )


def terms_of(session: Session, offer_id: int, version: int | None = None) -> OfferTerms:
    offer = get_offer(session, offer_id)
    return read_terms(offer, get_version(offer, version))


def record_of(offer: Offer, version: OfferVersion | None = None) -> OfferRecord:
    chosen = version or get_version(offer)
    candidate, role = offer.candidate, offer.role
    return OfferRecord(
        id=offer.id,
        candidate_id=offer.candidate_id,
        role_id=offer.role_id,
        status=offer.status,
        version=chosen.number,
        recruiter=offer.recruiter,
        terms=read_terms(offer, chosen),
        candidate=CandidateFacts(candidate.first_name, candidate.last_name, candidate.email, candidate.location),
        role=RoleFacts(role.title, role.department, role.hiring_manager) if role is not None else None,
    )


def load_record(session: Session, offer_id: int, version: int | None = None) -> OfferRecord:
    """The offer's current (or a given) version with its candidate and role, read in one go."""
    offer = session.scalars(_loaded(offer_id)).first()
    if offer is None:
        raise NotFoundError(f"There is no offer with id {offer_id}.")
    return record_of(offer, get_version(offer, version))


def current_terms(session: Session, offer_ids: Sequence[int]) -> dict[int, OfferTerms]:
    """The current terms of many offers, read in chunks (the dashboard's drill-down shows their pay)."""
    found: dict[int, OfferTerms] = {}
    for start in range(0, len(offer_ids), _CHUNK):
        statement = (
            select(Offer)
            .where(Offer.id.in_(offer_ids[start : start + _CHUNK]))
            .options(
                selectinload(Offer.versions).selectinload(OfferVersion.components),
                selectinload(Offer.versions).selectinload(OfferVersion.equity),
                selectinload(Offer.contingencies),
            )
        )
        for offer in session.scalars(statement):
            if offer.versions:
                found[offer.id] = read_terms(offer, offer.versions[-1])
    return found


def latest_offer_id(session: Session, candidate_id: int) -> int | None:
    """The candidate's most recently created offer (the one the call and the comparison are about)."""
    return session.scalar(
        select(Offer.id)
        .where(Offer.candidate_id == candidate_id)
        .order_by(Offer.created_at.desc(), Offer.id.desc())
        .limit(1)
    )


def offer_ids_with_status(session: Session, status: OfferStatus) -> list[int]:
    return list(session.scalars(select(Offer.id).where(Offer.status == status).order_by(Offer.id)))


# --- lists and details ----------------------------------------------------------------------------------------


def _row_select() -> Select[Offer, str, str, str | None, int | None, int | None]:
    """Offers with their latest version number and its base pay, as correlated look-ups (indexed per offer)."""
    latest_number = (
        select(func.max(OfferVersion.number))
        .where(OfferVersion.offer_id == Offer.id)
        .correlate(Offer)
        .scalar_subquery()
    )
    base_amount = (
        select(OfferComponent.amount_minor)
        .join(OfferVersion, OfferVersion.id == OfferComponent.version_id)
        .where(
            OfferVersion.offer_id == Offer.id,
            OfferVersion.number == latest_number,
            OfferComponent.kind == ComponentKind.BASE,
        )
        .order_by(OfferComponent.position)
        .limit(1)
        .correlate(Offer)
        .scalar_subquery()
    )
    return (
        select(Offer, Candidate.first_name, Candidate.last_name, Role.title, latest_number, base_amount)
        .join(Candidate, Candidate.id == Offer.candidate_id)
        .outerjoin(Role, Role.id == Offer.role_id)
    )


def offer_rows(
    session: Session, status: OfferStatus | None = None, candidate_id: int | None = None, offer_id: int | None = None
) -> list[OfferRow]:
    statement = _row_select()
    if offer_id is not None:
        statement = statement.where(Offer.id == offer_id)
    if status is not None:
        statement = statement.where(Offer.status == status)
    if candidate_id is not None:
        statement = statement.where(Offer.candidate_id == candidate_id)
    statement = statement.order_by(Offer.updated_at.desc(), Offer.id.desc())
    return [
        OfferRow(
            id=offer.id,
            candidate_id=offer.candidate_id,
            candidate_name=f"{first} {last}".strip(),
            role_title=title or "",
            offer_type=offer.offer_type,
            status=offer.status,
            version=number or 0,
            base_minor=base_minor,
            currency=offer.currency,
            locale=offer.locale,
            expires_on=offer.expires_on,
            updated_at=offer.updated_at,
        )
        for offer, first, last, title, number, base_minor in session.execute(statement)
    ]


def _history(events: Sequence[OfferStatusEvent]) -> tuple[StatusEventView, ...]:
    return tuple(
        StatusEventView(
            at=event.at,
            from_status=event.from_status,
            to_status=event.to_status,
            reason_code=event.reason_code or None,
            note=event.note,
        )
        for event in events
    )


def offer_detail(session: Session, offer_id: int) -> OfferDetail:
    offer = session.scalars(_loaded(offer_id).options(selectinload(Offer.events))).first()
    if offer is None:
        raise NotFoundError(f"There is no offer with id {offer_id}.")
    [row] = offer_rows(session, offer_id=offer_id)
    return OfferDetail(
        row=row,
        role_id=offer.role_id,
        terms=read_terms(offer, get_version(offer)),
        history=_history(offer.events),
        row_version=offer.row_version,
    )


def count_offers(session: Session, status: OfferStatus | None = None) -> int:
    statement = select(func.count()).select_from(Offer)
    if status is not None:
        statement = statement.where(Offer.status == status)
    return int(session.scalar(statement) or 0)
