"""Everything an offer version says, as one value: what the editor edits, versions store and diffs compare."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from offerdesk.domain.offers import (
    ComponentKind,
    ContingencyKind,
    ContingencyStatus,
    EmploymentType,
    EquityKind,
    OfferType,
    PayFrequency,
    PayUnit,
)

if TYPE_CHECKING:
    from offerdesk.domain.pay import Pay


def _coerce(value: object, **kinds: type[StrEnum]) -> None:
    """Codes given as text become their enum, so "rsu" and EquityKind.RSU are one value (ValueError if unknown)."""
    for name, kind in kinds.items():
        current = getattr(value, name)
        if not isinstance(current, kind):
            object.__setattr__(value, name, kind(current))


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

    def __post_init__(self) -> None:
        _coerce(self, kind=ComponentKind, unit=PayUnit)


@dataclass(frozen=True)
class EquityTerms:
    kind: EquityKind
    units: int
    currency: str
    strike_minor: int | None = None
    assumed_value_minor: int | None = None  # value per unit assumed for comparisons
    vesting_start: date | None = None
    vesting_months: int = 48
    cliff_months: int = 12
    exercise_window_days: int | None = None

    def __post_init__(self) -> None:
        _coerce(self, kind=EquityKind)


@dataclass(frozen=True)
class ContingencyTerms:
    kind: ContingencyKind
    description: str = ""
    status: ContingencyStatus = ContingencyStatus.PENDING

    def __post_init__(self) -> None:
        _coerce(self, kind=ContingencyKind, status=ContingencyStatus)


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
    employment_type: EmploymentType = EmploymentType.FULL_TIME
    exempt: bool | None = None
    start_date: date | None = None
    end_date: date | None = None
    effective_date: date | None = None
    location: str = ""
    remote_days: int | None = None
    probation_months: int | None = None
    pay_frequency: PayFrequency = PayFrequency.MONTHLY
    hours_per_week: Decimal | None = None  # what an hourly rate is annualised with
    days_per_week: Decimal | None = None  # what a day rate is annualised with
    benefits_note: str = ""
    pto_note: str = ""
    required_agreements: tuple[str, ...] = ()
    conversion_terms: str = ""
    prior_terms: str = ""
    delivered_by: str = ""
    components: tuple[ComponentTerms, ...] = ()
    equity: tuple[EquityTerms, ...] = ()
    contingencies: tuple[ContingencyTerms, ...] = field(default=())

    def __post_init__(self) -> None:
        _coerce(self, offer_type=OfferType, employment_type=EmploymentType, pay_frequency=PayFrequency)
        for name in ("hours_per_week", "days_per_week"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                object.__setattr__(self, name, Decimal(str(value)))

    def with_changes(self, **changes: Any) -> OfferTerms:
        return replace(self, **changes)

    def component(self, kind: ComponentKind) -> ComponentTerms | None:
        return next((item for item in self.components if item.kind is kind), None)

    @property
    def base_minor(self) -> int | None:
        base = self.component(ComponentKind.BASE)
        return base.amount_minor if base else None

    def pay(self, equity_value_per_unit_minor: int | None = None) -> Pay:
        """The offer's pay per year: the one formula every letter, comparison, band check and sheet uses."""
        from offerdesk.domain.pay import pay_of

        return pay_of(self, equity_value_per_unit_minor)


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
    "pay_frequency": "Pay frequency", "hours_per_week": "Hours per week", "days_per_week": "Days per week",
    "benefits_note": "Benefits", "pto_note": "Paid time off",
    "required_agreements": "Required agreements", "conversion_terms": "Conversion terms",
    "prior_terms": "Previous terms", "delivered_by": "Delivered by", "components": "Compensation",
    "equity": "Equity", "contingencies": "Contingencies",
}  # fmt: skip

# A change to any of these voids the approvals (configurable per installation; see services).
DEFAULT_KEY_FIELDS: tuple[str, ...] = ("base", "title", "level", "start_date", "equity", "sign_on", "currency")


def field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(OfferTerms))
