"""Editing an offer's terms: versions, diffs, approvals, expiry and the signed copy.

The rule that shapes everything here: until the candidate has heard an offer its draft can be rewritten;
once it is extended, history is never rewritten: a change adds a version and says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.domain.clock import today as local_today
from offerdesk.domain.clock import utc_now
from offerdesk.domain.money import check_currency
from offerdesk.domain.offer_diff import (
    FieldChange,
    changed_key_fields,
    check_key_fields,
    diff_terms,
    key_field_label,
    validate_terms,
)
from offerdesk.domain.offer_terms import DEFAULT_KEY_FIELDS, ComponentTerms, ContingencyTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import atomic_copy
from offerdesk.paths import AppPaths
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.offers import record_transition
from offerdesk.storage.db import Database
from offerdesk.storage.tables import (
    AppMeta,
    Approval,
    Candidate,
    Contingency,
    EquityGrant,
    Offer,
    OfferComponent,
    OfferStatusEvent,
    OfferVersion,
    Role,
)

KEY_FIELDS_META = "approval_key_fields"
SIGNED_FOLDER = "signed"
DECISIONS = ("approved", "rejected")


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: datetime
    reason_code: str
    reason_text: str
    signed_file: str = ""


@dataclass(frozen=True)
class SaveResult:
    """What a save did, so the editor can say "Saved as version 3; approvals need renewing"."""

    version: int
    new_version: bool
    approvals_voided: bool
    unchanged: bool


@dataclass(frozen=True)
class ApprovalView:
    id: int
    version_number: int
    approver_name: str
    approver_role: str
    decision: str
    decided_at: datetime | None
    comment: str
    voided: bool


# --- rows ↔ terms -----------------------------------------------------------------------------------------------


def _offer(session: Session, offer_id: int) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFoundError(f"There is no offer with id {offer_id}.")
    return offer


def _version(offer: Offer, number: int | None) -> OfferVersion:
    if not offer.versions:
        raise NotFoundError(f"Offer {offer.id} has no versions.")
    if number is None:
        return offer.versions[-1]
    for version in offer.versions:
        if version.number == number:
            return version
    raise NotFoundError(f"Offer {offer.id} has no version {number}; it has 1 to {offer.versions[-1].number}.")


def version_terms(offer: Offer, version: OfferVersion) -> OfferTerms:
    """One version's terms with the offer-level facts; contingencies are the offer's current ones."""
    return OfferTerms(
        offer_type=offer.offer_type,
        currency=offer.currency,
        locale=offer.locale,
        expires_on=offer.expires_on,
        title=version.title,
        level=version.level,
        department=version.department,
        reports_to=version.reports_to,
        employment_type=version.employment_type,
        exempt=version.exempt,
        start_date=version.start_date,
        end_date=version.end_date,
        effective_date=version.effective_date,
        location=version.location,
        remote_days=version.remote_days,
        probation_months=version.probation_months,
        pay_frequency=version.pay_frequency,
        benefits_note=version.benefits_note,
        pto_note=version.pto_note,
        required_agreements=tuple(str(item) for item in version.required_agreements or ()),
        conversion_terms=version.conversion_terms,
        prior_terms=version.prior_terms,
        delivered_by=version.delivered_by,
        components=tuple(
            ComponentTerms(
                kind=item.kind,
                label=item.label,
                amount_minor=item.amount_minor,
                currency=item.currency,
                unit=item.unit,
                percent_bp=item.percent_bp,
                clawback_months=item.clawback_months,
                notes=item.notes,
            )
            for item in version.components
        ),
        equity=tuple(
            EquityTerms(
                kind=grant.kind,
                units=grant.units,
                currency=grant.currency,
                strike_minor=grant.strike_minor,
                assumed_value_minor=grant.assumed_value_minor,
                vesting_start=grant.vesting_start,
                vesting_months=grant.vesting_months,
                cliff_months=grant.cliff_months,
                exercise_window_days=grant.exercise_window_days,
            )
            for grant in sorted(version.equity, key=lambda g: g.id or 0)
        ),
        contingencies=tuple(
            ContingencyTerms(kind=item.kind, description=item.description, status=item.status)
            for item in sorted(offer.contingencies, key=lambda c: c.id or 0)
        ),
    )


def _normalized(terms: OfferTerms) -> OfferTerms:
    """Codes upper-cased and texts trimmed, so "eur" and "EUR" are not a change."""
    return replace(
        terms,
        currency=terms.currency.strip().upper(),
        locale=terms.locale.strip() or "en_US",
        components=tuple(replace(item, currency=item.currency.strip().upper()) for item in terms.components),
        equity=tuple(replace(grant, currency=grant.currency.strip().upper()) for grant in terms.equity),
        required_agreements=tuple(item.strip() for item in terms.required_agreements if item.strip()),
    )


def write_version(version: OfferVersion, terms: OfferTerms) -> None:
    """Put the version-level terms into a row, replacing its components and grants."""
    version.title = terms.title
    version.level = terms.level
    version.department = terms.department
    version.reports_to = terms.reports_to
    version.employment_type = terms.employment_type
    version.exempt = terms.exempt
    version.start_date = terms.start_date
    version.end_date = terms.end_date
    version.effective_date = terms.effective_date
    version.location = terms.location
    version.remote_days = terms.remote_days
    version.probation_months = terms.probation_months
    version.pay_frequency = terms.pay_frequency
    version.benefits_note = terms.benefits_note
    version.pto_note = terms.pto_note
    version.required_agreements = list(terms.required_agreements)
    version.conversion_terms = terms.conversion_terms
    version.prior_terms = terms.prior_terms
    version.delivered_by = terms.delivered_by
    version.components = [
        OfferComponent(
            position=position,
            kind=item.kind,
            label=item.label,
            amount_minor=item.amount_minor,
            currency=item.currency,
            unit=item.unit,
            percent_bp=item.percent_bp,
            clawback_months=item.clawback_months,
            notes=item.notes,
        )
        for position, item in enumerate(terms.components)
    ]
    version.equity = [
        EquityGrant(
            kind=grant.kind,
            units=grant.units,
            currency=grant.currency,
            strike_minor=grant.strike_minor,
            assumed_value_minor=grant.assumed_value_minor,
            vesting_start=grant.vesting_start,
            vesting_months=grant.vesting_months,
            cliff_months=grant.cliff_months,
            exercise_window_days=grant.exercise_window_days,
        )
        for grant in terms.equity
    ]


def _write_offer(offer: Offer, terms: OfferTerms) -> None:
    """Offer-level facts; contingencies live on the offer (their status moves as checks clear)."""
    offer.offer_type = terms.offer_type
    offer.currency = terms.currency
    offer.locale = terms.locale
    offer.expires_on = terms.expires_on
    current = [(c.kind, c.description, c.status) for c in sorted(offer.contingencies, key=lambda c: c.id or 0)]
    wanted = [(c.kind, c.description, c.status) for c in terms.contingencies]
    if current != wanted:
        offer.contingencies = [
            Contingency(kind=c.kind, description=c.description, status=c.status) for c in terms.contingencies
        ]
    offer.updated_at = utc_now()


def _material(terms: OfferTerms) -> OfferTerms:
    """The terms without contingency statuses: a check clearing is progress, not a change to the offer."""
    return replace(terms, contingencies=tuple(replace(c, status="") for c in terms.contingencies))


def _read_key_fields(session: Session) -> tuple[str, ...]:
    row = session.get(AppMeta, KEY_FIELDS_META)
    if row is None:
        return DEFAULT_KEY_FIELDS
    return tuple(name for name in (part.strip() for part in row.value.split(",")) if name)


def _check_reason(reason_code: str, reason_text: str) -> str:
    code = reason_code.strip().upper()
    if code and code not in DECLINE_REASONS:
        raise ValidationError(f"“{reason_code}” is not a reason code; use one of: {', '.join(DECLINE_REASONS)}.")
    if not code and not reason_text.strip():
        raise ValidationError(
            "A change to an extended offer needs a reason: pick a code "
            f"({', '.join(DECLINE_REASONS)}) or write a note, so the history says why the terms moved."
        )
    return code


# --- the service ------------------------------------------------------------------------------------------------


class OfferEditing:
    """Use cases of the offer editor; each is one transaction."""

    def __init__(self, database: Database, paths: AppPaths) -> None:
        self._database = database
        self._paths = paths

    def terms(self, offer_id: int, version: int | None = None) -> OfferTerms:
        with self._database.transaction() as session:
            offer = _offer(session, offer_id)
            return version_terms(offer, _version(offer, version))

    def versions(self, offer_id: int) -> list[VersionInfo]:
        with self._database.transaction() as session:
            offer = _offer(session, offer_id)
            return [
                VersionInfo(v.number, v.created_at, v.reason_code, v.reason_text, v.signed_file) for v in offer.versions
            ]

    def create(
        self,
        candidate_id: int,
        offer_type: OfferType,
        currency: str,
        locale: str = "en_US",
        role_id: int | None = None,
    ) -> Outcome[int]:
        """A draft with version 1; the base starts at the band midpoint so the recruiter edits from a fair number."""
        code = check_currency(currency)
        with self._database.transaction() as session:
            candidate = session.get(Candidate, candidate_id)
            if candidate is None:
                raise NotFoundError(f"There is no candidate with id {candidate_id}.")
            chosen_role_id = role_id if role_id is not None else candidate.role_id
            role = session.get(Role, chosen_role_id) if chosen_role_id is not None else None
            if role_id is not None and role is None:
                raise NotFoundError(f"There is no role with id {role_id}.")
            bands = [band for band in (role.pay_bands if role else []) if band.currency == code]
            bands.sort(key=lambda band: (band.location != (role.location if role else ""), band.id))
            band = bands[0] if bands else None
            now = utc_now()
            version = OfferVersion(
                number=1,
                created_at=now,
                title=role.title if role else "",
                level=role.level if role else "",
                department=role.department if role else "",
                reports_to=role.hiring_manager if role else "",
                location=role.location if role else "",
                pay_frequency="monthly",
                required_agreements=[],
                components=[
                    OfferComponent(
                        position=0,
                        kind=ComponentKind.BASE,
                        label="Base salary",
                        amount_minor=band.mid_minor if band else 0,
                        currency=code,
                        unit=band.unit if band else PayUnit.YEAR,
                    )
                ],
            )
            offer = Offer(
                candidate_id=candidate.id,
                role_id=role.id if role else None,
                offer_type=offer_type,
                status=OfferStatus.DRAFT,
                status_changed_at=now,
                locale=locale,
                currency=code,
                recruiter=candidate.recruiter or (role.recruiter if role else ""),
                created_at=now,
                updated_at=now,
                versions=[version],
                events=[OfferStatusEvent(at=now, from_status=None, to_status=OfferStatus.DRAFT)],
            )
            session.add(offer)
            session.flush()
            return Outcome(offer.id, Changes.of(Kind.OFFERS, Kind.CANDIDATES))

    def save(
        self, offer_id: int, terms: OfferTerms, reason_code: str = "", reason_text: str = ""
    ) -> Outcome[SaveResult]:
        """Rewrite a draft, or add a version to an extended offer; key-field changes void the approvals."""
        problems = validate_terms(terms)
        if problems:
            raise ValidationError(" ".join(sentence for _field, sentence in problems))
        new = _normalized(terms)
        with self._database.transaction() as session:
            offer = _offer(session, offer_id)
            latest = _version(offer, None)
            old = version_terms(offer, latest)
            if old == new:
                return Outcome(SaveResult(latest.number, False, False, True), Changes())
            status = offer.status
            new_version = status.is_extended and _material(old) != _material(new)
            if new_version:
                if status.is_final:
                    raise ValidationError(
                        f"Offer {offer_id} is {status.value}, so its terms are closed; "
                        "start a new offer to propose different terms."
                    )
                code = _check_reason(reason_code, reason_text)
                version = OfferVersion(
                    number=latest.number + 1,
                    created_at=utc_now(),
                    reason_code=code,
                    reason_text=reason_text.strip(),
                )
                write_version(version, new)
                offer.versions.append(version)
            else:
                version = latest
                if not status.is_extended:
                    write_version(version, new)
                    if reason_code.strip() or reason_text.strip():
                        version.reason_code = _check_reason(reason_code, reason_text)
                        version.reason_text = reason_text.strip()
            _write_offer(offer, new)
            voided = self._void_if_key_change(session, offer, old, new)
            session.flush()
            changes = (
                Changes.of(Kind.OFFERS, Kind.CANDIDATES) if offer.status is not status else Changes.of(Kind.OFFERS)
            )
            return Outcome(SaveResult(version.number, new_version, voided, False), changes)

    def _void_if_key_change(self, session: Session, offer: Offer, old: OfferTerms, new: OfferTerms) -> bool:
        """Approvals cover the key terms they saw; a change to one sends the offer back for approval."""
        changed = changed_key_fields(old, new, _read_key_fields(session))
        if not changed:
            return False
        voided = False
        for approval in offer.approvals:
            if not approval.voided:
                approval.voided = True
                voided = True
        if offer.status is OfferStatus.APPROVED:
            names = ", ".join(key_field_label(name) for name in sorted(changed))
            record_transition(session, offer, OfferStatus.DRAFT, note=f"Re-approval needed: {names} changed.")
            voided = True
        return voided

    def diff(self, offer_id: int, v1: int, v2: int) -> list[FieldChange]:
        with self._database.transaction() as session:
            offer = _offer(session, offer_id)
            old, new = version_terms(offer, _version(offer, v1)), version_terms(offer, _version(offer, v2))
            return diff_terms(old, new, offer.locale)

    # --- approvals --------------------------------------------------------------------------------------------

    def approvals(self, offer_id: int) -> list[ApprovalView]:
        with self._database.transaction() as session:
            offer = _offer(session, offer_id)
            return [
                ApprovalView(
                    a.id,
                    a.version_number,
                    a.approver_name,
                    a.approver_role,
                    a.decision,
                    a.decided_at,
                    a.comment,
                    a.voided,
                )
                for a in sorted(offer.approvals, key=lambda a: a.id)
            ]

    def record_approval(
        self,
        offer_id: int,
        approver_name: str,
        approver_role: str,
        decision: Literal["approved", "rejected"],
        comment: str = "",
    ) -> Changes:
        name = approver_name.strip()
        if not name:
            raise ValidationError("An approval needs the approver's name.")
        if decision not in DECISIONS:
            raise ValidationError(f"“{decision}” is not a decision; use approved or rejected.")
        with self._database.transaction() as session:
            offer = _offer(session, offer_id)
            latest = _version(offer, None)
            offer.approvals.append(
                Approval(
                    version_number=latest.number,
                    approver_name=name,
                    approver_role=approver_role.strip(),
                    decision=decision,
                    decided_at=utc_now(),
                    comment=comment.strip(),
                )
            )
        return Changes.of(Kind.OFFERS)

    def key_fields(self) -> tuple[str, ...]:
        with self._database.transaction() as session:
            return _read_key_fields(session)

    def set_key_fields(self, fields: Iterable[str]) -> Changes:
        """An empty list is allowed: then no change voids approvals."""
        chosen = check_key_fields(fields)
        with self._database.transaction() as session:
            row = session.get(AppMeta, KEY_FIELDS_META)
            if row is None:
                session.add(AppMeta(key=KEY_FIELDS_META, value=",".join(chosen)))
            else:
                row.value = ",".join(chosen)
        return Changes.of(Kind.OFFERS, Kind.SETTINGS)

    # --- lifecycle chores -------------------------------------------------------------------------------------

    def expire_overdue(self, today: date | None = None) -> Outcome[list[int]]:
        """Open offers past their expiry date become expired, so lists and metrics stop counting them as live."""
        day = today or local_today()
        with self._database.transaction() as session:
            overdue = session.scalars(
                select(Offer)
                .where(
                    Offer.status.in_((OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT)),
                    Offer.expires_on.is_not(None),
                    Offer.expires_on < day,
                )
                .order_by(Offer.id)
            ).all()
            for offer in overdue:
                expiry = offer.expires_on.isoformat() if offer.expires_on else ""
                record_transition(session, offer, OfferStatus.EXPIRED, note=f"Expired on {expiry}.")
            ids = [offer.id for offer in overdue]
        return Outcome(ids, Changes.of(Kind.OFFERS, Kind.CANDIDATES) if ids else Changes())

    def attach_signed(self, offer_id: int, version: int, source: Path) -> Path:
        """Copy the signed letter into the data folder, so moving or deleting the original loses nothing."""
        if not source.is_file():
            raise ValidationError(f"The signed file {source} does not exist (or is not a file).")
        with self._database.transaction() as session:
            row = _version(_offer(session, offer_id), version)
            folder = self._paths.data_dir / SIGNED_FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"offer-{offer_id}-v{version}{source.suffix.lower()}"
            try:
                atomic_copy(source, target)
            except OSError as error:
                raise ValidationError(f"Could not copy {source} into {folder}: {error.strerror or error}.") from error
            row.signed_file = target.relative_to(self._paths.data_dir).as_posix()
        return target
