"""A date field that keeps what was typed: the interface's short notation or ISO-8601, read strictly.

QDateEdit edits a date section by section, so typing a whole date over a selected one can keep a section of the
old date (“2/1/27” typed over 12/1/26 became 2027-12-01). This field holds the text; `value()` is the date it
reads, `problem()` the sentence when it reads none, and an unreadable date is marked, never replaced.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from offerdesk.domain.typed_dates import date_hint, parse_typed_date, typed_date_text
from offerdesk.errors import ValidationError
from offerdesk.ui import format as fmt


class TypedDateEdit(QLineEdit):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = fmt.ui_locale()
        self.setPlaceholderText(date_hint(self._locale))
        self.setToolTip(f"Type a date as {date_hint(self._locale)}; leave empty for none.")
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self._checked)
        self.editingFinished.connect(self._tidy)

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
        self.setToolTip(problem or f"Type a date as {date_hint(self._locale)}; leave empty for none.")
        self.changed.emit()

    def _tidy(self) -> None:
        """Once typing is done, a readable date is shown in the field's own notation (2027-02-01 → 2/1/27)."""
        value = self.typed_date()
        if value is not None and self.text() != typed_date_text(value, self._locale):
            self.setText(typed_date_text(value, self._locale))
