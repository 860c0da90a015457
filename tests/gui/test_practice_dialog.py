"""Practice mode from the keyboard: reveal the handler, tick the rubric, save, and see progress move."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offerdesk.services.callprep.practice import PracticeService
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import PracticeResult
from offerdesk.ui.dialogs.practice import PracticeDialog
from offerdesk.ui.models.roles import OBJECT_ROLE


@pytest.fixture
def dialog(qtbot: QtBot, services: Services) -> Iterator[PracticeDialog]:
    practice_dialog = PracticeDialog(PracticeService(services.database), services.content)
    qtbot.addWidget(practice_dialog)
    practice_dialog.show()
    qtbot.waitExposed(practice_dialog)
    practice_dialog.activateWindow()
    qtbot.waitActive(practice_dialog)
    yield practice_dialog
    practice_dialog.close()


def _history_row(dialog: PracticeDialog, code: str) -> int:
    model = dialog.history_model
    return next(row for row in range(model.rowCount()) if model.index(row, 0).data(OBJECT_ROLE).code == code)


def test_a_drill_from_the_keyboard_is_saved_and_shows_in_the_history(
    dialog: PracticeDialog, qtbot: QtBot, services: Services
) -> None:
    code = dialog.current_code
    assert code is not None
    prompt = dialog.prompt_label.text()
    assert prompt and dialog.timer_label.text().startswith("00:")
    assert not dialog.handler_view.isVisible() and dialog.handler_view.toPlainText() == ""

    qtbot.keyClick(dialog, Qt.Key.Key_R)
    assert dialog.handler_view.isVisible()
    probe = services.content.objections()[code].probe[0]
    assert probe in dialog.handler_view.toPlainText()

    qtbot.keyClick(dialog, Qt.Key.Key_1)
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert [name for name, box in dialog.rubric.items() if box.isChecked()] == ["acknowledged", "used_lever"]
    dialog.notes.setText("Paused well after the number")
    with qtbot.waitSignal(dialog.changes_made) as saved:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == [Changes.of(Kind.CONTENT)]

    with services.database.transaction() as session:
        [result] = session.scalars(select(PracticeResult)).all()
    assert result.objection_code == code
    assert (result.acknowledged, result.probed, result.used_lever, result.asked_again) == (True, False, True, False)
    assert result.notes == "Paused well after the number"
    row = _history_row(dialog, code)
    assert dialog.history_model.index(row, 1).data() == "1"
    assert dialog.history_model.index(row, 2).data() == "2.0"
    assert dialog.history_model.index(row, 3).data() == "2/4"

    assert dialog.current_code != code
    assert dialog.prompt_label.text() != prompt
    assert not dialog.handler_view.isVisible()
    assert not any(box.isChecked() for box in dialog.rubric.values())
    assert dialog.notes.text() == ""


def test_single_keys_type_into_the_notes_instead_of_acting(dialog: PracticeDialog, qtbot: QtBot) -> None:
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "r1")
    assert dialog.notes.text() == "r1"
    assert not dialog.handler_view.isVisible()
    assert not dialog.rubric["acknowledged"].isChecked()


def test_weakest_first_drills_an_objection_never_practised(dialog: PracticeDialog, services: Services) -> None:
    practice = PracticeService(services.database)
    for code in services.content.objections():
        if code != "STABILITY":
            practice.record(code, 30, True, True, True, True)
    dialog.mode_choice.setCurrentIndex(dialog.mode_choice.findData("weakest"))
    assert dialog.current_code == "STABILITY"
    assert dialog.timer_label.text() == "00:00"
    dialog.skip_button.click()  # skipping moves on even when the skipped drill is still the weakest
    assert dialog.current_code == "COMP_LOW"
    with services.database.transaction() as session:
        assert len(session.scalars(select(PracticeResult)).all()) == 12


def test_the_timer_runs_while_a_drill_is_shown(dialog: PracticeDialog, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: dialog.timer_label.text() == "00:01", timeout=3000)


def test_history_model_passes_the_model_tester(
    qtmodeltester: ModelTester, dialog: PracticeDialog, services: Services
) -> None:
    qtmodeltester.check(dialog.history_model, force_py=True)
    assert dialog.history_model.rowCount() == len(services.content.objections())
    assert [dialog.history_model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Objection", "Attempts", "Average", "Last", "Trend"
    ]  # fmt: skip
    dialog.save_button.click()
    qtmodeltester.check(dialog.history_model, force_py=True)
