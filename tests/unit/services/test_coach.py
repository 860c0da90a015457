"""The coach on a hand-built team of two recruiters, with every expected number worked out in the comments.

Rita (the recruiter name in the settings) and Sam; all 2026-03, written offers unless marked verbal.
  offer  recruiter  outcome     calls (day, ask style, objections)
  R1     Rita       accepted    (1, conditional, COMP_LOW), (2, direct, COMP_LOW)   ← COMP_LOW twice, counted once
  R2     Rita       declined    (3, direct, COMP_LOW + COMPETING_OFFER)             ← counts under both codes
  R3     Rita       declined    (4, assumptive, COMP_LOW)
  R4     Rita       accepted    (5, assumptive, COMP_LOW)        verbal
  R5     Rita       expired     (6, direct, COMP_LOW)            verbal
  R6     Rita       open        (7, direct, COMP_LOW)                                ← not decided: left out
  R7     Rita       rescinded   (8, direct, COMP_LOW)                                ← the employer's call: left out
  R8     Rita       declined    (9, direct, COMPETING_OFFER)
  R9     Rita       accepted    (10, timeline, COMPETING_OFFER)
  R10    Rita       declined    (11, direct, COMPETING_OFFER)
  S1–S3  Sam        accepted    (12, direct, COMP_LOW)
  S4–S7  Sam        accepted    (13, timeline, COMPETING_OFFER)
  S8–S9  Sam        declined    (13, timeline, COMPETING_OFFER)

After COMP_LOW:        you R1 R2 R3 R4 R5 decided, R1 R4 accepted = 2 of 5 = 40% (small: 5 < 10)
                       team adds S1–S3 (all accepted) = 5 of 8 = 62.5%, shown 63% (small: 8 < 10)
After COMPETING_OFFER: you R2 R8 R9 R10, R9 accepted = 1 of 4 = 25% (small)
                       team adds S4–S9 (4 accepted) = 5 of 10 = 50%, not small (10 is the dashboard's threshold)
So the weakest is COMPETING_OFFER (25%), then COMP_LOW (40%).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.errors import ValidationError
from offerdesk.services.coach import CoachService
from offerdesk.services.coach.figures import CoachCall
from offerdesk.services.coach.reading import call_counts, resolve_recruiter
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import CallLog, Offer, PracticeDrill, PracticeResult
from tests.coach_data import CL, CO, TODAY, build_team


@pytest.fixture
def team(empty_services: Services) -> dict[str, int]:
    return build_team(empty_services)


def test_losses_per_objection_yours_beside_the_teams_weakest_first(
    empty_services: Services, team: dict[str, int]
) -> None:
    report = empty_services.coach.report(None, TODAY)
    assert report.recruiter == "Rita"
    assert "Rita's calls" in report.whose
    assert [loss.code for loss in report.losses] == [CO, CL]  # 25% before 40%
    competing, comp_low = report.losses
    # COMP_LOW: you 2 of 5 = 40%; team 5 of 8 = 62.5% → 63%; both small samples (< 10)
    assert (comp_low.yours.accepted, comp_low.yours.decided) == (2, 5)
    assert comp_low.yours.value == pytest.approx(0.4)
    assert comp_low.yours.small_sample is True
    assert set(comp_low.yours.offer_ids) == {team[n] for n in ("R1", "R2", "R3", "R4", "R5")}  # R1 once; no R6, R7
    assert (comp_low.team.accepted, comp_low.team.decided) == (5, 8)
    assert comp_low.team.value == pytest.approx(0.625)
    assert comp_low.team.display == "63% (5 of 8)"
    assert comp_low.sentence == (
        "After Pay too low your offers are accepted 40% of the time (2 of 5), a small sample; team 63% (5 of 8)."
    )
    # COMPETING_OFFER: you 1 of 4 = 25%; team 5 of 10 = 50%, which is no longer a small sample
    assert (competing.yours.accepted, competing.yours.decided, competing.yours.small_sample) == (1, 4, True)
    assert (competing.team.accepted, competing.team.decided, competing.team.small_sample) == (5, 10, False)
    assert competing.team.display == "50% (5 of 10)"


def test_ask_style_by_offer_type_uses_each_offers_latest_call(empty_services: Services, team: dict[str, int]) -> None:
    rows = {(r.offer_type, r.ask_style): r for r in empty_services.coach.report(None, TODAY).ask_styles}
    # R1's latest call is direct (its first was conditional), so conditional has no offers at all.
    assert ("written", "conditional") not in rows
    # written + direct, you: R1 accepted, R2 R8 R10 declined (R6 open, R7 rescinded left out) = 1 of 4 = 25%;
    # team adds S1–S3 accepted = 4 of 7 = 57%
    direct = rows[("written", "direct")]
    assert (direct.yours.accepted, direct.yours.decided) == (1, 4)
    assert (direct.team.accepted, direct.team.decided) == (4, 7)
    assert direct.team.display == "57% (4 of 7)"
    # written + timeline, you: R9 = 1 of 1; team adds S4–S7 accepted, S8 S9 declined = 5 of 7 = 71%
    timeline = rows[("written", "timeline")]
    assert (timeline.yours.accepted, timeline.yours.decided, timeline.team.accepted, timeline.team.decided) == (
        1, 1, 5, 7)  # fmt: skip
    # verbal: R4 assumptive accepted 1 of 1, R5 direct expired 0 of 1; written assumptive R3 declined 0 of 1
    assert (rows[("verbal", "assumptive")].yours.accepted, rows[("verbal", "assumptive")].yours.decided) == (1, 1)
    assert (rows[("verbal", "direct")].yours.accepted, rows[("verbal", "direct")].yours.decided) == (0, 1)
    assert (rows[("written", "assumptive")].team.accepted, rows[("written", "assumptive")].team.decided) == (0, 1)
    # within an offer type the best style for the team comes first: timeline 71% before direct 57%
    written = [r.ask_style for r in empty_services.coach.report(None, TODAY).ask_styles if r.offer_type == "written"]
    assert written == ["timeline", "direct", "assumptive"]


def test_drills_go_to_the_weakest_and_skip_an_objection_with_an_open_drill(
    empty_services: Services, team: dict[str, int]
) -> None:
    coach = empty_services.coach
    first = coach.schedule_drills(None, 1, TODAY)
    assert [(d.code, d.recruiter, d.due_on) for d in first] == [(CO, "Rita", TODAY)]
    assert first[0].reason == (
        "After Competing offer your offers are accepted 25% of the time (1 of 4), a small sample; team 50% (5 of 10)."
    )
    # COMPETING_OFFER has an open drill, so asking for five more brings only COMP_LOW (the only other loss)
    second = coach.schedule_drills(None, 5, TODAY)
    assert [(d.code, d.due_on) for d in second] == [(CL, TODAY)]
    assert coach.schedule_drills(None, 5, TODAY) == []
    assert [d.code for d in coach.report(None, TODAY).drills if d.is_open] == [CO, CL]
    with pytest.raises(ValidationError, match="between 1 and"):
        coach.schedule_drills(None, 0, TODAY)


def test_practising_an_objection_marks_its_open_drill_done_and_names_the_recruiter(
    empty_services: Services, team: dict[str, int]
) -> None:
    coach = empty_services.coach
    coach.schedule_drills(None, 2, TODAY)
    empty_services.practice.record(CL, 60, True, True, False, True)
    with empty_services.database.transaction() as session:
        result = session.scalars(select(PracticeResult)).one()
        assert result.recruiter == "Rita"
        drills = {d.objection_code: d for d in session.scalars(select(PracticeDrill))}
        assert drills[CL].done_at is not None
        assert drills[CL].practice_result_id == result.id
        assert drills[CO].done_at is None  # a practice of another code leaves this one open
    # with its drill done, COMP_LOW can be scheduled again; COMPETING_OFFER is still open and skipped
    assert [d.code for d in coach.schedule_drills(None, 5, TODAY)] == [CL]


def test_before_and_after_the_first_practice(empty_services: Services, team: dict[str, int]) -> None:
    empty_services.practice.record(CL, 60, True, True, True, True)
    empty_services.practice.record(CL, 60, True, True, True, True)
    with empty_services.database.transaction() as session:
        first, second = session.scalars(select(PracticeResult).order_by(PracticeResult.id))
        first.practiced_at = datetime(2026, 3, 4, 18)  # as if first practised in the evening of day 4
        second.practiced_at = datetime(2026, 3, 9, 18)
    (effect,) = empty_services.coach.report(None, TODAY).practice
    assert (effect.code, effect.practices, effect.first_practised) == (CL, 2, datetime(2026, 3, 4, 18))
    # by the last call raising COMP_LOW: before = R1 (day 2) R2 (day 3) R3 (day 4) → R1 accepted = 1 of 3 = 33%;
    # after = R4 accepted (day 5), R5 expired (day 6); R6 open, R7 rescinded left out → 1 of 2 = 50%
    assert (effect.before.accepted, effect.before.decided, effect.before.small_sample) == (1, 3, True)
    assert (effect.after.accepted, effect.after.decided, effect.after.small_sample) == (1, 2, True)
    assert effect.sentence == (
        "Pay too low: before the first practice 33% (1 of 3, small sample); after it 50% (1 of 2, small sample)."
    )


def test_another_recruiter_by_name_and_the_most_common_one_without_a_setting(
    empty_services: Services, team: dict[str, int]
) -> None:
    sam = empty_services.coach.report("Sam", TODAY)
    assert sam.recruiter == "Sam"
    by_code = {loss.code: loss for loss in sam.losses}
    # Sam: COMP_LOW S1–S3 = 3 of 3; COMPETING_OFFER S4–S9 = 4 of 6; the team figures stay the same
    assert (by_code[CL].yours.accepted, by_code[CL].yours.decided, by_code[CL].team.decided) == (3, 3, 8)
    assert (by_code[CO].yours.accepted, by_code[CO].yours.decided, by_code[CO].team.decided) == (4, 6, 10)
    empty_services.settings.set("recruiter.name", "")
    # no name set: Rita has 11 calls, Sam 9, so Rita's are "yours", and the sentence says why
    fallback = empty_services.coach.report(None, TODAY)
    assert fallback.recruiter == "Rita"
    assert "most calls" in fallback.whose


def test_one_recruiter_and_no_name_means_all_calls() -> None:
    calls = call_counts([CoachCall(1, 1, "Sam", datetime(2026, 3, 1), "direct", (CL,))])
    who = resolve_recruiter(calls, "", "")
    assert (who.name, who.owner, who.alone) == ("", "Sam", True)
    assert "all the calls" in who.whose
    assert resolve_recruiter(calls, "", "Sam").alone is True  # the named recruiter is the only one: no team


def test_a_lone_recruiter_has_no_team_half_in_the_sentence(empty_services: Services, team: dict[str, int]) -> None:
    with empty_services.database.transaction() as session:
        for call in session.scalars(select(CallLog)):
            call.recruiter = "Rita"
    report = CoachService(empty_services.database).report(None, TODAY)
    comp_low = next(loss for loss in report.losses if loss.code == CL)
    # now every call is Rita's: COMP_LOW is R1–R5 and S1–S3 = 5 of 8, and there is no team to compare
    assert comp_low.sentence == "After Pay too low your offers are accepted 63% of the time (5 of 8), a small sample."
    assert report.team_sentence == ""


def test_an_ask_style_only_you_used_last_still_has_its_row(empty_services: Services, team: dict[str, int]) -> None:
    with empty_services.database.transaction() as session:
        offer = session.get(Offer, team["R3"])
        assert offer is not None
        session.add(CallLog(candidate_id=offer.candidate_id, offer_id=offer.id, ask_style=AskStyle.ALTERNATIVE,
                            outcome=CallOutcome.NO, started_at=datetime(2026, 3, 15, 10), recruiter="Sam"))  # fmt: skip
    rows = {(r.offer_type, r.ask_style): r for r in empty_services.coach.report(None, TODAY).ask_styles}
    # R3 (declined): Rita's latest call on it was assumptive, the team's latest (Sam's) alternative
    mine = rows[("written", "assumptive")]
    assert (mine.yours.accepted, mine.yours.decided, mine.team.decided) == (0, 1, 0)
    theirs = rows[("written", "alternative")]
    assert (theirs.yours.decided, theirs.team.accepted, theirs.team.decided) == (0, 0, 1)
