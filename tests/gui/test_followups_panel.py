"""The follow-ups panel over the demo database: valid models, overdue in red, mark done, double-click to choose."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offerdesk.domain.clock import today
from offerdesk.services.callprep.followups import FollowUpService
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate, FollowUp, Offer
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.panels.followups import OVERDUE, TODAY, UPCOMING, FollowUpsPanel
from offerdesk.ui.theme import status_colour
from tests.gui.panel_loads import wait_for


@pytest.fixture
def service(services: Services) -> FollowUpService:
    return FollowUpService(services.database)


@pytest.fixture
def panel(qtbot: QtBot, service: FollowUpService) -> FollowUpsPanel:
    widget = FollowUpsPanel(service, prompter=RecordingPrompter())
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, widget)  # the agenda is read in the thread pool
    return widget


def candidate_id(services: Services, last_name: str) -> int:
    with services.database.transaction() as session:
        found = session.scalar(select(Candidate.id).where(Candidate.last_name == last_name))
    assert found is not None
    return found


def add_overdue_and_expiring(services: Services, service: FollowUpService) -> int:
    """An overdue follow-up for Aisha Rahman and her offer expiring in two days; returns her id."""
    aisha = candidate_id(services, "Rahman")
    service.add(aisha, today() - timedelta(days=2), "check_in", "Missed check-in")
    offer = services.offers.list(candidate_id=aisha)[0]
    with services.database.transaction() as session:
        row = session.get(Offer, offer.id)
        assert row is not None
        row.expires_on = today() + timedelta(days=2)
    return aisha


def sections(panel: FollowUpsPanel) -> list[str]:
    model = panel.follow_up_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def select_row(panel: FollowUpsPanel, row: int) -> None:
    index = panel.follow_up_model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.follow_up_table.selectionModel().setCurrentIndex(index, flags)


def double_click(qtbot: QtBot, viewport: QWidget, at: QPoint) -> None:
    """A press first, as a real double-click has: the view emits doubleClicked only for the pressed index."""
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, services: Services, service: FollowUpService, panel: FollowUpsPanel
) -> None:
    add_overdue_and_expiring(services, service)
    panel.reload()
    wait_for(qtbot, panel)
    qtmodeltester.check(panel.follow_up_model, force_py=True)
    qtmodeltester.check(panel.offer_model, force_py=True)
    assert panel.objectName() == "followUpsPanel"


def test_overdue_today_and_upcoming_in_order(
    qtbot: QtBot, services: Services, service: FollowUpService, panel: FollowUpsPanel
) -> None:
    assert sections(panel) == [TODAY, UPCOMING]  # the demo: the letter today, Aisha's check-in tomorrow
    assert panel.offer_model.rowCount() == 0
    add_overdue_and_expiring(services, service)
    panel.on_changes(Changes.of(Kind.FOLLOW_UPS))
    wait_for(qtbot, panel)
    assert sections(panel) == [OVERDUE, TODAY, UPCOMING]
    assert panel.offer_model.rowCount() == 1
    assert panel.offer_model.index(0, 1).data() == "Aisha Rahman"
    assert "1 overdue" in panel.summary.text()


def test_overdue_rows_use_the_bad_colour(
    qtbot: QtBot, services: Services, service: FollowUpService, panel: FollowUpsPanel
) -> None:
    add_overdue_and_expiring(services, service)
    panel.reload()
    wait_for(qtbot, panel)
    model = panel.follow_up_model
    overdue = model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(overdue, QColor) and overdue == status_colour("bad")
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None


def test_on_changes_reloads_only_for_relevant_kinds(
    qtbot: QtBot, service: FollowUpService, panel: FollowUpsPanel
) -> None:
    before = panel.follow_up_model.rowCount()
    aisha_view = panel.follow_up_model.rows()[0].follow_up
    service.add(aisha_view.candidate_id, today(), "touchpoint", "New")
    panel.on_changes(Changes.of(Kind.SETTINGS))
    assert not panel.is_loading  # not its business: nothing is read
    assert panel.follow_up_model.rowCount() == before
    for kind in (Kind.FOLLOW_UPS, Kind.CALLS, Kind.OFFERS):
        panel.on_changes(Changes.of(kind))
        wait_for(qtbot, panel)
        assert panel.follow_up_model.rowCount() == before + 1


def test_mark_done_removes_the_row_and_emits_the_changes(
    qtbot: QtBot, services: Services, panel: FollowUpsPanel
) -> None:
    assert not panel.done_button.isEnabled()
    select_row(panel, 0)
    chosen = panel.selected_follow_up()
    assert chosen is not None and chosen.kind == "send_letter"
    assert panel.done_button.isEnabled()
    with qtbot.waitSignal(panel.changed) as emitted:
        qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert emitted.args == [Changes.of(Kind.FOLLOW_UPS)]
    wait_for(qtbot, panel)
    assert chosen.id not in {i.follow_up.id for i in panel.follow_up_model.rows()}
    assert panel.follow_up_model.rowCount() == 1
    assert not panel.done_button.isEnabled()  # the reload cleared the selection
    with services.database.transaction() as session:
        row = session.get(FollowUp, chosen.id)
        assert row is not None and row.done_at is not None


def test_mark_done_of_a_vanished_follow_up_just_reloads(
    qtbot: QtBot, services: Services, panel: FollowUpsPanel
) -> None:
    select_row(panel, 0)
    chosen = panel.selected_follow_up()
    assert chosen is not None
    with services.database.transaction() as session:
        row = session.get(FollowUp, chosen.id)
        session.delete(row)
    with qtbot.assertNotEmitted(panel.changed):
        panel.mark_done()
    wait_for(qtbot, panel)
    assert chosen.id not in {i.follow_up.id for i in panel.follow_up_model.rows()}


def test_double_click_chooses_the_candidate(qtbot: QtBot, services: Services, panel: FollowUpsPanel) -> None:
    lukas = candidate_id(services, "Becker")
    table = panel.follow_up_table
    rect = table.visualRect(panel.follow_up_model.index(0, 2))
    with qtbot.waitSignal(panel.candidateChosen) as chosen:
        double_click(qtbot, table.viewport(), rect.center())
    assert chosen.args == [lukas]


def test_double_click_on_an_expiring_offer_chooses_its_candidate(
    qtbot: QtBot, services: Services, service: FollowUpService, panel: FollowUpsPanel
) -> None:
    aisha = add_overdue_and_expiring(services, service)
    panel.on_changes(Changes.of(Kind.OFFERS))
    wait_for(qtbot, panel)
    table = panel.offer_table
    rect = table.visualRect(panel.offer_model.index(0, 1))
    with qtbot.waitSignal(panel.candidateChosen) as chosen:
        double_click(qtbot, table.viewport(), rect.center())
    assert chosen.args == [aisha]
