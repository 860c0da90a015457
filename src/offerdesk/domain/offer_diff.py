"""Compare and check offer terms: what changed between two versions, and what stops a version being saved.

Pure functions over OfferTerms, so the editor, the services and the CLI all describe a change the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from babel.numbers import format_decimal

from offerdesk.domain import labels
from offerdesk.domain.money import Money, check_currency
from offerdesk.domain.offer_terms import (
    FIELD_LABELS,
    ComponentTerms,
    ContingencyTerms,
    EquityTerms,
    OfferTerms,
    field_names,
)
from offerdesk.domain.offers import ComponentKind, PayUnit
from offerdesk.domain.pay import MAX_DAYS_PER_WEEK, MAX_HOURS_PER_WEEK, RECURRING
from offerdesk.domain.text_rules import text_problem
from offerdesk.domain.wording import plural
from offerdesk.errors import ValidationError

EMPTY = "—"
MAX_REMOTE_DAYS = 7
MAX_PROBATION_MONTHS = 24


@dataclass(frozen=True)
class FieldChange:
    """One line of a diff, already worded for a recruiter: "Base salary: €90,000.00 → €95,000.00"."""

    field: str
    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: {self.before} → {self.after}"


def _kind_label(kind: ComponentKind) -> str:
    return labels.label(kind)


def key_field_names() -> tuple[str, ...]:
    """Every name an installation may list as a key field: OfferTerms fields plus component kinds."""
    return (*field_names(), *(kind.value for kind in ComponentKind if kind.value not in field_names()))


def key_field_label(name: str) -> str:
    """The words a recruiter sees for a key field ("base" → "Base salary")."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    try:
        return _kind_label(ComponentKind(name))
    except ValueError:
        return name


def check_key_fields(names: Iterable[str]) -> tuple[str, ...]:
    """Normalised, de-duplicated key-field names, each given as its name or its words ("sign_on" or "Sign-on
    bonus"), or a ValidationError naming the unknown ones."""
    allowed = key_field_names()
    by_words = {key_field_label(name).casefold(): name for name in allowed}
    chosen: list[str] = []
    unknown: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        name = by_words.get(raw.strip().casefold(), name)
        if name not in allowed:
            unknown.append(raw.strip())
        elif name not in chosen:
            chosen.append(name)
    if unknown:
        words = ", ".join(key_field_label(name) for name in allowed)
        raise ValidationError(f"{', '.join(f'“{n}”' for n in unknown)} cannot be a key field; use any of: {words}.")
    return tuple(chosen)


# --- rendering values -------------------------------------------------------------------------------------------


