"""The start frame paints the list's first page exactly as the full window starts on it, and only while true."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QRect, QSettings, Qt
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.first_page import FirstPage, FirstPageKeeper, kept_first_page
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.first_page_keeping import FirstPageKeeping
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.start_frame import StartFrame


def _open_window(qtbot: QtBot, services: Services) -> tuple[MainWindow, FirstPageKeeping]:
    version = FirstPageKeeper(services.database).version()
    window = MainWindow(services, ChangeBus(), RecordingPrompter(answer=True))
    qtbot.addWidget(window)
    return window, FirstPageKeeping(window, version, trusted=False)


def _shown_in(window: MainWindow) -> tuple[list[str], list[list[str]], int]:
    """The titles, the cell texts and the selected row of the window's list, as a recruiter sees them."""
    header = window.candidate_list.table.horizontalHeader()
    model = window.candidate_model
    columns = [
        header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))
    ]
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
    rows = [[str(model.data(model.index(r, c)) or "") for c in columns] for r in range(model.rowCount())]
    return titles, rows, window.candidate_list.table.selectionModel().currentIndex().row()


def _frame(qtbot: QtBot, services: Services, page: FirstPage) -> StartFrame:
    frame = StartFrame(page, QSettings(str(services.paths.window_state_file), QSettings.Format.IniFormat))
    qtbot.addWidget(frame)
    return frame


def test_the_frame_shows_the_rows_columns_and_selection_the_window_starts_on(qtbot: QtBot, services: Services) -> None:
    window, _keeping = _open_window(qtbot, services)
    page = kept_first_page(services.paths.database_file)
    assert page is not None
    frame = _frame(qtbot, services, page)
    titles, rows, selected = _shown_in(window)
    assert [frame.table.horizontalHeaderItem(c).text() for c in range(frame.table.columnCount())] == titles
    assert frame.shown_rows() == rows and len(rows) == 20
    assert frame.table.currentRow() == selected > 0  # the first candidate waiting on an offer, as the window
    assert frame.statusBar().currentMessage() == window.count_label.text()


def test_a_hidden_or_moved_column_is_hidden_or_moved_in_the_frame(qtbot: QtBot, services: Services) -> None:
    window, keeping = _open_window(qtbot, services)
    header = window.candidate_list.table.horizontalHeader()
    header.hideSection(header.logicalIndex(1))
    header.moveSection(2, 0)
    services.candidate_records.archive(services.candidates.search("Aisha")[0].id)  # the page must be read again
    keeping.at_close()
    page = kept_first_page(services.paths.database_file)
    assert page is not None
    titles, _rows, _selected = _shown_in(window)
    assert [title for title, _width in page.columns] == titles


def test_after_a_write_the_old_page_is_not_shown_and_close_keeps_the_new_one(qtbot: QtBot, services: Services) -> None:
    window, keeping = _open_window(qtbot, services)
    first_before = _shown_in(window)[1][0]
    first = window.candidate_model.candidate_at(0)
    assert first is not None
    services.candidate_records.archive(first.id)  # the first in the list leaves it
    assert kept_first_page(services.paths.database_file) is None  # the frame is not painted from stale rows

    keeping.at_close()
    page = kept_first_page(services.paths.database_file)
    next_window, _ = _open_window(qtbot, services)
    assert page is not None and _frame(qtbot, services, page).shown_rows() == _shown_in(next_window)[1]
    assert list(page.rows[0]) != first_before


def test_the_full_window_takes_the_frames_place_and_the_frame_closes_once_it_painted(
    qtbot: QtBot, services: Services
) -> None:
    window, _keeping = _open_window(qtbot, services)
    page = kept_first_page(services.paths.database_file)
    assert page is not None
    frame = StartFrame(page, QSettings(str(services.paths.window_state_file), QSettings.Format.IniFormat))
    frame.show()  # not handed to qtbot: the frame deletes itself once replaced
    qtbot.waitExposed(frame)
    frame.setGeometry(QRect(16, 50, 770, 600))  # the recruiter moved and resized it while the rest loaded
    frame.take_place_of(window)
    window.show()
    moved_to = frame.geometry()
    qtbot.waitUntil(lambda: not shiboken6.isValid(frame))
    assert window.isVisible() and window.geometry() == moved_to
