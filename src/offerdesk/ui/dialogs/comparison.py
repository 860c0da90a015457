"""Our offer beside the candidate's other offers, year by year, with one sentence per package for the recruiter.

The equity assumption is typed in the interface locale and applied only once it parses: a half-typed value must
not flash nonsense totals while the recruiter is on the phone. A competing offer the candidate has just mentioned
can be added from here (company, pay and currency); the comparison includes it at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.compensation import MAX_YEARS, PackageValue
from offerdesk.domain.money import Money
from offerdesk.domain.wording import plural
from offerdesk.errors import OfferDeskError
from offerdesk.services.changes import Changes
from offerdesk.services.offers.compensation import Comparison, CompensationService
from offerdesk.ui import format as fmt
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.panels.terms_widgets import CURRENCIES
from offerdesk.ui.theme import status_colour, tint
from offerdesk.ui.views import leave_on_tab
from offerdesk.ui.window_geometry import FittedDialog


@dataclass(frozen=True)
class PackageRow:
    """One table row: a package and, for competing ones, how ours compares over the whole horizon."""

    name: str
    kind: str  # ours, offer or counteroffer
    package: PackageValue
    difference: Money | None  # ours minus this package over all years; None for ours or another currency


class PackageTableModel(RowTableModel[PackageRow]):
    """The row model whose year columns follow the years spin box; one instance, reset on each change."""

    def set_content(self, columns: Sequence[Column[PackageRow]], rows: Sequence[PackageRow]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self._rows = list(rows)
        self.endResetModel()


def _columns(years: int, locale: str) -> list[Column[PackageRow]]:
    def year_total(index: int) -> Column[PackageRow]:
        return Column(
            f"Year {index + 1}",
            lambda row: row.package.years[index].total.format(locale),
            lambda row: row.package.years[index].total.minor,
        )

    span = plural(years, "year")
    return [
        Column("Package", lambda row: row.name),
        *(year_total(index) for index in range(years)),
        Column(f"Total ({span})", lambda row: row.package.total.format(locale), lambda row: row.package.total.minor),
        Column("Ours vs this", lambda row: _difference_text(row, locale), lambda row: _difference_key(row)),
    ]


def _difference_text(row: PackageRow, locale: str) -> str:
    if row.kind == "ours":
        return ""
    if row.difference is None:
        return f"not totalled ({row.package.currency})"
    sign = "+" if row.difference.minor > 0 else "−" if row.difference.minor < 0 else "±"
    return sign + Money(abs(row.difference.minor), row.difference.currency).format(locale)


def _difference_key(row: PackageRow) -> int:
    return row.difference.minor if row.difference is not None else 0


def _rows(comparison: Comparison) -> list[PackageRow]:
    rows = [PackageRow("Our offer", "ours", comparison.ours, None)] if comparison.ours else []
    for other in comparison.others:
        name = f"{other.company} (counteroffer)" if other.kind == "counteroffer" else other.company
        rows.append(PackageRow(name, other.kind, other.package, other.total_difference))
    return rows


class CompetingOfferDialog(FittedDialog):
    """A competing offer or counteroffer in a few fields: amounts yearly (in the interface's notation)."""

    saved = Signal(object)  # the Changes written

    def __init__(
        self, service: CompensationService, candidate_id: int, currency: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("competingOffer")
        self.setWindowTitle("Add a competing offer")
        self._service, self._candidate_id = service, candidate_id
        self._locale = fmt.ui_locale()
        self.company = QLineEdit(self)
        self.company.setObjectName("competingCompany")
        self.company.setPlaceholderText("“Current employer” for a counteroffer")
        self.kind = QComboBox(self)
        self.kind.addItem("Offer from another company", "offer")
        self.kind.addItem("Counteroffer from the current employer", "counteroffer")
        self.currency = QComboBox(self)
        self.currency.setEditable(True)
        self.currency.addItems(list(dict.fromkeys((currency, *CURRENCIES)) if currency else CURRENCIES))
        self.base, self.bonus, self.equity = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.equity.setPlaceholderText("value vesting per year")
        self.problem = QLabel(self)
        self.problem.setObjectName("competingProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {status_colour('bad').name()}")
        form = QFormLayout()
        for label, widget in (("Company", self.company), ("Kind", self.kind), ("Currency", self.currency),
                              ("Base pay per year", self.base), ("Bonus at target per year", self.bonus),
                              ("Equity per year", self.equity)):  # fmt: skip
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _minor(self, what: str, edit: QLineEdit, currency: str) -> int | None:
        if not edit.text().strip():
            return None
        try:
            return Money.parse(edit.text(), currency, self._locale).minor
        except OfferDeskError as error:
            raise OfferDeskError(f"{what}: {error}") from None

    def save(self) -> None:
        """Write it; a mistake is said here in one sentence and what was typed stays."""
        currency = self.currency.currentText().strip().upper()
        try:
            amounts = [self._minor(what, edit, currency) for what, edit in
                       (("Base pay", self.base), ("Bonus", self.bonus), ("Equity", self.equity))]  # fmt: skip
            changes = self._service.add_competing(
                self._candidate_id, str(self.kind.currentData()), self.company.text(), currency=currency,
                base_minor=amounts[0], bonus_minor=amounts[1], equity_annual_minor=amounts[2],
            )  # fmt: skip
        except OfferDeskError as error:
            self.problem.setText(str(error))
            return
        self.problem.setText("")
        self.saved.emit(changes)
        self.accept()


class ComparisonDialog(FittedDialog):
    """Changing the years or the equity assumption recomputes and saves nothing; a competing offer can be added."""

    changed = Signal(object)  # the Changes of a competing offer added here, for the window to publish

    def __init__(self, service: CompensationService, candidate_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonDialog")
        self.setWindowTitle("Compare offers")
        self.resize(860, 460)
        self._service, self._candidate_id = service, candidate_id
        self._locale = fmt.ui_locale()
        self._equity_override: int | None = None
        self.comparison: Comparison | None = None

        self.years = QSpinBox(self)
        self.years.setObjectName("comparisonYears")
        self.years.setRange(1, MAX_YEARS)
        self.years.setValue(MAX_YEARS)
        self.years.setSuffix(" years")
        self.equity_value = QLineEdit(self)
        self.equity_value.setObjectName("equityValue")
        self.equity_value.setToolTip("What one unit of our equity is assumed to be worth; empty uses the offer's.")
        self.equity_problem = QLabel(self)
        self.equity_problem.setObjectName("equityProblem")
        self.equity_problem.setWordWrap(True)
        tint(self.equity_problem, "bad")
        self.equity_problem.setVisible(False)

        self.model = PackageTableModel(_columns(MAX_YEARS, self._locale), self)
        self.table = QTableView(self)
        leave_on_tab(self.table)
        self.table.setObjectName("comparisonTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel(self)
        self.summary.setObjectName("comparisonSummary")
        self.summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Compare over", self.years)
        self.equity_label = QLabel("Equity value per unit", self)
        form.addRow(self.equity_label, self.equity_value)
        form.addRow("", self.equity_problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.add_competing_button = QPushButton("Add competing offer…", self)
        self.add_competing_button.setObjectName("addCompeting")
        buttons.addButton(self.add_competing_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.add_competing_button.clicked.connect(self.add_competing)
        self.competing_dialog: CompetingOfferDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

        self.years.valueChanged.connect(lambda _value: self.refresh())
        self.equity_value.textChanged.connect(self._equity_changed)
        self.refresh()

    def refresh(self) -> None:
        """Recompute with the current years and equity assumption; a service error shows inline, not as a crash."""
        years = self.years.value()
        try:
            comparison = self._service.comparison(self._candidate_id, years, self._equity_override, locale=self._locale)
        except OfferDeskError as error:
            self._show_problem(str(error))
            return
        self.comparison = comparison
        self.model.set_content(_columns(years, self._locale), _rows(comparison))
        self.summary.setText("\n".join(comparison.sentences))
        self._describe_equity(comparison)

    def add_competing(self) -> None:
        """The small entry form, in our offer's currency to start with; once saved the table includes it."""
        currency = self.comparison.currency if self.comparison else ""
        self.competing_dialog = CompetingOfferDialog(self._service, self._candidate_id, currency, self)
        self.competing_dialog.saved.connect(self._competing_added)
        self.competing_dialog.open()

    def _competing_added(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    def _describe_equity(self, comparison: Comparison) -> None:
        currency = comparison.currency
        self.equity_value.setEnabled(bool(currency))
        if not currency:
            self.equity_value.setPlaceholderText("no offer to value")
            return
        self.equity_label.setText(f"Equity value per unit ({currency})")
        stored = comparison.equity_value_per_unit_minor if self._equity_override is None else None
        self.equity_value.setPlaceholderText(
            f"as in the offer: {Money(stored, currency).format(self._locale)}" if stored is not None else "not set"
        )

    def _equity_changed(self, text: str) -> None:
        """Apply a value that parses in the interface locale; otherwise say why and keep the last good one."""
        currency = self.comparison.currency if self.comparison else ""
        if not currency:
            return
        if not text.strip():
            value: int | None = None
        else:
            try:
                value = Money.parse(text, currency, self._locale).minor
            except OfferDeskError as error:
                self._show_problem(f"{error} The previous value is still used.")
                return
        self._show_problem("")
        self._equity_override = value
        self.refresh()

    def _show_problem(self, text: str) -> None:
        self.equity_problem.setText(text)
        self.equity_problem.setVisible(bool(text))
