"""Copy from the offer summary and from the call: formatted and plain text at once, with the values as shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import wait_for_panels

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _select(window: MainWindow, name: str) -> None:
    row = window.candidate_model.row_of(window.services.candidates.search(name)[0].id)
    assert row is not None
    window.candidate_list.table.selectRow(row)


def test_the_offer_summary_is_copied_as_rich_and_plain_text(window: MainWindow, qtbot: QtBot) -> None:
    _select(window, "Olivia")
    panel = window.offer_summary
    panel.reload()
    wait_for_panels(qtbot, window)
    shown_base = panel.components_model.data(panel.components_model.index(0, 1))
    assert shown_base == "$98,000.00"
    assert panel.copy_button.isEnabled()
    panel.copy_button.click()
    copied = QApplication.clipboard().mimeData()
    assert copied.hasHtml() and copied.hasText()
    assert "$98,000.00" in copied.text() and "$98,000.00" in copied.html()
    assert copied.text().startswith("Olivia Carter — Written offer v1") and "<" not in copied.text()
    assert "Start date: " in copied.text() and "<table" in copied.html()


def test_the_step_on_screen_is_copied_during_the_call(window: MainWindow, qtbot: QtBot) -> None:
    _select(window, "Aisha")
    window.candidate_list.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL | SHIFT)  # start the call
    runner = window.call_runner
    assert runner is not None
    runner.copy_step_button.click()
    copied = QApplication.clipboard().mimeData()
    assert copied.hasHtml() and copied.hasText()
    first_line = runner.step_text.toPlainText().splitlines()[0]
    assert first_line in copied.text() and "Aisha" in copied.text() and "<" not in copied.text()
    assert "Aisha" in copied.html() and "<h4>" in copied.html()
