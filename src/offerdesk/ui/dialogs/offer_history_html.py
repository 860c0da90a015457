"""The offer editor's two histories as HTML lists: who changed what (the audit log) and the approvals."""

from __future__ import annotations

import html
from collections.abc import Iterable

from offerdesk.domain.labels import approval_label
from offerdesk.services.offers.editing import ApprovalView
from offerdesk.services.team.audit import AuditLine
from offerdesk.ui import format as fmt


def changes_html(lines: Iterable[AuditLine]) -> str:
    """Newest first."""
    items = [f"<li>{html.escape(fmt.moment(line.at))} · <b>{html.escape(line.who)}</b>: "
             f"{html.escape(line.words)}</li>" for line in reversed(list(lines))]  # fmt: skip
    return f"<ul>{''.join(items)}</ul>" if items else "No changes recorded yet."


def approvals_html(approvals: Iterable[ApprovalView]) -> str:
    rows = []
    for item in approvals:
        voided = " (void: terms changed since)" if item.voided else ""
        decision = approval_label(item.decision).lower()
        rows.append(f"<li>v{item.version_number}: <b>{html.escape(item.approver_name)}</b> "
                    f"({html.escape(item.approver_role)}) {decision}{voided}</li>")  # fmt: skip
    return f"<ul>{''.join(rows)}</ul>" if rows else "No approvals recorded."
