"""The coach's hand-built team (see tests/unit/services/test_coach.py for the table and the worked numbers):
Rita and Sam's offers and calls, inserted through the ORM into a real database."""

from __future__ import annotations

from datetime import date, datetime

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import CallLog, CallObjection, Candidate, Offer, OfferStatusEvent

S = OfferStatus
A = AskStyle
PATHS = {
    "accepted": [S.LETTER_SENT, S.SIGNED],
    "declined": [S.LETTER_SENT, S.DECLINED],
    "expired": [S.LETTER_SENT, S.EXPIRED],
    "open": [S.LETTER_SENT],
    "rescinded": [S.LETTER_SENT, S.RESCINDED],
}
VERBAL_PATHS = {"accepted": [S.VERBAL_EXTENDED, S.VERBALLY_ACCEPTED], "expired": [S.VERBAL_EXTENDED, S.EXPIRED]}
CL, CO = "COMP_LOW", "COMPETING_OFFER"
OFFERS: list[tuple[str, str, str, bool, list[tuple[int, AskStyle, tuple[str, ...]]]]] = [
    ("R1", "Rita", "accepted", False, [(1, A.CONDITIONAL, (CL,)), (2, A.DIRECT, (CL,))]),
    ("R2", "Rita", "declined", False, [(3, A.DIRECT, (CL, CO))]),
    ("R3", "Rita", "declined", False, [(4, A.ASSUMPTIVE, (CL,))]),
    ("R4", "Rita", "accepted", True, [(5, A.ASSUMPTIVE, (CL,))]),
    ("R5", "Rita", "expired", True, [(6, A.DIRECT, (CL,))]),
    ("R6", "Rita", "open", False, [(7, A.DIRECT, (CL,))]),
    ("R7", "Rita", "rescinded", False, [(8, A.DIRECT, (CL,))]),
    ("R8", "Rita", "declined", False, [(9, A.DIRECT, (CO,))]),
    ("R9", "Rita", "accepted", False, [(10, A.TIMELINE, (CO,))]),
    ("R10", "Rita", "declined", False, [(11, A.DIRECT, (CO,))]),
    *((f"S{n}", "Sam", "accepted", False, [(12, A.DIRECT, (CL,))]) for n in (1, 2, 3)),
    *((f"S{n}", "Sam", "accepted", False, [(13, A.TIMELINE, (CO,))]) for n in (4, 5, 6, 7)),
    *((f"S{n}", "Sam", "declined", False, [(13, A.TIMELINE, (CO,))]) for n in (8, 9)),
]
TODAY = date(2026, 3, 20)


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 3, day, hour)


def build_team(empty_services: Services) -> dict[str, int]:
    """The offers and calls above, Rita as the settings' recruiter; returns name → offer id."""
    ids: dict[str, int] = {}
    with empty_services.database.transaction() as session:
        for name, recruiter, outcome, verbal, calls in OFFERS:
            path = (VERBAL_PATHS if verbal else PATHS)[outcome]
            offer = Offer(candidate=Candidate(first_name="Cand", last_name=name), status=path[-1], currency="EUR",
                          offer_type=OfferType.VERBAL if verbal else OfferType.WRITTEN, recruiter=recruiter,
                          decision_reason="COMP_LOW" if outcome == "declined" else "",
                          created_at=_at(1, 8))  # fmt: skip
            first_day = calls[0][0]
            offer.events = [OfferStatusEvent(at=_at(first_day, 9), to_status=path[0])]
            offer.events += [OfferStatusEvent(at=_at(first_day + 1, 9), to_status=status,
                                              reason_code="COMP_LOW" if status is S.DECLINED else "")
                             for status in path[1:]]  # fmt: skip
            session.add(offer)
            session.flush()
            ids[name] = offer.id
            for day, style, codes in calls:
                session.add(CallLog(candidate_id=offer.candidate_id, offer_id=offer.id, ask_style=style,
                                    outcome=CallOutcome.NEED_TIME, started_at=_at(day), recruiter=recruiter,
                                    objections=[CallObjection(code=code) for code in codes]))  # fmt: skip
    empty_services.settings.set("recruiter.name", "Rita")
    return ids
