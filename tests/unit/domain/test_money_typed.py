"""An amount is stored as the recruiter meant it, or refused with a sentence: never silently misread."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from offerdesk.domain.money import Money, currency_exponent
from offerdesk.errors import ValidationError

LOCALES = ["en_US", "en_GB", "de_DE", "de_CH", "fr_FR", "es_ES", "it_IT", "nl_NL", "ja_JP", "pt_BR", "sv_SE"]
CURRENCIES = ["EUR", "USD", "GBP", "CHF", "JPY", "BHD", "SEK"]


def test_a_german_thousands_point_in_an_english_interface_is_refused_with_both_readings() -> None:
    with pytest.raises(ValidationError) as refused:
        Money.parse("85.000", "EUR", "en_US", also="de_DE")
    assert "85 in en-US" in str(refused.value) and "85,000 in the offer's de-DE" in str(refused.value)


def test_more_decimals_than_the_currency_has_are_refused_not_rounded() -> None:
    with pytest.raises(ValidationError, match=r"3 decimal places .* EUR has 2"):
        Money.parse("85.000", "EUR", "en_US")
    with pytest.raises(ValidationError, match="JPY has 0"):
        Money.parse("1.5", "JPY", "en_US")
    assert Money.parse("85.000", "BHD", "en_US").minor == 85_000  # BHD has three


@pytest.mark.parametrize(
    ("typed", "locale", "offer_locale", "minor"),
    [
        ("85000", "en_US", "de_DE", 8_500_000),
        ("85,000.00", "en_US", "de_DE", 8_500_000),  # both separators: one reading only
        ("85.000,00", "de_DE", "en_US", 8_500_000),
        ("85 000", "fr_FR", None, 8_500_000),  # a plain space where French uses a no-break space
        ("1.234,5", "de_DE", None, 123_450),
    ],
)
def test_unambiguous_amounts_are_read_in_the_interface_notation(
    typed: str, locale: str, offer_locale: str | None, minor: int
) -> None:
    assert Money.parse(typed, "EUR", locale, also=offer_locale).minor == minor


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**11),
    st.sampled_from(CURRENCIES),
    st.sampled_from(LOCALES),
    st.sampled_from([*LOCALES, None]),
    st.booleans(),
)
def test_a_typed_amount_is_stored_as_typed_or_refused(
    minor: int, currency: str, locale: str, offer_locale: str | None, grouped: bool
) -> None:
    """Format an amount as a recruiter of `locale` types it; reading it back gives that amount or a refusal that
    shows both readings; it never gives another amount."""
    places = currency_exponent(currency)
    amount = Decimal(minor).scaleb(-places)
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    typed = str(format_decimal(amount, format=pattern, locale=locale))
    try:
        stored = Money.parse(typed, currency, locale, also=offer_locale)
    except ValidationError as error:
        assert offer_locale is not None and "reads as" in str(error) and "notation" in str(error)
        return
    assert stored.minor == minor
