"""The candidate list model: the ordered ids come from the thread pool, rows are paged in by id on demand.

Only the ids are kept (the scrollbar reflects 100,000 candidates); the database filters and sorts. A reload never
blocks the GUI thread: the ids are fetched by a worker and applied when they land, newest request only, and at
most one fetch runs at a time (typing fast queues the latest text, not every keystroke). Pages of 200 rows are a
primary-key lookup (about 2 ms) and are fetched synchronously as the view asks for them; a reload reads the pages
on screen and the selected candidate's page with the ids, on the worker, so the repaint after it reads nothing (a
page read on the GUI thread beside a busy worker took 50 ms and more: SQLite lets go of Python's lock per row).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from offerdesk.domain.candidate_filter import CandidateFilter
from offerdesk.domain.candidate_record import display_phone
from offerdesk.domain.candidates import CandidateRow, CandidateSort
from offerdesk.errors import OfferDeskError
from offerdesk.services.candidates.listing import CandidateService
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui import format as fmt
from offerdesk.ui import workers
from offerdesk.ui.models.candidate_order import ListOrder
from offerdesk.ui.models.roles import OBJECT_ROLE
from offerdesk.ui.theme import status_colour

PAGE_SIZE = 200
PAGES_IN_VIEW = 3  # pages the view read last: what it shows (a tall window shows rows of two pages at most)
WARM_DELAY_MS = 400
_Index = QModelIndex | QPersistentModelIndex


def _offer(row: CandidateRow) -> str:
    return row.offer_status.label if row.offer_status else ""


def _readiness(row: CandidateRow) -> str:
    return "" if row.readiness is None else f"{row.readiness}/10"


@dataclass(frozen=True)
class ListColumn:
    key: str  # stable name, used by the column chooser and the saved window state
    title: str
    sort: CandidateSort
    display: Callable[[CandidateRow], str]
    width: int


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("name", "Name", CandidateSort.NAME, lambda r: r.full_name, 140),
    ListColumn("email", "Email", CandidateSort.EMAIL, lambda r: r.email, 180),
    ListColumn("phone", "Phone", CandidateSort.PHONE, lambda r: display_phone(r.phone) if r.phone else "", 130),
    ListColumn("stage", "Stage", CandidateSort.STAGE, lambda r: r.stage.label, 90),
    ListColumn("role", "Role", CandidateSort.ROLE, lambda r: r.role_title, 170),
    ListColumn("location", "Location", CandidateSort.LOCATION, lambda r: r.location, 100),
    ListColumn("recruiter", "Recruiter", CandidateSort.RECRUITER, lambda r: r.recruiter, 110),
    ListColumn("source", "Source", CandidateSort.SOURCE, lambda r: r.source, 100),
    ListColumn("tags", "Tags", CandidateSort.TAGS, lambda r: ", ".join(r.tags), 120),
    ListColumn("offer_status", "Offer", CandidateSort.OFFER_STATUS, lambda r: _offer(r), 120),
    ListColumn("readiness", "Readiness", CandidateSort.READINESS, lambda r: _readiness(r), 80),
    ListColumn("updated", "Updated", CandidateSort.UPDATED, lambda r: fmt.moment(r.updated_at), 130),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
DEFAULT_COLUMNS = ("name", "stage", "role", "location", "offer_status", "readiness")
_OFFER_COLUMN = COLUMN_KEYS.index("offer_status")
_GOOD = {"verbally_accepted", "signed", "started"}
_BAD = {"declined", "expired", "rescinded", "reneged"}


def column_of(key: str) -> int:
    return COLUMN_KEYS.index(key)


@dataclass
class _Load:
    """One id fetch: what was asked, and what the worker found (read once `done` is set)."""

    generation: int
    where: CandidateFilter
    sort: CandidateSort
    descending: bool
    data_version: int = 0
    done: threading.Event = field(default_factory=threading.Event)
    ids: list[int] = field(default_factory=list)
    first_page: list[int] | None = None  # found before the complete answer (see candidate_order.py)
    warm_only: bool = False  # reads what a first search needs; changes no rows
    first_rows: list[CandidateRow | None] | None = None  # page 0 of what is shown, read on the worker
    in_view: tuple[int, ...] = ()  # the pages the view read last, by number
    focus_id: int | None = None  # the selected candidate: their page is read too, wherever the new ids put them
    more_pages: dict[int, list[CandidateRow | None]] = field(default_factory=dict)  # those pages of the new ids
    error: str | None = None


def _page_of(service: CandidateService, ids: list[int]) -> list[CandidateRow | None]:
    """Rows aligned with the ids: a candidate deleted since the ids came is a gap, not a shift of its neighbours."""
    fetched = {row.id: row for row in service.rows(ids)}
    return [fetched.get(i) for i in ids]


def _pages_in_view(service: CandidateService, load: _Load) -> dict[int, list[CandidateRow | None]]:
    """On the worker: the rows of the pages the view will show once the ids land (page 0 is `first_rows`)."""
    wanted = set(load.in_view)
    if load.focus_id is not None:
        with contextlib.suppress(ValueError):  # not in the new list: the panel moves to the first row
            wanted.add(load.ids.index(load.focus_id) // PAGE_SIZE)
    last_page = (len(load.ids) - 1) // PAGE_SIZE
    return {
        page: _page_of(service, load.ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
        for page in sorted(wanted)
        if 0 < page <= last_page
    }


class CandidateTableModel(QAbstractTableModel):
    loaded = Signal()  # the newest request's ids are applied (rows, count and selection are current)
    firstRows = Signal()  # the first page of a search is shown; `loaded` follows with the rest
    loadFailed = Signal(str)  # the newest request failed; the sentence says why (the old rows stay)

    def __init__(self, service: CandidateService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filter = CandidateFilter()
        self._sort = CandidateSort.NAME
        self._descending = False
        self._pages: dict[int, list[CandidateRow | None]] = {}
        self._in_view: list[int] = []  # the pages the view read last, the newest last
        self._focus_id: int | None = None
        self._generation = 0  # bumped by every request; a result of an older one is dropped
        self._applied = 0  # the generation the shown ids answer
        self._running: _Load | None = None
        self._applying = False  # inside the reset that shows new ids
        self._data_version = 0
        self._order = ListOrder()
        self._first_page_of: _Load | None = None  # the fetch whose first page is shown while the rest comes
        # The first load is synchronous: the window selects a candidate and paints rows before it is shown.
        self._ids: list[int] = service.ids(self._filter, self._sort, self._descending)
        self._order.keep((self._filter, self._sort, self._descending, 0), self._ids)
        self._warm_later()

    # -- loading ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the ids again in the thread pool; the rows change when they land (`loaded`)."""
        self._generation += 1
        if self._running is None:
            self._start()

    def _warm_later(self) -> None:
        """Once the list is shown and nobody is typing, read what the first search needs (off the GUI thread)."""
        QTimer.singleShot(WARM_DELAY_MS, self, self._warm)

    def _warm(self) -> None:
        if self._running is None and not self._filter.query:
            self._start(warm_only=True)

    def _start(self, warm_only: bool = False) -> None:
        load = _Load(self._generation, self._filter, self._sort, self._descending, self._data_version)
        load.warm_only = warm_only
        load.in_view, load.focus_id = tuple(self._in_view), self._focus_id
        self._running = load
        service, order = self._service, self._order

        def work(signals: workers.TaskSignals) -> _Load:
            try:
                key = (load.where.without_query(), load.sort, load.descending, load.data_version)
                if load.warm_only:
                    order.warm(service, key)
                    return load
                ordered = order.ids(service, key)
                if load.where.query:
                    load.first_page = order.first_page(service, key, load.where.query, PAGE_SIZE)
                    if load.first_page is not None:
                        load.first_rows = _page_of(service, load.first_page)
                        signals.progress.emit(1, 2)
                        time.sleep(0.01)  # let the GUI thread take the GIL and show the page before the rest
                load.ids = order.matching(service, key, load.where.query) if load.where.query else list(ordered)
                if load.first_rows is None or load.ids[:PAGE_SIZE] != load.first_page:
                    load.first_rows = _page_of(service, load.ids[:PAGE_SIZE])
                load.more_pages = _pages_in_view(service, load)
            except OfferDeskError as error:
                load.error = str(error)
                raise
            except Exception as error:
                load.error = f"{error.__class__.__name__}: {error}"
                raise
            finally:
                load.done.set()
            return load

        workers.start(
            self,
            work,
            lambda _result: self._finish(load),
            lambda _sentence, _details: self._finish(load),
            lambda _done, _total: self._show_first_page(load),
        )

    def _show_first_page(self, load: _Load) -> None:
        """On the GUI thread: a broad search's first page, while the database counts the rest."""
        if load is not self._running or load.generation != self._generation or load.first_page is None:
            return
        self._applying = True
        try:
            self.beginResetModel()
            self._ids = list(load.first_page)
            self._pages = {0: load.first_rows} if load.first_rows is not None else {}
            self._first_page_of = load
            self.endResetModel()
        finally:
            self._applying = False
        self.firstRows.emit()

    @property
    def showing_first_page(self) -> bool:
        """Only the first page of the newest search is shown yet."""
        return self._first_page_of is not None

    def _finish(self, load: _Load) -> None:
        """On the GUI thread: apply the newest answer, or ask again when newer requests came in meanwhile."""
        if load is not self._running:
            return  # already applied by settle()
        self._running = None
        if load.generation != self._generation:
            self._start()
            return
        if load.warm_only:
            return
        self._applied = load.generation
        shown, self._first_page_of = self._first_page_of, None
        if load.error is not None:
            self.loadFailed.emit(load.error)
            return
        if shown is load and load.first_page is not None and load.ids[: len(load.first_page)] == load.first_page:
            self._append(load.ids)  # the first page stays as it is: no reset, the selection is kept
        elif shown is None and load.ids == self._ids and load.first_rows is not None:
            self._refresh_rows(load)  # the same rows in the same order (a save elsewhere): no reset
        else:
            self._applying = True
            try:
                self.beginResetModel()
                self._ids = load.ids
                self._pages = self._pages_read(load)
                self.endResetModel()
            finally:
                self._applying = False
        if not load.where.query:
            self._warm_later()  # the texts of the list as it is now, for the next search
        self.loaded.emit()

    @staticmethod
    def _pages_read(load: _Load) -> dict[int, list[CandidateRow | None]]:
        first = {0: load.first_rows} if load.first_rows is not None else {}
        return {**first, **load.more_pages}

    def _refresh_rows(self, load: _Load) -> None:
        """Read the rows' texts again but keep the rows: a reset of 100,000 rows makes the view measure and lay
        out the whole list again on the GUI thread, and loses the selection and the scroll position meanwhile."""
        self._pages = self._pages_read(load)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def _append(self, ids: list[int]) -> None:
        if len(ids) > len(self._ids):
            self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
            self._ids = ids
            self.endInsertRows()

    @property
    def is_loading(self) -> bool:
        return self._applied != self._generation

    def settle(self, timeout_ms: int = 10_000) -> bool:
        """Wait for the pending fetch and apply it now: for a caller that needs the fresh list at once (selecting
        a candidate just created). Typing and sorting never call this. False if it did not land in time, or when
        called from inside the reset that applies a fetch (one reset never starts inside another)."""
        if self._applying:
            return False
        deadline = time.monotonic() + timeout_ms / 1000
        while self._running is not None:
            load = self._running
            if not load.done.wait(max(0.0, deadline - time.monotonic())):
                return False
            self._finish(load)
        return True

    @property
    def filter(self) -> CandidateFilter:
        """What was last asked for (the rows may still be catching up: see `is_loading`)."""
        return self._filter

    @property
    def order(self) -> tuple[CandidateSort, bool]:
        """The sort the list shows (column, descending), for an export in the same order."""
        return self._sort, self._descending

    def set_filter(self, where: CandidateFilter) -> None:
        if where != self._filter:
            self._filter = where
            self.reload()

    def set_query(self, text: str) -> None:
        self.set_filter(self._filter.with_query(text))

    @property
    def query(self) -> str:
        return self._filter.query

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        """Rows show the candidate, the role and the offer status; a status change always touches CANDIDATES."""
        follow_ups = self._filter.follow_up_due and changes.touches(Kind.FOLLOW_UPS)
        if follow_ups or changes.touches(Kind.CANDIDATES, Kind.ROLES):
            self._data_version += 1
            self.reload()

    # -- rows ------------------------------------------------------------------------------------------------
    def start_row(self) -> int | None:
        """Where the list starts: the first candidate waiting for an answer to an offer, else the first row."""
        for row in range(min(self.rowCount(), PAGE_SIZE)):
            candidate = self.candidate_at(row)
            if candidate is not None and candidate.offer_status is not None and candidate.offer_status.is_open:
                return row
        return 0 if self.rowCount() else None

    def candidate_at(self, row: int) -> CandidateRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        if not self._in_view or self._in_view[-1] != page:
            self._note_in_view(page)
        if page not in self._pages:
            ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            self._pages[page] = _page_of(self._service, ids)
        return self._pages[page][row - page * PAGE_SIZE]

    def _note_in_view(self, page: int) -> None:
        if page in self._in_view:
            self._in_view.remove(page)
        self._in_view.append(page)
        del self._in_view[:-PAGES_IN_VIEW]

    def focus_on(self, candidate_id: int | None) -> None:
        """The candidate the list shows selected: a reload reads their page with the ids, wherever it puts them."""
        self._focus_id = candidate_id

    def row_of(self, candidate_id: int) -> int | None:
        try:
            return self._ids.index(candidate_id)
        except ValueError:
            return None

    def ids_in(self, selection: QItemSelection) -> list[int]:
        """The ids of the selected rows in list order, read from the id list: no row is loaded, so a selection of
        100,000 rows (Ctrl+A) costs a slice, not a page fetch each."""
        spans = sorted({(span.top(), span.bottom()) for span in (selection.at(i) for i in range(selection.size()))})
        ids: list[int] = []
        end = -1  # rows up to here are taken already (spans can overlap)
        for top, bottom in spans:
            start = max(top, end + 1)
            if start <= bottom:
                ids.extend(self._ids[start : bottom + 1])
                end = bottom
        return ids

    def rows_of(self, candidate_ids: Iterable[int]) -> list[int]:
        """The rows showing these candidates, in order; those the list does not show are left out."""
        wanted = set(candidate_ids)
        return [row for row, candidate_id in enumerate(self._ids) if candidate_id in wanted]

    def last_id(self) -> int | None:
        return self._ids[-1] if self._ids else None

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
            return COLUMNS[section].title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.candidate_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].display(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.email
        if role == Qt.ItemDataRole.ForegroundRole and column == _OFFER_COLUMN and row.offer_status:
            if row.offer_status.value in _GOOD:
                return status_colour("good")
            if row.offer_status.value in _BAD:
                return status_colour("bad")
        if role == OBJECT_ROLE:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The database sorts: a new order is a reload (a reset when it lands, like a search)."""
        if not 0 <= column < len(COLUMNS):
            return
        sort, descending = COLUMNS[column].sort, order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return  # already in this order (the view asks again whenever sorting is switched on)
        self._sort, self._descending = sort, descending
        self.reload()
