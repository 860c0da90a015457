"""candidate records: several emails and phones, tags, links, consent and retention, archive, stage history,
saved views, import mappings, and the search index

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 11:00:00

`search_text` holds the folded text the search reads; existing rows are filled here with the same folding the app
uses, then storage.search builds the FTS5 (SQLite) or pg_trgm (PostgreSQL) index over it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from offerdesk.domain.candidate_record import search_text
from offerdesk.storage.search import ensure_search_index

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT_COLUMNS = ("extra_emails", "extra_phones", "links", "tags", "search_text")


def upgrade() -> None:
    for name in _TEXT_COLUMNS:
        op.add_column("candidates", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    op.add_column("candidates", sa.Column("consent_given_on", sa.Date(), nullable=True))
    op.add_column("candidates", sa.Column("retain_until", sa.Date(), nullable=True))
    op.add_column("candidates", sa.Column("archived_at", sa.DateTime(), nullable=True))
    op.create_index("ix_candidates_archived_at", "candidates", ["archived_at"])
    op.create_table(
        "candidate_stage_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(32), nullable=True),
        sa.Column("to_stage", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidates.id"],
            name="fk_candidate_stage_events_candidate_id_candidates",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_candidate_stage_events"),
    )
    op.create_index("ix_candidate_stage_events_candidate_id", "candidate_stage_events", ["candidate_id"])
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_saved_views"),
        sa.UniqueConstraint("name", name="uq_saved_views_name"),
    )
    op.create_table(
        "import_mappings",
        sa.Column("header_key", sa.String(64), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("header_key", name="pk_import_mappings"),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, first_name, last_name, email, location, notes, external_id FROM candidates")
    ).fetchall()
    if rows:
        connection.execute(
            sa.text("UPDATE candidates SET search_text = :text WHERE id = :id"),
            [{"id": row[0], "text": search_text(row[1], row[2], [row[3]], row[4], [], row[5], row[6])} for row in rows],
        )
    ensure_search_index(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for trigger in ("candidates_fts_insert", "candidates_fts_delete", "candidates_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS candidates_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_candidates_search_trgm")
    op.drop_table("import_mappings")
    op.drop_table("saved_views")
    op.drop_index("ix_candidate_stage_events_candidate_id", "candidate_stage_events")
    op.drop_table("candidate_stage_events")
    op.drop_index("ix_candidates_archived_at", "candidates")
    with op.batch_alter_table("candidates") as batch:
        for name in (*_TEXT_COLUMNS, "consent_given_on", "retain_until", "archived_at"):
            batch.drop_column(name)
