"""Editing one offer: the terms form with undo, autosave of drafts, versions with diffs, status moves with their
reasons, approvals, the pay-band check while typing, the competing-offer comparison and the signed copy.

The autosave writes in the thread pool, one save at a time (typing meanwhile is saved once it lands), so a save that
waits for the database (another program writing, a slow server) never holds up the typing. Closing the editor, and
every save the recruiter asks for, first lets a running autosave land, so nothing typed is lost or saved twice."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.domain.compensation import BandPosition
from offerdesk.domain.labels import approval_label, reason_label
from offerdesk.domain.offer_conflict import OfferConflict
from offerdesk.domain.offer_diff import FieldChange, key_field_label
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.offers import (
    ALLOWED_TRANSITIONS,
    OfferRow,
    OfferStatus,
)
from offerdesk.errors import NotFoundError
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.offers.editing import DECISIONS, ApprovalView, VersionInfo
from offerdesk.services.offers.editor_opening import EditorOpening, EditorReads
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.offer_history_html import approvals_html, changes_html
from offerdesk.ui.dialogs.offer_saving import OfferSaving, RunningAutosave
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.dialogs.status_move_questions import StatusMoveQuestions
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.operations import Operations
from offerdesk.ui.panels.terms_form import TermsForm
from offerdesk.ui.session_undo import undo_keys
from offerdesk.ui.theme import status_colour
from offerdesk.ui.unsent_drafts import UnsentGuard
from offerdesk.ui.window_geometry import FittedDialog

AUTOSAVE_MS = 700
log = logging.getLogger("offerdesk.ui.dialogs.offer_editor")


def editor_reads(services: Services) -> EditorReads:
    """What the editor reads from, taken on the GUI thread (the services are made on first use)."""
    return EditorReads(services.offers, services.offer_editing, services.audit, services.compensation)


class OfferEditorDialog(FittedDialog, OfferSaving):
    undoable = Signal(object)  # the UndoRecord of a status move, for the window's Undo

    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, offer_id: int,
                 parent: QWidget | None = None, opening: EditorOpening | None = None,
                 form: TermsForm | None = None) -> None:  # fmt: skip
        """`opening`: what the editor shows first, read beforehand (off the GUI thread); else it is read here.
        `form`: its terms form, made beforehand (in a turn of the event loop of its own); else made here."""
        super().__init__(parent)
        self.setObjectName("offerEditor")
        self.resize(1250, 820)
        self._services, self._bus, self._prompter = services, bus, prompter
        self._operations = Operations(bus, prompter, self)
        self.offer_id = offer_id
        self.editing = services.offer_editing
        self.reads = editor_reads(services)
        self.form = form or TermsForm()  # placed in the dialog by _build
        self.header = QLabel(self)
        self.header.setObjectName("offerHeader")
        self.header.setWordWrap(True)
        self.band = QLabel(self)
        self.band.setObjectName("bandPosition")
        self.band.setWordWrap(True)
        self.saved = QLabel(self)
        self.saved.setObjectName("autosaveState")
        self.conflict_button = QPushButton("Compare with their save…", self)
        self.conflict_button.setObjectName("showConflict")
        self.conflict_button.setToolTip("A teammate saved this offer after you opened it: choose what to keep")
        self.conflict_button.hide()
        self.conflict: OfferConflict | None = None  # a teammate's save the typing here has not been settled with
        self.reason_code = QComboBox(self)
        self.reason_code.addItem("reason…", "")
        for code in DECLINE_REASONS:
            self.reason_code.addItem(reason_label(code), code)
        self.reason_text = QLineEdit(self)
        self.reason_text.setPlaceholderText("or say why in words")
        self.save_button = QPushButton("Save as new version", self)
        self.save_button.setObjectName("saveVersion")
        self.status_choice = QComboBox(self)
        self.move_button = QPushButton("Move…", self)
        self.move_button.setToolTip("Asks for what the move needs (a reason, the approver, how the letter went)")
        self.status_message = QLabel(self)
        self.status_message.setObjectName("statusMessage")
        self.status_message.setWordWrap(True)
        self.versions = QListWidget(self)
        self.versions.setObjectName("versionList")
        self.diff_from, self.diff_to = QComboBox(self), QComboBox(self)
        self.diff_view = QTextBrowser(self)
        self.diff_view.setObjectName("diffView")
        self.approvals = QTextBrowser(self)
        self.approver = QLineEdit(self)
        self.approver.setPlaceholderText("approver name")
        self.approver_role = QLineEdit(self)
        self.approver_role.setPlaceholderText("role")
        self.decision = QComboBox(self)
        for decision in DECISIONS:
            self.decision.addItem(approval_label(decision), decision)
        self.record_button = QPushButton("Record approval", self)
        self.record_button.setObjectName("recordApproval")
        self.changes_view = QTextBrowser(self)  # the audit log: who changed what, newest first
        self.changes_view.setObjectName("auditView")
        self.key_fields = QLineEdit(self)
        self.key_fields.setObjectName("keyFields")
        self.key_fields.setToolTip("A change to any of these fields voids the approvals (for every offer)")
        self.key_fields_button = QPushButton("Save key fields", self)
        self.compare_button = QPushButton("Compare with competing offers…", self)
        self.signed_button = QPushButton("Attach signed copy…", self)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._running: RunningAutosave | None = None
        self._save_again = False  # the timer fired while a save ran: save the newest typing once it lands
        self._build()
        self._connect()
        self.reload(opening)
        self.unsent = UnsentGuard(services, prompter, offer_id, self.row.candidate_name)
        self._follow_team_role()

    # -- layout -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(self.header)
        column.addWidget(self.band)
        column.addWidget(scroll, 1)
        column.addLayout(
            button_row(self.saved, self.conflict_button, self.reason_code, self.reason_text, self.save_button)
        )
        tabs = QTabWidget(self)
        history = QWidget(self)
        history_layout = QVBoxLayout(history)
        history_layout.addLayout(button_row(QLabel("Move to", history), self.status_choice, self.move_button))
        history_layout.addWidget(self.status_message)
        history_layout.addWidget(QLabel("Versions", history))
        history_layout.addWidget(self.versions)
        history_layout.addLayout(
            button_row(QLabel("Compare version", history), self.diff_from, QLabel("with", history), self.diff_to)
        )
        history_layout.addWidget(self.diff_view, 1)
        history_layout.addWidget(self.signed_button)
        tabs.addTab(history, "Status and versions")
        approvals = QWidget(self)
        approval_layout = QVBoxLayout(approvals)
        approval_layout.addWidget(self.approvals, 1)
        for widget in (self.approver, self.approver_role, self.decision, self.record_button):
            approval_layout.addWidget(widget)
        approval_layout.addWidget(QLabel("Fields whose change voids approvals:", approvals))
        approval_layout.addWidget(self.key_fields)
        approval_layout.addWidget(self.key_fields_button)
        tabs.addTab(approvals, "Approvals")
        tabs.addTab(self.changes_view, "Who changed what")
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(tabs, 1)
        right_layout.addWidget(self.compare_button)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([760, 490])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)

    def _connect(self) -> None:
        self.form.edited.connect(self._on_edited)
        self._autosave.timeout.connect(self.autosave)
        self.save_button.clicked.connect(self.save_version)
        self.conflict_button.clicked.connect(self.show_conflict)
        self.move_button.clicked.connect(self.move_status)
        self._bus.changed.connect(self._on_changes)
        self.diff_from.currentIndexChanged.connect(self.show_diff)
        self.diff_to.currentIndexChanged.connect(self.show_diff)
        self.record_button.clicked.connect(self.record_approval)
        self.key_fields_button.clicked.connect(self.save_key_fields)
        self.compare_button.clicked.connect(self.compare)
        self.signed_button.clicked.connect(self.attach_signed)

    # -- state ------------------------------------------------------------------------------------------------
    def reload(self, opening: EditorOpening | None = None) -> None:
        """Show the offer as saved: `opening` when it was read already, else read now."""
        shown = opening or self.reads.opening(self.offer_id, fmt.ui_locale())
        detail = shown.detail
        self.role_id = detail.role_id  # read once: the band check runs on every keystroke
        self.form.set_terms(detail.terms)
        self.opened_terms, self.opened_version = detail.terms, detail.row_version  # what a save says it changes
        self.conflict = None
        self.conflict_button.hide()
        self._show_status(detail.row)
        self._show_versions(shown.versions, shown.diff)
        self._show_approvals(shown.key_fields, shown.approvals)
        self.changes_view.setHtml(changes_html(shown.audit))
        self._show_band(shown.band)

    def _follow_team_role(self) -> None:
        """A recruiter's login may not record approvals (the server refuses it): say so before they try."""
        team = self._services.team
        if not team.may_approve():
            for widget in (self.approver, self.approver_role, self.decision, self.record_button):
                widget.setEnabled(False)
                widget.setToolTip(team.why_not("approve"))

    def _load_changes(self) -> None:
        self.changes_view.setHtml(changes_html(self._services.audit.audit_for_offer(self.offer_id, fmt.ui_locale())))

    def _show_status(self, row: OfferRow) -> None:
        self.row = row
        self.extended = row.status.is_extended
        self.setWindowTitle(f"Offer {self.offer_id} — {row.candidate_name}")
        self.header.setText(
            f"<b>{html.escape(row.candidate_name)}</b> · {row.offer_type.label} · "
            f"{row.status.label} · version {row.version}"
        )
        for widget in (self.reason_code, self.reason_text, self.save_button):
            widget.setVisible(self.extended and not row.status.is_final)
        self.saved.setText("Drafts save as you type." if not self.extended else "Changes make a new version.")
        self._load_status_choices()

    def _on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        """A move made elsewhere (Undo in the main window, say): show the status it left, keep what is typed."""
        if initiator is self or not self.isVisible() or not changes.touches(Kind.OFFERS):
            return
        try:
            row = self._services.offers.detail(self.offer_id).row
        except NotFoundError:
            return  # the offer went with its candidate; the window says so
        if row.status is not self.row.status:
            self._show_status(row)
            self._load_approvals()

    def _load_status_choices(self) -> None:
        self.status_choice.clear()
        for status in sorted(ALLOWED_TRANSITIONS[self.row.status], key=lambda s: list(OfferStatus).index(s)):
            self.status_choice.addItem(status.label, status.value)
        self.move_button.setEnabled(self.status_choice.count() > 0)

    def _load_versions(self) -> None:
        self._show_versions(self.editing.versions(self.offer_id), None)

    def _show_versions(self, versions: list[VersionInfo], diff: list[FieldChange] | None) -> None:
        """`diff`: the last two versions' changes, read already (None: read them here)."""
        self.versions.clear()
        for combo in (self.diff_from, self.diff_to):
            combo.blockSignals(True)
            combo.clear()
        for info in versions:
            reason = reason_label(info.reason_code) or info.reason_text
            self.versions.addItem(
                f"v{info.number} · {fmt.moment(info.created_at)}" + (f" · {reason}" if reason else "")
            )
            self.diff_from.addItem(f"v{info.number}", info.number)
            self.diff_to.addItem(f"v{info.number}", info.number)
        self.diff_from.setCurrentIndex(max(0, len(versions) - 2))
        self.diff_to.setCurrentIndex(len(versions) - 1)
        for combo in (self.diff_from, self.diff_to):
            combo.blockSignals(False)
        if diff is None or len(versions) < 2:
            self.show_diff()
        else:
            self._show_changes_between(diff)

    def save_key_fields(self) -> None:
        names = [name.strip() for name in self.key_fields.text().split(",") if name.strip()]
        done, _ = self._operations.run(
            "Key fields not saved", lambda: self.editing.set_key_fields(names), initiator=self
        )
        if done:
            self._load_approvals()

    def _load_approvals(self) -> None:
        self._show_approvals(self.editing.key_fields(), self.editing.approvals(self.offer_id))

    def _show_approvals(self, key_fields: tuple[str, ...], approvals: list[ApprovalView]) -> None:
        self.key_fields.setText(", ".join(key_field_label(name) for name in key_fields))
        self.approvals.setHtml(approvals_html(approvals))

    def _update_band(self) -> None:
        terms = self.form.terms()
        if terms is None:
            self.band.setText("")
            return
        self._show_band(self._services.compensation.position(terms, self.role_id, terms.location, fmt.ui_locale()))

    def _show_band(self, position: BandPosition | None) -> None:
        if position is None:
            self.band.setText("No pay band for this role and currency.")
            return
        colour = status_colour("good" if position.position == "within" else "warning").name()
        self.band.setText(f"<span style='color:{colour}'>{html.escape(position.sentence)}</span>")

    # -- actions ----------------------------------------------------------------------------------------------
    def _on_edited(self) -> None:
        """Every edit, undo and redo re-checks the terms: a "Not saved" about terms since put right goes at once."""
        self._update_band()
        problems = self.form.problems() if self.form.terms() is None else []
        if self.conflict is not None:
            return  # autosave waits until the teammate's save is settled; the notice stays
        if problems:
            self.saved.setText("Not saved: " + " ".join(problems))
        else:
            self.saved.setText("Saving…" if not self.extended else "Changes make a new version.")
        if not self.extended:
            self._autosave.start()

    def show_conflict(self) -> None:
        """The notice's button: compare what is typed now with the teammate's save, and choose."""
        terms = self.form.terms()
        if self.conflict is None:
            return
        if terms is None:
            self._prompter.error("Not saved", " ".join(self.form.problems()))
            return
        code, text = str(self.reason_code.currentData() or ""), self.reason_text.text()
        result = self._settle(self.conflict, terms, code, text)
        if result is not None:
            self.saved.setText(f"Saved {QTime.currentTime().toString('HH:mm:ss')}, with your teammate's save.")

    def restore_terms(self, terms: OfferTerms) -> None:
        """Terms kept on this computer while the server was away, back in the form (saved as typing is)."""
        self.form.set_terms(terms)
        self._on_edited()

    def save_version(self) -> None:
        terms = self.form.terms()
        if terms is None:
            self._prompter.error("Not saved", " ".join(self.form.problems()))
            return
        code, text = str(self.reason_code.currentData() or ""), self.reason_text.text()
        result = self._write(terms, code, text, quiet=False)
        if result is None:
            return
        self.reload()
        note = " Approvals need renewing." if result.approvals_voided else ""
        self.saved.setText("No changes." if result.unchanged else f"Saved as version {result.version}.{note}")

    def move_status(self) -> None:
        """Ask for what the move needs, confirm a move that loses the offer, then move; Undo can take it back."""
        data = self.status_choice.currentData()
        if not data:
            return
        target = OfferStatus(str(data))
        request = StatusMoveQuestions(self._prompter, self._services, self.offer_id).ask(target, self.row)
        if request is None:
            return
        done, moved = self._operations.run(
            "Status not changed",
            lambda: self._services.offers.move(self.offer_id, target, **request),
            initiator=self,
        )
        if not done:
            return
        self.reload()
        hint = f" Undo ({undo_keys()} in the main window) takes it back." if moved.undo is not None else ""
        self.status_message.setText(moved.sentence + hint)
        if moved.undo is not None:
            self.undoable.emit(moved.undo)

    def show_diff(self) -> None:
        first, second = self.diff_from.currentData(), self.diff_to.currentData()
        if first is None or second is None or first == second:
            self.diff_view.setHtml("Choose two different versions to compare.")
            return
        self._show_changes_between(self.editing.diff(self.offer_id, int(first), int(second), fmt.ui_locale()))

    def _show_changes_between(self, changes: list[FieldChange]) -> None:
        if not changes:
            self.diff_view.setHtml("No differences.")
            return
        rows = "".join(
            f"<tr><td><b>{html.escape(c.label)}</b></td><td>{html.escape(c.before)}</td>"
            f"<td>→</td><td>{html.escape(c.after)}</td></tr>"
            for c in changes
        )
        self.diff_view.setHtml(f"<table cellpadding='4'>{rows}</table>")

    def record_approval(self) -> None:
        decision: Any = self.decision.currentData()
        name, role = self.approver.text(), self.approver_role.text()
        done, _ = self._operations.run(
            "Approval not recorded",
            lambda: self.editing.record_approval(self.offer_id, name, role, decision),
            initiator=self,
        )
        if done:
            self._load_approvals()
            self._load_changes()

    def compare(self) -> None:
        from offerdesk.ui.dialogs.comparison import ComparisonDialog

        self.comparison = ComparisonDialog(self._services.compensation, self.row.candidate_id, self)
        self.comparison.changed.connect(lambda changes: self._bus.publish(changes, self.comparison))
        self.comparison.show()

    def attach_signed(self) -> None:
        source = self._prompter.open_file(
            "Attach the signed letter", "Documents (*.pdf *.docx *.png *.jpg)", purpose="signed letters"
        )
        if source is None:
            return
        version = self.row.version
        done, stored = self._operations.run(
            "Not attached", lambda: self.editing.attach_signed(self.offer_id, version, source), initiator=self
        )
        if not done:
            return
        self.saved.setText(f"Signed copy kept at {stored}")
        self._load_versions()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.unsent.ask_once_shown(self, self.restore_terms)

    def closeEvent(self, event: Any) -> None:
        if not self._saved_before_closing():
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Close and Escape end here too: a draft typed a moment ago is saved first, as on closing the window."""
        if self._saved_before_closing():
            super().done(result)  # else cancelled: the editor stays open with what was typed
