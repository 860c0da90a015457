"""Practice mode: drill the objection library, self-score each answer against LAER, and see which objections
still need work.

A drill is scored by the recruiter on four rubric items taken from the domain guide (§2–§3): they acknowledged
the concern, probed for the real issue, used a lever, and asked again. The score is how many were met (0–4).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.clock import utc_now
from offerdesk.errors import ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Objection, PracticeResult

MODES = ("random", "weakest")
MAX_SCORE = 4
TREND_WINDOW = 3

Trend = Literal["improving", "steady", "slipping", ""]


@dataclass(frozen=True)
class ObjectionProgress:
    """How practice on one objection is going; `trend` stays "" until there are two full windows to compare."""

    code: str
    title: str
    attempts: int
    average_score: float | None
    best: int | None
    last_score: int | None
    last_practiced: datetime | None
    trend: Trend


@dataclass(frozen=True)
class PracticeAttempt:
    """One recorded drill, with its rubric and the score derived from it."""

    id: int
    code: str
    practiced_at: datetime
    duration_seconds: int | None
    acknowledged: bool
    probed: bool
    used_lever: bool
    asked_again: bool
    notes: str

    @property
    def score(self) -> int:
        return score_of(self.acknowledged, self.probed, self.used_lever, self.asked_again)


def score_of(acknowledged: bool, probed: bool, used_lever: bool, asked_again: bool) -> int:
    """One point per rubric item met, so every item weighs the same and the score reads as "n of 4"."""
    return sum((acknowledged, probed, used_lever, asked_again))


def trend_of(scores: Sequence[int]) -> Trend:
    """Compare the last three scores with the three before; fewer than six scores is too little to call."""
    if len(scores) < 2 * TREND_WINDOW:
        return ""
    recent = sum(scores[-TREND_WINDOW:])
    before = sum(scores[-2 * TREND_WINDOW : -TREND_WINDOW])
    # Equal windows, so comparing sums compares means without float rounding.
    if recent > before:
        return "improving"
    if recent < before:
        return "slipping"
    return "steady"


def _attempt(row: PracticeResult) -> PracticeAttempt:
    return PracticeAttempt(
        row.id,
        row.objection_code,
        row.practiced_at,
        row.duration_seconds,
        row.acknowledged,
        row.probed,
        row.used_lever,
        row.asked_again,
        row.notes,
    )


def _library(session: Session) -> dict[str, str]:
    """Code → title of the objections a recruiter can practise (archived ones are out), in library order."""
    statement = select(Objection.code, Objection.title).where(~Objection.archived).order_by(Objection.id)
    return {code: title for code, title in session.execute(statement)}


def _weakest_key(progress: ObjectionProgress) -> tuple[bool, float, datetime]:
    """Never practised first, then the lowest average, then the one left alone longest."""
    return (
        progress.attempts > 0,
        progress.average_score if progress.average_score is not None else 0.0,
        progress.last_practiced or datetime.min,
    )


class PracticeService:
    """Drills over the active (unarchived) objection library; results live in `practice_results`."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def next_drill(self, mode: str = "random", rng: random.Random | None = None, exclude: str | None = None) -> str:
        """The objection to practise next.

        `exclude` is the code just practised: it is skipped (in both modes) whenever another objection is left,
        so the same drill never comes up twice in a row.
        """
        if mode not in MODES:
            raise ValidationError(f"“{mode}” is not a practice mode; choose random or weakest.")
        if mode == "weakest":
            codes = [progress.code for progress in self.history()]
        else:
            with self._database.transaction() as session:
                codes = list(_library(session))
        if not codes:
            raise ValidationError("The objection library is empty, so there is nothing to practise.")
        if len(codes) > 1 and exclude in codes:
            codes.remove(exclude)
        if mode == "weakest":
            return codes[0]
        return (rng or random.Random()).choice(codes)

    def prompt(self, code: str) -> tuple[str, list[str]]:
        """The objection's title and the candidate phrasings, so a drill can open with words a candidate says."""
        with self._database.transaction() as session:
            row = session.scalar(select(Objection).where(Objection.code == code, ~Objection.archived))
            if row is None:
                raise ValidationError(f"“{code}” is not an objection in the library.")
            return row.title, [str(phrase) for phrase in row.says]

    def record(
        self,
        code: str,
        duration_seconds: int,
        acknowledged: bool,
        probed: bool,
        used_lever: bool,
        asked_again: bool,
        notes: str = "",
        recruiter: str | None = None,
    ) -> Changes:
        """Store one self-scored drill in a single transaction, under the recruiter practising (by default the one
        the coach counts as "you"), and mark that recruiter's open coach drill on the code done by it."""
        from offerdesk.services.coach.drills import complete_drills
        from offerdesk.services.coach.reading import recruiter_of

        if duration_seconds < 0:
            raise ValidationError(f"A drill cannot last {duration_seconds} seconds; the time must be zero or more.")
        owner = recruiter if recruiter is not None else recruiter_of(self._database).owner
        with self._database.transaction() as session:
            if code not in _library(session):
                raise ValidationError(f"“{code}” is not an objection in the library, so the drill was not saved.")
            result = PracticeResult(
                objection_code=code,
                practiced_at=utc_now(),
                duration_seconds=duration_seconds,
                acknowledged=acknowledged,
                probed=probed,
                used_lever=used_lever,
                asked_again=asked_again,
                notes=notes.strip(),
                recruiter=owner,
            )
            session.add(result)
            session.flush()
            complete_drills(session, code, owner, result.id, result.practiced_at)
        return Changes.of(Kind.CONTENT)

    def history(self) -> list[ObjectionProgress]:
        """Progress on every objection in the library, weakest first, so what needs work is at the top."""
        with self._database.transaction() as session:
            library = _library(session)
            scores: dict[str, list[int]] = {code: [] for code in library}
            last: dict[str, datetime] = {}
            statement = (
                select(PracticeResult)
                .where(PracticeResult.objection_code.in_(list(library)))
                .order_by(PracticeResult.practiced_at, PracticeResult.id)
            )
            for row in session.scalars(statement):
                scores[row.objection_code].append(
                    score_of(row.acknowledged, row.probed, row.used_lever, row.asked_again)
                )
                last[row.objection_code] = row.practiced_at
        progress = [
            ObjectionProgress(
                code=code,
                title=title,
                attempts=len(scores[code]),
                average_score=sum(scores[code]) / len(scores[code]) if scores[code] else None,
                best=max(scores[code]) if scores[code] else None,
                last_score=scores[code][-1] if scores[code] else None,
                last_practiced=last.get(code),
                trend=trend_of(scores[code]),
            )
            for code, title in library.items()
        ]
        return sorted(progress, key=_weakest_key)  # stable: equal keys keep library order

    def recent(self, code: str, limit: int = 10) -> list[PracticeAttempt]:
        """The latest drills on one objection, newest first, to show what was tried last time."""
        if limit < 1:
            raise ValidationError(f"Asked for {limit} recent drills; ask for at least one.")
        with self._database.transaction() as session:
            statement = (
                select(PracticeResult)
                .where(PracticeResult.objection_code == code)
                .order_by(PracticeResult.practiced_at.desc(), PracticeResult.id.desc())
                .limit(limit)
            )
            return [_attempt(row) for row in session.scalars(statement)]
