"""Vocabulary of the offer call: ask styles, outcomes and the objection codes that double as decline reasons."""

from __future__ import annotations

from enum import StrEnum


class ObjectionCode(StrEnum):
    COMP_LOW = "COMP_LOW"
    COMPETING_OFFER = "COMPETING_OFFER"
    COUNTEROFFER = "COUNTEROFFER"
    TITLE_LEVEL = "TITLE_LEVEL"
    EQUITY_UNCLEAR = "EQUITY_UNCLEAR"
    RELOCATION_FAMILY = "RELOCATION_FAMILY"
    START_NOTICE = "START_NOTICE"
    REMOTE_POLICY = "REMOTE_POLICY"
    BENEFITS = "BENEFITS"
    CAREER_GROWTH = "CAREER_GROWTH"
    STABILITY = "STABILITY"
    PARTNER_DECISION = "PARTNER_DECISION"
    NEED_TIME = "NEED_TIME"


OTHER_REASON = "OTHER"
DECLINE_REASONS: tuple[str, ...] = (*(code.value for code in ObjectionCode), OTHER_REASON)


class AskStyle(StrEnum):
    DIRECT = "direct"
    SUMMARY_DIRECT = "summary_direct"
    CONDITIONAL = "conditional"
    ASSUMPTIVE = "assumptive"
    ALTERNATIVE = "alternative"
    TIMELINE = "timeline"


class CallOutcome(StrEnum):
    YES = "yes"
    NEED_TIME = "need_time"
    COUNTER = "counter"
    NO = "no"
