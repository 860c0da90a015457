"""Small helpers shared by panels and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def read_only_table(model: QAbstractItemModel, parent: QWidget, name: str, fit_columns: bool = True) -> QTableView:
    """A table view for browsing records: whole rows selected, one at a time, no editing, last column stretched;
    columns sized to their contents, or left for the user to size (fit_columns=False) where rows are many."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    mode = QHeaderView.ResizeMode.ResizeToContents if fit_columns else QHeaderView.ResizeMode.Interactive
    view.horizontalHeader().setSectionResizeMode(mode)
    view.horizontalHeader().setStretchLastSection(True)
    return view
