"""A date as the recruiter types it: in the interface's short date notation or ISO-8601, and nothing else.

Strict on purpose: the parts are read in the order the locale writes them (month/day in en-US, day.month in
de-DE, year first in ja-JP), each must be in range, and a two-digit year is this century's. A text that is not a
date in that notation is refused with a sentence naming the notation expected; a lenient reader would turn
“13/1/27” into January 13 in en-US, which is not what anyone typed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel.dates import format_date, get_date_format

from offerdesk.errors import ValidationError

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTS = re.compile(r"\d+")
_NOT_A_DATE = re.compile(r"[^\d\s./\-,年月日]")  # digits and the separators short dates use, nothing else


@lru_cache(maxsize=32)
def _order(locale: str) -> tuple[str, ...]:
    """The order of year (y), month (M) and day (d) in the locale's short date pattern, e.g. ("M", "d", "y")."""
    pattern = get_date_format("short", locale=locale).pattern
    order: list[str] = []
    for char in pattern:
        if char in "yMd" and char not in order:
            order.append(char)
    return tuple(order) if len(order) == 3 else ("y", "M", "d")


@lru_cache(maxsize=32)
def date_hint(locale: str) -> str:
    """The notation a date field expects, for its placeholder: “M/d/yy or 2027-02-01”."""
    return f"{get_date_format('short', locale=locale).pattern} or YYYY-MM-DD"


def typed_date_text(value: date | None, locale: str) -> str:
    """A date written the way the field reads it back (the locale's short notation)."""
    return "" if value is None else str(format_date(value, format="short", locale=locale))


def parse_typed_date(text: str, locale: str) -> date | None:
    """The date typed (None for an empty field); ValidationError when it is not one in the expected notation."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        if _ISO.match(cleaned):
            return date.fromisoformat(cleaned)
        parts = _PARTS.findall(cleaned)
        if len(parts) != 3 or _NOT_A_DATE.search(cleaned):
            raise ValueError
        values = dict(zip(_order(locale), (int(part) for part in parts), strict=True))
        year = values["y"] + 2000 if len(parts[_order(locale).index("y")]) <= 2 else values["y"]
        return date(year, values["M"], values["d"])
    except ValueError:
        raise ValidationError(f"“{cleaned}” is not a date; type it as {date_hint(locale)}.") from None
