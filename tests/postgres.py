"""A private PostgreSQL server for the tests that need one: started in a temporary folder on a Unix socket.

Set OFFERDESK_TEST_POSTGRES_URL to use a server of your own instead. Where no PostgreSQL binaries are installed
the tests that need the server are skipped, saying so (.ci/run installs them, so CI runs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

URL_ENV = "OFFERDESK_TEST_POSTGRES_URL"


def _binaries() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: on a CI machine (root) run it as the `postgres` user."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A base URL (no database name) of a running server."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    binaries = _binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql); .ci/run installs it")
    folder = Path("/tmp") / f"offerdesk-pg-{uuid.uuid4().hex[:8]}"  # a socket path must stay short
    folder.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", 50000 + os.getpid() % 10000
    subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    options = f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off"
    subprocess.run(
        _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w",
                         "start"]),
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    try:
        yield f"postgresql://postgres@/?host={folder}&port={port}"
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True, timeout=60,
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database on the server for one test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    base = postgres_server.replace("postgresql://", "postgresql://", 1)
    host_part = base.split("/?", 1)
    with psycopg.connect(f"{host_part[0]}/postgres?{host_part[1]}", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{host_part[0]}/{name}?{host_part[1]}"


def _split(base: str) -> tuple[str, str]:
    head, query = base.split("/?", 1)
    return head, query


def server_admin(postgres_server: str) -> str:
    """The URL of the server's maintenance database, where databases are created and dropped."""
    head, query = _split(postgres_server)
    return f"{head}/postgres?{query}"


def database_url(postgres_server: str, name: str) -> str:
    head, query = _split(postgres_server)
    return f"{head}/{name}?{query}"


class TemplateDatabases:
    """Each test's PostgreSQL database is a copy of a prepared one (migrated, and seeded or not): copying a
    template takes a fraction of the time that migrating and seeding a new database takes."""

    def __init__(self, server: str, folder: Path) -> None:
        self.server = server
        self.folder = folder
        self._made: set[bool] = set()

    def _template_name(self, seeded: bool) -> str:
        return "tpl_demo" if seeded else "tpl_empty"

    def _prepare(self, seeded: bool) -> None:
        if seeded in self._made:
            return
        import psycopg

        from offerdesk.paths import resolve_paths
        from offerdesk.services.setup.bootstrap import open_services

        name = self._template_name(seeded)
        with psycopg.connect(server_admin(self.server), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        opened, _ = open_services(
            resolve_paths(self.folder / name), database_url(self.server, name), seed_demo_data=seeded,
            upgrade_server=True,
        )  # fmt: skip
        opened.close()
        self._made.add(seeded)

    def copy(self, *, seeded: bool) -> str:
        """A new database, a copy of the prepared one; its URL."""
        import psycopg

        self._prepare(seeded)
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(server_admin(self.server), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template_name(seeded)}"')
        return database_url(self.server, name)


@pytest.fixture(scope="session")
def postgres_templates(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> TemplateDatabases:
    return TemplateDatabases(postgres_server, tmp_path_factory.mktemp("pg-templates"))
