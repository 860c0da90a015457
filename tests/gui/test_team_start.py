"""Starting on a team database that cannot be used: a sentence naming the server, and the local database offered."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import create_engine, text

from offerdesk.paths import AppPaths
from offerdesk.storage.db import normalize_url, server_name
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.team_start import OPEN_LOCAL, QUIT, REFUSED_TITLE, TRY_AGAIN, UNREACHABLE_TITLE, open_for_window


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_server_is_named_and_the_local_database_opens_instead(
    paths: AppPaths, prompter: RecordingPrompter
) -> None:
    port = closed_port()
    prompter.actions = [OPEN_LOCAL]
    opened = open_for_window(paths, f"postgresql://ana@127.0.0.1:{port}/offerdesk", prompter)
    assert opened is not None
    services, _report, lock = opened
    try:
        kind, title, sentence = prompter.shown[0]
        assert (kind, title) == ("ask_action", UNREACHABLE_TITLE)
        assert f"127.0.0.1:{port}/offerdesk" in sentence
        assert prompter.options[0] == [OPEN_LOCAL, TRY_AGAIN, QUIT]
        assert services.database.is_sqlite
        assert services.database.url.endswith(paths.database_file.as_posix())
    finally:
        services.close()
        if lock is not None:
            lock.release()


def test_try_again_asks_again_and_quit_opens_nothing(paths: AppPaths, prompter: RecordingPrompter) -> None:
    prompter.actions = [TRY_AGAIN, None]  # None: the Quit button
    assert open_for_window(paths, f"postgresql://ana@127.0.0.1:{closed_port()}/offerdesk", prompter) is None
    assert [title for _kind, title, _text in prompter.shown] == [UNREACHABLE_TITLE, UNREACHABLE_TITLE]
    assert not paths.database_file.exists()


def _set_revision(url: str, revision: str) -> None:
    engine = create_engine(normalize_url(url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})
    engine.dispose()


@pytest.mark.parametrize(
    ("revision", "advice"), [("0004", "`offerdesk db upgrade`"), ("0099", "update OfferDesk")]
)  # fmt: skip
def test_an_older_or_newer_server_schema_is_refused_with_the_command_to_run(
    paths: AppPaths,
    prompter: RecordingPrompter,
    team_url: str,
    revision: str,
    advice: str,
) -> None:
    _set_revision(team_url, revision)
    prompter.actions = [OPEN_LOCAL]
    opened = open_for_window(paths, team_url, prompter)
    assert opened is not None
    services, _report, lock = opened
    try:
        kind, title, sentence = prompter.shown[0]
        assert (kind, title) == ("ask_action", REFUSED_TITLE)
        assert advice in sentence and revision in sentence
        assert prompter.options[0] == [OPEN_LOCAL, QUIT]
        assert services.database.is_sqlite
    finally:
        services.close()
        if lock is not None:
            lock.release()


def test_a_server_is_named_host_port_and_database() -> None:
    assert server_name("postgresql+psycopg://ana@db.example.com:6543/team?sslmode=verify-full") == (
        "db.example.com:6543/team"
    )
    assert server_name("postgresql+psycopg://ana@db.example.com/team") == "db.example.com:5432/team"
    assert server_name("postgresql://postgres@/t1?host=/tmp/pg&port=5999") == "/tmp/pg:5999/t1"
