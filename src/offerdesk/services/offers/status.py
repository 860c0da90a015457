"""Offer use cases: list, show, move through the lifecycle, and take a mistaken move back.

Every status change goes through `record_transition`, which checks the lifecycle, writes the event that proves
when and why, and moves the candidate's stage as domain/offer_stages.py says. A move made by the recruiter goes
through `OfferService.move`, which also asks for what the status claims: Approved needs an approval on record,
Letter sent needs the letter (or how it was sent), a decline its reason code, a rescind its reason in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.candidates import Stage
from offerdesk.domain.clock import utc_now
from offerdesk.domain.offer_stages import stage_after
from offerdesk.domain.offers import (
    IRREVERSIBLE,
    REASON_REQUIRED,
    Approver,
    LetterSending,
    OfferDetail,
    OfferRow,
    OfferStatus,
    check_transition,
    missing_reason,
)
from offerdesk.domain.text_rules import check_text
from offerdesk.errors import EditConflict, ValidationError
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.undo import UndoRecord
from offerdesk.storage import offers as repository
from offerdesk.storage.db import Database
from offerdesk.storage.tables import AppMeta, Approval, CandidateStageEvent, LetterExport, Offer, OfferStatusEvent

PROGRAM_ACTOR = "OfferDesk"
MAX_NOTE = 10_000
"""Who a change the program makes by itself is recorded as (an offer expiring, say), when no recruiter is named."""
_RECRUITER_SETTING = "setting:recruiter.name"
_DECIDING = (OfferStatus.VERBALLY_ACCEPTED, OfferStatus.SIGNED, OfferStatus.DECLINED)


def parse_status(text: str) -> OfferStatus:
    """“letter_sent”, “letter-sent” and “Letter sent” (the code or the words a table shows) are one status."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    for status in OfferStatus:
        if key in (status.value, "_".join(status.label.lower().split())):
            return status
    names = ", ".join(status.value for status in OfferStatus)
    raise ValidationError(f"“{text}” is not an offer status; use one of: {names}.")


@dataclass(frozen=True)
class StageMove:
    """A candidate's stage moved by their offer; `event` is the stage event written (for Undo)."""

    first_name: str
    before: Stage
    after: Stage
    event: CandidateStageEvent


def follow_stage(
    session: Session, offer: Offer, status: OfferStatus, *, actor: str = "", new_offer: bool = False
) -> StageMove | None:
    """Move the candidate's stage as their latest offer's status says (domain/offer_stages.py), recording who did.

    An older offer of theirs moves nothing: while a fresh offer is out, rescinding the one it replaces does not
    end the candidacy.
    """
    candidate = offer.candidate
    if repository.latest_offer_id(session, candidate.id) != offer.id:
        return None
    target = stage_after(status, candidate.stage, new_offer=new_offer)
    if target is None:
        return None
    stored = session.get(AppMeta, _RECRUITER_SETTING)
    who = actor or (stored.value if stored and stored.value else "") or offer.recruiter or PROGRAM_ACTOR
    event = CandidateStageEvent(candidate_id=candidate.id, from_stage=candidate.stage, to_stage=target, actor=who)
    session.add(event)
    before, candidate.stage = candidate.stage, target
    return StageMove(candidate.first_name or candidate.last_name, before, target, event)


def record_transition(
    session: Session,
    offer: Offer,
    target: OfferStatus,
    *,
    at: datetime | None = None,
    reason_code: str = "",
    note: str = "",
    actor: str = "",
    stage_follows: bool = True,
) -> StageMove | None:
    """Move an offer to `target` if the lifecycle allows it, write the event that proves when and why, and move
    the candidate's stage with it (unless `stage_follows` is False: a history written as authored, the demo's)."""
    check_transition(offer.status, target)
    problem = missing_reason(target, reason_code, note)
    if problem is not None:
        raise ValidationError(problem)
    moment = at or utc_now()
    offer.events.append(
        OfferStatusEvent(
            at=moment,
            from_status=offer.status,
            to_status=target,
            reason_code=reason_code,
            note=note.strip(),
            actor=actor,
        )
    )
    offer.status = target
    offer.status_changed_at = moment
    offer.updated_at = moment
    if target in (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT) and offer.extended_at is None:
        offer.extended_at = moment
    if target in _DECIDING and offer.decided_at is None:
        offer.decided_at = moment
    if target in REASON_REQUIRED:
        offer.decision_reason = reason_code
    return follow_stage(session, offer, target, actor=actor) if stage_follows else None


@dataclass(frozen=True)
class SentLetter:
    """A letter OfferDesk made for the offer's current version: one the recruiter can say they sent."""

    export_id: int
    file_name: str
    version: int
    exported_at: datetime


