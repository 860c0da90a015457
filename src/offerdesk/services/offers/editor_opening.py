"""Everything the offer editor shows when it opens, read in one go so the window can read it off the GUI thread.

Read on the GUI thread, the offer, its versions, the diff of the last two, its approvals, its changes and its band
were six reads (≈ 40 ms, more on a server) between the click on Edit and the editor appearing, with the window
frozen meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from offerdesk.domain.compensation import BandPosition
from offerdesk.domain.offer_diff import FieldChange
from offerdesk.domain.offers import OfferDetail
from offerdesk.services.offers.compensation import CompensationService
from offerdesk.services.offers.editing import ApprovalView, OfferEditing, VersionInfo
from offerdesk.services.offers.status import OfferService
from offerdesk.services.team.audit import AuditLine, AuditTrail


@dataclass(frozen=True)
class EditorOpening:
    """What the editor shows first; `diff` compares the last two versions (empty with one version)."""

    detail: OfferDetail
    versions: list[VersionInfo]
    diff: list[FieldChange]
    key_fields: tuple[str, ...]
    approvals: list[ApprovalView]
    audit: list[AuditLine]
    band: BandPosition | None


@dataclass(frozen=True)
class EditorReads:
    """The services the editor reads from (taken on the GUI thread: the container makes them on first use)."""

    offers: OfferService
    editing: OfferEditing
    audit: AuditTrail
    compensation: CompensationService

    def opening(self, offer_id: int, locale: str) -> EditorOpening:
        """Any thread may call this; sentences (the band's, the changes') are in `locale`."""
        detail = self.offers.detail(offer_id)
        versions = self.editing.versions(offer_id)
        diff = (
            self.editing.diff(offer_id, versions[-2].number, versions[-1].number, locale) if len(versions) > 1 else []
        )
        terms = detail.terms
        return EditorOpening(
            detail=detail,
            versions=versions,
            diff=diff,
            key_fields=self.editing.key_fields(),
            approvals=self.editing.approvals(offer_id),
            audit=self.audit.audit_for_offer(offer_id, locale),
            band=self.compensation.position(terms, detail.role_id, terms.location, locale),
        )
