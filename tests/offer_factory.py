"""Offers with known, awkward values, written straight into a test database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import (
    Candidate,
    Contingency,
    EquityGrant,
    Offer,
    OfferComponent,
    OfferVersion,
    Role,
)

CANDIDATE = ("Zoë", "O'Neil & <Søn>")
COMPANY = 'Brightpath "R&D" GmbH'
START, EXPIRES, END, EFFECTIVE = date(2027, 2, 1), date(2026, 12, 15), date(2027, 7, 31), date(2027, 1, 4)


def make_offer(services: Services, offer_type: OfferType, locale: str, currency: str) -> int:
    """An offer with every optional term filled, so any template shows every kind of value."""
    letter_settings(services)
    with services.database.transaction() as session:
        role = Role(title="Staff Engineer", department="Platform", hiring_manager="Miriam Okafor")
        candidate = Candidate(first_name=CANDIDATE[0], last_name=CANDIDATE[1], email="zoe@example.com", role=role)
        version = OfferVersion(
            number=1, title="Staff Engineer", level="L6", department="Platform", reports_to="Miriam Okafor",
            start_date=START, end_date=END if offer_type is OfferType.CONTRACT else None,
            effective_date=EFFECTIVE if offer_type is OfferType.INTERNAL else None, location="Berlin",
            remote_days=2, probation_months=6, pay_frequency="monthly", benefits_note="Health & dental",
            pto_note="28 days", required_agreements=["Confidentiality agreement"],
            prior_terms="Senior Engineer, L5" if offer_type is OfferType.INTERNAL else "",
            conversion_terms="Review after 6 months" if offer_type is OfferType.CONTRACT else "",
            components=[
                OfferComponent(position=0, kind=ComponentKind.BASE, label="Base salary", amount_minor=12345678,
                               currency=currency, unit=PayUnit.YEAR),
                OfferComponent(position=1, kind=ComponentKind.BONUS, label="Bonus target", percent_bp=1000,
                               currency=currency, unit=PayUnit.YEAR),
                OfferComponent(position=2, kind=ComponentKind.SIGN_ON, label="Sign-on bonus", amount_minor=500000,
                               currency=currency, unit=PayUnit.ONCE, clawback_months=12),
                OfferComponent(position=3, kind=ComponentKind.RELOCATION, label="Relocation", amount_minor=800000,
                               currency=currency, unit=PayUnit.ONCE),
            ],
            equity=[EquityGrant(kind="rsu", units=1200, currency=currency, vesting_start=START)],
        )  # fmt: skip
        offer = Offer(candidate=candidate, role=role, offer_type=offer_type, status=OfferStatus.APPROVED,
                      locale=locale, currency=currency, expires_on=EXPIRES, recruiter="Sam Rivera",
                      versions=[version],
                      contingencies=[Contingency(kind="background", description="Criminal record check")])  # fmt: skip
        session.add(offer)
        session.flush()
        return offer.id


def letter_settings(services: Services) -> None:
    """The organisation settings every letter signs with (a letter refuses to guess them)."""
    services.settings.set("company.name", COMPANY)
    services.settings.set("company.address", "Torstraße 140, 10119 Berlin")
    services.settings.set("signatory.name", "Dana Whitfield")
    services.settings.set("signatory.title", "VP People")
    services.settings.set("recruiter.email", "sam@example.com")


BARE_BASE_MINOR = 9_000_000


def make_bare_offer(
    services: Services,
    offer_type: OfferType,
    locale: str = "en_US",
    currency: str = "USD",
    fill: Callable[[Offer], None] | None = None,
) -> int:
    """An offer with a base salary and nothing else (no title, no role, no optional term); `fill` adds terms."""
    letter_settings(services)
    with services.database.transaction() as session:
        base = OfferComponent(position=0, kind=ComponentKind.BASE, label="Base salary", amount_minor=BARE_BASE_MINOR,
                              currency=currency, unit=PayUnit.YEAR)  # fmt: skip
        offer = Offer(candidate=Candidate(first_name="Zoë"), offer_type=offer_type, locale=locale, currency=currency,
                      recruiter="Sam Rivera", versions=[OfferVersion(number=1, components=[base])])  # fmt: skip
        if fill is not None:
            fill(offer)
        session.add(offer)
        session.flush()
        return offer.id
