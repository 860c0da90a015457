"""The demo data set: two roles with pay bands and twenty candidates at every stage of the offer.

Dates are relative to today so expiry dates, deadlines and follow-ups always look current.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.candidates import CounterofferRisk, Stage
from offerdesk.domain.offers import OfferStatus, OfferType

S = OfferStatus


@dataclass(frozen=True)
class DemoRole:
    key: str
    title: str
    department: str
    level: str
    location: str
    hiring_manager: str
    currency: str
    band: tuple[int, int, int]  # whole currency units per year: min, mid, max
    locale: str


@dataclass(frozen=True)
class DemoOffer:
    offer_type: OfferType
    path: tuple[OfferStatus, ...]  # statuses after draft, in order
    base: int
    days_ago: int  # when the offer was drafted
    reason: str = ""
    revised_base: int | None = None  # a second version after negotiation
    sign_on: int = 0
    expires_in: int = 10


@dataclass(frozen=True)
class DemoCall:
    ask_style: AskStyle
    outcome: CallOutcome
    objections: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class DemoCandidate:
    first: str
    last: str
    role: str
    stage: Stage
    location: str
    source: str
    motivators: str = ""
    criteria: str = ""
    decision_makers: str = ""
    notice_days: int | None = None
    expected: int | None = None
    risk: CounterofferRisk = CounterofferRisk.UNKNOWN
    readiness: int | None = None
    needs: str = ""
    deadline_in: int | None = None
    competing: tuple[tuple[str, str, str], ...] = ()  # (company, kind, stage)
    offer: DemoOffer | None = None
    calls: tuple[DemoCall, ...] = field(default_factory=tuple)


ROLES = (
    DemoRole(
        "backend",
        "Senior Backend Engineer",
        "Engineering",
        "L5",
        "Berlin",
        "Miriam Okafor",
        "EUR",
        (78_000, 90_000, 102_000),
        "de_DE",
    ),
    DemoRole(
        "ae",
        "Account Executive, Mid-Market",
        "Sales",
        "AE2",
        "New York",
        "Daniel Brooks",
        "USD",
        (85_000, 95_000, 110_000),
        "en_US",
    ),
)

CANDIDATES = (
    DemoCandidate(
        "Aisha",
        "Rahman",
        "backend",
        Stage.OFFER,
        "Berlin",
        "Referral",
        motivators="Wants ownership of a platform; current team is stalled",
        criteria="Scope, team, pay",
        decision_makers="Herself",
        notice_days=90,
        expected=92_000,
        risk=CounterofferRisk.HIGH,
        readiness=7,
        deadline_in=4,
        competing=(("Northwind GmbH", "offer", "Offer received"),),
        offer=DemoOffer(OfferType.WRITTEN, (S.APPROVED, S.VERBAL_EXTENDED, S.LETTER_SENT), 90_000, 6),
        calls=(
            DemoCall(
                AskStyle.SUMMARY_DIRECT,
                CallOutcome.NEED_TIME,
                ("COMPETING_OFFER", "NEED_TIME"),
                "Wants to compare with Northwind by Friday.",
            ),
        ),
    ),
    DemoCandidate(
        "Lukas",
        "Becker",
        "backend",
        Stage.OFFER,
        "Hamburg",
        "LinkedIn",
        motivators="Relocating closer to family",
        criteria="Remote days, stability",
        decision_makers="Partner",
        notice_days=30,
        expected=88_000,
        risk=CounterofferRisk.LOW,
        readiness=9,
        needs="Relocation from Hamburg",
        deadline_in=6,
        offer=DemoOffer(OfferType.VERBAL, (S.APPROVED, S.VERBAL_EXTENDED), 88_000, 2),
    ),
    DemoCandidate(
        "Sofia",
        "Marín",
        "backend",
        Stage.HIRED,
        "Berlin",
        "Careers page",
        motivators="Growth into tech lead",
        criteria="Growth path",
        decision_makers="Herself",
        notice_days=60,
        expected=95_000,
        risk=CounterofferRisk.MEDIUM,
        readiness=10,
        offer=DemoOffer(
            OfferType.WRITTEN,
            (S.APPROVED, S.VERBAL_EXTENDED, S.LETTER_SENT, S.VERBALLY_ACCEPTED, S.SIGNED, S.STARTED),
            94_000,
            70,
            revised_base=97_000,
            reason="COMP_LOW",
        ),
        calls=(
            DemoCall(AskStyle.DIRECT, CallOutcome.COUNTER, ("COMP_LOW",), "Asked for 97k."),
            DemoCall(AskStyle.ASSUMPTIVE, CallOutcome.YES, (), "Accepted the revised offer."),
        ),
    ),
    DemoCandidate(
        "Tomasz",
        "Nowak",
        "backend",
        Stage.DECLINED,
        "Warsaw",
        "Agency",
        motivators="Pay",
        criteria="Base salary",
        decision_makers="Himself",
        notice_days=30,
        expected=105_000,
        risk=CounterofferRisk.HIGH,
        readiness=5,
        offer=DemoOffer(OfferType.WRITTEN, (S.APPROVED, S.VERBAL_EXTENDED, S.DECLINED), 92_000, 30, reason="COMP_LOW"),
        calls=(DemoCall(AskStyle.DIRECT, CallOutcome.NO, ("COMP_LOW",), "Gap of 13k, outside band."),),
    ),
    DemoCandidate(
        "Hannah",
        "Schulz",
        "backend",
        Stage.OFFER,
        "Berlin",
        "Referral",
        motivators="Better engineering culture",
        criteria="Team, remote",
        decision_makers="Herself",
        notice_days=90,
        risk=CounterofferRisk.MEDIUM,
        readiness=8,
        needs="Two remote days",
        offer=DemoOffer(OfferType.CONDITIONAL, (S.APPROVED,), 89_000, 1),
    ),
    DemoCandidate(
        "Kwame",
        "Mensah",
        "backend",
        Stage.FINAL_ROUND,
        "Berlin",
        "LinkedIn",
        motivators="Wants to work on distributed systems",
        readiness=6,
    ),
    DemoCandidate("Elena", "Petrova", "backend", Stage.INTERVIEWING, "Munich", "Careers page"),
    DemoCandidate("Jonas", "Weber", "backend", Stage.SCREENING, "Berlin", "LinkedIn"),
    DemoCandidate(
        "Priya",
        "Nair",
        "backend",
        Stage.OFFER,
        "Berlin",
        "Referral",
        motivators="Mission",
        criteria="Equity, growth",
        decision_makers="Herself and her husband",
        notice_days=60,
        expected=96_000,
        risk=CounterofferRisk.LOW,
        readiness=6,
        deadline_in=-2,
        offer=DemoOffer(
            OfferType.WRITTEN,
            (S.APPROVED, S.VERBAL_EXTENDED, S.LETTER_SENT, S.EXPIRED),
            93_000,
            25,
            expires_in=-2,
        ),
    ),
    DemoCandidate("Marco", "Rossi", "backend", Stage.WITHDRAWN, "Milan", "Agency"),
    DemoCandidate(
        "Olivia",
        "Carter",
        "ae",
        Stage.OFFER,
        "New York",
        "Referral",
        motivators="Bigger territory",
        criteria="OTE, territory",
        decision_makers="Herself",
        notice_days=14,
        expected=100_000,
        risk=CounterofferRisk.MEDIUM,
        readiness=9,
        deadline_in=3,
        offer=DemoOffer(
            OfferType.WRITTEN, (S.APPROVED, S.VERBAL_EXTENDED, S.VERBALLY_ACCEPTED), 98_000, 5, sign_on=5_000
        ),
        calls=(DemoCall(AskStyle.ALTERNATIVE, CallOutcome.YES, (), "Start on the 3rd."),),
    ),
    DemoCandidate(
        "Marcus",
        "Johnson",
        "ae",
        Stage.DECLINED,
        "Brooklyn",
        "LinkedIn",
        motivators="Commission upside",
        criteria="OTE",
        decision_makers="Himself",
        notice_days=14,
        risk=CounterofferRisk.HIGH,
        readiness=7,
        competing=(("Acme Corp", "offer", "Offer accepted"),),
        offer=DemoOffer(
            OfferType.WRITTEN,
            (S.APPROVED, S.VERBAL_EXTENDED, S.LETTER_SENT, S.DECLINED),
            95_000,
            40,
            reason="COMPETING_OFFER",
        ),
        calls=(DemoCall(AskStyle.TIMELINE, CallOutcome.NO, ("COMPETING_OFFER",), "Took Acme."),),
    ),
    DemoCandidate(
        "Emily",
        "Chen",
        "ae",
        Stage.HIRED,
        "New York",
        "Careers page",
        motivators="Enterprise path",
        criteria="Growth",
        decision_makers="Herself",
        notice_days=14,
        risk=CounterofferRisk.LOW,
        readiness=10,
        offer=DemoOffer(OfferType.WRITTEN, (S.APPROVED, S.VERBAL_EXTENDED, S.LETTER_SENT, S.SIGNED), 96_000, 20),
        calls=(DemoCall(AskStyle.DIRECT, CallOutcome.YES),),
    ),
    DemoCandidate(
        "David",
        "Kim",
        "ae",
        Stage.OFFER,
        "Jersey City",
        "Agency",
        motivators="Leaving a reorganised team",
        criteria="Stability, OTE",
        decision_makers="Himself",
        notice_days=14,
        expected=97_000,
        risk=CounterofferRisk.HIGH,
        readiness=8,
        competing=(("Current employer", "counteroffer", "Counteroffer made"),),
        offer=DemoOffer(
            OfferType.WRITTEN,
            (S.APPROVED, S.VERBAL_EXTENDED, S.LETTER_SENT, S.VERBALLY_ACCEPTED, S.RENEGED),
            95_000,
            35,
            reason="COUNTEROFFER",
        ),
        calls=(DemoCall(AskStyle.DIRECT, CallOutcome.YES),),
    ),
    DemoCandidate(
        "Grace",
        "Okonkwo",
        "ae",
        Stage.OFFER,
        "New York",
        "Referral",
        motivators="Wants a manager who coaches",
        criteria="Manager, OTE",
        notice_days=14,
        readiness=7,
        offer=DemoOffer(OfferType.WRITTEN, (), 94_000, 0),
    ),
    DemoCandidate(
        "Ryan",
        "O'Connor",
        "ae",
        Stage.FINAL_ROUND,
        "Boston",
        "LinkedIn",
        motivators="Move to a product company",
        needs="Relocation from Boston",
        readiness=7,
    ),
    DemoCandidate("Fatima", "Al-Sayed", "ae", Stage.FINAL_ROUND, "New York", "Referral"),
    DemoCandidate("Noah", "Williams", "ae", Stage.INTERVIEWING, "Hoboken", "Careers page"),
    DemoCandidate("Chloé", "Dubois", "ae", Stage.INTERVIEWING, "New York", "Agency"),
    DemoCandidate("Ben", "Goldberg", "ae", Stage.SCREENING, "New York", "LinkedIn"),
)
