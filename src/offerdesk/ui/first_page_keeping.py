"""Writing down the list's first page for the next start: read with the window's own model, never a second query.

At start, when no page could be trusted, the window's freshly built model is in exactly the start state, so its
rows are kept; at close, a new model is built the same way the start builds it (the session may have searched or
sorted). Either way the write counter is read before the rows, so a write in between makes the page unused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from offerdesk.domain.candidate_filter import CandidateFilter
from offerdesk.errors import OfferDeskError
from offerdesk.services.setup.first_page import MAX_ROWS, FirstPage, FirstPageKeeper
from offerdesk.ui.models.candidate_table import CandidateTableModel
from offerdesk.ui.panels.candidate_filters import count_line

if TYPE_CHECKING:
    from offerdesk.ui.main_window import MainWindow


def page_of(model: CandidateTableModel, header: QHeaderView, status_text: str, sidebar_width: int = 0) -> FirstPage:
    """The rows `model` shows in the columns `header` shows, in their order and widths."""
    columns = [header.logicalIndex(visual) for visual in range(header.count())]
    columns = [column for column in columns if not header.isSectionHidden(column)]
    titles = tuple(
        (str(model.headerData(column, Qt.Orientation.Horizontal)), header.sectionSize(column)) for column in columns
    )
    rows = tuple(
        tuple(str(model.data(model.index(row, column)) or "") for column in columns)
        for row in range(min(model.rowCount(), MAX_ROWS))
    )
    shown = model.rowCount()
    start = model.start_row()
    return FirstPage(titles, rows, start if start is not None and start < len(rows) else None,
                     count_line(CandidateFilter(), shown, shown, {}), status_text, sidebar_width)  # fmt: skip


class FirstPageKeeping:
    """Keeps the window's first page when the start could not paint one, and a fresh one at close."""

    def __init__(self, window: MainWindow, version: int | None, trusted: bool) -> None:
        self._window = window
        self._keeper = FirstPageKeeper(window.services.database)
        self._version = version  # the counter read before the window's model read its rows
        if version is not None and not trusted:
            self._keep(window.candidate_model, version)

    def _keep(self, model: CandidateTableModel, version: int) -> None:
        panel = self._window.candidate_list
        sidebar = panel.body.sizes()[0] if panel.views_button.isChecked() else 0
        try:
            self._keeper.keep(version, page_of(model, panel.table.horizontalHeader(),
                                               self._window.count_label.text(), sidebar))  # fmt: skip
        except OfferDeskError:
            return  # only the next start is slower: it reads the list the ordinary way
        self._version = version

    def at_close(self) -> None:
        """When the session wrote anything, the page a start would show now, read afresh."""
        if self._version is None:
            return
        try:
            version = self._keeper.version()
        except OfferDeskError:
            return
        if version is None or version == self._version:
            return
        model = CandidateTableModel(self._window.services.candidates)  # the list exactly as a start reads it
        try:
            self._window.update_status()
            self._keep(model, version)
        finally:
            model.deleteLater()
