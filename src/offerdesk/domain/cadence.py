"""Follow-up cadence: which reminders a call outcome should leave behind, and when they fall due.

The rhythm is practitioner opinion (offer-domain brief §2), so every interval lives in `Cadence` and the
recruiter can change it; this module only applies it. Pure: no database, no clock, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any, Final

from offerdesk.domain.calls import CallOutcome
from offerdesk.errors import ValidationError

NOTICE_PERIOD_DAYS: Final = 30
"""A start date further away than this means the candidate is serving notice: keep in touch more often."""

SEND_LETTER: Final = "send_letter"
CHECK_IN: Final = "check_in"
DECISION_CHECK_IN: Final = "decision_check_in"
DEADLINE_CHECK_IN: Final = "deadline_check_in"
COUNTER_CHECK_IN: Final = "counter_check_in"
TOUCHPOINT: Final = "touchpoint"

KIND_LABELS: Final[dict[str, str]] = {
    SEND_LETTER: "Send the offer letter",
    CHECK_IN: "Check in",
    DECISION_CHECK_IN: "Decision check-in",
    DEADLINE_CHECK_IN: "Check in before the deadline",
    COUNTER_CHECK_IN: "Follow up on the counter",
    TOUCHPOINT: "Keep-warm touchpoint",
}


def kind_label(kind: str) -> str:
    """Readable name of a follow-up kind; kinds typed in by hand fall back to their own words."""
    return KIND_LABELS.get(kind) or kind.replace("_", " ").strip().capitalize()


@dataclass(frozen=True)
class Cadence:
    """How often to follow up. Defaults follow the domain brief; each field is a recruiter setting."""

    letter_same_day: bool = True
    check_in_hours: int = 48
    before_deadline_days: int = 1
    touchpoint_every_days: int = 7
    notice_touchpoint_every_days: int = 4

    def __post_init__(self) -> None:
        for name in CADENCE_FIELDS:
            check_value(name, getattr(self, name))

    def with_value(self, name: str, value: int | bool) -> Cadence:
        """A copy with one field changed, validated, so a bad setting never reaches the planner."""
        check_value(name, value)
        changed: dict[str, Any] = {name: value}
        return replace(self, **changed)


CADENCE_FIELDS: Final[dict[str, str]] = {
    "letter_same_day": "Send the letter the same day as the verbal offer (off: the next day)",
    "check_in_hours": "Hours after the call to check in",
    "before_deadline_days": "Days before the offer expires to check in again",
    "touchpoint_every_days": "Days between touchpoints after acceptance, until the start date",
    "notice_touchpoint_every_days": (
        f"Days between touchpoints while the start date is more than {NOTICE_PERIOD_DAYS} days away"
    ),
}


def check_value(name: str, value: object) -> None:
    """Raise ValidationError with one sentence when `value` cannot be used for cadence field `name`."""
    if name not in CADENCE_FIELDS:
        raise ValidationError(f"“{name}” is not a follow-up cadence setting; use one of: {', '.join(CADENCE_FIELDS)}.")
    expects_bool = _FIELD_TYPES[name] is bool
    if expects_bool and not isinstance(value, bool):
        raise ValidationError(f"The cadence setting {name} is yes or no (got “{value}”).")
    if expects_bool:
        return
    most = CADENCE_MAXIMA[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(f"The cadence setting {name} must be a whole number of at least 1 (got “{value}”).")
    if value > most:
        raise ValidationError(f"The cadence setting {name} is at most {most} (got {value}).")


CADENCE_MAXIMA: Final[dict[str, int]] = {
    "check_in_hours": 24 * 60,
    "before_deadline_days": 90,
    "touchpoint_every_days": 365,
    "notice_touchpoint_every_days": 365,
}
"""The longest sensible interval per setting: beyond it a reminder would fall after the offer is long decided
(and far enough out, past the last date the calendar holds)."""


# Each field's type, read from its default (the annotations are strings under `from __future__`).
_FIELD_TYPES: Final[dict[str, type]] = {f.name: type(f.default) for f in fields(Cadence)}


@dataclass(frozen=True)
class PlannedFollowUp:
    """A reminder the planner proposes; the service stores it as a FollowUp row."""

    kind: str
    due_on: date
    note: str


def _after_hours(today: date, hours: int) -> date:
    """Follow-ups are kept per day: 48 hours is two days later, 1 hour is tomorrow."""
    return today + timedelta(days=max(1, math.ceil(hours / 24)))


def _letter(cadence: Cadence, today: date) -> PlannedFollowUp:
    due = today if cadence.letter_same_day else today + timedelta(days=1)
    return PlannedFollowUp(SEND_LETTER, due, "Send the written offer: a delay breeds doubt.")


def _before_deadline(cadence: Cadence, today: date, expires_on: date | None) -> PlannedFollowUp | None:
    """A check-in ahead of expiry; none when there is no expiry or it has already passed."""
    if expires_on is None or expires_on < today:
        return None
    due = max(today, expires_on - timedelta(days=cadence.before_deadline_days))
    return PlannedFollowUp(DEADLINE_CHECK_IN, due, f"Check in before the offer expires on {expires_on.isoformat()}.")


def _touchpoints(cadence: Cadence, today: date, start_date: date | None) -> list[PlannedFollowUp]:
    """Keep the accepted candidate warm until day one, more often while they serve notice."""
    if start_date is None:
        due = today + timedelta(days=cadence.touchpoint_every_days)
        return [PlannedFollowUp(TOUCHPOINT, due, "Agree the start date and keep in touch.")]
    planned: list[PlannedFollowUp] = []
    due = today
    while True:
        in_notice = (start_date - due).days > NOTICE_PERIOD_DAYS
        due += timedelta(days=cadence.notice_touchpoint_every_days if in_notice else cadence.touchpoint_every_days)
        if due >= start_date:
            return planned
        note = (
            "Notice-period touchpoint: ask how the resignation went; watch for a counteroffer."
            if (start_date - due).days > NOTICE_PERIOD_DAYS
            else f"Touchpoint before the start on {start_date.isoformat()}."
        )
        planned.append(PlannedFollowUp(TOUCHPOINT, due, note))


def plan_follow_ups(
    cadence: Cadence,
    outcome: CallOutcome | None,
    today: date,
    decision_date: date | None,
    expires_on: date | None,
    start_date: date | None,
    letter_sent: bool,
) -> list[PlannedFollowUp]:
    """The follow-ups one call (or, with outcome None, a newly extended offer) should leave, by due date.

    Rules, one a line:
    - letter: an offer whose letter is not out yet gets "send_letter" today (tomorrow with letter_same_day off),
      for outcome None, "yes" and "need_time" only; a counter changes the terms, so no letter for it.
    - None (offer just extended, no answer yet): the letter rule, a "check_in" at +check_in_hours and a
      "deadline_check_in" before_deadline_days before expiry.
    - "yes": the letter rule, then a "touchpoint" every touchpoint_every_days before the start date, every
      notice_touchpoint_every_days while the start is more than NOTICE_PERIOD_DAYS away (the notice period,
      when doubts and counteroffers come); no start date yet → one touchpoint to agree it.
    - "need_time": the letter rule, a "decision_check_in" on the decision date (+check_in_hours without one)
      and a "deadline_check_in" before expiry unless it falls on the same day.
    - "counter": one "counter_check_in" at +check_in_hours while revised terms are worked out.
    - "no": nothing; the offer is over.
    - always: hours round up to whole days (at least one); nothing is due before today (an earlier date moves
      to today); no deadline check-in without an expiry date or once it has passed.
    """
    planned: list[PlannedFollowUp] = []
    if outcome is CallOutcome.NO:
        return planned
    if outcome in (None, CallOutcome.YES, CallOutcome.NEED_TIME) and not letter_sent:
        planned.append(_letter(cadence, today))
    if outcome is None:
        planned.append(
            PlannedFollowUp(
                CHECK_IN, _after_hours(today, cadence.check_in_hours), "Check in: questions about the offer?"
            )
        )
        deadline = _before_deadline(cadence, today, expires_on)
        if deadline is not None:
            planned.append(deadline)
    elif outcome is CallOutcome.YES:
        planned.extend(_touchpoints(cadence, today, start_date))
    elif outcome is CallOutcome.NEED_TIME:
        if decision_date is not None:
            decision = PlannedFollowUp(
                DECISION_CHECK_IN, max(today, decision_date), "The candidate's decision date: ask for the answer."
            )
        else:
            decision = PlannedFollowUp(
                DECISION_CHECK_IN,
                _after_hours(today, cadence.check_in_hours),
                "No decision date was set: check in and agree one.",
            )
        planned.append(decision)
        deadline = _before_deadline(cadence, today, expires_on)
        if deadline is not None and deadline.due_on != decision.due_on:
            planned.append(deadline)
    elif outcome is CallOutcome.COUNTER:
        planned.append(
            PlannedFollowUp(
                COUNTER_CHECK_IN,
                _after_hours(today, cadence.check_in_hours),
                "Come back on the counter: what can move, and by when?",
            )
        )
    return sorted(planned, key=lambda p: (p.due_on, p.kind))
