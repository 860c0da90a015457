"""Follow-ups, decision deadlines and offer expiries as iCalendar (.ics), for the recruiter's own calendar.

Every event has a UID that names what it is (`followup-17@offerdesk`, `offer-5-expiry@offerdesk`,
`candidate-3-decision@offerdesk`), so importing the feed again, or a calendar subscribed to the file, updates the
event instead of adding a second one.

What each item looks like, and why:
- A follow-up is all-day (VALUE=DATE) on its due day: it is a day's task, not a meeting, so it blocks no time
  (TRANSP:TRANSPARENT). Its reminder is at 09:00 on the day in the user's time zone.
- A decision deadline is all-day on the day the candidate said they would answer; its reminder is at 09:00 the
  day before, to chase the answer while there is time.
- An offer's expiry is a moment: 17:00 (close of business) on its last day in the user's time zone, written with a
  TZID and its VTIMEZONE so the calendar shows it right wherever it runs; its reminder is a day before.
An absolute reminder (VALARM TRIGGER;VALUE=DATE-TIME) must be in UTC (RFC 5545 §3.8.6.3), so 09:00 local is
converted with the zone's rules for that day: the same 09:00 is 08:00Z in Amsterdam in winter and 07:00Z in summer.
icalendar is imported when a calendar is built: the window has the follow-ups from its start and would otherwise
carry the library (about 3 MB) in every session, most of which write no calendar.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.cadence import kind_label
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import atomic_write
from offerdesk.storage.tables import CallLog, Candidate, FollowUp, Offer, PreCloseProfileRow, Role

if TYPE_CHECKING:
    from icalendar import Alarm, Calendar, Event

PRODUCT_ID: Final = "-//OfferDesk//Follow-ups//EN"
FEED_NAME: Final = "OfferDesk follow-ups"
FEED_UID: Final = "feed@offerdesk"
REMINDER_AT: Final = time(9, 0)
"""When the reminder of an all-day item goes off, local time: the start of a working day."""
EXPIRES_AT: Final = time(17, 0)
"""The moment an offer expires on its last day, local time: close of business."""
ANSWERED: Final = frozenset(
    {OfferStatus.VERBALLY_ACCEPTED, OfferStatus.SIGNED, OfferStatus.STARTED, OfferStatus.DECLINED, OfferStatus.RENEGED}
)
"""A candidate whose latest offer is in one of these has answered: their decision deadline is past interest."""
AWAITING_ANSWER: Final = (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT)


class EntryKind(StrEnum):
    FOLLOW_UP = "follow_up"
    DECISION = "decision"
    EXPIRY = "expiry"


@dataclass(frozen=True)
class CalendarEntry:
    """One item for the calendar, before it becomes a VEVENT in some time zone."""

    uid: str
    kind: EntryKind
    day: date
    summary: str
    description: str


def zone_named(name: str) -> ZoneInfo:
    """The IANA time zone `name` (e.g. Europe/Amsterdam), or one sentence saying it is not one."""
    cleaned = name.strip()
    if cleaned:
        try:
            return ZoneInfo(cleaned)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ValidationError(f"“{name}” is not a time zone; use a name such as Europe/Amsterdam or America/New_York.")


def local_zone() -> ZoneInfo:
    """The computer's own time zone by its IANA name (TZ, else what /etc/localtime points at), else UTC.

    A calendar needs the name, not today's offset: the name carries the daylight-saving rules of future dates.
    """
    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        try:
            return zone_named(name)
        except ValidationError:
            continue
    return ZoneInfo("UTC")


def _name(candidate: Candidate) -> str:
    return f"{candidate.first_name} {candidate.last_name}".strip()


def _description(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _role_line(title: str | None) -> str:
    return f"Role: {title}" if title else ""


def _follow_up_entry(row: FollowUp, candidate: Candidate, role_title: str | None) -> CalendarEntry:
    what = kind_label(row.kind)
    return CalendarEntry(
        uid=f"followup-{row.id}@offerdesk",
        kind=EntryKind.FOLLOW_UP,
        day=row.due_on,
        summary=f"Follow up: {_name(candidate)} — {what}",
        description=_description(row.note, _role_line(role_title)),
    )


def _follow_up_rows(session: Session, follow_up_id: int | None) -> list[CalendarEntry]:
    """One follow-up (by id, done or not) or every open one; the role is the offer's when the follow-up is about
    an offer, else the candidate's own."""
    query = select(FollowUp, Candidate).join(Candidate, Candidate.id == FollowUp.candidate_id)
    if follow_up_id is None:
        query = query.where(FollowUp.done_at.is_(None))
    else:
        query = query.where(FollowUp.id == follow_up_id)
    entries = []
    for row, candidate in session.execute(query.order_by(FollowUp.due_on, FollowUp.id)):
        role_id = candidate.role_id
        if row.offer_id is not None:
            offer = session.get(Offer, row.offer_id)
            role_id = offer.role_id if offer is not None and offer.role_id is not None else role_id
        role = session.get(Role, role_id) if role_id is not None else None
        entries.append(_follow_up_entry(row, candidate, role.title if role else None))
    return entries


