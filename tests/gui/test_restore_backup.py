"""File → Restore from Backup…: the dialog lists the backups, and restoring one brings its data back on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.dialogs.restore_backup import RestoreBackupDialog
from offerdesk.ui.main_window import MainWindow


def _names(window: MainWindow, qtbot: QtBot) -> set[str]:
    model = window.candidate_model
    qtbot.waitUntil(lambda: not model.is_loading)
    return {str(model.index(row, 0).data()) for row in range(model.rowCount())}


def test_restoring_a_backup_brings_back_a_deleted_candidate_in_the_list(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    services = window.services
    mine = services.candidate_records.create(CandidateDraft("Ana", "Ramírez", ("ana@example.com",))).value
    taken = services.backups.create("weekly")
    window.bus.publish(services.candidate_records.delete(mine).changes)
    assert "Ana Ramírez" not in _names(window, qtbot)

    dialog = RestoreBackupDialog(services.backups, window.operations, prompter, window)
    qtbot.addWidget(dialog)
    labels = [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())]
    assert sorted(labels) == ["before-delete", "weekly"]  # the delete backed up the database first
    weekly = labels.index("weekly")
    assert [dialog.table.item(weekly, c).text() for c in range(3)] == [taken.shown_time, "weekly", taken.shown_size]
    dialog.table.selectRow(weekly)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    kind, _, question = prompter.shown[-1]
    assert kind == "confirm" and taken.shown_time in question and "backed up first" in question
    assert "Ana Ramírez" in _names(window, qtbot)
    assert "Restored the backup of" in dialog.status.text()
    assert dialog.table.item(0, 1).text() == "before-restore"
