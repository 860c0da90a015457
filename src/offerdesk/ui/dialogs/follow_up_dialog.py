"""Adding a follow-up by hand (which candidate, which day, a note) or rescheduling one (a new day).

The dialog only collects and checks what was typed; the follow-ups panel saves through the service and closes the
dialog when that worked, or shows the service's sentence here, so nothing typed is lost on a mistake.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from offerdesk.services.callprep.followups import CandidateChoice, FollowUpView
from offerdesk.ui import format as fmt
from offerdesk.ui.typed_date_edit import TypedDateEdit
from offerdesk.ui.window_geometry import FittedDialog


def choice_text(choice: CandidateChoice) -> str:
    return f"{choice.name} — {choice.role_title}" if choice.role_title else choice.name


class CandidateCombo(QComboBox):
    """A candidate by name: type part of a name (or the role) and pick from what matches."""

    def __init__(self, choices: Sequence[CandidateChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in choices:
            self.addItem(choice_text(choice), choice.id)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        field = self.lineEdit()
        if field is not None:
            field.setPlaceholderText("Type part of a name")

    def chosen_id(self) -> int | None:
        """The candidate whose entry the text is, or the one entry it is part of (“rahman”); else None."""
        typed = self.currentText().strip().casefold()
        if not typed:
            return None
        texts = [self.itemText(index).casefold() for index in range(self.count())]
        matches = [index for index, text in enumerate(texts) if text == typed]
        matches = matches or [index for index, text in enumerate(texts) if typed in text]
        if len(matches) != 1:
            return None
        value = self.itemData(matches[0])
        return value if isinstance(value, int) else None

    def choose(self, candidate_id: int) -> None:
        self.setCurrentIndex(self.findData(candidate_id))


class FollowUpDialog(FittedDialog):
    """`submitted` carries nothing: the panel reads candidate_id(), due_on() and note() and calls the service."""

    submitted = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        choices: Sequence[CandidateChoice] = (),
        rescheduling: FollowUpView | None = None,
    ) -> None:
        super().__init__(parent)
        self.rescheduling = rescheduling
        self.setObjectName("followUpDialog")
        self.setWindowTitle("Reschedule follow-up" if rescheduling else "Add follow-up")
        form = QFormLayout()
        self.candidate = CandidateCombo(choices, self)
        self.candidate.setObjectName("followUpCandidate")
        self.due = TypedDateEdit(self)
        self.due.setObjectName("followUpDate")
        self.note = QLineEdit(self)
        self.note.setObjectName("followUpNote")
        if rescheduling is None:
            form.addRow("&Candidate:", self.candidate)
            form.addRow("&Due on:", self.due)
            form.addRow("&Note:", self.note)
        else:
            self.candidate.hide()
            self.note.hide()
            what = f"{rescheduling.kind_label} for {rescheduling.candidate_name}, due {fmt.day(rescheduling.due_on)}"
            form.addRow(QLabel(what, self))
            form.addRow("&New date:", self.due)
            self.due.set_value(rescheduling.due_on)
        self.problem = QLabel(self)
        self.problem.setObjectName("followUpProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Reschedule" if rescheduling else "Add")
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def candidate_id(self) -> int | None:
        return self.rescheduling.candidate_id if self.rescheduling else self.candidate.chosen_id()

    def due_on(self) -> date | None:
        return self.due.value()

    def note_text(self) -> str:
        return self.note.text()

    def show_problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()

    def _submit(self) -> None:
        """What can be checked here is; the rest (unknown candidate, a done follow-up) is the service's to say."""
        if self.rescheduling is None and self.candidate_id() is None:
            self.show_problem("Choose one candidate from the list (type part of their name to find them).")
            return
        problem = self.due.problem()
        if problem:
            self.show_problem(problem)
            return
        if self.due_on() is None:
            self.show_problem("Type the day the follow-up is due, or choose it from the calendar.")
            return
        self.problem.hide()
        self.submitted.emit()