def _expiry_entries(session: Session, today: date) -> list[CalendarEntry]:
    rows = session.execute(
        select(Offer, Candidate, Role.title)
        .join(Candidate, Candidate.id == Offer.candidate_id)
        .outerjoin(Role, Role.id == Offer.role_id)
        .where(Offer.status.in_(AWAITING_ANSWER), Offer.expires_on.is_not(None), Offer.expires_on >= today)
        .order_by(Offer.expires_on, Offer.id)
    )
    entries = []
    for offer, candidate, title in rows:
        if offer.expires_on is None:
            continue
        role = f" ({title})" if title else ""
        entries.append(
            CalendarEntry(
                uid=f"offer-{offer.id}-expiry@offerdesk",
                kind=EntryKind.EXPIRY,
                day=offer.expires_on,
                summary=f"Offer expires: {_name(candidate)}{role}",
                description=_description(
                    _role_line(title),
                    f"Offer {offer.id} ({offer.status.label}) expires on {offer.expires_on.isoformat()}.",
                ),
            )
        )
    return entries


def decision_deadline(session: Session, candidate_id: int) -> tuple[date, str] | None:
    """The day the candidate is to answer, and where it was said: the later-recorded of the pre-close profile's
    deadline and the latest call's decision date (the candidate's most recent word wins; the call, said to the
    recruiter, when both were recorded in the same second)."""
    found: list[tuple[datetime, int, date, str]] = []
    profile = session.get(PreCloseProfileRow, candidate_id)
    if profile is not None and profile.decision_deadline is not None:
        found.append((profile.updated_at, 0, profile.decision_deadline, "the pre-close profile"))
    call = session.scalars(
        select(CallLog)
        .where(CallLog.candidate_id == candidate_id, CallLog.decision_date.is_not(None))
        .order_by(CallLog.started_at.desc(), CallLog.id.desc())
        .limit(1)
    ).first()
    if call is not None and call.decision_date is not None:
        found.append((call.started_at, 1, call.decision_date, f"the call on {call.started_at.date().isoformat()}"))
    if not found:
        return None
    _recorded, _rank, day, source = max(found, key=lambda item: item[:2])
    return day, source


