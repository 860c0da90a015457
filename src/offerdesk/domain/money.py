"""Money as integer minor units plus an ISO 4217 code; decimal places come from CLDR (JPY 0, BHD 3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.core import UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_group_symbol,
    is_currency,
    parse_decimal,
)

from offerdesk.errors import ValidationError

MAX_AMOUNT = Decimal(10**12)
"""No pay, bonus or band reaches a trillion major units; a bigger figure is a typo (or 1e30) and is refused."""


def check_magnitude(amount: Decimal, shown: str) -> None:
    """ValidationError unless `amount` is a finite number no larger than MAX_AMOUNT."""
    if not amount.is_finite():
        raise ValidationError(f"“{shown}” is not an amount; type digits, such as 85000.")
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(f"“{shown}” is too large for an amount; the most is {MAX_AMOUNT:,} in any currency.")


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
        check_magnitude(amount, str(amount))
        scaled = amount.scaleb(currency_exponent(code))
        if scaled != scaled.to_integral_value():
            places = currency_exponent(code)
            raise ValidationError(f"{amount} {code} has more decimal places than {code} allows ({places}).")
        return cls(int(scaled), code)

    @classmethod
    def parse(cls, text: str, currency: str, locale: str = "en_US", also: str | None = None) -> Money:
        """Read an amount typed in `locale` ("1.234,50" in de_DE); raises ValidationError with the reason.

        Never a silent misreading: more decimals than the currency has are refused (“85.000” is not €85.00), and
        where `also` (the offer's own notation) reads the same text as another amount, both readings are shown
        and nothing is stored (“1,500” is 1500 in en-US and 1.5 in de-DE).
        """
        cleaned = text.strip()
        if not cleaned:
            raise ValidationError("An amount is required.")
        code = check_currency(currency)
        amount = _read(cleaned, locale)
        if amount is None:
            raise ValidationError(f"“{text}” is not an amount in {_name(locale)} notation.")
        check_magnitude(amount, text)
        if amount < 0:
            raise ValidationError(f"“{text}” is negative; amounts in an offer are never negative.")
        places, typed = currency_exponent(code), max(0, -int(amount.as_tuple().exponent))
        other = _read(cleaned, also) if also and also.replace("-", "_") != locale.replace("-", "_") else None
        if other is not None and other != amount:
            raise ValidationError(
                f"“{text}” reads as {_shown(amount, locale)} in {_name(locale)} notation but as "
                f"{_shown(other, locale)} in the offer's {_name(also or '')} notation; type {_plain(amount)} or "
                f"{_plain(other)}, without group separators, so it cannot be misread."
            )
        if typed > places:
            reading = f" (it reads as {_shown(amount, locale)})" if amount == amount.to_integral_value() else ""
            raise ValidationError(
                f"“{text}” has {typed} decimal places in {_name(locale)} notation{reading}; {code} has {places}."
            )
        return cls.from_decimal(amount, code)

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


def _name(locale: str) -> str:
    return locale.replace("_", "-")


def _read(text: str, locale: str) -> Decimal | None:
    """The typed number in `locale`, or None; a plain space counts as the group separator where the locale's is
    a no-break space (fr-FR, de-CH typists type a space)."""
    try:
        group = get_group_symbol(locale)
        typed = text.replace(" ", group) if group in ("\u00a0", "\u202f") else text
        return Decimal(parse_decimal(typed, locale=locale, strict=True))
    except (NumberFormatError, InvalidOperation, UnknownLocaleError, ValueError):
        return None


def _shown(amount: Decimal, locale: str) -> str:
    return str(format_decimal(amount, locale=locale))


def _plain(amount: Decimal) -> str:
    return format(amount.normalize(), "f")
