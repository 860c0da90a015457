"""Adding or editing one candidate by hand: every field of the record, checked as it is typed.

The form checks each keystroke with the same `check_draft` the service runs, so a field is marked the moment it
goes wrong and Save is never offered for a draft the service would refuse. Saving goes through the window's
Operations, so the list and every panel refresh from the Changes it publishes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.candidate_record import CandidateDraft, StageChange, check_draft, display_phone
from offerdesk.domain.candidates import Stage
from offerdesk.services.candidates.records import DuplicateCandidateError
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.operations import Operations
from offerdesk.ui.theme import status_colour, tint
from offerdesk.ui.typed_date_edit import TypedDateEdit
from offerdesk.ui.views import vertical_scroll
from offerdesk.ui.window_geometry import FittedDialog

_Index = QModelIndex | QPersistentModelIndex


def _lines(box: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in box.toPlainText().splitlines() if line.strip())


def history_line(change: StageChange) -> str:
    """“2026-12-02 10:14 · Sam Rivera · Screening → Interviewing”, in local time (events are stored in UTC)."""
    when = datetime.fromisoformat(change.at_iso)
    local = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()
    to = change.to_stage.label
    move = f"{change.from_stage.label} → {to}" if change.from_stage else f"Added as {to}"
    parts = (local.strftime("%Y-%m-%d %H:%M"), change.actor, move)
    return " · ".join(part for part in parts if part)


class ListCompleter(QCompleter):
    """Completes the entry after the last comma of a comma-separated line and keeps the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rpartition(",")[2].strip()]

    def pathFromIndex(self, index: _Index) -> str:
        chosen = str(super().pathFromIndex(index))
        widget = self.widget()
        head = widget.text().rpartition(",")[0].strip() if isinstance(widget, QLineEdit) else ""
        return f"{head}, {chosen}" if head else chosen


