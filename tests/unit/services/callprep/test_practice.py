"""Practice mode without Qt: which drill comes next, what a save records, and how progress is summarised."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from offerdesk.domain.calls import ObjectionCode
from offerdesk.errors import ValidationError
from offerdesk.services.callprep.practice import PracticeService, trend_of
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Objection, PracticeResult

LIBRARY = [code.value for code in ObjectionCode]
START = datetime(2024, 5, 1, 9, 0)


def _add(services: Services, code: str, score: int, at: datetime) -> None:
    """A result with `score` rubric items met, at a chosen time (record() always stamps now)."""
    items = [index < score for index in range(4)]
    with services.database.transaction() as session:
        session.add(
            PracticeResult(
                objection_code=code,
                practiced_at=at,
                duration_seconds=60,
                acknowledged=items[0],
                probed=items[1],
                used_lever=items[2],
                asked_again=items[3],
            )
        )


@pytest.fixture
def practice(empty_services: Services) -> PracticeService:
    return PracticeService(empty_services.database)


def test_weakest_first_puts_never_practised_first_then_lowest_average(
    practice: PracticeService, empty_services: Services
) -> None:
    practised = {"COMP_LOW": [4, 4], "COUNTEROFFER": [1, 2], "BENEFITS": [3], "STABILITY": [0, 3]}
    for offset, (code, scores) in enumerate(practised.items()):
        for step, score in enumerate(scores):
            _add(empty_services, code, score, START + timedelta(hours=offset, minutes=step))

    order = [progress.code for progress in practice.history()]

    never = [code for code in LIBRARY if code not in practised]
    assert order[: len(never)] == never  # never practised, in library order
    # COUNTEROFFER and STABILITY both average 1.5: COUNTEROFFER was left alone longer.
    assert order[len(never) :] == ["COUNTEROFFER", "STABILITY", "BENEFITS", "COMP_LOW"]
    assert practice.next_drill("weakest") == never[0]
    assert practice.next_drill("weakest", exclude=never[0]) == never[1]


def test_weakest_first_goes_to_the_lowest_average_once_everything_is_practised(
    practice: PracticeService, empty_services: Services
) -> None:
    for index, code in enumerate(LIBRARY):
        _add(empty_services, code, 4 if code != "TITLE_LEVEL" else 1, START + timedelta(minutes=index))
    assert practice.next_drill("weakest") == "TITLE_LEVEL"
    # Ties on average go to the one practised longest ago.
    assert practice.next_drill("weakest", exclude="TITLE_LEVEL") == LIBRARY[0]


def test_random_with_a_seeded_rng_never_repeats_the_previous_drill(practice: PracticeService) -> None:
    rng = random.Random(7)
    previous: str | None = None
    seen = set()
    for _ in range(200):
        code = practice.next_drill("random", rng, exclude=previous)
        assert code in LIBRARY and code != previous
        seen.add(code)
        previous = code
    assert seen == set(LIBRARY)
    assert practice.next_drill("random", random.Random(1)) == practice.next_drill("random", random.Random(1))


def test_random_keeps_the_only_objection_left_even_when_excluded(
    practice: PracticeService, empty_services: Services
) -> None:
    with empty_services.database.transaction() as session:
        session.execute(update(Objection).where(Objection.code != "NEED_TIME").values(archived=True))
    assert practice.next_drill("random", random.Random(3), exclude="NEED_TIME") == "NEED_TIME"


def test_record_then_history_shows_attempts_average_and_trend(
    practice: PracticeService, empty_services: Services
) -> None:
    scores = [(False, False, False, False), (True, False, False, False), (True, True, False, False),
              (True, True, True, False), (True, True, True, True), (True, True, True, True)]  # fmt: skip
    for acknowledged, probed, used_lever, asked_again in scores:
        changes = practice.record("COMP_LOW", 42, acknowledged, probed, used_lever, asked_again, notes="  again  ")
        assert changes == Changes.of(Kind.CONTENT)

    [comp_low] = [progress for progress in practice.history() if progress.code == "COMP_LOW"]
    assert comp_low.title == "The pay is too low"
    assert comp_low.attempts == 6
    assert comp_low.average_score == pytest.approx(14 / 6)
    assert (comp_low.best, comp_low.last_score) == (4, 4)
    assert comp_low.last_practiced is not None
    assert comp_low.trend == "improving"  # last three 3, 4, 4 against 0, 1, 2

    recent = practice.recent("COMP_LOW", limit=2)
    assert [attempt.score for attempt in recent] == [4, 4]
    assert recent[0].duration_seconds == 42 and recent[0].notes == "again"
    with empty_services.database.transaction() as session:
        assert len(session.scalars(select(PracticeResult)).all()) == 6

    untouched = next(progress for progress in practice.history() if progress.code == "BENEFITS")
    assert (untouched.attempts, untouched.average_score, untouched.best, untouched.trend) == (0, None, None, "")


def test_trend_needs_six_scores_and_compares_the_last_three_with_the_three_before() -> None:
    assert trend_of([0, 4, 4, 4, 4]) == ""
    assert trend_of([4, 4, 4, 3, 3, 2]) == "slipping"
    assert trend_of([1, 2, 3, 3, 2, 1]) == "steady"
    assert trend_of([4, 4, 4, 0, 0, 0, 1, 1, 1]) == "improving"


def test_prompt_gives_the_title_and_what_candidates_say(practice: PracticeService) -> None:
    title, says = practice.prompt("COMP_LOW")
    assert title == "The pay is too low"
    assert "I was hoping for more" in says


def test_unknown_code_and_unknown_mode_are_refused(practice: PracticeService, empty_services: Services) -> None:
    with pytest.raises(ValidationError, match="NOT_A_CODE"):
        practice.record("NOT_A_CODE", 10, True, True, True, True)
    with pytest.raises(ValidationError, match="NOT_A_CODE"):
        practice.prompt("NOT_A_CODE")
    with pytest.raises(ValidationError, match="hardest"):
        practice.next_drill("hardest")
    with pytest.raises(ValidationError):
        practice.record("COMP_LOW", -1, True, True, True, True)
    with empty_services.database.transaction() as session:
        assert session.scalars(select(PracticeResult)).all() == []
