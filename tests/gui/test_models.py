"""Every table model passes Qt's model tester; the candidate model pages, searches and sorts in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from offerdesk.domain.offers import OfferRow
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate
from offerdesk.ui.models.candidate_table import PAGE_SIZE, CandidateTableModel, column_of
from offerdesk.ui.models.roles import OBJECT_ROLE
from offerdesk.ui.models.row_table import Column, RowTableModel


def test_candidate_model_passes_the_model_tester(qtmodeltester: ModelTester, qtbot: QtBot, services: Services) -> None:
    model = CandidateTableModel(services.candidates)
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.loaded):
        model.set_query("berlin")
        model.sort(column_of("readiness"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_candidate_model_pages_rows_in(qtbot: QtBot, empty_services: Services) -> None:
    with empty_services.database.transaction() as session:
        session.execute(
            insert(Candidate), [{"first_name": f"Person{i:05d}", "last_name": f"Z{i:05d}"} for i in range(1000)]
        )
    model = CandidateTableModel(empty_services.candidates)
    assert model.rowCount() == 1000
    assert model.index(999, 0).data() == "Person00999 Z00999"
    assert model.index(PAGE_SIZE, 0).data() == f"Person{PAGE_SIZE:05d} Z{PAGE_SIZE:05d}"
    with qtbot.waitSignal(model.loaded):
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "Person00999 Z00999"


def test_candidate_model_searches_and_refreshes_on_changes(qtbot: QtBot, services: Services) -> None:
    model = CandidateTableModel(services.candidates)
    with qtbot.waitSignal(model.loaded):
        model.set_query("nair")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(OBJECT_ROLE).full_name == "Priya Nair"
    assert model.index(0, column_of("offer_status")).data() == "Expired"
    services.demo.clear()
    assert model.rowCount() == 1  # stale until told
    with qtbot.waitSignal(model.loaded):
        model.on_changes(Changes.of(Kind.CANDIDATES))
    assert model.rowCount() == 0


def test_row_table_model_passes_the_model_tester(qtmodeltester: ModelTester, services: Services) -> None:
    model: RowTableModel[OfferRow] = RowTableModel(
        [Column("Candidate", lambda r: r.candidate_name), Column("Status", lambda r: r.status.label)]
    )
    model.set_rows(services.offers.list())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 11
