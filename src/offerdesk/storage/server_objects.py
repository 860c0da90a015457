"""What a PostgreSQL server holds besides the tables: the change notices, the audit triggers, the app roles.

Alembic builds the tables on both engines; these objects exist on a server only, are written to be installed again
(CREATE OR REPLACE), and are installed by every `offerdesk db upgrade`, so a server always has the current ones.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy import exc as sa_exc

from offerdesk.errors import NotPermitted
from offerdesk.storage import pg_audit, pg_notify, pg_roles
from offerdesk.storage.db import Database, describe_error


def install_server_objects(connection: Connection) -> None:
    """Install or replace them in the caller's transaction (a no-op on SQLite)."""
    if connection.dialect.name != "postgresql":
        return
    pg_notify.install(connection)
    pg_audit.install(connection)
    pg_roles.install(connection)


def reinstall(database: Database) -> bool:
    """Install them on a server whose schema is already current (`offerdesk db upgrade`); False on SQLite."""
    if database.is_sqlite:
        return False
    try:
        with database.engine.connect() as connection:
            if not connection.exec_driver_sql(_MAY_INSTALL).scalar():
                raise NotPermitted(
                    f"Only the owner of {database.display_name} may renew its triggers, roles and grants; run "
                    "`offerdesk db upgrade` as the login that owns the database."
                )
            install_server_objects(connection)
            connection.commit()
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
        raise describe_error(error, database.display_name, role=database.team_role()) from error
    return True


_MAY_INSTALL = (
    "SELECT pg_get_userbyid(datdba) = session_user OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) "
    "FROM pg_database WHERE datname = current_database()"
)
