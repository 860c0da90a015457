"""The candidate search gives the same answers on a team's PostgreSQL server as on the laptop's SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.candidates import Stage
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from tests.postgres import postgres_server, postgres_url  # noqa: F401 - fixtures

PEOPLE = [
    CandidateDraft("Ana María", "Ramírez", ("ana@example.com",), location="Sevilla", tags=("Java",)),
    CandidateDraft("Jörg", "Müller", ("j.mueller@example.de",), stage=Stage.OFFER, notes="Wants remote, 100% sure"),
    CandidateDraft("太郎", "山田", ("taro@example.jp",), location="東京", tags=("Go", "java")),
    CandidateDraft("Li", "Wei", ("li_wei@example.cn",), notes="ramírez referred"),
    CandidateDraft("Zoë", "O'Brien", ("zoe@example.ie",), location="Dublin"),
]
QUERIES = ["ramír", "RAMIREZ", "müller", "muller", "山田", "東京", "li", "_", "100%", "o'b", "java sev", "zo", "xyz"]


def _fill(services: Services) -> None:
    for draft in PEOPLE:
        services.candidate_records.create(draft)


def test_search_answers_the_same_on_postgresql_and_sqlite(tmp_path: Path, postgres_url: str) -> None:  # noqa: F811
    sqlite, _ = open_services(resolve_paths(tmp_path / "sqlite"), seed_demo_data=False)
    server, _ = open_services(resolve_paths(tmp_path / "pg"), db_url=postgres_url, seed_demo_data=False)
    try:
        _fill(sqlite)
        _fill(server)
        answers = {q: (sqlite.candidates.ids(q), server.candidates.ids(q)) for q in QUERIES}
        assert {q: on_sqlite for q, (on_sqlite, _) in answers.items()} == {q: pg for q, (_, pg) in answers.items()}
        assert answers["ramír"][0] == [1, 4]  # the name, and the note that mentions her
        assert answers["山田"][0] == [3]
        assert answers["_"][0] == [4]  # an underscore is a character, not a wildcard
    finally:
        sqlite.close()
        server.close()


@pytest.mark.parametrize("query", ["müller", "li"])
def test_postgresql_search_follows_edits(tmp_path: Path, postgres_url: str, query: str) -> None:  # noqa: F811
    server, _ = open_services(resolve_paths(tmp_path / "pg"), db_url=postgres_url, seed_demo_data=False)
    try:
        _fill(server)
        found = server.candidates.ids(query)
        for candidate_id in found:
            server.candidate_records.archive(candidate_id)
        assert server.candidates.ids(query) == []
    finally:
        server.close()
