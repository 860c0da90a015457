"""The write counter the quick start trusts: every write to any table moves it, whoever makes it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage import schema
from offerdesk.storage.data_version import read_data_version, trigger_name
from offerdesk.storage.tables import Base

pytestmark = pytest.mark.sqlite_only
FIXTURES = Path(__file__).parents[2] / "fixtures" / "schemas"


def _version(paths: AppPaths) -> int:
    found = read_data_version(paths.database_file)
    assert found is not None and found.revision == schema.SCHEMA_HEAD
    return found.version


def test_every_table_has_a_trigger_for_each_kind_of_write(services: Services) -> None:
    connection = sqlite3.connect(services.paths.database_file)
    try:
        triggers = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        connection.close()
    wanted = {trigger_name(t.name, op) for t in Base.metadata.sorted_tables for op in ("insert", "update", "delete")}
    assert wanted - triggers == set()


def test_a_save_in_the_app_moves_the_counter_and_a_read_does_not(services: Services) -> None:
    before = _version(services.paths)
    services.candidates.search("Aisha")
    assert _version(services.paths) == before
    candidate = services.candidates.search("Aisha")[0]
    services.candidate_records.archive(candidate.id)
    assert _version(services.paths) > before


def test_a_write_by_another_program_moves_the_counter_too(services: Services) -> None:
    before = _version(services.paths)
    connection = sqlite3.connect(services.paths.database_file)
    with connection:
        connection.execute("UPDATE candidates SET location = 'Lisbon' WHERE id = 1")
    connection.close()
    assert _version(services.paths) == before + 1


def test_an_older_database_gets_the_counter_when_it_is_upgraded(paths: AppPaths) -> None:
    paths.data_dir.mkdir(parents=True)
    shutil.copy(FIXTURES / "0005.sqlite", paths.database_file)
    assert read_data_version(paths.database_file) is None  # no counter yet: the start-up reads the database
    services, _report = open_services(paths)
    services.close()
    assert _version(paths) >= 0


def test_a_file_that_is_not_a_database_has_no_version(tmp_path: Path) -> None:
    junk = tmp_path / "offerdesk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    assert read_data_version(junk) is None
    assert read_data_version(tmp_path / "missing.sqlite") is None
