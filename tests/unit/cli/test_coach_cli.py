"""`offerdesk coach` on the demo data: Sam Rivera (the demo's recruiter name) made every demo call.

The demo's calls with objections: Pay too low on two offers (one accepted after a revised offer, one declined)
= 1 of 2 = 50%; Competing offer on one declined offer = 0 of 1 = 0%; Needs more time on an offer still open.
"""

from __future__ import annotations

import json

import pytest

from tests.unit.cli.cli_run import run


def test_coach_says_whose_numbers_and_the_losses_in_sentences(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "coach")
    assert code == 0
    assert out.startswith("These are Sam Rivera's calls; nobody else has logged calls here")
    lines = out.splitlines()
    competing = lines.index("  After Competing offer your offers are accepted 0% of the time (0 of 1), a small sample.")
    comp_low = lines.index("  After Pay too low your offers are accepted 50% of the time (1 of 2), a small sample.")
    assert competing < comp_low  # weakest first
    assert "Nothing practised yet." in out


def test_coach_json_has_every_number(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "coach", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["recruiter"] == "Sam Rivera"
    comp_low = next(loss for loss in report["losses"] if loss["code"] == "COMP_LOW")
    assert (comp_low["yours"]["accepted"], comp_low["yours"]["decided"], comp_low["yours"]["small_sample"]) == (
        1, 2, True)  # fmt: skip
    assert comp_low["yours"]["value"] == 0.5
    assert {"offer_type", "ask_style", "yours", "team"} <= set(report["ask_styles"][0])


def test_a_recruiter_named_on_the_command_line_without_calls(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "coach", "--recruiter", "Ada Lovelace")
    assert code == 0
    assert out.startswith("No calls about offers are logged by Ada Lovelace yet")
    assert "No objections are logged on calls about offers yet." in out


def test_drills_are_scheduled_once_per_objection(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "coach", "drills", "--schedule", "5")
    assert code == 0
    # the objections lost on: Competing offer (0 of 1) and Pay too low (1 of 2); Needs more time has no decision
    assert out.startswith("Scheduled 2 drills.")
    assert "Competing offer (COMPETING_OFFER), due" in out and "Pay too low (COMP_LOW), due" in out
    _, again, _ = run(capsys, "--data-dir", data, "coach", "drills", "--schedule", "5")
    assert again.startswith("No drill scheduled: every objection you lose on already has an open drill.")
    _, listed, _ = run(capsys, "--data-dir", data, "coach", "drills", "--format", "json")
    drills = json.loads(listed)["drills"]
    assert [d["code"] for d in drills] == ["COMPETING_OFFER", "COMP_LOW"]
    assert all(d["done_at"] is None and d["recruiter"] == "Sam Rivera" for d in drills)
    _, report, _ = run(capsys, "--data-dir", data, "coach")
    assert "Open drills: 2" in report


def test_a_drill_count_out_of_range_is_one_sentence(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, _, err = run(capsys, "--data-dir", data, "coach", "drills", "--schedule", "0")
    assert code != 0
    assert "Asked to schedule 0 drills; schedule between 1 and 20." in err
    assert "Traceback" not in err
