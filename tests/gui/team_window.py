"""A main window on a team's PostgreSQL database (a copy of the seeded template on the test server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.postgres import TemplateDatabases


@pytest.fixture
def team_url(postgres_templates: TemplateDatabases) -> str:
    return postgres_templates.copy(seeded=True)


@pytest.fixture
def team_window(qtbot: QtBot, tmp_path: Path, team_url: str, prompter: RecordingPrompter) -> Iterator[MainWindow]:
    services, _ = open_services(resolve_paths(tmp_path / "mine"), team_url)
    window = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    services.close()


@pytest.fixture
def teammate(tmp_path: Path, team_url: str) -> Iterator[Services]:
    """Someone else's OfferDesk on the same database."""
    services, _ = open_services(resolve_paths(tmp_path / "theirs"), team_url)
    yield services
    services.close()
