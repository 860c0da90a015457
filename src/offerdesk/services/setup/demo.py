"""Seeds, clears and rebuilds the demo data set so a new user sees a working OfferDesk at once."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete, select, update
from sqlalchemy.orm import Session

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.clock import today, utc_now
from offerdesk.domain.money import currency_exponent
from offerdesk.domain.offer_terms import ComponentTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, EquityKind, OfferStatus, OfferType, PayFrequency, PayUnit
from offerdesk.domain.wording import plural
from offerdesk.services.changes import Changes, Outcome
from offerdesk.services.offers.status import record_transition
from offerdesk.services.setup.backups import backup_before
from offerdesk.services.setup.demo_data import CANDIDATES, ROLES, DemoCandidate, DemoOffer, DemoRole
from offerdesk.services.setup.settings import seed_demo_settings
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.ownership import written_by_the_program
from offerdesk.storage.tables import (
    AppMeta,
    Approval,
    CallLog,
    CallObjection,
    Candidate,
    CompetingOffer,
    FollowUp,
    Offer,
    OfferStatusEvent,
    OfferVersion,
    PayBand,
    PreCloseProfileRow,
    Role,
)

DEMO_KEY = "demo_seeded"
DEMO_DAY_KEY = "demo_seeded_on"
RECRUITER = "Sam Rivera"


def _minor(whole: int, currency: str) -> int:
    return int(whole * 10 ** currency_exponent(currency))


def _email(first: str, last: str) -> str:
    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return plain.lower().replace("'", "").replace(" ", "") + "@example.com"


def _role_row(role: DemoRole, opened: date) -> Role:
    low, mid, high = (_minor(value, role.currency) for value in role.band)
    return Role(
        title=role.title,
        department=role.department,
        level=role.level,
        location=role.location,
        hiring_manager=role.hiring_manager,
        recruiter=RECRUITER,
        opened_on=opened,
        is_demo=True,
        pay_bands=[
            PayBand(currency=role.currency, location=role.location, min_minor=low, mid_minor=mid, max_minor=high)
        ],
    )


def _version(
    role: DemoRole, number: int, base: int, sign_on: int, start: date, at: datetime, reason: str = ""
) -> OfferVersion:
    """One demo version, written through the offer gateway like any other."""
    currency = role.currency
    components = [ComponentTerms(ComponentKind.BASE, "Base salary", _minor(base, currency), currency, PayUnit.YEAR)]
    equity: tuple[EquityTerms, ...] = ()
    if role.key == "ae":
        components.append(
            ComponentTerms(ComponentKind.COMMISSION, "Commission at 100% of quota", _minor(base * 2 // 3, currency),
                           currency, PayUnit.YEAR, notes="OTE split 60/40")
        )  # fmt: skip
    else:
        components.append(
            ComponentTerms(ComponentKind.BONUS, "Annual bonus target", None, currency, PayUnit.YEAR, percent_bp=1000)
        )
        equity = (
            EquityTerms(EquityKind.RSU, 1_200, currency, assumed_value_minor=_minor(40, currency), vesting_start=start,
                        vesting_months=48, cliff_months=12),
        )  # fmt: skip
    if sign_on:
        components.append(
            ComponentTerms(ComponentKind.SIGN_ON, "Sign-on bonus", _minor(sign_on, currency), currency, PayUnit.ONCE,
                           clawback_months=12)
        )  # fmt: skip
    terms = OfferTerms(
        offer_type=OfferType.WRITTEN,  # offer-level facts are written with the offer itself
        currency=currency,
        title=role.title,
        level=role.level,
        department=role.department,
        reports_to=role.hiring_manager,
        start_date=start,
        location=role.location,
        remote_days=2 if role.key == "backend" else 1,
        probation_months=6 if role.key == "backend" else None,
        pay_frequency=PayFrequency.MONTHLY,
        benefits_note="Health, dental and vision from day one",
        pto_note="28 days paid leave" if role.key == "backend" else "20 days PTO",
        required_agreements=("Confidentiality agreement", "IP assignment"),
        components=tuple(components),
        equity=equity,
    )
    return gateway.new_version(number, terms, created_at=at, reason_code=reason)


DEMO_APPROVER = ("Daniel Brooks", "Hiring manager")


def _offer_row(
    session: Session,
    person: DemoCandidate,
    spec: DemoOffer,
    role: DemoRole,
    role_id: int,
    candidate: Candidate,
    now: datetime,
    day: date,
) -> Offer:
    drafted = now - timedelta(days=spec.days_ago, hours=3)
    start = day + timedelta(days=30 + (person.notice_days or 30))
    offer = Offer(
        candidate=candidate,
        role_id=role_id,
        offer_type=spec.offer_type,
        locale=role.locale,
        currency=role.currency,
        recruiter=RECRUITER,
        created_at=drafted,
        updated_at=drafted,
        status=OfferStatus.DRAFT,
        status_changed_at=drafted,
        is_demo=True,
        events=[OfferStatusEvent(at=drafted, to_status=OfferStatus.DRAFT, actor=RECRUITER)],
        expires_on=day + timedelta(days=spec.expires_in) if spec.path else None,
        versions=[_version(role, 1, spec.base, spec.sign_on, start, drafted)],
    )
    session.add(offer)
    step = timedelta(days=spec.days_ago) / (len(spec.path) + 1)
    for index, status in enumerate(spec.path, start=1):
        at = drafted + step * index
        reason = spec.reason if status in (OfferStatus.DECLINED, OfferStatus.RENEGED) else ""
        note = "The role was closed before the start date" if status is OfferStatus.RESCINDED else ""
        if status is OfferStatus.APPROVED:  # the demo keeps the rule the user is held to: approved means on record
            name, role_title = DEMO_APPROVER
            offer.approvals.append(Approval(version_number=len(offer.versions), approver_name=name,
                                            approver_role=role_title, decision="approved", decided_at=at))  # fmt: skip
        record_transition(session, offer, status, at=at, reason_code=reason, note=note, actor=RECRUITER,
                          stage_follows=False)  # fmt: skip
        if status is OfferStatus.VERBAL_EXTENDED and spec.revised_base:
            offer.versions.append(
                _version(role, 2, spec.revised_base, spec.sign_on, start, at + step / 2, reason=spec.reason)
            )
    return offer


def seed_demo(session: Session, day: date | None = None) -> Changes:
    """Add the demo set (marked is_demo, so it can be cleared without touching the user's own records).

    Every date in it counts from one day, read once, so a seed that runs across midnight is still one story; the day
    is recorded, so anything that reasons about the demo can ask which day it was written for."""
    with written_by_the_program(session):
        return _add_demo_records(session, day or today())


def demo_seeded_on(session: Session) -> date | None:
    """The day the demo set's dates count from, or None before any seed."""
    row = session.get(AppMeta, DEMO_DAY_KEY)
    return date.fromisoformat(row.value) if row is not None else None


def _add_demo_records(session: Session, day: date) -> Changes:
    now = utc_now()
    roles: dict[str, tuple[DemoRole, Role]] = {}
    for role in ROLES:
        row = _role_row(role, day - timedelta(days=60))
        session.add(row)
        roles[role.key] = (role, row)
    session.flush()
    for person in CANDIDATES:
        role, role_row = roles[person.role]
        candidate = Candidate(
            first_name=person.first,
            last_name=person.last,
            email=_email(person.first, person.last),
            phone="",
            location=person.location,
            source=person.source,
            stage=person.stage,
            role_id=role_row.id,
            recruiter=RECRUITER,
            is_demo=True,
        )
        session.add(candidate)
        if person.motivators or person.readiness is not None:
            candidate.profile = PreCloseProfileRow(
                motivators=person.motivators,
                criteria=person.criteria,
                decision_makers=person.decision_makers,
                notice_period_days=person.notice_days,
                counteroffer_risk=person.risk,
                readiness=person.readiness,
                needs=person.needs,
                expected_pay_minor=_minor(person.expected, role.currency) if person.expected else None,
                expected_pay_currency=role.currency if person.expected else "",
                decision_deadline=day + timedelta(days=person.deadline_in) if person.deadline_in is not None else None,
            )
        for company, kind, stage in person.competing:
            candidate.competing.append(
                CompetingOffer(company=company, kind=kind, stage=stage, deadline=day + timedelta(days=5))
            )
        offer = (
            _offer_row(session, person, person.offer, role, role_row.id, candidate, now, day) if person.offer else None
        )
        session.flush()
        for index, call in enumerate(person.calls):
            started = (offer.extended_at if offer and offer.extended_at else now) + timedelta(hours=2 + index * 30)
            log = CallLog(
                candidate_id=candidate.id,
                offer_id=offer.id if offer else None,
                ask_style=call.ask_style,
                outcome=call.outcome,
                notes=call.notes,
                started_at=started,
                duration_seconds=900,
                recruiter=RECRUITER,
                objections=[CallObjection(code=code) for code in call.objections],
            )
            session.add(log)
            if call.outcome is CallOutcome.NEED_TIME:
                session.add(
                    FollowUp(
                        candidate_id=candidate.id,
                        offer_id=offer.id if offer else None,
                        kind="decision_check_in",
                        due_on=day + timedelta(days=1),
                        note="Check in before the decision deadline.",
                    )
                )
        if offer is not None and offer.status is OfferStatus.VERBAL_EXTENDED:
            session.add(
                FollowUp(
                    candidate_id=candidate.id,
                    offer_id=offer.id,
                    kind="send_letter",
                    due_on=day,
                    note="Send the written offer the same day as the verbal one.",
                )
            )
    seed_demo_settings(session)
    _set_meta(session, DEMO_KEY, "yes")
    _set_meta(session, DEMO_DAY_KEY, day.isoformat())
    return Changes.everything()


@dataclass(frozen=True)
class DemoClearReport:
    """What Clear Demo Data removed, and where the copy made first is."""

    candidates: int
    offers: int
    roles: int
    backup: Path | None = None

    def sentence(self) -> str:
        parts = [_count(self.candidates, "demo candidate"), _count(self.offers, "demo offer"),
                 _count(self.roles, "demo role")]  # fmt: skip
        saved = f" A copy of the database was saved first: {self.backup}." if self.backup else ""
        return f"Removed {', '.join(parts)}; your own records stay.{saved}"


def _deleted(session: Session, statement: Delete) -> int:
    return int(cast("CursorResult[Any]", session.execute(statement)).rowcount)


def _count(number: int, noun: str) -> str:
    return plural(number, noun)


def clear_demo(session: Session) -> DemoClearReport:
    """Remove the demo records nobody worked on; a demo record the user changed or built on is theirs now
    (storage/ownership.py marks it so as it is written), and a demo role their records use stays."""
    used_roles = (
        select(Offer.role_id)
        .where(~Offer.is_demo, Offer.role_id.is_not(None))
        .union(select(Candidate.role_id).where(~Candidate.is_demo, Candidate.role_id.is_not(None)))
    )
    session.execute(update(Role).where(Role.is_demo, Role.id.in_(used_roles)).values(is_demo=False))
    users_offers = select(Offer.candidate_id).where(~Offer.is_demo)
    session.execute(update(Candidate).where(Candidate.is_demo, Candidate.id.in_(users_offers)).values(is_demo=False))
    offers = _deleted(session, delete(Offer).where(Offer.is_demo))
    candidates = _deleted(session, delete(Candidate).where(Candidate.is_demo))
    roles = _deleted(session, delete(Role).where(Role.is_demo))
    _set_meta(session, DEMO_KEY, "cleared")
    return DemoClearReport(candidates, offers, roles)


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


class DemoService:
    def __init__(self, database: Database, backup_dir: Path | None = None) -> None:
        self._database = database
        self._backup_dir = backup_dir

    def reset(self) -> Changes:
        """Back up a SQLite file first (a reset clears the demo records too), then seed the demo afresh."""
        backup_before(self._database, self._backup_dir, "before-clear-demo")
        with self._database.transaction() as session:
            clear_demo(session)
            session.flush()
            return seed_demo(session)

    def clear(self) -> Changes:
        return self.clear_with_report().changes

    def clear_with_report(self) -> Outcome[DemoClearReport]:
        """Back up a SQLite file first, then remove the demo records nobody worked on."""
        backup = backup_before(self._database, self._backup_dir, "before-clear-demo")
        with self._database.transaction() as session:
            report = clear_demo(session)
        return Outcome(replace(report, backup=backup), Changes.everything())

    def has_demo_data(self) -> bool:
        with self._database.transaction() as session:
            return session.scalar(select(Candidate.id).where(Candidate.is_demo).limit(1)) is not None
