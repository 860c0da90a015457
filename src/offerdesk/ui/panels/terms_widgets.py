"""Widgets of the offer terms form: a date-or-none field, combo helpers and the undo command.

The raw texts ↔ OfferTerms parsing they show lives in offerdesk.domain.terms_text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QComboBox, QWidget

from offerdesk.domain.labels import choices, label
from offerdesk.domain.offers import (
    ComponentKind,
    ContingencyKind,
    ContingencyStatus,
    EmploymentType,
    EquityKind,
    PayFrequency,
    PayUnit,
)
from offerdesk.domain.terms_text import Raw
from offerdesk.ui.typed_date_edit import TypedDateEdit

Choices = tuple[tuple[str, str], ...]  # (stored code, the words shown)
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "BHD", "INR", "CHF", "CAD", "AUD", "SEK")
LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "en_IN")
EMPLOYMENT_TYPES = tuple(kind.value for kind in EmploymentType)
EMPLOYMENT_LABELS = tuple(label(kind) for kind in EmploymentType)
PAY_FREQUENCIES = tuple(frequency.value for frequency in PayFrequency)
PAY_FREQUENCY_LABELS = tuple(label(frequency) for frequency in PayFrequency)
COMPONENT_KINDS = choices(ComponentKind)
PAY_UNITS = choices(PayUnit)
CONTINGENCY_KINDS = choices(ContingencyKind)
CONTINGENCY_STATUSES = choices(ContingencyStatus)
EQUITY_KINDS = tuple(kind.value for kind in EquityKind)
EQUITY_KIND_LABELS = tuple(label(kind) for kind in EquityKind)


def set_combo(combo: QComboBox, value: str) -> None:
    """Select the item whose data is `value`, adding it when the list does not have it (an unusual stored value)."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def combo(parent: QWidget, values: tuple[str, ...], labels: tuple[str, ...] | None = None) -> QComboBox:
    box = QComboBox(parent)
    for value, words in zip(values, labels or values, strict=True):
        box.addItem(words, value)
    return box


class DateField(TypedDateEdit):
    """A date, or none: `value()` is an ISO date, "" when empty, or the typed text when it is not a date (the
    terms then report it, so a mistyped date is never saved as another one)."""

    def value(self) -> str:  # type: ignore[override]
        typed = self.typed_date()
        if typed is not None:
            return typed.isoformat()
        return self.text().strip()

    def set_value(self, value: str) -> None:  # type: ignore[override]
        super().set_value(date.fromisoformat(value) if value else None)


class UndoKeyFilter(QObject):
    """Gives Ctrl+Z / Ctrl+Shift+Z in the form's text fields to the form's undo stack, not the field's own undo."""

    def __init__(self, stack: QUndoStack) -> None:
        super().__init__(stack)
        self._stack = stack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            undo, redo = event.matches(QKeySequence.StandardKey.Undo), event.matches(QKeySequence.StandardKey.Redo)
            redo = redo or QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Shift+Z")
            if not (undo or redo):
                return False
            if kind == QEvent.Type.ShortcutOverride:
                event.ignore()  # not taken by the field: the form's Undo/Redo action shortcut fires
            else:  # the key reached the field anyway (no shortcut map, as under QTest)
                (self._stack.undo if undo else self._stack.redo)()
            return True
        return False


class SnapshotCommand(QUndoCommand):
    """One user edit: the form's raw texts before and after. Consecutive typing in one field merges."""

    def __init__(self, form: Any, before: Raw, after: Raw, merge_key: str | None) -> None:
        super().__init__(f"Edit {merge_key or 'terms'}")
        self._form, self.before, self.after, self.merge_key = form, before, after, merge_key
        self._applied = True  # pushed after the widgets already show `after`

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._form.restore_raw(self.after)

    def undo(self) -> None:
        self._form.restore_raw(self.before)
