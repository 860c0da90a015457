"""Pay bands and package values: pure arithmetic on Money so the editor, the CLI and the dialog agree to the cent.

Two questions recruiters ask during COMP_LOW and COMPETING_OFFER conversations: "where does this base sit in the
band?" and "what is each package worth, year by year?". Both are answered here without a database or Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from offerdesk.domain.money import Money, check_currency
from offerdesk.errors import ValidationError

Position = Literal["below", "within", "above"]
MAX_YEARS = 4  # the common vesting horizon; beyond it every figure is a guess


def _ratio(numerator: int, denominator: int) -> float:
    """Two decimals, half up, so 1.055 shows as 1.06 everywhere (float rounding would give 1.05)."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(value)


@dataclass(frozen=True)
class BandPosition:
    """Where one base sits in a band, with the sentence the editor shows beside the amount."""

    band_min: Money
    band_mid: Money
    band_max: Money
    compa_ratio: float  # base / mid, two decimals
    position: Position
    sentence: str


def check_band(band_min: Money, band_mid: Money, band_max: Money) -> None:
    """A band must be one currency, positive and ordered, or every position computed from it is nonsense."""
    if len({band_min.currency, band_mid.currency, band_max.currency}) != 1:
        raise ValidationError("A pay band's minimum, midpoint and maximum must be in one currency.")
    if band_min.minor <= 0:
        raise ValidationError("A pay band's minimum must be more than zero.")
    if not band_min.minor <= band_mid.minor <= band_max.minor:
        raise ValidationError("A pay band needs minimum ≤ midpoint ≤ maximum.")


def band_position(
    base: Money, band: tuple[Money, Money, Money], locale: str = "en_US", shown: str | None = None
) -> BandPosition:
    """Place the yearly `base` in the (min, mid, max) band; the ends of the band count as within.

    `shown` is how the sentence names the base (e.g. "€5,000.00 per month (€60,000.00 a year)").

    >>> eur = lambda whole: Money(whole * 100, "EUR")
    >>> band_position(eur(95_000), (eur(78_000), eur(90_000), eur(102_000))).sentence
    '€95,000.00 is within the band (compa-ratio 1.06).'
    >>> band_position(eur(110_000), (eur(78_000), eur(90_000), eur(102_000))).sentence
    '€110,000.00 is above the band maximum of €102,000.00 (compa-ratio 1.22).'
    """
    band_min, band_mid, band_max = band
    check_band(band_min, band_mid, band_max)
    if base.currency != band_min.currency:
        raise ValidationError(
            f"The base is in {base.currency} but the band is in {band_min.currency}; "
            "they can only be compared in one currency."
        )
    ratio = _ratio(base.minor, band_mid.minor)
    shown = shown or base.format(locale)
    if base.minor < band_min.minor:
        position: Position = "below"
        sentence = f"{shown} is below the band minimum of {band_min.format(locale)} (compa-ratio {ratio:.2f})."
    elif base.minor > band_max.minor:
        position = "above"
        sentence = f"{shown} is above the band maximum of {band_max.format(locale)} (compa-ratio {ratio:.2f})."
    else:
        position = "within"
        sentence = f"{shown} is within the band (compa-ratio {ratio:.2f})."
    return BandPosition(band_min, band_mid, band_max, ratio, position, sentence)


@dataclass(frozen=True)
class EquityGrantValue:
    """A grant as the comparison needs it: how many units, what one is assumed to be worth, how they vest."""

    units: int
    value_per_unit_minor: int
    vesting_months: int = 48
    cliff_months: int = 12

    def vested_units(self, month: int) -> int:
        """Units vested by the end of `month`: none before the cliff, the catch-up at it, then monthly.

        Whole units only (rounded down on the running total), so the remainder lands on the last vest and the
        grant adds up exactly.
        """
        if month < self.cliff_months or month <= 0:
            return 0
        return self.units * min(month, self.vesting_months) // self.vesting_months

    def value_in_year(self, year: int) -> int:
        """Minor units vesting during year `year` (months 12·(year-1)+1 … 12·year)."""
        units = self.vested_units(12 * year) - self.vested_units(12 * (year - 1))
        return units * self.value_per_unit_minor


@dataclass(frozen=True)
class YearValue:
    """One year of a package; `cumulative` is the total of years 1 up to this one."""

    year: int
    base: Money
    bonus: Money
    equity: Money
    sign_on: Money
    total: Money
    cumulative: Money


