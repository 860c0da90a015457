"""A row of buttons wraps when the panel is narrow, and follows its buttons as they change (kept heights and
placements are dropped when a button's text, visibility or the row's items change)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from offerdesk.ui.flow_layout import button_row


def _panel(qtbot: QtBot, *texts: str) -> tuple[QWidget, list[QPushButton]]:
    panel = QWidget()
    qtbot.addWidget(panel)
    buttons = [QPushButton(text, panel) for text in texts]
    outer = QVBoxLayout(panel)
    outer.addLayout(button_row(*buttons))
    outer.addStretch()
    return panel, buttons


def _settle(qtbot: QtBot, panel: QWidget, width: int) -> None:
    panel.resize(width, 300)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(20)  # the layout request posted by a change is handled


def _lines(buttons: list[QPushButton]) -> int:
    return len({button.y() for button in buttons if button.isVisible()})


def test_a_narrow_row_wraps_and_a_wide_one_does_not(qtbot: QtBot) -> None:
    panel, buttons = _panel(qtbot, "Preview", "Export .docx…", "Export PDF…")
    _settle(qtbot, panel, 900)
    assert _lines(buttons) == 1
    _settle(qtbot, panel, buttons[1].sizeHint().width() + 30)
    assert _lines(buttons) == 3
    assert all(button.geometry().right() < panel.width() for button in buttons)


def test_a_longer_text_a_hidden_button_and_a_new_one_are_laid_out_again(qtbot: QtBot) -> None:
    panel, buttons = _panel(qtbot, "One", "Two", "Three")
    width = sum(button.sizeHint().width() for button in buttons) + 60
    _settle(qtbot, panel, width)
    assert _lines(buttons) == 1
    buttons[1].setText("A much longer text than any button had")
    qtbot.wait(20)
    assert _lines(buttons) >= 2  # the row measured again at the same width
    buttons[1].hide()
    qtbot.wait(20)
    assert _lines(buttons) == 1 and buttons[2].x() < buttons[1].x() + buttons[1].width()
    buttons[1].setText("Two")
    buttons[1].show()
    qtbot.wait(20)
    assert _lines(buttons) == 1 and buttons[0].x() < buttons[1].x() < buttons[2].x()
    added = QPushButton("Four, a long one that does not fit on the line", panel)
    row = panel.layout().itemAt(0).layout()
    row.addWidget(added)
    qtbot.wait(20)
    assert added.y() > buttons[0].y()
