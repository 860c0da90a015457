"""The pre-close profile of one candidate: what they want, who decides, by when, and who else is courting them.

Amounts are typed in the interface's notation and checked as you type; nothing invalid is saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.candidates import CandidateDetail, CompetingProcess, CounterofferRisk, PreCloseProfile
from offerdesk.domain.labels import label
from offerdesk.domain.money import Money
from offerdesk.domain.typed_dates import date_hint, parse_typed_date, typed_date_text
from offerdesk.errors import EditConflict, OfferDeskError, ValidationError
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.theme import tint
from offerdesk.ui.typed_date_edit import TypedDateEdit
from offerdesk.ui.views import leave_on_tab, vertical_scroll
from offerdesk.ui.window_geometry import FittedDialog

KINDS = ("process", "offer", "counteroffer")


class ProfileEditorDialog(FittedDialog):
    def __init__(self, services: Services, bus: ChangeBus, candidate_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self._services, self._bus, self.candidate_id = services, bus, candidate_id
        self.opened_version = services.candidates.profile_version(candidate_id)  # before the profile: see save()
        detail: CandidateDetail = services.candidates.detail(candidate_id)
        profile = detail.profile
        self.setWindowTitle(f"Pre-close profile — {detail.row.full_name}")
        self.resize(720, 720)
        self.motivators = QPlainTextEdit(profile.motivators, self)
        self.criteria = QPlainTextEdit(profile.criteria, self)
        for box in (self.motivators, self.criteria):
            box.setMaximumHeight(60)
        self.decision_makers = QLineEdit(profile.decision_makers, self)
        self.timeline = QLineEdit(profile.timeline, self)
        self.deadline = TypedDateEdit(self)
        self.deadline.setObjectName("decisionDeadline")
        self.deadline.set_value(profile.decision_deadline)
        self.notice = QSpinBox(self)
        self.notice.setRange(-1, 730)
        self.notice.setSpecialValueText("unknown")
        self.notice.setSuffix(" days")
        self.notice.setValue(profile.notice_period_days if profile.notice_period_days is not None else -1)
        expected = profile.expected_pay
        self.currency = expected.currency if expected else self._default_currency(detail)
        self.expected_pay = QLineEdit(str(expected.amount) if expected else "", self)
        self.expected_pay.setObjectName("expectedPay")
        self.expected_pay.setPlaceholderText(f"per year, in {self.currency}")
        self.pay_problem = QLabel(self)
        self.pay_problem.setObjectName("payProblem")
        tint(self.pay_problem, "bad")
        self.risk = QComboBox(self)
        for risk in CounterofferRisk:
            self.risk.addItem(label(risk), risk.value)
        self.risk.setCurrentIndex(list(CounterofferRisk).index(profile.counteroffer_risk))
        self.readiness = QSpinBox(self)
        self.readiness.setRange(0, 10)
        self.readiness.setSpecialValueText("not scored")
        self.readiness.setValue(profile.readiness or 0)
        self.needs = QLineEdit(profile.needs, self)
        self.needs.setPlaceholderText("sponsorship, relocation, remote days…")
        self.competing = QTableWidget(0, 8, self)
        leave_on_tab(self.competing)
        self.competing.setObjectName("competingTable")
        self.competing.setHorizontalHeaderLabels(
            ["Company", "Kind", "Stage", f"Deadline ({date_hint(fmt.ui_locale())})", "Base pay", "Bonus at target",
             "Equity per year", "Sign-on"]
        )  # fmt: skip
        for process in detail.competing:
            self.add_competing(process)
        add, remove = QPushButton("Add", self), QPushButton("Remove", self)
        add.clicked.connect(lambda: self.add_competing(None))
        remove.clicked.connect(lambda: self.competing.removeRow(max(self.competing.currentRow(), 0)))
        self.problem = QLabel(self)
        self.problem.setObjectName("saveProblem")
        self.problem.setWordWrap(True)
        tint(self.problem, "bad")
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setObjectName("reloadProfile")
        self.reload_button.setToolTip("Show the profile as saved now; what you typed here is dropped")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        form = QFormLayout()
        form.addRow("Motivators / reasons for leaving", self.motivators)
        form.addRow("Decision criteria", self.criteria)
        form.addRow("Decision makers", self.decision_makers)
        form.addRow("Timeline", self.timeline)
        form.addRow("Decision deadline", self.deadline)
        form.addRow("Notice period", self.notice)
        form.addRow(f"Expected pay ({self.currency})", self.expected_pay)
        form.addRow("", self.pay_problem)
        form.addRow("Counteroffer risk", self.risk)
        form.addRow("Readiness (1–10)", self.readiness)
        form.addRow("Needs", self.needs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        fields = QWidget(self)  # the form scrolls on a short screen; the table, the problem and the buttons stay
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(vertical_scroll(fields, self), 2)
        layout.addWidget(QLabel("Other processes, offers and counteroffers", self))
        layout.addWidget(self.competing, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.problem, 1)
        problem_row.addWidget(self.reload_button)
        layout.addLayout(problem_row)
        layout.addWidget(buttons)
        self.expected_pay.textChanged.connect(self._check_pay)
        self.deadline.changed.connect(self._check_deadline)

    def _default_currency(self, detail: CandidateDetail) -> str:
        offers = self._services.offers.list(candidate_id=detail.row.id)
        return offers[0].currency if offers else "USD"

    def add_competing(self, process: CompetingProcess | None) -> None:
        row = self.competing.rowCount()
        self.competing.insertRow(row)
        kind = QComboBox(self.competing)
        kind.addItems(KINDS)
        if process is not None:
            kind.setCurrentText(process.kind)
        self.competing.setCellWidget(row, 1, kind)
        values: tuple[str, ...] = ("",) * 7
        if process is not None:
            amounts = tuple(str(m.amount) if m else "" for m in (process.base, process.bonus, process.equity_annual,
                                                                  process.sign_on))  # fmt: skip
            deadline = typed_date_text(process.deadline, fmt.ui_locale())
            values = (process.company, process.stage, deadline, *amounts)
        for column, text in zip((0, 2, 3, 4, 5, 6, 7), values, strict=True):
            self.competing.setItem(row, column, QTableWidgetItem(text))

    def _money(self, text: str) -> Money | None:
        return Money.parse(text, self.currency, fmt.ui_locale()) if text.strip() else None

    def _check_pay(self) -> bool:
        try:
            self._money(self.expected_pay.text())
        except OfferDeskError as error:
            self.pay_problem.setText(str(error))
            self.save_button.setEnabled(False)
            return False
        self.pay_problem.setText("")
        self.save_button.setEnabled(True)
        return True

    def _competing(self) -> list[CompetingProcess]:
        processes = []
        for row in range(self.competing.rowCount()):

            def cell(column: int, row: int = row) -> str:
                item = self.competing.item(row, column)
                return item.text().strip() if item is not None else ""

            if not any(cell(column) for column in (0, 2, 3, 4, 5, 6, 7)):
                continue
            kind = self.competing.cellWidget(row, 1)
            deadline_text = cell(3)
            try:
                deadline = parse_typed_date(deadline_text, fmt.ui_locale())
            except ValidationError as error:
                raise OfferDeskError(f"Row {row + 1}: {error}") from None
            try:
                base, bonus, equity, sign_on = (self._money(cell(column)) for column in (4, 5, 6, 7))
            except OfferDeskError as error:
                raise OfferDeskError(f"Row {row + 1}: {error}") from None
            processes.append(CompetingProcess(cell(0), kind.currentText() if isinstance(kind, QComboBox) else "process",
                                              cell(2), deadline, base=base, bonus=bonus, equity_annual=equity,
                                              sign_on=sign_on))  # fmt: skip
        return processes

    def profile(self) -> PreCloseProfile:
        return PreCloseProfile(
            motivators=self.motivators.toPlainText(), criteria=self.criteria.toPlainText(),
            decision_makers=self.decision_makers.text(), timeline=self.timeline.text(),
            notice_period_days=None if self.notice.value() < 0 else self.notice.value(),
            expected_pay=self._money(self.expected_pay.text()),
            counteroffer_risk=CounterofferRisk(str(self.risk.currentData())),
            readiness=self.readiness.value() or None, needs=self.needs.text(),
            decision_deadline=self.deadline.value(),
        )  # fmt: skip

    def _check_deadline(self) -> bool:
        problem = self.deadline.problem()
        self.problem.setText(f"Decision deadline: {problem}" if problem else "")
        return problem is None

    def save(self) -> None:
        if not self._check_pay() or not self._check_deadline():
            return
        try:
            changes = self._services.candidates.update_profile(
                self.candidate_id, self.profile(), self._competing(), expected_version=self.opened_version
            )
        except OfferDeskError as error:
            self.problem.setText(str(error))
            self.reload_button.setVisible(isinstance(error, EditConflict))
            return
        self._bus.publish(changes)
        self.accept()

    def reload(self) -> None:
        """A teammate saved the profile: show theirs (what was typed here is dropped, as the button says)."""
        self.opened_version = self._services.candidates.profile_version(self.candidate_id)
        detail = self._services.candidates.detail(self.candidate_id)
        profile = detail.profile
        self.motivators.setPlainText(profile.motivators)
        self.criteria.setPlainText(profile.criteria)
        self.decision_makers.setText(profile.decision_makers)
        self.timeline.setText(profile.timeline)
        self.deadline.set_value(profile.decision_deadline)
        self.notice.setValue(profile.notice_period_days if profile.notice_period_days is not None else -1)
        self.expected_pay.setText(str(profile.expected_pay.amount) if profile.expected_pay else "")
        self.risk.setCurrentIndex(list(CounterofferRisk).index(profile.counteroffer_risk))
        self.readiness.setValue(profile.readiness or 0)
        self.needs.setText(profile.needs)
        self.competing.setRowCount(0)
        for process in detail.competing:
            self.add_competing(process)
        self.problem.setText("Reloaded: this is the profile as saved now.")
        self.reload_button.hide()
