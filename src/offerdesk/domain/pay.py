"""What an offer pays per year: the one formula behind every figure a recruiter or a candidate reads.

The letter's first-year total, the comparison with competing offers, the band check and the prep sheet all ask
`OfferTerms.pay()`, so a monthly base of €5,000 is €60,000 a year everywhere. Rates are annualised by their unit
(a month is 1/12 of a year, a week 1/52; a day or an hour by the days or hours per week the offer states), and
`assumption` says in words what an annualisation assumed. An amount in another currency than the offer's is never
added into a total: it is listed in `left_out` with the reason.

Worked example (the figures a test checks by hand): base €5,000 per month, bonus target 10% of base, sign-on
€10,000. Base 5,000 × 12 = €60,000; bonus 10% of 60,000 = €6,000; first year 60,000 + 6,000 + 10,000 = €76,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from offerdesk.domain.compensation import MAX_YEARS, EquityGrantValue, PackageValue, percent_of, value_over_years
from offerdesk.domain.money import Money
from offerdesk.domain.offers import ComponentKind, PayUnit
from offerdesk.domain.wording import noun

if TYPE_CHECKING:
    from offerdesk.domain.offer_terms import ComponentTerms, OfferTerms

MONTHS_PER_YEAR = 12
WEEKS_PER_YEAR = 52
MAX_HOURS_PER_WEEK = Decimal(168)
MAX_DAYS_PER_WEEK = Decimal(7)
RECURRING = (ComponentKind.BASE, ComponentKind.BONUS, ComponentKind.COMMISSION)


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _count_text(value: Decimal, locale: str = "en_US") -> str:
    return str(format_decimal(value.normalize(), locale=locale))


def periods_per_year(unit: PayUnit, hours_per_week: Decimal | None, days_per_week: Decimal | None) -> Decimal | None:
    """How many `unit`s make a year; None for a one-off amount or a rate whose hours or days were not stated."""
    if unit is PayUnit.YEAR:
        return Decimal(1)
    if unit is PayUnit.MONTH:
        return Decimal(MONTHS_PER_YEAR)
    if unit is PayUnit.WEEK:
        return Decimal(WEEKS_PER_YEAR)
    if unit is PayUnit.DAY and days_per_week:
        return days_per_week * WEEKS_PER_YEAR
    if unit is PayUnit.HOUR and hours_per_week:
        return hours_per_week * WEEKS_PER_YEAR
    return None


def per_year(
    amount_minor: int, unit: PayUnit, hours_per_week: Decimal | None, days_per_week: Decimal | None
) -> int | None:
    """A rate as minor units per year, rounded half up; None when it cannot be annualised (see periods_per_year)."""
    periods = periods_per_year(unit, hours_per_week, days_per_week)
    return None if periods is None else _round(amount_minor * periods)


def assumption_sentence(unit: PayUnit, hours_per_week: Decimal | None, days_per_week: Decimal | None) -> str:
    """What annualising a rate per `unit` assumed, in words for the letter; "" for a yearly amount."""
    if unit is PayUnit.MONTH:
        return "Yearly figures are 12 times the monthly amount."
    if unit is PayUnit.WEEK:
        return f"Yearly figures assume {WEEKS_PER_YEAR} paid weeks a year."
    if unit is PayUnit.DAY and days_per_week:
        days = f"{_count_text(days_per_week)} {noun(1 if days_per_week == 1 else 2, 'day')}"
        return f"Yearly figures assume {days} a week for {WEEKS_PER_YEAR} weeks a year."
    if unit is PayUnit.HOUR and hours_per_week:
        hours = f"{_count_text(hours_per_week)} {noun(1 if hours_per_week == 1 else 2, 'hour')}"
        return f"Yearly figures assume {hours} a week for {WEEKS_PER_YEAR} weeks a year."
    return ""


@dataclass(frozen=True)
class Pay:
    """An offer's pay in its own currency: yearly figures, one-off amounts, equity at an assumed value."""

    currency: str
    base: Money | None  # per year; None without a base that can be annualised
    base_rate: Money | None  # as the offer states it
    base_unit: PayUnit | None
    bonus: Money  # per year, at target
    commission: Money  # per year, at 100% of quota
    sign_on: Money  # once, in year 1
    relocation: Money  # once; reimburses costs, so no total includes it
    has_bonus: bool
    has_commission: bool
    equity: tuple[EquityGrantValue, ...]  # grants that have a value per unit, in the offer's currency
    equity_value_per_unit_minor: int | None  # the value per unit used (the first grant's), if any
    assumption: str  # what annualising a rate assumed; "" when every figure is yearly
    left_out: tuple[str, ...]  # what no total includes, each with the reason

    @property
    def variable(self) -> Money:
        """Bonus and commission at target."""
        return self.bonus + self.commission

    @property
    def ote(self) -> Money | None:
        """On-target earnings: base plus commission at 100% of quota (only for an offer with commission)."""
        if self.base is None or not self.has_commission:
            return None
        return self.base + self.commission

    @property
    def first_year(self) -> Money | None:
        """Cash in year 1 at target: base, bonus, commission and sign-on (equity and relocation apart)."""
        if self.base is None:
            return None
        return self.base + self.variable + self.sign_on

    def equity_in_year(self, year: int) -> Money:
        return Money(sum(grant.value_in_year(year) for grant in self.equity), self.currency)

    def over_years(self, name: str, years: int = MAX_YEARS) -> PackageValue:
        """Year by year, equity vesting by its schedule: what the comparison sets beside competing offers."""
        base = self.base.minor if self.base is not None else 0
        return value_over_years(name, self.currency, base, self.variable.minor, self.equity, self.sign_on.minor, years)


