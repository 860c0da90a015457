"""The Coach page. Over the hand-built team of tests/coach_data.py (numbers worked out in
tests/unit/services/test_coach.py) the tables show Rita's figures beside the team's and Schedule adds drill rows;
in the main window over the demo data, Practise now opens practice on the drill's objection and saving that
practice marks the drill done on the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.models.row_table import RowTableModel
from offerdesk.ui.panels.coach import CoachPanel
from tests.coach_data import TODAY, build_team
from tests.gui.screen_text import widget_texts
from tests.gui.test_no_codes_on_screen import codes_in


@pytest.fixture
def coach(qtbot: QtBot, empty_services: Services) -> CoachPanel:
    build_team(empty_services)
    panel = CoachPanel(empty_services.coach)
    qtbot.addWidget(panel)
    panel.today = TODAY
    panel.resize(1280, 760)
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.reportShown, timeout=30_000):
        panel.refresh()  # computed in the thread pool, as the dashboard is
    return panel


def _click(qtbot: QtBot, coach: CoachPanel, button: QAbstractButton) -> None:
    """A click that ends in a new report: wait until it is on screen."""
    with qtbot.waitSignal(coach.reportShown, timeout=30_000):
        button.click()


def _cells(model: RowTableModel[object]) -> list[list[str]]:
    return [[str(model.index(row, column).data()) for column in range(model.columnCount())]
            for row in range(model.rowCount())]  # fmt: skip


def test_the_coach_shows_yours_beside_the_team(coach: CoachPanel) -> None:
    assert "Rita's calls" in coach.whose_label.text()
    # Competing offer: you 1 of 4 = 25% (small), team 5 of 10 = 50% (not small); Pay too low: 2 of 5 = 40% and
    # 5 of 8 = 63%, both small
    assert _cells(coach.loss_model) == [
        ["Competing offer", "25%", "1 of 4", "50%", "5 of 10", "yours: small sample"],
        ["Pay too low", "40%", "2 of 5", "63%", "5 of 8", "small sample"],
    ]
    styles = _cells(coach.style_model)
    # written + timeline: you R9 1 of 1; team 5 of 7 = 71%; written + direct: you 1 of 4, team 4 of 7 = 57%
    assert ["Written offer", "Timeline", "100%", "1 of 1", "71%", "5 of 7", "small sample"] in styles
    assert ["Written offer", "Direct", "25%", "1 of 4", "57%", "4 of 7", "small sample"] in styles
    assert not coach.loss_view.isColumnHidden(3)  # two recruiters: the team columns are there
    sample = coach.loss_model.index(0, 5)
    assert sample.data(Qt.ItemDataRole.ForegroundRole) is not None  # the mark is in the warning colour


def test_schedule_adds_drill_rows_and_skips_open_ones(coach: CoachPanel, qtbot: QtBot) -> None:
    assert coach.drill_model.rowCount() == 0
    coach.drill_count.setValue(1)
    _click(qtbot, coach, coach.schedule_button)
    assert [row[0] for row in _cells(coach.drill_model)] == ["Competing offer"]
    assert "Scheduled 1 drill: Competing offer." in coach.message.text()
    coach.drill_count.setValue(3)
    _click(qtbot, coach, coach.schedule_button)
    drills = _cells(coach.drill_model)
    assert [row[0] for row in drills] == ["Competing offer", "Pay too low"]
    assert drills[1][2] == (
        "After Pay too low your offers are accepted 40% of the time (2 of 5), a small sample; team 63% (5 of 8)."
    )
    _click(qtbot, coach, coach.schedule_button)
    assert coach.drill_model.rowCount() == 2
    assert "already has an open drill" in coach.message.text()


def test_practise_now_opens_practice_on_the_drill_and_saving_marks_it_done(window: MainWindow, qtbot: QtBot) -> None:
    # the demo data: Sam Rivera lost on Competing offer (0 of 1) and Pay too low (1 of 2)
    window.menu_actions.coach.trigger()
    coach = window.coach
    assert coach is not None and window.pages.currentWidget() is coach
    qtbot.waitUntil(lambda: coach.report is not None, timeout=30_000)
    _click(qtbot, coach, coach.schedule_button)
    assert [row[0] for row in _cells(coach.drill_model)] == ["Competing offer", "Pay too low"]
    coach.drill_view.selectRow(1)
    coach.practise_button.click()
    dialog = window.practice_dialog
    assert dialog.current_code == "COMP_LOW"
    dialog.rubric["acknowledged"].setChecked(True)
    with qtbot.waitSignal(coach.reportShown, timeout=30_000):
        dialog.save_and_next()
    states = {row[0]: row[1] for row in _cells(coach.drill_model)}
    assert states["Pay too low"].startswith("done")
    assert states["Competing offer"].startswith("due")
    # the practice history: Pay too low before the first practice 1 of 2; nothing decided after it yet
    assert _cells(coach.effect_model)[0][0] == "Pay too low"
    assert _cells(coach.effect_model)[0][3:7] == ["50%", "1 of 2", "—", "0"]
    dialog.close()
    coach.back_button.click()
    assert window.pages.currentWidget() is window.splitter


def test_the_coach_models_pass_the_model_tester(coach: CoachPanel, qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    _click(qtbot, coach, coach.schedule_button)
    for model in (coach.loss_model, coach.style_model, coach.drill_model, coach.effect_model):
        qtmodeltester.check(model, force_py=True)


def test_the_coach_shows_no_stored_codes(coach: CoachPanel, qtbot: QtBot) -> None:
    _click(qtbot, coach, coach.schedule_button)
    found = [(where, text) for where, text in widget_texts(coach) if codes_in(text)]
    assert found == []
