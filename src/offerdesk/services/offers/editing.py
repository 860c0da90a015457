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
from offerdesk.domain.offer_conflict import OfferConflict
from offerdesk.domain.offer_defaults import OfferDefaults, choose_band
from offerdesk.domain.offer_diff import (
    FieldChange,
    changed_key_fields,
    check_key_fields,
    diff_terms,
    key_field_label,
    validate_terms,
)
from offerdesk.domain.offer_terms import DEFAULT_KEY_FIELDS, ComponentTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, ContingencyStatus, OfferStatus, OfferType, PayUnit
from offerdesk.errors import EditConflict, ValidationError
from offerdesk.files import atomic_copy
from offerdesk.paths import AppPaths
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.offers.new_offers import candidate_and_role, create_revision, defaults_for
from offerdesk.services.offers.status import PROGRAM_ACTOR, follow_stage, record_transition
from offerdesk.storage import offers as gateway
from offerdesk.storage.audit_table import AuditEntry
from offerdesk.storage.db import Database
from offerdesk.storage.ownership import written_by_the_program
from offerdesk.storage.row_versions import touch
from offerdesk.storage.tables import AppMeta, Approval, Offer, OfferStatusEvent

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
    row_version: int = 0  # the offer's row version after the save: the next save names it


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


# --- checks ---------------------------------------------------------------------------------------------------


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


def _material(terms: OfferTerms) -> OfferTerms:
    """The terms without contingency statuses: a check clearing is progress, not a change to the offer."""
    return replace(
        terms, contingencies=tuple(replace(c, status=ContingencyStatus.PENDING) for c in terms.contingencies)
    )


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
            "A change to an extended offer needs a reason: pick one (such as pay too low or competing offer) "
            "or write a note, so the history says why the terms moved."
        )
    return code


def _last_actor(session: Session, offer_id: int) -> str:
    """The login that last changed the offer, from the audit log (written on a team server), or ""."""
    actor = session.scalars(
        select(AuditEntry.actor)
        .where(AuditEntry.offer_id == offer_id, AuditEntry.table_name.in_(("offers", "offer_versions")))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    ).first()
    return actor or ""


# --- the service ------------------------------------------------------------------------------------------------


