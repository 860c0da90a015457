"""a write counter, so the start-up can trust the first page the last session left

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 06:00:00

On a SQLite file, `data_version` holds one number that a trigger on every table bumps on each insert, update and
delete, whoever writes (the window, the command line, a script). The start-up compares it with the number stored
beside the last session's first page and paints that page at once when nothing changed. The triggers themselves
are put in by storage.data_version.ensure_data_version after every upgrade (a table rebuilt by a later migration
loses its triggers). `first_page` keeps that page with the number it was read at, and has no trigger. A PostgreSQL
server gets neither: the quick start reads the laptop's own file only.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)")
    op.execute("INSERT INTO data_version (id, version) VALUES (1, 0)")
    op.execute(
        "CREATE TABLE first_page (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, page TEXT NOT NULL)"
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    triggers = bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'data\\_version\\_%' ESCAPE '\\'"
    ).fetchall()
    for (name,) in triggers:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE first_page")
    op.execute("DROP TABLE data_version")
