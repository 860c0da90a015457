"""The candidate list: a search box over a paged, database-sorted table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from offerdesk.ui.models.candidate_table import PAGE_SIZE, CandidateTableModel

SEARCH_DELAY_MS = 150
COLUMN_WIDTHS = (140, 90, 170, 100, 120, 80)


class CandidateListPanel(QWidget):
    candidateSelected = Signal(object)  # candidate id, or None when nothing is selected

    def __init__(self, model: CandidateTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._remembered: int | None = None
        self._announced: int | None = None  # the last id sent on candidateSelected
        self._announced_once = False
        self.search = QLineEdit(self)
        self.search.setObjectName("candidateSearch")
        self.search.setPlaceholderText("Search name, email, role or location")
        self.search.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setObjectName("candidateTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # Set the indicator first: switching sorting on re-sorts by it, and the model is already in name order.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.count = QLabel(self)
        self.count.setObjectName("candidateCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._connect_signals()
        self._update_count()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self._timer.timeout.connect(self.apply_search)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.layoutAboutToBeChanged.connect(self._remember_selection)
        self.model.layoutChanged.connect(self._restore_selection)

    def apply_search(self) -> None:
        self._timer.stop()
        self.model.set_query(self.search.text())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_id(self) -> int | None:
        current = self.table.selectionModel().currentIndex()
        row = self.model.candidate_at(current.row()) if current.isValid() else None
        return row.id if row else None

    def select_id(self, candidate_id: int | None) -> bool:
        row = self.model.row_of(candidate_id) if candidate_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def select_first(self) -> None:
        """Start on the first candidate waiting for an answer to an offer, else the first in the list."""
        for row in range(min(self.model.rowCount(), PAGE_SIZE)):
            candidate = self.model.candidate_at(row)
            if candidate is not None and candidate.offer_status is not None and candidate.offer_status.is_open:
                self.select_id(candidate.id)
                return
        first = self.model.candidate_at(0)
        self.select_id(first.id if first else None)

    def _remember_selection(self) -> None:
        self._remembered = self.selected_id()

    def _restore_selection(self) -> None:
        """Keep the same candidate selected; if a search hid them, move to the first match."""
        if not self.select_id(self._remembered):
            first = self.model.candidate_at(0)
            if first is None or not self.select_id(first.id):
                self._announce(None)
        self._update_count()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.candidate_at(current.row()) if current.isValid() else None
        self._announce(row.id if row else None)

    def _announce(self, candidate_id: int | None) -> None:
        """Say which candidate is selected only when it changed: a reset that keeps the selection is no news
        (the panels refresh from the change itself)."""
        if self._announced_once and candidate_id == self._announced:
            return
        self._announced, self._announced_once = candidate_id, True
        self.candidateSelected.emit(candidate_id)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        noun = "candidate" if total == 1 else "candidates"
        suffix = f" matching “{self.model.query}”" if self.model.query else ""
        self.count.setText(f"{total:,} {noun}{suffix}")
