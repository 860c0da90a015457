"""The sidebar's list of views (built-in and saved), each with how many candidates it holds.

The counts are computed in the thread pool (each is a query over the whole list); this model only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter, ViewCount
from offerdesk.domain.wording import plural
from offerdesk.ui.models.roles import OBJECT_ROLE

_Index = QModelIndex | QPersistentModelIndex


class ViewListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._views: list[ViewCount] = []

    def set_views(self, views: Sequence[ViewCount]) -> None:
        self.beginResetModel()
        self._views = list(views)
        self.endResetModel()

    def views(self) -> list[ViewCount]:
        return list(self._views)

    def view_at(self, row: int) -> ViewCount | None:
        return self._views[row] if 0 <= row < len(self._views) else None

    def row_of(self, where: CandidateFilter) -> int | None:
        """The first view showing exactly this filter (the sidebar highlights it)."""
        for row, view in enumerate(self._views):
            if view.filter == where:
                return row
        return None

    def scope_total(self, scope: ArchiveScope) -> int | None:
        """How many candidates the archive scope holds, from the built-in views; None until they are counted."""
        built_in = {view.filter: view.count for view in self._views if view.saved_id is None}
        active = built_in.get(CandidateFilter())
        archived = built_in.get(CandidateFilter(archive=ArchiveScope.ARCHIVED))
        if scope is ArchiveScope.ACTIVE:
            return active
        if scope is ArchiveScope.ARCHIVED:
            return archived
        return None if active is None or archived is None else active + archived

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._views)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        view = self.view_at(index.row()) if index.isValid() else None
        if view is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{view.name} {view.count:,}"
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "Saved view" if view.saved_id is not None else "Built-in view"
            return f"{kind}: {plural(view.count, 'candidate')}"
        if role == OBJECT_ROLE:
            return view
        return None
