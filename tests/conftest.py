"""Shared fixtures: every test gets its own data folder and a real SQLite database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("OFFERDESK_DATA_DIR", None)
os.environ.pop("OFFERDESK_DB_URL", None)

from hypothesis import settings

from offerdesk.paths import AppPaths, resolve_paths
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
