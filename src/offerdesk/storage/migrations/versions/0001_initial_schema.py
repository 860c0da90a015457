"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 20:48:12.719690
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "letter_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column(
            "offer_type",
            sa.Enum(
                "verbal",
                "written",
                "conditional",
                "revised",
                "internal",
                "contract",
                name="offertype",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("locale", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_letter_templates_name")),
    )
    op.create_table(
        "objections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("says", sa.JSON(), nullable=False),
        sa.Column("probe", sa.JSON(), nullable=False),
        sa.Column("levers", sa.JSON(), nullable=False),
        sa.Column("avoid", sa.JSON(), nullable=False),
        sa.Column("talk_track", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("shipped_version", sa.Integer(), nullable=True),
        sa.Column("shipped_hash", sa.String(length=64), nullable=False),
        sa.Column("user_modified", sa.Boolean(), nullable=False),
        sa.Column("favourite", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objections")),
        sa.UniqueConstraint("code", name=op.f("uq_objections_code")),
    )
    op.create_table(
        "practice_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("objection_code", sa.String(length=32), nullable=False),
        sa.Column("practiced_at", sa.DateTime(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("probed", sa.Boolean(), nullable=False),
        sa.Column("used_lever", sa.Boolean(), nullable=False),
        sa.Column("asked_again", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_results")),
    )
    with op.batch_alter_table("practice_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_results_objection_code"), ["objection_code"], unique=False)

    op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=50), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("hiring_manager", sa.String(length=200), nullable=False),
        sa.Column("recruiter", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
    )
    op.create_table(
        "scripts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column(
            "offer_type",
            sa.Enum(
                "verbal",
                "written",
                "conditional",
                "revised",
                "internal",
                "contract",
                name="offertype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("shipped_version", sa.Integer(), nullable=True),
        sa.Column("shipped_hash", sa.String(length=64), nullable=False),
        sa.Column("user_modified", sa.Boolean(), nullable=False),
        sa.Column("favourite", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scripts")),
        sa.UniqueConstraint("key", name=op.f("uq_scripts_key")),
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "screening",
                "interviewing",
                "final_round",
                "offer",
                "hired",
                "declined",
                "withdrawn",
                name="stage",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("recruiter", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["role_id"], ["roles.id"], name=op.f("fk_candidates_role_id_roles"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
    )
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidates_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_external_id"), ["external_id"], unique=False)
        batch_op.create_index("ix_candidates_name", ["last_name", "first_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_role_id"), ["role_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_stage"), ["stage"], unique=False)

    op.create_index(
        "ix_candidates_sort_name",
        "candidates",
        [sa.text("lower(last_name)"), sa.text("lower(first_name)"), "id"],
        unique=False,
    )
    op.create_table(
        "pay_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column(
            "unit",
            sa.Enum("year", "month", "day", "hour", "once", name="payunit", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("min_minor", sa.Integer(), nullable=False),
        sa.Column("mid_minor", sa.Integer(), nullable=False),
        sa.Column("max_minor", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["role_id"], ["roles.id"], name=op.f("fk_pay_bands_role_id_roles"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_bands")),
    )
    with op.batch_alter_table("pay_bands", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pay_bands_role_id"), ["role_id"], unique=False)

    op.create_table(
        "competing_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=100), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("base_minor", sa.Integer(), nullable=True),
        sa.Column("bonus_minor", sa.Integer(), nullable=True),
        sa.Column("equity_annual_minor", sa.Integer(), nullable=True),
        sa.Column("sign_on_minor", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_competing_offers_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competing_offers")),
    )
    with op.batch_alter_table("competing_offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_competing_offers_candidate_id"), ["candidate_id"], unique=False)

    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("parent_offer_id", sa.Integer(), nullable=True),
        sa.Column(
            "offer_type",
            sa.Enum(
                "verbal",
                "written",
                "conditional",
                "revised",
                "internal",
                "contract",
                name="offertype",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "approved",
                "verbal_extended",
                "letter_sent",
                "verbally_accepted",
                "signed",
                "declined",
                "expired",
                "rescinded",
                "reneged",
                "started",
                name="offerstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("status_changed_at", sa.DateTime(), nullable=False),
        sa.Column("locale", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("jurisdiction_pack", sa.String(length=50), nullable=False),
        sa.Column("recruiter", sa.String(length=200), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("extended_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decision_reason", sa.String(length=32), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_offers_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_offer_id"],
            ["offers.id"],
            name=op.f("fk_offers_parent_offer_id_offers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["role_id"], ["roles.id"], name=op.f("fk_offers_role_id_roles"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offers_role_id"), ["role_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offers_status"), ["status"], unique=False)

    op.create_table(
        "preclose_profiles",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("motivators", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("decision_makers", sa.Text(), nullable=False),
        sa.Column("timeline", sa.Text(), nullable=False),
        sa.Column("decision_deadline", sa.Date(), nullable=True),
        sa.Column("notice_period_days", sa.Integer(), nullable=True),
        sa.Column("expected_pay_minor", sa.Integer(), nullable=True),
        sa.Column("expected_pay_currency", sa.String(length=3), nullable=False),
        sa.Column(
            "counteroffer_risk",
            sa.Enum("unknown", "low", "medium", "high", name="counterofferrisk", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("readiness", sa.Integer(), nullable=True),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_preclose_profiles_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", name=op.f("pk_preclose_profiles")),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("approver_name", sa.String(length=200), nullable=False),
        sa.Column("approver_role", sa.String(length=200), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_approvals_offer_id_offers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approvals_offer_id"), ["offer_id"], unique=False)

    op.create_table(
        "call_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("script_id", sa.Integer(), nullable=True),
        sa.Column("script_revision", sa.Integer(), nullable=True),
        sa.Column(
            "ask_style",
            sa.Enum(
                "direct",
                "summary_direct",
                "conditional",
                "assumptive",
                "alternative",
                "timeline",
                name="askstyle",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "outcome",
            sa.Enum("yes", "need_time", "counter", "no", name="calloutcome", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("recruiter", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_call_logs_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_call_logs_offer_id_offers"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["script_id"], ["scripts.id"], name=op.f("fk_call_logs_script_id_scripts"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_logs")),
    )
    with op.batch_alter_table("call_logs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_logs_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_logs_offer_id"), ["offer_id"], unique=False)

    op.create_table(
        "contingencies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_contingencies_offer_id_offers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contingencies")),
    )
    with op.batch_alter_table("contingencies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contingencies_offer_id"), ["offer_id"], unique=False)

    op.create_table(
        "letter_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("template_name", sa.String(length=200), nullable=False),
        sa.Column("docx_path", sa.String(length=1000), nullable=False),
        sa.Column("pdf_path", sa.String(length=1000), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_letter_exports_offer_id_offers"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["letter_templates.id"],
            name=op.f("fk_letter_exports_template_id_letter_templates"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_exports")),
    )
    with op.batch_alter_table("letter_exports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_exports_offer_id"), ["offer_id"], unique=False)

    op.create_table(
        "offer_status_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "draft",
                "approved",
                "verbal_extended",
                "letter_sent",
                "verbally_accepted",
                "signed",
                "declined",
                "expired",
                "rescinded",
                "reneged",
                "started",
                name="offerstatus",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "draft",
                "approved",
                "verbal_extended",
                "letter_sent",
                "verbally_accepted",
                "signed",
                "declined",
                "expired",
                "rescinded",
                "reneged",
                "started",
                name="offerstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["offers.id"],
            name=op.f("fk_offer_status_events_offer_id_offers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_status_events")),
    )
    with op.batch_alter_table("offer_status_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_status_events_offer_id"), ["offer_id"], unique=False)

    op.create_table(
        "offer_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("reason_code", sa.String(length=32), nullable=False),
        sa.Column("reason_text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=50), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("reports_to", sa.String(length=200), nullable=False),
        sa.Column("employment_type", sa.String(length=50), nullable=False),
        sa.Column("exempt", sa.Boolean(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("remote_days", sa.Integer(), nullable=True),
        sa.Column("probation_months", sa.Integer(), nullable=True),
        sa.Column("pay_frequency", sa.String(length=20), nullable=False),
        sa.Column("benefits_note", sa.Text(), nullable=False),
        sa.Column("pto_note", sa.Text(), nullable=False),
        sa.Column("required_agreements", sa.JSON(), nullable=False),
        sa.Column("conversion_terms", sa.Text(), nullable=False),
        sa.Column("prior_terms", sa.Text(), nullable=False),
        sa.Column("delivered_by", sa.String(length=200), nullable=False),
        sa.Column("signed_file", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_offer_versions_offer_id_offers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_versions")),
    )
    with op.batch_alter_table("offer_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_versions_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index("uq_offer_versions_offer_number", ["offer_id", "number"], unique=True)

    op.create_table(
        "call_objections",
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["call_logs.id"],
            name=op.f("fk_call_objections_call_id_call_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("call_id", "code", name=op.f("pk_call_objections")),
    )
    op.create_table(
        "equity_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("strike_minor", sa.Integer(), nullable=True),
        sa.Column("assumed_value_minor", sa.Integer(), nullable=True),
        sa.Column("vesting_start", sa.Date(), nullable=True),
        sa.Column("vesting_months", sa.Integer(), nullable=False),
        sa.Column("cliff_months", sa.Integer(), nullable=False),
        sa.Column("exercise_window_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["offer_versions.id"],
            name=op.f("fk_equity_grants_version_id_offer_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equity_grants")),
    )
    with op.batch_alter_table("equity_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equity_grants_version_id"), ["version_id"], unique=False)

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["call_id"], ["call_logs.id"], name=op.f("fk_follow_ups_call_id_call_logs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name=op.f("fk_follow_ups_candidate_id_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_follow_ups_offer_id_offers"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_ups_due_on"), ["due_on"], unique=False)

    op.create_table(
        "offer_components",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "base",
                "bonus",
                "commission",
                "sign_on",
                "relocation",
                "allowance",
                "other",
                name="componentkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "unit",
            sa.Enum("year", "month", "day", "hour", "once", name="payunit", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("percent_bp", sa.Integer(), nullable=True),
        sa.Column("clawback_months", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["offer_versions.id"],
            name=op.f("fk_offer_components_version_id_offer_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_components")),
    )
    with op.batch_alter_table("offer_components", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offer_components_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("offer_components", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_components_version_id"))

    op.drop_table("offer_components")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_ups_due_on"))
        batch_op.drop_index(batch_op.f("ix_follow_ups_candidate_id"))

    op.drop_table("follow_ups")
    with op.batch_alter_table("equity_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equity_grants_version_id"))

    op.drop_table("equity_grants")
    op.drop_table("call_objections")
    with op.batch_alter_table("offer_versions", schema=None) as batch_op:
        batch_op.drop_index("uq_offer_versions_offer_number")
        batch_op.drop_index(batch_op.f("ix_offer_versions_offer_id"))

    op.drop_table("offer_versions")
    with op.batch_alter_table("offer_status_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offer_status_events_offer_id"))

    op.drop_table("offer_status_events")
    with op.batch_alter_table("letter_exports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_exports_offer_id"))

    op.drop_table("letter_exports")
    with op.batch_alter_table("contingencies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contingencies_offer_id"))

    op.drop_table("contingencies")
    with op.batch_alter_table("call_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_logs_offer_id"))
        batch_op.drop_index(batch_op.f("ix_call_logs_candidate_id"))

    op.drop_table("call_logs")
    with op.batch_alter_table("approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approvals_offer_id"))

    op.drop_table("approvals")
    op.drop_table("preclose_profiles")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_status"))
        batch_op.drop_index(batch_op.f("ix_offers_role_id"))
        batch_op.drop_index(batch_op.f("ix_offers_candidate_id"))

    op.drop_table("offers")
    with op.batch_alter_table("competing_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competing_offers_candidate_id"))

    op.drop_table("competing_offers")
    with op.batch_alter_table("pay_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pay_bands_role_id"))

    op.drop_table("pay_bands")
    op.drop_index("ix_candidates_sort_name", table_name="candidates")
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidates_stage"))
        batch_op.drop_index(batch_op.f("ix_candidates_role_id"))
        batch_op.drop_index("ix_candidates_name")
        batch_op.drop_index(batch_op.f("ix_candidates_external_id"))
        batch_op.drop_index(batch_op.f("ix_candidates_email"))

    op.drop_table("candidates")
    op.drop_table("scripts")
    op.drop_table("roles")
    with op.batch_alter_table("practice_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_results_objection_code"))

    op.drop_table("practice_results")
    op.drop_table("objections")
    op.drop_table("letter_templates")
    op.drop_table("app_meta")
