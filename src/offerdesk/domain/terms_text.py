"""The offer terms as the editor's "raw" texts and back: amounts and counts in the interface's notation.

The terms form keeps its state as raw texts (a plain dict of strings, ints and tuples), so an undo command can
snapshot the whole form, and `raw_to_terms` turns the texts into an OfferTerms or the sentences saying why not.
Pure Python, so the parsing is tested without a window.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from offerdesk.domain.money import Money, check_currency, currency_exponent
from offerdesk.domain.offer_terms import ComponentTerms, ContingencyTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, EquityKind, OfferType, PayUnit
from offerdesk.errors import ValidationError

Raw = dict[str, Any]
NO_EQUITY: tuple[Any, ...] = (False, EquityKind.RSU.value, 0, "", "", 48, 12, "", -1)


# --- OfferTerms → raw texts --------------------------------------------------------------------------------------


def money_text(minor: int | None, currency: str, locale: str) -> str:
    """An amount in the interface notation, with the currency's own decimals and no symbol ("90,000.00")."""
    if minor is None:
        return ""
    places = currency_exponent(currency)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(Money(minor, currency).amount, format=pattern, locale=locale))


def percent_text(basis_points: int | None, locale: str) -> str:
    if basis_points is None:
        return ""
    return str(format_decimal(Decimal(basis_points).scaleb(-2), locale=locale))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _count(value: int | None) -> int:
    return -1 if value is None else value


def count_text(value: Decimal | None, locale: str) -> str:
    """Hours or days per week in the interface notation ("37.5", "37,5"), or "" for none."""
    return "" if value is None else str(format_decimal(value.normalize(), locale=locale))


def terms_to_raw(terms: OfferTerms, locale: str) -> Raw:
    cur = terms.currency
    raw: Raw = {
        "offer_type": terms.offer_type.value, "currency": cur, "locale": terms.locale,
        "employment_type": terms.employment_type.value, "pay_frequency": terms.pay_frequency.value,
        "hours_per_week": count_text(terms.hours_per_week, locale),
        "days_per_week": count_text(terms.days_per_week, locale),
        "exempt": "" if terms.exempt is None else ("yes" if terms.exempt else "no"),
        "remote_days": _count(terms.remote_days), "probation_months": _count(terms.probation_months),
        "required_agreements": "\n".join(terms.required_agreements),
    }  # fmt: skip
    for name in ("expires_on", "start_date", "end_date", "effective_date"):
        raw[name] = _day(getattr(terms, name))
    for name in ("title", "level", "department", "reports_to", "location", "benefits_note", "pto_note",
                 "conversion_terms", "prior_terms", "delivered_by"):  # fmt: skip
        raw[name] = getattr(terms, name)
    raw["components"] = tuple(
        (c.kind.value, c.label, money_text(c.amount_minor, cur, locale), c.unit.value,
         percent_text(c.percent_bp, locale), "" if c.clawback_months is None else str(c.clawback_months), c.notes)
        for c in terms.components
    )  # fmt: skip
    raw["equity"] = NO_EQUITY
    if terms.equity:
        e = terms.equity[0]
        raw["equity"] = (True, e.kind.value, e.units, money_text(e.strike_minor, cur, locale),
                         money_text(e.assumed_value_minor, cur, locale), e.vesting_months, e.cliff_months,
                         _day(e.vesting_start), _count(e.exercise_window_days))  # fmt: skip
    raw["contingencies"] = tuple((c.kind.value, c.description, c.status.value) for c in terms.contingencies)
    return raw


# --- raw texts → OfferTerms --------------------------------------------------------------------------------------


def _optional(value: int) -> int | None:
    return None if value < 0 else value


