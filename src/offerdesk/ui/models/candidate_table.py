"""The candidate list model: keeps only the ordered ids and pages rows in on demand.

The row count is known up front, so the scrollbar reflects 100,000 candidates; searching and sorting run in the
database; rows are fetched 200 at a time as the view asks for them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from offerdesk.domain.candidates import CandidateRow, CandidateSort
from offerdesk.services.candidates.listing import CandidateService
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui.models.roles import OBJECT_ROLE
from offerdesk.ui.theme import status_colour

PAGE_SIZE = 200
_Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, CandidateSort], ...] = (
    ("Name", CandidateSort.NAME),
    ("Stage", CandidateSort.STAGE),
    ("Role", CandidateSort.ROLE),
    ("Location", CandidateSort.LOCATION),
    ("Offer", CandidateSort.OFFER_STATUS),
    ("Readiness", CandidateSort.READINESS),
)
_GOOD = {"verbally_accepted", "signed", "started"}
_BAD = {"declined", "expired", "rescinded", "reneged"}


def _display(row: CandidateRow, column: int) -> str:
    if column == 0:
        return row.full_name
    if column == 1:
        return row.stage.label
    if column == 2:
        return row.role_title
    if column == 3:
        return row.location
    if column == 4:
        return row.offer_status.label if row.offer_status else ""
    return f"{row.readiness}/10" if row.readiness is not None else ""


class CandidateTableModel(QAbstractTableModel):
    def __init__(self, service: CandidateService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._ids: list[int] = []
        self._pages: dict[int, list[CandidateRow]] = {}
        self._query = ""
        self._sort = CandidateSort.NAME
        self._descending = False
        self.reload()

    # -- loading ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._ids = self._service.ids(self._query, self._sort, self._descending)
        self._pages.clear()
        self.endResetModel()

    def set_query(self, text: str) -> None:
        if text.strip() != self._query:
            self._query = text.strip()
            self.reload()

    @property
    def query(self) -> str:
        return self._query

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        """Rows show the candidate, the role and the offer status; a status change always touches CANDIDATES."""
        if changes.touches(Kind.CANDIDATES, Kind.ROLES):
            self.reload()

    def candidate_at(self, row: int) -> CandidateRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            fetched = {r.id: r for r in self._service.rows(ids)}
            self._pages[page] = [fetched[i] for i in ids if i in fetched]
        rows = self._pages[page]
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def row_of(self, candidate_id: int) -> int | None:
        try:
            return self._ids.index(candidate_id)
        except ValueError:
            return None

    # -- Qt model interface --------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.candidate_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.email
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.offer_status:
            if row.offer_status.value in _GOOD:
                return status_colour("good")
            if row.offer_status.value in _BAD:
                return status_colour("bad")
        if role == OBJECT_ROLE:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        sort, descending = COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return  # already in this order (the view asks again whenever sorting is switched on)
        self.layoutAboutToBeChanged.emit()
        self._sort, self._descending = sort, descending
        self._ids = self._service.ids(self._query, self._sort, self._descending)
        self._pages.clear()
        self.layoutChanged.emit()
