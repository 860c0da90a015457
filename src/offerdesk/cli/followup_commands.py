"""Handler of `offerdesk followups`: the day's agenda, late items first, as a table or one JSON object.

Reads args.format ("json" for one JSON object, anything else a table) and, through `services_for`,
args.data_dir, args.db_url and args.no_demo.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from offerdesk.cli.output import emit, words_of
from offerdesk.cli.session import services_for
from offerdesk.domain.offers import OfferStatus
from offerdesk.services.callprep.followups import Agenda, ExpiringOffer, FollowUpView

FOLLOW_UP_COLUMNS = ("id", "due_on", "candidate", "what", "note")
OFFER_COLUMNS = ("offer_id", "expires_on", "candidate", "role", "status")


def _follow_up(item: FollowUpView) -> dict[str, Any]:
    return {
        "id": item.id,
        "due_on": item.due_on.isoformat(),
        "candidate": item.candidate_name,
        "candidate_id": item.candidate_id,
        "offer_id": item.offer_id,
        "kind": item.kind,
        "what": item.kind_label,
        "note": item.note,
    }


def _offer(item: ExpiringOffer) -> dict[str, Any]:
    return {
        "offer_id": item.offer_id,
        "expires_on": item.expires_on.isoformat(),
        "candidate": item.candidate_name,
        "candidate_id": item.candidate_id,
        "role": item.role_title,
        "status": item.status.value,
    }


def agenda_record(agenda: Agenda) -> dict[str, Any]:
    """The agenda as plain JSON-ready values; the keys match the Agenda fields so scripts can rely on them."""
    return {
        "today": agenda.today.isoformat(),
        "overdue": [_follow_up(f) for f in agenda.overdue],
        "due_today": [_follow_up(f) for f in agenda.due_today],
        "upcoming": [_follow_up(f) for f in agenda.upcoming],
        "expiring_today": [_offer(o) for o in agenda.expiring_today],
        "expiring_this_week": [_offer(o) for o in agenda.expiring_this_week],
    }


def followups(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        agenda = services.followups.agenda()
    record = agenda_record(agenda)
    if args.format == "json":
        print(json.dumps(record, indent=2, ensure_ascii=False))
        return 0
    sections = (
        ("Overdue", record["overdue"], FOLLOW_UP_COLUMNS),
        ("Today", record["due_today"], FOLLOW_UP_COLUMNS),
        ("Next 7 days", record["upcoming"], FOLLOW_UP_COLUMNS),
        ("Offers expiring", record["expiring_today"] + record["expiring_this_week"], OFFER_COLUMNS),
    )
    print(f"Follow-ups for {record['today']}")
    for title, records, columns in sections:
        print(f"\n{title}")
        emit(records, columns, "table", shown={"status": words_of(OfferStatus)})
    return 0
