"""Follow-up use cases: the cadence setting, scheduling planned follow-ups, and the recruiter's agenda.

Keeping candidates warm between the offer and day one is where offers are lost (reneges, counteroffers), so the
agenda puts what is late first and shows the open offers about to run out beside it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain import clock
from offerdesk.domain.cadence import CADENCE_FIELDS, CHECK_IN, Cadence, PlannedFollowUp, check_value, kind_label
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.callprep import calendar_feed
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.undo import UndoRecord
from offerdesk.storage.db import Database
from offerdesk.storage.tables import AppMeta, Candidate, FollowUp, Offer, Role

if TYPE_CHECKING:
    from icalendar import Calendar  # imported by calendar_feed when one is built

log = logging.getLogger(__name__)

CADENCE_PREFIX: Final = "cadence:"
CADENCE_KEYS: Final[dict[str, str]] = {name: CADENCE_PREFIX + name for name in CADENCE_FIELDS}
"""Cadence field → its AppMeta key; kept in the database so a team sharing a server shares one rhythm."""

UPCOMING_DAYS: Final = 7
AWAITING_ANSWER: Final = (OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT)
KIND_MAX_LENGTH: Final = 50  # FollowUp.kind column width

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _encode(value: int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _decode(name: str, text: str) -> int | bool:
    """Parse a stored value; raises ValidationError so a hand-edited bad value is reported, not crashed on."""
    raw = text.strip().lower()
    if isinstance(getattr(Cadence(), name), bool):
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        raise ValidationError(f"The cadence setting {name} is yes or no (got “{text}”).")
    try:
        number = int(raw)
    except ValueError:
        raise ValidationError(f"The cadence setting {name} must be a whole number (got “{text}”).") from None
    check_value(name, number)
    return number


def load_cadence(session: Session) -> Cadence:
    """The stored cadence over the defaults; a damaged value falls back to its default so planning never stops."""
    cadence = Cadence()
    rows = session.scalars(select(AppMeta).where(AppMeta.key.startswith(CADENCE_PREFIX)))
    for row in rows:
        name = row.key.removeprefix(CADENCE_PREFIX)
        if name not in CADENCE_FIELDS:
            continue
        try:
            cadence = cadence.with_value(name, _decode(name, row.value))
        except ValidationError as error:
            log.warning("ignoring the stored cadence value %s=%r: %s", row.key, row.value, error)
    return cadence


class CadenceService:
    """Reads and changes the follow-up cadence (a team-wide setting kept in AppMeta)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self) -> Cadence:
        with self._database.transaction(read_only=True) as session:
            return load_cadence(session)

    def set(self, field: str, value: int | bool) -> Changes:
        """Validate before writing, so the stored cadence is always one the planner can use."""
        check_value(field, value)
        key = CADENCE_KEYS[field]
        with self._database.transaction() as session:
            row = session.get(AppMeta, key)
            if row is None:
                session.add(AppMeta(key=key, value=_encode(value)))
            else:
                row.value = _encode(value)
        return Changes.of(Kind.SETTINGS)


def schedule(
    session: Session, candidate_id: int, offer_id: int | None, call_id: int | None, planned: list[PlannedFollowUp]
) -> None:
    """Add the planned follow-ups in the caller's transaction, so a call and its reminders commit together.

    One that repeats an open follow-up of the same kind on the same day for this candidate is skipped: logging a
    second call the same day must not double the recruiter's agenda.
    """
    if not planned:
        return
    open_rows = session.execute(
        select(FollowUp.kind, FollowUp.due_on).where(FollowUp.candidate_id == candidate_id, FollowUp.done_at.is_(None))
    )
    taken: set[tuple[str, date]] = {(kind, due_on) for kind, due_on in open_rows}
    for item in planned:
        if (item.kind, item.due_on) in taken:
            continue
        taken.add((item.kind, item.due_on))
        session.add(
            FollowUp(
                candidate_id=candidate_id,
                offer_id=offer_id,
                call_id=call_id,
                kind=item.kind,
                due_on=item.due_on,
                note=item.note,
            )
        )


@dataclass(frozen=True)
class FollowUpView:
    """One open follow-up as the agenda shows it."""

    id: int
    candidate_id: int
    candidate_name: str
    offer_id: int | None
    kind: str
    kind_label: str
    due_on: date
    note: str


@dataclass(frozen=True)
class CandidateChoice:
    """A candidate as the add-follow-up picker lists them."""

    id: int
    name: str
    role_title: str


@dataclass(frozen=True)
class ExpiringOffer:
    """An offer still waiting for an answer whose expiry date is close."""

    offer_id: int
    candidate_id: int
    candidate_name: str
    role_title: str
    status: OfferStatus
    expires_on: date