@dataclass(frozen=True)
class PackageValue:
    name: str
    years: list[YearValue]

    @property
    def currency(self) -> str:
        return self.years[0].total.currency

    @property
    def total(self) -> Money:
        """All years together (the last year's cumulative figure)."""
        return self.years[-1].cumulative


def _check_grant(grant: EquityGrantValue) -> None:
    if grant.units < 0 or grant.value_per_unit_minor < 0:
        raise ValidationError("Equity units and the value per unit cannot be negative.")
    if grant.vesting_months <= 0:
        raise ValidationError("An equity grant must vest over at least one month.")
    if not 0 <= grant.cliff_months <= grant.vesting_months:
        raise ValidationError(
            f"A cliff of {grant.cliff_months} months does not fit a {grant.vesting_months}-month vesting schedule."
        )


def value_over_years(
    name: str,
    currency: str,
    base_minor: int,
    bonus_minor: int,
    equity: EquityGrantValue | Sequence[EquityGrantValue] | int | None,
    sign_on_minor: int,
    years: int = MAX_YEARS,
) -> PackageValue:
    """What a package pays in each of `years` years (1–4), so packages with different shapes can be compared.

    Base and bonus (at target) come every year; the sign-on only in year 1. `equity` is either grants (valued at
    the assumed value per unit, vesting as `EquityGrantValue.vested_units` says) or a flat annual figure, as a
    competing offer is usually reported.

    Worked example: base €90,000, bonus €9,000, 1,200 RSUs at €40 over 48 months with a 12-month cliff, sign-on
    €5,000. Year 1: the cliff vests 300 units (€12,000), so 90,000 + 9,000 + 12,000 + 5,000 = €116,000. Years 2–4
    vest 25 units a month, 300 a year: €111,000 each; cumulative after 4 years €449,000.

    >>> grant = EquityGrantValue(units=1_200, value_per_unit_minor=40_00, vesting_months=48, cliff_months=12)
    >>> package = value_over_years("Ours", "EUR", 90_000_00, 9_000_00, grant, 5_000_00, years=4)
    >>> [year.total.minor // 100 for year in package.years]
    [116000, 111000, 111000, 111000]
    >>> package.total.minor // 100
    449000

    With an 18-month cliff nothing vests in year 1 and year 2 catches up 24 months' worth (600 units):

    >>> late = EquityGrantValue(units=1_200, value_per_unit_minor=40_00, vesting_months=48, cliff_months=18)
    >>> [year.equity.minor // 100 for year in value_over_years("X", "EUR", 0, 0, late, 0).years]
    [0, 24000, 12000, 12000]
    """
    code = check_currency(currency)
    if not 1 <= years <= MAX_YEARS:
        raise ValidationError(f"Packages are compared over 1 to {MAX_YEARS} years, not {years}.")
    if min(base_minor, bonus_minor, sign_on_minor) < 0:
        raise ValidationError("Pay amounts cannot be negative.")
    grants: tuple[EquityGrantValue, ...] = ()
    annual_equity = 0
    if isinstance(equity, EquityGrantValue):
        grants = (equity,)
    elif isinstance(equity, int):
        if equity < 0:
            raise ValidationError("Pay amounts cannot be negative.")
        annual_equity = equity
    elif equity is not None:
        grants = tuple(equity)
    for grant in grants:
        _check_grant(grant)
    rows: list[YearValue] = []
    running = 0
    for year in range(1, years + 1):
        equity_minor = annual_equity + sum(grant.value_in_year(year) for grant in grants)
        sign_on = sign_on_minor if year == 1 else 0
        total = base_minor + bonus_minor + equity_minor + sign_on
        running += total
        rows.append(
            YearValue(
                year=year,
                base=Money(base_minor, code),
                bonus=Money(bonus_minor, code),
                equity=Money(equity_minor, code),
                sign_on=Money(sign_on, code),
                total=Money(total, code),
                cumulative=Money(running, code),
            )
        )
    return PackageValue(name=name, years=rows)


def percent_of(amount_minor: int, percent_bp: int) -> int:
    """`percent_bp` basis points of an amount, rounded half up to a minor unit (10% of €90,000 is €9,000)."""
    return int((Decimal(amount_minor) * percent_bp / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
