"""Offer types, statuses and the lifecycle rules between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.errors import TransitionError

if TYPE_CHECKING:
    from offerdesk.domain.offer_terms import OfferTerms


class OfferType(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    CONDITIONAL = "conditional"
    REVISED = "revised"
    INTERNAL = "internal"
    CONTRACT = "contract"

    @property
    def label(self) -> str:
        from offerdesk.domain.labels import label

        return label(self)


class OfferStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    VERBAL_EXTENDED = "verbal_extended"
    LETTER_SENT = "letter_sent"
    VERBALLY_ACCEPTED = "verbally_accepted"
    SIGNED = "signed"
    DECLINED = "declined"
    EXPIRED = "expired"
    RESCINDED = "rescinded"
    RENEGED = "reneged"
    STARTED = "started"

    @property
    def label(self) -> str:
        from offerdesk.domain.labels import label

        return label(self)

    @property
    def is_extended(self) -> bool:
        """The candidate has heard the offer: from here on a material change makes a new version."""
        return self not in (OfferStatus.DRAFT, OfferStatus.APPROVED)

    @property
    def is_open(self) -> bool:
        """Extended and waiting for the candidate's answer."""
        return self in (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT)

    @property
    def is_final(self) -> bool:
        return not ALLOWED_TRANSITIONS[self]


_S = OfferStatus
ALLOWED_TRANSITIONS: Mapping[OfferStatus, frozenset[OfferStatus]] = {
    _S.DRAFT: frozenset({_S.APPROVED, _S.RESCINDED}),
    _S.APPROVED: frozenset({_S.DRAFT, _S.VERBAL_EXTENDED, _S.LETTER_SENT, _S.RESCINDED}),
    _S.VERBAL_EXTENDED: frozenset({_S.LETTER_SENT, _S.VERBALLY_ACCEPTED, _S.DECLINED, _S.EXPIRED, _S.RESCINDED}),
    _S.LETTER_SENT: frozenset({_S.VERBALLY_ACCEPTED, _S.SIGNED, _S.DECLINED, _S.EXPIRED, _S.RESCINDED}),
    _S.VERBALLY_ACCEPTED: frozenset({_S.LETTER_SENT, _S.SIGNED, _S.RENEGED, _S.RESCINDED}),
    _S.SIGNED: frozenset({_S.STARTED, _S.RENEGED, _S.RESCINDED}),
    _S.DECLINED: frozenset(),
    _S.EXPIRED: frozenset(),
    _S.RESCINDED: frozenset(),
    _S.RENEGED: frozenset(),
    _S.STARTED: frozenset(),
}

REASON_REQUIRED = frozenset({OfferStatus.DECLINED, OfferStatus.RENEGED})
"""Moves that need a decline reason code (the objection codes, or OTHER), which the decline-reason metric counts."""
NOTE_REQUIRED = frozenset({OfferStatus.RESCINDED})
"""Moves that need a reason in words: the company withdrawing an offer has to say why, for the record."""
IRREVERSIBLE = frozenset({OfferStatus.RESCINDED})
"""Moves that are never taken back, not even in the session they were made in: the company has withdrawn its word
(which can carry legal weight, see promissory estoppel), and the way back is a new offer. A decline, renege or
expiry records what the candidate did; a mistaken record of it can be undone in the session."""


def check_transition(current: OfferStatus, target: OfferStatus) -> None:
    """Raise TransitionError with a sentence naming both statuses when the move is not allowed."""
    if target not in ALLOWED_TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.label.lower() for s in ALLOWED_TRANSITIONS[current])) or "none (it is final)"
        raise TransitionError(
            f"An offer that is {current.label.lower()} cannot become {target.label.lower()}; allowed next: {allowed}."
        )


class ComponentKind(StrEnum):
    BASE = "base"
    BONUS = "bonus"
    COMMISSION = "commission"
    SIGN_ON = "sign_on"
    RELOCATION = "relocation"
    ALLOWANCE = "allowance"
    OTHER = "other"

    @property
    def usual_unit(self) -> PayUnit:
        """The unit a new component of this kind starts with: a sign-on or relocation is paid once, the rest yearly."""
        return PayUnit.ONCE if self in (ComponentKind.SIGN_ON, ComponentKind.RELOCATION) else PayUnit.YEAR


