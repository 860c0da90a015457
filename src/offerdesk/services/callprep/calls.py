"""Logging an offer call: the ask, the objections, the answer, and what happens next.

A "yes" moves the offer to verbally accepted; a "counter" starts a revised offer (a draft that copies the
current terms and names the objections as the reason). Follow-ups come from the date the recruiter agreed
and from the follow-up cadence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from offerdesk.domain.cadence import CHECK_IN, DECISION_CHECK_IN
from offerdesk.domain.calls import AskStyle, CallOutcome, ObjectionCode
from offerdesk.domain.clock import utc_now
from offerdesk.domain.offers import ALLOWED_TRANSITIONS, OfferStatus, OfferType
from offerdesk.domain.text_rules import check_text
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.offers.status import record_transition
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.tables import (
    CallLog,
    CallObjection,
    Candidate,
    FollowUp,
    Objection,
    Offer,
    OfferStatusEvent,
)

MAX_CALL_NOTE = 100_000


@dataclass(frozen=True)
class CallRecord:
    id: int
    candidate_id: int
    candidate_name: str
    offer_id: int | None
    started_at: datetime
    ask_style: AskStyle | None
    outcome: CallOutcome
    objections: tuple[str, ...]
    notes: str
    decision_date: date | None
    duration_seconds: int | None
    follow_up: date | None


@dataclass(frozen=True)
class CallResult:
    call_id: int
    offer_status: OfferStatus | None
    revised_offer_id: int | None


def parse_outcome(text: str) -> CallOutcome:
    try:
        return CallOutcome(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise ValidationError(f"“{text}” is not a call outcome; use yes, need_time, counter or no.") from None


def parse_ask_style(text: str) -> AskStyle:
    try:
        return AskStyle(text.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        styles = ", ".join(style.value for style in AskStyle)
        raise ValidationError(f"“{text}” is not an ask style; use one of: {styles}.") from None


def _open_offer(session: Session, candidate_id: int) -> Offer | None:
    return session.scalar(select(Offer).where(Offer.candidate_id == candidate_id).order_by(Offer.id.desc()).limit(1))


def start_revision(session: Session, offer: Offer, reason_codes: list[str], at: datetime) -> Offer:
    """A revised offer: a draft with the current terms copied, linked to the offer it revises."""
    terms = gateway.read_terms(offer, gateway.get_version(offer)).with_changes(offer_type=OfferType.REVISED)
    version = gateway.new_version(
        1,
        terms,
        created_at=at,
        reason_code=(reason_codes[0] if reason_codes else "OTHER"),
        reason_text="Counter on the offer call: " + (", ".join(reason_codes) or "no code"),
    )
    revised = Offer(
        candidate_id=offer.candidate_id,
        role_id=offer.role_id,
        parent_offer_id=offer.id,
        offer_type=OfferType.REVISED,
        status=OfferStatus.DRAFT,
        status_changed_at=at,
        locale=offer.locale,
        currency=offer.currency,
        recruiter=offer.recruiter,
        expires_on=offer.expires_on,
        is_demo=offer.is_demo,
        created_at=at,
        updated_at=at,
        versions=[version],
        contingencies=gateway.new_contingencies(terms, at),
        events=[OfferStatusEvent(at=at, to_status=OfferStatus.DRAFT, note=f"Revision of offer {offer.id}")],
    )
    session.add(revised)  # fmt: skip
    return revised


class CallService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def log(
        self,
        candidate_id: int,
        outcome: CallOutcome,
        ask_style: AskStyle | None = None,
        objections: list[str] | tuple[str, ...] = (),
        notes: str = "",
        follow_up: date | None = None,
        decision_date: date | None = None,
        offer_id: int | None = None,
        script_id: int | None = None,
        script_revision: int | None = None,
        duration_seconds: int | None = None,
        recruiter: str = "",
    ) -> Outcome[CallResult]:
        """One transaction: the call, its objections, the offer's move and the follow-ups."""
        notes = check_text(notes, "Call note", MAX_CALL_NOTE, multiline=True)
        recruiter = check_text(recruiter.strip(), "Recruiter", 200)
        codes = list(dict.fromkeys(code.strip().upper() for code in objections if code.strip()))
        now = utc_now()
        with self._database.transaction() as session:
            candidate = session.get(Candidate, candidate_id)
            if candidate is None:
                raise NotFoundError(f"There is no candidate with id {candidate_id}.")
            known = set(session.scalars(select(Objection.code))) | {code.value for code in ObjectionCode}
            unknown = [code for code in codes if code not in known]
            if unknown:
                raise ValidationError(
                    f"Unknown objection code {', '.join(unknown)}; see `offerdesk objections search`."
                )
            offer = (
                session.get(Offer, offer_id, options=[selectinload(Offer.versions)])
                if offer_id is not None
                else _open_offer(session, candidate_id)
            )
            if offer_id is not None and offer is None:
                raise NotFoundError(f"There is no offer with id {offer_id}.")
            if offer is not None and offer.candidate_id != candidate_id:
                raise ValidationError(f"Offer {offer.id} belongs to another candidate.")
            call = CallLog(candidate_id=candidate_id, offer_id=offer.id if offer else None, script_id=script_id,
                           script_revision=script_revision, ask_style=ask_style, outcome=outcome, notes=notes,
                           started_at=now, duration_seconds=duration_seconds, decision_date=decision_date,
                           recruiter=recruiter or (offer.recruiter if offer else ""),
                           objections=[CallObjection(code=code) for code in codes])  # fmt: skip
            session.add(call)
            session.flush()
            revised = None
            if (
                offer is not None
                and outcome is CallOutcome.YES
                and (OfferStatus.VERBALLY_ACCEPTED in ALLOWED_TRANSITIONS[offer.status])
            ):
                record_transition(
                    session, offer, OfferStatus.VERBALLY_ACCEPTED, at=now, note=f"Call {call.id}", actor=call.recruiter
                )
            elif offer is not None and outcome is CallOutcome.COUNTER:
                revised = start_revision(session, offer, codes, now)
            if follow_up is not None:
                session.add(FollowUp(candidate_id=candidate_id, offer_id=offer.id if offer else None,
                                     call_id=call.id, due_on=follow_up,
                                     kind=DECISION_CHECK_IN if outcome is CallOutcome.NEED_TIME else CHECK_IN,
                                     note=notes or f"After the call: {outcome.value.replace('_', ' ')}"))  # fmt: skip
            self._plan_cadence(session, candidate_id, offer, call, outcome, decision_date, follow_up)
            session.flush()
            result = CallResult(call.id, offer.status if offer else None, revised.id if revised else None)
        return Outcome(result, Changes.of(Kind.CALLS, Kind.FOLLOW_UPS, Kind.OFFERS, Kind.CANDIDATES))

    def _plan_cadence(self, session: Session, candidate_id: int, offer: Offer | None, call: CallLog,
                      outcome: CallOutcome, decision_date: date | None, follow_up: date | None) -> None:  # fmt: skip
        """Add the cadence's follow-ups (the recruiter's own date already covers the first check-in)."""
        from offerdesk.domain.cadence import plan_follow_ups
        from offerdesk.domain.clock import today
        from offerdesk.services.callprep.followups import load_cadence, schedule

        version = offer.versions[-1] if offer is not None and offer.versions else None
        planned = plan_follow_ups(
            load_cadence(session), outcome, today(), decision_date or follow_up,
            offer.expires_on if offer else None, version.start_date if version else None,
            bool(offer and offer.status is not OfferStatus.VERBAL_EXTENDED),
        )  # fmt: skip
        if follow_up is not None:
            planned = [item for item in planned if item.due_on != follow_up]
        schedule(session, candidate_id, offer.id if offer else None, call.id, planned)

    def list(self, candidate_id: int | None = None, limit: int | None = None) -> list[CallRecord]:
        with self._database.transaction(read_only=True) as session:
            statement = (
                select(CallLog).options(selectinload(CallLog.objections)).order_by(CallLog.started_at.desc(),
                                                                                   CallLog.id.desc())
            )  # fmt: skip
            if candidate_id is not None:
                statement = statement.where(CallLog.candidate_id == candidate_id)
            if limit:
                statement = statement.limit(limit)
            calls = list(session.scalars(statement))
            names = {c.id: f"{c.first_name} {c.last_name}".strip() for c in session.scalars(
                select(Candidate).where(Candidate.id.in_({call.candidate_id for call in calls})))}  # fmt: skip
            follow_ups: dict[int, date] = {}
            for item in session.scalars(select(FollowUp).where(FollowUp.call_id.in_([call.id for call in calls]))):
                if item.call_id is not None:
                    follow_ups.setdefault(item.call_id, item.due_on)
            return [
                CallRecord(call.id, call.candidate_id, names.get(call.candidate_id, ""), call.offer_id,
                           call.started_at, call.ask_style, call.outcome, tuple(o.code for o in call.objections),
                           call.notes, call.decision_date, call.duration_seconds, follow_ups.get(call.id))
                for call in calls
            ]  # fmt: skip


def call_as_json(record: CallRecord) -> dict[str, Any]:
    return {
        "id": record.id, "candidate_id": record.candidate_id, "candidate": record.candidate_name,
        "offer_id": record.offer_id, "started_at": record.started_at.isoformat(),
        "ask_style": record.ask_style.value if record.ask_style else None, "outcome": record.outcome.value,
        "objections": list(record.objections), "notes": record.notes,
        "decision_date": record.decision_date.isoformat() if record.decision_date else None,
        "duration_seconds": record.duration_seconds,
        "follow_up": record.follow_up.isoformat() if record.follow_up else None,
    }  # fmt: skip
