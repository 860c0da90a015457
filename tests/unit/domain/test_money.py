from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from offerdesk.domain.money import Money, currency_exponent
from offerdesk.errors import ValidationError


@pytest.mark.parametrize(
    ("currency", "exponent"), [("USD", 2), ("EUR", 2), ("GBP", 2), ("JPY", 0), ("BHD", 3), ("INR", 2)]
)
def test_minor_unit_digits_follow_iso_4217(currency: str, exponent: int) -> None:
    assert currency_exponent(currency) == exponent


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor", "shown"),
    [
        ("1,234.50", "USD", "en_US", 123450, "$1,234.50"),
        ("1.234,50", "EUR", "de_DE", 123450, "1.234,50\xa0€"),
        ("1,234.50", "GBP", "en_GB", 123450, "£1,234.50"),
        ("1,234", "JPY", "ja_JP", 1234, "￥1,234"),
        ("1.234", "BHD", "en_US", 1234, "BHD1.234"),
        ("123000", "INR", "en_IN", 12300000, "₹1,23,000.00"),
    ],
)
def test_amounts_parse_and_format_in_the_locale(text: str, currency: str, locale: str, minor: int, shown: str) -> None:
    money = Money.parse(text, currency, locale)
    assert money.minor == minor
    assert money.format(locale) == shown


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("", "USD", "required"),
        ("12,5x", "USD", "not an amount"),
        ("-5", "USD", "negative"),
        ("1.5", "JPY", "decimal places"),
        ("1.2345", "BHD", "decimal places"),
        ("10", "XYZ1", "ISO 4217"),
    ],
)
def test_invalid_amounts_are_refused_with_a_reason(text: str, currency: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Money.parse(text, currency, "en_US")


@given(
    minor=st.integers(min_value=0, max_value=10**12),
    currency=st.sampled_from(["USD", "EUR", "GBP", "JPY", "BHD", "INR"]),
)
def test_decimal_round_trip_is_exact(minor: int, currency: str) -> None:
    money = Money(minor, currency)
    assert Money.from_decimal(money.amount, currency) == money


def test_adding_different_currencies_is_refused() -> None:
    with pytest.raises(ValidationError):
        _ = Money(1, "USD") + Money(1, "EUR")
    assert (Money(150, "USD") + Money(50, "USD")).amount == Decimal("2.00")
