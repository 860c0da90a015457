"""The candidate list: search box, filter bar, chips, a sidebar of views, and a paged, database-sorted table.

Nothing here waits on a query: the ids come from the model's worker, the view counts and the filter choices from
one background fetch, refreshed when a change touches them. The count line and the chips say why rows are
missing, so a filtered list never looks like lost data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.candidate_filter import CandidateFilter, ViewCount
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui import workers
from offerdesk.ui.models.candidate_table import CandidateTableModel
from offerdesk.ui.panels.bulk_bar import BulkBar
from offerdesk.ui.panels.candidate_filters import (
    CandidateFilterBar,
    ListChoices,
    chip_parts,
    count_line,
    fetch_choices,
    without_part,
)
from offerdesk.ui.panels.column_chooser import ColumnChooser
from offerdesk.ui.panels.filter_chips import FilterChips
from offerdesk.ui.panels.views_sidebar import ViewsSidebar
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.views import leave_on_tab

if TYPE_CHECKING:
    from offerdesk.services.setup.bootstrap import Services
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import Prompter
    from offerdesk.ui.operations import Operations

SEARCH_DELAY_MS = 150
SIDEBAR_KEY = "candidateList/sidebar"
SIDEBAR_SCREEN_WIDTH = 1200  # device-independent pixels: below this the table needs the sidebar's room


def _screen_width() -> int:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry().width() if screen is not None else SIDEBAR_SCREEN_WIDTH


_COUNTED = (Kind.CANDIDATES, Kind.ROLES, Kind.OFFERS, Kind.FOLLOW_UPS, Kind.SETTINGS)


class CandidateListPanel(QWidget):
    candidateSelected = Signal(object)  # candidate id, or None when nothing is selected
    selectionCounted = Signal(int)  # how many rows are selected (several: the bulk actions apply)
    viewsLoaded = Signal()  # the sidebar's counts and the filter choices are fresh

    def __init__(
        self,
        model: CandidateTableModel,
        parent: QWidget | None = None,
        *,
        services: Services | None = None,
        operations: Operations | None = None,
    ) -> None:
        """Without services the panel is a plain searchable list; `operations` is the window's write path."""
        super().__init__(parent)
        self.model = model
        self._services = services
        self._operations = operations
        self._prompter: Prompter | None = operations.prompter if operations is not None else None
        self._settings = (
            QSettings(str(services.paths.window_state_file), QSettings.Format.IniFormat) if services else None
        )
        self._remembered: int | None = None
        self._remembered_many: list[int] = []  # a selection of several rows, kept over a reload
        self._awaiting: int | None = None  # a selection waiting for the rest of a search (first page shown)
        self._announced: int | None = None  # the last id sent on candidateSelected
        self._announced_once = False
        self._choices = ListChoices()
        self._fetching = False
        self._fetch_again = False
        self._build()
        self.columns = ColumnChooser(self.table, self._settings)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._refresher = RefreshWhenVisible(self, self.refresh_views)
        self._connect_signals(operations.bus if operations is not None else None)
        self._filter_shown()
        QTimer.singleShot(0, self, self.refresh_views)  # counted once the window is up: start-up does not wait

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("candidateSearch")
        self.search.setPlaceholderText("Search name, email, role or location")
        self.search.setClearButtonEnabled(True)
        self.views_button = self._tool_button("Views", "candidateViewsToggle", "Show or hide the views", checkable=True)
        self.filters_button = self._tool_button("Filters", "candidateFiltersToggle", "Stage, role, …", checkable=True)
        self.filter_bar = CandidateFilterBar(self)
        self.filter_bar.hide()
        self.count = QLabel(self)
        self.count.setObjectName("candidateCount")
        self.count.setWordWrap(True)
        self.chips = FilterChips(self)
        self.chips.hide()
        self.sidebar = ViewsSidebar(self)
        self.views_model, self.views = self.sidebar.model, self.sidebar.list
        self.save_view_button, self.delete_view_button = self.sidebar.save_button, self.sidebar.delete_button
        self.table = QTableView(self)
        self.table.setObjectName("candidateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Ctrl/Shift+click: bulk
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        leave_on_tab(self.table)  # Tab goes on to the next panel; the arrows choose the candidate
        self.table.setAlternatingRowColors(True)
        # Set the indicator first: switching sorting on re-sorts by it, and the model is already in name order.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.setObjectName("candidateBody")
        self.body.addWidget(self.sidebar)
        self.body.addWidget(self.table)
        self.body.setStretchFactor(1, 1)
        self.body.setSizes([140, 400])
        top = QHBoxLayout()
        top.addWidget(self.views_button)
        top.addWidget(self.search, 1)
        top.addWidget(self.filters_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.count)
        layout.addWidget(self.chips)
        self.bulk_bar = BulkBar(self)
        layout.addWidget(self.bulk_bar)
        layout.addWidget(self.body, 1)
        can_save = self._operations is not None and self._services is not None
        for widget in (self.views_button, self.save_view_button, self.delete_view_button):
            widget.setVisible(can_save)
        # Until the recruiter chooses, the views sidebar shows where the screen has room for it beside the names.
        roomy = "true" if _screen_width() >= SIDEBAR_SCREEN_WIDTH else "false"
        shown = self._settings.value(SIDEBAR_KEY, roomy) if self._settings is not None else "true"
        self.views_button.setChecked(can_save and str(shown).lower() != "false")
        self.sidebar.setVisible(self.views_button.isChecked())

    def _tool_button(self, text: str, name: str, tip: str, *, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        return button

    def _connect_signals(self, bus: ChangeBus | None) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self._timer.timeout.connect(self.apply_search)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._count_selection())
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.loaded.connect(self._after_the_rest)
        self.model.loadFailed.connect(lambda sentence: self.count.setText(f"The list was not updated: {sentence}"))
        self.filters_button.toggled.connect(self.filter_bar.setVisible)
        self.views_button.toggled.connect(self._show_sidebar)
        self.filter_bar.filterChanged.connect(lambda where: self.apply_filter(where.with_query(self.search.text())))
        self.chips.removeRequested.connect(self.remove_part)
        self.sidebar.viewChosen.connect(self.apply_filter)
        self.sidebar.saveRequested.connect(self.save_view)
        self.sidebar.deleteRequested.connect(self.delete_view)
        if bus is not None:
            bus.changed.connect(self.on_changes)

    # -- searching and filtering -----------------------------------------------------------------------------
    def apply_search(self) -> None:
        self._timer.stop()
        self.model.set_query(self.search.text())
        self._filter_shown()

    def apply_filter(self, where: CandidateFilter) -> None:
        """Show the candidates `where` selects; its search text goes into the search box."""
        if self.search.text() != where.query:
            self.search.setText(where.query)
        self._timer.stop()  # the filter carries the text already
        self.model.set_filter(where)
        self._filter_shown()

    def remove_part(self, part: str) -> None:
        """A chip's ×: that part of the filter goes back to showing everything."""
        self.apply_filter(without_part(self.current_filter(), part))

    def current_filter(self) -> CandidateFilter:
        """What the list shows, with the search text as typed (an export writes exactly these rows)."""
        return self.model.filter.with_query(self.search.text())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def visible_column_keys(self) -> list[str]:
        return self.columns.visible_keys()

    def _filter_shown(self) -> None:
        """The filter changed: chips, bar, button and sidebar say so at once; the count follows when rows land."""
        where = self.model.filter
        self.chips.set_chips(chip_parts(where, self._choices.role_titles))
        self.filter_bar.set_filter(where)
        hidden = len(chip_parts(where.without_query(), self._choices.role_titles))
        self.filters_button.setText(f"Filters · {hidden}" if hidden else "Filters")
        self.sidebar.highlight(self.current_filter())
        self._update_count()

    # -- views sidebar ---------------------------------------------------------------------------------------
    def refresh_views(self) -> None:
        """Count the views and fetch the filter choices in the thread pool (one fetch at a time)."""
        if self._services is None:
            return
        if self._fetching:
            self._fetch_again = True
            return
        services = self._services
        views, roles, candidates = services.candidate_views, services.roles, services.candidates
        self._fetching = True
        workers.start(
            self, lambda _signals: fetch_choices(views, roles, candidates), self._choices_landed, self._choices_failed
        )

    def _choices_landed(self, choices: Any) -> None:
        self._fetching = False
        self._choices = choices
        self.views_model.set_views(choices.views)
        self.filter_bar.set_choices(choices)
        self._filter_shown()
        if self._fetch_again:  # a change came in while counting: these counts may already be old
            self._fetch_again = False
            self.refresh_views()
        else:
            self.viewsLoaded.emit()

    def _choices_failed(self, sentence: str, _details: str) -> None:
        self._fetching = False
        self.views.setToolTip(f"The view counts were not updated: {sentence}")
        if self._fetch_again:
            self._fetch_again = False
            self.refresh_views()

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(*_COUNTED):
            self._refresher.mark_stale()

    def apply_view(self, row: int) -> None:
        view = self.views_model.view_at(row)
        if view is not None:
            self.apply_filter(view.filter)

    def current_view(self) -> ViewCount | None:
        """The sidebar entry showing exactly the current filter, if any."""
        return self.sidebar.shown_view()

    def save_view(self) -> int | None:
        """Ask for a name and save the current filter and search under it; returns the view's id."""
        if self._services is None or self._operations is None or self._prompter is None:
            return None
        current = self.current_view()
        suggested = current.name if current is not None and current.saved_id is not None else ""
        name = self._prompter.ask_text("Save view", "Name of the view:", suggested)
        if not name or not name.strip():
            return None
        existing = [v for v in self.views_model.views() if v.saved_id is not None and v.name == " ".join(name.split())]
        if (
            existing
            and existing[0].name != suggested
            and not self._prompter.confirm(
                "Save view", f"A view named “{existing[0].name}” exists. Replace its filter with this one?"
            )
        ):
            return None
        views, where = self._services.candidate_views, self.current_filter()
        done, view_id = self._operations.run("View not saved", lambda: views.save(name, where), initiator=self)
        return int(view_id) if done else None

    def delete_view(self, view_id: int) -> bool:
        """Asks first; removes the saved filter only, never a candidate."""
        if self._services is None or self._operations is None or self._prompter is None:
            return False
        view = next((v for v in self.views_model.views() if v.saved_id == view_id), None)
        name = view.name if view is not None else f"#{view_id}"
        if not self._prompter.confirm(
            "Delete saved view", f"Delete the view “{name}”? Only the saved filter goes; no candidate is changed."
        ):
            return False
        views = self._services.candidate_views
        done, _ = self._operations.run("View not deleted", lambda: views.delete(view_id), initiator=self)
        return bool(done)

    def _show_sidebar(self, shown: bool) -> None:
        self.sidebar.setVisible(shown)
        if self._settings is not None:
            self._settings.setValue(SIDEBAR_KEY, "true" if shown else "false")
            self._settings.sync()

    # -- selection -------------------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        current = self.table.selectionModel().currentIndex()
        row = self.model.candidate_at(current.row()) if current.isValid() else None
        return row.id if row else None

    def selected_ids(self) -> list[int]:
        """Every selected candidate in list order, from the model's ids: the rows need not be loaded."""
        return self.model.ids_in(self.table.selectionModel().selection())

    def select_ids(self, candidate_ids: list[int]) -> int:
        """Select these candidates (those the list shows), keeping the current row if it is one of them."""
        rows = self.model.rows_of(candidate_ids)
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if start is not None and previous is not None and row != previous + 1:
                selection.select(self.model.index(start, 0), self.model.index(previous, last_column))
                start = None
            if row is not None and start is None:
                start = row
            previous = row
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        return len(rows)

    def _count_selection(self) -> None:
        count = len(self.selected_ids())
        self.bulk_bar.set_count(count)
        self.selectionCounted.emit(count)

    def select_id(self, candidate_id: int | None) -> bool:
        """Select and show the candidate; one the list is still fetching (just created) is waited for."""
        return self._select(candidate_id, wait=True)

    def _select(self, candidate_id: int | None, *, wait: bool) -> bool:
        if candidate_id is None:
            return False
        row = self.model.row_of(candidate_id)
        if row is None and wait and self.model.is_loading:
            self.model.settle()
            row = self.model.row_of(candidate_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def select_first(self) -> None:
        """Start on the first candidate waiting for an answer to an offer, else the first in the list."""
        row = self.model.start_row()
        candidate = self.model.candidate_at(row) if row is not None else None
        self.select_id(candidate.id if candidate else None)

    def _remember_selection(self) -> None:
        self._remembered = self.selected_id()
        many = self.selected_ids()
        self._remembered_many = many if len(many) > 1 else []

    def _restore_selection(self) -> None:
        """Keep the same candidate selected; if a search hid them, move to the first match.

        While only a search's first page is shown, a selected candidate further down waits for the rest."""
        if self.model.showing_first_page and not self._select(self._remembered, wait=False):
            self._awaiting = self._remembered
            self._update_count()
            return
        if not self._select(self._remembered, wait=False):
            first = self.model.candidate_at(0)
            if first is None or not self._select(first.id, wait=False):
                self._announce(None)
        elif self._remembered_many:
            self.select_ids(self._remembered_many)  # the rows of a bulk change stay selected for the next one
        self._remembered_many = []
        self._update_count()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.candidate_at(current.row()) if current.isValid() else None
        self.model.focus_on(row.id if row else None)
        self._announce(row.id if row else None)

    def _announce(self, candidate_id: int | None) -> None:
        """Say which candidate is selected only when it changed: a reset that keeps the selection is no news
        (the panels refresh from the change itself)."""
        if self._announced_once and candidate_id == self._announced:
            return
        self._announced, self._announced_once = candidate_id, True
        self.candidateSelected.emit(candidate_id)

    def _after_the_rest(self) -> None:
        """The complete answer of a search whose first page was shown: restore a selection that waited for it."""
        if self._awaiting is not None or self.selected_id() is None:
            self._remembered, self._awaiting = self._awaiting, None
            self._restore_selection()
        else:
            self._update_count()

    def _update_count(self) -> None:
        where = self.model.filter
        total = self.views_model.scope_total(where.archive)
        line = count_line(where, self.model.rowCount(), total, self._choices.role_titles)
        if self.model.showing_first_page:
            line = f"{self.model.rowCount():,}+ so far · counting the rest…"
        self.count.setText(line)
