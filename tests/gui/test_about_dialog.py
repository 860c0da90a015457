"""Help → About: the version, the data folder (which opens), the database, and the bundled libraries' licences."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from offerdesk import __version__
from offerdesk.ui.dialogs.about import AboutDialog
from offerdesk.ui.main_window import MainWindow
from tests.gui.conftest import FileManager


def _open_about(window: MainWindow, qtbot: QtBot) -> AboutDialog:
    window.menu_actions.about.trigger()
    dialog = window.about_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.licence_table.rowCount() > 0, timeout=10_000)
    return dialog


def _shown_text(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_about_shows_the_version_the_data_folder_and_the_licences(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open_about(window, qtbot)
    shown = _shown_text(dialog)
    assert dialog.windowTitle() == "About OfferDesk"
    assert f"OfferDesk {__version__}" in shown
    assert str(window.services.paths.data_dir) in shown
    assert window.services.database.display_name in shown
    pyside = [row for row in dialog.licence_rows() if row[0].lower().startswith("pyside6")]
    assert pyside and all(licence for _name, _version, licence in pyside)
    assert "Permission is hereby granted" in dialog.licence_text.toPlainText()


def test_escape_closes_the_about_box(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open_about(window, qtbot)
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_the_data_folder_link_opens_the_folder(window: MainWindow, qtbot: QtBot, file_manager: FileManager) -> None:
    dialog = _open_about(window, qtbot)
    dialog.data_folder_link.linkActivated.emit("open")
    assert file_manager.opened == [QUrl.fromLocalFile(str(window.services.paths.data_dir))]


def test_copy_details_puts_the_version_database_and_folder_on_the_clipboard(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open_about(window, qtbot)
    dialog.findChild(QPushButton, "aboutCopy").click()
    copied = QGuiApplication.clipboard().text()
    assert f"OfferDesk {__version__}" in copied
    assert str(window.services.paths.data_dir) in copied
    assert "Schema revision:" in copied


def test_the_full_licence_texts_show_on_request(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open_about(window, qtbot)
    assert not dialog.licence_text.isVisible()
    dialog.show_texts.click()
    assert dialog.licence_text.isVisible()
