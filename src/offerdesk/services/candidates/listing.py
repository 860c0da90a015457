"""The candidate list: ids in display order for a filter, rows paged in by id, one candidate's detail."""

from __future__ import annotations

from collections.abc import Sequence

from offerdesk.domain.candidate_filter import CandidateFilter
from offerdesk.domain.candidates import CandidateDetail, CandidateRow, CandidateSort, CompetingProcess, PreCloseProfile
from offerdesk.errors import EditConflict, NotFoundError, ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage import candidates as repository
from offerdesk.storage.db import Database
from offerdesk.storage.row_versions import touch
from offerdesk.storage.tables import Candidate, CompetingOffer, PreCloseProfileRow


class CandidateService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def ids(
        self,
        where: CandidateFilter | str = "",
        sort: CandidateSort = CandidateSort.NAME,
        descending: bool = False,
    ) -> list[int]:
        """Matching ids in display order (a plain string is a search over active candidates)."""
        with self._database.transaction(read_only=True) as session:
            return repository.candidate_ids(session, where, sort, descending)

    def matching_ids(self, query: str) -> set[int] | None:
        """Ids matching a search, unordered (None when the query is empty); see storage.candidates.matching_ids."""
        with self._database.transaction(read_only=True) as session:
            return repository.matching_ids(session, query)

    def search_window(self, ids: Sequence[int]) -> list[tuple[int, str, int | None]]:
        with self._database.transaction(read_only=True) as session:
            return repository.search_window(session, ids)

    def all_search_texts(self, budget: int) -> repository.SearchTexts | None:
        with self._database.transaction(read_only=True) as session:
            return repository.all_search_texts(session, budget)

    def folded_role_titles(self) -> dict[int, str]:
        with self._database.transaction(read_only=True) as session:
            return repository.folded_role_titles(session)

    def count_matching(self, where: CandidateFilter) -> int:
        with self._database.transaction(read_only=True) as session:
            return repository.count_matching(session, where)

    def known_tags(self) -> list[str]:
        with self._database.transaction(read_only=True) as session:
            return repository.known_tags(session)

    def known_recruiters(self) -> list[str]:
        with self._database.transaction(read_only=True) as session:
            return repository.known_recruiters(session)

    def rows(self, ids: Sequence[int]) -> list[CandidateRow]:
        with self._database.transaction(read_only=True) as session:
            return repository.candidate_rows(session, ids)

    def search(self, where: CandidateFilter | str = "", limit: int | None = None) -> list[CandidateRow]:
        with self._database.transaction(read_only=True) as session:
            ids = repository.candidate_ids(session, where)
            return repository.candidate_rows(session, ids[:limit] if limit else ids)

    def detail(self, candidate_id: int) -> CandidateDetail:
        with self._database.transaction(read_only=True) as session:
            return repository.candidate_detail(session, candidate_id)

    def profile_version(self, candidate_id: int) -> int:
        """The pre-close profile's row version (0: none saved yet), read when its editor opens."""
        with self._database.transaction(read_only=True) as session:
            stored = session.get(PreCloseProfileRow, candidate_id)
            return stored.row_version if stored is not None else 0

    def update_profile(
        self,
        candidate_id: int,
        profile: PreCloseProfile,
        competing: list[CompetingProcess] | None = None,
        *,
        expected_version: int | None = None,
    ) -> Changes:
        """Save what the recruiter learnt before the ask; competing processes are replaced as a whole.

        `expected_version` is profile_version() as the editor opened it: a teammate's save since is refused."""
        if profile.readiness is not None and not 1 <= profile.readiness <= 10:
            raise ValidationError(f"Readiness is scored 1 to 10, not {profile.readiness}.")
        if profile.notice_period_days is not None and not 0 <= profile.notice_period_days <= 730:
            raise ValidationError(f"A notice period of {profile.notice_period_days} days is not plausible.")
        for process in competing or []:
            if not process.company.strip():
                raise ValidationError("Every competing process needs a company name.")
            if process.kind not in ("process", "offer", "counteroffer"):
                raise ValidationError(f"“{process.kind}” is not a kind of competing process.")
        with self._database.transaction() as session:
            candidate = session.get(Candidate, candidate_id)
            if candidate is None:
                raise NotFoundError(f"There is no candidate with id {candidate_id}.")
            name = f"{candidate.first_name} {candidate.last_name}".strip()
            held = candidate.profile.row_version if candidate.profile is not None else 0
            if expected_version is not None and held != expected_version:
                raise EditConflict.about(f"{name}'s pre-close profile")
            stored = candidate.profile or PreCloseProfileRow(candidate_id=candidate_id)
            if candidate.profile is not None:
                touch(stored)  # a change to the competing processes alone moves the profile's version too
            stored.motivators, stored.criteria = profile.motivators.strip(), profile.criteria.strip()
            stored.decision_makers, stored.timeline = profile.decision_makers.strip(), profile.timeline.strip()
            stored.decision_deadline, stored.notice_period_days = profile.decision_deadline, profile.notice_period_days
            stored.expected_pay_minor = profile.expected_pay.minor if profile.expected_pay else None
            stored.expected_pay_currency = profile.expected_pay.currency if profile.expected_pay else ""
            stored.counteroffer_risk, stored.readiness = profile.counteroffer_risk, profile.readiness
            stored.needs = profile.needs.strip()
            candidate.profile = stored
            if competing is not None:
                candidate.competing = [
                    CompetingOffer(company=p.company.strip(), kind=p.kind, stage=p.stage.strip(), deadline=p.deadline,
                                   currency=next((m.currency for m in (p.base, p.bonus, p.equity_annual, p.sign_on)
                                                  if m is not None), ""),
                                   base_minor=p.base.minor if p.base else None,
                                   bonus_minor=p.bonus.minor if p.bonus else None,
                                   equity_annual_minor=p.equity_annual.minor if p.equity_annual else None,
                                   sign_on_minor=p.sign_on.minor if p.sign_on else None)
                    for p in competing
                ]  # fmt: skip
        return Changes.of(Kind.CANDIDATES)

    def count(self) -> int:
        with self._database.transaction(read_only=True) as session:
            return repository.count_candidates(session)
