"""Candidates, their pipeline stage and the pre-close profile that tells whether they will say yes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from offerdesk.domain.money import Money
from offerdesk.domain.offers import OfferStatus
from offerdesk.domain.wording import plural


class Stage(StrEnum):
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    HIRED = "hired"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        from offerdesk.domain.labels import label

        return label(self)


class CounterofferRisk(StrEnum):
    UNKNOWN = "unknown"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class CandidateSort(StrEnum):
    """The columns the candidate list can be sorted by (the database sorts)."""

    NAME = "name"
    EMAIL = "email"
    STAGE = "stage"
    ROLE = "role"
    LOCATION = "location"
    OFFER_STATUS = "offer_status"
    READINESS = "readiness"
    PHONE = "phone"
    RECRUITER = "recruiter"
    SOURCE = "source"
    TAGS = "tags"
    UPDATED = "updated"


@dataclass(frozen=True)
class CandidateRow:
    """One line of the candidate list."""

    id: int
    full_name: str
    email: str
    stage: Stage
    role_title: str
    location: str
    offer_status: OfferStatus | None
    readiness: int | None
    phone: str = ""  # E.164 as stored; domain.candidate_record.display_phone shows it
    recruiter: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    archived: bool = False
    updated_at: datetime | None = None


@dataclass(frozen=True)
class CompetingProcess:
    company: str
    kind: str  # process, offer or counteroffer
    stage: str
    deadline: date | None
    pay_text: str = ""
    base: Money | None = None
    bonus: Money | None = None  # at target, per year
    equity_annual: Money | None = None  # at the recruiter's stated assumption, per year
    sign_on: Money | None = None


@dataclass(frozen=True)
class PreCloseProfile:
    motivators: str = ""
    criteria: str = ""
    decision_makers: str = ""
    timeline: str = ""
    notice_period_days: int | None = None
    expected_pay: Money | None = None
    counteroffer_risk: CounterofferRisk = CounterofferRisk.UNKNOWN
    readiness: int | None = None
    needs: str = ""
    decision_deadline: date | None = None


@dataclass(frozen=True)
class CandidateDetail:
    row: CandidateRow
    first_name: str
    last_name: str
    phone: str
    source: str
    notes: str
    profile: PreCloseProfile
    competing: tuple[CompetingProcess, ...]
    role_team: str = ""
    role_manager: str = ""

    def unknowns(self) -> list[str]:
        """What the recruiter has not yet learnt before asking; each item is a sentence for the prep panel."""
        profile = self.profile
        missing = []
        if not profile.motivators:
            missing.append("No motivators recorded: why are they looking?")
        if not profile.criteria:
            missing.append("No decision criteria recorded.")
        if not profile.decision_makers:
            missing.append("No decision makers recorded.")
        if profile.decision_deadline is None:
            missing.append("No decision deadline recorded.")
        if profile.notice_period_days is None:
            missing.append("No notice period recorded.")
        if profile.expected_pay is None:
            missing.append("No expected pay recorded.")
        if profile.counteroffer_risk is CounterofferRisk.UNKNOWN:
            missing.append("Counteroffer risk not assessed.")
        if profile.readiness is None:
            missing.append("No readiness score (1–10) yet.")
        return missing

    def likely_objections(self) -> list[tuple[str, str]]:
        """Objection codes the profile makes likely, each with the reason, so the recruiter prepares for them."""
        profile = self.profile
        likely: list[tuple[str, str]] = []
        if any(process.kind != "counteroffer" for process in self.competing):
            companies = ", ".join(p.company for p in self.competing if p.kind != "counteroffer")
            likely.append(("COMPETING_OFFER", f"Other processes running: {companies}."))
        if profile.counteroffer_risk in (CounterofferRisk.MEDIUM, CounterofferRisk.HIGH) or any(
            process.kind == "counteroffer" for process in self.competing
        ):
            likely.append(("COUNTEROFFER", f"Counteroffer risk is {profile.counteroffer_risk.value}."))
        needs = profile.needs.lower()
        if "reloc" in needs or "move" in needs:
            likely.append(("RELOCATION_FAMILY", "Relocation is part of the move."))
        if "remote" in needs or "hybrid" in needs:
            likely.append(("REMOTE_POLICY", "Remote or hybrid work was named as a need."))
        if profile.notice_period_days is not None and profile.notice_period_days > 45:
            likely.append(("START_NOTICE", f"Notice period is {plural(profile.notice_period_days, 'day')}."))
        makers = profile.decision_makers.lower()
        if any(word in makers for word in ("partner", "spouse", "wife", "husband", "family")):
            likely.append(("PARTNER_DECISION", "Someone else shares the decision."))
        if profile.readiness is not None and profile.readiness < 8:
            likely.append(("NEED_TIME", f"Readiness is {profile.readiness}/10."))
        return likely
