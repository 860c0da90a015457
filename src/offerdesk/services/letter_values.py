"""The values a letter is filled with, built from an offer and formatted in the letter's own locale.

Optional terms are left out when the offer lacks them (with a has_… flag), so the strict environment refuses a
template that would print a blank where a figure should be.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal
from sqlalchemy.orm import Session, selectinload

from offerdesk.domain.clock import today
from offerdesk.domain.money import Money
from offerdesk.domain.offers import ComponentKind, PayUnit
from offerdesk.errors import NotFoundError
from offerdesk.storage.tables import Offer, OfferComponent, OfferVersion

_UNIT_WORDS = {
    PayUnit.YEAR: "per year",
    PayUnit.MONTH: "per month",
    PayUnit.DAY: "per day",
    PayUnit.HOUR: "per hour",
    PayUnit.ONCE: "one-off",
}
_EMPLOYMENT = {
    "full_time": "Full-time, permanent",
    "part_time": "Part-time, permanent",
    "fixed_term": "Fixed-term",
    "contract": "Contract",
    "contract_to_hire": "Contract-to-hire",
}
_CONTINGENCY_LABELS = {
    "background": "Background check",
    "references": "Reference check",
    "right_to_work": "Right-to-work check",
    "drug_test": "Drug test",
    "licence": "Licence verification",
}


def _day(value: date, locale: str) -> str:
    return str(format_date(value, format="long", locale=locale))


def _money(minor: int, currency: str, locale: str) -> str:
    return Money(minor, currency).format(locale)


def _dated(values: dict[str, Any], key: str, value: date | None, locale: str) -> None:
    if value is not None:
        values[key] = _day(value, locale)
        values[f"{key}_iso"] = value.isoformat()


def _component(item: OfferComponent, base_minor: int | None, locale: str) -> dict[str, Any]:
    if item.amount_minor is not None:
        amount = _money(item.amount_minor, item.currency, locale)
    elif item.percent_bp is not None:
        percent = format_decimal(Decimal(item.percent_bp) / 100, locale=locale)
        amount = f"{percent}% of base salary"
    else:
        amount = ""
    notes = item.notes
    if item.clawback_months:
        notes = (notes + "; " if notes else "") + f"repayable if you leave within {item.clawback_months} months"
    values: dict[str, Any] = {
        "label": item.label or item.kind.value.replace("_", " ").capitalize(),
        "kind": item.kind.value,
        "amount": amount,
        "unit": _UNIT_WORDS[item.unit],
        "notes": notes,
    }
    if item.amount_minor is not None:
        values["amount_minor"] = item.amount_minor
    return values


def _pay(version: OfferVersion, locale: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    by_kind: dict[ComponentKind, OfferComponent] = {}
    for component in version.components:
        by_kind.setdefault(component.kind, component)
    base = by_kind.get(ComponentKind.BASE)
    base_minor = base.amount_minor if base else None
    if base is not None and base.amount_minor is not None:
        money = Money(base.amount_minor, base.currency)
        values.update(base=money.format(locale), base_minor=base.amount_minor, base_amount=str(money.amount),
                      base_unit=base.unit.value)  # fmt: skip
    components = [_component(item, base_minor, locale) for item in version.components]
    values["components"] = components
    first_year = base_minor or 0
    currency = base.currency if base else ""
    for kind, flag in ((ComponentKind.BONUS, "bonus"), (ComponentKind.COMMISSION, "commission"),
                       (ComponentKind.SIGN_ON, "sign_on"), (ComponentKind.RELOCATION, "relocation")):  # fmt: skip
        found = by_kind.get(kind)
        values[f"has_{flag}"] = found is not None
        if found is None:
            continue
        item = found
        values[flag] = _component(item, base_minor, locale)["amount"]
        if item.amount_minor is not None and item.currency == currency and kind is not ComponentKind.RELOCATION:
            first_year += item.amount_minor
        elif item.percent_bp is not None and base_minor is not None:
            first_year += base_minor * item.percent_bp // 10_000
        if kind is ComponentKind.SIGN_ON and item.clawback_months:
            values["sign_on_clawback_months"] = item.clawback_months
        if kind is ComponentKind.COMMISSION and base_minor is not None and item.amount_minor is not None:
            values["ote"] = _money(base_minor + item.amount_minor, item.currency, locale)
    if base_minor is not None and currency:
        values["total_first_year"] = _money(first_year, currency, locale)
    return values


def _equity(version: OfferVersion, locale: str) -> dict[str, Any]:
    if not version.equity:
        return {"has_equity": False}
    grant = version.equity[0]
    equity: dict[str, Any] = {
        "kind": "stock options" if grant.kind == "options" else "restricted stock units",
        "units": format_decimal(grant.units, locale=locale),
        "vesting_years": f"{grant.vesting_months / 12:g}",
        "cliff_months": grant.cliff_months,
    }
    if grant.strike_minor is not None:
        equity["strike"] = _money(grant.strike_minor, grant.currency, locale)
    if grant.vesting_start is not None:
        equity["vesting_start"] = _day(grant.vesting_start, locale)
    return {"has_equity": True, "equity": equity}


def letter_values(session: Session, offer_id: int, settings: dict[str, str]) -> dict[str, Any]:
    """Everything a template may use for this offer's current version (see letters/fields.py)."""
    offer = session.get(
        Offer,
        offer_id,
        options=[selectinload(Offer.versions).selectinload(OfferVersion.components),
                 selectinload(Offer.versions).selectinload(OfferVersion.equity)],
    )  # fmt: skip
    if offer is None:
        raise NotFoundError(f"There is no offer with id {offer_id}.")
    if not offer.versions:
        raise NotFoundError(f"Offer {offer_id} has no terms yet.")
    version = offer.versions[-1]
    locale = offer.locale or "en_US"
    candidate, role = offer.candidate, offer.role
    values_offer: dict[str, Any] = {
        "id": str(offer.id),
        "type": offer.offer_type.value,
        "type_label": offer.offer_type.label,
        "version": str(version.number),
        "title": version.title or (role.title if role else ""),
        "level": version.level,
        "department": version.department,
        "reports_to": version.reports_to,
        "employment_type": _EMPLOYMENT.get(version.employment_type, version.employment_type.replace("_", " ")),
        "location": version.location,
        "currency": offer.currency,
        "pay_frequency": version.pay_frequency,
        "benefits": version.benefits_note,
        "pto": version.pto_note,
        "agreements": list(version.required_agreements or []),
        "has_remote": bool(version.remote_days),
        "has_probation": bool(version.probation_months),
        "has_end_date": version.end_date is not None,
        "has_contingencies": bool(offer.contingencies),
        "contingencies": [
            {"label": _CONTINGENCY_LABELS.get(item.kind, item.kind.replace("_", " ").capitalize()),
             "kind": item.kind, "description": item.description, "status": item.status}
            for item in offer.contingencies
        ],
    }  # fmt: skip
    if version.remote_days:
        values_offer["remote_days"] = version.remote_days
    if version.probation_months:
        values_offer["probation_months"] = version.probation_months
    for key, value in (("prior_terms", version.prior_terms), ("conversion_terms", version.conversion_terms)):
        if value:
            values_offer[key] = value
    _dated(values_offer, "start_date", version.start_date, locale)
    _dated(values_offer, "expires_on", offer.expires_on, locale)
    _dated(values_offer, "end_date", version.end_date, locale)
    _dated(values_offer, "effective_date", version.effective_date, locale)
    values_offer.update(_pay(version, locale))
    values_offer.update(_equity(version, locale))
    recruiter_name = offer.recruiter or settings.get("recruiter.name", "")
    values: dict[str, Any] = {
        "letter": {"date": _day(today(), locale), "date_iso": today().isoformat(), "locale": locale},
        "candidate": {"first_name": candidate.first_name, "last_name": candidate.last_name,
                      "full_name": f"{candidate.first_name} {candidate.last_name}".strip(),
                      "email": candidate.email, "location": candidate.location},
        "role": {"title": role.title if role else version.title, "department": role.department if role else "",
                 "hiring_manager": role.hiring_manager if role else ""},
        "offer": values_offer,
        "company": {},
        "signatory": {},
        "recruiter": {"name": recruiter_name, "first_name": recruiter_name.split(" ")[0]} if recruiter_name else {},
    }  # fmt: skip
    for key, value in settings.items():
        group, name = key.split(".", 1)
        if value:
            values.setdefault(group, {})[name] = value
    return values
