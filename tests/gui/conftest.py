"""GUI fixtures: a real main window over a real database, offscreen, with dialogs answered by a recorder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.team_window import team_url, team_window, teammate  # noqa: F401 - fixtures on a team server
from tests.postgres import postgres_url  # noqa: F401 - an empty database on the test server


@pytest.fixture
def prompter() -> RecordingPrompter:
    return RecordingPrompter(answer=True)


@pytest.fixture
def window(qtbot: QtBot, services: Services, prompter: RecordingPrompter) -> Iterator[MainWindow]:
    main_window = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    main_window.close()
    for leftover in QApplication.topLevelWidgets():  # a dialog the test opened must not take the next test's keys
        if leftover.isVisible():
            leftover.close()


class FileManager(QObject):
    """Stands in for the desktop's file manager: Qt hands file: URLs to it instead of the platform."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def file_manager() -> Iterator[FileManager]:
    manager = FileManager()
    QDesktopServices.setUrlHandler("file", manager, "open")
    yield manager
    QDesktopServices.unsetUrlHandler("file")
