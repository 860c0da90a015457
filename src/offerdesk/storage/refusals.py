"""A server's refusal of a write the login's team role does not allow, as the sentence a user reads."""

from __future__ import annotations

import re

# table -> (what the user tried, in words; who may do it)
_WHAT = {
    "approvals": ("recording approvals", "an approver"),
    "pay_bands": ("changing pay bands", "an admin"),
    "audit_log": ("changing the audit log", "nobody: it only grows"),
    "alembic_version": ("changing the database's schema", "an admin to run `offerdesk db upgrade`"),
}
_TABLE = re.compile(r"permission denied for (?:table|relation|sequence) \"?([\w]+)\"?")


def is_refusal(text: str) -> bool:
    """Whether a driver's message says the login lacks a privilege (SQLSTATE 42501, insufficient_privilege)."""
    lowered = text.lower()
    return "permission denied" in lowered or "insufficient privilege" in lowered


def refusal_sentence(text: str, role: str | None) -> str:
    """“Your team role (recruiter) does not allow recording approvals; ask an approver.”"""
    found = _TABLE.search(text.lower())
    table = found.group(1) if found else ""
    what, who = _WHAT.get(table, (f"changing {table.replace('_', ' ')}" if table else "this change", "an admin"))
    whose = f"Your team role ({role})" if role else "Your login's team role"
    return f"{whose} does not allow {what}; ask {who}. Nothing was saved."
