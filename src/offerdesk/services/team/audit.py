"""An offer's audit history in plain words: who changed what, when, from what to what.

The log stores column names and stored values (storage/audit_hook.py, pg_audit.py); here they become field labels
and amounts written in the reader's locale, in the offer's currency.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.numbers import UnknownCurrencyError
from sqlalchemy import select

from offerdesk.domain.candidates import CounterofferRisk, Stage
from offerdesk.domain.labels import approval_label, code_label, humanize, reason_label
from offerdesk.domain.money import Money
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.errors import NotFoundError
from offerdesk.storage.audit_table import AuditEntry
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Offer

THINGS = {
    "offers": "the offer",
    "offer_versions": "version",
    "offer_components": "pay line",
    "equity_grants": "equity grant",
    "contingencies": "contingency",
    "approvals": "approval",
    "offer_status_events": "status change",
    "letter_exports": "letter",
    "candidates": "the candidate",
    "preclose_profiles": "the candidate's profile",
    "competing_offers": "competing offer",
    "pay_bands": "pay band",
    "roles": "the role",
}
VERBS = {"insert": "added", "update": "changed", "delete": "removed", "forget": "forgot"}
LABELS = {
    "amount_minor": "Amount",
    "base_minor": "Base",
    "bonus_minor": "Bonus",
    "sign_on_minor": "Sign-on",
    "equity_annual_minor": "Equity per year",
    "strike_minor": "Strike price",
    "assumed_value_minor": "Assumed value",
    "min_minor": "Band minimum",
    "mid_minor": "Band midpoint",
    "max_minor": "Band maximum",
    "expected_pay_minor": "Expected pay",
    "percent_bp": "Percent",
    "hours_per_week_hundredths": "Hours per week",
    "days_per_week_hundredths": "Days per week",
    "voided": "Voided",
    "approver_name": "Approver",
    "to_status": "To status",
    "from_status": "From status",
}
_HIDDEN = frozenset({"id", "offer_id", "version_id", "candidate_id", "row_version", "updated_at", "search_text"})
_ADDED_UNSHOWN = frozenset({"is_demo", "created_at", "status_changed_at", "at", "position", "number", "label"})
_NAMES = {  # the field that names a row of each table, where one does
    "offer_versions": "number",
    "offer_components": "label",
    "equity_grants": "kind",
    "approvals": "approver_name",
    "offer_status_events": "to_status",
    "competing_offers": "company",
    "roles": "title",
    "contingencies": "kind",
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def words(self) -> str:
        if not self.old:
            return f"{self.label}: {self.new}"
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class AuditLine:
    """One change, as the history shows it: “21:40 anna changed pay line “Base salary”: Amount $1 → $2”."""

    at: datetime
    who: str
    what: str
    fields: tuple[FieldChange, ...]

    @property
    def words(self) -> str:
        details = "; ".join(change.words for change in self.fields)
        return f"{self.what}: {details}" if details else self.what


_ENUMS: dict[str, type[enum.Enum]] = {
    "status": OfferStatus,
    "from_status": OfferStatus,
    "to_status": OfferStatus,
    "offer_type": OfferType,
    "unit": PayUnit,
    "stage": Stage,
    "counteroffer_risk": CounterofferRisk,
}
_CODED = frozenset({"employment_type", "pay_frequency", "kind"})  # codes without an enum of labels: in plain words


def _words_of_code(column: str, table: str, value: str) -> str | None:
    """A stored code as the words the window shows for it elsewhere; None for a value that is not a code."""
    if column == "kind" and table == "offer_components":
        return code_label(ComponentKind, value)
    if column in _ENUMS:
        return code_label(_ENUMS[column], value)
    if column in ("reason_code", "decision_reason"):
        return reason_label(value)
    if column == "decision":
        return approval_label(value)
    if column in _CODED:
        return humanize(value)
    return None


def field_label(column: str) -> str:
    if column in LABELS:
        return LABELS[column]
    return humanize(column.removesuffix("_minor").removesuffix("_on").removesuffix("_at"))


def shown(column: str, value: Any, currency: str, locale: str, table: str = "") -> str:
    """A stored value in plain words: amounts as money, flags as yes/no, codes as words."""
    if value is None or value == "":
        return "(empty)" if value == "" else ""
    if isinstance(value, str) and (words := _words_of_code(column, table, value)) is not None:
        return words
    if isinstance(value, bool):
        return "yes" if value else "no"
    if column.endswith("_minor") and isinstance(value, int) and currency:
        try:
            return Money(value, currency).format(locale)
        except (UnknownCurrencyError, ValueError):
            return f"{value} {currency}"
    if column == "percent_bp" and isinstance(value, int):
        return f"{value / 100:g} %"
    if column.endswith("_hundredths") and isinstance(value, int):
        return f"{value / 100:g}"
    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
        return value[:16].replace("T", " ")  # a time: to the minute
    if isinstance(value, list | dict):
        return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return str(value)


@dataclass(frozen=True)
class _Entry:
    at: datetime
    actor: str
    table_name: str
    action: str
    changes: dict[str, Any]


# A save writes a version's pay lines and grants afresh (delete, then insert): the pair is one change to a line.
_REWRITTEN = {"offer_components": ("version_id", "position"), "equity_grants": ("version_id", "kind")}


def _old(entry: _Entry, key: str) -> Any:
    pair = entry.changes.get(key) or [None, None]
    return pair[0] if entry.action == "delete" else pair[1]


_PAIRED_WITHIN = 5.0  # seconds: a rewrite happens in one save


def _merged(removed: _Entry, added: _Entry) -> _Entry | None:
    """One pay line or grant rewritten by a save: what differs between the old row and the new; None if nothing."""
    old = {key: pair[0] for key, pair in removed.changes.items()}
    new = {key: pair[1] for key, pair in added.changes.items()}
    changes = {
        key: [old.get(key), new.get(key)]
        for key in {*old, *new} - _HIDDEN
        if old.get(key) != new.get(key) and not (old.get(key) in (None, "") and new.get(key) in (None, ""))
    }
    if not changes:
        return None
    label = new.get("label") or old.get("label")
    named = {"label": [label, label]} if label else {}
    return _Entry(added.at, added.actor, added.table_name, "update", {**named, **changes})


def paired(entries: list[AuditEntry]) -> list[_Entry]:
    """The entries, with each rewritten pay line or grant (its row removed and added again by a save, in either
    order) shown as one change of what differs."""
    result: list[_Entry | None] = []
    waiting: dict[tuple[Any, ...], int] = {}  # (action, identity) -> index in result
    for entry in (_Entry(e.at, e.actor, e.table_name, e.action, dict(e.changes or {})) for e in entries):
        keys = _REWRITTEN.get(entry.table_name)
        if keys is None or entry.action not in ("insert", "delete"):
            result.append(entry)
            continue
        identity = (entry.table_name, entry.actor, *(_old(entry, key) for key in keys))
        other = "delete" if entry.action == "insert" else "insert"
        index = waiting.pop((other, identity), None)
        partner = result[index] if index is not None else None
        if index is None or partner is None or abs((partner.at - entry.at).total_seconds()) > _PAIRED_WITHIN:
            waiting[(entry.action, identity)] = len(result)
            result.append(entry)
            continue
        removed, added = (partner, entry) if entry.action == "insert" else (entry, partner)
        result[index] = _merged(removed, added)
    return [entry for entry in result if entry is not None]


def _what(entry: _Entry) -> str:
    thing = THINGS.get(entry.table_name, humanize(entry.table_name).lower())
    verb = VERBS.get(entry.action, entry.action)
    changes = entry.changes or {}
    name = _NAMES.get(entry.table_name, "")
    pair = changes.get(name)
    if pair:
        value = pair[1] if pair[1] is not None else pair[0]
        if value not in (None, ""):
            return f"{verb.capitalize()} {thing} “{shown(name, value, '', 'en_US', entry.table_name)}”"
    if entry.table_name == "offer_versions" and entry.action == "update":
        return f"{verb.capitalize()} the terms"
    return f"{verb.capitalize()} {thing}"


def describe(entry: _Entry, currency: str, locale: str) -> AuditLine:
    """An entry in plain words; a removal lists nothing but that it happened (its old values are kept)."""
    changes = entry.changes or {}
    row_currency = next((pair[1] or pair[0] for key, pair in changes.items() if key == "currency"), None)
    money = row_currency or currency
    fields: list[FieldChange] = []
    if entry.action != "delete":
        for column, pair in changes.items():
            if column in _HIDDEN or not isinstance(pair, list) or len(pair) != 2 or pair[0] == pair[1]:
                continue
            if entry.action == "insert" and (pair[1] in ("", False) or column in _ADDED_UNSHOWN):
                continue  # a new row: what it holds, not its empty fields and bookkeeping
            old, new = (shown(column, value, money, locale, entry.table_name) for value in pair)
            fields.append(FieldChange(field_label(column), old, new))
    return AuditLine(entry.at, entry.actor or "someone", _what(entry), tuple(fields))


class AuditTrail:
    def __init__(self, database: Database) -> None:
        self._database = database

    def audit_for_offer(self, offer_id: int, locale: str = "en_US") -> list[AuditLine]:
        """Every recorded change to the offer and its versions, pay lines, approvals, …, oldest first."""
        with self._database.transaction(read_only=True) as session:
            offer = session.get(Offer, offer_id)
            entries = session.scalars(
                select(AuditEntry).where(AuditEntry.offer_id == offer_id).order_by(AuditEntry.at, AuditEntry.id)
            ).all()
            if offer is None and not entries:
                raise NotFoundError(f"There is no offer with id {offer_id}.")
            currency = offer.currency if offer is not None else ""
            return [describe(entry, currency, locale) for entry in paired(list(entries))]
