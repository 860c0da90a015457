"""`offerdesk followups add|move` and `followups --format ics`, called in-process as a user types them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from offerdesk.domain.clock import today
from tests.unit.cli.cli_run import run


@pytest.fixture
def home(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data")]


def agenda_ids(capsys: pytest.CaptureFixture[str], home: list[str]) -> dict[int, str]:
    code, out, _ = run(capsys, *home, "followups", "--format", "json")
    assert code == 0
    record = json.loads(out)
    return {item["id"]: item["due_on"] for part in ("overdue", "due_today", "upcoming") for item in record[part]}


def test_add_then_move_a_follow_up_and_see_it_on_the_agenda(
    capsys: pytest.CaptureFixture[str], home: list[str]
) -> None:
    soon, later = today() + timedelta(days=2), today() + timedelta(days=5)
    code, out, err = run(capsys, *home, "followups", "add", "--candidate", "1", "--on", soon.isoformat(),
                         "--note", "Ask about the notice period")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("Added follow-up ") and out.endswith(f": Check in for Aisha Rahman, due {soon}.\n")
    new_id = int(out.split()[2].rstrip(":"))
    assert agenda_ids(capsys, home)[new_id] == soon.isoformat()

    code, out, err = run(capsys, *home, "followups", "move", str(new_id), later.isoformat())
    assert (code, err) == (0, "")
    assert out == f"Moved follow-up {new_id} (Check in for Aisha Rahman) from {soon} to {later}.\n"
    assert agenda_ids(capsys, home)[new_id] == later.isoformat()
    code, out, _ = run(capsys, *home, "followups", "move", str(new_id), later.isoformat())
    assert (code, out) == (
        0,
        f"The follow-up {new_id} (Check in for Aisha Rahman) is already due {later}; nothing changed.\n",
    )


def test_a_past_day_is_taken_with_a_note(capsys: pytest.CaptureFixture[str], home: list[str]) -> None:
    past = today() - timedelta(days=3)
    code, out, err = run(capsys, *home, "followups", "add", "--candidate", "1", "--on", past.isoformat())
    assert code == 0 and out.startswith("Added follow-up ")
    assert (
        err
        == f"offerdesk: note: {past} is in the past (today is {today()}), so the follow-up shows as overdue at once.\n"
    )


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (["add", "--candidate", "999", "--on", "2027-03-29"], "There is no candidate with id 999."),
        (["add", "--candidate", "1", "--on", "29/03/2027"], "--on “29/03/2027” is not a date; write it as YYYY-MM-DD"),
        (["move", "999", "2027-03-29"], "There is no follow-up with id 999."),
        (["move", "1", "next week"], "The date “next week” is not a date; write it as YYYY-MM-DD"),
        (["--format", "ics", "--zone", "Mars/Olympus"], "“Mars/Olympus” is not a time zone"),
        (["--out", "feed.ics"], "--out and --zone go with --format ics (the calendar feed)."),
    ],
)
def test_mistakes_end_in_one_sentence(
    capsys: pytest.CaptureFixture[str], home: list[str], argv: list[str], sentence: str
) -> None:
    code, out, err = run(capsys, *home, "followups", *argv)
    assert code == 1 and out == ""
    assert err.startswith(f"offerdesk: {sentence}") and "Traceback" not in err


def test_a_done_follow_up_is_not_moved(capsys: pytest.CaptureFixture[str], home: list[str], tmp_path: Path) -> None:
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services

    assert run(capsys, *home, "info")[0] == 0
    services, _ = open_services(resolve_paths(tmp_path / "data"))
    try:
        added = services.followups.add(1, today()).value
        services.followups.mark_done(added)
    finally:
        services.close()
    code, _, err = run(capsys, *home, "followups", "move", str(added), today().isoformat())
    assert code == 1
    assert err == (
        f"offerdesk: The follow-up “Check in for Aisha Rahman” (id {added}) is done, so it cannot be moved; "
        "add a new one instead.\n"
    )


def test_the_feed_is_written_as_a_calendar_file(
    capsys: pytest.CaptureFixture[str], home: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "calendars" / "offerdesk.ics"
    code, out, err = run(capsys, *home, "followups", "--format", "ics", "--zone", "Europe/Amsterdam",
                         "--out", str(target))  # fmt: skip
    assert (code, err) == (0, "")
    parsed = Calendar.from_ical(target.read_bytes())
    uids = [str(event["uid"]) for event in parsed.walk("VEVENT")]
    wrote = f"Wrote {len(uids)} calendar events (Europe/Amsterdam) to {target}"
    assert out == f"{wrote}; import it or subscribe to it as a file.\n"
    assert {"followup-1@offerdesk", "followup-2@offerdesk", "offer-1-expiry@offerdesk"} <= set(uids)
    assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    code, out, _ = run(capsys, *home, "followups", "--format", "ics", "--zone", "UTC")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR") and "followup-1@offerdesk" in out


def test_a_feed_that_cannot_be_written_says_where(
    capsys: pytest.CaptureFixture[str], home: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    code, _, err = run(capsys, *home, "followups", "--format", "ics", "--zone", "UTC", "--out", str(folder))
    assert code == 1
    assert err.startswith(f"offerdesk: The calendar cannot be written to {folder}: ")
