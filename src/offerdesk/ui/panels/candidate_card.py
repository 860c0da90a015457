"""The selected candidate's primary email and phone, and every call logged with them: when, the answer, the notes
and the follow-up agreed, newest first. A call logged anywhere (the call view, the command line) shows here at
once, so the recruiter picking up the phone sees what was said last time. The card reads in the thread pool
(panels/newest_load.py): the newest candidate's answer is shown, an older one dropped."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.candidate_record import display_phone
from offerdesk.domain.candidates import CandidateDetail
from offerdesk.errors import NotFoundError
from offerdesk.services.callprep.calls import CallRecord, CallService
from offerdesk.services.candidates.listing import CandidateService
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.panels.newest_load import NewestLoad, Work
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.views import read_only_table


def outcome_text(outcome: CallOutcome) -> str:
    return outcome.value.replace("_", " ").capitalize()


def _link(scheme: str, target: str, shown: str) -> str:
    return f"<a href='{scheme}:{html.escape(target, quote=True)}'>{html.escape(shown)}</a>"


@dataclass(frozen=True)
class CardData:
    detail: CandidateDetail | None
    calls: list[CallRecord]


def read_card(candidates: CandidateService, calls: CallService, candidate_id: int | None) -> CardData:
    """In a worker: the candidate and their calls; a candidate removed meanwhile is no candidate."""
    if candidate_id is None:
        return CardData(None, [])
    try:
        detail = candidates.detail(candidate_id)
    except NotFoundError:
        return CardData(None, [])
    return CardData(detail, calls.list(candidate_id=detail.row.id))


class CandidateCard(QGroupBox):
    loaded = Signal()  # the card shows what was read for the newest request

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Contact and calls", parent)
        self.setObjectName("candidateCard")
        self._services = services
        self._candidate_id: int | None = None
        self._load = NewestLoad(self, self._reading, self._show, self._failed)
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

    @property
    def is_loading(self) -> bool:
        return self._load.is_loading

    def reload(self) -> None:
        """Read the candidate and their calls in the thread pool; shown when the newest answer is back."""
        self._load.request()

    def _reading(self) -> Work:
        candidates, calls, candidate_id = self._services.candidates, self._services.calls, self._candidate_id
        return lambda: read_card(candidates, calls, candidate_id)

    def _show(self, data: CardData) -> None:
        detail = data.detail
        if detail is None:
            self.email.setText("—")
            self.phone.setText("—")
        else:
            email, phone = detail.row.email, detail.phone
            self.email.setText(_link("mailto", email, email) if email else "—")
            self.phone.setText(_link("tel", phone, display_phone(phone)) if phone else "—")
        self.calls_model.set_rows(data.calls)
        self._show_calls()
        self.loaded.emit()

    def _failed(self, sentence: str) -> None:
        self.email.setText("—")
        self.phone.setText("—")
        self.calls_model.set_rows([])
        self._show_calls()
        self.no_calls.setText(f"The calls were not loaded: {sentence}")
        self.loaded.emit()

    def _show_calls(self) -> None:
        self.no_calls.setText("No calls logged yet.")
        has_calls = self.calls_model.rowCount() > 0
        self.no_calls.setVisible(not has_calls)
        self.calls_view.setVisible(has_calls)
        if has_calls:
            self.calls_view.resizeRowsToContents()
