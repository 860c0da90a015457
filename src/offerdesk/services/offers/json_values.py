"""The checks every value of an offer document passes: each raises one sentence that starts with its place
("versions[1].components[0].amount: …"). Used by json_parse, which reads the document's structure with them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from babel.core import Locale, UnknownLocaleError

from offerdesk.domain.money import check_currency, currency_exponent
from offerdesk.domain.text_rules import check_text
from offerdesk.errors import ValidationError
from offerdesk.storage.tables import Offer

MAX_INTEGER = 2_147_483_647  # INTEGER columns are 32-bit on PostgreSQL
# A text without a column width (a note, a reason, a benefits paragraph): a real one is a few sentences; this is
# pages, and keeps one field from carrying a whole file.
MAX_NOTE_LENGTH = 20_000
E = TypeVar("E", bound=StrEnum)
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- validation: every check raises one sentence that starts with the place ----------------------------------------


def _fail(where: str, message: str) -> NoReturn:
    raise ValidationError(f"{where}: {message}")


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _object(value: Any, where: str, keys: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        _fail(where, "must be an object (a set of fields in braces).")
    unknown = sorted(str(key) for key in value if key not in keys)
    if unknown:
        _fail(where, f"“{unknown[0]}” is not a field here; the fields are {', '.join(sorted(keys))}.")
    return value


def _list(value: Any, where: str) -> Sequence[Any]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Sequence):
        _fail(where, "must be a list.")
    return value


def _length(model: type[Any], column: str) -> int | None:
    length: int | None = getattr(model.__table__.c[column].type, "length", None)
    return length


def _text(value: Any, where: str, *, max_length: int | None = None, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        _fail(where, "must be text.")
    if required and not value.strip():
        _fail(where, "cannot be empty.")
    limit = MAX_NOTE_LENGTH if max_length is None else max_length
    if len(value) > limit:
        _fail(where, f"is longer than {limit:,} characters.")
    return check_text(value, where, multiline=True)


def _integer(value: Any, where: str, *, required: bool = False) -> int | None:
    if value is None:
        if required:
            _fail(where, "is missing; it must be a whole number.")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(where, f"“{value}” is not a whole number.")
    if value < 0:
        _fail(where, f"{value} is negative.")
    if value > MAX_INTEGER:
        _fail(where, f"{value} is too large.")
    return value


def _boolean(value: Any, where: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        _fail(where, f"“{value}” is not true, false or null.")
    return value


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    _fail(where, f"“{value}” is not a date; write it as YYYY-MM-DD.")


def _datetime(value: Any, where: str) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC).replace(tzinfo=None)
            return moment
    _fail(where, f"“{value}” is not a date and time; write it as YYYY-MM-DDTHH:MM:SS (UTC).")


def _choice(value: Any, where: str, kind: type[E], what: str) -> E:
    choices = ", ".join(item.value for item in kind)
    if value is None:
        _fail(where, f"is missing; use one of: {choices}.")
    try:
        return kind(value)
    except ValueError:
        _fail(where, f"“{value}” is not {what}; use one of: {choices}.")


def _currency(value: Any, where: str) -> str:
    if not isinstance(value, str):
        _fail(where, "is missing; it must be an ISO 4217 currency code such as USD or EUR.")
    try:
        return check_currency(value)
    except ValidationError as error:
        _fail(where, str(error))


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        _fail(where, f"“{value}” is not an amount; write it as text such as “90000.00”.")
    text = value.strip() if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        _fail(where, f"“{value}” is negative; amounts in an offer are never negative.")
    if not _AMOUNT.fullmatch(text):
        _fail(where, f"“{value}” is not an amount; write digits with an optional decimal point, such as “90000.00”.")
    try:
        return Decimal(text)
    except InvalidOperation:
        _fail(where, f"“{value}” is not an amount.")


def _money(item: Mapping[str, Any], where: str, key: str, currency: str) -> int | None:
    """Minor units from `key` (a decimal string) and/or `key_minor`; when both are given they must agree."""
    minor_key = f"{key}_minor"
    minor = _integer(item.get(minor_key), _at(where, minor_key))
    raw = item.get(key)
    if raw is None:
        return minor
    amount = _decimal(raw, _at(where, key))
    places = currency_exponent(currency)
    scaled = amount.scaleb(places)
    if scaled != scaled.to_integral_value():
        _fail(_at(where, key), f"“{raw}” has more decimal places than {currency} allows ({places}).")
    from_amount = _integer(int(scaled), _at(where, key))
    if minor is not None and minor != from_amount:
        _fail(
            where,
            f"{key} “{raw}” and {minor_key} {minor} disagree ({amount} {currency} is {from_amount} minor units).",
        )
    return from_amount


def _locale(value: Any, where: str) -> str:
    text = _text(value, where, max_length=_length(Offer, "locale"), required=True)
    try:
        Locale.parse(text)
    except (UnknownLocaleError, ValueError, TypeError):
        _fail(where, f"“{text}” is not a locale such as en_US or de_DE.")
    return text
