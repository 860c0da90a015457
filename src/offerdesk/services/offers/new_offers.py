"""A new offer's starting point: the candidate and role it is for, the currency and locale it defaults to, and
the draft a revision starts from (the revised offer's terms, copied)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from offerdesk.domain.clock import today as local_today
from offerdesk.domain.clock import utc_now
from offerdesk.domain.offer_defaults import BandPlace, LastOffer, OfferDefaults, offer_defaults
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.storage import offers as gateway
from offerdesk.storage.tables import Candidate, Offer, OfferStatusEvent, Role


def candidate_and_role(session: Session, candidate_id: int, role_id: int | None) -> tuple[Candidate, Role | None]:
    """The candidate and the role the offer is for: the one asked for, else the candidate's own."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"There is no candidate with id {candidate_id}.")
    chosen_role_id = role_id if role_id is not None else candidate.role_id
    role = session.get(Role, chosen_role_id) if chosen_role_id is not None else None
    if role_id is not None and role is None:
        raise NotFoundError(f"There is no role with id {role_id}.")
    return candidate, role


def latest_offer(session: Session, candidate_id: int) -> Offer | None:
    latest_id = gateway.latest_offer_id(session, candidate_id)
    return session.get(Offer, latest_id) if latest_id is not None else None


def defaults_for(
    session: Session,
    candidate: Candidate,
    role: Role | None,
    currency: str | None,
    locale: str | None,
    offer_type: OfferType | None = None,
) -> OfferDefaults:
    previous = latest_offer(session, candidate.id)
    if offer_type is OfferType.REVISED and previous is not None:  # a revision keeps the money of what it revises
        last = LastOffer(previous.currency, previous.locale)
        return offer_defaults(on=local_today(), last_offer=last, currency=currency or None, locale=locale or None)
    bands = sorted(role.pay_bands if role else [], key=lambda band: band.id)
    return offer_defaults(
        on=local_today(),
        bands=[BandPlace(band.currency, band.location) for band in bands],
        role_location=role.location if role else "",
        candidate_location=candidate.location,
        last_offer=LastOffer(previous.currency, previous.locale) if previous else None,
        currency=currency or None,
        locale=locale or None,
    )


def create_revision(session: Session, candidate: Candidate, chosen: OfferDefaults) -> int:
    """A draft revising the candidate's latest offer: its current terms copied, in its currency."""
    previous = latest_offer(session, candidate.id)
    name = f"{candidate.first_name} {candidate.last_name}".strip()
    if previous is None:
        raise ValidationError(
            f"A revised offer revises an earlier one, and {name} has no offer yet; choose another type."
        )
    if chosen.currency != previous.currency:
        raise ValidationError(
            f"A revised offer keeps the currency of offer {previous.id} ({previous.currency}); "
            "make a new offer of another type to offer it in another currency."
        )
    now = utc_now()
    terms = gateway.read_terms(previous, gateway.get_version(previous))
    terms = terms.with_changes(offer_type=OfferType.REVISED, locale=chosen.locale)
    note = f"Revision of offer {previous.id}"
    offer = Offer(
        candidate_id=candidate.id,
        role_id=previous.role_id,
        parent_offer_id=previous.id,
        offer_type=OfferType.REVISED,
        status=OfferStatus.DRAFT,
        status_changed_at=now,
        locale=chosen.locale,
        currency=previous.currency,
        recruiter=previous.recruiter,
        expires_on=previous.expires_on,
        created_at=now,
        updated_at=now,
        versions=[gateway.new_version(1, terms, created_at=now, reason_text=note)],
        contingencies=gateway.new_contingencies(terms, now),
        events=[OfferStatusEvent(at=now, to_status=OfferStatus.DRAFT, note=note)],
    )
    session.add(offer)
    session.flush()
    return offer.id
