"""What the coach reads: the logged calls with their recruiter and objections, practice firsts, drills, and who
"you" are (the recruiter name in the settings, else the one with the most calls)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from offerdesk.domain.labels import reason_label
from offerdesk.services.coach.figures import CoachCall, DrillView
from offerdesk.storage.db import Database
from offerdesk.storage.tables import CallLog, CallObjection, PracticeDrill, PracticeResult

RECRUITER_SETTING = "recruiter.name"


@dataclass(frozen=True)
class Recruiter:
    """Whose numbers "yours" are: `name` ("" for every call), `owner` (whom drills and practice are filed under),
    `alone` (nobody else logged calls, so there are no team figures), and `whose`, the sentence saying so."""

    name: str
    owner: str
    alone: bool
    whose: str

    def owns(self, recruiter: str) -> bool:
        return not self.name or recruiter.casefold() == self.name.casefold()


def read_calls(session: Session) -> list[CoachCall]:
    """Every call about an offer, oldest first, with its objection codes."""
    codes: dict[int, list[str]] = defaultdict(list)
    for call_id, code in session.execute(
        select(CallObjection.call_id, CallObjection.code).order_by(CallObjection.code)
    ):
        codes[call_id].append(code)
    statement = (
        select(CallLog.id, CallLog.offer_id, CallLog.recruiter, CallLog.started_at, CallLog.ask_style)
        .where(CallLog.offer_id.is_not(None))
        .order_by(CallLog.started_at, CallLog.id)
    )
    return [
        CoachCall(
            row.id,
            row.offer_id,
            row.recruiter or "",
            row.started_at,
            row.ask_style.value if row.ask_style else "",
            tuple(codes.get(row.id, ())),
        )
        for row in session.execute(statement)
    ]


def call_counts(calls: Sequence[CoachCall]) -> Counter[str]:
    """Calls per named recruiter (calls logged without a name belong to nobody in particular)."""
    return Counter(call.recruiter for call in calls if call.recruiter.strip())


def resolve_recruiter(counts: Counter[str], chosen: str, setting: str) -> Recruiter:
    """`chosen` (the --recruiter option) wins, then the settings' recruiter name; without either, the one
    recruiter with calls means all calls are "yours", and several mean the one with the most calls."""
    name = chosen.strip() or setting.strip()
    if name:
        others = {who for who in counts if who.casefold() != name.casefold()}
        whose = f"These are {name}'s calls"
        if not any(who.casefold() == name.casefold() for who in counts):
            whose = f"No calls about offers are logged by {name} yet (a call is filed under its offer's recruiter)"
        if not others:
            return Recruiter(
                name, name, True, whose + "; nobody else has logged calls here, so there is no team to compare."
            )
        return Recruiter(name, name, False, whose + "; the team is every recruiter's calls in this database.")
    if len(counts) <= 1:
        owner = next(iter(counts), "")
        return Recruiter(
            "",
            owner,
            True,
            "These are all the calls in this database (no recruiter name is set in "
            "Letter settings, and no more than one recruiter has logged calls).",
        )
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return Recruiter(
        top,
        top,
        False,
        f"These are {top}'s calls, the recruiter with the most calls (set your own "
        "name as Recruiter name in Letter settings); the team is every recruiter's calls.",
    )


def recruiter_of(database: Database, chosen: str = "") -> Recruiter:
    """Who is practising or being coached right now, by the rule of `resolve_recruiter`."""
    from offerdesk.services.setup.settings import SettingsService

    setting = SettingsService(database).all().get(RECRUITER_SETTING, "")
    statement = (
        select(CallLog.recruiter, func.count(CallLog.id))
        .where(CallLog.offer_id.is_not(None), CallLog.recruiter != "")
        .group_by(CallLog.recruiter)
    )
    with database.transaction(read_only=True) as session:
        counts = Counter({name: count for name, count in session.execute(statement) if name.strip()})
    return resolve_recruiter(counts, chosen, setting)


def practice_firsts(session: Session, who: Recruiter) -> dict[str, tuple[datetime, int]]:
    """Code → (first practice, number of practices) of this recruiter; practice from before practices named
    their recruiter counts when there is nobody else to be."""
    statement = select(
        PracticeResult.objection_code, func.min(PracticeResult.practiced_at), func.count(PracticeResult.id)
    ).group_by(PracticeResult.objection_code)
    if who.name:
        names = [who.name, ""] if who.alone else [who.name]
        statement = statement.where(func.lower(PracticeResult.recruiter).in_([n.lower() for n in names]))
    return {code: (first, count) for code, first, count in session.execute(statement)}


def _view(row: PracticeDrill) -> DrillView:
    return DrillView(
        row.id,
        row.objection_code,
        reason_label(row.objection_code),
        row.recruiter,
        row.due_on,
        row.reason,
        row.created_at,
        row.done_at,
        row.practice_result_id,
    )


def read_drills(session: Session, owner: str) -> list[DrillView]:
    """The owner's drills: open ones first by due day, then the done ones, latest first."""
    rows = session.scalars(select(PracticeDrill).where(PracticeDrill.recruiter == owner).order_by(PracticeDrill.id))
    drills = [_view(row) for row in rows]
    open_ = sorted((d for d in drills if d.is_open), key=lambda d: (d.due_on, d.id))
    done = sorted((d for d in drills if not d.is_open), key=lambda d: (d.done_at or datetime.min, d.id), reverse=True)
    return open_ + done