class PayUnit(StrEnum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"
    ONCE = "once"

    @property
    def words(self) -> str:
        """As a letter says it: "per month", "one-off"."""
        return "one-off" if self is PayUnit.ONCE else f"per {self.value}"


class EmploymentType(StrEnum):
    FULL_TIME = "full_time"
    PART_TIME = "part_time"
    FIXED_TERM = "fixed_term"
    CONTRACT = "contract"
    CONTRACT_TO_HIRE = "contract_to_hire"

    @property
    def label(self) -> str:
        from offerdesk.domain.labels import label

        return label(self)


class PayFrequency(StrEnum):
    """How often pay reaches the bank account (not what the amount is per: that is PayUnit)."""

    MONTHLY = "monthly"
    SEMI_MONTHLY = "semi_monthly"
    FOUR_WEEKLY = "four_weekly"
    BIWEEKLY = "biweekly"
    WEEKLY = "weekly"

    @property
    def words(self) -> str:
        """As a letter says it: "You will be paid twice a month"."""
        return _FREQUENCY_WORDS[self]


_FREQUENCY_WORDS = {
    PayFrequency.MONTHLY: "monthly",
    PayFrequency.SEMI_MONTHLY: "twice a month",
    PayFrequency.FOUR_WEEKLY: "every four weeks",
    PayFrequency.BIWEEKLY: "every two weeks",
    PayFrequency.WEEKLY: "weekly",
}


class ContingencyKind(StrEnum):
    BACKGROUND = "background"
    REFERENCES = "references"
    RIGHT_TO_WORK = "right_to_work"
    DRUG_TEST = "drug_test"
    LICENCE = "licence"
    OTHER = "other"

    @property
    def label(self) -> str:
        from offerdesk.domain.labels import label

        return label(self)


class ContingencyStatus(StrEnum):
    PENDING = "pending"
    CLEARED = "cleared"
    FAILED = "failed"
    WAIVED = "waived"


class EquityKind(StrEnum):
    RSU = "rsu"
    OPTIONS = "options"

    @property
    def words(self) -> str:
        return "stock options" if self is EquityKind.OPTIONS else "restricted stock units"

    @property
    def short(self) -> str:
        return "options" if self is EquityKind.OPTIONS else "RSUs"


@dataclass(frozen=True)
class OfferRow:
    """One line of an offer list: what a recruiter scans for."""

    id: int
    candidate_id: int
    candidate_name: str
    role_title: str
    offer_type: OfferType
    status: OfferStatus
    version: int
    base_minor: int | None
    currency: str
    locale: str
    expires_on: date | None
    updated_at: datetime


@dataclass(frozen=True)
class StatusEventView:
    at: datetime
    from_status: OfferStatus | None
    to_status: OfferStatus
    reason_code: str | None
    note: str


@dataclass(frozen=True)
class CandidateFacts:
    """What a letter says about the candidate."""

    first_name: str
    last_name: str
    email: str = ""
    location: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class RoleFacts:
    """What a letter says about the requisition."""

    title: str
    department: str = ""
    hiring_manager: str = ""


@dataclass(frozen=True)
class OfferRecord:
    """One offer version as every reader needs it: the terms plus who and what it is for (no database rows)."""

    id: int
    candidate_id: int
    role_id: int | None
    status: OfferStatus
    version: int
    recruiter: str
    terms: OfferTerms
    candidate: CandidateFacts
    role: RoleFacts | None


@dataclass(frozen=True)
class OfferDetail:
    """An offer with its current version's terms and its history, for the offer panel and the editor."""

    row: OfferRow
    role_id: int | None
    terms: OfferTerms
    history: tuple[StatusEventView, ...]
    # The offer's row version as read: a save names it, so one over a newer save is refused. Bookkeeping, not
    # content: two details of the same offer compare equal across saves that changed nothing shown.
    row_version: int = field(default=0, compare=False)

    @property
    def locale(self) -> str:
        return self.terms.locale


# --- what a move asks first and what it needs ------------------------------------------------------------------

_QUESTIONS: Mapping[OfferStatus, tuple[str, str]] = {
    OfferStatus.DECLINED: ("Mark the offer to {who} declined?", "The offer is closed as turned down by the candidate."),
    OfferStatus.RENEGED: (
        "Mark the offer to {who} reneged?",
        "The candidate's acceptance is recorded as withdrawn and the offer is closed.",
    ),
    OfferStatus.EXPIRED: ("Mark the offer to {who} expired?", "The offer is closed without an answer."),
    OfferStatus.RESCINDED: (
        "Rescind the offer to {who}?",
        "The candidate's offer is withdrawn; this cannot be undone.",
    ),
}
ASKS_FIRST = frozenset(_QUESTIONS)
"""Moves that close the offer as lost: the recruiter confirms them after reading what will happen."""


def move_question(target: OfferStatus, candidate_name: str, role_title: str) -> str | None:
    """The confirmation a move that loses the offer needs, naming the offer; None when the move needs none."""
    if target not in _QUESTIONS:
        return None
    who = f"{candidate_name} ({role_title})" if role_title else candidate_name
    question, consequence = _QUESTIONS[target]
    return f"{question.format(who=who)} {consequence}"


def missing_reason(target: OfferStatus, reason_code: str, note: str) -> str | None:
    """The sentence saying which reason a move lacks, or None when it has what it needs."""
    if target in REASON_REQUIRED and reason_code not in DECLINE_REASONS:
        return f"Marking an offer {target.label.lower()} needs a reason code: one of {', '.join(DECLINE_REASONS)}."
    if target in NOTE_REQUIRED and not note.strip():
        return (
            f"Marking an offer {target.label.lower()} needs a reason in words (why the company withdraws it); "
            "it is kept in the offer's history."
        )
    return None


@dataclass(frozen=True)
class Approver:
    """Who approved an offer, given with the move to Approved so the approval and the move are recorded together."""

    name: str
    role: str = ""

    @classmethod
    def parse(cls, text: str) -> Approver:
        """“Miriam Okafor, Hiring manager” → name and role; the role is optional."""
        name, _comma, role = text.partition(",")
        return cls(name.strip(), role.strip())

    @property
    def words(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True)
class LetterSending:
    """How the letter reached the candidate: an OfferDesk letter (its export) or another way, in the recruiter's
    words. Letter sent without either would claim a letter nobody can show."""

    export_id: int | None = None
    other_way: str = ""
