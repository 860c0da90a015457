"""practice drills the coach schedules, whose practice a result is, and letters prepared as an email draft

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:30:00

The coach schedules drills on the objections a recruiter loses on most (`practice_drills`); practice results carry
the recruiter so a team's server keeps each person's practice apart. A letter export records the .eml draft it
was attached to and the address, so the offer shows that the letter was prepared for sending.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("practice_results", sa.Column("recruiter", sa.String(200), nullable=False, server_default=""))
    op.create_table(
        "practice_drills",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("objection_code", sa.String(32), nullable=False),
        sa.Column("recruiter", sa.String(200), nullable=False, server_default=""),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("practice_result_id", sa.Integer(), sa.ForeignKey("practice_results.id", ondelete="SET NULL")),
    )
    op.create_index("ix_practice_drills_objection_code", "practice_drills", ["objection_code"])
    op.create_index("ix_practice_drills_due_on", "practice_drills", ["due_on"])
    op.add_column("letter_exports", sa.Column("email_path", sa.String(1000), nullable=False, server_default=""))
    op.add_column("letter_exports", sa.Column("email_to", sa.String(320), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("letter_exports") as batch:
        batch.drop_column("email_to")
        batch.drop_column("email_path")
    op.drop_index("ix_practice_drills_due_on", table_name="practice_drills")
    op.drop_index("ix_practice_drills_objection_code", table_name="practice_drills")
    op.drop_table("practice_drills")
    with op.batch_alter_table("practice_results") as batch:
        batch.drop_column("recruiter")
