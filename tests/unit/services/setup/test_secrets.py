"""Secrets live in the keychain under "OfferDesk"; a keychain that fails is said once and the app goes on."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.secrets import SERVICE, Keychain
from offerdesk.services.setup.team_password import TeamPassword, without_password
from tests.conftest import MemoryKeyring
from tests.keyrings import LockedKeyring
from tests.postgres import postgres_server, postgres_url  # noqa: F401 - fixtures

PASSWORD = "Tr0ub4dor-and-3"


def with_password(url: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@", 1)


def test_a_secret_is_kept_under_offerdesk_in_the_keychain(memory_keyring: MemoryKeyring) -> None:
    chain = Keychain()
    assert chain.set("backup-key", "s3cret")
    assert memory_keyring.entries == {(SERVICE, "backup-key"): "s3cret"}
    assert Keychain().get("backup-key") == "s3cret"
    chain.delete("backup-key")
    chain.delete("backup-key")  # deleting what is not there is no error
    assert chain.get("backup-key") is None and memory_keyring.entries == {}


@pytest.mark.parametrize("backend", [LockedKeyring(), fail.Keyring()], ids=["locked", "none installed"])
def test_a_failing_keychain_is_said_once_and_a_secret_is_kept_for_this_run_only(backend: object) -> None:
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    told: list[str] = []
    chain = Keychain(ask=lambda _title, _label: None, notify=told.append)
    assert not chain.set("database x", "pw")
    assert chain.get("database x") == "pw"  # typed once, asked no more in this run
    assert chain.get("backup-key") is None
    chain.set("backup-key", "k")
    chain.delete("other")
    assert len(told) == 1
    assert "will not remember the team database password or the backup key" in told[0]
    assert told[0].count(".") == 1 and "pw" not in told[0]  # one sentence, naming no secret


def test_a_password_in_the_db_url_moves_to_the_keychain_and_connections_use_it(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    postgres_url: str,  # noqa: F811
) -> None:
    services, _ = open_services(resolve_paths(tmp_path / "pg"), with_password(postgres_url), seed_demo_data=False)
    try:
        assert PASSWORD not in services.database.url and PASSWORD not in services.database.display_name
        assert list(memory_keyring.entries.values()) == [PASSWORD]
        raw = services.database.engine.raw_connection()
        try:
            assert raw.driver_connection.info.password == PASSWORD  # type: ignore[union-attr]
        finally:
            raw.close()
    finally:
        services.close()
    again, _ = open_services(resolve_paths(tmp_path / "pg"), postgres_url, seed_demo_data=False)  # no password
    try:
        raw = again.database.engine.raw_connection()
        try:
            assert raw.driver_connection.info.password == PASSWORD  # type: ignore[union-attr]
        finally:
            raw.close()
    finally:
        again.close()


def test_a_refused_password_is_asked_for_and_kept_once_the_server_takes_it(memory_keyring: MemoryKeyring) -> None:
    asked: list[str] = []

    def ask(title: str, label: str) -> str | None:
        asked.append(label)
        return "typed-password"

    chain = Keychain(ask=ask, notify=lambda _sentence: None)
    bare, source = without_password("postgresql+psycopg://hr@db.example/offers", chain)
    assert isinstance(source, TeamPassword) and bare == "postgresql+psycopg://hr@db.example/offers"
    assert source.password(refused=False) is None and asked == []
    assert source.password(refused=True) == "typed-password"
    assert asked == ["Password of the database hr on db.example"]
    source.accepted("typed-password")
    assert memory_keyring.entries == {(SERVICE, f"database {bare}"): "typed-password"}


def test_the_environment_gives_a_script_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFERDESK_DB_PASSWORD", "from-env")
    _bare, source = without_password("postgresql+psycopg://hr@db.example/offers")
    assert source is not None and source.password(refused=False) == "from-env"
