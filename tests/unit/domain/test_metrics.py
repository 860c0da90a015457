"""The metric arithmetic on facts written by hand: what a renege and a rescind count as, and how figures round."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from offerdesk.domain.metrics import (
    OfferFacts,
    compute,
    decline_reasons,
    percent_text,
    read_history,
    renege_reasons,
    small_sample,
)
from offerdesk.domain.offers import OfferStatus

S = OfferStatus
T0 = datetime(2027, 2, 1, 9, 0)


def history(*steps: tuple[int, OfferStatus, str]) -> list[tuple[datetime, str, str]]:
    return [(T0 + timedelta(days=day), status.value, reason) for day, status, reason in steps]


def facts(offer_id: int, *steps: tuple[int, OfferStatus, str]) -> OfferFacts:
    h = read_history(history(*steps))
    return OfferFacts(
        offer_id=offer_id, candidate_name="", role="", recruiter="", offer_type="written", extended_at=h.extended_at,
        verbal=h.verbal, written=h.written, accepted_at=h.accepted_at, outcome=h.outcome, reneged=h.reneged,
        started=h.started, decline_reason=h.decline_reason, ask_style="", objections=(), script="", signed=h.signed,
        rescinded=h.rescinded,
    )  # fmt: skip


def test_a_renege_is_an_acceptance_with_its_own_reason_never_a_decline() -> None:
    reneged = facts(1, (0, S.LETTER_SENT, ""), (2, S.SIGNED, ""), (9, S.RENEGED, "COUNTEROFFER"))
    declined = facts(2, (0, S.LETTER_SENT, ""), (1, S.DECLINED, "COMP_LOW"))
    assert (reneged.outcome, reneged.reneged, reneged.decline_reason) == ("accepted", True, "COUNTEROFFER")
    assert decline_reasons([reneged, declined]) == [("COMP_LOW", 1, (2,))]
    assert renege_reasons([reneged, declined]) == [("COUNTEROFFER", 1, (1,))]
    m = compute([reneged, declined])
    # decided 2, accepted 1 (the renege); renege 1 of 1 accepted; one declined offer behind the decline headline
    assert (m["acceptance_rate"].display, m["renege_rate"].display) == ("50% (1 of 2)", "100% (1 of 1)")
    assert m["decline_reasons"].display == "Pay too low 100% (1 of 1)"


def test_a_rescind_before_an_answer_is_left_out_after_a_yes_the_yes_counts() -> None:
    before = facts(1, (0, S.VERBAL_EXTENDED, ""), (1, S.RESCINDED, ""))
    after = facts(2, (0, S.VERBAL_EXTENDED, ""), (1, S.VERBALLY_ACCEPTED, ""), (3, S.RESCINDED, ""))
    never_extended = facts(3, (0, S.APPROVED, ""), (1, S.RESCINDED, ""))
    assert (before.outcome, before.rescinded) == ("rescinded", True)
    assert (after.outcome, after.rescinded, after.reneged) == ("accepted", True, False)
    assert (never_extended.outcome, never_extended.rescinded) == ("not_extended", False)
    m = compute([before, after, never_extended])
    assert m["acceptance_rate"].display == "100% (1 of 1)"
    assert m["renege_rate"].display == "0% (0 of 1)"
    assert decline_reasons([before, after]) == [] == renege_reasons([before, after])


def test_percentages_round_half_up_and_no_sample_is_no_small_sample() -> None:
    assert [percent_text(n, d) for n, d in ((5, 8), (1, 8), (1, 3), (2, 3), (0, 4), (4, 4))] == [
        "63%", "13%", "33%", "67%", "0%", "100%"
    ]  # fmt: skip
    assert (small_sample(0), small_sample(1), small_sample(9), small_sample(10)) == (False, True, True, False)
    empty = compute([])
    assert all(metric.display == "—" and not metric.small_sample for metric in empty.values())


def test_time_to_accept_median_rounds_half_up() -> None:
    # two offers signed 2 days 6 hours after the letter: median 2.25 days → 2.3 (half-to-even would show 2.2)
    signed = [facts(i, (0, S.LETTER_SENT, ""), (2, S.SIGNED, "")) for i in (1, 2)]
    later = [replace(f, accepted_at=T0 + timedelta(days=2, hours=6)) for f in signed]
    assert compute(later)["time_to_accept_days"].display == "2.3 days"
