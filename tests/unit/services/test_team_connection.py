"""The team database a person chose: its URL (TLS mode in the query), the remembered choice, and the check."""

from __future__ import annotations

import pytest

from offerdesk.paths import AppPaths
from offerdesk.services.setup import team_connection
from offerdesk.services.setup.team_connection import Finding, TeamServer, check


def test_the_url_carries_the_tls_mode_and_no_password() -> None:
    remote = TeamServer("db.example.com", "offerdesk", "ana", 6543)
    assert remote.url == "postgresql+psycopg://ana@db.example.com:6543/offerdesk?sslmode=verify-full"
    assert TeamServer("localhost", "offerdesk", "ana").url.endswith("?sslmode=prefer")
    socket = TeamServer("/var/run/postgresql", "offerdesk", "ana", 5433)
    assert TeamServer.from_url(socket.url) == TeamServer("/var/run/postgresql", "offerdesk", "ana", 5433, "prefer")
    assert TeamServer.from_url(remote.url) == TeamServer("db.example.com", "offerdesk", "ana", 6543, "verify-full")


def test_the_choice_is_remembered_without_its_password(paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OFFERDESK_DB_URL", raising=False)
    assert team_connection.start_url(paths, None) is None
    team_connection.remember(paths, "postgresql+psycopg://ana:Secret-1@db.example.com/offerdesk?sslmode=require")
    assert team_connection.remembered_url(paths) == "postgresql+psycopg://ana@db.example.com/offerdesk?sslmode=require"
    assert not [path for path in paths.config_dir.rglob("*") if path.is_file() and b"Secret-1" in path.read_bytes()]
    assert team_connection.start_url(paths, "sqlite:///elsewhere.sqlite") == "sqlite:///elsewhere.sqlite"
    monkeypatch.setenv("OFFERDESK_DB_URL", "postgresql://bo@other/db")
    assert team_connection.start_url(paths, None) == "postgresql://bo@other/db"
    team_connection.forget(paths)
    assert team_connection.remembered_url(paths) is None


def test_a_host_name_nobody_knows_is_said_as_such() -> None:
    found = check(TeamServer("no-such-server.invalid", "offerdesk", "ana", tls="disable"), None)
    assert found.finding is Finding.UNREACHABLE
    assert "no computer of the name no-such-server.invalid was found" in found.sentence


def test_missing_details_and_a_bad_port_are_named() -> None:
    assert TeamServer("", "", "ana", 0).problems() == [
        "Give the host and database of the team database.",
        "The port 0 is not a port number (1–65535; PostgreSQL uses 5432).",
    ]
