"""The offer lifecycle, checked for every pair of statuses: allowed moves succeed, all others are refused."""

from __future__ import annotations

import itertools

import pytest

from offerdesk.domain.offers import OfferStatus, check_transition
from offerdesk.errors import TransitionError

S = OfferStatus
# The lifecycle as recruiters describe it: draft → approved → verbal_extended → letter_sent → an answer → started.
EXPECTED_ALLOWED = {
    (S.DRAFT, S.APPROVED), (S.DRAFT, S.RESCINDED),
    (S.APPROVED, S.DRAFT), (S.APPROVED, S.VERBAL_EXTENDED), (S.APPROVED, S.LETTER_SENT), (S.APPROVED, S.RESCINDED),
    (S.VERBAL_EXTENDED, S.LETTER_SENT), (S.VERBAL_EXTENDED, S.VERBALLY_ACCEPTED), (S.VERBAL_EXTENDED, S.DECLINED),
    (S.VERBAL_EXTENDED, S.EXPIRED), (S.VERBAL_EXTENDED, S.RESCINDED),
    (S.LETTER_SENT, S.VERBALLY_ACCEPTED), (S.LETTER_SENT, S.SIGNED), (S.LETTER_SENT, S.DECLINED),
    (S.LETTER_SENT, S.EXPIRED), (S.LETTER_SENT, S.RESCINDED),
    (S.VERBALLY_ACCEPTED, S.LETTER_SENT), (S.VERBALLY_ACCEPTED, S.SIGNED), (S.VERBALLY_ACCEPTED, S.RENEGED),
    (S.VERBALLY_ACCEPTED, S.RESCINDED),
    (S.SIGNED, S.STARTED), (S.SIGNED, S.RENEGED), (S.SIGNED, S.RESCINDED),
}  # fmt: skip


@pytest.mark.parametrize(("current", "target"), list(itertools.product(OfferStatus, OfferStatus)))
def test_every_transition_is_allowed_or_refused_as_specified(current: OfferStatus, target: OfferStatus) -> None:
    if (current, target) in EXPECTED_ALLOWED:
        check_transition(current, target)
    else:
        with pytest.raises(TransitionError, match=f"{current.label.lower()} cannot become {target.label.lower()}"):
            check_transition(current, target)


@pytest.mark.parametrize("final", [S.DECLINED, S.EXPIRED, S.RESCINDED, S.RENEGED, S.STARTED])
def test_final_statuses_say_so(final: OfferStatus) -> None:
    assert final.is_final
    with pytest.raises(TransitionError, match="it is final"):
        check_transition(final, S.DRAFT)
