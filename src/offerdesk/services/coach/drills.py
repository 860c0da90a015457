"""Drills on the objections a recruiter loses on: scheduled by the coach, done by the next practice of the code."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.services.coach.figures import ObjectionLoss
from offerdesk.storage.tables import Objection, PracticeDrill


def worth_a_drill(loss: ObjectionLoss) -> bool:
    """Only an objection after which the recruiter actually lost offers is worth drilling."""
    return loss.yours.decided > 0 and loss.yours.accepted < loss.yours.decided


def practisable_codes(session: Session) -> set[str]:
    """The codes practice can drill: the active (unarchived) objection library."""
    return set(session.scalars(select(Objection.code).where(~Objection.archived)))


def add_drills(
    session: Session, losses: list[ObjectionLoss], owner: str, count: int, today: date
) -> list[PracticeDrill]:
    """A drill for each of the `count` weakest losses without an open drill, one due each day from today."""
    open_codes = set(
        session.scalars(
            select(PracticeDrill.objection_code).where(
                PracticeDrill.recruiter == owner, PracticeDrill.done_at.is_(None)
            )
        )
    )
    library = practisable_codes(session)
    chosen = [loss for loss in losses if worth_a_drill(loss) and loss.code not in open_codes and loss.code in library]
    rows = [
        PracticeDrill(
            objection_code=loss.code, recruiter=owner, due_on=today + timedelta(days=index), reason=loss.sentence
        )
        for index, loss in enumerate(chosen[:count])
    ]
    session.add_all(rows)
    session.flush()
    return rows


def complete_drills(session: Session, code: str, owner: str, result_id: int, at: datetime) -> int:
    """Mark the owner's open drills on `code` done by this practice result; returns how many were open."""
    rows = list(
        session.scalars(
            select(PracticeDrill).where(
                PracticeDrill.objection_code == code, PracticeDrill.recruiter == owner, PracticeDrill.done_at.is_(None)
            )
        )
    )
    for row in rows:
        row.done_at = at
        row.practice_result_id = result_id
    return len(rows)
