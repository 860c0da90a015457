"""The selected candidate's primary email and phone, and every call logged with them: when, the answer, the notes
and the follow-up agreed, newest first. A call logged anywhere (the call view, the command line) shows here at
once, so the recruiter picking up the phone sees what was said last time."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.candidate_record import display_phone
from offerdesk.errors import NotFoundError
from offerdesk.services.callprep.calls import CallRecord
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.views import read_only_table


def outcome_text(outcome: CallOutcome) -> str:
    return outcome.value.replace("_", " ").capitalize()


def _link(scheme: str, target: str, shown: str) -> str:
    return f"<a href='{scheme}:{html.escape(target, quote=True)}'>{html.escape(shown)}</a>"


class CandidateCard(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Contact and calls", parent)
        self.setObjectName("candidateCard")
        self._services = services
        self._candidate_id: int | None = None
        self._refresher = RefreshWhenVisible(self, self.reload)
        self.email = self._contact_label("candidateEmail")
        self.phone = self._contact_label("candidatePhone")
        self.calls_model: RowTableModel[CallRecord] = RowTableModel(
            [
                Column("When", lambda c: fmt.moment(c.started_at), lambda c: c.started_at.isoformat()),
                Column("Outcome", lambda c: outcome_text(c.outcome)),
                Column("Follow-up", lambda c: fmt.day(c.follow_up), lambda c: str(c.follow_up or "")),
                Column("Notes", lambda c: c.notes),
            ],
            self,
        )
        self.calls_view = read_only_table(self.calls_model, self, "callHistory")
        self.calls_view.setWordWrap(True)
        self.calls_view.setMinimumHeight(110)
        self.no_calls = QLabel("No calls logged yet.", self)
        self.no_calls.setObjectName("noCalls")
        form = QFormLayout()
        form.addRow("Email", self.email)
        form.addRow("Phone", self.phone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Call history", self))
        layout.addWidget(self.no_calls)
        layout.addWidget(self.calls_view)

    def _contact_label(self, name: str) -> QLabel:
        label = QLabel("—", self)
        label.setObjectName(name)
        label.setOpenExternalLinks(True)  # mailto: and tel: open the mail program and the softphone
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)  # links, and copying
        return label

    def show_candidate(self, candidate_id: int | None) -> None:
        self._candidate_id = candidate_id
        self._refresher.mark_stale()

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(Kind.CALLS, Kind.CANDIDATES, Kind.FOLLOW_UPS):
            self._refresher.mark_stale()

    def reload(self) -> None:
        detail = None
        if self._candidate_id is not None:
            try:
                detail = self._services.candidates.detail(self._candidate_id)
            except NotFoundError:
                detail = None
        if detail is None:
            self.email.setText("—")
            self.phone.setText("—")
            self.calls_model.set_rows([])
            self._show_calls()
            return
        email, phone = detail.row.email, detail.phone
        self.email.setText(_link("mailto", email, email) if email else "—")
        self.phone.setText(_link("tel", phone, display_phone(phone)) if phone else "—")
        self.calls_model.set_rows(self._services.calls.list(candidate_id=detail.row.id))
        self._show_calls()

    def _show_calls(self) -> None:
        has_calls = self.calls_model.rowCount() > 0
        self.no_calls.setVisible(not has_calls)
        self.calls_view.setVisible(has_calls)
        if has_calls:
            self.calls_view.resizeRowsToContents()
