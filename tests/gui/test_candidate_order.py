"""The list's kept order and texts answer a search exactly as the database does (FTS5 and its substring scan)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import search_text
from offerdesk.domain.candidates import CandidateSort, Stage
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.models import candidate_order
from offerdesk.ui.models.candidate_order import ListOrder
from offerdesk.ui.models.candidate_table import PAGE_SIZE, CandidateTableModel

QUERIES = ["a", "li", "ra", "ramír", "山", "山田", "müller", "engineer", "e li", "java", "java r", "zz", "@", "%", "_"]
NAMES = [("Ana María", "Ramírez"), ("Jörg", "Müller"), ("太郎", "山田"), ("Li", "Wei"), ("Emilia", "Lind")]


def _fill(services: Services, count: int, with_role: bool = True) -> None:
    rows = []
    for i in range(count):
        first, last = NAMES[i % len(NAMES)]
        email, tags = f"p{i}@example.com", ("java",) if i % 3 else ("go", "remote")
        rows.append({"first_name": first, "last_name": f"{last} {i}", "email": email, "location": "Berlin",
                     "stage": Stage.SCREENING if i % 2 else Stage.OFFER, "tags": "\n".join(tags),
                     "search_text": search_text(first, f"{last} {i}", [email], "Berlin", tags, ""),
                     "role_id": 1 if with_role and i % 4 == 0 else None})  # fmt: skip
    with services.database.transaction() as session:
        session.execute(insert(Candidate), rows)


@pytest.mark.parametrize("where", [CandidateFilter(), CandidateFilter(stages=(Stage.OFFER,))])
def test_the_kept_texts_answer_every_search_as_the_database_does(services: Services, where: CandidateFilter) -> None:
    _fill(services, 600)  # with the demo data: role 1 is "Senior Backend Engineer"
    order = ListOrder()
    key = (where, CandidateSort.NAME, False, 0)
    for query in QUERIES:
        assert order.matching(services.candidates, key, query) == services.candidates.ids(where.with_query(query)), (
            query
        )


def test_over_the_memory_budget_the_database_answers(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(services, 50)
    monkeypatch.setattr(candidate_order, "TEXT_BUDGET", 10)
    order = ListOrder()
    key = (CandidateFilter(archive=ArchiveScope.ALL), CandidateSort.NAME, True, 0)
    for query in QUERIES:
        assert order.matching(services.candidates, key, query) == services.candidates.ids(
            CandidateFilter(query=query, archive=ArchiveScope.ALL), CandidateSort.NAME, True
        ), query


def test_a_broad_search_shows_its_first_page_then_the_rest_without_a_reset(
    qtbot: QtBot, empty_services: Services
) -> None:
    _fill(empty_services, 2000, with_role=False)
    model = CandidateTableModel(empty_services.candidates)
    model.settle()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_query("a")
    complete = empty_services.candidates.ids("a")
    assert len(complete) > PAGE_SIZE
    assert [model.candidate_at(row).id for row in range(model.rowCount())] == complete  # type: ignore[union-attr]
    assert resets == [PAGE_SIZE]  # one reset, to the first page; the rest is appended below it


def test_a_selection_below_the_first_page_is_kept_once_the_rest_arrives(qtbot: QtBot, services: Services) -> None:
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import RecordingPrompter
    from offerdesk.ui.main_window import MainWindow

    _fill(services, 2000, with_role=False)
    window = MainWindow(services, ChangeBus(), RecordingPrompter(answer=True))
    qtbot.addWidget(window)
    window.show()
    panel = window.candidate_list
    last = panel.model.candidate_at(panel.model.rowCount() - 1)
    assert last is not None and panel.select_id(last.id)
    shown: list[bool] = []
    panel.model.firstRows.connect(lambda: shown.append(panel.selected_id() == last.id))
    with qtbot.waitSignal(panel.model.loaded, timeout=10_000):
        panel.apply_filter(CandidateFilter(query="e"))
    assert shown == [False]  # the first page came first, without them
    assert panel.selected_id() == last.id
    assert "counting" not in panel.count.text()
    window.close()


@pytest.mark.parametrize("ids", [[5, 3, 9, 1, 2], [10_000_000, 7, 42, 3]])
def test_a_few_matches_come_in_list_order_whether_the_ids_are_dense_or_sparse(ids: list[int]) -> None:
    matches = {9, 1, 2, 10_000_000, 7, 3, 8, 99_999_999}  # some the list does not show
    assert candidate_order.Places(ids).in_order(matches) == [i for i in ids if i in matches]


def test_a_candidate_deleted_after_the_list_was_read_is_not_found_by_a_short_search(services: Services) -> None:
    from sqlalchemy import delete

    _fill(services, 60)
    order, key = ListOrder(), (CandidateFilter(), CandidateSort.NAME, False, 0)
    gone = order.ids(services.candidates, key)[3]
    with services.database.transaction() as session:
        session.execute(delete(Candidate).where(Candidate.id == gone))
    for query in ("li", "a", "e li"):
        assert order.matching(services.candidates, key, query) == services.candidates.ids(query), query


def test_a_save_that_keeps_the_order_updates_the_rows_without_a_reset(window: MainWindow, qtbot: QtBot) -> None:
    """The list reads itself again after a save; the same rows in the same order are refreshed in place, so the
    selected candidate stays selected and the new text shows."""
    from dataclasses import replace

    from tests.gui.panel_loads import select

    model, services = window.candidate_model, window.services
    chosen = model.candidate_at(3)
    assert chosen is not None
    select(qtbot, window, chosen.id)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    draft = services.candidate_records.draft(chosen.id)
    changes = services.candidate_records.edit(chosen.id, replace(draft, location="Tromsø harbour"))
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        window.bus.publish(changes, None)
    assert resets == []
    assert window.candidate_list.selected_id() == chosen.id
    assert model.candidate_at(3).location == "Tromsø harbour"  # type: ignore[union-attr]


def _rows_read_by_the_window(monkeypatch: pytest.MonkeyPatch, services: Services) -> Callable[[], int]:
    """Counts the list's row reads made on the GUI thread (each one a database query the window waits for)."""
    import threading

    from tests.gui.panel_loads import record_threads

    seen: list[int] = []
    record_threads(monkeypatch, services.candidates, "rows", seen)
    window_thread = threading.get_ident()
    return lambda: seen.count(window_thread)


