"""The calendar feed (.ics) over the demo database and over hand-made entries: stable UIDs, summaries naming the
candidate, reminders, all-day dates, and local times that stay local across a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Component
from sqlalchemy import select

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.clock import today
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.callprep.calendar_feed import (
    CalendarEntry,
    EntryKind,
    build_calendar,
    local_zone,
    write_calendar,
    zone_named,
)
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate, Offer, PreCloseProfileRow

AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # summer time from 2027-03-28
NEW_YORK = ZoneInfo("America/New_York")  # summer time from 2027-03-14


def candidate_id(services: Services, last_name: str) -> int:
    with services.database.transaction(read_only=True) as session:
        found = session.scalar(select(Candidate.id).where(Candidate.last_name == last_name))
    assert found is not None
    return found


def written(calendar: Calendar, tmp_path: Path) -> Calendar:
    """Write the calendar as the app does and read the file back, as a calendar program would."""
    target = write_calendar(calendar, tmp_path / "calendar" / "feed.ics")
    assert [p.name for p in target.parent.iterdir()] == ["feed.ics"]  # no temporary left beside it
    return Calendar.from_ical(target.read_bytes())


def events(calendar: Calendar) -> dict[str, Component]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def alarm_of(event: Component) -> Component:
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["action"]) == "DISPLAY" and str(alarms[0]["description"])
    return alarms[0]


def absolute_trigger(event: Component) -> datetime:
    alarm = alarm_of(event)
    assert alarm["trigger"].params["VALUE"] == "DATE-TIME"
    moment = alarm.decoded("trigger")
    assert isinstance(moment, datetime) and moment.utcoffset() == timedelta(0)  # RFC 5545: absolute is UTC
    return moment.astimezone(UTC).replace(tzinfo=None)


def entry(kind: EntryKind, day: date, uid: str) -> CalendarEntry:
    return CalendarEntry(uid=uid, kind=kind, day=day, summary=f"{kind.value} {day}", description="note")


# --- times across a daylight-saving change ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "before", "after", "nine_before", "nine_after", "five_before", "five_after"),
    [
        (AMSTERDAM, date(2027, 3, 27), date(2027, 3, 29), "08:00", "07:00", "16:00", "15:00"),
        (NEW_YORK, date(2027, 3, 13), date(2027, 3, 15), "14:00", "13:00", "22:00", "21:00"),
    ],
)
def test_local_times_stay_local_across_the_change_to_summer_time(
    tmp_path: Path,
    zone: ZoneInfo,
    before: date,
    after: date,
    nine_before: str,
    nine_after: str,
    five_before: str,
    five_after: str,
) -> None:
    entries = [
        entry(EntryKind.FOLLOW_UP, before, "followup-1@offerdesk"),
        entry(EntryKind.FOLLOW_UP, after, "followup-2@offerdesk"),
        entry(EntryKind.EXPIRY, before, "offer-1-expiry@offerdesk"),
        entry(EntryKind.EXPIRY, after, "offer-2-expiry@offerdesk"),
        entry(EntryKind.DECISION, after, "candidate-1-decision@offerdesk"),
    ]
    found = events(written(build_calendar(entries, zone), tmp_path))

    # Follow-ups are all-day on their day; the reminder is 09:00 local, whose UTC hour moves with the clocks.
    for uid, day, utc_hour in (("followup-1", before, nine_before), ("followup-2", after, nine_after)):
        event = found[f"{uid}@offerdesk"]
        assert event["dtstart"].params["VALUE"] == "DATE"
        assert event.decoded("dtstart") == day and event.decoded("dtend") == day + timedelta(days=1)
        assert absolute_trigger(event) == datetime.fromisoformat(f"{day.isoformat()}T{utc_hour}")

    # Expiries are at 17:00 local, written with the zone's TZID; the reminder is a day earlier, same local time.
    for uid, day, utc_hour in (("offer-1", before, five_before), ("offer-2", after, five_after)):
        event = found[f"{uid}-expiry@offerdesk"]
        assert event["dtstart"].params["TZID"] == zone.key
        start = event.decoded("dtstart")
        assert (start.date(), start.hour, start.minute) == (day, 17, 0)
        assert start.astimezone(UTC).strftime("%H:%M") == utc_hour
        assert alarm_of(event).decoded("trigger") == timedelta(days=-1)

    # A decision deadline's reminder is 09:00 local the day before: the day of the change itself, by 09:00 on
    # summer time already (the clocks move at 02:00 or 03:00).
    decision = found["candidate-1-decision@offerdesk"]
    assert decision.decoded("dtstart") == after
    assert absolute_trigger(decision) == datetime.fromisoformat(
        f"{(after - timedelta(days=1)).isoformat()}T{nine_after}"
    )


def test_the_calendar_carries_the_vtimezone_of_its_tzid(tmp_path: Path) -> None:
    parsed = written(
        build_calendar([entry(EntryKind.EXPIRY, date(2027, 3, 29), "offer-9-expiry@offerdesk")], AMSTERDAM), tmp_path
    )
    assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert parsed.get_missing_tzids() == set()
    assert {str(part.name) for part in parsed.walk("VTIMEZONE")[0].subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_all_day_items_alone_need_no_vtimezone(tmp_path: Path) -> None:
    parsed = written(
        build_calendar([entry(EntryKind.FOLLOW_UP, date(2027, 3, 29), "followup-9@offerdesk")], AMSTERDAM), tmp_path
    )
    assert parsed.walk("VTIMEZONE") == []


# --- the feed over the demo data ----------------------------------------------------------------------------------


def test_the_feed_lists_open_follow_ups_deadlines_and_expiries_with_stable_uids(
    services: Services, tmp_path: Path
) -> None:
    aisha = candidate_id(services, "Rahman")
    offer = services.offers.list(candidate_id=aisha)[0]
    added = services.followups.add(aisha, today() + timedelta(days=3), note="Ask about the notice period").value
    first = events(written(services.followups.feed_calendar(AMSTERDAM), tmp_path))
    mine = first[f"followup-{added}@offerdesk"]
    assert str(mine["summary"]) == "Follow up: Aisha Rahman — Check in"
    assert str(mine["description"]) == "Ask about the notice period\nRole: Senior Backend Engineer"
    assert mine.decoded("dtstart") == today() + timedelta(days=3)
    assert str(mine["transp"]) == "TRANSPARENT"  # a day's task blocks no time
    expiry = first[f"offer-{offer.id}-expiry@offerdesk"]
    assert str(expiry["summary"]) == "Offer expires: Aisha Rahman (Senior Backend Engineer)"
    deadline = first[f"candidate-{aisha}-decision@offerdesk"]
    assert str(deadline["summary"]).startswith("Decision due: Aisha Rahman")

    services.followups.move(added, today() + timedelta(days=4))
    (tmp_path / "calendar" / "feed.ics").unlink()
    again = events(written(services.followups.feed_calendar(AMSTERDAM), tmp_path))
    assert set(again) == set(first)  # the same UIDs: a calendar updates its events instead of adding copies
    assert again[f"followup-{added}@offerdesk"].decoded("dtstart") == today() + timedelta(days=4)


def test_done_follow_ups_answered_offers_and_past_days_stay_out(services: Services) -> None:
    aisha = candidate_id(services, "Rahman")
    added = services.followups.add(aisha, today() + timedelta(days=2)).value
    services.followups.mark_done(added)
    offer = services.offers.list(candidate_id=aisha)[0]
    with services.database.transaction() as session:
        row = session.get(Offer, offer.id)
        assert row is not None
        row.status = OfferStatus.SIGNED
    uids = set(events(services.followups.feed_calendar(AMSTERDAM)))
    assert f"followup-{added}@offerdesk" not in uids
    assert f"offer-{offer.id}-expiry@offerdesk" not in uids  # no longer waiting for an answer
    assert f"candidate-{aisha}-decision@offerdesk" not in uids  # she has answered
    later = set(events(services.followups.feed_calendar(AMSTERDAM, today=today() + timedelta(days=30))))
    assert not {uid for uid in later if uid.endswith(("-expiry@offerdesk", "-decision@offerdesk"))}


def test_the_latest_word_on_the_decision_date_wins(services: Services) -> None:
    aisha = candidate_id(services, "Rahman")
    said_on_the_call = today() + timedelta(days=5)
    services.calls.log(aisha, CallOutcome.NEED_TIME, None, [], "", decision_date=said_on_the_call)
    deadline = events(services.followups.feed_calendar(AMSTERDAM))[f"candidate-{aisha}-decision@offerdesk"]
    assert deadline.decoded("dtstart") == said_on_the_call
    assert "from the call on" in str(deadline["description"])
    with services.database.transaction() as session:
        profile = session.get(PreCloseProfileRow, aisha)
        assert profile is not None
        profile.decision_deadline = today() + timedelta(days=6)
        profile.updated_at = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=1)
    deadline = events(services.followups.feed_calendar(AMSTERDAM))[f"candidate-{aisha}-decision@offerdesk"]
    assert deadline.decoded("dtstart") == today() + timedelta(days=6)
    assert "pre-close profile" in str(deadline["description"])


def test_one_follow_up_as_its_own_calendar(services: Services, tmp_path: Path) -> None:
    aisha = candidate_id(services, "Rahman")
    added = services.followups.add(aisha, date(2027, 3, 29), "touchpoint", "Coffee").value
    parsed = written(services.followups.follow_up_calendar(added, AMSTERDAM), tmp_path)
    assert list(events(parsed)) == [f"followup-{added}@offerdesk"]
    assert absolute_trigger(parsed.walk("VEVENT")[0]) == datetime(2027, 3, 29, 7, 0)
    with pytest.raises(NotFoundError, match="no follow-up with id 99999"):
        services.followups.follow_up_calendar(99_999, AMSTERDAM)


# --- time zones ---------------------------------------------------------------------------------------------------


def test_a_zone_is_named_or_refused_in_a_sentence() -> None:
    assert zone_named(" Europe/Amsterdam ") == AMSTERDAM
    for wrong in ("Mars/Olympus", "", "../etc/passwd"):
        with pytest.raises(ValidationError, match="is not a time zone; use a name such as Europe/Amsterdam"):
            zone_named(wrong)


def test_the_local_zone_is_the_tz_setting_when_it_names_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone() == NEW_YORK
    monkeypatch.setenv("TZ", "Nowhere/Special")
    assert isinstance(local_zone(), ZoneInfo)  # the system's zone, else UTC: never a failure
