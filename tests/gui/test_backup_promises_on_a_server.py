"""On a team server OfferDesk makes no backup file, so no question promises one: each names what protects the data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.import_wizard import ImportWizard
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.postgres import postgres_url  # noqa: F401 - fixture

SERVER_WORDS = "the team server's own backups"


@pytest.fixture
def team_window(qtbot: QtBot, tmp_path: Path, postgres_url: str, prompter: RecordingPrompter) -> Iterator[MainWindow]:  # noqa: F811
    services: Services
    services, _ = open_services(resolve_paths(tmp_path / "team"), postgres_url, upgrade_server=True)
    window = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(window)
    yield window
    window.close()
    services.close()


def test_clearing_the_demo_on_a_server_promises_no_backup_file(
    team_window: MainWindow, prompter: RecordingPrompter
) -> None:
    prompter.answer = False
    team_window.menu_actions.clear_demo.trigger()
    kind, _title, question = prompter.shown[-1]
    assert kind == "confirm" and SERVER_WORDS in question.lower() and "saved first" not in question


def test_erasing_on_a_server_names_its_own_backups(team_window: MainWindow, prompter: RecordingPrompter) -> None:
    candidate_id = team_window.services.offers.list()[0].candidate_id
    assert team_window.candidate_list.select_id(candidate_id)
    prompter.answer = False
    team_window.candidate_actions.privacy.erase_action.trigger()
    _kind, _title, question = prompter.shown[-1]
    assert SERVER_WORDS in question and "backed up first" not in question


def test_the_import_on_a_server_names_its_own_backups(
    qtbot: QtBot, team_window: MainWindow, prompter: RecordingPrompter
) -> None:
    wizard = ImportWizard(team_window.services, team_window.operations, prompter, None, team_window)
    qtbot.addWidget(wizard)
    said = " ".join(label.text() for label in wizard.file_page.findChildren(QLabel))
    assert SERVER_WORDS in said and "backed up first" not in said


def test_on_a_laptop_the_import_still_says_it_backs_up_first(qtbot: QtBot, window: MainWindow) -> None:
    wizard = ImportWizard(window.services, window.operations, window.prompter, None, window)
    qtbot.addWidget(wizard)
    assert "backed up first" in " ".join(label.text() for label in wizard.file_page.findChildren(QLabel))