def _decision_entries(session: Session, today: date) -> list[CalendarEntry]:
    with_dates = select(PreCloseProfileRow.candidate_id).where(PreCloseProfileRow.decision_deadline.is_not(None))
    from_calls = select(CallLog.candidate_id).where(CallLog.decision_date.is_not(None))
    candidates = session.scalars(
        select(Candidate)
        .where(Candidate.archived_at.is_(None), Candidate.id.in_(with_dates.union(from_calls)))
        .order_by(Candidate.id)
    )
    entries = []
    for candidate in candidates:
        deadline = decision_deadline(session, candidate.id)
        if deadline is None or deadline[0] < today:
            continue
        latest = session.scalars(
            select(Offer).where(Offer.candidate_id == candidate.id).order_by(Offer.id.desc()).limit(1)
        ).first()
        if latest is not None and latest.status in ANSWERED:
            continue
        role_id = latest.role_id if latest is not None and latest.role_id is not None else candidate.role_id
        role = session.get(Role, role_id) if role_id is not None else None
        day, source = deadline
        entries.append(
            CalendarEntry(
                uid=f"candidate-{candidate.id}-decision@offerdesk",
                kind=EntryKind.DECISION,
                day=day,
                summary=f"Decision due: {_name(candidate)}" + (f" ({role.title})" if role else ""),
                description=_description(
                    _role_line(role.title if role else None),
                    f"The candidate's decision deadline, from {source}: ask for the answer.",
                ),
            )
        )
    return entries


def follow_up_entry(session: Session, follow_up_id: int) -> CalendarEntry:
    """The calendar entry of one follow-up (done or not: the user asked for this one)."""
    entries = _follow_up_rows(session, follow_up_id)
    if not entries:
        raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
    return entries[0]


def feed_entries(session: Session, today: date) -> list[CalendarEntry]:
    """Every open follow-up (late ones too: they are still to do), and the decision deadlines and offer expiries
    from `today` on; sorted by day so the file reads in order."""
    entries = [*_follow_up_rows(session, None), *_decision_entries(session, today), *_expiry_entries(session, today)]
    return sorted(entries, key=lambda entry: (entry.day, entry.kind.value, entry.uid))


def _at(day: date, moment: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, moment, tzinfo=zone)


def _alarm(description: str, trigger: datetime | timedelta) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    if isinstance(trigger, datetime):
        alarm.add("trigger", trigger.astimezone(UTC), parameters={"VALUE": "DATE-TIME"})
    else:
        alarm.add("trigger", trigger)
    return alarm


def to_event(entry: CalendarEntry, zone: ZoneInfo, stamp: datetime) -> Event:
    """The VEVENT for `entry` in `zone`, with its reminder (see the module docstring for the choices)."""
    from icalendar import Event

    if entry.kind is EntryKind.EXPIRY:
        event = Event.new(uid=entry.uid, summary=entry.summary, stamp=stamp, start=_at(entry.day, EXPIRES_AT, zone))
        reminder = _alarm(f"Tomorrow: {entry.summary}", timedelta(days=-1))
    else:
        event = Event.new(uid=entry.uid, summary=entry.summary, stamp=stamp, start=entry.day,
                          end=entry.day + timedelta(days=1))  # fmt: skip
        day_before = entry.kind is EntryKind.DECISION
        reminder_day = entry.day - timedelta(days=1) if day_before else entry.day
        reminder = _alarm(("Tomorrow: " if day_before else "") + entry.summary, _at(reminder_day, REMINDER_AT, zone))
    if entry.description:
        event.add("description", entry.description)
    event.add("transp", "TRANSPARENT")
    event.add_component(reminder)
    return event


def build_calendar(entries: Iterable[CalendarEntry], zone: ZoneInfo, stamp: datetime | None = None) -> Calendar:
    """A calendar of `entries` in `zone`, with the VTIMEZONE of every TZID it uses."""
    from icalendar import Calendar

    moment = (stamp or datetime.now(UTC)).replace(microsecond=0)
    calendar = Calendar.new(prodid=PRODUCT_ID, name=FEED_NAME, uid=FEED_UID)
    for entry in entries:
        calendar.add_component(to_event(entry, zone, moment))
    calendar.add_missing_timezones()
    return calendar


def write_calendar(calendar: Calendar, target: Path) -> Path:
    """Write the .ics whole or not at all: a calendar subscribed to the file never reads half of one."""
    with atomic_write(target) as stream:
        stream.write(calendar.to_ical())
    return target


def follow_up_file_name(follow_up_id: int, due_on: date) -> str:
    return f"follow-up-{follow_up_id}-{due_on.isoformat()}.ics"
