"""Shipped guidance that is read, not edited: the handling frameworks and the pre-close checklist."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from offerdesk.domain.candidates import PreCloseProfile
from offerdesk.resources import resource_path


@dataclass(frozen=True)
class Framework:
    key: str
    title: str
    steps: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    question: str
    why: str
    profile_field: str | None


@cache
def frameworks() -> tuple[Framework, ...]:
    data = json.loads(resource_path("content", "objections.json").read_text(encoding="utf-8"))
    return tuple(Framework(f["key"], f["title"], tuple(f["steps"]), f.get("note", "")) for f in data["frameworks"])


@cache
def checklist() -> tuple[ChecklistItem, ...]:
    data = json.loads(resource_path("content", "preclose_checklist.json").read_text(encoding="utf-8"))
    return tuple(ChecklistItem(i["key"], i["question"], i["why"], i.get("profile_field")) for i in data["items"])


def answered(item: ChecklistItem, profile: PreCloseProfile, has_competing: bool) -> bool:
    """Whether the profile already holds the answer to a checklist question."""
    field = item.profile_field
    values = {
        "motivators": profile.motivators, "criteria": profile.criteria, "decision_makers": profile.decision_makers,
        "timeline": profile.timeline or profile.decision_deadline, "notice_period": profile.notice_period_days,
        "expected_pay": profile.expected_pay, "needs": profile.needs, "readiness": profile.readiness,
        "counteroffer_risk": profile.counteroffer_risk.value != "unknown", "competing": has_competing,
    }  # fmt: skip
    return bool(values.get(field or "", False))
