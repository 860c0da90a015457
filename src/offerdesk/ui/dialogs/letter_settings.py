"""Company, signatory and recruiter details that letters are signed with (kept in the database, shared by a team)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.errors import EditConflict, OfferDeskError
from offerdesk.services.changes import Changes
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.settings import SETTINGS
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.window_geometry import FittedDialog


class LetterSettingsDialog(FittedDialog):
    def __init__(self, services: Services, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterSettings")
        self.setWindowTitle("Letter settings")
        self._services, self._bus = services, bus
        self.editors: dict[str, QLineEdit] = {}
        self.opened = services.settings.letter_settings()  # what a save says it changes: see save()
        form = QFormLayout()
        for key, value in self.opened.items():
            editor = QLineEdit(value, self)
            editor.setObjectName(f"setting:{key}")
            editor.setPlaceholderText(SETTINGS[key])
            self.editors[key] = editor
            form.addRow(key.replace(".", " ").replace("_", " ").capitalize(), editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("saveProblem")
        self.problem.setWordWrap(True)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setToolTip("Show the settings as saved now; what you typed here is dropped")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem, 1)
        problem_row.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(problem_row)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Write the settings changed here; one a teammate changed since it was shown is refused, not overwritten."""
        changes = Changes()
        try:
            for key, editor in self.editors.items():
                if editor.text().strip() != self.opened[key]:
                    changes = changes | self._services.settings.set(key, editor.text(), expected=self.opened[key])
                    self.opened[key] = editor.text().strip()
        except OfferDeskError as error:
            self.problem.setText(str(error))
            self.reload_button.setVisible(isinstance(error, EditConflict))
            return
        finally:
            self._bus.publish(changes)
        self.accept()

    def reload(self) -> None:
        """Show what is saved now (a teammate's change) in every field."""
        self.opened = self._services.settings.letter_settings()
        for key, editor in self.editors.items():
            editor.setText(self.opened[key])
        self.problem.setText("Reloaded: these are the settings as saved now.")
        self.reload_button.hide()
