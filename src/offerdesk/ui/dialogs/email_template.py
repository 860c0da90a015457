"""The email a letter is sent with: the sender, and the subject and body templates, previewed on an offer."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.errors import OfferDeskError
from offerdesk.letters.email_text import DEFAULT_BODY, DEFAULT_SUBJECT, EmailTemplate
from offerdesk.services.changes import Changes
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.settings import SETTINGS
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.window_geometry import FittedDialog

PREVIEW_DELAY_MS = 300  # the preview follows the typing, once a pause shows the recruiter has stopped


class EmailTemplateDialog(FittedDialog):
    def __init__(
        self, services: Services, bus: ChangeBus, offer_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emailTemplate")
        self.setWindowTitle("Email template")
        self._services, self._bus, self._offer_id = services, bus, offer_id
        stored = self.opened = services.settings.email_settings()  # a save refuses what a teammate changed since
        self.sender_edit = QLineEdit(stored["email.from"], self)
        self.sender_edit.setObjectName("setting:email.from")
        self.sender_edit.setPlaceholderText(services.settings.all()["recruiter.email"] or SETTINGS["email.from"])
        self.subject = QLineEdit(stored["email.subject"] or DEFAULT_SUBJECT, self)
        self.subject.setObjectName("setting:email.subject")
        self.body = QPlainTextEdit(stored["email.body"] or DEFAULT_BODY, self)
        self.body.setObjectName("setting:email.body")
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("emailPreview")
        form = QFormLayout()
        form.addRow("From", self.sender_edit)
        form.addRow("Subject", self.subject)
        form.addRow("Text", self.body)
        hint = QLabel("Use the letter fields, e.g. {{ candidate.first_name }} (Letters → Fields lists them).", self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(QLabel("Preview:", self))
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.show_preview)
        self.subject.textChanged.connect(self._timer.start)
        self.body.textChanged.connect(self._timer.start)
        self.show_preview()

    def template(self) -> EmailTemplate:
        return EmailTemplate(self.subject.text().strip() or DEFAULT_SUBJECT, self.body.toPlainText() or DEFAULT_BODY)

    def show_preview(self) -> None:
        """The email as this offer's candidate would get it, or the sentence saying which field it cannot fill."""
        if self._offer_id is None:
            self.preview.setPlainText("Choose an offer to see its email here.")
            return
        try:
            filled = self._services.email_drafts.preview(self._offer_id, self.template())
        except OfferDeskError as error:
            self.preview.setPlainText(str(error))
            return
        self.preview.setPlainText(f"Subject: {filled.subject}\n\n{filled.text}")

    def save(self) -> None:
        """Stored as typed; a text equal to the default is stored empty, so it follows the default."""
        wanted = {
            "email.from": self.sender_edit.text().strip(),
            "email.subject": "" if self.subject.text().strip() == DEFAULT_SUBJECT else self.subject.text().strip(),
            "email.body": "" if self.body.toPlainText().strip() == DEFAULT_BODY.strip() else self.body.toPlainText(),
        }
        changes = Changes()
        try:
            for key, value in wanted.items():
                if value.strip() != self.opened[key]:
                    changes = changes | self._services.settings.set(key, value, expected=self.opened[key])
        except OfferDeskError as error:
            self.preview.setPlainText(str(error))
            return
        finally:
            self._bus.publish(changes)
        self.accept()
