"""Help → Open Data Folder / Open Log Folder: the folder opens, or the user is told which folder and can copy
its path. The offscreen platform has no file manager, so opening fails there as on a bare desktop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.conftest import FileManager

NO_FILE_MANAGER = "does not support QPlatformServices"  # what Qt logs when it has nothing to open a URL with


@pytest.mark.qt_log_ignore(NO_FILE_MANAGER)
@pytest.mark.parametrize(("action", "folder"), [("open_data_folder", "data_dir"), ("open_log_folder", "log_dir")])
def test_a_folder_nothing_opens_is_named_and_its_path_can_be_copied(
    window: MainWindow, prompter: RecordingPrompter, action: str, folder: str
) -> None:
    path = str(getattr(window.services.paths, folder))
    QApplication.clipboard().setText("something else")
    getattr(window.menu_actions, action).trigger()
    kind, title, text = prompter.shown[-1]
    assert kind == "confirm" and "not opened" in title
    assert path in text and "copy" in text.lower()
    assert QApplication.clipboard().text() == path


@pytest.mark.qt_log_ignore(NO_FILE_MANAGER)
def test_declining_the_copy_leaves_the_clipboard_alone(window: MainWindow, prompter: RecordingPrompter) -> None:
    QApplication.clipboard().setText("something else")
    prompter.answer = False
    window.menu_actions.open_data_folder.trigger()
    assert prompter.shown[-1][0] == "confirm"
    assert QApplication.clipboard().text() == "something else"


def test_a_folder_the_file_manager_opens_needs_no_message(
    window: MainWindow, prompter: RecordingPrompter, file_manager: FileManager
) -> None:
    window.menu_actions.open_log_folder.trigger()
    assert file_manager.opened == [QUrl.fromLocalFile(str(window.services.paths.log_dir))]
    assert prompter.shown == []
