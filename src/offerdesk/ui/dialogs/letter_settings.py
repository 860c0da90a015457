"""Company, signatory and recruiter details that letters are signed with (kept in the database, shared by a team)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from offerdesk.services.changes import Changes
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.settings import SETTINGS
from offerdesk.ui.bus import ChangeBus


class LetterSettingsDialog(QDialog):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterSettings")
        self.setWindowTitle("Letter settings")
        self._services, self._bus = services, bus
        self.editors: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, value in services.settings.letter_settings().items():
            editor = QLineEdit(value, self)
            editor.setObjectName(f"setting:{key}")
            editor.setPlaceholderText(SETTINGS[key])
            self.editors[key] = editor
            form.addRow(key.replace(".", " ").replace("_", " ").capitalize(), editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        changes = Changes()
        current = self._services.settings.letter_settings()
        for key, editor in self.editors.items():
            if editor.text().strip() != current[key]:
                changes = changes | self._services.settings.set(key, editor.text())
        self._bus.publish(changes)
        self.accept()
