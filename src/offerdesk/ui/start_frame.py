"""The window as the last session left it, painted while the rest of OfferDesk loads behind it.

It shows the kept first page (services/setup/first_page.py) at the saved size and place, with the real menus
greyed out and "Opening…" where call prep and the offer will be; the full window takes its place, at the same
spot, as soon as it is built. It imports Qt and the stdlib only: it is what a recruiter sees within a blink.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.services.setup.first_page import FirstPage
from offerdesk.ui.actions import build_actions, build_menus
from offerdesk.ui.window_geometry import restore_window_state

OPENING = "Opening…"


class StartFrame(QMainWindow):
    """Looks like the main window and answers nothing but moving and resizing until it is replaced."""

    painted = Signal()  # the first paint: the kept page is on the screen

    def __init__(self, page: FirstPage, window_state: QSettings) -> None:
        super().__init__()
        self.setObjectName("startFrame")
        self.setWindowTitle("OfferDesk")
        actions = build_actions(self)
        build_menus(self.menuBar(), actions)
        for menu_action in self.menuBar().actions():
            menu_action.setEnabled(False)
        self.table = _page_table(page, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(_list_tabs(page, self.table, self))
        for name in ("callPrepOpening", "offerOpening"):
            waiting = QLabel(OPENING, self)
            waiting.setObjectName(name)
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.splitter.addWidget(waiting)
        self.splitter.setSizes([540, 430, 390])
        self.setCentralWidget(self.splitter)
        self.statusBar().showMessage(page.status_text)
        restore_window_state(self, self.splitter, window_state)
        self._painted = False
        self.replacement: QMainWindow | None = None  # the full window, once built
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if watched is self and not self._painted:
                self._painted = True
                self.painted.emit()
            elif watched is self.replacement:
                watched.removeEventFilter(self)
                self.close()
                self.deleteLater()
        return False

    def take_place_of(self, window: QMainWindow) -> None:
        """Put `window` where the frame is (it may have been moved or resized meanwhile); the frame closes once
        the window has painted, so the screen is never empty in between."""
        window.setGeometry(self.geometry())  # restoreGeometry would re-guess the frame's margins and shift it
        window.setWindowState(self.windowState())  # maximised or full screen stays so
        splitter = window.findChild(QSplitter, "mainSplitter")
        if splitter is not None:
            splitter.restoreState(self.splitter.saveState())
        self.replacement = window
        window.installEventFilter(self)

    def shown_rows(self) -> list[list[str]]:
        """The texts on the screen, row by row (what a test compares with the full window's first page)."""
        return [
            [
                item.text() if (item := self.table.item(row, column)) else ""
                for column in range(self.table.columnCount())
            ]
            for row in range(self.table.rowCount())
        ]


def _page_table(page: FirstPage, parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(page.rows), len(page.columns), parent)
    table.setObjectName("startFrameTable")
    table.setHorizontalHeaderLabels([title for title, _width in page.columns])
    for column, (_title, width) in enumerate(page.columns):
        table.setColumnWidth(column, width)
    for row, cells in enumerate(page.rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)  # as the list's rows
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing here takes input: the full window does
    if page.selected is not None:
        table.selectRow(page.selected)
    return table


def _list_tabs(page: FirstPage, table: QTableWidget, parent: QWidget) -> QTabWidget:
    tabs = QTabWidget(parent)
    candidates = QWidget(tabs)
    layout = QVBoxLayout(candidates)
    layout.setContentsMargins(6, 6, 6, 6)
    top = QHBoxLayout()
    search = QLineEdit(candidates)
    search.setPlaceholderText("Search name, email, role or location")
    views, filters = QToolButton(candidates), QToolButton(candidates)
    views.setText("Views")
    filters.setText("Filters")
    top.addWidget(views)
    top.addWidget(search, 1)
    top.addWidget(filters)
    for waiting in (search, views, filters):
        waiting.setEnabled(False)  # typing waits for the full window, where nothing typed is lost
    layout.addLayout(top)
    count = QLabel(page.count_text, candidates)
    count.setObjectName("startFrameCount")
    layout.addWidget(count)
    body = QSplitter(Qt.Orientation.Horizontal, candidates)
    if page.sidebar_width:
        sidebar = QListWidget(body)
        sidebar.setEnabled(False)
        body.addWidget(sidebar)
    body.addWidget(table)
    body.setStretchFactor(body.count() - 1, 1)
    if page.sidebar_width:
        body.setSizes([page.sidebar_width, 400])
    layout.addWidget(body, 1)
    tabs.addTab(candidates, "Candidates")
    tabs.addTab(QLabel(OPENING, tabs), "Follow-ups")
    return tabs
