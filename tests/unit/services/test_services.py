"""Use cases as the GUI and the CLI call them, over a real SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import TransitionError, ValidationError
from offerdesk.services.changes import Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.candidates import CandidateSort
from offerdesk.storage.tables import Candidate


def _add_candidate(services: Services, first: str, last: str, email: str = "") -> int:
    with services.database.transaction() as session:
        candidate = Candidate(first_name=first, last_name=last, email=email)
        session.add(candidate)
        session.flush()
        return candidate.id


def test_first_run_seeds_a_working_demo(services: Services) -> None:
    rows = services.candidates.search()
    assert len(rows) == 20
    assert {row.stage.value for row in rows} >= {"screening", "interviewing", "offer", "hired", "declined"}
    statuses = {offer.status for offer in services.offers.list()}
    assert {OfferStatus.DRAFT, OfferStatus.LETTER_SENT, OfferStatus.SIGNED, OfferStatus.DECLINED} <= statuses
    assert len(services.content.objections()) == 13
    assert len(services.content.scripts()) == 6


def test_search_matches_every_word_in_any_field(services: Services) -> None:
    names = [row.full_name for row in services.candidates.search("berlin senior")]
    assert "Aisha Rahman" in names
    assert all("Account Executive" not in row.role_title for row in services.candidates.search("berlin senior"))
    assert [row.full_name for row in services.candidates.search("RAHMAN")] == ["Aisha Rahman"]


def test_search_treats_wildcards_as_text(services: Services) -> None:
    _add_candidate(services, "Percy", "Hundred", "100%_sure@example.com")
    assert [row.full_name for row in services.candidates.search("100%_")] == ["Percy Hundred"]
    assert [row.full_name for row in services.candidates.search("%")] == ["Percy Hundred"]


def test_ids_sort_in_the_database(services: Services) -> None:
    ids = services.candidates.ids(sort=CandidateSort.READINESS, descending=True)
    readiness = [row.readiness for row in services.candidates.rows(ids) if row.readiness is not None]
    assert readiness == sorted(readiness, reverse=True)
    assert services.candidates.rows(ids[:3]) == services.candidates.rows(ids)[:3]


def test_a_forbidden_status_change_changes_nothing(services: Services) -> None:
    declined = services.offers.list(status=OfferStatus.DECLINED)[0]
    before = services.offers.detail(declined.id)
    with pytest.raises(TransitionError, match="declined cannot become signed"):
        services.offers.set_status(declined.id, OfferStatus.SIGNED)
    assert services.offers.detail(declined.id) == before


def test_declining_needs_a_reason_code(services: Services) -> None:
    open_offer = services.offers.list(status=OfferStatus.LETTER_SENT)[0]
    with pytest.raises(ValidationError, match="reason code"):
        services.offers.set_status(open_offer.id, OfferStatus.DECLINED)
    changes = services.offers.set_status(open_offer.id, OfferStatus.DECLINED, reason_code="COMP_LOW")
    assert changes.touches(Kind.OFFERS)
    detail = services.offers.detail(open_offer.id)
    assert detail.row.status is OfferStatus.DECLINED
    assert detail.history[-1].reason_code == "COMP_LOW"


def test_clearing_demo_data_keeps_the_users_own_records(services: Services) -> None:
    mine = _add_candidate(services, "Grace", "Hopper")
    services.demo.clear()
    assert [row.id for row in services.candidates.search()] == [mine]
    assert services.offers.list() == []
    assert len(services.content.scripts()) == 6  # shipped content is not demo data
    services.demo.reset()
    assert services.candidates.count() == 21


def test_empty_start_has_content_but_no_demo(empty_services: Services) -> None:
    assert empty_services.candidates.count() == 0
    assert not empty_services.demo.has_demo_data()
    assert len(empty_services.content.objections()) == 13


def test_candidate_rows_page_in_by_id(empty_services: Services) -> None:
    with empty_services.database.transaction() as session:
        session.execute(
            insert(Candidate), [{"first_name": f"First{i:04d}", "last_name": f"Last{i:04d}"} for i in range(1000)]
        )
    ids = empty_services.candidates.ids()
    assert len(ids) == 1000
    page = empty_services.candidates.rows(ids[400:600])
    assert [row.full_name for row in page][:2] == ["First0400 Last0400", "First0401 Last0401"]
