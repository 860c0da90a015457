"""Anonymising: the person is no longer named anywhere, and the dashboard shows the same figures as before."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from offerdesk.domain.metrics import GROUPS
from offerdesk.errors import ValidationError
from offerdesk.services.privacy.service import PrivacyService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.stats import StatsQuery, StatsReport
from offerdesk.storage.tables import CallLog, Candidate, CompetingOffer, LetterExport, Offer, OfferStatusEvent
from tests.unit.services.privacy.conftest import EMAIL, LAST, Person, words_left


def _reports(services: Services) -> list[StatsReport]:
    return [services.stats.report(StatsQuery(by=by)) for by in (None, *GROUPS)]


def _demo_candidate_with_decided_offers(services: Services) -> int:
    with services.database.transaction() as session:
        ids = session.scalars(select(Offer.candidate_id).where(Offer.decided_at.is_not(None)).order_by(Offer.id))
        return next(iter(ids))


def test_the_dashboard_figures_stay_the_same(services: Services, privacy: PrivacyService, person: Person) -> None:
    demo_id = _demo_candidate_with_decided_offers(services)
    before = _reports(services)
    assert before[0].overall.offers > 1
    privacy.anonymise(person.candidate_id)
    privacy.anonymise(demo_id)
    assert _reports(services) == before


def test_nothing_names_them_afterwards(services: Services, privacy: PrivacyService, person: Person) -> None:
    assert [row.id for row in services.candidates.search(LAST)] == [person.candidate_id]
    report = privacy.anonymise(person.candidate_id).value
    if services.database.is_sqlite:
        assert report.backup is not None and report.backup.label == "before-anonymise"
    else:  # a server is backed up by its administrator: no backup file is claimed
        assert report.backup is None
    placeholder = f"Anonymised candidate #{person.candidate_id}"
    with services.database.transaction() as session:
        candidate = session.get(Candidate, person.candidate_id)
        assert candidate is not None
        assert (candidate.first_name, candidate.last_name, candidate.email, candidate.phone, candidate.notes) == (
            placeholder, "", "", "", ""
        )  # fmt: skip
        offer = session.get(Offer, person.offer_id)
        assert offer is not None and offer.status.value == "letter_sent" and offer.versions[0].signed_file == ""
        assert offer.versions[0].reason_text == f"First offer to {placeholder}"
        assert offer.versions[0].components[0].amount_minor == 7_000_000
        assert session.scalars(select(CallLog.notes).where(CallLog.candidate_id == person.candidate_id)).all() == [""]
        assert session.scalars(select(OfferStatusEvent.note)).all().count(f"Sent to {EMAIL}") == 0
        competing = select(CompetingOffer.notes).where(CompetingOffer.candidate_id == person.candidate_id)
        assert session.scalars(competing).all() == [""]
        letters = select(LetterExport.docx_path).where(LetterExport.offer_id == person.offer_id)
        assert session.scalars(letters).all() == [""]  # the record of the letter stays, its file went
    assert not person.letter.exists() and not person.signed.exists()
    assert [row.id for row in services.candidates.search(LAST)] == []  # the search index forgot them too
    left = words_left(services)
    assert left and not any(left.values()), left


def test_a_candidate_is_anonymised_once(privacy: PrivacyService, person: Person) -> None:
    privacy.anonymise(person.candidate_id)
    with pytest.raises(ValidationError, match="already anonymised"):
        privacy.anonymise(person.candidate_id)
