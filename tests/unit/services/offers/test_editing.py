"""The offer editor's use cases against a real database with the demo data."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.services.changes import Kind
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Approval, Candidate, Offer, OfferStatusEvent
from tests.unit.cli.cli_run import db_url_of


def editing(services: Services) -> OfferEditing:
    return OfferEditing(services.database, services.paths)


def offer_in(services: Services, status: OfferStatus) -> int:
    rows = services.offers.list(status=status)
    assert rows, f"the demo data has no {status.value} offer"
    return rows[0].id


def with_base(editor: OfferEditing, offer_id: int, amount: int) -> OfferTerms:
    terms = editor.terms(offer_id)
    components = tuple(
        replace(item, amount_minor=amount) if item.kind is ComponentKind.BASE else item for item in terms.components
    )
    return terms.with_changes(components=components)


def add_approval(editor: OfferEditing, offer_id: int) -> None:
    editor.record_approval(offer_id, "Dana Whitfield", "VP People", "approved", "Within band")


def test_save_in_draft_rewrites_version_1(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.DRAFT)
    terms = editor.terms(offer_id).with_changes(title="Principal Engineer", remote_days=3)
    outcome = editor.save(offer_id, terms)
    assert outcome.value.version == 1
    assert not outcome.value.new_version
    assert not outcome.value.unchanged
    assert outcome.changes.touches(Kind.OFFERS)
    assert [v.number for v in editor.versions(offer_id)] == [1]
    stored = editor.terms(offer_id)
    assert (stored.title, stored.remote_days) == ("Principal Engineer", 3)
    assert stored == terms


def test_saving_the_same_terms_writes_nothing(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    outcome = editor.save(offer_id, editor.terms(offer_id))
    assert outcome.value.unchanged
    assert not outcome.changes
    assert len(editor.versions(offer_id)) == 1


def test_extended_change_needs_a_reason_and_changes_nothing(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    before = editor.terms(offer_id)
    with pytest.raises(ValidationError, match="extended offer needs a reason"):
        editor.save(offer_id, with_base(editor, offer_id, 9_500_000))
    assert editor.terms(offer_id) == before
    assert len(editor.versions(offer_id)) == 1


def test_extended_change_with_a_reason_adds_version_2(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    v1 = editor.terms(offer_id)
    outcome = editor.save(offer_id, with_base(editor, offer_id, 9_500_000), reason_code="comp_low")
    assert (outcome.value.version, outcome.value.new_version) == (2, True)
    assert editor.terms(offer_id, 1) == v1
    assert editor.terms(offer_id).base_minor == 9_500_000
    info = editor.versions(offer_id)
    assert [(v.number, v.reason_code) for v in info] == [(1, ""), (2, "COMP_LOW")]
    assert services.offers.detail(offer_id).row.status is OfferStatus.LETTER_SENT


def test_unknown_reason_code_is_refused(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    with pytest.raises(ValidationError, match="BORED"):
        editor.save(offer_id, with_base(editor, offer_id, 1), reason_code="BORED")


def test_diff_lists_exactly_the_changed_fields(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    old_base = editor.terms(offer_id).base_minor
    assert old_base == 9_000_000  # the demo's EUR 90,000 letter
    terms = with_base(editor, offer_id, 9_500_000).with_changes(location="Hamburg")
    editor.save(offer_id, terms, reason_text="Matched the competing offer")
    changes = editor.diff(offer_id, 1, 2)
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Location", "Berlin", "Hamburg"),
        ("Base salary", "90.000,00\xa0€", "95.000,00\xa0€"),  # the offer's de_DE locale
    ]
    assert editor.diff(offer_id, 1, 1) == []
    with pytest.raises(NotFoundError, match="version 7"):
        editor.diff(offer_id, 1, 7)


def test_key_field_change_voids_approvals_and_returns_approved_offer_to_draft(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.APPROVED)
    add_approval(editor, offer_id)
    outcome = editor.save(offer_id, with_base(editor, offer_id, 9_100_000))
    assert outcome.value.approvals_voided
    assert not outcome.value.new_version
    assert [a.voided for a in editor.approvals(offer_id)] == [True, True]  # the demo's own approval and this one
    detail = services.offers.detail(offer_id)
    assert detail.row.status is OfferStatus.DRAFT
    assert detail.history[-1].note == "Re-approval needed: Base salary changed."


def test_non_key_change_keeps_approvals(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.APPROVED)
    add_approval(editor, offer_id)
    outcome = editor.save(offer_id, editor.terms(offer_id).with_changes(pto_note="30 days"))
    assert not outcome.value.approvals_voided
    assert [a.voided for a in editor.approvals(offer_id)] == [False, False]  # the demo's own approval and this one
    assert services.offers.detail(offer_id).row.status is OfferStatus.APPROVED


def test_key_fields_are_configurable(services: Services) -> None:
    editor = editing(services)
    assert "base" in editor.key_fields()
    editor.set_key_fields(["title"])
    assert editor.key_fields() == ("title",)
    offer_id = offer_in(services, OfferStatus.APPROVED)
    editor.save(offer_id, with_base(editor, offer_id, 9_100_000))
    assert services.offers.detail(offer_id).row.status is OfferStatus.APPROVED
    with pytest.raises(ValidationError, match="salary"):
        editor.set_key_fields(["salary"])


def test_extended_key_change_voids_approvals_without_a_status_change(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    add_approval(editor, offer_id)
    outcome = editor.save(offer_id, editor.terms(offer_id).with_changes(title="Staff Engineer"), reason_text="Scope")
    assert outcome.value.approvals_voided
    assert services.offers.detail(offer_id).row.status is OfferStatus.LETTER_SENT


def test_record_approval_needs_a_name(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.DRAFT)
    with pytest.raises(ValidationError, match="name"):
        editor.record_approval(offer_id, "  ", "VP", "approved")
    editor.record_approval(offer_id, "Dana", "VP", "rejected", "Over band")
    [view] = editor.approvals(offer_id)
    assert (view.version_number, view.decision, view.voided) == (1, "rejected", False)


def test_expire_overdue_expires_only_open_offers_past_expiry(services: Services) -> None:
    editor = editing(services)
    today = date.today()
    with services.database.transaction() as session:
        offers = {o.status: o for o in session.scalars(select(Offer).order_by(Offer.id))}
        offers[OfferStatus.LETTER_SENT].expires_on = today - timedelta(days=1)
        offers[OfferStatus.VERBAL_EXTENDED].expires_on = today  # expires at the end of today: still open
        offers[OfferStatus.VERBALLY_ACCEPTED].expires_on = today - timedelta(days=5)  # answered already
        overdue_id = offers[OfferStatus.LETTER_SENT].id
    outcome = editor.expire_overdue(today)
    assert outcome.value == [overdue_id]
    assert services.offers.detail(overdue_id).row.status is OfferStatus.EXPIRED
    assert services.offers.detail(overdue_id).history[-1].note == f"Expired on {today - timedelta(days=1)}."
    assert services.offers.count(OfferStatus.VERBAL_EXTENDED) >= 1
    assert services.offers.count(OfferStatus.VERBALLY_ACCEPTED) >= 1
    assert editor.expire_overdue(today).value == []


def test_attach_signed_copies_the_file(services: Services, tmp_path: Path) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.SIGNED)
    source = tmp_path / "Signed Letter.PDF"
    source.write_bytes(b"%PDF-1.7 signed")
    target = editor.attach_signed(offer_id, 1, source)
    assert target == services.paths.data_dir / "signed" / f"offer-{offer_id}-v1.pdf"
    assert target.read_bytes() == b"%PDF-1.7 signed"
    assert editor.versions(offer_id)[0].signed_file == f"signed/offer-{offer_id}-v1.pdf"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left behind
    with pytest.raises(ValidationError, match=r"missing\.pdf"):
        editor.attach_signed(offer_id, 1, tmp_path / "missing.pdf")


def test_invalid_terms_are_refused_with_the_field_named(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.DRAFT)
    before = editor.terms(offer_id)
    with pytest.raises(ValidationError, match="Remote days per week"):
        editor.save(offer_id, before.with_changes(remote_days=9))
    with pytest.raises(ValidationError, match="ISO 4217"):
        editor.save(offer_id, before.with_changes(currency="XXY"))
    assert editor.terms(offer_id) == before


def test_closed_offers_cannot_change(services: Services) -> None:
    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.DECLINED)
    with pytest.raises(ValidationError, match="closed"):
        editor.save(offer_id, editor.terms(offer_id).with_changes(title="Other"), reason_code="OTHER")


def test_create_starts_a_draft_at_the_band_midpoint(services: Services) -> None:
    editor = editing(services)
    with services.database.transaction() as session:
        candidate = session.scalars(select(Candidate).where(Candidate.role_id.is_not(None))).first()
        assert candidate is not None
        candidate_id, role_id = candidate.id, candidate.role_id
    outcome = editor.create(candidate_id, OfferType.WRITTEN, "eur", "de_DE", role_id=role_id)
    terms = editor.terms(outcome.value)
    assert terms.currency == "EUR"
    assert terms.base_minor is not None and terms.base_minor > 0
    assert services.offers.detail(outcome.value).row.status is OfferStatus.DRAFT
    other = editor.create(candidate_id, OfferType.WRITTEN, "JPY", role_id=role_id)
    assert editor.terms(other.value).base_minor == 0
    with services.database.transaction() as session:
        events = session.scalars(select(OfferStatusEvent).where(OfferStatusEvent.offer_id == other.value)).all()
        assert [e.to_status for e in events] == [OfferStatus.DRAFT]
        new_ids = (outcome.value, other.value)
        assert session.scalars(select(Approval).where(Approval.offer_id.in_(new_ids))).all() == []
    with pytest.raises(NotFoundError):
        editor.create(999_999, OfferType.WRITTEN, "EUR")
    with pytest.raises(ValidationError):
        editor.create(candidate_id, OfferType.WRITTEN, "EURO")


def test_a_new_offer_for_a_berlin_role_is_in_euros_written_in_de_de(services: Services) -> None:
    kwame = services.candidates.search("Kwame")[0].id  # Senior Backend Engineer, Berlin band in EUR; no offer yet
    offer_id = services.offer_editing.create(kwame, OfferType.CONDITIONAL).value
    terms = editing(services).terms(offer_id)
    assert (terms.offer_type, terms.currency, terms.locale) == (OfferType.CONDITIONAL, "EUR", "de_DE")
    assert terms.base_minor == 90_000_00  # the band's midpoint
    assert services.offers.detail(offer_id).row.locale == "de_DE"
    assert services.offer_editing.defaults(kwame).explanation == "EUR and de_DE from the Berlin band"


def test_a_new_offer_without_a_role_takes_the_candidates_location(services: Services) -> None:
    from offerdesk.domain.candidate_record import CandidateDraft

    ada = services.candidate_records.create(CandidateDraft(first_name="Ada", location="London")).value
    offer_id = services.offer_editing.create(ada).value
    terms = editing(services).terms(offer_id)
    assert (terms.currency, terms.locale) == ("GBP", "en_GB")
    with pytest.raises(ValidationError, match="xx_YY"):
        services.offer_editing.create(ada, locale="xx_YY")


def test_a_revised_offer_starts_from_the_latest_offer_and_links_to_it(services: Services) -> None:
    aisha = services.candidates.search("Aisha")[0].id
    latest = services.offers.list(candidate_id=aisha)[0]
    editing_ = services.offer_editing
    assert editing_.defaults(aisha, offer_type=OfferType.REVISED).explanation == (
        "EUR and de_DE as in the candidate's last offer"
    )
    revised_id = editing_.create(aisha, OfferType.REVISED).value
    terms = editing_.terms(revised_id)
    assert (terms.offer_type, terms.currency, terms.base_minor) == (OfferType.REVISED, "EUR", latest.base_minor)
    with services.database.transaction() as session:
        revised = session.get(Offer, revised_id)
        assert revised is not None and revised.parent_offer_id == latest.id
    kwame = services.candidates.search("Kwame")[0].id
    with pytest.raises(ValidationError, match="no offer yet"):
        editing_.create(kwame, OfferType.REVISED)


def test_cli_diff_and_set_status(services: Services, capsys: pytest.CaptureFixture[str]) -> None:
    from offerdesk.cli.offer_commands import offers_diff, offers_set_status
    from offerdesk.errors import TransitionError

    editor = editing(services)
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    editor.save(offer_id, editor.terms(offer_id).with_changes(title="Staff Engineer"), reason_code="TITLE_LEVEL")
    common = {"data_dir": str(services.paths.data_dir), "db_url": db_url_of(services), "no_demo": False, "id": offer_id}
    assert offers_diff(argparse.Namespace(**common, v1=1, v2=2)) == 0
    assert capsys.readouterr().out == "Job title: Senior Backend Engineer → Staff Engineer\n"
    offers_diff(argparse.Namespace(**common, v1=2, v2=2))
    assert capsys.readouterr().out == "No differences.\n"
    assert offers_set_status(argparse.Namespace(**common, status="declined", reason="comp_low")) == 0
    assert "declined" in capsys.readouterr().out
    assert services.offers.detail(offer_id).row.status is OfferStatus.DECLINED
    with pytest.raises(TransitionError, match="cannot become signed"):
        offers_set_status(argparse.Namespace(**common, status="signed", reason=None))
