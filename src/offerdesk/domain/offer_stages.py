"""How an offer's status moves its candidate's pipeline stage: one table, read by every path that changes a status.

A candidate whose letter has gone out is at the Offer stage, one who signed is Hired, one who said no is Declined.
The forward rules only ever move a candidate on: a stage the recruiter set further along by hand (Hired before the
signed copy came back, say) is left alone, and so is a closed stage (Declined, Withdrawn) they set themselves. The
outcome rules (declined, reneged, expired, rescinded) are the offer's last word and apply whatever the stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from offerdesk.domain.candidates import Stage
from offerdesk.domain.offers import OfferStatus


@dataclass(frozen=True)
class StageRule:
    stage: Stage
    always: bool = False
    """True: applied whatever the candidate's stage; False: only moves the candidate forward along PIPELINE."""


_S = OfferStatus
STAGE_RULES: Mapping[OfferStatus, StageRule] = {
    _S.DRAFT: StageRule(Stage.OFFER),
    _S.APPROVED: StageRule(Stage.OFFER),
    _S.VERBAL_EXTENDED: StageRule(Stage.OFFER),
    _S.LETTER_SENT: StageRule(Stage.OFFER),
    _S.VERBALLY_ACCEPTED: StageRule(Stage.OFFER),  # a verbal yes is not a hire until it is signed
    _S.SIGNED: StageRule(Stage.HIRED),
    _S.STARTED: StageRule(Stage.HIRED),
    _S.DECLINED: StageRule(Stage.DECLINED, always=True),
    _S.RENEGED: StageRule(Stage.DECLINED, always=True),  # the candidate backed out after saying yes
    _S.EXPIRED: StageRule(Stage.DECLINED, always=True),  # no answer by the deadline counts as a no
    _S.RESCINDED: StageRule(Stage.WITHDRAWN, always=True),  # the company withdrew: the candidacy ends
}

PIPELINE = (Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER, Stage.HIRED)
"""The stages in the order a candidate goes through them; Declined and Withdrawn are closed, outside the order."""
CLOSED = frozenset({Stage.DECLINED, Stage.WITHDRAWN})


def stage_after(status: OfferStatus, current: Stage, *, new_offer: bool = False) -> Stage | None:
    """The stage a candidate at `current` moves to when their latest offer reaches `status`; None: it stays.

    `new_offer` is a new offer being made: it reopens a closed candidate (a fresh offer after a decline), but
    never takes a hired one back.
    """
    rule = STAGE_RULES[status]
    if rule.stage is current:
        return None
    if rule.always or (new_offer and current in CLOSED):
        return rule.stage
    if current in CLOSED:
        return None
    return rule.stage if PIPELINE.index(current) < PIPELINE.index(rule.stage) else None
