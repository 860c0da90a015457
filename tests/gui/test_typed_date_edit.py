"""The typed date field: what is typed is the date, the arrow keys step from the date shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from offerdesk.ui.typed_date_edit import TypedDateEdit


def _field(qtbot: QtBot) -> TypedDateEdit:
    field = TypedDateEdit()
    qtbot.addWidget(field)
    return field


def test_arrows_step_a_day_and_page_keys_a_month_from_the_date_shown(qtbot: QtBot) -> None:
    field = _field(qtbot)
    field.set_value(date(2027, 1, 31))
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == date(2027, 2, 1)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_PageUp)  # 31 January + a month: the last day of February
    assert field.value() == date(2027, 2, 28)
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert field.value() == date(2027, 1, 28)


def test_a_whole_date_typed_over_a_selected_one_is_that_date(qtbot: QtBot) -> None:
    field = _field(qtbot)
    field.set_value(date(2026, 12, 1))
    field.selectAll()
    qtbot.keyClicks(field, "2/1/27")
    assert field.value() == date(2027, 2, 1)
    field.selectAll()
    qtbot.keyClicks(field, "2027-03-04")
    assert field.value() == date(2027, 3, 4) and field.problem() is None


def test_the_placeholder_shows_the_notation_and_an_unreadable_date_is_marked(qtbot: QtBot) -> None:
    field = _field(qtbot)
    assert "M/d/yy" in field.placeholderText() and "YYYY-MM-DD" in field.placeholderText()
    qtbot.keyClicks(field, "13/1/27")
    assert field.value() is None and field.property("invalid") is True
    assert field.problem() is not None and "13/1/27" in field.problem()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # popups on the offscreen platform
def test_the_calendar_button_puts_the_chosen_day_in_the_field(qtbot: QtBot) -> None:
    field = _field(qtbot)
    field.set_value(date(2027, 5, 10))
    field.show_calendar()
    assert field.calendar.selectedDate().toPython() == date(2027, 5, 10)
    field.calendar.clicked.emit(field.calendar.selectedDate().addDays(3))
    assert field.value() == date(2027, 5, 13)
