"""Handlers of `offerdesk followups`: the day's agenda (late items first, as a table or one JSON object) or a
calendar feed (--format ics), and `followups add` / `followups move` to set follow-ups by hand.

Read args.format ("json" for one JSON object, "ics" for a calendar, anything else a table), args.out and
args.zone, and, through `services_for`, args.data_dir, args.db_url and args.no_demo.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from offerdesk.cli.output import emit, words_of
from offerdesk.cli.session import services_for
from offerdesk.domain.clock import today
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import ValidationError
from offerdesk.services.callprep.calendar_feed import local_zone, write_calendar, zone_named
from offerdesk.services.callprep.followups import Agenda, ExpiringOffer, FollowUpView, past_day

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


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{what} “{text}” is not a date; write it as YYYY-MM-DD, e.g. 2027-03-29.") from None


def _warn_if_past(day: date) -> None:
    """A day gone by is taken (a recruiter may log one they missed) but said, since it is most often a typo."""
    warning = past_day(day, today())
    if warning:
        print(f"offerdesk: note: {warning}", file=sys.stderr)


def followups_add(args: argparse.Namespace) -> int:
    day = _date(args.on, "--on")
    with services_for(args) as services:
        added = services.followups.add(args.candidate, day, args.kind, args.note, args.offer)
        view = services.followups.get(added.value)
    _warn_if_past(day)
    print(f"Added follow-up {view.id}: {view.kind_label} for {view.candidate_name}, due {day.isoformat()}.")
    return 0


def followups_move(args: argparse.Namespace) -> int:
    day = _date(args.date, "The date")
    with services_for(args) as services:
        before = services.followups.get(args.id)
        moved = services.followups.move(args.id, day)
    what = f"follow-up {before.id} ({before.kind_label} for {before.candidate_name})"
    if moved.value is None:
        print(f"The {what} is already due {day.isoformat()}; nothing changed.")
        return 0
    _warn_if_past(day)
    print(f"Moved {what} from {before.due_on.isoformat()} to {day.isoformat()}.")
    return 0


def _feed(args: argparse.Namespace) -> int:
    zone = zone_named(args.zone) if args.zone else local_zone()
    with services_for(args) as services:
        calendar = services.followups.feed_calendar(zone)
    if not args.out:
        sys.stdout.write(calendar.to_ical().decode("utf-8"))
        return 0
    target = Path(args.out).expanduser()
    try:
        write_calendar(calendar, target)
    except OSError as error:
        raise ValidationError(f"The calendar cannot be written to {target}: {error.strerror or error}.") from None
    events = len(calendar.walk("VEVENT"))
    print(f"Wrote {events} calendar events ({zone.key}) to {target}; import it or subscribe to it as a file.")
    return 0


def followups(args: argparse.Namespace) -> int:
    if args.format == "ics":
        return _feed(args)
    if getattr(args, "out", None) or getattr(args, "zone", None):
        raise ValidationError("--out and --zone go with --format ics (the calendar feed).")
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
