"""The sidebar of the candidate list: built-in and saved views with their counts; a click shows one.

It only shows and asks: saving and deleting are the panel's (they need the prompter and the write path), and
the counts arrive from the panel's background fetch.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QToolButton, QVBoxLayout, QWidget

from offerdesk.domain.candidate_filter import CandidateFilter, ViewCount
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.models.candidate_views import ViewListModel


class ViewsSidebar(QWidget):
    viewChosen = Signal(object)  # the CandidateFilter of the view clicked
    saveRequested = Signal()
    deleteRequested = Signal(int)  # a saved view's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidateSidebar")
        self.model = ViewListModel(self)
        self.list = QListView(self)
        self.list.setObjectName("candidateViews")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.save_button = QToolButton(self)
        self.save_button.setObjectName("saveView")
        self.save_button.setText("Save view…")
        self.save_button.setToolTip("Save the filter and the search as a view")
        self.delete_button = QToolButton(self)
        self.delete_button.setObjectName("deleteView")
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Delete the saved view shown (no candidate is touched)")
        self.delete_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(button_row(self.save_button, self.delete_button))  # wraps in a narrow sidebar
        self._shown: ViewCount | None = None
        self.list.clicked.connect(self._choose)
        self.list.activated.connect(self._choose)
        self.list.customContextMenuRequested.connect(self._open_menu)
        self.save_button.clicked.connect(self.saveRequested)
        self.delete_button.clicked.connect(self._delete_shown)

    def highlight(self, where: CandidateFilter) -> ViewCount | None:
        """Mark the view showing exactly `where` (or none); returns it."""
        row = self.model.row_of(where)
        selection = self.list.selectionModel()
        if row is None:
            selection.clear()
        else:
            selection.setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._shown = self.model.view_at(row) if row is not None else None
        self.delete_button.setEnabled(self._shown is not None and self._shown.saved_id is not None)
        return self._shown

    def shown_view(self) -> ViewCount | None:
        return self._shown

    def _choose(self, index: QModelIndex) -> None:
        view = self.model.view_at(index.row())
        if view is not None:
            self.viewChosen.emit(view.filter)

    def _delete_shown(self) -> None:
        if self._shown is not None and self._shown.saved_id is not None:
            self.deleteRequested.emit(self._shown.saved_id)

    def _open_menu(self, position: QPoint) -> None:
        view = self.model.view_at(self.list.indexAt(position).row())
        if view is None:
            return
        menu = QMenu(self.list)
        menu.addAction("Show this view").triggered.connect(lambda: self.viewChosen.emit(view.filter))
        saved_id = view.saved_id
        if saved_id is not None:
            menu.addAction("Delete view…").triggered.connect(lambda: self.deleteRequested.emit(saved_id))
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.list.viewport().mapToGlobal(position))