class OfferEditing:
    """Use cases of the offer editor; each is one transaction."""

    def __init__(self, database: Database, paths: AppPaths) -> None:
        self._database = database
        self._paths = paths

    def terms(self, offer_id: int, version: int | None = None) -> OfferTerms:
        with self._database.transaction() as session:
            return gateway.terms_of(session, offer_id, version)

    def versions(self, offer_id: int) -> list[VersionInfo]:
        with self._database.transaction() as session:
            offer = gateway.get_offer(session, offer_id)
            return [
                VersionInfo(v.number, v.created_at, v.reason_code, v.reason_text, v.signed_file) for v in offer.versions
            ]

    def defaults(
        self,
        candidate_id: int,
        role_id: int | None = None,
        currency: str | None = None,
        locale: str | None = None,
        offer_type: OfferType | None = None,
    ) -> OfferDefaults:
        """The currency and locale a new offer for the candidate starts with, and where they come from."""
        with self._database.transaction() as session:
            candidate, role = candidate_and_role(session, candidate_id, role_id)
            return defaults_for(session, candidate, role, currency, locale, offer_type)

    def create(
        self,
        candidate_id: int,
        offer_type: OfferType = OfferType.WRITTEN,
        currency: str | None = None,
        locale: str | None = None,
        role_id: int | None = None,
    ) -> Outcome[int]:
        """A draft with version 1; the base starts at the band midpoint so the recruiter edits from a fair number.

        A currency or locale not given comes from the role's pay band and the job's place (domain/offer_defaults.py):
        a Berlin role is paid in euros and written in de_DE, not in the program's US defaults. A revised offer
        starts from the terms of the candidate's latest offer and is linked to it.
        """
        with self._database.transaction() as session:
            candidate, role = candidate_and_role(session, candidate_id, role_id)
            chosen = defaults_for(session, candidate, role, currency, locale, offer_type)
            if offer_type is OfferType.REVISED:
                revised = create_revision(session, candidate, chosen)
                return Outcome(revised, Changes.of(Kind.OFFERS, Kind.CANDIDATES))
            code, chosen_locale = chosen.currency, chosen.locale
            in_currency = sorted(
                (b for b in (role.pay_bands if role else []) if b.currency == code), key=lambda b: b.id
            )
            band = choose_band(in_currency, role.location if role else "", candidate.location)
            now = utc_now()
            terms = OfferTerms(
                offer_type=offer_type,
                currency=code,
                locale=chosen_locale,
                title=role.title if role else "",
                level=role.level if role else "",
                department=role.department if role else "",
                reports_to=role.hiring_manager if role else "",
                location=role.location if role else "",
                components=(
                    ComponentTerms(
                        kind=ComponentKind.BASE,
                        label="Base salary",
                        amount_minor=band.mid_minor if band else 0,
                        currency=code,
                        unit=band.unit if band else PayUnit.YEAR,
                    ),
                ),
            )
            offer = Offer(
                candidate_id=candidate.id,
                role_id=role.id if role else None,
                offer_type=offer_type,
                status=OfferStatus.DRAFT,
                status_changed_at=now,
                locale=chosen_locale,
                currency=code,
                recruiter=candidate.recruiter or (role.recruiter if role else ""),
                created_at=now,
                updated_at=now,
                versions=[gateway.new_version(1, terms, created_at=now)],
                events=[OfferStatusEvent(at=now, from_status=None, to_status=OfferStatus.DRAFT)],
            )
            session.add(offer)
            session.flush()
            follow_stage(session, offer, OfferStatus.DRAFT, new_offer=True)
            return Outcome(offer.id, Changes.of(Kind.OFFERS, Kind.CANDIDATES))

    def current(self, offer_id: int) -> tuple[OfferTerms, int]:
        """The offer's saved terms and the row version they were read at (what an editor opens)."""
        with self._database.transaction(read_only=True) as session:
            offer = gateway.get_offer(session, offer_id)
            return gateway.read_terms(offer, gateway.get_version(offer)), offer.row_version

    def save(
        self,
        offer_id: int,
        terms: OfferTerms,
        reason_code: str = "",
        reason_text: str = "",
        *,
        expected_version: int | None = None,
    ) -> Outcome[SaveResult]:
        """Rewrite a draft, or add a version to an extended offer; key-field changes void the approvals.

        `expected_version` is the offer's row version when the editor opened it: if a teammate saved since, the
        save raises OfferConflict with their terms and writes nothing (None: save over whatever is there)."""
        problems = validate_terms(terms)
        if problems:
            raise ValidationError(" ".join(sentence for _field, sentence in problems))
        new = _normalized(terms)
        try:
            return self._save(offer_id, new, reason_code, reason_text, expected_version)
        except OfferConflict:
            raise
        except EditConflict:
            if expected_version is None:
                raise
            # They saved between our check and our write (the row version refused it): say what they saved.
            theirs, version = self.current(offer_id)
            raise OfferConflict(offer_id, theirs, version, self._saved_by(offer_id)) from None

    def _saved_by(self, offer_id: int) -> str:
        """Who saved the offer last, when the audit log knows (on a team server); else nothing."""
        with self._database.transaction(read_only=True) as session:
            return _last_actor(session, offer_id)

    def _save(
        self, offer_id: int, new: OfferTerms, reason_code: str, reason_text: str, expected_version: int | None
    ) -> Outcome[SaveResult]:
        with self._database.transaction() as session:
            offer = gateway.get_offer(session, offer_id)
            latest = gateway.get_version(offer)
            old = gateway.read_terms(offer, latest)
            if old == new:  # what is saved already, whoever saved it: nothing to write, nothing to lose
                return Outcome(SaveResult(latest.number, False, False, True, offer.row_version), Changes())
            if expected_version is not None and offer.row_version != expected_version:
                raise OfferConflict(offer_id, old, offer.row_version, _last_actor(session, offer_id))
            status = offer.status
            new_version = status.is_extended and _material(old) != _material(new)
            if new_version:
                if status.is_final:
                    raise ValidationError(
                        f"Offer {offer_id} is {status.label.lower()}, so its terms are closed; "
                        "start a new offer to propose different terms."
                    )
                code = _check_reason(reason_code, reason_text)
                version = gateway.new_version(
                    latest.number + 1, new, created_at=utc_now(), reason_code=code, reason_text=reason_text.strip()
                )
                offer.versions.append(version)
            else:
                version = latest
                if not status.is_extended:
                    gateway.write_version(version, new)
                    if reason_code.strip() or reason_text.strip():
                        version.reason_code = _check_reason(reason_code, reason_text)
                        version.reason_text = reason_text.strip()
            gateway.write_offer_facts(offer, new, utc_now())
            touch(offer)  # every change of terms bumps the offer's row version
            voided = self._void_if_key_change(session, offer, old, new)
            session.flush()
            changes = (
                Changes.of(Kind.OFFERS, Kind.CANDIDATES) if offer.status is not status else Changes.of(Kind.OFFERS)
            )
            return Outcome(SaveResult(version.number, new_version, voided, False, offer.row_version), changes)

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

    def diff(self, offer_id: int, v1: int, v2: int, locale: str | None = None) -> list[FieldChange]:
        """What changed, amounts written in `locale`: the reader's (the window's or the terminal's), not the
        offer's, which only its letter uses. Without one, the offer's own."""
        with self._database.transaction() as session:
            offer = gateway.get_offer(session, offer_id)
            old = gateway.read_terms(offer, gateway.get_version(offer, v1))
            new = gateway.read_terms(offer, gateway.get_version(offer, v2))
            return diff_terms(old, new, locale or offer.locale)

    # --- approvals --------------------------------------------------------------------------------------------

    def approvals(self, offer_id: int) -> list[ApprovalView]:
        with self._database.transaction() as session:
            offer = gateway.get_offer(session, offer_id)
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
            offer = gateway.get_offer(session, offer_id)
            latest = gateway.get_version(offer)
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
            with written_by_the_program(session):  # an expiry is not the user's work on a demo offer
                for offer in overdue:
                    expiry = offer.expires_on.isoformat() if offer.expires_on else ""
                    record_transition(
                        session, offer, OfferStatus.EXPIRED, note=f"Expired on {expiry}.", actor=PROGRAM_ACTOR
                    )
            ids = [offer.id for offer in overdue]
        return Outcome(ids, Changes.of(Kind.OFFERS, Kind.CANDIDATES) if ids else Changes())

    def attach_signed(self, offer_id: int, version: int, source: Path) -> Path:
        """Copy the signed letter into the data folder, so moving or deleting the original loses nothing."""
        if not source.is_file():
            raise ValidationError(f"The signed file {source} does not exist (or is not a file).")
        with self._database.transaction() as session:
            row = gateway.get_version(gateway.get_offer(session, offer_id), version)
            folder = self._paths.data_dir / SIGNED_FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"offer-{offer_id}-v{version}{source.suffix.lower()}"
            try:
                atomic_copy(source, target)
            except OSError as error:
                raise ValidationError(f"Could not copy {source} into {folder}: {error.strerror or error}.") from error
            row.signed_file = target.relative_to(self._paths.data_dir).as_posix()
        return target
