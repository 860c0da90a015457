"""Thirty letters (or thirty wildcards) typed into a search box are a search, never an error: candidate search looks
terms up in the trigram index or with instr, objection and library searches run in memory; none builds a LIKE or
GLOB pattern from what was typed."""

from __future__ import annotations

import pytest

from offerdesk.services.callprep.objection_search import load_index
from offerdesk.services.setup.bootstrap import Services

TYPED = ["abcdefghijklmnopqrstuvwxyzabcd", "a" * 30, "%" * 30, "_" * 30, "a%" * 15, "*" * 30, "[a-z]" * 6,
         "\\" * 30, " ".join("abcdefghijklmnopqrstuvwxyzabcd")]  # fmt: skip


@pytest.mark.parametrize("typed", TYPED)
def test_candidate_and_objection_search_answer_thirty_letters(services: Services, typed: str) -> None:
    assert isinstance(services.candidates.search(typed), list)  # an answer (often none), not an error
    assert isinstance(load_index(services.database).search(typed), list)


def test_a_long_search_still_finds(services: Services) -> None:
    assert services.candidates.search("sofia " * 5)
    assert load_index(services.database).search("salary " * 4)
