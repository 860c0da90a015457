"""Offer use cases: list, show, move through the lifecycle."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.domain.clock import utc_now
from offerdesk.domain.offers import REASON_REQUIRED, OfferDetail, OfferRow, OfferStatus, check_transition
from offerdesk.errors import ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage import offers as repository
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Offer, OfferStatusEvent


def parse_status(text: str) -> OfferStatus:
    """“letter_sent”, “letter-sent” and “Letter sent” (the code or the words a table shows) are one status."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    for status in OfferStatus:
        if key in (status.value, "_".join(status.label.lower().split())):
            return status
    names = ", ".join(status.value for status in OfferStatus)
    raise ValidationError(f"“{text}” is not an offer status; use one of: {names}.")


def record_transition(
    session: Session,
    offer: Offer,
    target: OfferStatus,
    *,
    at: datetime | None = None,
    reason_code: str = "",
    note: str = "",
    actor: str = "",
) -> None:
    """Move an offer to `target` if the lifecycle allows it, and write the event that proves when and why."""
    check_transition(offer.status, target)
    if target in REASON_REQUIRED and reason_code not in DECLINE_REASONS:
        raise ValidationError(
            f"Marking an offer {target.label.lower()} needs a reason code: one of {', '.join(DECLINE_REASONS)}."
        )
    moment = at or utc_now()
    offer.events.append(
        OfferStatusEvent(
            at=moment,
            from_status=offer.status,
            to_status=target,
            reason_code=reason_code,
            note=note,
            actor=actor,
        )
    )
    offer.status = target
    offer.status_changed_at = moment
    offer.updated_at = moment
    if target in (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT) and offer.extended_at is None:
        offer.extended_at = moment
    if target in (OfferStatus.VERBALLY_ACCEPTED, OfferStatus.SIGNED, OfferStatus.DECLINED) and (
        offer.decided_at is None
    ):
        offer.decided_at = moment
    if target in REASON_REQUIRED:
        offer.decision_reason = reason_code


class OfferService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def list(self, status: OfferStatus | None = None, candidate_id: int | None = None) -> list[OfferRow]:
        with self._database.transaction() as session:
            return repository.offer_rows(session, status=status, candidate_id=candidate_id)

    def count(self, status: OfferStatus | None = None) -> int:
        with self._database.transaction() as session:
            return repository.count_offers(session, status)

    def detail(self, offer_id: int) -> OfferDetail:
        with self._database.transaction() as session:
            return repository.offer_detail(session, offer_id)

    def latest_id(self, candidate_id: int) -> int | None:
        """The candidate's most recently made offer, the one calls and comparisons are about."""
        with self._database.transaction() as session:
            return repository.latest_offer_id(session, candidate_id)

    def set_status(self, offer_id: int, target: OfferStatus, reason_code: str = "", note: str = "") -> Changes:
        with self._database.transaction() as session:
            offer = repository.get_offer(session, offer_id)
            record_transition(session, offer, target, reason_code=reason_code, note=note)
        return Changes.of(Kind.OFFERS, Kind.CANDIDATES)
