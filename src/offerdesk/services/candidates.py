"""Candidate use cases: list, search, page in rows, show one."""

from __future__ import annotations

from collections.abc import Sequence

from offerdesk.domain.candidates import CandidateDetail, CandidateRow
from offerdesk.storage import candidates as repository
from offerdesk.storage.candidates import CandidateSort
from offerdesk.storage.db import Database


class CandidateService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def ids(self, query: str = "", sort: CandidateSort = CandidateSort.NAME, descending: bool = False) -> list[int]:
        with self._database.transaction() as session:
            return repository.candidate_ids(session, query, sort, descending)

    def rows(self, ids: Sequence[int]) -> list[CandidateRow]:
        with self._database.transaction() as session:
            return repository.candidate_rows(session, ids)

    def search(self, query: str = "", limit: int | None = None) -> list[CandidateRow]:
        with self._database.transaction() as session:
            ids = repository.candidate_ids(session, query)
            return repository.candidate_rows(session, ids[:limit] if limit else ids)

    def detail(self, candidate_id: int) -> CandidateDetail:
        with self._database.transaction() as session:
            return repository.candidate_detail(session, candidate_id)

    def count(self) -> int:
        with self._database.transaction() as session:
            return repository.count_candidates(session)