@dataclass(frozen=True)
class StatusMove:
    """What a move did, in the words the editor, the status bar and the command line show."""

    offer_id: int
    candidate_name: str
    before: OfferStatus
    after: OfferStatus
    stage: StageMove | None
    undo: UndoRecord | None

    @property
    def stage_from(self) -> Stage | None:
        return self.stage.before if self.stage else None

    @property
    def stage_to(self) -> Stage | None:
        return self.stage.after if self.stage else None

    @property
    def sentence(self) -> str:
        moved = f" {self.stage.first_name}'s stage moved to {self.stage.after.label}." if self.stage else ""
        return f"{self.candidate_name}'s offer is now {self.after.label.lower()}.{moved}"


@dataclass(frozen=True)
class _Reversal:
    """Everything a move changed, so Undo can put it back as it was."""

    offer_id: int
    event_id: int
    before: OfferStatus
    after: OfferStatus
    status_changed_at: datetime
    updated_at: datetime
    extended_at: datetime | None
    decided_at: datetime | None
    decision_reason: str
    approval_id: int | None
    stage_event_id: int | None
    stage_before: Stage | None
    stage_after: Stage | None


def _name(offer: Offer) -> str:
    candidate = offer.candidate
    return f"{candidate.first_name} {candidate.last_name}".strip()


def _offer_words(offer: Offer) -> str:
    return f"Offer {offer.id} for {_name(offer)}"


def _current_letters(session: Session, offer: Offer) -> list[SentLetter]:
    version = repository.get_version(offer).number
    rows = session.scalars(
        select(LetterExport)
        .where(LetterExport.offer_id == offer.id, LetterExport.version_number == version)
        .order_by(LetterExport.exported_at.desc(), LetterExport.id.desc())
    )
    return [
        SentLetter(row.id, PurePath(row.docx_path or row.pdf_path).name, row.version_number, row.exported_at)
        for row in rows
    ]


def _standing_approval(offer: Offer) -> Approval | None:
    """The latest decision that still counts (not voided by a key change since)."""
    standing = [approval for approval in offer.approvals if not approval.voided]
    return max(standing, key=lambda approval: approval.id) if standing else None


def _approval_note(offer: Offer, approver: Approver | None) -> tuple[str, Approval | None]:
    """Approved claims someone approved it: record the approver given with the move, or find one on record."""
    if approver is not None and approver.name.strip():
        approval = Approval(
            version_number=repository.get_version(offer).number,
            approver_name=approver.name.strip(),
            approver_role=approver.role.strip(),
            decision="approved",
            decided_at=utc_now(),
        )
        offer.approvals.append(approval)
        return f"Approved by {Approver(approval.approver_name, approval.approver_role).words}.", approval
    standing = _standing_approval(offer)
    if standing is None:
        raise ValidationError(
            f"{_offer_words(offer)} cannot become approved: no approval is recorded for it. Record who approved "
            "it first (the editor asks; on the command line give --approver “Name, role”)."
        )
    if standing.decision != "approved":
        raise ValidationError(
            f"{_offer_words(offer)} cannot become approved: {standing.approver_name} rejected it, and that is "
            "the latest decision on record. Record a new approval first."
        )
    return "", None


def _letter_note(session: Session, offer: Offer, sending: LetterSending | None) -> str:
    """Letter sent claims a letter went out: name the OfferDesk letter, or how it was sent another way."""
    letters = _current_letters(session, offer)
    if sending is not None and sending.export_id is not None:
        chosen = next((letter for letter in letters if letter.export_id == sending.export_id), None)
        if chosen is None:
            raise ValidationError(
                f"{_offer_words(offer)}: that letter is not one made for its current version; choose a letter "
                "of this version or say how it was sent another way."
            )
        return f"Sent from OfferDesk letter {chosen.file_name}"
    if sending is not None and sending.other_way.strip():
        return f"Sent another way: {sending.other_way.strip()}"
    if sending is None and letters:
        return f"Sent from OfferDesk letter {letters[0].file_name}"
    version = repository.get_version(offer).number
    raise ValidationError(
        f"{_offer_words(offer)} has no letter made in OfferDesk for version {version}, so it cannot become letter "
        "sent yet: make the letter first, or say how it was sent another way (on the command line: "
        "--sent-another-way “how”)."
    )


def _joined(evidence: str, note: str) -> str:
    note = note.strip()
    return f"{evidence} — {note}" if evidence and note else evidence or note


