"""What a PostgreSQL server holds besides the tables: the change notices, the audit triggers, the app roles.

Alembic builds the tables on both engines; these objects exist on a server only, are written to be installed again
(CREATE OR REPLACE), and are installed by every `offerdesk db upgrade`, so a server always has the current ones.
"""

from __future__ import annotations

from sqlalchemy import Connection

from offerdesk.storage import pg_audit, pg_notify, pg_roles


def install_server_objects(connection: Connection) -> None:
    """Install or replace them in the caller's transaction (a no-op on SQLite)."""
    if connection.dialect.name != "postgresql":
        return
    pg_notify.install(connection)
    pg_audit.install(connection)
    pg_roles.install(connection)
