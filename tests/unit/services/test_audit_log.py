"""The audit log on both engines: each save of an offer says who changed what from what to what, a deletion keeps
the old values, the offer's history lists it in order, and erasing a person leaves no trace of their name."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select

from offerdesk.domain.offers import ComponentKind
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.privacy.service import PrivacyService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.audit_table import AuditEntry
from offerdesk.storage.tables import Candidate, Offer, OfferComponent


def _editing(services: Services) -> OfferEditing:
    return OfferEditing(services.database, services.paths)


def _draft_with_base(services: Services) -> int:
    """A new draft offer for a new candidate, created through the editor as a recruiter makes one."""
    with services.database.transaction() as session:
        candidate = Candidate(first_name="Quillon", last_name="Marchetti-Vance", email="quillon@example.com")
        session.add(candidate)
        session.flush()
        candidate_id = candidate.id
    return _editing(services).create(candidate_id, currency="EUR", locale="de_DE").value


def _entries(services: Services, **where: object) -> list[AuditEntry]:
    with services.database.transaction(read_only=True) as session:
        query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
        for column, value in where.items():
            query = query.where(getattr(AuditEntry, column) == value)
        return list(session.scalars(query))


def _set_base(services: Services, offer_id: int, amount: int) -> None:
    editor = _editing(services)
    terms = editor.terms(offer_id)
    components = tuple(
        replace(item, amount_minor=amount) if item.kind is ComponentKind.BASE else item for item in terms.components
    )
    editor.save(offer_id, terms.with_changes(components=components, title="Principal Engineer"))


def test_saving_an_offer_records_what_changed_from_what_to_what(services: Services) -> None:
    offer_id = _draft_with_base(services)
    _set_base(services, offer_id, 9_100_000)
    entries = _entries(services, offer_id=offer_id)
    [version] = [e for e in entries if e.action == "update" and e.table_name == "offer_versions"]
    assert version.changes["title"][1] == "Principal Engineer"
    lines = [e for e in entries if e.table_name == "offer_components" and e.action != "update"]
    assert [e.changes["amount_minor"] for e in lines if e.action == "insert"][-1] == [None, 9_100_000]
    assert all(entry.candidate_id is not None and entry.actor for entry in entries)


def test_deleting_a_row_keeps_its_old_values(services: Services) -> None:
    offer_id = _draft_with_base(services)
    editor = _editing(services)
    terms = editor.terms(offer_id)
    base = next(item for item in terms.components if item.kind is ComponentKind.BASE)
    extra = replace(base, kind=ComponentKind.SIGN_ON, label="Welcome bonus 2027", amount_minor=1_500_000)
    editor.save(offer_id, terms.with_changes(components=(*terms.components, extra)))
    editor.save(offer_id, terms)  # the sign-on line goes again
    with services.database.transaction(read_only=True) as session:
        assert session.scalar(select(OfferComponent).where(OfferComponent.label == "Welcome bonus 2027")) is None
    removed = [e for e in _entries(services, offer_id=offer_id, action="delete") if e.table_name == "offer_components"]
    assert removed, "the removed pay line is in the log"
    assert removed[-1].changes["label"] == ["Welcome bonus 2027", None]
    assert removed[-1].changes["amount_minor"] == [1_500_000, None]


def test_the_offers_history_lists_the_changes_in_order_in_plain_words(services: Services) -> None:
    offer_id = _draft_with_base(services)
    _set_base(services, offer_id, 9_100_000)
    _set_base(services, offer_id, 9_300_000)
    lines = services.audit.audit_for_offer(offer_id)
    assert lines[0].what.startswith("Added")
    assert [line.at for line in lines] == sorted(line.at for line in lines)
    words = [line.words for line in lines]
    amounts = [w for w in words if w.startswith("Changed pay line") and "Amount" in w]
    assert len(amounts) == 2
    assert "€91,000.00 → €93,000.00" in amounts[1]
    assert "amount_minor" not in " ".join(words)


def test_erasing_a_person_removes_their_name_from_the_audit_log(services: Services) -> None:
    offer_id = _draft_with_base(services)
    _set_base(services, offer_id, 9_100_000)
    with services.database.transaction(read_only=True) as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None
        candidate_id = offer.candidate_id
    assert "Marchetti-Vance" in _all_text(services)
    privacy = PrivacyService(services.database, services.paths, services.backups, services.settings)
    privacy.erase(candidate_id)
    assert "Marchetti-Vance" not in _all_text(services)
    assert "Quillon" not in _all_text(services)
    assert _entries(services, offer_id=offer_id) == []
    [noted] = _entries(services, action="forget")
    assert noted.row_key == str(candidate_id) and noted.changes == {}


def test_anonymising_a_person_removes_their_name_from_the_audit_log(services: Services) -> None:
    offer_id = _draft_with_base(services)
    with services.database.transaction(read_only=True) as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None
        candidate_id = offer.candidate_id
    privacy = PrivacyService(services.database, services.paths, services.backups, services.settings)
    privacy.anonymise(candidate_id)
    assert "Marchetti-Vance" not in _all_text(services)
    assert _entries(services, action="forget")  # the offer itself stays, its history is gone


def _all_text(services: Services) -> str:
    return " ".join(f"{e.actor} {e.row_key} {json.dumps(e.changes, ensure_ascii=False)}" for e in _entries(services))
