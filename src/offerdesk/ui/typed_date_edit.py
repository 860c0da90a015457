"""A date field that keeps what was typed: the interface's short notation or ISO-8601, read strictly.

QDateEdit edits a date section by section, so typing a whole date over a selected one can keep a section of the
old date (“2/1/27” typed over 12/1/26 became 2027-12-01). This field holds the text; `value()` is the date it
reads, `problem()` the sentence when it reads none, and an unreadable date is marked, never replaced.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from offerdesk.domain.clock import today
from offerdesk.domain.typed_dates import date_hint, parse_typed_date, typed_date_text
from offerdesk.errors import ValidationError
from offerdesk.ui import format as fmt


class TypedDateEdit(QLineEdit):
    """↑/↓ step a day and PageUp/PageDown a month from the date shown (or today); the calendar button picks one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = fmt.ui_locale()
        self.setPlaceholderText(date_hint(self._locale))
        self.setToolTip(self._hint())
        self.setClearButtonEnabled(True)
        self.calendar_action = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
                                       "Choose from a calendar", self)  # fmt: skip
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._checked)
        self.editingFinished.connect(self._tidy)

    def _hint(self) -> str:
        return f"Type a date as {date_hint(self._locale)}; ↑/↓ step a day, PageUp/PageDown a month; empty for none."

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_PageUp: (0, 1),
                 Qt.Key.Key_PageDown: (0, -1)}  # fmt: skip
        step = steps.get(Qt.Key(event.key()))
        if step is None or self.isReadOnly():
            super().keyPressEvent(event)
            return
        days, months = step
        start = self.typed_date() if self.problem() is None else None
        moved = _add_months(start or today(), months) + timedelta(days=days)
        self.set_value(moved)
        event.accept()

    def show_calendar(self) -> None:
        """A calendar under the field; the chosen day replaces the text."""
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        shown = self.typed_date() or today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def chosen(day: QDate) -> None:
            self.set_value(date(day.year(), day.month(), day.day()))
            menu.close()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        self.calendar = calendar  # reachable from tests while the menu is open
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def typed_date(self) -> date | None:
        """The date the text reads as, or None (empty, or not a date: see `problem()`)."""
        try:
            return parse_typed_date(self.text(), self._locale)
        except ValidationError:
            return None

    def value(self) -> date | None:
        return self.typed_date()

    def problem(self) -> str | None:
        try:
            parse_typed_date(self.text(), self._locale)
        except ValidationError as error:
            return str(error)
        return None

    def set_value(self, value: date | None) -> None:
        self.setText(typed_date_text(value, self._locale))

    def _checked(self) -> None:
        problem = self.problem()
        self.setProperty("invalid", problem is not None)
        self.setStyleSheet("border: 1px solid #c0392b;" if problem else "")
        self.setToolTip(problem or self._hint())
        self.changed.emit()

    def _tidy(self) -> None:
        """Once typing is done, a readable date is shown in the field's own notation (2027-02-01 → 2/1/27)."""
        value = self.typed_date()
        if value is not None and self.text() != typed_date_text(value, self._locale):
            self.setText(typed_date_text(value, self._locale))


def _add_months(start: date, months: int) -> date:
    """The same day `months` later, on the month's last day where that month is shorter (31 Jan + 1 → 28 Feb)."""
    if months == 0:
        return start
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, 28)
