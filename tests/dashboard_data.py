"""A hand-built set of offers for the dashboard, moved through the real lifecycle at chosen (UTC) times.

Every expected number in the tests that use it is worked out from this table by hand:

  A1  verbal   ext Jan 10 09:00 → verbally accepted Jan 12 09:00 (2 days) → letter Jan 13 → signed Jan 14
              → started Feb 15
  A2  written  ext Feb 1 00:30 → signed Feb 5 00:30 (4 days)
  A3  verbal   ext Mar 1 10:00 → verbally accepted Mar 9 10:00 (8 days)
  G1  written  ext Jan 31 23:00 → verbally accepted Feb 6 23:00 (6 days) → reneged Mar 2 (COUNTEROFFER)
  D1  verbal   ext Jan 20 → declined Jan 22 (COMP_LOW)
  D2  written  ext Mar 3 → declined Mar 5 (COMPETING_OFFER)
  R1  written  ext Feb 10 → rescinded Feb 12 (before any answer)
  R2  verbal   ext Feb 15 → verbally accepted Feb 17 (2 days) → rescinded Feb 20 (after the yes)
  E1  written  ext Mar 10 → expired Mar 24
  O1  written  ext Mar 20 (open)
  N1  approved, never extended

All in 2027. Calls (latest per offer decides its ask style): A1 direct (COMP_LOW), D1 direct (COMP_LOW),
A3 assumptive (START_NOTICE), O1 summary + direct (NEED_TIME).
"""

from __future__ import annotations

from datetime import datetime

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.services.offers.status import record_transition
from offerdesk.storage.db import Database
from offerdesk.storage.tables import CallLog, CallObjection, Candidate, Offer, Role

S = OfferStatus
Step = tuple[str, OfferStatus, str]

HISTORIES: dict[str, tuple[OfferType, list[Step]]] = {
    "A1": (OfferType.VERBAL, [("01-10 09:00", S.VERBAL_EXTENDED, ""), ("01-12 09:00", S.VERBALLY_ACCEPTED, ""),
                              ("01-13 09:00", S.LETTER_SENT, ""), ("01-14 09:00", S.SIGNED, ""),
                              ("02-15 09:00", S.STARTED, "")]),
    "A2": (OfferType.WRITTEN, [("02-01 00:30", S.LETTER_SENT, ""), ("02-05 00:30", S.SIGNED, "")]),
    "A3": (OfferType.VERBAL, [("03-01 10:00", S.VERBAL_EXTENDED, ""), ("03-09 10:00", S.VERBALLY_ACCEPTED, "")]),
    "G1": (OfferType.WRITTEN, [("01-31 23:00", S.LETTER_SENT, ""), ("02-06 23:00", S.VERBALLY_ACCEPTED, ""),
                               ("03-02 09:00", S.RENEGED, "COUNTEROFFER")]),
    "D1": (OfferType.VERBAL, [("01-20 09:00", S.VERBAL_EXTENDED, ""), ("01-22 09:00", S.DECLINED, "COMP_LOW")]),
    "D2": (OfferType.WRITTEN, [("03-03 09:00", S.LETTER_SENT, ""), ("03-05 09:00", S.DECLINED, "COMPETING_OFFER")]),
    "R1": (OfferType.WRITTEN, [("02-10 09:00", S.LETTER_SENT, ""), ("02-12 09:00", S.RESCINDED, "")]),
    "R2": (OfferType.VERBAL, [("02-15 09:00", S.VERBAL_EXTENDED, ""), ("02-17 09:00", S.VERBALLY_ACCEPTED, ""),
                              ("02-20 09:00", S.RESCINDED, "")]),
    "E1": (OfferType.WRITTEN, [("03-10 09:00", S.LETTER_SENT, ""), ("03-24 09:00", S.EXPIRED, "")]),
    "O1": (OfferType.WRITTEN, [("03-20 09:00", S.LETTER_SENT, "")]),
    "N1": (OfferType.WRITTEN, []),
}  # fmt: skip
CALLS: list[tuple[str, str, AskStyle, CallOutcome, tuple[str, ...]]] = [
    ("A1", "01-11 10:00", AskStyle.DIRECT, CallOutcome.YES, ("COMP_LOW",)),
    ("D1", "01-21 10:00", AskStyle.DIRECT, CallOutcome.NO, ("COMP_LOW",)),
    ("A3", "03-08 10:00", AskStyle.ASSUMPTIVE, CallOutcome.YES, ("START_NOTICE",)),
    ("O1", "03-21 10:00", AskStyle.SUMMARY_DIRECT, CallOutcome.NEED_TIME, ("NEED_TIME",)),
]


def at(text: str) -> datetime:
    """A 2027 moment in UTC, as the database stores it (naive)."""
    return datetime.strptime(f"2027-{text}", "%Y-%m-%d %H:%M")


def build_offers(database: Database) -> dict[str, int]:
    """Write the offers and calls above into an empty database; name → offer id."""
    ids: dict[str, int] = {}
    with database.transaction() as session:
        role = Role(title="Engineer")
        session.add(role)
        for name, (offer_type, steps) in HISTORIES.items():
            created = at("01-02 08:00")
            offer = Offer(candidate=Candidate(first_name="Cand", last_name=name), role=role, offer_type=offer_type,
                          status=S.DRAFT, currency="EUR", recruiter="Rita", created_at=created)  # fmt: skip
            session.add(offer)
            record_transition(session, offer, S.APPROVED, at=created)
            for when, status, reason in steps:
                note = "The role was closed" if status is S.RESCINDED else ""  # a rescind is explained in words
                record_transition(session, offer, status, at=at(when), reason_code=reason, note=note)
            session.flush()
            ids[name] = offer.id
        for name, when, style, outcome, codes in CALLS:
            offer = session.get(Offer, ids[name])
            assert offer is not None
            session.add(CallLog(candidate_id=offer.candidate_id, offer_id=offer.id, ask_style=style, outcome=outcome,
                                started_at=at(when), objections=[CallObjection(code=c) for c in codes]))  # fmt: skip
    return ids
