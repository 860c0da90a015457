"""Everything an offer version says, as one value: what the editor edits, versions store and diffs compare."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from offerdesk.domain.offers import ComponentKind, OfferType, PayUnit


@dataclass(frozen=True)
class ComponentTerms:
    kind: ComponentKind
    label: str
    amount_minor: int | None  # None for a percentage bonus
    currency: str
    unit: PayUnit = PayUnit.YEAR
    percent_bp: int | None = None  # basis points of base: 1000 = 10%
    clawback_months: int | None = None  # sign-on repayable if leaving within
    notes: str = ""


@dataclass(frozen=True)
class EquityTerms:
    kind: str  # "rsu" or "options"
    units: int
    currency: str
    strike_minor: int | None = None
    assumed_value_minor: int | None = None  # value per unit assumed for comparisons
    vesting_start: date | None = None
    vesting_months: int = 48
    cliff_months: int = 12
    exercise_window_days: int | None = None


@dataclass(frozen=True)
class ContingencyTerms:
    kind: str  # background, references, right_to_work, drug_test, licence, other
    description: str = ""
    status: str = "pending"  # pending, cleared, failed, waived


@dataclass(frozen=True)
class OfferTerms:
    """The terms of one version. Offer-level facts (currency, locale, expiry) travel with it for the editor."""

    offer_type: OfferType
    currency: str
    locale: str = "en_US"
    expires_on: date | None = None
    title: str = ""
    level: str = ""
    department: str = ""
    reports_to: str = ""
    employment_type: str = "full_time"
    exempt: bool | None = None
    start_date: date | None = None
    end_date: date | None = None
    effective_date: date | None = None
    location: str = ""
    remote_days: int | None = None
    probation_months: int | None = None
    pay_frequency: str = "monthly"
    benefits_note: str = ""
    pto_note: str = ""
    required_agreements: tuple[str, ...] = ()
    conversion_terms: str = ""
    prior_terms: str = ""
    delivered_by: str = ""
    components: tuple[ComponentTerms, ...] = ()
    equity: tuple[EquityTerms, ...] = ()
    contingencies: tuple[ContingencyTerms, ...] = field(default=())

    def with_changes(self, **changes: Any) -> OfferTerms:
        return replace(self, **changes)

    def component(self, kind: ComponentKind) -> ComponentTerms | None:
        return next((item for item in self.components if item.kind is kind), None)

    @property
    def base_minor(self) -> int | None:
        base = self.component(ComponentKind.BASE)
        return base.amount_minor if base else None


# Fields that only some offer types show in the editor (all types store every field).
TYPE_FIELDS: dict[OfferType, tuple[str, ...]] = {
    OfferType.VERBAL: ("delivered_by",),
    OfferType.WRITTEN: (),
    OfferType.CONDITIONAL: ("contingencies",),
    OfferType.REVISED: (),
    OfferType.INTERNAL: ("effective_date", "prior_terms"),
    OfferType.CONTRACT: ("end_date", "conversion_terms"),
}

FIELD_LABELS: dict[str, str] = {
    "offer_type": "Offer type", "currency": "Currency", "locale": "Letter locale", "expires_on": "Expires on",
    "title": "Job title", "level": "Level", "department": "Department", "reports_to": "Reports to",
    "employment_type": "Employment type", "exempt": "Exempt (US)", "start_date": "Start date",
    "end_date": "End date", "effective_date": "Effective date", "location": "Location",
    "remote_days": "Remote days per week", "probation_months": "Probation (months)",
    "pay_frequency": "Pay frequency", "benefits_note": "Benefits", "pto_note": "Paid time off",
    "required_agreements": "Required agreements", "conversion_terms": "Conversion terms",
    "prior_terms": "Previous terms", "delivered_by": "Delivered by", "components": "Compensation",
    "equity": "Equity", "contingencies": "Contingencies",
}  # fmt: skip

# A change to any of these voids the approvals (configurable per installation; see services).
DEFAULT_KEY_FIELDS: tuple[str, ...] = ("base", "title", "level", "start_date", "equity", "sign_on", "currency")


def field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(OfferTerms))
