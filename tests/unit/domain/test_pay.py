"""The one pay formula: every pay unit, with and without bonus, commission and sign-on, in EUR, JPY and BHD.

Each expected figure is worked out by hand in the comment beside it, not by the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from offerdesk.domain.offer_diff import validate_terms
from offerdesk.domain.offer_terms import ComponentTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, EquityKind, OfferType, PayUnit

K = ComponentKind


def terms(currency: str, *components: ComponentTerms, hours: str | None = None, days: str | None = None) -> OfferTerms:
    return OfferTerms(
        OfferType.WRITTEN,
        currency,
        components=components,
        hours_per_week=Decimal(hours) if hours else None,
        days_per_week=Decimal(days) if days else None,
    )


def part(
    kind: ComponentKind, minor: int | None, currency: str, unit: PayUnit = PayUnit.YEAR, percent: int | None = None
):
    return ComponentTerms(kind, "", minor, currency, unit, percent_bp=percent)


# (case, terms, yearly base minor, bonus minor, commission minor, first year minor, OTE minor or None)
CASES = [
    # 5,000 a month × 12 = 60,000; + sign-on 10,000 = 70,000
    ("EUR month + sign-on", terms("EUR", part(K.BASE, 500_000, "EUR", PayUnit.MONTH),
                                  part(K.SIGN_ON, 1_000_000, "EUR", PayUnit.ONCE)),
     6_000_000, 0, 0, 7_000_000, None),
    # 60,000 + 10% of 60,000 (6,000) + 10,000 = 76,000
    ("EUR month + bonus + sign-on", terms("EUR", part(K.BASE, 500_000, "EUR", PayUnit.MONTH),
                                          part(K.BONUS, None, "EUR", percent=1000),
                                          part(K.SIGN_ON, 1_000_000, "EUR", PayUnit.ONCE)),
     6_000_000, 600_000, 0, 7_600_000, None),
    # 90,000 a year + 10% = 99,000
    ("EUR year + bonus", terms("EUR", part(K.BASE, 9_000_000, "EUR"), part(K.BONUS, None, "EUR", percent=1000)),
     9_000_000, 900_000, 0, 9_900_000, None),
    # 1,000 a week × 52 = 52,000; commission 500 a month × 12 = 6,000; OTE and first year 58,000
    ("EUR week + commission", terms("EUR", part(K.BASE, 100_000, "EUR", PayUnit.WEEK),
                                    part(K.COMMISSION, 50_000, "EUR", PayUnit.MONTH)),
     5_200_000, 0, 600_000, 5_800_000, 5_800_000),
    # 400 a day × 5 days × 52 weeks = 104,000
    ("EUR day at 5 days", terms("EUR", part(K.BASE, 40_000, "EUR", PayUnit.DAY), days="5"),
     10_400_000, 0, 0, 10_400_000, None),
    # 52.50 an hour × 37.5 hours × 52 weeks = 102,375.00; + sign-on 2,000 = 104,375.00
    ("EUR hour at 37.5 h + sign-on", terms("EUR", part(K.BASE, 5_250, "EUR", PayUnit.HOUR),
                                           part(K.SIGN_ON, 200_000, "EUR", PayUnit.ONCE), hours="37.5"),
     10_237_500, 0, 0, 10_437_500, None),
    # ¥8,000,000 a year + 10% = ¥8,800,000 (no minor units in JPY)
    ("JPY year + bonus", terms("JPY", part(K.BASE, 8_000_000, "JPY"), part(K.BONUS, None, "JPY", percent=1000)),
     8_000_000, 800_000, 0, 8_800_000, None),
    # ¥500,000 a month × 12 = ¥6,000,000; + sign-on ¥1,000,000 = ¥7,000,000
    ("JPY month + sign-on", terms("JPY", part(K.BASE, 500_000, "JPY", PayUnit.MONTH),
                                  part(K.SIGN_ON, 1_000_000, "JPY", PayUnit.ONCE)),
     6_000_000, 0, 0, 7_000_000, None),
    # BHD 1,234.567 a month × 12 = 14,814.804; + sign-on 500.000 = 15,314.804 (three decimals)
    ("BHD month + sign-on", terms("BHD", part(K.BASE, 1_234_567, "BHD", PayUnit.MONTH),
                                  part(K.SIGN_ON, 500_000, "BHD", PayUnit.ONCE)),
     14_814_804, 0, 0, 15_314_804, None),
    # BHD 10.125 an hour × 40 × 52 = 21,060.000; bonus 5% = 1,053.000; first year 22,113.000
    ("BHD hour + bonus", terms("BHD", part(K.BASE, 10_125, "BHD", PayUnit.HOUR),
                               part(K.BONUS, None, "BHD", percent=500), hours="40"),
     21_060_000, 1_053_000, 0, 22_113_000, None),
    # 4,000 a month = 48,000; commission 24,000 a year; OTE 48,000 + 24,000 = 72,000; a bonus of 100 a month is
    # 1,200 a year; first year 48,000 + 24,000 + 1,200 = 73,200
    ("EUR month + commission + monthly bonus", terms("EUR", part(K.BASE, 400_000, "EUR", PayUnit.MONTH),
                                                     part(K.COMMISSION, 2_400_000, "EUR"),
                                                     part(K.BONUS, 10_000, "EUR", PayUnit.MONTH)),
     4_800_000, 120_000, 2_400_000, 7_320_000, 7_200_000),
]  # fmt: skip


@pytest.mark.parametrize(("case", "offer", "base", "bonus", "commission", "first_year", "ote"), CASES)
def test_every_pay_unit_annualises_as_worked_by_hand(
    case: str, offer: OfferTerms, base: int, bonus: int, commission: int, first_year: int, ote: int | None
) -> None:
    pay = offer.pay()
    assert validate_terms(offer) == [], case
    assert pay.base is not None and pay.base.minor == base, case
    assert (pay.bonus.minor, pay.commission.minor) == (bonus, commission), case
    assert pay.first_year is not None and pay.first_year.minor == first_year, case
    assert (pay.ote.minor if pay.ote else None) == ote, case
    assert pay.left_out == (), case
    assert pay.over_years("Ours", 1).years[0].total.minor == first_year, case  # the comparison's year 1


def test_an_hourly_rate_says_what_it_assumed() -> None:
    pay = CASES[5][1].pay()
    assert pay.assumption == "Yearly figures assume 37.5 hours a week for 52 weeks a year."
    assert CASES[2][1].pay().assumption == ""


def test_an_hourly_rate_without_hours_is_refused_and_never_guessed() -> None:
    offer = terms("EUR", part(K.BASE, 5_000, "EUR", PayUnit.HOUR))
    assert [field for field, _ in validate_terms(offer)] == ["hours_per_week"]
    pay = offer.pay()
    assert pay.base is None and pay.first_year is None
    assert "hourly rate" in pay.left_out[0]


def test_an_amount_in_another_currency_is_left_out_and_said() -> None:
    offer = terms("EUR", part(K.BASE, 9_000_000, "EUR"), part(K.SIGN_ON, 500_000, "USD", PayUnit.ONCE))
    pay = offer.pay()
    assert pay.first_year is not None and pay.first_year.minor == 9_000_000  # the USD sign-on is not added
    assert pay.left_out == ("Sign-on bonus is in USD, not EUR, so no total includes it.",)
    assert any("use one currency" in sentence for _, sentence in validate_terms(offer))


def test_equity_per_year_at_the_stated_value() -> None:
    # 1,200 RSUs at €40 over 48 months, 12-month cliff: year 1 vests 300 units = €12,000
    grant = EquityTerms(EquityKind.RSU, 1_200, "EUR", assumed_value_minor=4_000)
    offer = terms("EUR", part(K.BASE, 9_000_000, "EUR")).with_changes(equity=(grant,))
    pay = offer.pay()
    assert pay.equity_in_year(1).minor == 1_200_000
    assert pay.first_year is not None and pay.first_year.minor == 9_000_000  # cash only
    assert pay.over_years("Ours", 1).years[0].total.minor == 10_200_000
    assert offer.pay(equity_value_per_unit_minor=5_000).equity_in_year(2).minor == 1_500_000  # 300 × €50
