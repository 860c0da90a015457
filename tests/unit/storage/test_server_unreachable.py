"""A team server that cannot be reached is said in a sentence naming it; one that dropped a connection is no error."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import text

from offerdesk.errors import ServerUnreachable
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.db import Database
from tests.postgres import TemplateDatabases

DROP_OTHERS = text(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid()"
)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_server_that_does_not_answer_is_named_host_port_and_database() -> None:
    port = _closed_port()
    database = Database(f"postgresql://ana@127.0.0.1:{port}/team")
    try:
        with pytest.raises(ServerUnreachable) as raised, database.transaction() as session:
            session.execute(text("SELECT 1"))
    finally:
        database.dispose()
    assert str(raised.value).startswith(f"Cannot reach the database server 127.0.0.1:{port}/team (")
    assert raised.value.server == f"127.0.0.1:{port}/team"


def test_a_connection_the_server_dropped_is_replaced_without_an_error(
    tmp_path: Path, postgres_templates: TemplateDatabases
) -> None:
    services, _ = open_services(resolve_paths(tmp_path / "data"), postgres_templates.copy(seeded=False))
    try:
        with services.database.transaction() as session:
            session.execute(text("SELECT 1"))
        admin = Database(services.database.url)  # another connection than the pool's
        with admin.transaction() as other:
            dropped = other.execute(DROP_OTHERS).all()
        admin.dispose()
        assert dropped  # the window's idle connection is gone
        with services.database.transaction() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
    finally:
        services.close()
