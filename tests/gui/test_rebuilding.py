"""Rows changed inside `rebuilding` appear with the box shown again, and the focus stays where it was."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from offerdesk.ui.rebuilding import rebuilding


def _focused_inside(qtbot: QtBot) -> tuple[QWidget, QWidget, QLineEdit]:
    """A window with a field outside a box and one inside it, the focus on the one inside.

    The window is returned too: the caller keeps it alive (qtbot holds only a weak reference).
    """
    window = QWidget()
    qtbot.addWidget(window)
    outside = QLineEdit(window)
    box = QWidget(window)
    inside = QLineEdit(box)
    box_rows = QVBoxLayout(box)
    box_rows.addWidget(inside)
    layout = QVBoxLayout(window)
    layout.addWidget(outside)
    layout.addWidget(box)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    inside.setFocus()
    qtbot.waitUntil(inside.hasFocus)
    return window, box, inside


def test_rows_added_inside_show_with_the_box_and_the_focus_stays(qtbot: QtBot) -> None:
    _window, box, inside = _focused_inside(qtbot)
    with rebuilding(box):
        assert not box.isVisible()
        added = [QLabel(f"row {n}", box) for n in range(5)]  # made inside: shown with the box
        for label in added:
            box.layout().addWidget(label)
    qtbot.wait(10)
    assert box.isVisible() and all(label.isVisible() for label in added)
    assert inside.hasFocus()
    assert added[-1].y() > added[0].y() > inside.y()


def test_a_focused_row_that_went_leaves_the_focus_with_qt(qtbot: QtBot) -> None:
    _window, box, inside = _focused_inside(qtbot)
    with rebuilding(box):
        inside.deleteLater()
        qtbot.wait(10)  # deleted while the box is hidden: nothing to give the focus back to, and no error
    assert box.isVisible()


def test_a_box_not_on_screen_is_left_as_it_is(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    with rebuilding(box):
        QVBoxLayout(box).addWidget(QLabel("row", box))
    assert not box.isVisible() and box.isHidden()  # not shown by the block
