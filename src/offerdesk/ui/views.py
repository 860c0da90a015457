"""Small helpers shared by panels and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QScrollArea, QTableView, QToolTip, QWidget

MIN_COLUMN_WIDTH = 48


def leave_on_tab(view: QAbstractItemView) -> QAbstractItemView:
    """Tab and Shift+Tab move on to the next or previous control instead of from cell to cell (the arrow keys
    move within the table), so the keyboard never gets stuck in a table."""
    view.setTabKeyNavigation(False)
    return view


def read_only_table(model: QAbstractItemModel, parent: QWidget, name: str, fit_columns: bool = True) -> QTableView:
    """A table view for browsing records: whole rows selected, one at a time, no editing, last column stretched;
    columns sized to their contents and squeezed to the table's width (fit_columns), or left for the user to size
    (fit_columns=False) where rows are many."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    leave_on_tab(view)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    if fit_columns:
        ColumnsToWidth(view)
    return view


def squeezed(wanted: list[int], room: int, floor: int = MIN_COLUMN_WIDTH) -> list[int]:
    """Column widths within `room`: the narrow columns keep their width, the widest give way to one common cap
    (never below `floor`)."""
    if sum(wanted) <= room:
        return list(wanted)
    remaining, left = room, len(wanted)
    cap = floor
    for width in sorted(wanted):
        share = remaining // left
        if width > share:
            cap = max(share, floor)
            break
        remaining, left = remaining - width, left - 1
    return [min(width, cap) for width in wanted]


class ColumnsToWidth(QObject):
    """Columns as wide as their contents while they fit; when the table is narrower, the widest columns give way
    (text elided, the whole text in a tooltip), so every column stays in sight without scrolling sideways."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._viewport = view.viewport()  # its width is the room; the view's own resize comes before it
        self._viewport.installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.fit)
        model.dataChanged.connect(self.fit)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport:
            if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
                self.fit()
            elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                return self._show_whole_text(event)
        return False

    def _show_whole_text(self, event: QHelpEvent) -> bool:
        view = self._view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip, if any
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text and view.sizeHintForIndex(index).width() > view.columnWidth(index.column()):
            QToolTip.showText(event.globalPos(), str(text), self._viewport)
            return True
        return False

    def fit(self, *_args: object) -> None:
        view, header = self._view, self._view.horizontalHeader()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(len(columns) * MIN_COLUMN_WIDTH + frame)  # a splitter squeezes it no further
        wanted = [max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns]
        room = view.viewport().width()
        widths = squeezed(wanted, room) if room > 0 else wanted
        for column, width in zip(columns, widths, strict=True):  # the last section stretches to the rest
            header.resizeSection(column, width)


class VerticalScrollArea(QScrollArea):
    """A tall panel that scrolls up and down but never sideways: it asks for at least the width its content
    needs at its narrowest (wrapped rows, elided columns), so a splitter cannot squeeze buttons out of sight."""

    def __init__(self, inner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(inner)
        inner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's narrowest width may have changed
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        needed = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), needed), hint.height())


def vertical_scroll(inner: QWidget, parent: QWidget) -> VerticalScrollArea:
    return VerticalScrollArea(inner, parent)
