"""a row version on every record people edit, and the audit log

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 21:40:00

Team mode: two recruiters may edit the same offer on a shared server. Each editable table gets `row_version`,
which every save bumps and every UPDATE checks, so a save made over a newer one is refused instead of silently
overwriting it. `audit_log` records who changed what and when.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED_TABLES = (
    "roles", "pay_bands", "candidates", "saved_views", "preclose_profiles", "competing_offers", "offers",
    "offer_versions", "letter_templates", "scripts", "objections", "follow_ups", "app_meta",
)  # fmt: skip


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        op.add_column(table, sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"))
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_key", sa.String(200), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=True),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_offer_id", "audit_log", ["offer_id"])
    op.create_index("ix_audit_log_candidate_id", "audit_log", ["candidate_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_candidate_id", table_name="audit_log")
    op.drop_index("ix_audit_log_offer_id", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("row_version")
