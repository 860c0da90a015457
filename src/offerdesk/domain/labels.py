"""What a recruiter reads for every code the program stores: statuses, stages, kinds, styles, reasons.

The one place codes become words. Widgets, the CLI's tables, sentences and the letters ask `label()`; files
and JSON keep the codes. Every member of every vocabulary in `offerdesk.domain` has a label here (a unit test
walks them all), so a new member without words fails the tests instead of showing `sign_on` on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Final, TypeVar, cast

from offerdesk.domain.bulk import BulkKind
from offerdesk.domain.calls import OTHER_REASON, AskStyle, CallOutcome, ObjectionCode
from offerdesk.domain.candidate_filter import ArchiveScope
from offerdesk.domain.candidates import CandidateSort, CounterofferRisk, Stage
from offerdesk.domain.compensation import Position
from offerdesk.domain.conflict_sides import ChangedBy, Side
from offerdesk.domain.offers import (
    ComponentKind,
    ContingencyKind,
    ContingencyStatus,
    EmploymentType,
    EquityKind,
    OfferStatus,
    OfferType,
    PayFrequency,
    PayUnit,
)

E = TypeVar("E", bound=Enum)

_ENUM_LABELS: Final[Mapping[type[Enum], Mapping[Enum, str]]] = {
    BulkKind: {
        BulkKind.SET_STAGE: "Set Stage",
        BulkKind.ADD_TAG: "Add Tag",
        BulkKind.REMOVE_TAG: "Remove Tag",
        BulkKind.ARCHIVE: "Archive",
    },
    OfferType: {
        OfferType.VERBAL: "Verbal offer",
        OfferType.WRITTEN: "Written offer",
        OfferType.CONDITIONAL: "Conditional offer",
        OfferType.REVISED: "Revised offer",
        OfferType.INTERNAL: "Internal move",
        OfferType.CONTRACT: "Contract",
    },
    OfferStatus: {
        OfferStatus.DRAFT: "Draft",
        OfferStatus.APPROVED: "Approved",
        OfferStatus.VERBAL_EXTENDED: "Verbally extended",
        OfferStatus.LETTER_SENT: "Letter sent",
        OfferStatus.VERBALLY_ACCEPTED: "Verbally accepted",
        OfferStatus.SIGNED: "Signed",
        OfferStatus.DECLINED: "Declined",
        OfferStatus.EXPIRED: "Expired",
        OfferStatus.RESCINDED: "Rescinded",
        OfferStatus.RENEGED: "Reneged",
        OfferStatus.STARTED: "Started",
    },
    ComponentKind: {
        ComponentKind.BASE: "Base salary",
        ComponentKind.BONUS: "Bonus",
        ComponentKind.COMMISSION: "Commission",
        ComponentKind.SIGN_ON: "Sign-on bonus",
        ComponentKind.RELOCATION: "Relocation",
        ComponentKind.ALLOWANCE: "Allowance",
        ComponentKind.OTHER: "Other pay",
    },
    PayUnit: {
        PayUnit.YEAR: "Per year",
        PayUnit.MONTH: "Per month",
        PayUnit.WEEK: "Per week",
        PayUnit.DAY: "Per day",
        PayUnit.HOUR: "Per hour",
        PayUnit.ONCE: "One-off",
    },
    EmploymentType: {
        EmploymentType.FULL_TIME: "Full-time, permanent",
        EmploymentType.PART_TIME: "Part-time, permanent",
        EmploymentType.FIXED_TERM: "Fixed-term",
        EmploymentType.CONTRACT: "Contract",
        EmploymentType.CONTRACT_TO_HIRE: "Contract-to-hire",
    },
    PayFrequency: {
        PayFrequency.MONTHLY: "Monthly",
        PayFrequency.SEMI_MONTHLY: "Twice a month",
        PayFrequency.FOUR_WEEKLY: "Every four weeks",
        PayFrequency.BIWEEKLY: "Every two weeks",
        PayFrequency.WEEKLY: "Weekly",
    },
    ContingencyKind: {
        ContingencyKind.BACKGROUND: "Background check",
        ContingencyKind.REFERENCES: "Reference check",
        ContingencyKind.RIGHT_TO_WORK: "Right-to-work check",
        ContingencyKind.DRUG_TEST: "Drug test",
        ContingencyKind.LICENCE: "Licence verification",
        ContingencyKind.OTHER: "Other check",
    },
    ContingencyStatus: {
        ContingencyStatus.PENDING: "Pending",
        ContingencyStatus.CLEARED: "Cleared",
        ContingencyStatus.FAILED: "Failed",
        ContingencyStatus.WAIVED: "Waived",
    },
    EquityKind: {
        EquityKind.RSU: "RSUs",
        EquityKind.OPTIONS: "Stock options",
    },
    Stage: {
        Stage.SCREENING: "Screening",
        Stage.INTERVIEWING: "Interviewing",
        Stage.FINAL_ROUND: "Final round",
        Stage.OFFER: "Offer",
        Stage.HIRED: "Hired",
        Stage.DECLINED: "Declined",
        Stage.WITHDRAWN: "Withdrawn",
    },
    CounterofferRisk: {
        CounterofferRisk.UNKNOWN: "Not known yet",
        CounterofferRisk.LOW: "Low",
        CounterofferRisk.MEDIUM: "Medium",
        CounterofferRisk.HIGH: "High",
    },
    CandidateSort: {
        CandidateSort.NAME: "Name",
        CandidateSort.EMAIL: "Email",
        CandidateSort.STAGE: "Stage",
        CandidateSort.ROLE: "Role",
        CandidateSort.LOCATION: "Location",
        CandidateSort.OFFER_STATUS: "Offer status",
        CandidateSort.READINESS: "Readiness",
        CandidateSort.PHONE: "Phone",
        CandidateSort.RECRUITER: "Recruiter",
        CandidateSort.SOURCE: "Source",
        CandidateSort.TAGS: "Tags",
        CandidateSort.UPDATED: "Last updated",
    },
    ArchiveScope: {
        ArchiveScope.ACTIVE: "Active candidates",
        ArchiveScope.ARCHIVED: "Archived candidates",
        ArchiveScope.ALL: "Active and archived",
    },
    ObjectionCode: {
        ObjectionCode.COMP_LOW: "Pay too low",
        ObjectionCode.COMPETING_OFFER: "Competing offer",
        ObjectionCode.COUNTEROFFER: "Counteroffer from their employer",
        ObjectionCode.TITLE_LEVEL: "Title or level",
        ObjectionCode.EQUITY_UNCLEAR: "Equity unclear",
        ObjectionCode.RELOCATION_FAMILY: "Relocation or family",
        ObjectionCode.START_NOTICE: "Start date or notice period",
        ObjectionCode.REMOTE_POLICY: "Remote or office policy",
        ObjectionCode.BENEFITS: "Benefits",
        ObjectionCode.CAREER_GROWTH: "Career growth",
        ObjectionCode.STABILITY: "Company stability",
        ObjectionCode.PARTNER_DECISION: "Partner's decision",
        ObjectionCode.NEED_TIME: "Needs more time",
    },
    AskStyle: {
        AskStyle.DIRECT: "Direct",
        AskStyle.SUMMARY_DIRECT: "Summary and direct",
        AskStyle.CONDITIONAL: "Conditional",
        AskStyle.ASSUMPTIVE: "Assumptive (start date)",
        AskStyle.ALTERNATIVE: "Alternative choice",
        AskStyle.TIMELINE: "Timeline",
    },
    CallOutcome: {
        CallOutcome.YES: "Yes",
        CallOutcome.NEED_TIME: "Needs time",
        CallOutcome.COUNTER: "Counter",
        CallOutcome.NO: "No",
    },
}

POSITION_LABELS: Final[Mapping[str, str]] = {
    "below": "Below the band",
    "within": "Within the band",
    "above": "Above the band",
}
SIDE_LABELS: Final[Mapping[str, str]] = {"mine": "Yours", "theirs": "Theirs"}
"""Whose value a field of a conflicting save keeps."""
CHANGED_BY_LABELS: Final[Mapping[str, str]] = {"you": "You", "teammate": "Your teammate", "both": "Both of you"}
"""Who changed a field since the offer was opened."""
LITERAL_LABELS: Final[Mapping[object, Mapping[str, str]]] = {
    cast(object, Position): POSITION_LABELS,
    cast(object, Side): SIDE_LABELS,
    cast(object, ChangedBy): CHANGED_BY_LABELS,
}
"""The labels of each Literal vocabulary in the domain, keyed by the Literal itself."""

OTHER_REASON_LABEL: Final = "Other reason"
OUTCOME_LABELS: Final[Mapping[str, str]] = {
    "accepted": "Accepted",
    "declined": "Declined",
    "expired": "Expired",
    "rescinded": "Rescinded",
    "open": "Open",
    "not_extended": "Not extended yet",
}
"""The dashboard's per-offer outcomes (`domain.metrics.OUTCOMES`)."""
APPROVAL_LABELS: Final[Mapping[str, str]] = {"approved": "Approved", "rejected": "Rejected"}
"""An approver's decision on an offer version."""
_GROUP_KINDS: Final[Mapping[str, type[Enum]]] = {"offer_type": OfferType, "ask_style": AskStyle}


