"""Calls, follow-ups and the library from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Runner, command


def test_log_a_call_then_see_it_and_its_follow_up(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    logged = run(command("offerdesk"), *data, "calls", "log", "--candidate", "2", "--outcome", "need_time",
                 "--ask-style", "timeline", "--objection", "PARTNER_DECISION", "--note", "Partner to decide",
                 "--follow-up", "2099-01-15")  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    calls = json.loads(run(command("offerdesk"), *data, "calls", "list", "--candidate", "2", "--format", "json").stdout)
    assert calls[0]["outcome"] == "need_time" and calls[0]["objections"] == ["PARTNER_DECISION"]
    assert calls[0]["follow_up"] == "2099-01-15"
    agenda = json.loads(run(command("offerdesk"), *data, "followups", "--format", "json").stdout)
    assert {"overdue", "due_today", "upcoming", "expiring_today", "expiring_this_week"} <= set(agenda)


def test_a_yes_on_the_command_line_moves_the_offer(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    logged = run(command("offerdesk"), *data, "calls", "log", "--candidate", "2", "--outcome", "yes")
    assert "offer now verbally accepted" in logged.stdout


def test_objection_search_and_library_round_trip(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    found = run(command("offerdesk"), *data, "objections", "search", "partner")
    assert found.stdout.splitlines()[0].startswith("PARTNER_DECISION")
    exported = run(command("offerdesk"), *data, "library", "export", str(tmp_path / "lib.json"))
    assert exported.returncode == 0
    imported = run(command("offerdesk"), "--data-dir", str(tmp_path / "other"), "library", "import",
                   str(tmp_path / "lib.json"))  # fmt: skip
    assert imported.returncode == 0, imported.stderr


def test_bad_call_input_gets_one_sentence(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    for args, message in (
        (["calls", "log", "--candidate", "2", "--outcome", "maybe"], "not a call outcome"),
        (["calls", "log", "--candidate", "2", "--outcome", "no", "--objection", "NOPE"], "Unknown objection code"),
        (["calls", "log", "--candidate", "999", "--outcome", "no"], "no candidate with id 999"),
        (["calls", "log", "--candidate", "2", "--outcome", "yes", "--follow-up", "tomorrow"], "not a date"),
    ):
        result = run(command("offerdesk"), *data, *args)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_offer_round_trip_diff_and_status_on_the_command_line(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    shown = run(command("offerdesk"), *data, "offers", "show", "3", "--format", "json")
    (tmp_path / "offer.json").write_text(shown.stdout, encoding="utf-8")
    other = ["--data-dir", str(tmp_path / "other"), "--no-demo"]
    assert run(command("offerdesk"), *other, "offers", "import", str(tmp_path / "offer.json")).returncode == 0
    again = json.loads(run(command("offerdesk"), *other, "offers", "show", "1", "--format", "json").stdout)
    original = json.loads(shown.stdout)
    for own in ("id", "row_version"):  # the exporting database's own
        again["offer"][own] = original["offer"][own]
    assert again == original
    diff = run(command("offerdesk"), *data, "offers", "diff", "3", "1", "2")
    assert "Base salary" in diff.stdout
    refused = run(command("offerdesk"), *data, "offers", "set-status", "4", "signed")
    assert refused.returncode == 1 and "declined cannot become signed" in refused.stderr
    bands = run(command("offerdesk"), *data, "roles", "list")
    assert "€78,000.00" in bands.stdout


def test_stats_agree_across_formats(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    as_json = json.loads(run(command("offerdesk"), *data, "stats", "--format", "json").stdout)
    assert as_json["overall"]["metrics"]["acceptance_rate"]["numerator"] == 4
    table = run(command("offerdesk"), *data, "stats", "--by", "role").stdout
    assert "57% (4 of 7)" in table and "Senior Backend Engineer" in table
