"""Money as integer minor units plus an ISO 4217 code; decimal places come from CLDR (JPY 0, BHD 3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.core import UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    format_currency,
    get_currency_precision,
    is_currency,
    parse_decimal,
)

from offerdesk.errors import ValidationError


def currency_exponent(currency: str) -> int:
    """Number of minor-unit digits of a currency (2 for USD, 0 for JPY, 3 for BHD)."""
    return int(get_currency_precision(currency))


def check_currency(code: str) -> str:
    """The upper-cased ISO 4217 code, or a ValidationError naming the bad code."""
    normalized = code.strip().upper()
    if len(normalized) != 3 or not is_currency(normalized):
        raise ValidationError(f"“{code}” is not an ISO 4217 currency code (for example USD, EUR, GBP, JPY).")
    return normalized


@dataclass(frozen=True, order=True)
class Money:
    """An exact amount; never a float."""

    minor: int
    currency: str

    @classmethod
    def from_decimal(cls, amount: Decimal, currency: str) -> Money:
        code = check_currency(currency)
        scaled = amount.scaleb(currency_exponent(code))
        if scaled != scaled.to_integral_value():
            places = currency_exponent(code)
            raise ValidationError(f"{amount} {code} has more decimal places than {code} allows ({places}).")
        return cls(int(scaled), code)

    @classmethod
    def parse(cls, text: str, currency: str, locale: str = "en_US") -> Money:
        """Read an amount typed in `locale` ("1.234,50" in de_DE); raises ValidationError with the reason."""
        cleaned = text.strip()
        if not cleaned:
            raise ValidationError("An amount is required.")
        try:
            amount = parse_decimal(cleaned, locale=locale, strict=True)
        except (NumberFormatError, InvalidOperation, UnknownLocaleError, ValueError) as error:
            raise ValidationError(f"“{text}” is not an amount in {locale.replace('_', '-')} notation.") from error
        if amount < 0:
            raise ValidationError(f"“{text}” is negative; amounts in an offer are never negative.")
        return cls.from_decimal(amount, currency)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.minor).scaleb(-currency_exponent(self.currency))

    def format(self, locale: str = "en_US") -> str:
        """CLDR formatting in the given locale: "$1,234.50" (en_US), "1.234,50 €" (de_DE)."""
        return str(format_currency(self.amount, self.currency, locale=locale))

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValidationError(f"Cannot add {other.currency} to {self.currency}.")
        return Money(self.minor + other.minor, self.currency)
