"""The letter part of the offer editor: choose a template, preview, export (.docx or PDF), email it, see what was
sent. The templates and the letters sent are read in the thread pool (panels/newest_load.py); until the newest
answer is back the buttons wait, so a letter is never written from the template list of the offer shown before.
A letter's plan (the offer's values, which name the file) is read in the thread pool too, before the file dialog:
read on the GUI thread it took 8 ms alone and 50 ms beside a worker."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.offers import OfferType
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.operations import Operations
from offerdesk.ui.panels.newest_load import NewestLoad, Work
from offerdesk.ui.record_status import RecordStatus

if TYPE_CHECKING:
    from offerdesk.services.letters.export import ExportRecord, LetterPlan
    from offerdesk.services.letters.library import TemplateInfo

WORD_FILTER = "Word document (*.docx)"
PDF_FILTER = "PDF document (*.pdf)"


def open_in_mail_client(draft: Path) -> bool:
    """Hand the .eml to the desktop, whose mail client opens it as a draft (the one call that leaves the app)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(draft)))


@dataclass(frozen=True)
class LettersRead:
    templates: list[TemplateInfo] | None  # None: not read again (only the letters sent changed)
    history: list[ExportRecord]


@dataclass(frozen=True)
class _Asked:
    """What a click asked for: the offer and template shown then, and the record its status line is about."""

    offer_id: int
    template: str | None
    record: Hashable


