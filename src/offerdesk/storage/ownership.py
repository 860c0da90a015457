"""A demo record the user works on becomes the user's own, so clearing the demo data never removes their work.

Every flush looks at what is being written: a new or changed offer (or a version, term, approval, status change or
letter of it) makes that offer and its candidate the user's; a new or changed call, follow-up, profile, competing
offer or stage change makes the candidate the user's; a changed role or pay band makes the role the user's. What
the program writes by itself (the demo data set, expiring overdue offers at start) runs inside
`written_by_the_program(session)` and claims nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from offerdesk.storage.tables import (
    Approval,
    CallLog,
    Candidate,
    CandidateStageEvent,
    CompetingOffer,
    Contingency,
    EquityGrant,
    FollowUp,
    LetterExport,
    Offer,
    OfferComponent,
    OfferStatusEvent,
    OfferVersion,
    PayBand,
    PreCloseProfileRow,
    Role,
)

_PROGRAM = "written_by_the_program"
_BOOKKEEPING = {"is_demo", "updated_at", "search_text"}  # changes that are not the user's work
_OF_AN_OFFER = (OfferVersion, Contingency, OfferStatusEvent, Approval, LetterExport)
_OF_A_VERSION = (OfferComponent, EquityGrant)
_OF_A_CANDIDATE = (CallLog, FollowUp, PreCloseProfileRow, CompetingOffer, CandidateStageEvent)


@contextmanager
def written_by_the_program(session: Session) -> Iterator[None]:
    session.info[_PROGRAM] = True
    try:
        yield
        session.flush()
    finally:
        session.info.pop(_PROGRAM, None)


def _changed(record: Any) -> bool:
    state = inspect(record)
    return any(attribute.key not in _BOOKKEEPING and attribute.history.has_changes() for attribute in state.attrs)


def _parent_id(record: Any, name: str) -> int | None:
    """The parent's id from the foreign key, or from the parent object when only the relationship is set yet."""
    value = getattr(record, f"{name}_id", None)
    if value is None:
        parent = getattr(record, name, None)
        value = getattr(parent, "id", None)
    return int(value) if value is not None else None


def _claim(session: Session, kind: type[Candidate] | type[Offer] | type[Role], record_id: int | None) -> None:
    if record_id is None:
        return
    record = cast("Candidate | Offer | Role | None", session.get(kind, record_id))
    if record is not None and record.is_demo:
        record.is_demo = False
        if isinstance(record, Offer):
            _claim(session, Candidate, record.candidate_id)


@event.listens_for(Session, "before_flush")
def _claim_demo_records_the_user_works_on(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_PROGRAM):
        return
    # session.dirty is built afresh from the identity map at each reading: read it once, or a large write is quadratic
    changed = [record for record in session.dirty if _changed(record)]
    edited = {id(record) for record in changed}
    with session.no_autoflush:
        for record in [*session.new, *changed]:
            if isinstance(record, Candidate) and id(record) in edited:
                record.is_demo = False
            elif isinstance(record, Offer):
                if id(record) in edited:
                    record.is_demo = False
                _claim(session, Candidate, _parent_id(record, "candidate"))
            elif isinstance(record, _OF_AN_OFFER):
                _claim(session, Offer, _parent_id(record, "offer"))
            elif isinstance(record, _OF_A_VERSION):
                version_id = _parent_id(record, "version")
                version = session.get(OfferVersion, version_id) if version_id is not None else None
                _claim(session, Offer, version.offer_id if version is not None else None)
            elif isinstance(record, _OF_A_CANDIDATE):
                _claim(session, Candidate, _parent_id(record, "candidate"))
            elif isinstance(record, Role) and id(record) in edited:
                record.is_demo = False
            elif isinstance(record, PayBand):
                _claim(session, Role, _parent_id(record, "role"))
