"""The values a letter is filled with, built from one `OfferRecord` and formatted in the letter's own locale.

Every figure comes from `OfferTerms.pay()`, the one pay formula, so the letter says what the editor and the
comparison say. Optional terms are left out when the offer lacks them (with a has_… flag), so the strict
environment refuses a template that would print a blank where a figure should be. A term that says nothing (only
spaces, an amount never typed, a zero extra) counts as lacking: a letter never prints "Sign-on bonus of $0.00" or a
label over a blank. No database row reaches here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from offerdesk.domain.labels import label
from offerdesk.domain.money import Money
from offerdesk.domain.offer_terms import ComponentTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, OfferRecord
from offerdesk.domain.pay import Pay
from offerdesk.domain.wording import plural

DEFAULT_LOCALE = "en_US"
_PAY_FLAGS = (
    (ComponentKind.BONUS, "bonus"),
    (ComponentKind.COMMISSION, "commission"),
    (ComponentKind.SIGN_ON, "sign_on"),
    (ComponentKind.RELOCATION, "relocation"),
)


def long_date(value: date, locale: str) -> str:
    return str(format_date(value, format="long", locale=locale))


def _dated(values: dict[str, Any], key: str, value: date | None, locale: str) -> None:
    if value is not None:
        values[key] = long_date(value, locale)
        values[f"{key}_iso"] = value.isoformat()


def _text(value: str | None) -> str:
    """A typed text as a letter prints it: spaces around it (or only spaces) are nothing to print."""
    return (value or "").strip()


def _has_figure(item: ComponentTerms) -> bool:
    """An amount or a percentage other than zero; the base always counts (it is required, whatever it is)."""
    return item.kind is ComponentKind.BASE or bool(item.amount_minor) or bool(item.percent_bp)


def _amount(item: ComponentTerms, locale: str) -> str:
    """What one component's amount column says: the amount, or the percentage in words."""
    if item.amount_minor is not None:
        return Money(item.amount_minor, item.currency).format(locale)
    if item.percent_bp is not None:
        return f"{format_decimal(Decimal(item.percent_bp) / 100, locale=locale)}% of base salary"
    return ""


def _component(item: ComponentTerms, locale: str) -> dict[str, Any]:
    notes = _text(item.notes)
    if item.clawback_months:
        notes = (
            notes + "; " if notes else ""
        ) + f"repayable if you leave within {plural(item.clawback_months, 'month')}"
    values: dict[str, Any] = {
        "label": _text(item.label) or label(item.kind),
        "kind": item.kind.value,
        "amount": _amount(item, locale),
        "unit": item.unit.words,
        "notes": notes,
    }
    if item.amount_minor is not None:
        values["amount_minor"] = item.amount_minor
    return values


def pay_values(terms: OfferTerms, pay: Pay, locale: str) -> dict[str, Any]:
    """Base, variable pay, one-off amounts and the totals, each formatted in `locale`."""
    shown = [item for item in terms.components if _has_figure(item) or _text(item.notes)]
    values: dict[str, Any] = {"components": [_component(item, locale) for item in shown]}
    if pay.base_rate is not None and pay.base_unit is not None:
        values.update(base=pay.base_rate.format(locale), base_minor=pay.base_rate.minor,
                      base_amount=str(pay.base_rate.amount), base_unit=pay.base_unit.value)  # fmt: skip
    if pay.base is not None:
        values.update(base_per_year=pay.base.format(locale), base_per_year_minor=pay.base.minor)
    for kind, flag in _PAY_FLAGS:
        found = next((item for item in terms.components if item.kind is kind and _has_figure(item)), None)
        values[f"has_{flag}"] = found is not None
        if found is not None:
            values[flag] = _amount(found, locale)
            if kind is ComponentKind.SIGN_ON and found.clawback_months:
                values["sign_on_clawback_months"] = found.clawback_months
    if values["has_bonus"] and pay.has_bonus and pay.base is not None:
        values["bonus_per_year"] = pay.bonus.format(locale)
    if values["has_commission"] and pay.has_commission and pay.base is not None:
        values["commission_per_year"] = pay.commission.format(locale)
    if pay.ote is not None:
        values["ote"] = pay.ote.format(locale)
    if pay.first_year is not None and not pay.left_out:
        values["total_first_year"] = pay.first_year.format(locale)
        values["total_first_year_minor"] = pay.first_year.minor
    if pay.assumption:
        values["annualisation"] = pay.assumption
    if terms.hours_per_week is not None:
        values["hours_per_week"] = format_decimal(terms.hours_per_week.normalize(), locale=locale)
    if terms.days_per_week is not None:
        values["days_per_week"] = format_decimal(terms.days_per_week.normalize(), locale=locale)
    return values


