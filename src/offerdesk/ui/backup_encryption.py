"""File → Encrypt Backups: the window's face of `offerdesk backup encrypt on|off` (a SQLite database only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from offerdesk.services.changes import Outcome

if TYPE_CHECKING:
    from offerdesk.ui.main_window import MainWindow

ON = (
    "New backups are encrypted with the backup key in this computer's keychain; "
    "`offerdesk backup key` shows the key, to keep it somewhere safe."
)
OFF = "New backups are not encrypted; encrypted ones already made stay encrypted."


def wire_backup_encryption(window: MainWindow, action: QAction) -> None:
    """A checkable action showing the setting; turning it on makes the key at once, so a keychain problem shows."""
    services = window.services
    action.setCheckable(True)
    server = services.backups.not_applicable()
    action.setEnabled(server is None)
    action.setChecked(server is None and services.settings.backup_encrypted())

    def switched(on: bool) -> None:
        def switch() -> Outcome[str]:
            if on:
                services.backups.keys.for_writing()
            return Outcome(ON if on else OFF, services.settings.set_backup_encrypted(on))

        done, sentence = window.operations.run("Backup encryption not changed", switch, initiator=window)
        if done:
            window.statusBar().showMessage(sentence, 15000)
        else:
            action.blockSignals(True)
            action.setChecked(not on)
            action.blockSignals(False)

    action.toggled.connect(switched)