def _label(item: ComponentTerms) -> str:
    from offerdesk.domain.labels import label

    return item.label or label(item.kind)


def pay_of(terms: OfferTerms, equity_value_per_unit_minor: int | None = None) -> Pay:
    """The pay `terms` describe; `equity_value_per_unit_minor` overrides each grant's own assumed value."""
    currency = terms.currency
    hours, days = terms.hours_per_week, terms.days_per_week
    left_out: list[str] = []
    annual: dict[ComponentKind, int] = {}
    once: dict[ComponentKind, int] = {}
    base_item = terms.component(ComponentKind.BASE)
    base_rate = base_unit = None
    assumption = ""
    annual_base: int | None = None
    if base_item is not None and base_item.amount_minor is not None and base_item.currency == currency:
        base_rate, base_unit = Money(base_item.amount_minor, currency), base_item.unit
        annual_base = per_year(base_item.amount_minor, base_item.unit, hours, days)
        if annual_base is None:
            left_out.append(_unannualised(base_item, hours, days))
        else:
            assumption = assumption_sentence(base_item.unit, hours, days)
    for item in terms.components:
        if item.currency != currency:
            left_out.append(f"{_label(item)} is in {item.currency}, not {currency}, so no total includes it.")
            continue
        if item.kind is ComponentKind.BASE:
            continue
        if item.kind in (ComponentKind.SIGN_ON, ComponentKind.RELOCATION):
            once[item.kind] = once.get(item.kind, 0) + (item.amount_minor or 0)
            continue
        if item.kind not in RECURRING:
            continue  # allowances and others are paid as the letter says, not part of the package totals
        if item.amount_minor is None:
            if item.percent_bp is not None and annual_base is not None:
                annual[item.kind] = annual.get(item.kind, 0) + percent_of(annual_base, item.percent_bp)
            elif item.percent_bp is not None:
                left_out.append(f"{_label(item)} is a percentage of a base that has no yearly figure.")
            continue
        yearly = per_year(item.amount_minor, item.unit, hours, days)
        if yearly is None:
            left_out.append(_unannualised(item, hours, days))
            continue
        annual[item.kind] = annual.get(item.kind, 0) + yearly
        if not assumption:
            assumption = assumption_sentence(item.unit, hours, days)
    grants, used = _equity(terms, equity_value_per_unit_minor, left_out)
    return Pay(
        currency=currency,
        base=Money(annual_base, currency) if annual_base is not None else None,
        base_rate=base_rate,
        base_unit=base_unit,
        bonus=Money(annual.get(ComponentKind.BONUS, 0), currency),
        commission=Money(annual.get(ComponentKind.COMMISSION, 0), currency),
        sign_on=Money(once.get(ComponentKind.SIGN_ON, 0), currency),
        relocation=Money(once.get(ComponentKind.RELOCATION, 0), currency),
        has_bonus=terms.component(ComponentKind.BONUS) is not None,
        has_commission=terms.component(ComponentKind.COMMISSION) is not None,
        equity=grants,
        equity_value_per_unit_minor=used,
        assumption=assumption,
        left_out=tuple(left_out),
    )


def _unannualised(item: ComponentTerms, hours: Decimal | None, days: Decimal | None) -> str:
    if item.unit is PayUnit.HOUR and not hours:
        return f"{_label(item)} is an hourly rate and the offer states no hours per week, so it is not annualised."
    if item.unit is PayUnit.DAY and not days:
        return f"{_label(item)} is a day rate and the offer states no days per week, so it is not annualised."
    return f"{_label(item)} is a one-off amount, so it is not counted as yearly pay."


def _equity(
    terms: OfferTerms, override: int | None, left_out: list[str]
) -> tuple[tuple[EquityGrantValue, ...], int | None]:
    grants: list[EquityGrantValue] = []
    used = override
    for grant in terms.equity:
        if grant.currency != terms.currency:
            left_out.append(
                f"The {grant.kind.short} grant is valued in {grant.currency}, not {terms.currency}, "
                "so no total includes it."
            )
            continue
        per_unit = override if override is not None else grant.assumed_value_minor
        if per_unit is None:
            left_out.append(
                "No value per equity unit is assumed, so the equity counts as zero; enter one to include it."
            )
            continue
        used = per_unit if used is None else used
        grants.append(EquityGrantValue(grant.units, per_unit, grant.vesting_months, grant.cliff_months))
    return tuple(grants), used
