"""The candidate list at the scale of a career: ids fetched off the GUI thread, filters with chips, saved views with
counts, the archive, a column chooser, and 100,000 candidates that scroll to the last one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import CandidateDraft, search_text
from offerdesk.domain.candidates import CandidateSort, Stage
from offerdesk.errors import DatabaseError
from offerdesk.paths import resolve_paths
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.tables import Candidate
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.models.candidate_table import CandidateTableModel, column_of
from offerdesk.ui.models.roles import OBJECT_ROLE
from offerdesk.ui.panels.candidate_list import CandidateListPanel
from tests.gui.panel_loads import wait_for_panels

CAREER = 100_000


def _names(model: CandidateTableModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _settled(qtbot: QtBot, panel: CandidateListPanel) -> None:
    qtbot.waitUntil(lambda: not panel.model.is_loading, timeout=10_000)


def _spy_on_ids(
    services: Services, monkeypatch: pytest.MonkeyPatch, before: Callable[[str], object] | None = None
) -> list[tuple[str, threading.Thread]]:
    """Record which thread asks the database for ids (the ordered list, or a search's matches) and with what
    text; the real queries still answer."""
    calls: list[tuple[str, threading.Thread]] = []
    real_ids, real_matching = services.candidates.ids, services.candidates.matching_ids

    def record(query: str) -> None:
        calls.append((query, threading.current_thread()))
        if before is not None:
            before(query)

    def ids(
        where: CandidateFilter | str = "", sort: CandidateSort = CandidateSort.NAME, descending: bool = False
    ) -> list[int]:
        query = where if isinstance(where, str) else where.query
        if query:
            record(query)
        else:
            calls.append(("", threading.current_thread()))
        return real_ids(where, sort, descending)

    def matching(query: str) -> set[int] | None:
        record(query)
        return real_matching(query)

    monkeypatch.setattr(services.candidates, "ids", ids)
    monkeypatch.setattr(services.candidates, "matching_ids", matching)
    return calls


def test_the_models_pass_the_model_tester(qtmodeltester: ModelTester, qtbot: QtBot, window: MainWindow) -> None:
    panel = window.candidate_list
    qtbot.waitUntil(lambda: panel.views_model.rowCount() == 4)
    qtmodeltester.check(panel.views_model, force_py=True)
    model = CandidateTableModel(window.services.candidates)
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.loaded):
        model.set_filter(CandidateFilter(stages=(Stage.OFFER,), archive=ArchiveScope.ALL))
        model.sort(column_of("updated"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)
    assert {model.index(r, 0).data(OBJECT_ROLE).stage for r in range(model.rowCount())} == {Stage.OFFER}


def test_the_gui_thread_never_runs_the_id_query(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy_on_ids(window.services, monkeypatch)
    panel = window.candidate_list
    qtbot.keyClicks(panel.search, "berlin")
    qtbot.waitUntil(lambda: panel.model.query == "berlin" and not panel.model.is_loading)
    panel.table.sortByColumn(column_of("stage"), Qt.SortOrder.DescendingOrder)
    _settled(qtbot, panel)
    with qtbot.waitSignal(panel.model.loaded):
        window.bus.publish(Changes.of(Kind.CANDIDATES))
    assert len(calls) >= 3
    assert all(thread is not threading.main_thread() for _query, thread in calls)
    assert panel.model.rowCount() == 6 and "of 20 candidates · Matching “berlin”" in panel.count.text()


def test_typing_fast_ends_on_the_last_text(services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    for first, last in (("Ram", "Patel"), ("Lucía", "Ramírez"), ("Bram", "Stoker")):
        services.candidate_records.create(CandidateDraft(first_name=first, last_name=last))
    model = CandidateTableModel(services.candidates)
    more_typed = threading.Event()
    calls = _spy_on_ids(services, monkeypatch, lambda query: more_typed.wait(5) if query == "ram" else None)
    model.set_query("ram")  # its answer comes last: the worker holds it until “ramí” was asked for
    model.set_query("ramí")
    assert model.is_loading  # neither call waited for the database
    more_typed.set()
    qtbot.waitUntil(lambda: not model.is_loading, timeout=10_000)
    assert [query for query, _thread in calls] == ["ram", "ramí"]
    assert _names(model) == ["Lucía Ramírez"]
    assert len(services.candidates.ids("ram")) == 3  # the dropped answer would have shown three


def test_selecting_a_candidate_the_list_is_still_fetching(window: MainWindow, qtbot: QtBot) -> None:
    records = window.services.candidate_records
    done, new_id = window.operations.run(
        "", lambda: records.create(CandidateDraft(first_name="Zoe", last_name="Adams"))
    )
    assert done and window.candidate_model.is_loading
    assert window.candidate_list.select_id(new_id)  # waits for the fetch it needs, then selects
    assert window.candidate_list.selected_id() == new_id
    wait_for_panels(qtbot, window)
    assert "Zoe Adams" in window.call_prep.heading.text()


def test_the_selection_survives_a_refresh_and_a_sort(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.candidate_list
    jonas = window.services.candidates.search("Jonas")[0].id
    assert panel.select_id(jonas)
    announced: list[object] = []
    panel.candidateSelected.connect(announced.append)
    with qtbot.waitSignal(panel.model.loaded):
        window.bus.publish(Changes.of(Kind.CANDIDATES))
    with qtbot.waitSignal(panel.model.loaded):
        panel.table.sortByColumn(column_of("stage"), Qt.SortOrder.DescendingOrder)
    assert panel.selected_id() == jonas and announced == []
    assert panel.table.horizontalHeader().sortIndicatorSection() == column_of("stage")


def test_a_failed_fetch_keeps_the_rows_and_says_why(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = window.candidate_list

    def locked(*_args: object) -> list[int]:
        raise DatabaseError("The database is locked by another program.")

    monkeypatch.setattr(window.services.candidates, "ids", locked)
    monkeypatch.setattr(window.services.candidates, "matching_ids", locked)
    with qtbot.waitSignal(panel.model.loadFailed):
        panel.search.setText("berlin")
        panel.apply_search()
    assert panel.model.rowCount() == 20 and not panel.model.is_loading
    assert panel.count.text() == "The list was not updated: The database is locked by another program."


def test_filter_chips_say_why_rows_are_missing_and_their_x_removes_them(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.candidate_list
    qtbot.waitUntil(lambda: panel.views_model.rowCount() == 4)
    panel.filters_button.click()
    assert panel.filter_bar.isVisible()
    offer = panel.filter_bar.stages.action_for(Stage.OFFER)
    assert offer is not None
    with qtbot.waitSignal(panel.model.loaded):
        offer.trigger()
    assert panel.chips.texts() == ["Stage: Offer"]
    assert panel.count.text() == "7 of 20 candidates · Stage: Offer"
    assert panel.filters_button.text() == "Filters · 1"
    with qtbot.waitSignal(panel.model.loaded):
        panel.search.setText("berlin")
        panel.apply_search()
    assert panel.chips.texts() == ["Matching “berlin”", "Stage: Offer"]
    assert panel.count.text() == "3 of 20 candidates · Stage: Offer · Matching “berlin”"
    assert panel.current_filter() == CandidateFilter(query="berlin", stages=(Stage.OFFER,))
    stage_chip = next(chip for chip in panel.chips.chips() if chip.part == "stages")
    with qtbot.waitSignal(panel.model.loaded):
        stage_chip.remove_button.click()
    qtbot.waitUntil(lambda: panel.chips.texts() == ["Matching “berlin”"])
    assert panel.model.rowCount() == 6 and panel.filter_bar.stages.chosen() == ()
    query_chip = panel.chips.chips()[0]
    with qtbot.waitSignal(panel.model.loaded):
        query_chip.remove_button.click()
    assert panel.search.text() == "" and panel.model.rowCount() == 20
    assert panel.count.text() == "20 candidates" and not panel.chips.isVisible()


def test_a_saved_view_shows_its_count_applies_and_is_deleted_without_touching_candidates(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    panel = window.candidate_list
    qtbot.waitUntil(lambda: panel.views_model.rowCount() == 4)
    texts = [panel.views_model.index(row).data() for row in range(4)]
    assert texts == ["All candidates 20", "My offers out 2", "Follow-up due today 1", "Archived 0"]
    with qtbot.waitSignal(panel.model.loaded):
        panel.apply_filter(CandidateFilter(query="berlin", stages=(Stage.OFFER,)))
    prompter.texts.append("Berlin offers")
    with qtbot.waitSignal(panel.viewsLoaded):
        view_id = panel.save_view()
    assert view_id is not None
    assert "Berlin offers 3" in [panel.views_model.index(r).data() for r in range(panel.views_model.rowCount())]
    assert panel.current_view() is not None and panel.delete_view_button.isEnabled()  # it is the one shown
    with qtbot.waitSignal(panel.model.loaded):
        panel.views.clicked.emit(panel.views_model.index(0))  # All candidates
    assert panel.model.rowCount() == 20 and panel.search.text() == ""
    saved = [view.saved_id for view in panel.views_model.views()]
    row = saved.index(view_id)
    with qtbot.waitSignal(panel.model.loaded):
        panel.apply_view(row)
    assert panel.model.rowCount() == 3 and panel.search.text() == "berlin"
    assert panel.chips.texts() == ["Matching “berlin”", "Stage: Offer"]
    with qtbot.waitSignal(panel.viewsLoaded):
        assert panel.delete_view(view_id)
    assert prompter.shown[-1][0] == "confirm" and "no candidate is changed" in prompter.shown[-1][2]
    assert panel.views_model.rowCount() == 4 and window.services.candidates.count() == 20


def test_the_archived_scope_shows_archived_candidates(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.candidate_list
    jonas = window.services.candidates.search("Jonas")[0].id
    records = window.services.candidate_records
    with qtbot.waitSignal(panel.viewsLoaded):
        window.operations.run("", lambda: records.archive(jonas))
    _settled(qtbot, panel)
    assert panel.model.row_of(jonas) is None and panel.model.rowCount() == 19
    assert "Archived 1" in [panel.views_model.index(r).data() for r in range(4)]
    with qtbot.waitSignal(panel.model.loaded):
        panel.filter_bar.archive.setCurrentIndex(1)  # Archived
    assert _names(panel.model) == ["Jonas Weber"] and panel.model.index(0, 0).data(OBJECT_ROLE).archived
    assert panel.chips.texts() == ["Archived only"] and panel.count.text() == "1 candidate · Archived only"
    current = panel.current_view()
    assert current is not None and current.name == "Archived"
    with qtbot.waitSignal(panel.model.loaded):
        panel.filter_bar.archive.setCurrentIndex(2)  # All
    assert panel.model.rowCount() == 20 and panel.chips.texts() == ["Including archived"]
    assert panel.select_id(jonas)


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, opening a popup menu
def test_the_column_chooser_hides_and_shows_columns_and_is_remembered(
    window: MainWindow, qtbot: QtBot, services: Services, prompter: RecordingPrompter
) -> None:
    panel = window.candidate_list
    assert panel.visible_column_keys() == ["name", "stage", "role", "location", "offer_status", "readiness"]
    header = panel.table.horizontalHeader()
    header.customContextMenuRequested.emit(QPoint(10, 5))  # a right-click opens the chooser
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert popup is not None and popup.objectName() == "columnChooser"
    popup.close()
    menu = panel.columns.menu()
    actions = {action.objectName(): action for action in menu.actions()}
    assert len(actions) == 12 and not actions["column_name"].isEnabled()
    actions["column_email"].trigger()
    actions["column_stage"].trigger()
    assert panel.visible_column_keys() == ["name", "email", "role", "location", "offer_status", "readiness"]
    assert panel.table.isColumnHidden(column_of("stage")) and not panel.table.isColumnHidden(column_of("email"))
    assert panel.model.index(0, column_of("email")).data() == "fatima.al-sayed@example.com"
    window.close()
    again = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(again)
    assert again.candidate_list.visible_column_keys() == panel.visible_column_keys()
    again.close()


@pytest.fixture(scope="module")
def career(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """100,000 candidates, inserted with Core (no ORM bookkeeping); names are shuffled so id order is not name order."""
    folder: Path = tmp_path_factory.mktemp("career")
    opened, _report = open_services(resolve_paths(folder / "data"), seed_demo_data=False)
    rows: list[dict[str, Any]] = []
    for i in range(CAREER):
        first, last = f"Fn{i}", f"Ln{(i * 7919) % CAREER:06d}"
        rows.append({"first_name": first, "last_name": last, "search_text": search_text(first, last, [], "", [], "")})
    with opened.database.transaction() as session:
        session.connection().execute(insert(Candidate.__table__), rows)
    yield opened
    opened.close()


@pytest.mark.slow
def test_a_career_of_candidates_scrolls_to_the_last_and_searches_without_blocking(
    qtbot: QtBot, career: Services
) -> None:
    window = MainWindow(career, ChangeBus(), RecordingPrompter())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel, table = window.candidate_list, window.candidate_list.table
    assert panel.model.rowCount() == CAREER
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.indexAt(QPoint(2, table.viewport().height() - 3)).row() == CAREER - 1)
    last = table.indexAt(QPoint(2, table.viewport().height() - 3))
    assert last.data().endswith(" Ln099999")  # the last by name order, not the last inserted
    started = time.perf_counter()
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.search.setText("ln09999")
        panel.apply_search()
        assert panel.model.is_loading  # the keystroke returned before the ids came
    assert panel.model.rowCount() == 10 and time.perf_counter() - started < 5
    qtbot.waitUntil(lambda: panel.count.text() == "10 of 100,000 candidates · Matching “ln09999”", timeout=10_000)
    window.close()


def test_showing_a_candidate_hidden_by_a_filter_or_the_archive_clears_what_hides_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = window.candidate_list
    aisha = window.services.candidates.search("Aisha")[0].id
    panel.apply_filter(CandidateFilter(stages=(Stage.WITHDRAWN,)))
    panel.model.settle()
    window.show_candidate(aisha)
    assert panel.selected_id() == aisha
    window.operations.run("", lambda: window.services.candidate_records.archive(aisha))
    window.show_candidate(aisha)  # e.g. from a follow-up of an archived candidate
    assert panel.selected_id() == aisha
