"""A message belongs to what it describes: it goes when the dialog shows something else."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow


def test_a_band_problem_goes_when_another_band_or_role_is_shown(window: MainWindow) -> None:
    window.show_pay_bands()
    dialog = window.bands_dialog
    dialog.band_min.setText("lots")
    dialog.save()
    assert dialog.problem.text()
    dialog.role_choice.setCurrentIndex(1)
    assert dialog.problem.text() == ""
    dialog.band_min.setText("lots")
    dialog.save()
    assert dialog.problem.text()
    dialog.table.selectRow(0)
    assert dialog.problem.text() == ""


def test_a_bulk_export_report_goes_when_other_offers_are_chosen(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    window.menu_actions.batch_export.trigger()
    dialog = window.batch_dialog
    prompter.files.append(tmp_path)
    dialog.choose_folder()
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("letter_sent"))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "written to" in dialog.message.text(), timeout=60_000)
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("approved"))
    assert dialog.message.text() == ""
    dialog.close()
