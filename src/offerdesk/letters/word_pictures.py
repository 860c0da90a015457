"""Word's format pictures (`\\@ "d MMMM yyyy"`, `\\# "#,##0.00"`), read as Babel patterns and formatted in the letter's
locale, so an adopted mail-merge letter keeps the date and number layout its author chose.

A picture this module cannot read fully is never guessed at: the filters then give the value unchanged, and the
prepared copy uses the field's normal formatted value instead (mapping.expression checks word_picture_kind first).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_precision
from jinja2 import pass_context
from jinja2.runtime import Context

DEFAULT_LOCALE = "en_GB"

# Word's date letters by run length, and what Babel (CLDR) calls the same thing.
_DATE_RUNS: dict[str, dict[int, str]] = {
    "d": {1: "d", 2: "dd", 3: "EEE", 4: "EEEE"},
    "M": {1: "M", 2: "MM", 3: "MMM", 4: "MMMM"},
    "y": {1: "yy", 2: "yy", 3: "yyyy", 4: "yyyy"},
}
_NUMBER_CORE = re.compile(r"[#0][#0,]*(?:\.[#0]+)?|\.[#0]+")


def _literal(text: str) -> str:
    """Text Babel prints as it is: letters and the number signs quoted, a quote doubled."""
    return "'" + text.replace("'", "''") + "'" if text else ""


def _split_quoted(picture: str) -> list[tuple[bool, str]] | None:
    """The picture as (quoted, text) pieces; None when a quote is left open."""
    pieces: list[tuple[bool, str]] = []
    rest = picture
    while rest:
        start = rest.find("'")
        if start < 0:
            pieces.append((False, rest))
            break
        end = rest.find("'", start + 1)
        if end < 0:
            return None
        if start:
            pieces.append((False, rest[:start]))
        pieces.append((True, rest[start + 1 : end]))
        rest = rest[end + 1 :]
    return pieces


def date_pattern(picture: str) -> str | None:
    """The Babel pattern for a Word date picture, or None when it has anything but day, month, year and literals."""
    pieces = _split_quoted(picture.strip())
    if not pieces or not any(letter in picture for letter in "dMy"):
        return None
    out: list[str] = []
    literal = ""  # literal text waiting to be quoted as one piece (two quoted pieces side by side read as a quote)
    for quoted, text in pieces:
        if quoted:
            literal += text
            continue
        for run in re.finditer(r"([A-Za-z])\1*|[^A-Za-z]+", text):
            token = run.group(0)
            letter = token[0]
            if not letter.isalpha():
                literal += token
            elif letter in _DATE_RUNS:
                out += [_literal(literal), _DATE_RUNS[letter][min(len(token), 4)]]
                literal = ""
            else:
                return None  # hours, minutes, AM/PM or a letter Word would print: not a date picture we read
    return "".join([*out, _literal(literal)])


def number_pattern(picture: str) -> tuple[str, str, str] | None:
    """A Word number picture (# 0 , . with literal text around) as (text before, Babel pattern, text after)."""
    text = picture.strip()
    if ";" in text or "'" in text:
        return None  # sections for negatives/zero, quoted text: not read
    cores = list(_NUMBER_CORE.finditer(text))
    if len(cores) != 1:
        return None
    core = cores[0]
    before, after = text[: core.start()], text[core.end() :]
    if any(sign in before + after for sign in "#0123456789x"):
        return None
    return before, core.group(0), after


def word_picture_kind(picture: str) -> Literal["date", "number", ""]:
    """What a Word picture formats, when it can be read fully: "date", "number", or "" (not read)."""
    if not picture.strip():
        return ""
    if number_pattern(picture) is not None:
        return "number"
    if date_pattern(picture) is not None:
        return "date"
    return ""


def _locale(context: Context | None) -> str:
    letter = context.get("letter") if context is not None else None
    value = letter.get("locale") if isinstance(letter, dict) else None
    if isinstance(value, str) and value:
        try:
            Locale.parse(value)
            return value
        except (ValueError, UnknownLocaleError):
            pass
    return DEFAULT_LOCALE


def format_word_date(iso: Any, picture: str, locale: str = DEFAULT_LOCALE) -> str:
    """An ISO date laid out by a Word picture; the value as given when either cannot be read."""
    pattern = date_pattern(picture)
    try:
        day = iso if isinstance(iso, date) else date.fromisoformat(str(iso).strip())
    except ValueError:
        return str(iso)
    if pattern is None:
        return day.isoformat()
    return str(format_date(day, pattern, locale=locale))


def format_word_number(value: Any, picture: str, locale: str = DEFAULT_LOCALE, currency: str | None = None) -> str:
    """A number laid out by a Word picture; `currency` says the value is in that currency's minor units."""
    pattern = number_pattern(picture)
    try:
        number = Decimal(str(value).strip())
        if currency:
            number = number.scaleb(-get_currency_precision(currency))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if pattern is None or not number.is_finite():
        return str(number)
    before, core, after = pattern  # the text around is added as it is: Babel would read a % there as "times 100"
    return before + str(format_decimal(number, format=core, locale=locale)) + after


@pass_context
def word_date(context: Context, iso: Any, picture: str) -> str:
    """Template filter: `{{ offer.start_date_iso | word_date('d MMMM yyyy') }}`, in the letter's locale."""
    return format_word_date(iso, str(picture), _locale(context))


@pass_context
def word_number(context: Context, value: Any, picture: str, currency: str | None = None) -> str:
    """Template filter: `{{ offer.base_amount | word_number('#,##0.00') }}`, in the letter's locale."""
    return format_word_number(value, str(picture), _locale(context), str(currency) if currency else None)


FILTERS: dict[str, Callable[..., str]] = {"word_date": word_date, "word_number": word_number}
