"""The search finds a term inside any word of the searchable fields, with accents and case folded."""

from __future__ import annotations

import pytest

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.candidates import Stage
from offerdesk.services.setup.bootstrap import Services


@pytest.fixture
def people(empty_services: Services) -> dict[str, int]:
    records = empty_services.candidate_records
    made = {
        "ramirez": CandidateDraft("Ana María", "Ramírez", ("ana@example.com",), location="Sevilla", tags=("Java",)),
        "muller": CandidateDraft("Jörg", "Müller", ("j.mueller@example.de",), stage=Stage.OFFER, notes="Wants remote"),
        "yamada": CandidateDraft("太郎", "山田", ("taro@example.jp",), location="東京", tags=("Go", "java")),
        "li": CandidateDraft("Li", "Wei", ("li.wei@example.cn",), stage=Stage.INTERVIEWING),
    }
    return {key: records.create(draft).value for key, draft in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ramír", ["ramirez"]),
        ("RAMIR", ["ramirez"]),
        ("müller", ["muller"]),
        ("muller", ["muller"]),
        ("山田", ["yamada"]),
        ("東京", ["yamada"]),
        ("li", ["li"]),
        ("mueller@", ["muller"]),
        ("remote", ["muller"]),
        ("java", ["ramirez", "yamada"]),
        ("java sevilla", ["ramirez"]),
        ('"; DROP', []),
        ("100%", []),
    ],
)
def test_search_matches_inside_words_with_accents_folded(
    empty_services: Services, people: dict[str, int], query: str, expected: list[str]
) -> None:
    found = set(empty_services.candidates.ids(query))
    assert found == {people[key] for key in expected}


def test_search_follows_an_edit_and_forgets_a_delete(empty_services: Services, people: dict[str, int]) -> None:
    records = empty_services.candidate_records
    records.edit(people["li"], CandidateDraft("Li", "Wei", ("li.wei@example.cn",), location="Shenzhen"))
    assert empty_services.candidates.ids("shenz") == [people["li"]]
    records.delete(people["li"])
    assert empty_services.candidates.ids("shenz") == []


def test_filters_combine(empty_services: Services, people: dict[str, int]) -> None:
    listing = empty_services.candidates
    assert set(listing.ids(CandidateFilter(tags=("JAVA",)))) == {people["ramirez"], people["yamada"]}
    assert listing.ids(CandidateFilter(tags=("java", "go"))) == [people["yamada"]]
    assert listing.ids(CandidateFilter(stages=(Stage.OFFER, Stage.INTERVIEWING), query="wei")) == [people["li"]]
    empty_services.candidate_records.archive(people["li"])
    assert listing.ids(CandidateFilter(query="wei")) == []
    assert listing.ids(CandidateFilter(query="wei", archive=ArchiveScope.ALL)) == [people["li"]]
    assert listing.known_tags() == ["Go", "Java"]


def test_demo_views_have_counts(services: Services) -> None:
    views = {view.name: view.count for view in services.candidate_views.views()}
    assert views["All candidates"] == 20
    assert views["Archived"] == 0
    saved = services.candidate_views.save("Berlin", CandidateFilter(query="berlin")).value
    views = {view.name: (view.count, view.saved_id) for view in services.candidate_views.views()}
    assert views["Berlin"] == (len(services.candidates.ids("berlin")), saved)
