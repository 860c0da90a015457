"""The whole OfferDesk schema as typed SQLAlchemy 2 tables.

Money is always an integer amount of minor units beside an ISO 4217 code. Timestamps are naive UTC.
Child rows cascade with their candidate or offer, so removing a candidate leaves nothing behind.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    event,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.candidate_record import search_text
from offerdesk.domain.candidates import CounterofferRisk, Stage
from offerdesk.domain.clock import utc_now
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.storage.versioned import Versioned

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(kind: type[enum.Enum]) -> Enum:
    """Stored as its string value, without a CHECK constraint, so new values need no table rebuild."""
    return Enum(kind, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class Role(TimestampMixin, Versioned, Base):
    """A requisition: the job being filled."""

    __tablename__ = "roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[str] = mapped_column(String(50), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    hiring_manager: Mapped[str] = mapped_column(String(200), default="")
    recruiter: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(32), default="open")
    opened_on: Mapped[date | None] = mapped_column(Date)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    pay_bands: Mapped[list[PayBand]] = relationship(back_populates="role", cascade="all, delete-orphan")


class PayBand(Versioned, Base):
    __tablename__ = "pay_bands"
    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    location: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[PayUnit] = mapped_column(_enum(PayUnit), default=PayUnit.YEAR)
    min_minor: Mapped[int] = mapped_column(Integer)
    mid_minor: Mapped[int] = mapped_column(Integer)
    max_minor: Mapped[int] = mapped_column(Integer)
    role: Mapped[Role] = relationship(back_populates="pay_bands")


class Candidate(TimestampMixin, Versioned, Base):
    __tablename__ = "candidates"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="", index=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    external_id: Mapped[str] = mapped_column(String(100), default="", index=True)
    stage: Mapped[Stage] = mapped_column(_enum(Stage), default=Stage.SCREENING, index=True)
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id", ondelete="SET NULL"), index=True)
    recruiter: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # Lists are stored one value per line: the first email and phone columns above are the primary ones.
    extra_emails: Mapped[str] = mapped_column(Text, default="")
    extra_phones: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    consent_given_on: Mapped[date | None] = mapped_column(Date)
    retain_until: Mapped[date | None] = mapped_column(Date)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    # The folded text the search reads (storage/search.py indexes it: FTS5 on SQLite, pg_trgm on PostgreSQL).
    search_text: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[Role | None] = relationship()
    profile: Mapped[PreCloseProfileRow | None] = relationship(cascade="all, delete-orphan", uselist=False)
    competing: Mapped[list[CompetingOffer]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (Index("ix_candidates_name", "last_name", "first_name"),)


def lines(text: str) -> list[str]:
    """A list column (one value per line) as a list."""
    return [line for line in text.split("\n") if line]


def candidate_search_text(candidate: Candidate) -> str:
    emails = [candidate.email or "", *lines(candidate.extra_emails or "")]
    return search_text(
        candidate.first_name or "",
        candidate.last_name or "",
        emails,
        candidate.location or "",
        lines(candidate.tags or ""),
        candidate.notes or "",
        candidate.external_id or "",
    )


@event.listens_for(Candidate, "before_insert")
@event.listens_for(Candidate, "before_update")
def _fill_search_text(_mapper: Any, _connection: Any, candidate: Candidate) -> None:
    """Every ORM write keeps the searchable text current; bulk Core inserts call candidate_search_text too."""
    candidate.search_text = candidate_search_text(candidate)


# The list's default order; an expression index lets the database read 100,000 ids in order without sorting.
# Reflection cannot see expression indexes, so a batch migration that rebuilds `candidates` drops it:
# schema.upgrade() re-creates every index listed here afterwards.
EXPRESSION_INDEXES = (
    Index("ix_candidates_sort_name", func.lower(Candidate.last_name), func.lower(Candidate.first_name), Candidate.id),
)


class CandidateStageEvent(Base):
    """A stage change of a candidate: when, by whom, from what to what."""

    __tablename__ = "candidate_stage_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(_enum(Stage))
    to_stage: Mapped[Stage] = mapped_column(_enum(Stage))
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    actor: Mapped[str] = mapped_column(String(200), default="")


class SavedView(Versioned, Base):
    """A named candidate filter the recruiter keeps in the sidebar."""

    __tablename__ = "saved_views"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    filters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class ImportMapping(Base):
    """How the columns of one header set map to candidate fields, so the next export of that ATS maps itself."""

    __tablename__ = "import_mappings"
    header_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    headers: Mapped[list[Any]] = mapped_column(default=list)
    fields: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class PreCloseProfileRow(Versioned, Base):
    """What the recruiter has learnt before the ask; one per candidate. No pay-history field by design."""

    __tablename__ = "preclose_profiles"
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True)
    motivators: Mapped[str] = mapped_column(Text, default="")
    criteria: Mapped[str] = mapped_column(Text, default="")
    decision_makers: Mapped[str] = mapped_column(Text, default="")
    timeline: Mapped[str] = mapped_column(Text, default="")
    decision_deadline: Mapped[date | None] = mapped_column(Date)
    notice_period_days: Mapped[int | None] = mapped_column(Integer)
    expected_pay_minor: Mapped[int | None] = mapped_column(Integer)
    expected_pay_currency: Mapped[str] = mapped_column(String(3), default="")
    counteroffer_risk: Mapped[CounterofferRisk] = mapped_column(
        _enum(CounterofferRisk), default=CounterofferRisk.UNKNOWN
    )
    readiness: Mapped[int | None] = mapped_column(Integer)
    needs: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class CompetingOffer(Versioned, Base):
    """Another process, another company's offer, or the current employer's counteroffer."""

    __tablename__ = "competing_offers"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="process")
    company: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(100), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="")
    base_minor: Mapped[int | None] = mapped_column(Integer)
    bonus_minor: Mapped[int | None] = mapped_column(Integer)
    equity_annual_minor: Mapped[int | None] = mapped_column(Integer)
    sign_on_minor: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class Offer(TimestampMixin, Versioned, Base):
    __tablename__ = "offers"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id", ondelete="SET NULL"), index=True)
    parent_offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))
    offer_type: Mapped[OfferType] = mapped_column(_enum(OfferType))
    status: Mapped[OfferStatus] = mapped_column(_enum(OfferStatus), default=OfferStatus.DRAFT, index=True)
    status_changed_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    locale: Mapped[str] = mapped_column(String(20), default="en_US")
    currency: Mapped[str] = mapped_column(String(3))
    jurisdiction_pack: Mapped[str] = mapped_column(String(50), default="")
    recruiter: Mapped[str] = mapped_column(String(200), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    extended_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_reason: Mapped[str] = mapped_column(String(32), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    candidate: Mapped[Candidate] = relationship()
    role: Mapped[Role | None] = relationship()
    versions: Mapped[list[OfferVersion]] = relationship(cascade="all, delete-orphan", order_by="OfferVersion.number")
    events: Mapped[list[OfferStatusEvent]] = relationship(cascade="all, delete-orphan", order_by="OfferStatusEvent.at")
    contingencies: Mapped[list[Contingency]] = relationship(cascade="all, delete-orphan", order_by="Contingency.id")
    approvals: Mapped[list[Approval]] = relationship(cascade="all, delete-orphan", order_by="Approval.id")


class OfferVersion(Versioned, Base):
    """The terms of an offer at one point; once extended, a material change adds a version, never edits one."""

    __tablename__ = "offer_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    reason_code: Mapped[str] = mapped_column(String(32), default="")
    reason_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    title: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[str] = mapped_column(String(50), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    reports_to: Mapped[str] = mapped_column(String(200), default="")
    employment_type: Mapped[str] = mapped_column(String(50), default="full_time")
    exempt: Mapped[bool | None] = mapped_column(Boolean)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    effective_date: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(200), default="")
    remote_days: Mapped[int | None] = mapped_column(Integer)
    probation_months: Mapped[int | None] = mapped_column(Integer)
    pay_frequency: Mapped[str] = mapped_column(String(20), default="monthly")
    # Hundredths, so 37.5 hours a week is stored exactly (SQLite has no decimal type).
    hours_per_week_hundredths: Mapped[int | None] = mapped_column(Integer)
    days_per_week_hundredths: Mapped[int | None] = mapped_column(Integer)
    benefits_note: Mapped[str] = mapped_column(Text, default="")
    pto_note: Mapped[str] = mapped_column(Text, default="")
    required_agreements: Mapped[list[Any]] = mapped_column(default=list)
    conversion_terms: Mapped[str] = mapped_column(Text, default="")
    prior_terms: Mapped[str] = mapped_column(Text, default="")
    delivered_by: Mapped[str] = mapped_column(String(200), default="")
    signed_file: Mapped[str] = mapped_column(String(500), default="")
    components: Mapped[list[OfferComponent]] = relationship(
        cascade="all, delete-orphan", order_by="OfferComponent.position"
    )
    equity: Mapped[list[EquityGrant]] = relationship(cascade="all, delete-orphan", order_by="EquityGrant.id")

    __table_args__ = (Index("uq_offer_versions_offer_number", "offer_id", "number", unique=True),)


class OfferComponent(Base):
    """One line of compensation: base, bonus target, commission, sign-on (with clawback), relocation, ..."""

    __tablename__ = "offer_components"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("offer_versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[ComponentKind] = mapped_column(_enum(ComponentKind))
    label: Mapped[str] = mapped_column(String(200), default="")
    amount_minor: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    unit: Mapped[PayUnit] = mapped_column(_enum(PayUnit), default=PayUnit.YEAR)
    percent_bp: Mapped[int | None] = mapped_column(Integer)
    clawback_months: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")


class EquityGrant(Base):
    __tablename__ = "equity_grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("offer_versions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="rsu")
    units: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    strike_minor: Mapped[int | None] = mapped_column(Integer)
    assumed_value_minor: Mapped[int | None] = mapped_column(Integer)
    vesting_start: Mapped[date | None] = mapped_column(Date)
    vesting_months: Mapped[int] = mapped_column(Integer, default=48)
    cliff_months: Mapped[int] = mapped_column(Integer, default=12)
    exercise_window_days: Mapped[int | None] = mapped_column(Integer)


class Contingency(Base):
    __tablename__ = "contingencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class OfferStatusEvent(Base):
    """The decision history: every status change with its time and, for declines, the reason code."""

    __tablename__ = "offer_status_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    from_status: Mapped[OfferStatus | None] = mapped_column(_enum(OfferStatus))
    to_status: Mapped[OfferStatus] = mapped_column(_enum(OfferStatus))
    reason_code: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(200), default="")


class Approval(Base):
    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    approver_name: Mapped[str] = mapped_column(String(200))
    approver_role: Mapped[str] = mapped_column(String(200), default="")
    decision: Mapped[str] = mapped_column(String(20), default="pending")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    comment: Mapped[str] = mapped_column(Text, default="")
    voided: Mapped[bool] = mapped_column(Boolean, default=False)


class LetterTemplate(Versioned, Base):
    """A .docx template: bundled ones are referenced by file name, user ones are copied into the data folder."""

    __tablename__ = "letter_templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(String(20), default="bundled")
    file_name: Mapped[str] = mapped_column(String(500))
    offer_type: Mapped[OfferType | None] = mapped_column(_enum(OfferType))
    locale: Mapped[str] = mapped_column(String(20), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class LetterExport(Base):
    """What was sent: the offer version, the template and the file, so the recruiter can check it later."""

    __tablename__ = "letter_exports"
    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    template_id: Mapped[int | None] = mapped_column(ForeignKey("letter_templates.id", ondelete="SET NULL"))
    template_name: Mapped[str] = mapped_column(String(200), default="")
    docx_path: Mapped[str] = mapped_column(String(1000), default="")
    pdf_path: Mapped[str] = mapped_column(String(1000), default="")
    exported_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    email_path: Mapped[str] = mapped_column(String(1000), default="", server_default="")  # the .eml draft, if any
    email_to: Mapped[str] = mapped_column(String(320), default="", server_default="")


class ShippedContentMixin:
    """Content that ships with the app: user edits set user_modified so a content upgrade leaves them alone."""

    shipped_version: Mapped[int | None] = mapped_column(Integer)
    shipped_hash: Mapped[str] = mapped_column(String(64), default="")
    user_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)


class Script(ShippedContentMixin, Versioned, Base):
    __tablename__ = "scripts"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    offer_type: Mapped[OfferType] = mapped_column(_enum(OfferType))
    title: Mapped[str] = mapped_column(String(200))
    steps: Mapped[list[Any]] = mapped_column(default=list)


class Objection(ShippedContentMixin, Versioned, Base):
    __tablename__ = "objections"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    says: Mapped[list[Any]] = mapped_column(default=list)
    probe: Mapped[list[Any]] = mapped_column(default=list)
    levers: Mapped[list[Any]] = mapped_column(default=list)
    avoid: Mapped[list[Any]] = mapped_column(default=list)
    talk_track: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[Any]] = mapped_column(default=list)


class CallLog(Base):
    """One offer call: which ask, which objections, what the candidate answered."""

    __tablename__ = "call_logs"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"), index=True)
    script_id: Mapped[int | None] = mapped_column(ForeignKey("scripts.id", ondelete="SET NULL"))
    script_revision: Mapped[int | None] = mapped_column(Integer)
    ask_style: Mapped[AskStyle | None] = mapped_column(_enum(AskStyle))
    outcome: Mapped[CallOutcome] = mapped_column(_enum(CallOutcome))
    notes: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    decision_date: Mapped[date | None] = mapped_column(Date)
    recruiter: Mapped[str] = mapped_column(String(200), default="")
    objections: Mapped[list[CallObjection]] = relationship(cascade="all, delete-orphan")


class CallObjection(Base):
    __tablename__ = "call_objections"
    call_id: Mapped[int] = mapped_column(ForeignKey("call_logs.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)


class FollowUp(Versioned, Base):
    __tablename__ = "follow_ups"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("call_logs.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(50), default="check_in")
    due_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime)


class PracticeResult(Base):
    __tablename__ = "practice_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    objection_code: Mapped[str] = mapped_column(String(32), index=True)
    practiced_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    probed: Mapped[bool] = mapped_column(Boolean, default=False)
    used_lever: Mapped[bool] = mapped_column(Boolean, default=False)
    asked_again: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    recruiter: Mapped[str] = mapped_column(String(200), default="", server_default="")


class PracticeDrill(Base):
    """A drill the coach scheduled on an objection the recruiter loses on; done when a practice result answers it."""

    __tablename__ = "practice_drills"
    id: Mapped[int] = mapped_column(primary_key=True)
    objection_code: Mapped[str] = mapped_column(String(32), index=True)
    recruiter: Mapped[str] = mapped_column(String(200), default="", server_default="")
    due_on: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    practice_result_id: Mapped[int | None] = mapped_column(ForeignKey("practice_results.id", ondelete="SET NULL"))


class AppMeta(Versioned, Base):
    """Small facts about this database: content release loaded, whether demo data was seeded."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


from offerdesk.storage import audit_table as audit_table  # noqa: E402 - whoever reads the metadata sees the audit log
