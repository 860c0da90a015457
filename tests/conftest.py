"""Shared fixtures: every test gets its own data folder and a real SQLite database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("OFFERDESK_DATA_DIR", None)
os.environ.pop("OFFERDESK_DB_URL", None)
os.environ.pop("OFFERDESK_DB_PASSWORD", None)
os.environ.pop("OFFERDESK_BACKUP_KEY", None)

from hypothesis import settings

from offerdesk.paths import AppPaths, resolve_paths
from offerdesk.services.setup import secrets
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.services.setup.demo import demo_seeded_on
from tests.postgres import postgres_server, postgres_templates  # noqa: F401 - fixtures

# The same examples on every run, so a run on CI tells the same story as the run before it; set
# HYPOTHESIS_PROFILE=explore to search afresh (new random examples each run, remembered when they fail).
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data")


ENGINES = ("sqlite", "postgresql")
BOTH_ENGINES_UNDER = ("tests/unit/storage", "tests/unit/services")  # these suites run on both engines


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine", choices=(*ENGINES, "both"), default="both",
        help="the database engine(s) the storage and services suites run on (both by default)",
    )  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: tests a SQLite file's own behaviour (its -wal, lock, copy)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests of the storage and services suites that open the database through `db_url` run once per engine."""
    if "db_engine" not in metafunc.fixturenames:
        return
    where = Path(str(metafunc.definition.path)).as_posix()
    chosen = metafunc.config.getoption("--engine")
    engines = list(ENGINES) if chosen == "both" else [chosen]
    if not any(f"/{folder}/" in where for folder in BOTH_ENGINES_UNDER) or metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        return  # the SQLite file alone: no engine in the test's name
    metafunc.parametrize("db_engine", engines, indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


def _server_database(request: pytest.FixtureRequest, engine: str, *, seeded: bool) -> str | None:
    """None for the data folder's SQLite file; on the PostgreSQL engine, a new database on the test server."""
    if engine != "postgresql":
        return None
    return str(request.getfixturevalue("postgres_templates").copy(seeded=seeded))


@pytest.fixture
def db_url(request: pytest.FixtureRequest, db_engine: str) -> str | None:
    """The database `services` opens: None (the data folder's SQLite file) or a PostgreSQL database of its own."""
    return _server_database(request, db_engine, seeded=True)


@pytest.fixture
def empty_db_url(request: pytest.FixtureRequest, db_engine: str) -> str | None:
    return _server_database(request, db_engine, seeded=False)


@pytest.fixture
def services(paths: AppPaths, db_url: str | None) -> Iterator[Services]:
    """A new database with the demo data set, as a first run creates it."""
    opened, _report = open_services(paths, db_url)
    yield opened
    opened.close()


@pytest.fixture
def seeded_on(services: Services) -> date:
    """The day the demo set's dates count from: a test that reasons about them reads it, not the clock, so a run
    that crosses midnight (or reuses a database seeded earlier) still agrees with the data."""
    with services.database.transaction() as session:
        day = demo_seeded_on(session)
    assert day is not None, "the demo set records the day it was seeded on"
    return day


@pytest.fixture
def empty_services(paths: AppPaths, empty_db_url: str | None) -> Iterator[Services]:
    opened, _report = open_services(paths, empty_db_url, seed_demo_data=False)
    yield opened
    opened.close()


class MemoryKeyring(KeyringBackend):
    """A keychain in a dict: no test reads or writes the real one of the machine it runs on."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty keychain of its own, and a fresh notion of whether the keychain works."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    chain = secrets.use_keychain(secrets.Keychain())
    yield backend
    secrets.use_keychain(chain)
    keyring.set_keyring(MemoryKeyring())
