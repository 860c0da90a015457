"""The editable terms of one offer version: every field of OfferTerms, checked as you type, with undo/redo.

Amounts are typed in the interface's notation and parsed exactly in the offer's currency; while anything is
invalid `terms()` is None, so nothing invalid is saved. Each user edit pushes a snapshot command on `undo_stack`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QBrush, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain import terms_text
from offerdesk.domain.offer_terms import FIELD_LABELS, TYPE_FIELDS, OfferTerms
from offerdesk.domain.offers import ComponentKind, OfferType
from offerdesk.ui import format as fmt
from offerdesk.ui.panels import terms_widgets as tw
from offerdesk.ui.theme import status_colour, tint
from offerdesk.ui.views import leave_on_tab

COMPONENT_COLUMNS = ("Kind", "Label", "Amount", "Unit", "% of base", "Clawback months", "Notes")
CONTINGENCY_COLUMNS = ("Kind", "Description", "Status")
TYPE_SPECIFIC = frozenset(name for names in TYPE_FIELDS.values() for name in names)


class TermsForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termsForm")
        self.undo_stack = QUndoStack(self)
        self._base: OfferTerms | None = None
        self._loading = True  # no edits while the widgets are being built
        self._locale = fmt.ui_locale()
        self._fields: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
        self._rows: dict[str, QWidget] = {}
        self._key_filter = tw.UndoKeyFilter(self.undo_stack)
        self.form = QFormLayout()
        types = tuple(OfferType)
        self.offer_type = self._combo("offer_type", tuple(t.value for t in types), tuple(t.label for t in types))
        self.currency = self._editable("currency", tw.CURRENCIES)
        self.letter_locale = self._combo("locale", tw.LOCALES)
        self.expires_on = self._date("expires_on")
        self.title = self._line("title")
        self.level = self._line("level")
        self.department = self._line("department")
        self.reports_to = self._line("reports_to")
        self.employment_type = self._combo("employment_type", tw.EMPLOYMENT_TYPES, tw.EMPLOYMENT_LABELS)
        self.exempt = self._combo("exempt", ("", "yes", "no"), ("Not known", "Yes", "No"))
        self.start_date = self._date("start_date")
        self.end_date = self._date("end_date")
        self.effective_date = self._date("effective_date")
        self.location = self._line("location")
        self.remote_days = self._count("remote_days", 7)
        self.probation_months = self._count("probation_months", 24)
        self.pay_frequency = self._combo("pay_frequency", tw.PAY_FREQUENCIES, tw.PAY_FREQUENCY_LABELS)
        self.hours_per_week = self._line("hours_per_week")
        self.hours_per_week.setPlaceholderText("for an hourly rate, e.g. 40")
        self.days_per_week = self._line("days_per_week")
        self.days_per_week.setPlaceholderText("for a day rate, e.g. 5")
        self.benefits_note = self._text("benefits_note")
        self.pto_note = self._text("pto_note")
        self.required_agreements = self._text("required_agreements")
        self.required_agreements.setPlaceholderText("one agreement per line")
        self.conversion_terms = self._text("conversion_terms")
        self.prior_terms = self._text("prior_terms")
        self.delivered_by = self._line("delivered_by")
        self.components = self._table("componentsTable", COMPONENT_COLUMNS)
        self.add_component_button = QPushButton("Add component", self)
        self.remove_component_button = QPushButton("Remove component", self)
        self.add_component_button.clicked.connect(self.add_component)
        self.remove_component_button.clicked.connect(self.remove_component)
        self.contingencies = self._table("contingenciesTable", CONTINGENCY_COLUMNS)
        self.add_contingency_button = QPushButton("Add contingency", self)
        self.remove_contingency_button = QPushButton("Remove contingency", self)
        self.add_contingency_button.clicked.connect(self.add_contingency)
        self.remove_contingency_button.clicked.connect(self.remove_contingency)
        self.problem = QLabel(self)
        self.problem.setObjectName("termsProblem")
        self.problem.setWordWrap(True)
        tint(self.problem, "bad")
        self._fields["components"] = (self._component_rows, self._set_component_rows)
        self._fields["contingencies"] = (self._contingency_rows, self._set_contingency_rows)
        self._fields["equity"] = (self._equity_value, self._set_equity)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        compensation = QGroupBox(FIELD_LABELS["components"], self)
        box = QVBoxLayout(compensation)
        box.addWidget(self.components)
        box.addLayout(_buttons(self.add_component_button, self.remove_component_button))
        layout.addWidget(compensation)
        layout.addWidget(self._equity_box())
        self.contingency_box = QGroupBox(FIELD_LABELS["contingencies"], self)
        box = QVBoxLayout(self.contingency_box)
        box.addWidget(self.contingencies)
        box.addLayout(_buttons(self.add_contingency_button, self.remove_contingency_button))
        self._rows["contingencies"] = self.contingency_box
        layout.addWidget(self.contingency_box)
        layout.addWidget(self.problem)
        self._add_actions()
        self._last = self.raw()
        self._loading = False
        self._refresh()

    # --- building ------------------------------------------------------------------------------------------------

    def _bind(self, name: str, widget: QWidget, get: Callable[[], Any], put: Callable[[Any], None],
              signal: SignalInstance, merge: bool) -> None:  # fmt: skip
        widget.setObjectName(name)
        self._fields[name] = (get, put)
        signal.connect(lambda *_: self._user_changed(name, merge))
        self.form.addRow(FIELD_LABELS[name], widget)
        self._rows[name] = widget

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.installEventFilter(self._key_filter)
        self._bind(name, edit, edit.text, edit.setText, edit.textChanged, True)
        return edit

    def _text(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setMaximumHeight(54)
        edit.setUndoRedoEnabled(False)
        edit.installEventFilter(self._key_filter)
        self._bind(name, edit, edit.toPlainText, edit.setPlainText, edit.textChanged, True)
        return edit

    def _combo(self, name: str, values: tuple[str, ...], labels: tuple[str, ...] | None = None) -> QComboBox:
        box = tw.combo(self, values, labels)
        self._bind(name, box, lambda: str(box.currentData()), lambda value: tw.set_combo(box, value),
                   box.currentIndexChanged, False)  # fmt: skip
        return box

    def _editable(self, name: str, values: tuple[str, ...]) -> QComboBox:
        box = tw.combo(self, values)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if line := box.lineEdit():
            line.installEventFilter(self._key_filter)
        self._bind(name, box, box.currentText, box.setEditText, box.currentTextChanged, True)
        return box

    def _date(self, name: str) -> tw.DateField:
        field = tw.DateField(self)
        self._bind(name, field, field.value, field.set_value, field.changed, True)
        return field

    def _count(self, name: str, maximum: int, minimum: int = -1) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(minimum, maximum)
        spin.setSpecialValueText("none")
        self._bind(name, spin, spin.value, spin.setValue, spin.valueChanged, True)
        return spin

    def _table(self, name: str, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns), self)
        leave_on_tab(table)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(list(columns))
        table.itemChanged.connect(lambda item: self._user_changed(f"{name}/{item.row()}/{item.column()}", True))
        return table

    def _equity_box(self) -> QGroupBox:
        box = QGroupBox(FIELD_LABELS["equity"], self)
        self.equity_grant = QCheckBox("Grant equity", box)
        self.equity_kind = tw.combo(box, tw.EQUITY_KINDS, tw.EQUITY_KIND_LABELS)
        self.equity_units, self.equity_vesting, self.equity_cliff = QSpinBox(box), QSpinBox(box), QSpinBox(box)
        self.equity_units.setRange(0, 2_000_000_000)
        self.equity_vesting.setRange(0, 240)
        self.equity_cliff.setRange(0, 240)
        self.equity_window = QSpinBox(box)
        self.equity_window.setRange(-1, 36_500)
        self.equity_window.setSpecialValueText("none")
        self.equity_strike, self.equity_value = QLineEdit(box), QLineEdit(box)
        self.equity_start = tw.DateField(box)
        form = QFormLayout(box)
        form.addRow(self.equity_grant)
        for label, widget in (("Kind", self.equity_kind), ("Units", self.equity_units),
                              ("Strike per unit", self.equity_strike), ("Assumed value per unit", self.equity_value),
                              ("Vesting (months)", self.equity_vesting), ("Cliff (months)", self.equity_cliff),
                              ("Vesting start", self.equity_start),
                              ("Exercise window (days)", self.equity_window)):  # fmt: skip
            form.addRow(label, widget)
        for edit in (self.equity_strike, self.equity_value):
            edit.installEventFilter(self._key_filter)
            edit.textChanged.connect(lambda *_: self._user_changed("equity/text", True))
        for spin in (self.equity_units, self.equity_vesting, self.equity_cliff, self.equity_window):
            spin.valueChanged.connect(lambda *_: self._user_changed("equity/number", True))
        self.equity_grant.toggled.connect(lambda *_: self._user_changed("equity", False))
        self.equity_kind.currentIndexChanged.connect(lambda *_: self._user_changed("equity", False))
        self.equity_start.changed.connect(lambda: self._user_changed("equity/start", True))
        return box

    def _add_actions(self) -> None:
        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        ctrl_shift_z = QKeySequence("Ctrl+Shift+Z")
        redo.setShortcuts(keys if ctrl_shift_z in keys else [*keys, ctrl_shift_z])  # twice would be ambiguous
        for action in (undo, redo):
            action.setShortcutContext(action.shortcutContext().WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_action, self.redo_action = undo, redo

    # --- public API ----------------------------------------------------------------------------------------------

    def set_terms(self, terms: OfferTerms) -> None:
        """Show `terms`; not an edit (no undo entry, no `edited`)."""
        self._base = terms
        self._apply(terms_text.terms_to_raw(terms, self._locale))
        self.undo_stack.clear()

    def terms(self) -> OfferTerms | None:
        """The edited terms, or None while any field is invalid."""
        return terms_text.raw_to_terms(self.raw(), self._base, self._locale)[0]

    def problems(self) -> list[str]:
        return terms_text.raw_to_terms(self.raw(), self._base, self._locale)[1]

    def raw(self) -> terms_text.Raw:
        """The form's raw field texts (what undo snapshots)."""
        return {name: get() for name, (get, _put) in self._fields.items()}

    def restore_raw(self, raw: terms_text.Raw) -> None:
        """Show a snapshot again (undo/redo): a user change, so `edited` is emitted."""
        self._apply(raw)
        self.edited.emit()

    def field_visible(self, name: str) -> bool:
        return self._rows[name].isVisibleTo(self)

    def add_component(self) -> None:
        kind = ComponentKind.BASE if not self.components.rowCount() else ComponentKind.OTHER
        self._user_rows(self.components, (*self._component_rows(), (kind.value, "", "", "year", "", "", "")))

    def remove_component(self) -> None:
        self._remove_row(self.components, self._component_rows())

    def add_contingency(self) -> None:
        self._user_rows(self.contingencies, (*self._contingency_rows(), ("background", "", "pending")))

    def remove_contingency(self) -> None:
        self._remove_row(self.contingencies, self._contingency_rows())

    # --- state ---------------------------------------------------------------------------------------------------

    def _apply(self, raw: terms_text.Raw) -> None:
        self._loading = True
        try:
            for name, (_get, put) in self._fields.items():
                put(raw[name])
        finally:
            self._loading = False
        self._last = self.raw()
        self._refresh()

    def _user_changed(self, key: str, merge: bool) -> None:
        if self._loading:
            return
        after = self.raw()
        if after == self._last:
            return
        before, self._last = self._last, after
        self.undo_stack.push(tw.SnapshotCommand(self, before, after, key if merge else None))
        self._refresh()
        self.edited.emit()

    def _user_rows(self, table: QTableWidget, rows: tuple[tuple[str, ...], ...]) -> None:
        self._loading = True
        try:
            (self._set_component_rows if table is self.components else self._set_contingency_rows)(rows)
        finally:
            self._loading = False
        self._user_changed(table.objectName(), False)

    def _remove_row(self, table: QTableWidget, rows: tuple[tuple[str, ...], ...]) -> None:
        if rows:
            row = table.currentRow() if 0 <= table.currentRow() < len(rows) else len(rows) - 1
            self._user_rows(table, rows[:row] + rows[row + 1 :])

    def _refresh(self) -> None:
        """Show the fields of the current offer type and mark what is invalid."""
        offer_type = OfferType(str(self.offer_type.currentData()))
        for name in TYPE_SPECIFIC:
            visible = name in TYPE_FIELDS[offer_type]
            if name == "contingencies":
                self.contingency_box.setVisible(visible)
            else:
                self.form.setRowVisible(self._rows[name], visible)
        problems = self.problems()
        self.problem.setText("\n".join(problems))
        bad = f"border: 1px solid {status_colour('bad').name()}"
        self.currency.setStyleSheet(bad if any(p.startswith("Currency") for p in problems) else "")
        self._loading = True
        try:
            for row in range(self.components.rowCount()):
                item = self.components.item(row, 2)
                wrong = [p for p in problems if p.startswith(f"Row {row + 1} ")]
                if item is not None:
                    item.setForeground(QBrush(status_colour("bad")) if wrong else QBrush())
                    item.setToolTip("\n".join(wrong))
        finally:
            self._loading = False

    # --- tables ----------------------------------------------------------------------------------------------

    def _cell_combo(self, table: QTableWidget, row: int, column: int, options: tw.Choices, value: str) -> None:
        box = tw.combo(table, tuple(code for code, _ in options), tuple(words for _, words in options))
        tw.set_combo(box, value)
        if table is self.components and column == 0:
            box.setProperty("kind", value)
            box.currentIndexChanged.connect(lambda *_: self._kind_changed(box))
        box.currentIndexChanged.connect(lambda *_: self._user_changed(table.objectName(), False))
        table.setCellWidget(row, column, box)

    def _kind_changed(self, box: QComboBox) -> None:
        """A component whose unit is still its old kind's usual one takes the new kind's (a sign-on is paid once)."""
        before, now = str(box.property("kind")), str(box.currentData())
        box.setProperty("kind", now)
        row = next((r for r in range(self.components.rowCount()) if self.components.cellWidget(r, 0) is box), None)
        unit = self.components.cellWidget(row, 3) if row is not None else None
        if not isinstance(unit, QComboBox) or self._loading:
            return
        try:
            old_usual, new_usual = ComponentKind(before).usual_unit, ComponentKind(now).usual_unit
        except ValueError:
            return
        if str(unit.currentData()) == old_usual.value and new_usual is not old_usual:
            unit.blockSignals(True)  # one undo step with the kind's change
            tw.set_combo(unit, new_usual.value)
            unit.blockSignals(False)

    def _fill(self, table: QTableWidget, rows: tuple[tuple[Any, ...], ...], combos: dict[int, tw.Choices]) -> None:
        table.setRowCount(0)
        table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                if column in combos:
                    self._cell_combo(table, row, column, combos[column], value)
                else:
                    table.setItem(row, column, QTableWidgetItem(value))

    @staticmethod
    def _read(table: QTableWidget) -> tuple[tuple[str, ...], ...]:
        rows = []
        for row in range(table.rowCount()):
            values = []
            for column in range(table.columnCount()):
                widget, item = table.cellWidget(row, column), table.item(row, column)
                if isinstance(widget, QComboBox):
                    values.append(str(widget.currentData()))
                else:
                    values.append(item.text() if item is not None else "")
            rows.append(tuple(values))
        return tuple(rows)

    def _component_rows(self) -> tuple[tuple[str, ...], ...]:
        return self._read(self.components)

    def _set_component_rows(self, rows: tuple[tuple[str, ...], ...]) -> None:
        self._fill(self.components, rows, {0: tw.COMPONENT_KINDS, 3: tw.PAY_UNITS})

    def _contingency_rows(self) -> tuple[tuple[str, ...], ...]:
        return self._read(self.contingencies)

    def _set_contingency_rows(self, rows: tuple[tuple[str, ...], ...]) -> None:
        self._fill(self.contingencies, rows, {0: tw.CONTINGENCY_KINDS, 2: tw.CONTINGENCY_STATUSES})

    def _equity_value(self) -> tuple[Any, ...]:
        return (self.equity_grant.isChecked(), str(self.equity_kind.currentData()), self.equity_units.value(),
                self.equity_strike.text(), self.equity_value.text(), self.equity_vesting.value(),
                self.equity_cliff.value(), self.equity_start.value(), self.equity_window.value())  # fmt: skip

    def _set_equity(self, value: tuple[Any, ...]) -> None:
        grant, kind, units, strike, assumed, vesting, cliff, start, window = value
        self.equity_grant.setChecked(grant)
        tw.set_combo(self.equity_kind, kind)
        self.equity_units.setValue(units)
        self.equity_strike.setText(strike)
        self.equity_value.setText(assumed)
        self.equity_vesting.setValue(vesting)
        self.equity_cliff.setValue(cliff)
        self.equity_start.set_value(start)
        self.equity_window.setValue(window)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