class CandidateEditor(FittedDialog):
    """New candidate when `candidate_id` is None, else that candidate's record with its stage history."""

    saved = Signal(int)  # the id written
    openRequested = Signal(int)  # the candidate who already has the email typed

    def __init__(
        self, services: Services, operations: Operations, candidate_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("candidateEditor")
        self._records = services.candidate_records
        self._operations = operations
        self.candidate_id = candidate_id
        self._region = self._records.region()
        self._touched: set[str] = set()
        self._duplicate_id: int | None = None
        # The version is read before the record: a save in between makes the save ask, never overwrite.
        self.opened_version = self._records.row_version(candidate_id) if candidate_id is not None else None
        draft = self._records.draft(candidate_id) if candidate_id is not None else CandidateDraft()
        self.setWindowTitle(f"Edit {draft.full_name}" if candidate_id is not None else "New candidate")
        self.resize(620, 760)
        self._build_fields(services)
        self._build_layout(self._records.history(candidate_id) if candidate_id is not None else [])
        self.load(draft)
        if candidate_id is not None:
            self._touched.update(self.fields)  # a stored record's problems show at once
        self._connect_signals()
        self.validate()

    # -- building ----------------------------------------------------------------------------------------------
    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _box(self, name: str, accessible: str, placeholder: str, height: int = 58) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)  # Tab moves on, as in every other field; Enter starts the next entry
        box.setMaximumHeight(height)
        return box

    def _date(self, name: str, accessible: str) -> TypedDateEdit:
        edit = TypedDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _build_fields(self, services: Services) -> None:
        self.first_name = self._line("firstName", "First name")
        self.last_name = self._line("lastName", "Last name")
        self.emails = self._box("emails", "Email addresses", "one per line; the first is the primary")
        self.phones = self._box("phones", "Phone numbers", "one per line, e.g. +49 151 12345678")
        self.location = self._line("location", "Location", "city, country")
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        self.role.setAccessibleName("Role")
        self.role.addItem("No role", None)
        for role in services.roles.list(order_by_title=True):
            self.role.addItem(role.display_name, role.id)
        self.stage = QComboBox(self)
        self.stage.setObjectName("stage")
        self.stage.setAccessibleName("Stage")
        for stage in Stage:
            self.stage.addItem(stage.label, stage.value)
        self.source = self._line("source", "Source", "referral, LinkedIn, career site…")
        self.recruiter = self._line("recruiter", "Recruiter")
        recruiters = QCompleter(services.candidates.known_recruiters(), self.recruiter)
        recruiters.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.recruiter.setCompleter(recruiters)
        self.tags = self._line("tags", "Tags", "comma separated")
        tags = ListCompleter(QStringListModel(services.candidates.known_tags(), self), self.tags)
        tags.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(tags)
        self.notes = self._box("notes", "Notes", "", height=110)
        self.links = self._box("links", "Links", "one per line: LinkedIn, portfolio, ATS page…")
        self.consent = self._date("consentGivenOn", "Consent given on")
        self.retain_until = self._date("retainUntil", "Keep the record until")
        self.external_id = self._line("externalId", "External id", "the id in the ATS, if any")
        self.fields: dict[str, QWidget] = {
            "first_name": self.first_name, "last_name": self.last_name, "emails": self.emails,
            "phones": self.phones, "location": self.location, "source": self.source, "recruiter": self.recruiter,
            "tags": self.tags, "notes": self.notes, "links": self.links, "consent_given_on": self.consent,
            "retain_until": self.retain_until, "external_id": self.external_id,
        }  # fmt: skip

    def _build_layout(self, history: list[StageChange]) -> None:
        form = QFormLayout()
        form.addRow("&First name", self.first_name)
        form.addRow("&Last name", self.last_name)
        form.addRow("&Emails", self.emails)
        form.addRow("&Phones", self.phones)
        form.addRow("L&ocation", self.location)
        form.addRow("&Role", self.role)
        form.addRow("&Stage", self.stage)
        form.addRow("So&urce", self.source)
        form.addRow("Re&cruiter", self.recruiter)
        form.addRow("&Tags", self.tags)
        form.addRow("&Notes", self.notes)
        form.addRow("Lin&ks", self.links)
        form.addRow("Consent given on", self.consent)
        form.addRow("Keep until", self.retain_until)
        form.addRow("E&xternal id", self.external_id)
        self.history = QListWidget(self)
        self.history.setObjectName("stageHistory")
        self.history.setAccessibleName("Stage history")
        self.history.setMaximumHeight(90)
        self.history.addItems([history_line(change) for change in reversed(history)])  # the latest first
        self.problem = QLabel(self)
        self.problem.setObjectName("candidateProblem")
        self.problem.setAccessibleName("Problems")
        self.problem.setWordWrap(True)
        tint(self.problem, "bad")
        self.open_existing = QPushButton(self)
        self.open_existing.setObjectName("openExisting")
        self.open_existing.setAutoDefault(False)
        self.open_existing.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        fields = QWidget(self)  # the form scrolls on a short screen; the problem line and the buttons stay in view
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(form)
        if history:
            fields_layout.addWidget(QLabel("Stage history", fields))
            fields_layout.addWidget(self.history)
        else:
            self.history.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(vertical_scroll(fields, self), 1)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem, 1)
        problem_row.addWidget(self.open_existing)
        layout.addLayout(problem_row)
        layout.addWidget(buttons)
        bad = status_colour("bad").name()
        self.setStyleSheet(f'*[invalid="true"] {{ border: 1px solid {bad}; }}')

    def _connect_signals(self) -> None:
        for name, widget in self.fields.items():
            if isinstance(widget, TypedDateEdit):
                widget.changed.connect(lambda name=name: self._edited(name))
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _text, name=name: self._edited(name))
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(lambda name=name: self._edited(name))
        self.open_existing.clicked.connect(self._open_existing)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

    # -- the draft ---------------------------------------------------------------------------------------------
    def load(self, draft: CandidateDraft) -> None:
        self.first_name.setText(draft.first_name)
        self.last_name.setText(draft.last_name)
        self.emails.setPlainText("\n".join(draft.emails))
        self.phones.setPlainText("\n".join(display_phone(phone) for phone in draft.phones))
        self.location.setText(draft.location)
        self.role.setCurrentIndex(max(self.role.findData(draft.role_id), 0) if draft.role_id is not None else 0)
        self.stage.setCurrentIndex(list(Stage).index(draft.stage))
        self.source.setText(draft.source)
        self.recruiter.setText(draft.recruiter)
        self.tags.setText(", ".join(draft.tags))
        self.notes.setPlainText(draft.notes)
        self.links.setPlainText("\n".join(draft.links))
        self.consent.set_value(draft.consent_given_on)
        self.retain_until.set_value(draft.retain_until)
        self.external_id.setText(draft.external_id)

    def draft(self) -> CandidateDraft:
        role = self.role.currentData()
        return CandidateDraft(
            first_name=self.first_name.text(), last_name=self.last_name.text(),
            emails=_lines(self.emails), phones=_lines(self.phones), location=self.location.text(),
            role_id=int(role) if role is not None else None, stage=Stage(str(self.stage.currentData())),
            source=self.source.text(), recruiter=self.recruiter.text(), tags=(self.tags.text(),),
            notes=self.notes.toPlainText(), links=_lines(self.links),
            consent_given_on=self.consent.value(), retain_until=self.retain_until.value(),
            external_id=self.external_id.text(),
        )  # fmt: skip

    # -- checking ----------------------------------------------------------------------------------------------
    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self.validate()

    def validate(self) -> bool:
        """Mark the fields the user has touched that are wrong, list why, and offer Save only for a valid draft."""
        _cleaned, checked = check_draft(self.draft(), self._region)
        problems = [(problem.field, problem.message) for problem in checked]
        for name, label, edit in (("consent_given_on", "Consent given on", self.consent),
                                  ("retain_until", "Keep until", self.retain_until)):  # fmt: skip
            unreadable = edit.problem()
            if unreadable:  # an unreadable date is not “no date”: it stops the save
                problems.append((name, f"{label}: {unreadable}"))
        shown = [(field, message) for field, message in problems if field in self._touched]
        self._mark({field for field, _message in shown})
        self._show_problem("\n".join(message for _field, message in shown))
        self.save_button.setEnabled(not problems)
        return not problems

    def _mark(self, wrong: set[str]) -> None:
        """Flag the wrong fields with the `invalid` property the dialog's style sheet draws a red border for."""
        for name, widget in self.fields.items():
            if bool(widget.property("invalid")) != (name in wrong):
                widget.setProperty("invalid", name in wrong)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _show_problem(self, sentence: str, duplicate: DuplicateCandidateError | None = None) -> None:
        self.problem.setText(sentence)
        self._duplicate_id = duplicate.existing_id if duplicate is not None else None
        if duplicate is not None:
            self.open_existing.setText(f"Open {duplicate.existing_name}")
            self.open_existing.setAccessibleName(f"Open {duplicate.existing_name}")
        self.open_existing.setVisible(duplicate is not None)

    # -- saving ------------------------------------------------------------------------------------------------
    def save(self) -> None:
        self._touched.update(self.fields)
        if not self.validate():
            return
        draft, candidate_id, records, version = self.draft(), self.candidate_id, self._records, self.opened_version
        duplicates: list[DuplicateCandidateError] = []

        def write() -> object:
            try:
                if candidate_id is None:
                    return records.create(draft)
                return records.edit(candidate_id, draft, expected_version=version)
            except DuplicateCandidateError as error:
                duplicates.append(error)
                raise

        def failed(sentence: str) -> None:
            duplicate = duplicates[0] if duplicates else None
            if duplicate is not None and records.is_archived(duplicate.existing_id):
                duplicate = None  # the list does not show archived candidates: the sentence is all we can offer
            self._show_problem(sentence, duplicate)
            if duplicates:
                self._mark({"emails"})

        done, value = self._operations.run(
            "Candidate not saved", write, initiator=self, on_error=failed, reload=self.reload
        )
        if not done:
            return
        self.candidate_id = int(value) if candidate_id is None else candidate_id
        self.saved.emit(self.candidate_id)
        self.accept()

    def reload(self) -> None:
        """Show the record as saved now (a teammate's save), dropping what was typed here."""
        if self.candidate_id is None:
            return
        self.opened_version = self._records.row_version(self.candidate_id)
        self.load(self._records.draft(self.candidate_id))
        self._show_problem("Reloaded: this is the record as saved now.")

    def _open_existing(self) -> None:
        existing = self._duplicate_id
        if existing is not None:
            self.reject()
            self.openRequested.emit(existing)
