"""Reading an offer document (docs/offer-json.md): every field checked, each problem one sentence with its place.

Nothing here touches the database; offer_json imports only what this module has accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from babel.core import Locale, UnknownLocaleError

from offerdesk.domain.clock import today
from offerdesk.domain.money import check_currency, currency_exponent
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
from offerdesk.errors import ValidationError
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
MAX_INTEGER = 2_147_483_647  # INTEGER columns are 32-bit on PostgreSQL

E = TypeVar("E", bound=StrEnum)

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
    "status_changed_at", "extended_at", "decided_at", "decision_reason", "candidate", "role", "versions",
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

_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EXTENDED_STATUSES = (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT)
DECIDED_STATUSES = (OfferStatus.VERBALLY_ACCEPTED, OfferStatus.SIGNED, OfferStatus.DECLINED)


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
    if max_length is not None and len(value) > max_length:
        _fail(where, f"is longer than {max_length} characters.")
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


def _strings(value: Any, where: str) -> list[str]:
    items = _list(value, where)
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
        for index, entry in enumerate(_list(item.get("components"), components_at))
    )
    equity = tuple(
        _parse_equity(entry, f"{equity_at}[{index}]")
        for index, entry in enumerate(_list(item.get("equity"), equity_at))
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
        for index, entry in enumerate(_list(body.get("contingencies"), "contingencies"))
    ]
    parsed.contingency_times = [at for _terms, at in checks]
    shared = OfferTerms(
        offer_type=offer["offer_type"],
        currency=offer["currency"],
        locale=offer["locale"],
        expires_on=offer["expires_on"],
        contingencies=tuple(terms for terms, _at in checks),
    )
    versions = _list(body.get("versions"), "versions")
    if not versions:
        _fail("versions", "an offer needs at least one version with its terms.")
    numbers: set[int] = set()
    for index, entry in enumerate(versions):
        version = _parse_version(entry, f"versions[{index}]", shared)
        if version.number in numbers:
            _fail(f"versions[{index}].number", f"version {version.number} appears twice.")
        numbers.add(version.number)
        parsed.versions.append(version)
    parsed.history = [
        _parse_history(entry, f"history[{index}]") for index, entry in enumerate(_list(body.get("history"), "history"))
    ]
    parsed.approvals = [
        _parse_approval(entry, f"approvals[{index}]", numbers)
        for index, entry in enumerate(_list(body.get("approvals"), "approvals"))
    ]
    return parsed
