"""Reading an offer document (docs/offer-json.md): every field checked, each problem one sentence with its place.

Nothing here touches the database; offer_json imports only what this module has accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from offerdesk.domain.clock import today
from offerdesk.domain.offer_defaults import offer_defaults
from offerdesk.domain.offer_terms import ComponentTerms, ContingencyTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import (
    ComponentKind,
    ContingencyKind,
    ContingencyStatus,
    EmploymentType,
    EquityKind,
    OfferStatus,
    OfferType,
    PayFrequency,
    PayUnit,
)
from offerdesk.domain.text_rules import check_text
from offerdesk.services.offers.json_values import (
    _at,
    _boolean,
    _choice,
    _currency,
    _date,
    _datetime,
    _decimal,
    _fail,
    _integer,
    _length,
    _list,
    _locale,
    _money,
    _object,
    _text,
)
from offerdesk.storage.tables import (
    Approval,
    Candidate,
    Offer,
    OfferComponent,
    OfferStatusEvent,
    OfferVersion,
    Role,
)

OFFER_FORMAT = "offerdesk-offer"
OFFER_VERSION = 1

# How many of each list one offer may carry. A real offer has a handful of versions, components and checks and a few
# dozen history events; the caps are far above that and keep a hostile file from writing millions of rows.
# (A file holds exactly one offer: the format has one "offer" object, so there is no count of offers to cap.)
MAX_VERSIONS = 1_000
MAX_HISTORY = 10_000
MAX_APPROVALS = 1_000
MAX_CONTINGENCIES = 100
MAX_PER_VERSION = 100  # components, equity grants and required agreements of one version


# (key in the file, kind, default) for the plain terms of a version, in export order; the key is the OfferTerms
# field (and the column). Kinds: "str" (text, length from the column), "int" (whole number >= 0 or null),
# "bool" (true/false or null), "date" (YYYY-MM-DD or null), "strlist" (a list of text), "decimal" (a number as
# text, such as "37.5", or null), and "enum" (one of the codes in ENUM_FIELDS).
VERSION_FIELDS: tuple[tuple[str, str, Any], ...] = (
    ("title", "str", ""),
    ("level", "str", ""),
    ("department", "str", ""),
    ("reports_to", "str", ""),
    ("employment_type", "enum", EmploymentType.FULL_TIME.value),
    ("exempt", "bool", None),
    ("start_date", "date", None),
    ("end_date", "date", None),
    ("effective_date", "date", None),
    ("location", "str", ""),
    ("remote_days", "int", None),
    ("probation_months", "int", None),
    ("pay_frequency", "enum", PayFrequency.MONTHLY.value),
    ("hours_per_week", "decimal", None),
    ("days_per_week", "decimal", None),
    ("benefits_note", "str", ""),
    ("pto_note", "str", ""),
    ("required_agreements", "strlist", []),
    ("conversion_terms", "str", ""),
    ("prior_terms", "str", ""),
    ("delivered_by", "str", ""),
)
ENUM_FIELDS: dict[str, tuple[type[StrEnum], str]] = {
    "employment_type": (EmploymentType, "an employment type"),
    "pay_frequency": (PayFrequency, "a pay frequency"),
}

OFFER_KEYS = frozenset({
    "id", "type", "status", "locale", "currency", "expires_on", "recruiter", "jurisdiction_pack", "created_at",
    "status_changed_at", "extended_at", "decided_at", "decision_reason", "row_version", "candidate", "role", "versions",
    "contingencies", "history", "approvals",
})  # fmt: skip
CANDIDATE_KEYS = frozenset({"first_name", "last_name", "email", "phone", "location"})
ROLE_KEYS = frozenset({"title", "department", "level", "location"})
VERSION_KEYS = frozenset(
    {"number", "created_at", "reason_code", "reason_text", "signed_file", "components", "equity"}
    | {f[0] for f in VERSION_FIELDS}
)
COMPONENT_KEYS = frozenset(
    {"kind", "label", "amount", "amount_minor", "currency", "unit", "percent_bp", "clawback_months", "notes"}
)
EQUITY_KEYS = frozenset({
    "kind", "units", "currency", "strike", "strike_minor", "assumed_value", "assumed_value_minor", "vesting_start",
    "vesting_months", "cliff_months", "exercise_window_days",
})  # fmt: skip
CONTINGENCY_KEYS = frozenset({"kind", "description", "status", "updated_at"})
HISTORY_KEYS = frozenset({"at", "from", "to", "reason_code", "note", "actor"})
APPROVAL_KEYS = frozenset(
    {"version_number", "approver_name", "approver_role", "decision", "decided_at", "comment", "voided"}
)

EXTENDED_STATUSES = (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT)
DECIDED_STATUSES = (OfferStatus.VERBALLY_ACCEPTED, OfferStatus.SIGNED, OfferStatus.DECLINED)


@dataclass(frozen=True)
class ParsedVersion:
    """One version of the file: its terms (with the offer-level facts) and what the history says of it."""

    number: int
    created_at: datetime | None
    reason_code: str
    reason_text: str
    signed_file: str
    terms: OfferTerms


@dataclass
class ParsedOffer:
    """The checked document, ready to be written."""

    offer: dict[str, Any]
    candidate: dict[str, Any]
    role: dict[str, Any] | None
    versions: list[ParsedVersion] = field(default_factory=list)
    contingency_times: list[datetime | None] = field(default_factory=list)  # updated_at of each contingency
    history: list[dict[str, Any]] = field(default_factory=list)
    approvals: list[dict[str, Any]] = field(default_factory=list)


def _capped(value: Any, where: str, limit: int, noun: str) -> Sequence[Any]:
    """The list at `where`, refused with a sentence when it holds more than `limit` items."""
    items = _list(value, where)
    if len(items) > limit:
        _fail(where, f"holds {len(items):,} {noun}; an offer file may hold at most {limit:,}.")
    return items


def _strings(value: Any, where: str) -> list[str]:
    items = _capped(value, where, MAX_PER_VERSION, "items")
    for index, item in enumerate(items):
        if not isinstance(item, str):
            _fail(f"{where}[{index}]", "must be text.")
        check_text(item, f"{where}[{index}]", multiline=True)
    return list(items)


def _count(value: Any, where: str) -> Decimal | None:
    """Hours or days per week: a positive number with up to two decimals, or null."""
    if value is None:
        return None
    amount = _decimal(value, where)
    if amount <= 0 or amount.scaleb(2) != amount.scaleb(2).to_integral_value() or amount > 168:
        _fail(where, f"“{value}” is not a number of hours or days per week (more than 0, two decimals at most).")
    return amount


def _enum_field(value: Any, where: str, key: str) -> StrEnum:
    kind, what = ENUM_FIELDS[key]
    if value == "" and kind is PayFrequency:  # files written before the pay frequency was a fixed list
        return PayFrequency.MONTHLY
    return _choice(value, where, kind, what)


def _plain(model: type[Any], item: Mapping[str, Any], where: str, key: str, kind: str, default: Any) -> Any:
    value = item.get(key, default)
    here = _at(where, key)
    readers: dict[str, Callable[[], Any]] = {
        "str": lambda: _text(value, here, max_length=_length(model, key)),
        "int": lambda: _integer(value, here),
        "bool": lambda: _boolean(value, here),
        "date": lambda: _date(value, here),
        "strlist": lambda: tuple(_strings(value, here)),
        "decimal": lambda: _count(value, here),
        "enum": lambda: _enum_field(value, here, key),
    }
    return readers[kind]()


def _parse_component(value: Any, where: str) -> ComponentTerms:
    item = _object(value, where, COMPONENT_KEYS)
    currency = _currency(item.get("currency"), _at(where, "currency"))
    return ComponentTerms(
        kind=_choice(item.get("kind"), _at(where, "kind"), ComponentKind, "a component kind"),
        label=_text(item.get("label"), _at(where, "label"), max_length=_length(OfferComponent, "label")),
        amount_minor=_money(item, where, "amount", currency),
        currency=currency,
        unit=_choice(item.get("unit", PayUnit.YEAR.value), _at(where, "unit"), PayUnit, "a pay unit"),
        percent_bp=_integer(item.get("percent_bp"), _at(where, "percent_bp")),
        clawback_months=_integer(item.get("clawback_months"), _at(where, "clawback_months")),
        notes=_text(item.get("notes"), _at(where, "notes")),
    )


def _parse_equity(value: Any, where: str) -> EquityTerms:
    item = _object(value, where, EQUITY_KEYS)
    currency = _currency(item.get("currency"), _at(where, "currency"))
    return EquityTerms(
        kind=_choice(item.get("kind", EquityKind.RSU.value), _at(where, "kind"), EquityKind, "an equity kind"),
        units=_integer(item.get("units"), _at(where, "units"), required=True) or 0,
        currency=currency,
        strike_minor=_money(item, where, "strike", currency),
        assumed_value_minor=_money(item, where, "assumed_value", currency),
        vesting_start=_date(item.get("vesting_start"), _at(where, "vesting_start")),
        vesting_months=_integer(item.get("vesting_months", 48), _at(where, "vesting_months"), required=True) or 0,
        cliff_months=_integer(item.get("cliff_months", 12), _at(where, "cliff_months"), required=True) or 0,
        exercise_window_days=_integer(item.get("exercise_window_days"), _at(where, "exercise_window_days")),
    )


def _parse_version(value: Any, where: str, offer: OfferTerms) -> ParsedVersion:
    """A version's terms on top of `offer` (the offer-level facts and contingencies every version shares)."""
    item = _object(value, where, VERSION_KEYS)
    number = _integer(item.get("number"), _at(where, "number"), required=True)
    if number == 0:
        _fail(_at(where, "number"), "version numbers start at 1.")
    fields = {key: _plain(OfferVersion, item, where, key, kind, default) for key, kind, default in VERSION_FIELDS}
    components_at, equity_at = _at(where, "components"), _at(where, "equity")
    components = tuple(
        _parse_component(entry, f"{components_at}[{index}]")
        for index, entry in enumerate(_capped(item.get("components"), components_at, MAX_PER_VERSION, "components"))
    )
    equity = tuple(
        _parse_equity(entry, f"{equity_at}[{index}]")
        for index, entry in enumerate(_capped(item.get("equity"), equity_at, MAX_PER_VERSION, "equity grants"))
    )
    return ParsedVersion(
        number=number or 0,
        created_at=_datetime(item.get("created_at"), _at(where, "created_at")),
        reason_code=_text(item.get("reason_code"), _at(where, "reason_code"),
                          max_length=_length(OfferVersion, "reason_code")),
        reason_text=_text(item.get("reason_text"), _at(where, "reason_text")),
        signed_file=_text(item.get("signed_file"), _at(where, "signed_file"),
                          max_length=_length(OfferVersion, "signed_file")),
        terms=offer.with_changes(components=components, equity=equity, **fields),
    )  # fmt: skip