def _scrolled_to(window: MainWindow, qtbot: QtBot, row: int) -> int:
    from tests.gui.panel_loads import select

    chosen = window.candidate_model.candidate_at(row)
    assert chosen is not None
    select(qtbot, window, chosen.id)
    return chosen.id


def test_a_save_brings_the_rows_on_screen_with_the_list_so_the_window_reads_none(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Far down the list, a save elsewhere reloads it: the rows shown come with the ids from the worker, so
    repainting them does not make the window wait for the database (it did: 50 ms and more beside a worker)."""
    from dataclasses import replace

    _fill(window.services, 1500)
    with qtbot.waitSignal(window.candidate_model.loaded, timeout=10_000):
        window.bus.publish(Changes.of(Kind.CANDIDATES), None)
    chosen = _scrolled_to(window, qtbot, 1200)
    reads_by_the_window = _rows_read_by_the_window(monkeypatch, window.services)
    records = window.services.candidate_records
    changes = records.edit(chosen, replace(records.draft(chosen), location="Tromsø harbour"))
    with qtbot.waitSignal(window.candidate_model.loaded, timeout=10_000):
        window.bus.publish(changes, None)
    window.candidate_list.table.viewport().repaint()
    assert window.candidate_list.selected_id() == chosen
    assert window.candidate_model.candidate_at(1200).location == "Tromsø harbour"  # type: ignore[union-attr]
    assert reads_by_the_window() == 0


def test_a_new_order_brings_the_selected_candidates_rows_with_it(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorted the other way, the selected candidate stays selected and in view: their rows came with the ids."""
    _fill(window.services, 1500)
    with qtbot.waitSignal(window.candidate_model.loaded, timeout=10_000):
        window.bus.publish(Changes.of(Kind.CANDIDATES), None)
    chosen = _scrolled_to(window, qtbot, 1200)
    reads_by_the_window = _rows_read_by_the_window(monkeypatch, window.services)
    with qtbot.waitSignal(window.candidate_model.loaded, timeout=10_000):
        window.candidate_list.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    window.candidate_list.table.viewport().repaint()
    assert window.candidate_list.selected_id() == chosen
    assert reads_by_the_window() == 0
