"""What the offer editor shows when it opens is read in one go, the same as its own reads would show."""

from __future__ import annotations

from offerdesk.domain.offers import OfferStatus
from offerdesk.services.offers.editor_opening import EditorReads
from offerdesk.services.setup.bootstrap import Services
from tests.unit.services.offers.test_editing import offer_in, with_base


def _reads(services: Services) -> EditorReads:
    return EditorReads(services.offers, services.offer_editing, services.audit, services.compensation)


def test_the_opening_has_the_offer_its_versions_the_last_change_its_approvals_and_its_band(
    services: Services,
) -> None:
    editing = services.offer_editing
    offer_id = offer_in(services, OfferStatus.LETTER_SENT)
    editing.save(offer_id, with_base(editing, offer_id, 9_500_000), reason_code="COMP_LOW")
    opening = _reads(services).opening(offer_id, "en_US")
    assert opening.detail == services.offers.detail(offer_id)
    assert [v.number for v in opening.versions] == [1, 2]
    assert opening.diff == editing.diff(offer_id, 1, 2, "en_US")
    assert any(change.label == "Base salary" and "95,000" in change.after for change in opening.diff)
    assert opening.approvals == editing.approvals(offer_id) and opening.key_fields == editing.key_fields()
    assert opening.audit == services.audit.audit_for_offer(offer_id, "en_US") and opening.audit
    terms = opening.detail.terms
    assert opening.band == services.compensation.position(terms, opening.detail.role_id, terms.location, "en_US")


def test_an_offer_with_one_version_has_no_change_to_show(services: Services) -> None:
    offer_id = offer_in(services, OfferStatus.DRAFT)
    opening = _reads(services).opening(offer_id, "en_US")
    assert len(opening.versions) == 1 and opening.diff == []
