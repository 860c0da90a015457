"""The domain's rules for a status move: which stage it gives the candidate, what it asks first, what it needs."""

from __future__ import annotations

import pytest

from offerdesk.domain.candidates import Stage
from offerdesk.domain.offer_stages import STAGE_RULES, stage_after
from offerdesk.domain.offers import IRREVERSIBLE, OfferStatus, missing_reason, move_question

S = OfferStatus


def test_every_status_has_one_stage_rule() -> None:
    assert set(STAGE_RULES) == set(OfferStatus)


@pytest.mark.parametrize(
    ("status", "current", "expected"),
    [
        (S.DRAFT, Stage.FINAL_ROUND, Stage.OFFER),
        (S.APPROVED, Stage.INTERVIEWING, Stage.OFFER),
        (S.LETTER_SENT, Stage.FINAL_ROUND, Stage.OFFER),
        (S.VERBAL_EXTENDED, Stage.OFFER, None),  # already there
        (S.VERBALLY_ACCEPTED, Stage.OFFER, None),  # a verbal yes is not a hire yet
        (S.SIGNED, Stage.OFFER, Stage.HIRED),
        (S.STARTED, Stage.HIRED, None),
        (S.LETTER_SENT, Stage.HIRED, None),  # never backwards: the recruiter set Hired
        (S.LETTER_SENT, Stage.DECLINED, None),  # nor out of a closed stage set by hand
        (S.DECLINED, Stage.HIRED, Stage.DECLINED),  # the candidate's answer is the last word
        (S.RENEGED, Stage.HIRED, Stage.DECLINED),
        (S.EXPIRED, Stage.OFFER, Stage.DECLINED),
        (S.RESCINDED, Stage.OFFER, Stage.WITHDRAWN),
    ],
)
def test_stage_after_a_move(status: OfferStatus, current: Stage, expected: Stage | None) -> None:
    assert stage_after(status, current) == expected


def test_a_new_offer_reopens_a_closed_candidate_but_never_unhires() -> None:
    assert stage_after(S.DRAFT, Stage.DECLINED, new_offer=True) is Stage.OFFER
    assert stage_after(S.DRAFT, Stage.WITHDRAWN, new_offer=True) is Stage.OFFER
    assert stage_after(S.DRAFT, Stage.HIRED, new_offer=True) is None


def test_rescinding_is_the_one_move_that_cannot_be_undone() -> None:
    assert frozenset({S.RESCINDED}) == IRREVERSIBLE


def test_the_question_names_the_candidate_the_role_and_what_happens() -> None:
    assert move_question(S.RESCINDED, "Ana Ruiz", "Senior Engineer") == (
        "Rescind the offer to Ana Ruiz (Senior Engineer)? The candidate's offer is withdrawn; this cannot be undone."
    )
    declined = move_question(S.DECLINED, "Ana Ruiz", "")
    assert declined is not None and declined.startswith("Mark the offer to Ana Ruiz declined?")
    assert move_question(S.LETTER_SENT, "Ana Ruiz", "Senior Engineer") is None  # nothing lost: no question


def test_missing_reasons_are_sentences() -> None:
    assert "reason code" in (missing_reason(S.DECLINED, "", "") or "")
    assert "reason code" in (missing_reason(S.RENEGED, "NOPE", "") or "")
    assert missing_reason(S.DECLINED, "COMP_LOW", "") is None
    assert "reason in words" in (missing_reason(S.RESCINDED, "", " ") or "")
    assert missing_reason(S.RESCINDED, "", "Budget cut") is None
    assert missing_reason(S.SIGNED, "", "") is None
