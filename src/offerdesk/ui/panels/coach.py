"""The coach page: the objections you lose on beside the team, the ask style that wins per offer type, drills on
the weakest, and whether real outcomes moved after practising. Numbers come from the coach service; the panel
only shows them and asks for drills or a practice."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.clock import today
from offerdesk.errors import OfferDeskError
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui import workers
from offerdesk.ui.models.roles import OBJECT_ROLE
from offerdesk.ui.models.row_table import RowTableModel
from offerdesk.ui.panels.coach_rows import (
    DRILL_COLUMNS,
    EFFECT_COLUMNS,
    MarkedTableModel,
    loss_columns,
    style_columns,
)
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.theme import tint
from offerdesk.ui.views import read_only_table

if TYPE_CHECKING:
    from offerdesk.services.coach import (
        AskStyleRow,
        CoachReport,
        CoachService,
        DrillView,
        ObjectionLoss,
        PracticeEffect,
    )

DEFAULT_DRILLS = 3
_WATCHED = (Kind.CALLS, Kind.OFFERS, Kind.CONTENT, Kind.SETTINGS)


def _box(title: str, parent: QWidget, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class CoachPanel(QWidget):
    """`practiseRequested` carries the objection code to practise; `changed` what scheduling drills changed."""

    practiseRequested = Signal(str)
    changed = Signal(object)
    closeRequested = Signal()
    reportShown = Signal()

    def __init__(self, coach: CoachService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coachPanel")
        self._coach = coach
        self.report: CoachReport | None = None
        self._generation = 0  # only the newest request's answer is shown
        self.today: date | None = None  # a test pins the day; the window uses the user's today
        title = QLabel("Coach", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.whose_label = QLabel(self)
        self.whose_label.setObjectName("coachWhose")
        self.whose_label.setWordWrap(True)
        self.back_button = QPushButton("Back to the desk", self)
        self.back_button.setObjectName("coachBack")
        self.back_button.clicked.connect(self.closeRequested)
        self.message = QLabel(self)
        self.message.setObjectName("coachMessage")
        self.message.setWordWrap(True)
        self.loss_model: RowTableModel[ObjectionLoss] = MarkedTableModel(loss_columns(self._alone), self)
        self.style_model: RowTableModel[AskStyleRow] = MarkedTableModel(style_columns(self._alone), self)
        self.drill_model: RowTableModel[DrillView] = RowTableModel(DRILL_COLUMNS, self)
        self.effect_model: RowTableModel[PracticeEffect] = MarkedTableModel(EFFECT_COLUMNS, self)
        self.loss_view = read_only_table(self.loss_model, self, "coachLosses")
        self.style_view = read_only_table(self.style_model, self, "coachAskStyles")
        self.drill_view = read_only_table(self.drill_model, self, "coachDrills")
        self.effect_view = read_only_table(self.effect_model, self, "coachPractice")
        self.drill_view.setWordWrap(True)
        self.drill_count = QSpinBox(self)
        self.drill_count.setObjectName("coachDrillCount")
        self.drill_count.setRange(1, 10)
        self.drill_count.setValue(DEFAULT_DRILLS)
        self.drill_count.setToolTip("How many of your weakest objections get a drill")
        self.schedule_button = QPushButton("Schedule drills on my weakest", self)
        self.schedule_button.setObjectName("coachSchedule")
        self.practise_button = QPushButton("Practise now", self)
        self.practise_button.setObjectName("coachPractise")
        self.practise_button.setToolTip("Open practice on the selected drill's objection (or the weakest one)")
        self.definition = QLabel(self)
        self.definition.setObjectName("coachDefinition")
        self.definition.setWordWrap(True)
        tint(self.definition, "muted")
        self._build_layout(title)
        self.schedule_button.clicked.connect(self.schedule_drills)
        self.practise_button.clicked.connect(self.practise_now)
        self.drill_view.doubleClicked.connect(lambda _index: self.practise_now())
        self._refresher = RefreshWhenVisible(self, self.refresh)

    def _build_layout(self, title: QLabel) -> None:
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.back_button)
        drill_buttons = QHBoxLayout()
        drill_buttons.addWidget(self.schedule_button)
        drill_buttons.addWidget(self.drill_count)
        drill_buttons.addStretch(1)
        drill_buttons.addWidget(self.practise_button)
        drills = _box("Practice drills", self, self.drill_view)
        drills_layout = drills.layout()
        assert isinstance(drills_layout, QVBoxLayout)
        drills_layout.addLayout(drill_buttons)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(_box("Objections you lose on, weakest first", self, self.loss_view))
        left.addWidget(_box("Ask style by offer type, best first", self, self.style_view))
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(drills)
        right.addWidget(_box("Practice and real outcomes: before the first practice and after", self,
                             self.effect_view))  # fmt: skip
        columns = QSplitter(Qt.Orientation.Horizontal, self)
        columns.setObjectName("coachColumns")
        columns.addWidget(left)
        columns.addWidget(right)
        columns.setSizes([600, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.whose_label)
        layout.addWidget(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.definition)

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(*_WATCHED):
            self._refresher.mark_stale()

    def _alone(self) -> bool:
        """Nobody else has calls here: the team figures are the recruiter's own, so only theirs are flagged."""
        return self.report is not None and not self.report.team_sentence

    def _today(self) -> date:
        return self.today or today()

    def refresh(self) -> None:
        """Computes the report in the thread pool, as the dashboard does: it reads every call and offer (0.7 s at
        20,000 offers and 8,000 calls, `bench/run.py coach`), which the window must not wait for."""
        coach, day = self._coach, self._today()
        self._generation += 1
        generation = self._generation
        self.whose_label.setText(self.report.whose + " Calculating…" if self.report else "Calculating…")

        def work(_signals: workers.TaskSignals) -> CoachReport:
            return coach.report(None, day)

        workers.start(
            self,
            work,
            lambda report: self._done(generation, report),
            lambda sentence, _details: self._failed(generation, sentence),
        )

    def _failed(self, generation: int, sentence: str) -> None:
        if generation == self._generation:
            self.whose_label.setText(self.report.whose if self.report else "")
            self._show_message(f"The coach could not read the calls: {sentence}", "bad")

    def _done(self, generation: int, report: CoachReport) -> None:
        if generation != self._generation:
            return
        self.report = report
        self.whose_label.setText(report.whose)
        self.loss_model.set_rows(report.losses)
        self.style_model.set_rows(report.ask_styles)
        self.drill_model.set_rows(report.drills)
        self.effect_model.set_rows(report.practice)
        alone = self._alone()
        for view, team_columns in ((self.loss_view, (3, 4)), (self.style_view, (4, 5))):
            for column in team_columns:
                view.setColumnHidden(column, alone)  # no one else's calls: the team would repeat yours
        self.drill_view.resizeRowsToContents()
        self.definition.setText(report.definition)
        self.practise_button.setEnabled(bool(report.drills or report.losses))
        self.reportShown.emit()

    def schedule_drills(self) -> None:
        try:
            added = self._coach.schedule_drills(None, self.drill_count.value(), self._today())
        except OfferDeskError as error:
            self._show_message(f"No drills scheduled: {error}", "bad")
            return
        if added:
            names = ", ".join(drill.label for drill in added)
            self._show_message(f"Scheduled {len(added)} drill{'' if len(added) == 1 else 's'}: {names}.", "good")
            self.changed.emit(self._coach.changes())
        else:
            self._show_message("No drill scheduled: every objection you lose on already has an open drill.", "muted")
        self.refresh()

    def selected_code(self) -> str | None:
        """The selected drill's objection, else the first open drill's, else the weakest objection's."""
        rows = self.drill_view.selectionModel().selectedRows()
        if rows:
            drill = rows[0].data(OBJECT_ROLE)
            return str(drill.code)
        report = self.report
        if report is None:
            return None
        open_drills = [drill for drill in report.drills if drill.is_open]
        if open_drills:
            return open_drills[0].code
        return report.losses[0].code if report.losses else None

    def practise_now(self) -> None:
        code = self.selected_code()
        if code is not None:
            self.practiseRequested.emit(code)

    def _show_message(self, text: str, kind: str) -> None:
        tint(self.message, kind)
        self.message.setText(text)
