"""The follow-up planner, rule by rule: pure functions over fixed dates."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta

import pytest

from offerdesk.domain.cadence import (
    CADENCE_FIELDS,
    CHECK_IN,
    COUNTER_CHECK_IN,
    DEADLINE_CHECK_IN,
    DECISION_CHECK_IN,
    NOTICE_PERIOD_DAYS,
    SEND_LETTER,
    TOUCHPOINT,
    Cadence,
    PlannedFollowUp,
    kind_label,
    plan_follow_ups,
)
from offerdesk.domain.calls import CallOutcome
from offerdesk.errors import ValidationError

TODAY = date(2025, 3, 3)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def plan(
    outcome: CallOutcome | None,
    *,
    cadence: Cadence | None = None,
    decision: date | None = None,
    expires: date | None = None,
    start: date | None = None,
    letter_sent: bool = True,
) -> list[PlannedFollowUp]:
    return plan_follow_ups(cadence or Cadence(), outcome, TODAY, decision, expires, start, letter_sent)


def kinds_and_days(planned: list[PlannedFollowUp]) -> list[tuple[str, date]]:
    return [(p.kind, p.due_on) for p in planned]


def test_defaults_follow_the_domain_brief() -> None:
    cadence = Cadence()
    assert cadence.letter_same_day is True
    assert cadence.check_in_hours == 48
    assert cadence.before_deadline_days == 1
    assert cadence.touchpoint_every_days == 7
    assert cadence.notice_touchpoint_every_days == 4
    assert set(CADENCE_FIELDS) == {f.name for f in fields(Cadence)}


# --- the letter rule ---------------------------------------------------------------------------------------------


def test_no_outcome_and_no_letter_sends_the_letter_today() -> None:
    planned = plan(None, letter_sent=False)
    assert planned[0] == PlannedFollowUp(SEND_LETTER, TODAY, planned[0].note)


def test_letter_next_day_when_same_day_is_off() -> None:
    planned = plan(None, letter_sent=False, cadence=Cadence(letter_same_day=False))
    assert (SEND_LETTER, days(1)) in kinds_and_days(planned)


def test_no_letter_reminder_once_it_is_sent() -> None:
    for outcome in (None, CallOutcome.YES, CallOutcome.NEED_TIME):
        assert SEND_LETTER not in {p.kind for p in plan(outcome, letter_sent=True, start=days(20))}


@pytest.mark.parametrize("outcome", [CallOutcome.YES, CallOutcome.NEED_TIME])
def test_yes_and_need_time_also_send_an_unsent_letter(outcome: CallOutcome) -> None:
    assert (SEND_LETTER, TODAY) in kinds_and_days(plan(outcome, letter_sent=False, start=days(20)))


def test_a_counter_sends_no_letter_because_the_terms_will_change() -> None:
    assert SEND_LETTER not in {p.kind for p in plan(CallOutcome.COUNTER, letter_sent=False)}


# --- outcome None: the offer has just been extended -----------------------------------------------------------------


def test_no_outcome_checks_in_at_48_hours_and_before_the_deadline() -> None:
    planned = plan(None, letter_sent=False, expires=days(10))
    assert kinds_and_days(planned) == [(SEND_LETTER, TODAY), (CHECK_IN, days(2)), (DEADLINE_CHECK_IN, days(9))]


def test_no_outcome_without_expiry_has_no_deadline_check_in() -> None:
    assert kinds_and_days(plan(None)) == [(CHECK_IN, days(2))]


def test_check_in_hours_round_up_to_whole_days() -> None:
    assert kinds_and_days(plan(None, cadence=Cadence(check_in_hours=60))) == [(CHECK_IN, days(3))]
    assert kinds_and_days(plan(None, cadence=Cadence(check_in_hours=1))) == [(CHECK_IN, days(1))]


# --- "yes": touchpoints until the start date -------------------------------------------------------------------------


def test_yes_keeps_weekly_touchpoints_until_a_near_start_date() -> None:
    planned = plan(CallOutcome.YES, start=days(22))
    assert kinds_and_days(planned) == [(TOUCHPOINT, days(7)), (TOUCHPOINT, days(14)), (TOUCHPOINT, days(21))]


def test_no_touchpoint_on_or_after_the_start_date() -> None:
    assert kinds_and_days(plan(CallOutcome.YES, start=days(14))) == [(TOUCHPOINT, days(7))]
    assert plan(CallOutcome.YES, start=days(7)) == []
    assert plan(CallOutcome.YES, start=TODAY) == []


def test_yes_touches_base_more_often_during_the_notice_period() -> None:
    start = days(NOTICE_PERIOD_DAYS + 20)  # 50 days away: notice period first, then the last month
    planned = plan(CallOutcome.YES, start=start)
    due = [p.due_on for p in planned]
    gaps = [(b - a).days for a, b in zip([TODAY, *due], due, strict=False)]
    assert all(p.kind == TOUCHPOINT for p in planned)
    assert due[-1] < start
    notice = [gap for day, gap in zip([TODAY, *due], gaps, strict=False) if (start - day).days > NOTICE_PERIOD_DAYS]
    later = [gap for day, gap in zip([TODAY, *due], gaps, strict=False) if (start - day).days <= NOTICE_PERIOD_DAYS]
    assert notice and set(notice) == {4}
    assert later and set(later) == {7}
    assert "counteroffer" in planned[0].note


def test_notice_interval_is_configurable() -> None:
    planned = plan(CallOutcome.YES, start=days(60), cadence=Cadence(notice_touchpoint_every_days=10))
    assert [p.due_on for p in planned][:3] == [days(10), days(20), days(30)]


def test_yes_without_a_start_date_plans_one_touchpoint_to_agree_it() -> None:
    planned = plan(CallOutcome.YES)
    assert kinds_and_days(planned) == [(TOUCHPOINT, days(7))]
    assert "start date" in planned[0].note


# --- "need_time": the decision date and the deadline -----------------------------------------------------------------


def test_need_time_checks_in_on_the_decision_date_and_before_the_deadline() -> None:
    planned = plan(CallOutcome.NEED_TIME, decision=days(3), expires=days(10))
    assert kinds_and_days(planned) == [(DECISION_CHECK_IN, days(3)), (DEADLINE_CHECK_IN, days(9))]


def test_need_time_without_a_decision_date_checks_in_after_check_in_hours() -> None:
    planned = plan(CallOutcome.NEED_TIME, expires=days(10))
    assert kinds_and_days(planned) == [(DECISION_CHECK_IN, days(2)), (DEADLINE_CHECK_IN, days(9))]
    assert "agree one" in planned[0].note


def test_need_time_keeps_one_check_in_when_both_fall_on_the_same_day() -> None:
    assert kinds_and_days(plan(CallOutcome.NEED_TIME, decision=days(4), expires=days(5))) == [
        (DECISION_CHECK_IN, days(4))
    ]


def test_before_deadline_days_is_configurable() -> None:
    planned = plan(CallOutcome.NEED_TIME, decision=days(1), expires=days(10), cadence=Cadence(before_deadline_days=3))
    assert (DEADLINE_CHECK_IN, days(7)) in kinds_and_days(planned)


def test_nothing_is_planned_in_the_past() -> None:
    planned = plan(CallOutcome.NEED_TIME, decision=days(-2), expires=TODAY)
    assert kinds_and_days(planned) == [(DECISION_CHECK_IN, TODAY)]


def test_no_deadline_check_in_once_the_offer_has_expired() -> None:
    assert kinds_and_days(plan(CallOutcome.NEED_TIME, decision=days(2), expires=days(-1))) == [
        (DECISION_CHECK_IN, days(2))
    ]


# --- "counter" and "no" ----------------------------------------------------------------------------------------------


def test_counter_checks_in_after_48_hours() -> None:
    assert kinds_and_days(plan(CallOutcome.COUNTER, expires=days(10))) == [(COUNTER_CHECK_IN, days(2))]


def test_counter_follows_check_in_hours() -> None:
    assert kinds_and_days(plan(CallOutcome.COUNTER, cadence=Cadence(check_in_hours=24))) == [
        (COUNTER_CHECK_IN, days(1))
    ]


def test_no_plans_nothing() -> None:
    assert plan(CallOutcome.NO, letter_sent=False, decision=days(1), expires=days(5), start=days(40)) == []


# --- shared ---------------------------------------------------------------------------------------------------------


def test_plans_are_in_due_date_order_with_notes() -> None:
    for outcome in (None, *CallOutcome):
        planned = plan(outcome, letter_sent=False, decision=days(3), expires=days(8), start=days(45))
        assert planned == sorted(planned, key=lambda p: (p.due_on, p.kind))
        assert all(p.note and p.due_on >= TODAY for p in planned)


def test_kind_labels() -> None:
    assert kind_label(SEND_LETTER) == "Send the offer letter"
    assert kind_label("call_hiring_manager") == "Call hiring manager"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("check_in_hours", 0),
        ("check_in_hours", -5),
        ("touchpoint_every_days", True),
        ("letter_same_day", 1),
        ("speed", 3),
    ],
)
def test_bad_cadence_values_are_refused(name: str, value: int | bool) -> None:
    with pytest.raises(ValidationError):
        Cadence().with_value(name, value)


def test_with_value_changes_one_field() -> None:
    assert Cadence().with_value("check_in_hours", 24) == Cadence(check_in_hours=24)
    with pytest.raises(ValidationError):
        Cadence(touchpoint_every_days=0)