class OfferService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def list(self, status: OfferStatus | None = None, candidate_id: int | None = None) -> list[OfferRow]:
        with self._database.transaction(read_only=True) as session:
            return repository.offer_rows(session, status=status, candidate_id=candidate_id)

    def count(self, status: OfferStatus | None = None) -> int:
        with self._database.transaction(read_only=True) as session:
            return repository.count_offers(session, status)

    def detail(self, offer_id: int) -> OfferDetail:
        with self._database.transaction(read_only=True) as session:
            return repository.offer_detail(session, offer_id)

    def latest_id(self, candidate_id: int) -> int | None:
        """The candidate's most recently made offer, the one calls and comparisons are about."""
        with self._database.transaction(read_only=True) as session:
            return repository.latest_offer_id(session, candidate_id)

    def approval_on_record(self, offer_id: int) -> str | None:
        """The name of whoever approved the offer, when that approval still stands (so moving needs no one)."""
        with self._database.transaction() as session:
            standing = _standing_approval(repository.get_offer(session, offer_id))
            return standing.approver_name if standing is not None and standing.decision == "approved" else None

    def letters(self, offer_id: int) -> tuple[SentLetter, ...]:
        """The letters OfferDesk made for the offer's current version, newest first."""
        with self._database.transaction() as session:
            return tuple(_current_letters(session, repository.get_offer(session, offer_id)))

    def set_status(self, offer_id: int, target: OfferStatus, reason_code: str = "", note: str = "") -> Changes:
        """`move` for callers that only need what changed."""
        return self.move(offer_id, target, reason_code=reason_code, note=note).changes

    def move(
        self,
        offer_id: int,
        target: OfferStatus,
        *,
        reason_code: str = "",
        note: str = "",
        approver: Approver | None = None,
        sending: LetterSending | None = None,
        expected_version: int | None = None,
    ) -> Outcome[StatusMove]:
        """The recruiter moves an offer: one transaction for the status, its evidence, the stage and the history.

        `expected_version` is the offer's row version when it was read: a save made since refuses the move."""
        from offerdesk.services.candidates.records import CandidateRecords

        note = check_text(note, "Reason", MAX_NOTE, multiline=True)
        if approver is not None:
            check_text(approver.name, "Approver", 200)
            check_text(approver.role, "Approver role", 200)
        if sending is not None:
            check_text(sending.other_way, "How the letter was sent", MAX_NOTE, multiline=True)
        actor = CandidateRecords(self._database).actor()
        with self._database.transaction() as session:
            offer = repository.get_offer(session, offer_id)
            if expected_version is not None and offer.row_version != expected_version:
                raise EditConflict(
                    f"Someone else saved offer {offer_id} after you read it (you read row version "
                    f"{expected_version}, it is now {offer.row_version}); nothing was changed. Look at it again "
                    f"(offerdesk offers show {offer_id}), then move it with --if-version {offer.row_version}.",
                    f"offer {offer_id}",
                )
            check_transition(offer.status, target)
            before = offer.status
            remembered = (offer.status_changed_at, offer.updated_at, offer.extended_at, offer.decided_at)
            decision_reason = offer.decision_reason
            evidence, approval = "", None
            if target is OfferStatus.APPROVED:
                evidence, approval = _approval_note(offer, approver)
            elif target is OfferStatus.LETTER_SENT:
                evidence = _letter_note(session, offer, sending)
            stage = record_transition(
                session, offer, target, reason_code=reason_code, note=_joined(evidence, note), actor=actor
            )
            session.flush()
            name = _name(offer)
            undo = None
            if target not in IRREVERSIBLE:
                reversal = _Reversal(
                    offer.id, offer.events[-1].id, before, target, *remembered, decision_reason,
                    approval.id if approval is not None else None,
                    stage.event.id if stage else None, stage.before if stage else None, stage.after if stage else None,
                )  # fmt: skip
                undo = UndoRecord(f"{target.label} for {name}", lambda: self._take_back(reversal))
            moved = StatusMove(offer.id, name, before, target, stage, undo)
        return Outcome(moved, Changes.of(Kind.OFFERS, Kind.CANDIDATES))

    def _take_back(self, reversal: _Reversal) -> Outcome[str]:
        """Undo a move as if it never happened (the metrics read the history), if nothing has happened since."""
        with self._database.transaction() as session:
            offer = repository.get_offer(session, reversal.offer_id)
            latest = max(offer.events, key=lambda event: (event.at, event.id))
            if offer.status is not reversal.after or latest.id != reversal.event_id:
                raise ValidationError(
                    f"{_offer_words(offer)} has moved on since it became {reversal.after.label.lower()} (it is now "
                    f"{offer.status.label.lower()}), so that change was not undone."
                )
            offer.events.remove(latest)
            offer.status = reversal.before
            offer.status_changed_at, offer.updated_at = reversal.status_changed_at, reversal.updated_at
            offer.extended_at, offer.decided_at = reversal.extended_at, reversal.decided_at
            offer.decision_reason = reversal.decision_reason
            approval = session.get(Approval, reversal.approval_id) if reversal.approval_id is not None else None
            if approval is not None:
                offer.approvals.remove(approval)
            sentence = f"{_name(offer)}'s offer is back to {reversal.before.label}"
            candidate = offer.candidate
            stage_event = session.get(CandidateStageEvent, reversal.stage_event_id) if reversal.stage_event_id else None
            if stage_event is not None and reversal.stage_before is not None:
                first = candidate.first_name or candidate.last_name
                if candidate.stage is reversal.stage_after:
                    candidate.stage = reversal.stage_before
                    session.delete(stage_event)
                    sentence += f"; {first}'s stage is back to {reversal.stage_before.label}"
                else:
                    sentence += f"; {first}'s stage stays {candidate.stage.label}, as it was set since"
        return Outcome(f"{sentence}.", Changes.of(Kind.OFFERS, Kind.CANDIDATES))
