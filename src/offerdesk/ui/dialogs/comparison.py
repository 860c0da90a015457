"""Our offer beside the candidate's other offers, year by year, with one sentence per package for the recruiter.

The equity assumption is typed in the interface locale and applied only once it parses: a half-typed value must
not flash nonsense totals while the recruiter is on the phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.compensation import MAX_YEARS, PackageValue
from offerdesk.domain.money import Money
from offerdesk.domain.wording import plural
from offerdesk.errors import OfferDeskError
from offerdesk.services.offers.compensation import Comparison, CompensationService
from offerdesk.ui import format as fmt
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.theme import status_colour


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


class ComparisonDialog(QDialog):
    """Read-only: changing the years or the equity assumption recomputes, nothing is saved."""

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
        self.equity_problem.setStyleSheet(f"color: {status_colour('bad').name()}")
        self.equity_problem.setVisible(False)

        self.model = PackageTableModel(_columns(MAX_YEARS, self._locale), self)
        self.table = QTableView(self)
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
