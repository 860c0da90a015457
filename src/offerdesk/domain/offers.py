"""Offer types, statuses and the lifecycle rules between them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from offerdesk.errors import TransitionError


class OfferType(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    CONDITIONAL = "conditional"
    REVISED = "revised"
    INTERNAL = "internal"
    CONTRACT = "contract"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    OfferType.VERBAL: "Verbal offer",
    OfferType.WRITTEN: "Written offer",
    OfferType.CONDITIONAL: "Conditional offer",
    OfferType.REVISED: "Revised offer",
    OfferType.INTERNAL: "Internal move",
    OfferType.CONTRACT: "Contract",
}


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
        return self.value.replace("_", " ").capitalize()

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


def check_transition(current: OfferStatus, target: OfferStatus) -> None:
    """Raise TransitionError with a sentence naming both statuses when the move is not allowed."""
    if target not in ALLOWED_TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.value for s in ALLOWED_TRANSITIONS[current])) or "none (it is final)"
        raise TransitionError(
            f"An offer that is {current.value} cannot become {target.value}; allowed next: {allowed}."
        )


class ComponentKind(StrEnum):
    BASE = "base"
    BONUS = "bonus"
    COMMISSION = "commission"
    SIGN_ON = "sign_on"
    RELOCATION = "relocation"
    ALLOWANCE = "allowance"
    OTHER = "other"


class PayUnit(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    HOUR = "hour"
    ONCE = "once"


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
class ComponentView:
    kind: ComponentKind
    label: str
    amount_minor: int | None
    currency: str
    unit: PayUnit
    percent: float | None


@dataclass(frozen=True)
class StatusEventView:
    at: datetime
    from_status: OfferStatus | None
    to_status: OfferStatus
    reason_code: str | None
    note: str


@dataclass(frozen=True)
class OfferDetail:
    """An offer with its current version's terms and its history, for the editor panel."""

    row: OfferRow
    title: str
    locale: str
    start_date: date | None
    location: str
    remote_days: int | None
    employment_type: str
    components: tuple[ComponentView, ...]
    history: tuple[StatusEventView, ...]
    contingencies: tuple[tuple[str, str], ...]
