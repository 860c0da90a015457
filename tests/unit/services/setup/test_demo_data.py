"""The demo data keeps the rules the user is held to: an offer that was approved has an approval on record."""

from __future__ import annotations

from sqlalchemy import select

from offerdesk.domain.offers import OfferStatus
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Offer, OfferStatusEvent


def test_every_demo_offer_that_was_approved_has_a_standing_approval(services: Services) -> None:
    with services.database.transaction() as session:
        approved_ids = set(session.scalars(
            select(OfferStatusEvent.offer_id).where(OfferStatusEvent.to_status == OfferStatus.APPROVED)))  # fmt: skip
        assert approved_ids, "the demo has approved offers"
        for offer in session.scalars(select(Offer).where(Offer.id.in_(approved_ids))):
            standing = [a for a in offer.approvals if not a.voided and a.decision == "approved"]
            assert standing, f"demo offer {offer.id} ({offer.status}) was approved with no approval on record"
    for offer_id in approved_ids:
        assert services.offers.approval_on_record(offer_id) is not None