def label(value: Enum) -> str:
    """The words for one stored code, e.g. ComponentKind.SIGN_ON → "Sign-on bonus"."""
    labels = _ENUM_LABELS.get(type(value))
    if labels is None or value not in labels:
        return humanize(str(value.value))
    return labels[value]


def labels_of(kind: type[E]) -> Mapping[E, str]:
    """Every member of one enum with its label, in declaration order."""
    return {member: label(member) for member in kind}


def choices(kind: type[Enum]) -> tuple[tuple[str, str], ...]:
    """(code, label) pairs in declaration order, for a combo box that stores the code and shows the words."""
    return tuple((str(member.value), label(member)) for member in kind)


def code_label(kind: type[Enum], code: str) -> str:
    """The label of a code stored as text; a code the enum no longer has is shown in plain words."""
    try:
        return label(kind(code))
    except ValueError:
        return humanize(code)


def reason_label(code: str) -> str:
    """A decline reason or objection code in words: the shipped codes by their label, OTHER, or a custom one."""
    if not code:
        return ""
    if code == OTHER_REASON:
        return OTHER_REASON_LABEL
    return code_label(ObjectionCode, code)


def position_label(position: Position) -> str:
    return POSITION_LABELS[position]


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome) or humanize(outcome)


def approval_label(decision: str) -> str:
    return APPROVAL_LABELS.get(decision) or humanize(decision)


def group_label(by: str | None, group: str) -> str:
    """A dashboard group's name in words: offer types, ask styles and objections are codes, the rest are names."""
    if by == "objection":
        return reason_label(group) if group and not group.startswith("(") else group
    kind = _GROUP_KINDS.get(by or "")
    if kind is not None and group in {str(member.value) for member in kind}:
        return code_label(kind, group)
    return group


def humanize(code: str) -> str:
    """Plain words for a code nobody gave a label (one typed into the library by hand): "VISA_ISSUE" → "Visa issue"."""
    words = code.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:].lower() if words else ""
