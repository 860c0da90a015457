"""The retention rule: a candidate whose process ended without a hire is anonymised some months after the last
thing that happened with them.

The rule applies to a candidate none of whose offers is open or accepted (each declined, expired, rescinded or
reneged), who either had an offer or whose stage is declined or withdrawn. The clock runs from their last activity:
an edit of the candidate or their profile, a stage change, an offer (a version, a status change, a letter), a
competing offer, a call, or a follow-up (its due day or when it was done). Anything new starts it again.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from offerdesk.domain.candidates import Stage
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import ValidationError
from offerdesk.services.privacy.anonymise import is_anonymised
from offerdesk.storage.tables import (
    CallLog,
    Candidate,
    CandidateStageEvent,
    CompetingOffer,
    FollowUp,
    LetterExport,
    Offer,
    OfferStatusEvent,
    OfferVersion,
    PreCloseProfileRow,
)

SETTING = "privacy.retention.rejected_months"
MAX_MONTHS = 240
ENDED = frozenset({OfferStatus.DECLINED, OfferStatus.EXPIRED, OfferStatus.RESCINDED, OfferStatus.RENEGED})
CLOSED_STAGES = frozenset({Stage.DECLINED, Stage.WITHDRAWN})


@dataclass(frozen=True)
class Due:
    """One candidate the rule anonymises: who, why, and when they were last active."""

    candidate_id: int
    name: str
    why: str
    last_activity: datetime
    due_since: datetime


def retention_months(value: str) -> int | None:
    """The setting as a number of months; None when it is empty (the rule is off)."""
    text = value.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_MONTHS:
        raise ValidationError(
            f"{SETTING} is a number of months from 1 to {MAX_MONTHS} (or empty to switch the rule off), not “{value}”."
        )
    return int(text)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, the month's last day where it is shorter (31 January + 1 → 28/29 February)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _as_moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def _latest(session: Session) -> dict[int, datetime]:
    """Each candidate's last activity, from one grouped query per kind of record."""
    per_candidate: list[Any] = [
        select(Candidate.id, Candidate.updated_at),
        select(PreCloseProfileRow.candidate_id, PreCloseProfileRow.updated_at),
        select(CandidateStageEvent.candidate_id, func.max(CandidateStageEvent.at)).group_by(
            CandidateStageEvent.candidate_id
        ),
        select(CompetingOffer.candidate_id, func.max(CompetingOffer.created_at)).group_by(CompetingOffer.candidate_id),
        select(CallLog.candidate_id, func.max(CallLog.started_at)).group_by(CallLog.candidate_id),
        select(FollowUp.candidate_id, func.max(FollowUp.done_at)).group_by(FollowUp.candidate_id),
        select(FollowUp.candidate_id, func.max(FollowUp.due_on)).group_by(FollowUp.candidate_id),
        select(Offer.candidate_id, func.max(Offer.updated_at)).group_by(Offer.candidate_id),
        select(Offer.candidate_id, func.max(Offer.status_changed_at)).group_by(Offer.candidate_id),
    ]
    for table, column in ((OfferVersion, OfferVersion.created_at), (OfferStatusEvent, OfferStatusEvent.at),
                          (LetterExport, LetterExport.exported_at)):  # fmt: skip
        per_candidate.append(
            select(Offer.candidate_id, func.max(column))
            .join(table, table.offer_id == Offer.id)
            .group_by(Offer.candidate_id)
        )
    latest: dict[int, datetime] = {}
    for statement in per_candidate:
        for candidate_id, value in session.execute(statement):
            moment = _as_moment(value)
            if moment is not None and (candidate_id not in latest or moment > latest[candidate_id]):
                latest[candidate_id] = moment
    return latest


def _why(stage: Stage, statuses: Sequence[OfferStatus]) -> str | None:
    """Why the rule applies to a candidate, or None when it does not."""
    if any(status not in ENDED for status in statuses):
        return None
    if statuses:
        counts: dict[str, int] = defaultdict(int)
        for status in statuses:
            counts[status.value] += 1
        ended = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
        return f"every offer ended ({ended})"
    if stage in CLOSED_STAGES:
        return f"stage {stage.value}, no offer"
    return None


def due_candidates(session: Session, months: int, now: datetime) -> list[Due]:
    """Who the rule anonymises at `now`, longest inactive first."""
    statuses: dict[int, list[OfferStatus]] = defaultdict(list)
    for candidate_id, status in session.execute(select(Offer.candidate_id, Offer.status)):
        statuses[candidate_id].append(status)
    latest = _latest(session)
    due: list[Due] = []
    rows = session.execute(select(Candidate.id, Candidate.first_name, Candidate.last_name, Candidate.stage))
    for candidate_id, first, last, stage in rows:
        if is_anonymised(first, last, candidate_id):
            continue
        why = _why(stage, statuses.get(candidate_id, []))
        active = latest.get(candidate_id)
        if why is None or active is None:
            continue
        since = add_months(active, months)
        if since <= now:
            name = f"{first} {last}".strip()
            due.append(Due(candidate_id, name, why, active, since))
    return sorted(due, key=lambda d: (d.last_activity, d.candidate_id))
