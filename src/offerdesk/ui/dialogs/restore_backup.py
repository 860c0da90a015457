"""File → Restore from Backup…: the backups with their time, label and size; restoring asks first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offerdesk.services.changes import Changes, Outcome
from offerdesk.services.setup.backups import BackupInfo, BackupService
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.operations import Operations
from offerdesk.ui.views import leave_on_tab
from offerdesk.ui.window_geometry import FittedDialog


class RestoreBackupDialog(FittedDialog):
    def __init__(
        self, backups: BackupService, operations: Operations, prompter: Prompter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackup")
        self.setWindowTitle("Restore from backup")
        self._backups, self._operations, self._prompter = backups, operations, prompter
        self.shown: list[BackupInfo] = []
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(["Taken", "Label", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        leave_on_tab(self.table)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("&Restore…", self)
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self.reload()

    def reload(self) -> None:
        server = self._backups.not_applicable()
        if server:
            self.status.setText(server)
        self.shown = [] if server else self._backups.list()
        self.table.setRowCount(len(self.shown))
        for row, backup in enumerate(self.shown):
            for column, text in enumerate((backup.shown_time, backup.label, backup.shown_size)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                self.table.setItem(row, column, item)
        if self.shown:
            self.table.selectRow(0)
        elif not server:
            self.status.setText("No backups yet; OfferDesk makes one at start when the newest is a day old.")
        self.restore_button.setEnabled(bool(self.shown))

    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.shown):
            return
        backup = self.shown[row]
        if not self._prompter.confirm(
            "Restore from backup",
            f"Replace the current data with the backup of {backup.shown_time} ({backup.label})? "
            "The current data is backed up first, so this restore can be undone by restoring that copy.",
        ):
            return

        def restore() -> Outcome[str]:
            return Outcome(self._backups.restore(str(backup.path)), Changes.everything())

        done, sentence = self._operations.run("Backup not restored", restore, initiator=self)
        self.reload()
        if done:
            self.status.setText(sentence)