def _text(value: object) -> str:
    """One value as the diff shows it: dates ISO, booleans Yes/No, nothing as a dash."""
    if value is None or value == "" or value == ():
        return EMPTY
    if isinstance(value, Enum):
        return labels.label(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _money(minor: int | None, currency: str, locale: str) -> str:
    if minor is None:
        return EMPTY
    try:
        return Money(minor, currency).format(locale)
    except Exception:  # an unknown currency or locale still has to be shown, if plainly
        return f"{minor} {currency} (minor units)"


def _percent(basis_points: int, locale: str) -> str:
    return f"{format_decimal(Decimal(basis_points) / 100, locale=locale)}% of base"


def _component_amount(item: ComponentTerms, locale: str) -> str:
    if item.amount_minor is None and item.percent_bp is not None:
        return _percent(item.percent_bp, locale)
    return _money(item.amount_minor, item.currency, locale)


def _component_full(item: ComponentTerms, locale: str) -> str:
    """The amount plus the details that only matter when the amount itself did not change."""
    parts = [_component_amount(item, locale)]
    if item.amount_minor is not None and item.percent_bp is not None:
        parts.append(_percent(item.percent_bp, locale))
    parts.append("once" if item.unit is PayUnit.ONCE else item.unit.words)
    if item.clawback_months is not None:
        parts.append(f"repayable within {plural(item.clawback_months, 'month')}")
    if item.label:
        parts.append(f"“{item.label}”")
    if item.notes:
        parts.append(item.notes)
    return ", ".join(parts)


def _equity_text(grant: EquityTerms, locale: str) -> str:
    units = format_decimal(grant.units, locale=locale)
    parts = [f"{units} {grant.kind.short}"]
    if grant.strike_minor is not None:
        parts.append(f"strike {_money(grant.strike_minor, grant.currency, locale)}")
    if grant.assumed_value_minor is not None:
        parts.append(f"assumed {_money(grant.assumed_value_minor, grant.currency, locale)} each")
    if grant.vesting_start is not None:
        parts.append(f"vesting from {grant.vesting_start.isoformat()}")
    parts.append(f"over {plural(grant.vesting_months, 'month')}, {grant.cliff_months}-month cliff")
    if grant.exercise_window_days is not None:
        parts.append(f"{grant.exercise_window_days}-day exercise window")
    return ", ".join(parts)


def _contingency_text(item: ContingencyTerms) -> str:
    return f"{item.description} ({item.status})" if item.description else item.status


# --- diff -------------------------------------------------------------------------------------------------------


def _keyed_components(items: tuple[ComponentTerms, ...]) -> dict[tuple[ComponentKind, int], ComponentTerms]:
    """Components keyed by kind and occurrence, so two "other" lines are compared pairwise, not crosswise."""
    seen: dict[ComponentKind, int] = {}
    keyed: dict[tuple[ComponentKind, int], ComponentTerms] = {}
    for item in items:
        index = seen.get(item.kind, 0)
        seen[item.kind] = index + 1
        keyed[(item.kind, index)] = item
    return keyed


def _component_changes(old: OfferTerms, new: OfferTerms, locale: str) -> list[FieldChange]:
    before, after = _keyed_components(old.components), _keyed_components(new.components)
    order = list(before) + [key for key in after if key not in before]
    changes = []
    for key in order:
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        kind, index = key
        label = (b.label if b and b.label else "") or (a.label if a and a.label else "") or _kind_label(kind)
        name = f"components.{kind.value}" + (f".{index + 1}" if index else "")
        if a is not None and b is not None:
            short_a, short_b = _component_amount(a, locale), _component_amount(b, locale)
            if short_a == short_b:
                short_a, short_b = _component_full(a, locale), _component_full(b, locale)
            changes.append(FieldChange(name, label, short_a, short_b))
        else:
            changes.append(
                FieldChange(
                    name,
                    label,
                    _component_full(a, locale) if a else EMPTY,
                    _component_full(b, locale) if b else EMPTY,
                )
            )
    return changes


def _equity_changes(old: OfferTerms, new: OfferTerms, locale: str) -> list[FieldChange]:
    changes = []
    count = max(len(old.equity), len(new.equity))
    for index in range(count):
        a = old.equity[index] if index < len(old.equity) else None
        b = new.equity[index] if index < len(new.equity) else None
        if a == b:
            continue
        label = FIELD_LABELS["equity"] + (f" (grant {index + 1})" if count > 1 else "")
        changes.append(
            FieldChange(
                f"equity.{index + 1}",
                label,
                _equity_text(a, locale) if a else EMPTY,
                _equity_text(b, locale) if b else EMPTY,
            )
        )
    return changes


def _contingency_changes(old: OfferTerms, new: OfferTerms) -> list[FieldChange]:
    def keyed(items: tuple[ContingencyTerms, ...]) -> dict[tuple[str, int], ContingencyTerms]:
        seen: dict[str, int] = {}
        result: dict[tuple[str, int], ContingencyTerms] = {}
        for item in items:
            index = seen.get(item.kind, 0)
            seen[item.kind] = index + 1
            result[(item.kind, index)] = item
        return result

    before, after = keyed(old.contingencies), keyed(new.contingencies)
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        a, b = before.get(key), after.get(key)
        if a == b:
            continue
        kind, index = key
        suffix = f" {index + 1}" if index else ""
        changes.append(
            FieldChange(
                f"contingencies.{kind}" + (f".{index + 1}" if index else ""),
                f"Contingency: {kind.replace('_', ' ')}{suffix}",
                _contingency_text(a) if a else EMPTY,
                _contingency_text(b) if b else EMPTY,
            )
        )
    return changes


def diff_terms(old: OfferTerms, new: OfferTerms, locale: str = "en_US") -> list[FieldChange]:
    """Every difference, in the editor's field order; money in `locale` so the recruiter reads familiar amounts."""
    changes: list[FieldChange] = []
    for name, label in FIELD_LABELS.items():
        if name == "components":
            changes.extend(_component_changes(old, new, locale))
        elif name == "equity":
            changes.extend(_equity_changes(old, new, locale))
        elif name == "contingencies":
            changes.extend(_contingency_changes(old, new))
        else:
            before, after = getattr(old, name), getattr(new, name)
            if before != after:
                changes.append(FieldChange(name, label, _text(before), _text(after)))
    return changes


def _key_value(terms: OfferTerms, name: str) -> object:
    if name in field_names():
        return getattr(terms, name)
    kind = ComponentKind(name)
    return tuple(item for item in terms.components if item.kind is kind)


def changed_key_fields(old: OfferTerms, new: OfferTerms, key_fields: Iterable[str]) -> set[str]:
    """The key fields that differ: component kinds ("base", "sign_on") compare those components, the rest fields."""
    return {name for name in key_fields if _key_value(old, name) != _key_value(new, name)}


# --- validation -------------------------------------------------------------------------------------------------


def _rate_problems(terms: OfferTerms) -> list[tuple[str, str]]:
    """An hourly or day rate needs the hours or days per week it is annualised with; both must be plausible."""
    problems: list[tuple[str, str]] = []
    for name, value, most, what in (("hours_per_week", terms.hours_per_week, MAX_HOURS_PER_WEEK, "Hours"),
                                    ("days_per_week", terms.days_per_week, MAX_DAYS_PER_WEEK, "Days")):  # fmt: skip
        if value is not None and not 0 < value <= most:
            problems.append((name, f"{what} per week must be more than 0 and at most {most}, not {value}."))
    units = {item.unit for item in terms.components if item.kind in RECURRING}
    if PayUnit.HOUR in units and terms.hours_per_week is None:
        problems.append(
            ("hours_per_week", "Pay is per hour: give the hours per week, so the yearly pay can be worked out.")
        )
    if PayUnit.DAY in units and terms.days_per_week is None:
        problems.append(
            ("days_per_week", "Pay is per day: give the days per week, so the yearly pay can be worked out.")
        )
    return problems


def _text_problems(item: object, where: str = "") -> list[tuple[str, str]]:
    """Control characters and invalid text in any text of the terms, components and contingencies included."""
    problems: list[tuple[str, str]] = []
    for spec in dataclasses.fields(item):  # type: ignore[arg-type]
        value = getattr(item, spec.name)
        name = f"{where}.{spec.name}" if where else spec.name
        values = value if isinstance(value, tuple) else (value,)
        for index, part in enumerate(values, start=1):
            if isinstance(part, str):
                problem = text_problem(part, name.replace("_", " ").capitalize(), multiline=True)
                if problem:
                    problems.append((name, problem))
            elif dataclasses.is_dataclass(part):
                problems.extend(_text_problems(part, f"{name}.{index}"))
    return problems


def validate_terms(terms: OfferTerms) -> list[tuple[str, str]]:
    """Problems as (field, sentence): everything wrong at once, so the editor can mark each field."""
    problems: list[tuple[str, str]] = []
    currency = terms.currency.strip().upper()
    try:
        check_currency(terms.currency)
    except ValidationError as error:
        problems.append(("currency", str(error)))
    base = terms.component(ComponentKind.BASE)
    if base is None:
        problems.append(("components.base", "The offer has no base salary; add one."))
    elif base.amount_minor is None:
        problems.append(("components.base", "The base salary needs an amount."))
    for item in terms.components:
        name = f"components.{item.kind.value}"
        label = item.label or _kind_label(item.kind)
        if item.amount_minor is not None and item.amount_minor < 0:
            problems.append((name, f"{label} is negative; amounts in an offer are never negative."))
        if item.percent_bp is not None and item.percent_bp < 0:
            problems.append((name, f"{label} has a negative percentage."))
        if item.clawback_months is not None and item.clawback_months < 0:
            problems.append((name, f"{label} has a negative clawback period."))
        if item.currency.strip().upper() != currency:
            problems.append(
                (name, f"{label} is in {item.currency}, but the offer is in {terms.currency}; use one currency.")
            )
    problems.extend(_rate_problems(terms))
    if terms.remote_days is not None and not 0 <= terms.remote_days <= MAX_REMOTE_DAYS:
        problems.append(("remote_days", f"Remote days per week must be between 0 and 7, not {terms.remote_days}."))
    if terms.probation_months is not None and not 0 <= terms.probation_months <= MAX_PROBATION_MONTHS:
        problems.append(("probation_months", f"Probation must be 0 to 24 months, not {terms.probation_months}."))
    if terms.start_date is not None and terms.end_date is not None and terms.end_date < terms.start_date:
        problems.append(
            (
                "end_date",
                f"The end date {terms.end_date.isoformat()} is before the start date {terms.start_date.isoformat()}.",
            )
        )
    problems.extend(_text_problems(terms))
    for index, grant in enumerate(terms.equity, start=1):
        name = f"equity.{index}"
        if grant.units < 1:
            problems.append((name, f"Equity grant {index} needs at least 1 unit, not {grant.units}."))
        for what, value in (("strike price", grant.strike_minor), ("assumed value", grant.assumed_value_minor)):
            if value is not None and value < 0:
                problems.append((name, f"Equity grant {index} has a negative {what}."))
    return problems


__all__ = [
    "FieldChange",
    "changed_key_fields",
    "check_key_fields",
    "diff_terms",
    "key_field_label",
    "key_field_names",
    "validate_terms",
]
