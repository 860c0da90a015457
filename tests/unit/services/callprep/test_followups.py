"""Follow-up services over the demo database: the agenda with a fixed today, marking done, the cadence setting,
scheduling without duplicates, and the `followups` command handler."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from offerdesk.cli.followup_commands import followups
from offerdesk.domain.cadence import Cadence, PlannedFollowUp, plan_follow_ups
from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.clock import today
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.paths import AppPaths
from offerdesk.services.callprep.followups import (
    CADENCE_KEYS,
    CadenceService,
    FollowUpService,
    FollowUpView,
    load_cadence,
    past_day,
    schedule,
)
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import AppMeta, Candidate, FollowUp

# The demo seeds, relative to the day it was seeded on (`seeded_on`): Lukas Becker's "send_letter" due that day,
# Aisha Rahman's "decision_check_in" due the day after, and both open offers (Aisha letter_sent, Lukas
# verbal_extended) expiring 10 days after it. Every other demo offer is draft, approved or decided.
OPEN_FOR_DAYS = 10


@pytest.fixture
def open_expiry(seeded_on: date) -> date:
    return seeded_on + timedelta(days=OPEN_FOR_DAYS)


@pytest.fixture
def follow_ups(services: Services) -> FollowUpService:
    return FollowUpService(services.database)


def candidate_id(services: Services, last_name: str) -> int:
    with services.database.transaction(read_only=True) as session:
        found = session.scalar(select(Candidate.id).where(Candidate.last_name == last_name))
    assert found is not None
    return found


def open_follow_ups(services: Services, candidate: int) -> list[tuple[str, date]]:
    with services.database.transaction(read_only=True) as session:
        rows = session.execute(
            select(FollowUp.kind, FollowUp.due_on)
            .where(FollowUp.candidate_id == candidate, FollowUp.done_at.is_(None))
            .order_by(FollowUp.due_on, FollowUp.kind)
        )
        return list(rows)


# --- the agenda -------------------------------------------------------------------------------------------------


def test_agenda_on_the_seed_day(follow_ups: FollowUpService, seeded_on: date) -> None:
    agenda = follow_ups.agenda(seeded_on)
    assert agenda.today == seeded_on
    assert agenda.overdue == ()
    assert [(f.candidate_name, f.kind, f.kind_label) for f in agenda.due_today] == [
        ("Lukas Becker", "send_letter", "Send the offer letter")
    ]
    assert [(f.candidate_name, f.kind, f.due_on) for f in agenda.upcoming] == [
        ("Aisha Rahman", "decision_check_in", seeded_on + timedelta(days=1))
    ]
    assert agenda.expiring_today == () and agenda.expiring_this_week == ()
    assert not agenda.is_empty


def test_agenda_defaults_to_today(follow_ups: FollowUpService) -> None:
    assert follow_ups.agenda().today == today()


def test_agenda_a_day_later_shows_the_letter_overdue(follow_ups: FollowUpService, seeded_on: date) -> None:
    agenda = follow_ups.agenda(seeded_on + timedelta(days=1))
    assert [f.kind for f in agenda.overdue] == ["send_letter"]
    assert [f.kind for f in agenda.due_today] == ["decision_check_in"]
    assert agenda.upcoming == ()
    assert agenda.overdue[0].offer_id is not None


def test_agenda_lists_offers_expiring_this_week(follow_ups: FollowUpService, open_expiry: date) -> None:
    day = open_expiry - timedelta(days=4)
    agenda = follow_ups.agenda(day)
    assert [f.kind for f in agenda.overdue] == ["send_letter", "decision_check_in"]
    assert agenda.expiring_today == ()
    expiring = agenda.expiring_this_week
    assert sorted(o.candidate_name for o in expiring) == ["Aisha Rahman", "Lukas Becker"]
    assert {o.status for o in expiring} == {OfferStatus.LETTER_SENT, OfferStatus.VERBAL_EXTENDED}
    assert all(o.expires_on == open_expiry and o.role_title == "Senior Backend Engineer" for o in expiring)


def test_agenda_lists_offers_expiring_today(follow_ups: FollowUpService, open_expiry: date) -> None:
    agenda = follow_ups.agenda(open_expiry)
    assert sorted(o.candidate_name for o in agenda.expiring_today) == ["Aisha Rahman", "Lukas Becker"]
    assert agenda.expiring_this_week == ()


def test_the_week_ends_after_seven_days(follow_ups: FollowUpService, open_expiry: date) -> None:
    assert follow_ups.agenda(open_expiry - timedelta(days=7)).expiring_this_week != ()
    assert follow_ups.agenda(open_expiry - timedelta(days=8)).expiring_this_week == ()
    assert follow_ups.agenda(open_expiry + timedelta(days=1)).expiring_today == ()  # past expiry: not listed


def test_only_offers_awaiting_an_answer_are_expiring(services: Services, follow_ups: FollowUpService) -> None:
    accepted = [o for o in services.offers.list() if o.status is OfferStatus.VERBALLY_ACCEPTED]
    assert accepted and accepted[0].expires_on is not None
    agenda = follow_ups.agenda(accepted[0].expires_on)
    shown = {o.offer_id for o in (*agenda.expiring_today, *agenda.expiring_this_week)}
    assert accepted[0].id not in shown


def test_upcoming_is_the_next_seven_days(services: Services, follow_ups: FollowUpService, seeded_on: date) -> None:
    becker = candidate_id(services, "Becker")
    follow_ups.add(becker, seeded_on + timedelta(days=7), "touchpoint", "in a week")
    follow_ups.add(becker, seeded_on + timedelta(days=8), "touchpoint", "too far")
    notes = [f.note for f in follow_ups.agenda(seeded_on).upcoming]
    assert "in a week" in notes and "too far" not in notes


# --- mark done and add -------------------------------------------------------------------------------------------


def test_mark_done_takes_it_off_the_agenda(services: Services, follow_ups: FollowUpService, seeded_on: date) -> None:
    letter = follow_ups.agenda(seeded_on).due_today[0]
    assert follow_ups.mark_done(letter.id).changes == Changes.of(Kind.FOLLOW_UPS)
    assert follow_ups.agenda(seeded_on).due_today == ()
    with services.database.transaction() as session:
        row = session.get(FollowUp, letter.id)
        assert row is not None and row.done_at is not None
        first = row.done_at
    follow_ups.mark_done(letter.id)  # a second time keeps the first
    with services.database.transaction() as session:
        row = session.get(FollowUp, letter.id)
        assert row is not None and row.done_at == first


def test_mark_done_can_be_undone_in_the_session(
    services: Services, follow_ups: FollowUpService, seeded_on: date
) -> None:
    letter = follow_ups.agenda(seeded_on).due_today[0]
    done = follow_ups.mark_done(letter.id)
    assert done.changes == Changes.of(Kind.FOLLOW_UPS)
    record = done.value
    assert record is not None and record.label == f"Mark done: {letter.kind_label} for {letter.candidate_name}"
    undone = record.undo()
    assert undone.changes == Changes.of(Kind.FOLLOW_UPS)
    assert undone.value == f"{letter.kind_label} for {letter.candidate_name} is open again."
    assert follow_ups.agenda(seeded_on).due_today == (letter,)
    again = follow_ups.mark_done(letter.id)
    assert again.value is not None and follow_ups.mark_done(letter.id).value is None  # already done: nothing to undo


def test_mark_done_of_an_unknown_id(follow_ups: FollowUpService) -> None:
    with pytest.raises(NotFoundError, match="no follow-up with id 9999"):
        follow_ups.mark_done(9999)


def test_add_a_follow_up_by_hand(services: Services, follow_ups: FollowUpService, seeded_on: date) -> None:
    aisha = candidate_id(services, "Rahman")
    offer = services.offers.list(candidate_id=aisha)[0]
    added = follow_ups.add(aisha, seeded_on + timedelta(days=3), "Call hiring manager", "  Peer chat  ", offer.id)
    assert added.changes == Changes.of(Kind.FOLLOW_UPS)
    listed = [f for f in follow_ups.agenda(seeded_on).upcoming if f.kind == "call_hiring_manager"]
    assert [(f.id, f.candidate_id, f.offer_id, f.note, f.kind_label) for f in listed] == [
        (added.value, aisha, offer.id, "Peer chat", "Call hiring manager")
    ]


def test_add_refuses_bad_input(services: Services, follow_ups: FollowUpService, seeded_on: date) -> None:
    aisha, lukas = candidate_id(services, "Rahman"), candidate_id(services, "Becker")
    with pytest.raises(NotFoundError):
        follow_ups.add(99_999, seeded_on, "check_in", "")
    with pytest.raises(ValidationError, match="needs a kind"):
        follow_ups.add(aisha, seeded_on, "  ", "")
    with pytest.raises(ValidationError, match="at most 50"):
        follow_ups.add(aisha, seeded_on, "x" * 51, "")
    with pytest.raises(NotFoundError):
        follow_ups.add(aisha, seeded_on, "check_in", "", offer_id=99_999)
    lukas_offer = services.offers.list(candidate_id=lukas)[0]
    with pytest.raises(ValidationError, match="another candidate"):
        follow_ups.add(aisha, seeded_on, "check_in", "", offer_id=lukas_offer.id)


def test_add_by_hand_defaults_to_a_check_in_and_allows_today_and_past_days(
    services: Services, follow_ups: FollowUpService, seeded_on: date
) -> None:
    aisha = candidate_id(services, "Rahman")
    added = follow_ups.add(aisha, seeded_on, note="Call after the team lunch").value
    assert follow_ups.get(added) == FollowUpView(
        added, aisha, "Aisha Rahman", None, "check_in", "Check in", seeded_on, "Call after the team lunch"
    )
    late = follow_ups.add(aisha, seeded_on - timedelta(days=2)).value
    assert late in {f.id for f in follow_ups.agenda(seeded_on).overdue}
    assert past_day(seeded_on, seeded_on) is None
    assert past_day(date(2026, 11, 30), date(2026, 12, 2)) == (
        "2026-11-30 is in the past (today is 2026-12-02), so the follow-up shows as overdue at once."
    )


def test_candidate_choices_leave_out_the_archived(services: Services, follow_ups: FollowUpService) -> None:
    aisha = candidate_id(services, "Rahman")
    choices = follow_ups.candidate_choices()
    assert ("Aisha Rahman", "Senior Backend Engineer") in {(c.name, c.role_title) for c in choices if c.id == aisha}
    services.candidate_records.archive(aisha)
    assert aisha not in {c.id for c in follow_ups.candidate_choices()}


def test_move_reschedules_and_undo_moves_it_back(
    services: Services, follow_ups: FollowUpService, seeded_on: date
) -> None:
    aisha = candidate_id(services, "Rahman")
    added = follow_ups.add(aisha, seeded_on + timedelta(days=1)).value
    moved = follow_ups.move(added, seeded_on + timedelta(days=5))
    assert moved.changes == Changes.of(Kind.FOLLOW_UPS)
    assert follow_ups.get(added).due_on == seeded_on + timedelta(days=5)
    record = moved.value
    assert record is not None and record.label == "Reschedule: Check in for Aisha Rahman"
    back = record.undo()
    assert back.value == f"Check in for Aisha Rahman is due {(seeded_on + timedelta(days=1)).isoformat()} again."
    assert follow_ups.get(added).due_on == seeded_on + timedelta(days=1)
    assert follow_ups.move(added, seeded_on + timedelta(days=1)).value is None  # already that day: nothing to undo


def test_undo_of_a_move_keeps_a_later_move_or_a_mark_done(
    services: Services, follow_ups: FollowUpService, seeded_on: date
) -> None:
    aisha = candidate_id(services, "Rahman")
    added = follow_ups.add(aisha, seeded_on + timedelta(days=1)).value
    first = follow_ups.move(added, seeded_on + timedelta(days=2)).value
    follow_ups.move(added, seeded_on + timedelta(days=3))
    assert first is not None
    with pytest.raises(ValidationError, match="“Check in for Aisha Rahman” was moved again since"):
        first.undo()
    second = follow_ups.move(added, seeded_on + timedelta(days=4)).value
    follow_ups.mark_done(added)
    assert second is not None
    with pytest.raises(ValidationError, match="was marked done since"):
        second.undo()
    assert follow_ups.get(added).due_on == seeded_on + timedelta(days=4)


def test_move_refuses_an_unknown_or_done_follow_up(
    services: Services, follow_ups: FollowUpService, seeded_on: date
) -> None:
    with pytest.raises(NotFoundError, match="There is no follow-up with id 9999"):
        follow_ups.move(9999, seeded_on)
    with pytest.raises(NotFoundError, match="There is no follow-up with id 9999"):
        follow_ups.get(9999)
    aisha = candidate_id(services, "Rahman")
    added = follow_ups.add(aisha, seeded_on).value
    follow_ups.mark_done(added)
    with pytest.raises(ValidationError) as refused:
        follow_ups.move(added, seeded_on + timedelta(days=1))
    assert str(refused.value) == (
        f"The follow-up “Check in for Aisha Rahman” (id {added}) is done, so it cannot be moved; add a new one instead."
    )


# --- the cadence setting ------------------------------------------------------------------------------------------


def test_cadence_defaults_then_set_and_get(services: Services) -> None:
    cadence = CadenceService(services.database)
    assert cadence.get() == Cadence()
    assert cadence.set("check_in_hours", 24) == Changes.of(Kind.SETTINGS)
    assert cadence.set("letter_same_day", False) == Changes.of(Kind.SETTINGS)
    cadence.set("check_in_hours", 72)  # overwrite
    assert cadence.get() == Cadence(check_in_hours=72, letter_same_day=False)
    with services.database.transaction() as session:
        assert session.get(AppMeta, "cadence:check_in_hours") is not None
        assert session.get(AppMeta, CADENCE_KEYS["letter_same_day"]) is not None


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("check_in_hours", 0, "at least 1"),
        ("touchpoint_every_days", -3, "at least 1"),
        ("before_deadline_days", True, "whole number"),
        ("letter_same_day", 2, "yes or no"),
        ("reminder_colour", 3, "not a follow-up cadence setting"),
    ],
)
def test_cadence_set_refuses_bad_values(services: Services, name: str, value: int | bool, words: str) -> None:
    cadence = CadenceService(services.database)
    with pytest.raises(ValidationError, match=words) as raised:
        cadence.set(name, value)
    assert str(raised.value).count(".") >= 1 and "\n" not in str(raised.value)
    assert cadence.get() == Cadence()


def test_a_damaged_stored_value_falls_back_to_its_default(services: Services) -> None:
    with services.database.transaction() as session:
        session.add(AppMeta(key="cadence:check_in_hours", value="soon"))
        session.add(AppMeta(key="cadence:touchpoint_every_days", value="0"))
        session.add(AppMeta(key="cadence:letter_same_day", value="no"))
        session.add(AppMeta(key="cadence:retired_setting", value="5"))
    with services.database.transaction() as session:
        assert load_cadence(session) == Cadence(letter_same_day=False)


# --- schedule -----------------------------------------------------------------------------------------------------


def test_schedule_adds_rows_in_the_callers_transaction(services: Services, seeded_on: date) -> None:
    lukas = candidate_id(services, "Becker")
    offer = services.offers.list(candidate_id=lukas)[0]
    planned = plan_follow_ups(Cadence(), CallOutcome.COUNTER, seeded_on, None, None, None, letter_sent=True)
    with services.database.transaction() as session:
        schedule(session, lukas, offer.id, None, planned)
        assert open_follow_ups(services, lukas) == [("send_letter", seeded_on)]  # not committed yet
    assert ("counter_check_in", seeded_on + timedelta(days=2)) in open_follow_ups(services, lukas)


def test_schedule_skips_open_duplicates(services: Services, seeded_on: date) -> None:
    lukas = candidate_id(services, "Becker")
    planned = [
        PlannedFollowUp("send_letter", seeded_on, "again"),  # the demo's open one
        PlannedFollowUp("check_in", seeded_on + timedelta(days=2), "new"),
        PlannedFollowUp("check_in", seeded_on + timedelta(days=2), "twice in one plan"),
        PlannedFollowUp("touchpoint", seeded_on + timedelta(days=2), "another kind, same day"),
    ]
    with services.database.transaction() as session:
        schedule(session, lukas, None, None, planned)
    assert open_follow_ups(services, lukas) == [
        ("send_letter", seeded_on),
        ("check_in", seeded_on + timedelta(days=2)),
        ("touchpoint", seeded_on + timedelta(days=2)),
    ]
    with services.database.transaction() as session:
        schedule(session, lukas, None, None, planned)  # a second call the same day
        total = session.scalar(select(func.count()).select_from(FollowUp).where(FollowUp.candidate_id == lukas))
    assert total == 3


def test_schedule_adds_again_once_the_earlier_one_is_done(
    services: Services, follow_ups: FollowUpService, seeded_on: date
) -> None:
    lukas = candidate_id(services, "Becker")
    letter = follow_ups.agenda(seeded_on).due_today[0]
    follow_ups.mark_done(letter.id)
    with services.database.transaction() as session:
        schedule(session, lukas, None, None, [PlannedFollowUp("send_letter", seeded_on, "resend")])
    assert open_follow_ups(services, lukas) == [("send_letter", seeded_on)]


def test_schedule_of_nothing_adds_nothing(services: Services) -> None:
    with services.database.transaction() as session:
        before = session.scalar(select(func.count()).select_from(FollowUp))
        schedule(session, candidate_id(services, "Becker"), None, None, [])
        assert session.scalar(select(func.count()).select_from(FollowUp)) == before


# --- the command handler -------------------------------------------------------------------------------------------


def cli_args(paths: AppPaths, fmt: str) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(paths.data_dir), db_url=None, no_demo=False, format=fmt)


def test_followups_command_as_json(services: Services, paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert followups(cli_args(paths, "json")) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"today", "overdue", "due_today", "upcoming", "expiring_today", "expiring_this_week"}
    assert [f["candidate"] for f in record["due_today"]] == ["Lukas Becker"]
    assert record["upcoming"][0]["kind"] == "decision_check_in"


def test_followups_command_as_a_table(services: Services, paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert followups(cli_args(paths, "table")) == 0
    out = capsys.readouterr().out
    positions = [out.index(title) for title in ("\nOverdue\n", "\nToday\n", "\nNext 7 days\n", "\nOffers expiring\n")]
    assert positions == sorted(positions)
    assert "Lukas Becker" in out and "Send the offer letter" in out
    assert "(none)" in out  # nothing overdue on the seed day
    assert Path(paths.data_dir).is_dir()
