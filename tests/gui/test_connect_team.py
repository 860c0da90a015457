"""File → Connect to Team Database: the dialog's defaults, its connection test, the keychain, and the switch."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offerdesk.paths import AppPaths
from offerdesk.services.setup import team_connection
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.team_connection import TeamServer
from offerdesk.ui.dialogs.connect_team import ConnectTeamDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.team_menu import open_connect_dialog
from offerdesk.ui.window_switch import WindowSwitcher
from tests.conftest import MemoryKeyring

DEADLINE_MS = 15_000


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fill(dialog: ConnectTeamDialog, server: TeamServer, password: str = "") -> None:
    dialog.host.setText(server.host)
    dialog.port.setValue(server.port)
    dialog.database.setText(server.database)
    dialog.user.setText(server.user)
    dialog.password.setText(password)


@pytest.fixture
def dialog(qtbot: QtBot) -> ConnectTeamDialog:
    made = ConnectTeamDialog(lambda _url: False)
    qtbot.addWidget(made)
    return made


@pytest.fixture
def switcher(qtbot: QtBot, paths: AppPaths, prompter: RecordingPrompter) -> Iterator[WindowSwitcher]:
    """A window on the local database, built the way the app builds it."""
    services, report = open_services(paths)
    made = WindowSwitcher(paths, prompter)
    window = made.show(services, report)
    qtbot.waitExposed(window)
    yield made
    if made.window is not None:
        made.window.close()
    if made.services is not None:
        made.services.close()
    QApplication.processEvents()


def test_tls_is_verify_full_for_a_remote_host_and_prefer_on_this_computer(dialog: ConnectTeamDialog) -> None:
    dialog.host.setText("db.example.com")
    assert dialog.tls.currentText() == "verify-full"
    for local in ("localhost", "127.0.0.1", "::1", "/var/run/postgresql"):
        dialog.host.setText(local)
        assert dialog.tls.currentText() == "prefer", local
    assert dialog.port.value() == 5432


def test_a_tls_mode_the_user_picked_stays_when_the_host_changes(dialog: ConnectTeamDialog) -> None:
    dialog.host.setText("db.example.com")
    dialog.tls.setCurrentText("require")
    dialog.tls.activated.emit(dialog.tls.currentIndex())  # as a click on the list does
    dialog.host.setText("localhost")
    assert dialog.tls.currentText() == "require"
    assert "sslmode=require" in dialog.server().url


def test_the_test_says_connected_on_the_team_server(qtbot: QtBot, dialog: ConnectTeamDialog, team_url: str) -> None:
    fill(dialog, TeamServer.from_url(team_url))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.last_check is not None, timeout=DEADLINE_MS)
    assert dialog.outcome.text().startswith("Connected to ")
    assert "this version" in dialog.outcome.text()


def test_the_test_names_host_and_port_when_nothing_answers(qtbot: QtBot, dialog: ConnectTeamDialog) -> None:
    port = closed_port()
    fill(dialog, TeamServer("127.0.0.1", "offerdesk", "ana", port))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.last_check is not None, timeout=DEADLINE_MS)
    assert f"Cannot reach the server 127.0.0.1:{port}" in dialog.outcome.text()


def test_missing_fields_are_said_before_anything_connects(dialog: ConnectTeamDialog) -> None:
    dialog.test_button.click()
    assert dialog.outcome.text() == "Give the host, database and user of the team database."
    assert dialog.last_check is None


def test_connect_moves_the_window_to_the_server_and_keeps_the_password_in_the_keychain_only(
    qtbot: QtBot,
    switcher: WindowSwitcher,
    paths: AppPaths,
    team_url: str,
    memory_keyring: MemoryKeyring,
) -> None:
    first = switcher.window
    assert first is not None and first.services.database.is_sqlite
    dialog = open_connect_dialog(first)
    fill(dialog, TeamServer.from_url(team_url), password="pw-Zebra-42")
    dialog.connect_button.click()
    window = switcher.window
    assert window is not None and window is not first
    assert not window.services.database.is_sqlite
    assert window.services.database.url.startswith("postgresql+psycopg://postgres@")
    assert "pw-Zebra-42" in memory_keyring.entries.values()
    files = [path for path in paths.config_dir.rglob("*") if path.is_file()]
    assert files and not [path for path in files if b"pw-Zebra-42" in path.read_bytes()]
    assert team_connection.remembered_url(paths) == window.services.database.url
    assert window.menu_actions.use_local.isEnabled()
    window.menu_actions.use_local.trigger()
    back = switcher.window
    assert back is not None and back is not window and back.services.database.is_sqlite
    assert team_connection.remembered_url(paths) is None


def test_a_connect_that_fails_leaves_the_window_where_it_was(
    switcher: WindowSwitcher, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    first = switcher.window
    assert first is not None
    dialog = open_connect_dialog(first)
    port = closed_port()
    fill(dialog, TeamServer("127.0.0.1", "offerdesk", "ana", port))
    dialog.connect_button.click()
    assert switcher.window is first
    assert dialog.isVisible()
    assert prompter.shown[-1][0] == "error"
    assert f"127.0.0.1:{port}/offerdesk" in prompter.shown[-1][2]


def test_an_empty_database_of_ones_own_is_set_up_without_demo_records(
    qtbot: QtBot, switcher: WindowSwitcher, postgres_url: str
) -> None:
    first = switcher.window
    assert first is not None
    dialog = open_connect_dialog(first)
    fill(dialog, TeamServer.from_url(postgres_url))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.last_check is not None, timeout=DEADLINE_MS)
    assert "the database is empty, and yours; Connect sets it up for OfferDesk" in dialog.outcome.text()
    dialog.connect_button.click()
    window = switcher.window
    assert window is not None and window is not first and not window.services.database.is_sqlite
    assert window.services.candidates.count() == 0