class LetterBox(QGroupBox):
    loaded = Signal()  # the box shows what was read for the newest request

    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__("Letter", parent)
        self._load = NewestLoad(self, self._reading, self._show, self._load_failed)
        self._templates_wanted = True  # False while only the letters sent are out of date
        self._services = services
        self._bus = bus
        self._prompter = prompter
        self._operations = Operations(bus, prompter, self)
        self._offer_id: int | None = None
        self._offer_type: OfferType | None = None
        self._planning = False  # a letter's plan is being read: another click waits for its file dialog
        self.template_choice = QComboBox(self)
        self.template_choice.setObjectName("letterTemplate")
        self.preview_button = QPushButton("Preview", self)
        self.export_button = QPushButton("Export .docx…", self)
        self.pdf_button = QPushButton("Export PDF…", self)
        self.email_button = QPushButton("Email the letter…", self)
        self.email_button.setObjectName("emailLetter")
        self.email_button.setToolTip(
            "A draft to the candidate with the letter attached, opened in your mail client to check and send"
        )
        self.email_text_button = QPushButton("Email text…", self)
        self.email_text_button.setObjectName("emailText")
        self.email_text_button.setToolTip("Edit the subject and text of the email a letter is sent with")
        self.status = QLabel(self)
        self.status.setObjectName("letterStatus")
        self.status.setWordWrap(True)
        self._status = RecordStatus(self.status)  # about one offer version: goes when another is shown
        self.history = QListWidget(self)
        self.history.setObjectName("letterHistory")
        self.history.setMaximumHeight(70)
        buttons = button_row(
            self.preview_button, self.export_button, self.pdf_button, self.email_button, self.email_text_button
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.template_choice)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(QLabel("Sent so far:", self))
        layout.addWidget(self.history)
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(lambda: self.export(pdf=False))
        self.pdf_button.clicked.connect(lambda: self.export(pdf=True))
        self.email_button.clicked.connect(self.email)
        self.email_text_button.clicked.connect(self.edit_email_text)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.template_choice, self.preview_button, self.export_button, self.pdf_button,
                       self.email_button):  # fmt: skip
            widget.setEnabled(enabled)

    @property
    def is_loading(self) -> bool:
        return self._load.is_loading

    def show_offer(self, offer_id: int | None, offer_type: OfferType | None, version: int | None = None) -> None:
        """Show the letters of this offer; the same offer and type again reload nothing (nothing changed).

        A status line about another offer, or an earlier version of this one, goes.
        """
        self._status.show_record((offer_id, version) if offer_id is not None else None)
        if (offer_id, offer_type) == (self._offer_id, self._offer_type) and offer_id is not None:
            return
        self._offer_id, self._offer_type = offer_id, offer_type
        self.reload()

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(Kind.TEMPLATES):
            self.reload()
        elif changes.touches(Kind.LETTERS):
            self._load.request()

    def reload(self) -> None:
        """Read the templates and the letters sent again; the buttons wait for the answer."""
        self._templates_wanted = True
        self._set_enabled(False)
        if self._offer_id is None:
            self.template_choice.clear()
            self.history.clear()
        self._load.request()

    def _reading(self) -> Work:
        templates, letters = self._services.templates, self._services.letters
        offer_id, all_of_it = self._offer_id, self._templates_wanted

        def read() -> LettersRead:
            if offer_id is None:
                return LettersRead([], [])
            return LettersRead(templates.list() if all_of_it else None, letters.history(offer_id))

        return read

    def _show(self, read: LettersRead) -> None:
        if read.templates is not None:
            self._templates_wanted = False
            self.template_choice.clear()
            suited = sorted(read.templates, key=lambda t: (t.offer_type != self._offer_type, not t.is_default, t.name))
            for template in suited:
                self.template_choice.addItem(template.name, template.name)
            self._set_enabled(self._offer_id is not None and bool(read.templates))
        self.history.clear()
        for record in read.history:
            pdf = " + PDF" if record.pdf_path else ""
            emailed = f" · prepared for email to {record.email_to}" if record.email_path else ""
            self.history.addItem(
                f"{fmt.moment(record.exported_at)} · v{record.version} · {record.template_name}{pdf} · "
                f"{Path(record.docx_path).name}{emailed}"
            )
        self.loaded.emit()

    def _load_failed(self, sentence: str) -> None:
        self.template_choice.clear()
        self.history.clear()
        self._status.say(f"The letters were not loaded: {sentence}")
        self.loaded.emit()

    def chosen_template(self) -> str | None:
        data = self.template_choice.currentData()
        return str(data) if data else None

    def preview(self) -> None:
        if self._offer_id is None:
            return
        offer_id, template, record = self._offer_id, self.chosen_template(), self._status.shown
        self._status.say("Preparing the preview…")

        self._operations.run_in_background(
            "No preview",
            lambda _signals: self._services.letters.preview_with_pdf(offer_id, template),
            self._show_preview,
            owner=self,
            initiator=self,
            on_error=lambda sentence: self._failed(sentence, record, "No preview"),
        )

    def _show_preview(self, result: Any) -> None:
        from offerdesk.ui.dialogs.letter_preview import LetterPreviewDialog

        docx, pdf = result
        self._status.clear()
        dialog = LetterPreviewDialog(docx, pdf, self)
        dialog.setModal(False)
        dialog.show()
        self.preview_dialog = dialog

    def _with_plan(self, title: str, then: Callable[[_Asked, LetterPlan], None]) -> None:
        """Read the shown offer's letter plan in the thread pool, then go on with it on the GUI thread."""
        if self._offer_id is None or self._planning:
            return
        asked = _Asked(self._offer_id, self.chosen_template(), self._status.shown)
        letters = self._services.letters
        self._planning = True

        def planned(plan: LetterPlan) -> None:
            self._planning = False
            then(asked, plan)

        def failed(sentence: str) -> None:
            self._planning = False
            self._prompter.error(title, sentence)

        self._operations.run_in_background(
            title, lambda _signals: letters.plan(asked.offer_id, asked.template), planned, owner=self, on_error=failed
        )

    def export(self, pdf: bool) -> None:
        self._with_plan("Letter not written", lambda asked, plan: self._export(asked, plan, pdf))

    def _export(self, asked: _Asked, plan: LetterPlan, pdf: bool) -> None:
        letters, offer_id, template, record = self._services.letters, asked.offer_id, asked.template, asked.record
        suggested = letters.default_target(plan)
        if pdf:
            chosen = self._prompter.save_file("Export letter as PDF", suggested.with_suffix(".pdf"), PDF_FILTER,
                                              purpose="letters")  # fmt: skip
        else:
            chosen = self._prompter.save_file("Export letter", suggested, WORD_FILTER, purpose="letters")
        if chosen is None:
            return
        target = chosen.with_suffix(".docx")  # a PDF is made from the Word letter, written beside it
        self._status.say("Writing the letter…", about=record)

        self._operations.run_in_background(
            "Letter not written",
            lambda _signals: letters.export(offer_id, template, target, pdf=pdf, plan=plan),
            lambda written: self._exported(written, record),
            owner=self,
            initiator=self,
            on_error=lambda sentence: self._failed(sentence, record),
        )

    def email(self) -> None:
        """Write the draft into the letters folder (the letter beside it) and open it in the mail client."""
        self._with_plan("Email not prepared", self._email)

    def _email(self, asked: _Asked, plan: LetterPlan) -> None:
        drafts, offer_id, template, record = self._services.email_drafts, asked.offer_id, asked.template, asked.record
        title = "Email not prepared"
        target = drafts.default_target(plan)
        self._status.say("Preparing the email…", about=record)
        self._operations.run_in_background(
            title,
            lambda _signals: drafts.write(offer_id, target, template, plan=plan),
            lambda draft: self._emailed(draft, record),
            owner=self,
            initiator=self,
            on_error=lambda sentence: self._failed(sentence, record, title),
        )

    def _emailed(self, draft: Any, record: Hashable) -> None:
        if open_in_mail_client(draft.path):
            text = f"Prepared for email to {draft.to}: the draft is open in your mail client to check and send."
        else:
            text = f"Prepared for email to {draft.to}, but no mail client opened it: open {draft.path} to send it."
        self._status.say(text, about=record)

    def edit_email_text(self) -> None:
        from offerdesk.ui.dialogs.email_template import EmailTemplateDialog

        dialog = EmailTemplateDialog(self._services, self._bus, self._offer_id, self)
        dialog.setModal(False)
        dialog.show()
        self.email_dialog = dialog

    def _exported(self, written: Any, record: Hashable) -> None:
        """Said under the offer the letter is of; if the user has moved on, its history records it."""
        docx, pdf = written
        text = f"Saved {pdf} (the Word letter {docx.name} is beside it)" if pdf else f"Saved {docx}"
        self._status.say(text, about=record)

    def _failed(self, sentence: str, record: Hashable, title: str = "Letter not written") -> None:
        self._status.say("", about=record)
        self._prompter.error(title, sentence)