@dataclass(frozen=True)
class Agenda:
    """What needs the recruiter's attention on `today`, most urgent first within each part."""

    today: date
    overdue: tuple[FollowUpView, ...]
    due_today: tuple[FollowUpView, ...]
    upcoming: tuple[FollowUpView, ...]  # due in the next UPCOMING_DAYS days
    expiring_today: tuple[ExpiringOffer, ...]
    expiring_this_week: tuple[ExpiringOffer, ...]  # expiring in the next UPCOMING_DAYS days

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_today or self.upcoming or self.expiring_today or self.expiring_this_week)


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


class FollowUpService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def agenda(self, today: date | None = None) -> Agenda:
        """Open follow-ups up to a week ahead (everything late, however old) and open offers expiring this week."""
        day = today or clock.today()
        horizon = day + timedelta(days=UPCOMING_DAYS)
        with self._database.transaction(read_only=True) as session:
            follow_rows = session.execute(
                select(FollowUp, Candidate.first_name, Candidate.last_name)
                .join(Candidate, Candidate.id == FollowUp.candidate_id)
                .where(FollowUp.done_at.is_(None), FollowUp.due_on <= horizon)
                .order_by(FollowUp.due_on, Candidate.last_name, Candidate.first_name, FollowUp.id)
            )
            follow_ups = [_view(row, first, last) for row, first, last in follow_rows]
            offer_rows = session.execute(
                select(Offer, Candidate.first_name, Candidate.last_name, Role.title)
                .join(Candidate, Candidate.id == Offer.candidate_id)
                .outerjoin(Role, Role.id == Offer.role_id)
                .where(
                    Offer.status.in_(AWAITING_ANSWER),
                    Offer.expires_on.is_not(None),
                    Offer.expires_on >= day,
                    Offer.expires_on <= horizon,
                )
                .order_by(Offer.expires_on, Candidate.last_name, Candidate.first_name, Offer.id)
            )
            expiring = [
                ExpiringOffer(
                    offer_id=offer.id,
                    candidate_id=offer.candidate_id,
                    candidate_name=_name(first, last),
                    role_title=title or "",
                    status=offer.status,
                    expires_on=offer.expires_on,
                )
                for offer, first, last, title in offer_rows
                if offer.expires_on is not None
            ]
        return Agenda(
            today=day,
            overdue=tuple(f for f in follow_ups if f.due_on < day),
            due_today=tuple(f for f in follow_ups if f.due_on == day),
            upcoming=tuple(f for f in follow_ups if f.due_on > day),
            expiring_today=tuple(o for o in expiring if o.expires_on == day),
            expiring_this_week=tuple(o for o in expiring if o.expires_on > day),
        )

    def mark_done(self, follow_up_id: int) -> Outcome[UndoRecord | None]:
        """Marking twice keeps the first time: the record says when the recruiter actually followed up.

        The answer can put it back on the agenda (None when it was already done: this marking changed nothing).
        """
        with self._database.transaction() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
            if row.done_at is not None:
                return Outcome(None, Changes.of(Kind.FOLLOW_UPS))
            row.done_at = done_at = clock.utc_now()
            what = _what(session, row)
        record = UndoRecord(f"Mark done: {what}", lambda: self._reopen(follow_up_id, done_at, what))
        return Outcome(record, Changes.of(Kind.FOLLOW_UPS))

    def _reopen(self, follow_up_id: int, done_at: datetime, what: str) -> Outcome[str]:
        """Undo a mark done: back on the agenda, unless it is gone or was marked again since."""
        with self._database.transaction() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise NotFoundError(f"The follow-up “{what}” was removed since, so it cannot be put back.")
            if row.done_at == done_at:
                row.done_at = None
        return Outcome(f"{what} is open again.", Changes.of(Kind.FOLLOW_UPS))

    def add(
        self, candidate_id: int, due_on: date, kind: str = CHECK_IN, note: str = "", offer_id: int | None = None
    ) -> Outcome[int]:
        """A follow-up the recruiter sets by hand, outside the planned cadence; answers its id.

        A day in the past is taken (it shows as overdue at once): the CLI and the window say so, see `past_day`.
        """
        kind = kind.strip().lower().replace(" ", "_")
        if not kind:
            raise ValidationError("A follow-up needs a kind, such as check_in or touchpoint.")
        if len(kind) > KIND_MAX_LENGTH:
            raise ValidationError(f"A follow-up kind is at most {KIND_MAX_LENGTH} characters (got {len(kind)}).")
        with self._database.transaction() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError(f"There is no candidate with id {candidate_id}.")
            if offer_id is not None:
                offer = session.get(Offer, offer_id)
                if offer is None:
                    raise NotFoundError(f"There is no offer with id {offer_id}.")
                if offer.candidate_id != candidate_id:
                    raise ValidationError(
                        f"Offer {offer_id} belongs to another candidate, not to candidate {candidate_id}."
                    )
            row = FollowUp(candidate_id=candidate_id, offer_id=offer_id, kind=kind, due_on=due_on, note=note.strip())
            session.add(row)
            session.flush()
            new_id = row.id
        return Outcome(new_id, Changes.of(Kind.FOLLOW_UPS))

    def move(self, follow_up_id: int, new_date: date) -> Outcome[UndoRecord | None]:
        """Reschedule an open follow-up; the answer puts it back on its old day (None: it was on that day already).

        A done follow-up is history (when the recruiter followed up), so it is not moved: add a new one instead.
        """
        with self._database.transaction() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
            what = _what(session, row)
            if row.done_at is not None:
                raise ValidationError(
                    f"The follow-up “{what}” (id {follow_up_id}) is done, so it cannot be moved; add a new one instead."
                )
            old_date = row.due_on
            if old_date == new_date:
                return Outcome(None, Changes.of(Kind.FOLLOW_UPS))
            row.due_on = new_date
        record = UndoRecord(f"Reschedule: {what}", lambda: self._move_back(follow_up_id, old_date, new_date, what))
        return Outcome(record, Changes.of(Kind.FOLLOW_UPS))

    def _move_back(self, follow_up_id: int, old_date: date, new_date: date, what: str) -> Outcome[str]:
        """Undo a reschedule: back to its old day, unless it is gone, done or moved again since."""
        with self._database.transaction() as session:
            row = session.get(FollowUp, follow_up_id)
            if row is None:
                raise NotFoundError(f"The follow-up “{what}” was removed since, so it cannot be moved back.")
            if row.done_at is not None:
                raise ValidationError(f"The follow-up “{what}” was marked done since, so it stays where it is.")
            if row.due_on != new_date:
                raise ValidationError(f"The follow-up “{what}” was moved again since, so it stays where it is.")
            row.due_on = old_date
        return Outcome(f"{what} is due {old_date.isoformat()} again.", Changes.of(Kind.FOLLOW_UPS))

    def get(self, follow_up_id: int) -> FollowUpView:
        """One follow-up as the agenda shows it, done or not."""
        with self._database.transaction(read_only=True) as session:
            found = session.execute(
                select(FollowUp, Candidate.first_name, Candidate.last_name)
                .join(Candidate, Candidate.id == FollowUp.candidate_id)
                .where(FollowUp.id == follow_up_id)
            ).first()
            if found is None:
                raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
            row, first, last = found
            return _view(row, first, last)

    def candidate_choices(self) -> list[CandidateChoice]:
        """The candidates a follow-up can be added for (not archived), by name."""
        with self._database.transaction(read_only=True) as session:
            rows = session.execute(
                select(Candidate.id, Candidate.first_name, Candidate.last_name, Role.title)
                .outerjoin(Role, Role.id == Candidate.role_id)
                .where(Candidate.archived_at.is_(None))
                .order_by(Candidate.last_name, Candidate.first_name, Candidate.id)
            )
            return [CandidateChoice(id_, _name(first, last), title or "") for id_, first, last, title in rows]

    def follow_up_calendar(self, follow_up_id: int, zone: ZoneInfo) -> Calendar:
        """One follow-up as a calendar file's content (the Follow-ups tab's “Add to calendar”)."""
        with self._database.transaction(read_only=True) as session:
            entry = calendar_feed.follow_up_entry(session, follow_up_id)
        return calendar_feed.build_calendar([entry], zone)

    def feed_calendar(self, zone: ZoneInfo, today: date | None = None) -> Calendar:
        """Every open follow-up and the coming decision deadlines and offer expiries, for a subscribed calendar."""
        with self._database.transaction(read_only=True) as session:
            entries = calendar_feed.feed_entries(session, today or clock.today())
        return calendar_feed.build_calendar(entries, zone)


def past_day(day: date, today: date | None = None) -> str | None:
    """The sentence for a follow-up set on a day already gone (today is fine), else None."""
    now = today or clock.today()
    if day >= now:
        return None
    return f"{day.isoformat()} is in the past (today is {now.isoformat()}), so the follow-up shows as overdue at once."


def _what(session: Session, row: FollowUp) -> str:
    candidate = session.get(Candidate, row.candidate_id)
    return f"{kind_label(row.kind)} for {_name(candidate.first_name, candidate.last_name) if candidate else ''}"


def _view(row: FollowUp, first: str, last: str) -> FollowUpView:
    return FollowUpView(
        id=row.id,
        candidate_id=row.candidate_id,
        candidate_name=_name(first, last),
        offer_id=row.offer_id,
        kind=row.kind,
        kind_label=kind_label(row.kind),
        due_on=row.due_on,
        note=row.note,
    )