def _parse_candidate(value: Any) -> dict[str, Any]:
    where = "candidate"
    item = _object(value, where, CANDIDATE_KEYS)
    record = {
        key: _text(item.get(key), _at(where, key), max_length=_length(Candidate, key), required=key == "first_name")
        for key in ("first_name", "last_name", "email", "phone", "location")
    }
    record["email"] = record["email"].strip()
    if record["email"] and "@" not in record["email"]:
        _fail("candidate.email", f"“{record['email']}” is not an email address.")
    return record


def _parse_role(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    item = _object(value, "role", ROLE_KEYS)
    return {
        key: _text(item.get(key), f"role.{key}", max_length=_length(Role, key), required=key == "title")
        for key in ("title", "department", "level", "location")
    }


def _parse_history(value: Any, where: str) -> dict[str, Any]:
    item = _object(value, where, HISTORY_KEYS)
    at = _datetime(item.get("at"), _at(where, "at"))
    if at is None:
        _fail(_at(where, "at"), "is missing; each history event needs its date and time.")
    before = item.get("from")
    return {
        "at": at,
        "from_status": None if before is None else _choice(before, _at(where, "from"), OfferStatus, "an offer status"),
        "to_status": _choice(item.get("to"), _at(where, "to"), OfferStatus, "an offer status"),
        "reason_code": _text(item.get("reason_code"), _at(where, "reason_code"),
                             max_length=_length(OfferStatusEvent, "reason_code")),
        "note": _text(item.get("note"), _at(where, "note")),
        "actor": _text(item.get("actor"), _at(where, "actor"), max_length=_length(OfferStatusEvent, "actor")),
    }  # fmt: skip


def _parse_contingency(value: Any, where: str) -> tuple[ContingencyTerms, datetime | None]:
    item = _object(value, where, CONTINGENCY_KEYS)
    terms = ContingencyTerms(
        kind=_choice(item.get("kind"), _at(where, "kind"), ContingencyKind, "a kind of check"),
        description=_text(item.get("description"), _at(where, "description")),
        status=_choice(item.get("status", ContingencyStatus.PENDING.value), _at(where, "status"), ContingencyStatus,
                       "a check status"),
    )  # fmt: skip
    return terms, _datetime(item.get("updated_at"), _at(where, "updated_at"))


def _parse_approval(value: Any, where: str, numbers: set[int]) -> dict[str, Any]:
    item = _object(value, where, APPROVAL_KEYS)
    number = _integer(item.get("version_number"), _at(where, "version_number"), required=True)
    if number not in numbers:
        _fail(_at(where, "version_number"), f"there is no version {number} in this offer.")
    voided = _boolean(item.get("voided", False), _at(where, "voided"))
    return {
        "version_number": number,
        "approver_name": _text(item.get("approver_name"), _at(where, "approver_name"),
                               max_length=_length(Approval, "approver_name"), required=True),
        "approver_role": _text(item.get("approver_role"), _at(where, "approver_role"),
                               max_length=_length(Approval, "approver_role")),
        "decision": _text(item.get("decision", "pending"), _at(where, "decision"),
                          max_length=_length(Approval, "decision"), required=True),
        "decided_at": _datetime(item.get("decided_at"), _at(where, "decided_at")),
        "comment": _text(item.get("comment"), _at(where, "comment")),
        "voided": bool(voided),
    }  # fmt: skip


def parse_document(data: Any) -> ParsedOffer:
    """Check the whole document; the first problem raises ValidationError naming its place."""
    if not isinstance(data, Mapping):
        _fail("document", "must be a JSON object with “format”, “version” and “offer”.")
    if data.get("format") != OFFER_FORMAT:
        _fail("format", f"“{data.get('format')}” is not “{OFFER_FORMAT}”, so this is not an OfferDesk offer file.")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        _fail("version", f"“{version}” is not a whole number.")
    if version != OFFER_VERSION:
        _fail("version", f"this OfferDesk reads version {OFFER_VERSION} of the offer format, not version {version}.")
    extra = sorted(str(key) for key in data if key not in ("format", "version", "offer"))
    if extra:
        _fail("document", f"“{extra[0]}” is not a field here; the fields are format, version and offer.")
    body = _object(data.get("offer"), "offer", OFFER_KEYS)
    offer: dict[str, Any] = {
        "offer_type": _choice(body.get("type"), "type", OfferType, "an offer type"),
        "status": _choice(body.get("status", OfferStatus.DRAFT.value), "status", OfferStatus, "an offer status"),
        "locale": _locale(body.get("locale"), "locale") if body.get("locale") is not None else "",
        "currency": _currency(body.get("currency"), "currency"),
        "expires_on": _date(body.get("expires_on"), "expires_on"),
        "recruiter": _text(body.get("recruiter"), "recruiter", max_length=_length(Offer, "recruiter")),
        "jurisdiction_pack": _text(body.get("jurisdiction_pack"), "jurisdiction_pack",
                                   max_length=_length(Offer, "jurisdiction_pack")),
        "created_at": _datetime(body.get("created_at"), "created_at"),
        "status_changed_at": _datetime(body.get("status_changed_at"), "status_changed_at"),
        "extended_at": _datetime(body.get("extended_at"), "extended_at"),
        "decided_at": _datetime(body.get("decided_at"), "decided_at"),
        "decision_reason": body.get("decision_reason"),
    }  # fmt: skip
    if offer["decision_reason"] is not None:
        offer["decision_reason"] = _text(
            offer["decision_reason"], "decision_reason", max_length=_length(Offer, "decision_reason")
        )
    parsed = ParsedOffer(
        offer=offer, candidate=_parse_candidate(body.get("candidate")), role=_parse_role(body.get("role"))
    )
    if not offer["locale"]:  # a file written by hand: the notation of the job's place, as for a new offer
        offer["locale"] = offer_defaults(
            on=today(),
            role_location=(parsed.role or {}).get("location", ""),
            candidate_location=parsed.candidate["location"],
            currency=offer["currency"],
        ).locale
    checks = [
        _parse_contingency(entry, f"contingencies[{index}]")
        for index, entry in enumerate(_capped(body.get("contingencies"), "contingencies", MAX_CONTINGENCIES, "checks"))
    ]
    parsed.contingency_times = [at for _terms, at in checks]
    shared = OfferTerms(
        offer_type=offer["offer_type"],
        currency=offer["currency"],
        locale=offer["locale"],
        expires_on=offer["expires_on"],
        contingencies=tuple(terms for terms, _at in checks),
    )
    versions = _capped(body.get("versions"), "versions", MAX_VERSIONS, "versions")
    history = _capped(body.get("history"), "history", MAX_HISTORY, "history events")
    approvals = _capped(body.get("approvals"), "approvals", MAX_APPROVALS, "approvals")
    if not versions:
        _fail("versions", "an offer needs at least one version with its terms.")
    numbers: set[int] = set()
    for index, entry in enumerate(versions):
        version = _parse_version(entry, f"versions[{index}]", shared)
        if version.number in numbers:
            _fail(f"versions[{index}].number", f"version {version.number} appears twice.")
        numbers.add(version.number)
        parsed.versions.append(version)
    parsed.history = [_parse_history(entry, f"history[{index}]") for index, entry in enumerate(history)]
    parsed.approvals = [_parse_approval(entry, f"approvals[{index}]", numbers) for index, entry in enumerate(approvals)]
    return parsed