def _date(text: str, what: str = "Date") -> date | None:
    """A date field's value: ISO-8601 from a valid field, "" for none; anything else is what the user typed and
    could not be read (the field says so too), and stops the save."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{what}: “{text}” is not a date.") from None


def _percent(text: str, locale: str) -> int | None:
    if not text.strip():
        return None
    try:
        value = parse_decimal(text.strip(), locale=locale, strict=True).scaleb(2)
    except (NumberFormatError, InvalidOperation, ValueError):
        value = Decimal("NaN")
    if value.is_nan() or value < 0 or value != value.to_integral_value():
        raise ValidationError(f"“{text}” is not a percentage in {locale.replace('_', '-')} notation.")
    return int(value)


def _whole(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise ValidationError(f"“{text}” is not a whole number of months.")
    return int(text.strip())


def _per_week(text: str, locale: str, what: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = parse_decimal(text.strip(), locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        value = Decimal("NaN")
    if value.is_nan() or value <= 0:
        raise ValidationError(f"“{text}” is not a number of {what} in {locale.replace('_', '-')} notation.")
    return value


def _money(text: str, currency: str, locale: str, offer_locale: str | None = None) -> int | None:
    return Money.parse(text, currency, locale, offer_locale).minor if text.strip() else None


def _component(
    number: int, row: tuple[str, ...], currency: str, locale: str, offer_locale: str | None = None
) -> tuple[ComponentTerms | None, list[str]]:
    """One compensation row, or the sentences naming the row, the column and the reason."""
    kind, label, amount, unit, percent, clawback, notes = row
    problems, values = [], {}
    try:
        values["percent_bp"] = _percent(percent, locale)
    except ValidationError as error:
        problems.append(f"Row {number} percent of base: {error}")
    try:
        values["clawback_months"] = _whole(clawback)
    except ValidationError as error:
        problems.append(f"Row {number} clawback months: {error}")
    try:  # only a bonus given as a percent of base may leave the amount empty
        percent_bonus = kind == ComponentKind.BONUS.value and bool(percent.strip()) and not amount.strip()
        values["amount_minor"] = None if percent_bonus else Money.parse(amount, currency, locale, offer_locale).minor
    except ValidationError as error:
        problems.append(f"Row {number} amount: {error}")
    if problems:
        return None, problems
    return ComponentTerms(ComponentKind(kind), label, currency=currency, unit=PayUnit(unit), notes=notes,
                          **values), []  # fmt: skip


def raw_to_terms(raw: Raw, base: OfferTerms | None, locale: str) -> tuple[OfferTerms | None, list[str]]:
    """The terms the raw texts describe, or None and the sentences that say what is wrong."""
    problems: list[str] = []
    try:
        currency = check_currency(raw["currency"])
    except ValidationError as error:
        return None, [f"Currency: {error}"]
    components = []
    for number, row in enumerate(raw["components"], 1):
        component, wrong = _component(number, row, currency, locale, raw.get("locale") or None)
        problems += wrong
        if component is not None:
            components.append(component)
    equity: tuple[EquityTerms, ...] = base.equity[1:] if base else ()
    has, kind, units, strike, assumed, vesting, cliff, start, window = raw["equity"]
    if has:
        try:
            offer_locale = raw.get("locale") or None
            strike_minor = _money(strike, currency, locale, offer_locale)
            value_minor = _money(assumed, currency, locale, offer_locale)
            vesting_start = _date(start, "Vesting start")
            grant = EquityTerms(kind, units, currency, strike_minor, value_minor, vesting_start, vesting, cliff,
                                _optional(window))  # fmt: skip
            equity = (grant, *equity)
        except ValidationError as error:
            problems.append(f"Equity: {error}")
    per_week: Raw = {}
    for name, what in (("hours_per_week", "hours"), ("days_per_week", "days")):
        try:
            per_week[name] = _per_week(raw[name], locale, what)
        except ValidationError as error:
            problems.append(f"{what.capitalize()} per week: {error}")
    if problems:
        return None, problems
    changes: Raw = {name: raw[name] for name in ("locale", "employment_type", "pay_frequency", "title", "level",
                    "department", "reports_to", "location", "benefits_note", "pto_note", "conversion_terms",
                    "prior_terms", "delivered_by")}  # fmt: skip
    for name in ("expires_on", "start_date", "end_date", "effective_date"):
        try:
            changes[name] = _date(raw[name], name.replace("_", " ").capitalize())
        except ValidationError as error:
            problems.append(str(error))
    if problems:
        return None, problems
    agreements = tuple(line.strip() for line in raw["required_agreements"].splitlines() if line.strip())
    terms = (base or OfferTerms(OfferType(raw["offer_type"]), currency)).with_changes(
        offer_type=OfferType(raw["offer_type"]), currency=currency,
        exempt={"yes": True, "no": False}.get(raw["exempt"]),
        remote_days=_optional(raw["remote_days"]), probation_months=_optional(raw["probation_months"]),
        required_agreements=agreements, components=tuple(components), equity=equity,
        contingencies=tuple(ContingencyTerms(*row) for row in raw["contingencies"]), **changes, **per_week,
    )  # fmt: skip
    return terms, []
