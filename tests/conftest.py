"""Shared fixtures: every test gets its own data folder and a real SQLite database."""

from __future__ import annotations

import os
from collections.abc import Iterator
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

# The same examples on every run, so a run on CI tells the same story as the run before it; set
# HYPOTHESIS_PROFILE=explore to search afresh (new random examples each run, remembered when they fail).
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data")


@pytest.fixture
def services(paths: AppPaths) -> Iterator[Services]:
    """A new database with the demo data set, as a first run creates it."""
    opened, _report = open_services(paths)
    yield opened
    opened.close()


@pytest.fixture
def empty_services(paths: AppPaths) -> Iterator[Services]:
    opened, _report = open_services(paths, seed_demo_data=False)
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
