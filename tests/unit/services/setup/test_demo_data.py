"""The demo data keeps the rules the user is held to: an offer that was approved has an approval on record."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from offerdesk.domain.offers import OfferStatus
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.demo import demo_seeded_on, seed_demo
from offerdesk.services.setup.demo_data import CANDIDATES
from offerdesk.storage.tables import CompetingOffer, FollowUp, Offer, OfferStatusEvent, OfferVersion


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


def test_every_demo_date_counts_from_the_one_day_it_records(empty_services: Services) -> None:
    """A seed run across midnight must not tell two stories: expiries, follow-ups, deadlines and start dates all count
    from the one day the seed records, which need not be today."""
    day = date(2031, 3, 14)
    with empty_services.database.transaction() as session:
        seed_demo(session, day)
    with empty_services.database.transaction() as session:
        assert demo_seeded_on(session) == day
        expiries = set(session.scalars(select(Offer.expires_on).where(Offer.expires_on.is_not(None))))
        due = set(session.scalars(select(FollowUp.due_on)))
        deadlines = set(session.scalars(select(CompetingOffer.deadline)))
        starts = set(session.scalars(select(OfferVersion.start_date)))
    assert expiries == {day + timedelta(days=p.offer.expires_in) for p in CANDIDATES if p.offer and p.offer.path}
    assert due == {day, day + timedelta(days=1)}
    assert deadlines == {day + timedelta(days=5)}
    assert starts and all(start > day + timedelta(days=30) for start in starts)
