"""Every text a widget tree puts in front of the user: labels, buttons, combo items, tab titles, rich text, and
each cell and header of its item views (DisplayRole), so a test can ask what a screen says."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

_TAG = re.compile(r"<[^>]+>")
_STYLE = re.compile(r"<style>.*?</style>", re.S)


def plain(text: str) -> str:
    """Rich text as the eye reads it: tags gone, entities restored."""
    return html.unescape(_TAG.sub(" ", _STYLE.sub("", text)))


def _columns(model: QAbstractItemModel, parent: QModelIndex | QPersistentModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # list models hide columnCount
        return 1


def model_texts(model: QAbstractItemModel, tree: bool = False) -> Iterator[str]:
    """Each header and DisplayRole cell of a model (children too, for a tree)."""
    root = QModelIndex()
    for column in range(_columns(model, root)):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header:
            yield str(header)
    pending = [root]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                if value is not None and value != "":
                    yield str(value)
                if tree and column == 0 and model.rowCount(index):
                    pending.append(index)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text under `root`, `where` naming the widget for a readable failure."""
    for widget in (root, *root.findChildren(QWidget)):
        where = f"{type(widget).__name__}#{widget.objectName() or '?'}"
        texts: list[str] = []
        if isinstance(widget, QLabel):
            texts.append(plain(widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(index) for index in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(index) for index in range(widget.count())]
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QComboBox):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model():
            texts += list(model_texts(widget.model(), tree=isinstance(widget, QTreeView)))
        for text in texts:
            if text and text.strip():
                yield where, text
