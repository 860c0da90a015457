"""One offer as a JSON document: export it with everything it carries, import (restore) it elsewhere.

The format is described field by field in docs/offer-json.md. An import checks the whole document before it touches
the database, so a bad file changes nothing; every problem is one sentence that starts with the place
(“versions[1].components[0].amount: …”). An import is a restore: the status and the history are taken as written,
no lifecycle transition runs.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from offerdesk.domain.candidates import Stage
from offerdesk.domain.clock import utc_now
from offerdesk.domain.money import currency_exponent
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.offers import REASON_REQUIRED
from offerdesk.errors import ValidationError
from offerdesk.files import read_json
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.offers.json_parse import (
    DECIDED_STATUSES,
    EXTENDED_STATUSES,
    OFFER_FORMAT,
    OFFER_VERSION,
    VERSION_FIELDS,
    ParsedOffer,
    parse_document,
)
from offerdesk.services.setup.backups import backup_before
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Approval, Candidate, Offer, OfferStatusEvent, OfferVersion, Role

# --- export --------------------------------------------------------------------------------------------------------


def decimal_text(minor: int | None, currency: str) -> str | None:
    """The exact amount as a plain decimal string with the currency's number of places ("90000.00", "90000")."""
    if minor is None:
        return None
    return f"{Decimal(minor).scaleb(-currency_exponent(currency)):f}"


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _iso_time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def _plain_value(value: Any) -> Any:
    """A terms value as the file writes it: dates ISO, codes as text, counts as decimal text, lists as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, tuple):
        return list(value)
    return value


def _export_version(version: OfferVersion, terms: OfferTerms) -> dict[str, Any]:
    record: dict[str, Any] = {
        "number": version.number,
        "created_at": _iso_time(version.created_at),
        "reason_code": version.reason_code,
        "reason_text": version.reason_text,
    }
    for key, _kind, _default in VERSION_FIELDS:
        record[key] = _plain_value(getattr(terms, key))
    record["signed_file"] = version.signed_file
    record["components"] = [
        {
            "kind": item.kind.value,
            "label": item.label,
            "amount": decimal_text(item.amount_minor, item.currency),
            "amount_minor": item.amount_minor,
            "currency": item.currency,
            "unit": item.unit.value,
            "percent_bp": item.percent_bp,
            "clawback_months": item.clawback_months,
            "notes": item.notes,
        }
        for item in terms.components
    ]
    record["equity"] = [
        {
            "kind": grant.kind.value,
            "units": grant.units,
            "currency": grant.currency,
            "strike": decimal_text(grant.strike_minor, grant.currency),
            "strike_minor": grant.strike_minor,
            "assumed_value": decimal_text(grant.assumed_value_minor, grant.currency),
            "assumed_value_minor": grant.assumed_value_minor,
            "vesting_start": _iso_date(grant.vesting_start),
            "vesting_months": grant.vesting_months,
            "cliff_months": grant.cliff_months,
            "exercise_window_days": grant.exercise_window_days,
        }
        for grant in terms.equity
    ]
    return record


def export_offer(session: Session, offer_id: int) -> dict[str, Any]:
    offer = gateway.get_offer(session, offer_id)
    candidate, role = offer.candidate, offer.role
    events = session.scalars(
        select(OfferStatusEvent)
        .where(OfferStatusEvent.offer_id == offer.id)
        .order_by(OfferStatusEvent.at, OfferStatusEvent.id)
    ).all()
    body: dict[str, Any] = {
        "id": offer.id,
        "type": offer.offer_type.value,
        "status": offer.status.value,
        "locale": offer.locale,
        "currency": offer.currency,
        "expires_on": _iso_date(offer.expires_on),
        "recruiter": offer.recruiter,
        "jurisdiction_pack": offer.jurisdiction_pack,
        "created_at": _iso_time(offer.created_at),
        "status_changed_at": _iso_time(offer.status_changed_at),
        "extended_at": _iso_time(offer.extended_at),
        "decided_at": _iso_time(offer.decided_at),
        "decision_reason": offer.decision_reason,
        "row_version": offer.row_version,  # what `offers set-status --if-version` names; ignored on import
        "candidate": {
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "email": candidate.email,
            "phone": candidate.phone,
            "location": candidate.location,
        },
        "role": None
        if role is None
        else {"title": role.title, "department": role.department, "level": role.level, "location": role.location},
        "versions": [_export_version(v, gateway.read_terms(offer, v)) for v in offer.versions],
        "contingencies": [
            {"kind": c.kind, "description": c.description, "status": c.status, "updated_at": _iso_time(c.updated_at)}
            for c in offer.contingencies
        ],
        "history": [
            {
                "at": _iso_time(event.at),
                "from": event.from_status.value if event.from_status is not None else None,
                "to": event.to_status.value,
                "reason_code": event.reason_code,
                "note": event.note,
                "actor": event.actor,
            }
            for event in events
        ],
        "approvals": [
            {
                "version_number": a.version_number,
                "approver_name": a.approver_name,
                "approver_role": a.approver_role,
                "decision": a.decision,
                "decided_at": _iso_time(a.decided_at),
                "comment": a.comment,
                "voided": a.voided,
            }
            for a in offer.approvals
        ],
    }
    return {"format": OFFER_FORMAT, "version": OFFER_VERSION, "offer": body}


# --- import ----------------------------------------------------------------------------------------------------------


def _fill_in_dates(parsed: ParsedOffer, now: datetime) -> None:
    """Times the file left out are read from its history, as the lifecycle would have set them."""
    offer, history = parsed.offer, sorted(parsed.history, key=lambda event: event["at"])
    if offer["created_at"] is None:
        offer["created_at"] = history[0]["at"] if history else now
    if offer["status_changed_at"] is None:
        offer["status_changed_at"] = history[-1]["at"] if history else offer["created_at"]
    if offer["extended_at"] is None:
        offer["extended_at"] = next((e["at"] for e in history if e["to_status"] in EXTENDED_STATUSES), None)
    if offer["decided_at"] is None:
        offer["decided_at"] = next((e["at"] for e in history if e["to_status"] in DECIDED_STATUSES), None)
    if offer["decision_reason"] is None:
        reasons = [e["reason_code"] for e in history if e["to_status"] in REASON_REQUIRED]
        offer["decision_reason"] = reasons[-1] if reasons else ""


def _find_candidate(session: Session, email: str) -> Candidate | None:
    if not email:
        return None
    return session.scalars(
        select(Candidate).where(func.lower(Candidate.email) == email.lower()).order_by(Candidate.id).limit(1)
    ).first()


def _find_role(session: Session, title: str) -> Role | None:
    return session.scalars(
        select(Role).where(func.lower(Role.title) == title.strip().lower()).order_by(Role.id).limit(1)
    ).first()


def _write(session: Session, parsed: ParsedOffer, now: datetime) -> tuple[Offer, bool]:
    role: Role | None = None
    role_created = False
    if parsed.role is not None:
        role = _find_role(session, parsed.role["title"])
        if role is None:
            role = Role(**parsed.role, recruiter=parsed.offer["recruiter"], opened_on=now.date())
            session.add(role)
            role_created = True
    candidate = _find_candidate(session, parsed.candidate["email"])
    if candidate is None:
        candidate = Candidate(**parsed.candidate, stage=Stage.OFFER, role=role, recruiter=parsed.offer["recruiter"])
        session.add(candidate)
    versions = []
    for parsed_version in parsed.versions:
        version = gateway.new_version(
            parsed_version.number,
            parsed_version.terms,
            created_at=parsed_version.created_at or now,
            reason_code=parsed_version.reason_code,
            reason_text=parsed_version.reason_text,
        )
        version.signed_file = parsed_version.signed_file
        versions.append(version)
    offer = Offer(
        candidate=candidate,
        role=role,
        **parsed.offer,
        updated_at=now,
        is_demo=False,
        versions=versions,
        contingencies=gateway.new_contingencies(
            parsed.versions[0].terms, now, [at or now for at in parsed.contingency_times]
        ),
        approvals=[Approval(**item) for item in parsed.approvals],
    )
    session.add(offer)
    session.flush()  # the events go in file order, after the offer, so equal times keep that order
    for event in parsed.history:
        session.add(OfferStatusEvent(offer_id=offer.id, **event))
    session.flush()
    return offer, role_created


class OfferJson:
    """Export one offer to the offer JSON format and import (restore) such a document as a new offer."""

    def __init__(self, database: Database, backup_dir: Path | None = None) -> None:
        self._database = database
        self._backup_dir = backup_dir  # a copy of the database is made here before each import

    def export(self, offer_id: int) -> dict[str, Any]:
        with self._database.transaction() as session:
            return export_offer(session, offer_id)

    def import_(self, data: dict[str, Any]) -> Outcome[int]:
        """Check everything, then write the offer and all it carries in one transaction; returns the new id."""
        parsed = parse_document(data)
        now = utc_now()
        _fill_in_dates(parsed, now)
        backup_before(self._database, self._backup_dir, "before-import")  # only once the document is sound
        with self._database.transaction() as session:
            offer, role_created = _write(session, parsed, now)
            offer_id = offer.id
        changes = Changes.of(Kind.OFFERS, Kind.CANDIDATES, *((Kind.ROLES,) if role_created else ()))
        return Outcome(offer_id, changes)

    @staticmethod
    def load_file(path: Path) -> dict[str, Any]:
        """Read an offer file; numbers with a decimal point are read exactly (as Decimal)."""
        data = read_json(path, "offer file", parse_float=Decimal)
        if not isinstance(data, dict):
            kind = {list: "an array", str: "a string", bool: "a boolean"}.get(type(data), "a number or null")
            raise ValidationError(f"{path} is not an offer file: it holds {kind}, not a JSON object.")
        return data
