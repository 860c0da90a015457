"""Schema revision checks and upgrades.

Start-up reads the revision straight from `alembic_version` and compares it with SCHEMA_HEAD, so a current
database never pays for importing Alembic. Upgrades back up a SQLite file first, and run on a connection whose
foreign keys were switched off before the migration transaction began: SQLite batch mode rebuilds tables, and
with foreign keys on, rebuilding a parent table deletes its children through ON DELETE CASCADE.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.schema import CreateIndex

from offerdesk.errors import DatabaseError
from offerdesk.storage.backup import backup_sqlite
from offerdesk.storage.data_version import ensure_data_version
from offerdesk.storage.db import READ_ONLY, Database, describe_error, make_engine, sqlite_file
from offerdesk.storage.revision import SCHEMA_HEAD as SCHEMA_HEAD
from offerdesk.storage.search import ensure_search_index
from offerdesk.storage.server_objects import install_server_objects
from offerdesk.storage.tables import EXPRESSION_INDEXES

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaState(Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OUTDATED = "outdated"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    revision: str | None


def _read_revision(connection: Connection) -> tuple[bool, str | None]:
    names = set(inspect(connection).get_table_names())
    if "alembic_version" not in names:
        return bool(names), None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return True, (str(row[0]) if row else None)


def schema_status(database: Database) -> SchemaStatus:
    """Classify the database; refuse foreign or newer ones with a sentence, without writing anything."""
    try:
        with database.engine.connect() as connection:
            connection.execution_options(**{READ_ONLY: True})  # only looks: waits for no writer
            has_tables, revision = _read_revision(connection)
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
        raise describe_error(error, database.display_name) from error
    if not has_tables:
        return SchemaStatus(SchemaState.EMPTY, None)
    if revision is None:
        raise DatabaseError(
            f"{database.display_name} is a database of another program, not OfferDesk's; it was left unchanged."
        )
    if revision == SCHEMA_HEAD:
        return SchemaStatus(SchemaState.CURRENT, revision)
    if revision not in known_revisions():
        raise DatabaseError(
            f"{database.display_name} was written by a newer OfferDesk (schema {revision}); "
            "update OfferDesk to open it."
        )
    return SchemaStatus(SchemaState.OUTDATED, revision)


def _alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(database: Database, backup_dir: Path | None) -> Path | None:
    """Bring the schema to SCHEMA_HEAD; returns the backup made first, if any."""
    from alembic import command

    status = schema_status(database)
    if status.state is SchemaState.CURRENT:
        return None
    backup = None
    path = sqlite_file(database.url)
    if status.state is SchemaState.OUTDATED and path is not None and backup_dir is not None:
        backup = backup_sqlite(path, backup_dir, f"schema-{status.revision}")
    engine = make_engine(database.url, foreign_keys=False, pooled=False, password=database.password)
    try:
        with engine.connect() as connection:
            command.upgrade(_alembic_config(connection), "head")
            for index in EXPRESSION_INDEXES:
                connection.execute(CreateIndex(index, if_not_exists=True))
            ensure_search_index(connection)
            ensure_data_version(connection)
            install_server_objects(connection)
            connection.commit()
            if engine.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"The schema upgrade of {database.display_name} left {len(broken)} broken references; "
                        f"restore the backup {backup} and report this."
                    )
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
        raise describe_error(error, database.display_name) from error
    finally:
        engine.dispose()
    return backup


def current_revision(database: Database) -> str | None:
    return schema_status(database).revision