def _equity(terms: OfferTerms, locale: str) -> dict[str, Any]:
    if not terms.equity:
        return {"has_equity": False}
    grant = terms.equity[0]
    equity: dict[str, Any] = {
        "kind": grant.kind.words,
        "units": format_decimal(grant.units, locale=locale),
        "vesting_years": f"{grant.vesting_months / 12:g}",
        "cliff_months": grant.cliff_months,
    }
    if grant.strike_minor is not None:
        equity["strike"] = Money(grant.strike_minor, grant.currency).format(locale)
    if grant.vesting_start is not None:
        equity["vesting_start"] = long_date(grant.vesting_start, locale)
    return {"has_equity": True, "equity": equity}


def offer_values(record: OfferRecord, locale: str) -> dict[str, Any]:
    terms = record.terms
    values: dict[str, Any] = {
        "id": str(record.id),
        "type": terms.offer_type.value,
        "type_label": terms.offer_type.label,
        "version": str(record.version),
        "title": _text(terms.title) or _text(record.role.title if record.role else ""),
        "level": _text(terms.level),
        "department": _text(terms.department),
        "reports_to": _text(terms.reports_to),
        "employment_type": terms.employment_type.label,
        "location": _text(terms.location),
        "currency": terms.currency,
        "pay_frequency": terms.pay_frequency.words,
        "benefits": _text(terms.benefits_note),
        "pto": _text(terms.pto_note),
        "agreements": [_text(item) for item in terms.required_agreements if _text(item)],
        "has_remote": bool(terms.remote_days),
        "has_probation": bool(terms.probation_months),
        "has_end_date": terms.end_date is not None,
        "has_contingencies": bool(terms.contingencies),
        "contingencies": [
            {"label": item.kind.label, "kind": item.kind.value, "description": _text(item.description),
             "status": item.status.value}
            for item in terms.contingencies
        ],
    }  # fmt: skip
    if terms.remote_days:
        values["remote_days"] = terms.remote_days
    if terms.probation_months:
        values["probation_months"] = terms.probation_months
    for key, value in (("prior_terms", terms.prior_terms), ("conversion_terms", terms.conversion_terms)):
        if _text(value):
            values[key] = _text(value)
    _dated(values, "start_date", terms.start_date, locale)
    _dated(values, "expires_on", terms.expires_on, locale)
    _dated(values, "end_date", terms.end_date, locale)
    _dated(values, "effective_date", terms.effective_date, locale)
    values.update(pay_values(terms, terms.pay(), locale))
    values.update(_equity(terms, locale))
    return values


def letter_context(record: OfferRecord, settings: dict[str, str], today: date) -> dict[str, Any]:
    """Everything a template may use for this offer version (see letters/fields.py), settings filling the rest."""
    locale = record.terms.locale or DEFAULT_LOCALE
    candidate, role = record.candidate, record.role
    recruiter_name = record.recruiter or settings.get("recruiter.name", "")
    values: dict[str, Any] = {
        "letter": {"date": long_date(today, locale), "date_iso": today.isoformat(), "locale": locale},
        "candidate": {"first_name": _text(candidate.first_name), "last_name": _text(candidate.last_name),
                      "full_name": " ".join(candidate.full_name.split()), "email": _text(candidate.email),
                      "location": _text(candidate.location)},
        "role": {"title": _text(role.title if role else record.terms.title),
                 "department": _text(role.department) if role else "",
                 "hiring_manager": _text(role.hiring_manager) if role else ""},
        "offer": offer_values(record, locale),
        "company": {},
        "signatory": {},
        "recruiter": {"name": recruiter_name, "first_name": recruiter_name.split(" ")[0]} if recruiter_name else {},
    }  # fmt: skip
    for key, value in settings.items():
        group, name = key.split(".", 1)
        if value:
            values.setdefault(group, {})[name] = value
    return values
