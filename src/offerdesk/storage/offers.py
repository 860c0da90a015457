"""Offer rows ↔ domain values."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from offerdesk.domain.offers import (
    ComponentKind,
    ComponentView,
    OfferDetail,
    OfferRow,
    OfferStatus,
    StatusEventView,
)
from offerdesk.errors import NotFoundError
from offerdesk.storage.tables import Candidate, Offer, OfferComponent, OfferVersion, Role


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


def offer_detail(session: Session, offer_id: int) -> OfferDetail:
    offer = session.get(
        Offer,
        offer_id,
        options=[
            selectinload(Offer.versions).selectinload(OfferVersion.components),
            selectinload(Offer.events),
        ],
    )
    if offer is None:
        raise NotFoundError(f"There is no offer with id {offer_id}.")
    [row] = offer_rows(session, offer_id=offer_id)
    version = offer.versions[-1] if offer.versions else None
    components = tuple(
        ComponentView(
            kind=item.kind,
            label=item.label or item.kind.value.replace("_", " ").capitalize(),
            amount_minor=item.amount_minor,
            currency=item.currency,
            unit=item.unit,
            percent=item.percent_bp / 100 if item.percent_bp is not None else None,
        )
        for item in (version.components if version else [])
    )
    history = tuple(
        StatusEventView(
            at=event.at,
            from_status=event.from_status,
            to_status=event.to_status,
            reason_code=event.reason_code or None,
            note=event.note,
        )
        for event in offer.events
    )
    return OfferDetail(
        row=row,
        title=version.title if version else "",
        locale=offer.locale,
        start_date=version.start_date if version else None,
        location=version.location if version else "",
        remote_days=version.remote_days if version else None,
        employment_type=version.employment_type if version else "",
        components=components,
        history=history,
        contingencies=tuple((c.kind, c.status) for c in offer.contingencies),
    )


def count_offers(session: Session, status: OfferStatus | None = None) -> int:
    statement = select(func.count()).select_from(Offer)
    if status is not None:
        statement = statement.where(Offer.status == status)
    return int(session.scalar(statement) or 0)
