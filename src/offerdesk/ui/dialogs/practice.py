"""Practice mode: the candidate's objection on screen, a running clock, the handler hidden until the recruiter has
answered out loud, then a four-item self-score and the progress table.

Everything works from the keyboard so a drill never needs the mouse: R reveals, 1–4 tick the rubric, Ctrl+Enter
saves and moves on. Single-key shortcuts give way while the notes line has focus, so notes can be typed freely.
"""

from __future__ import annotations

import html
import random

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.errors import OfferDeskError
from offerdesk.services.callprep.content_queries import ContentService, ObjectionView
from offerdesk.services.callprep.practice import ObjectionProgress, PracticeService
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.panels.call_prep import fill
from offerdesk.ui.theme import tint
from offerdesk.ui.views import leave_on_tab
from offerdesk.ui.window_geometry import FittedDialog

RUBRIC = (
    ("acknowledged", "Acknowledged", "1"),
    ("probed", "Probed", "2"),
    ("used_lever", "Used a lever", "3"),
    ("asked_again", "Asked again", "4"),
)
MODES = (("Random", "random"), ("Weakest first", "weakest"))
TREND_LABELS = {"improving": "↑ improving", "steady": "→ steady", "slipping": "↓ slipping", "": ""}


def clock(seconds: int) -> str:
    minutes, rest = divmod(max(seconds, 0), 60)
    return f"{minutes:02d}:{rest:02d}"


def handler_html(objection: ObjectionView) -> str:
    """The handler as the call-prep panel shows it; merge fields stay visible as «placeholders» in practice."""

    def section(heading: str, items: tuple[str, ...]) -> str:
        if not items:
            return ""
        rows = "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items)
        return f"<h4>{heading}</h4><ul>{rows}</ul>"

    parts = [
        section("Probe", objection.probe),
        section("Levers", objection.levers),
        section("Avoid", objection.avoid),
    ]
    if objection.talk_track:
        parts.append(f"<h4>Talk track</h4><p>{fill(objection.talk_track, {})}</p>")
    return "".join(parts)


def _score_text(progress: ObjectionProgress) -> str:
    return "" if progress.last_score is None else f"{progress.last_score}/4"


def _average_text(progress: ObjectionProgress) -> str:
    return "" if progress.average_score is None else f"{progress.average_score:.1f}"


class PracticeDialog(FittedDialog):
    """Drills one objection at a time; `changes_made` carries what each save changed, for the change bus."""

    changes_made = Signal(object)

    def __init__(
        self,
        practice: PracticeService,
        content: ContentService,
        parent: QWidget | None = None,
        start_code: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("practiceDialog")
        self.setWindowTitle("Practise objections")
        self.resize(820, 720)
        self._practice, self._content = practice, content
        self._rng = random.Random()
        self._seconds = 0
        self._objection: ObjectionView | None = None
        self.current_code: str | None = None

        self.mode_choice = QComboBox(self)
        self.mode_choice.setObjectName("practiceMode")
        for label, mode in MODES:
            self.mode_choice.addItem(label, mode)
        self.topic_label = QLabel(self)
        self.topic_label.setObjectName("practiceTopic")
        self.prompt_label = QLabel(self)
        self.prompt_label.setObjectName("practicePrompt")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt_label.setMinimumHeight(90)
        font = self.prompt_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.prompt_label.setFont(font)
        self.timer_label = QLabel(clock(0), self)
        self.timer_label.setObjectName("practiceTimer")
        self.timer_label.setToolTip("Time on this drill")
        self.reveal_button = QPushButton("Reveal handler (R)", self)
        self.reveal_button.setObjectName("practiceReveal")
        self.handler_view = QTextBrowser(self)
        self.handler_view.setObjectName("practiceHandler")
        self.handler_view.setVisible(False)
        self.rubric: dict[str, QCheckBox] = {}
        for name, label, key in RUBRIC:
            box = QCheckBox(f"{label} ({key})", self)
            box.setObjectName(f"rubric_{name}")
            self.rubric[name] = box
        self.notes = QLineEdit(self)
        self.notes.setObjectName("practiceNotes")
        self.notes.setPlaceholderText("Notes: what to try next time")
        self.skip_button = QPushButton("Skip", self)
        self.skip_button.setToolTip("Next drill without saving this one")
        self.save_button = QPushButton("Save and next (Ctrl+Enter)", self)
        self.save_button.setObjectName("practiceSave")
        for button in (self.reveal_button, self.skip_button, self.save_button):
            button.setAutoDefault(False)  # a plain Enter in the notes line must not save or reveal by accident
        self.message = QLabel(self)
        self.message.setObjectName("practiceMessage")
        self.message.setWordWrap(True)
        self.history_model: RowTableModel[ObjectionProgress] = RowTableModel(
            [
                Column("Objection", lambda p: p.title),
                Column("Attempts", lambda p: str(p.attempts), lambda p: p.attempts),
                Column("Average", _average_text, lambda p: -1.0 if p.average_score is None else p.average_score),
                Column("Last", _score_text, lambda p: -1 if p.last_score is None else p.last_score),
                Column("Trend", lambda p: TREND_LABELS[p.trend], lambda p: p.trend),
            ],
            self,
        )
        self.history_view = self._history_table()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._build_layout()
        self._connect()
        self.refresh_history()
        self.next_drill(code=start_code)

    def _history_table(self) -> QTableView:
        view = QTableView(self)
        leave_on_tab(view)
        view.setObjectName("practiceHistory")
        view.setModel(self.history_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keeps the keyboard on the drill
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Order", self))
        top.addWidget(self.mode_choice)
        top.addStretch(1)
        top.addWidget(self.timer_label)
        score_box = QGroupBox("How did your answer go?", self)
        score_row = QHBoxLayout(score_box)
        for box in self.rubric.values():
            score_row.addWidget(box)
        score_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reveal_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.topic_label)
        layout.addWidget(self.prompt_label)
        layout.addWidget(self.handler_view, 2)
        layout.addWidget(score_box)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(QLabel("Progress, weakest first", self))
        layout.addWidget(self.history_view, 1)
        close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_buttons.rejected.connect(self.reject)
        layout.addWidget(close_buttons)

    def _connect(self) -> None:
        self._ticker.timeout.connect(self._tick)
        self.reveal_button.clicked.connect(self.toggle_handler)
        self.skip_button.clicked.connect(self.skip)
        self.save_button.clicked.connect(self.save_and_next)
        self.mode_choice.currentIndexChanged.connect(self._mode_changed)
        QShortcut(QKeySequence(Qt.Key.Key_R), self, self.toggle_handler)
        for name, _label, key in RUBRIC:
            QShortcut(QKeySequence(key), self, self.rubric[name].toggle)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(Qt.Modifier.CTRL | enter), self, self.save_and_next)

    @property
    def mode(self) -> str:
        return str(self.mode_choice.currentData())

    def next_drill(self, *, repeat_allowed: bool = False, code: str | None = None) -> None:
        """Show a new drill with a fresh clock, a hidden handler and a blank score.

        The drill just shown is skipped unless `repeat_allowed`: after a save or a skip the recruiter wants
        something else, but after a change of order the weakest may well be the one already on screen. `code`
        asks for that objection (the coach's drill) instead of the order's next one.
        """
        self._ticker.stop()
        exclude = None if repeat_allowed else self.current_code
        try:
            code = code or self._practice.next_drill(self.mode, self._rng, exclude=exclude)
            title, phrasings = self._practice.prompt(code)
            self._objection = self._content.objections().get(code)
        except OfferDeskError as error:
            self._show_nothing(str(error))
            return
        self.current_code = code
        self.topic_label.setText(title if phrasings else "")
        self.prompt_label.setText(f"“{self._rng.choice(phrasings)}”" if phrasings else title)
        self._set_handler_visible(False)
        for box in self.rubric.values():
            box.setChecked(False)
        self.notes.clear()
        self.save_button.setEnabled(True)
        self.skip_button.setEnabled(True)
        self.reveal_button.setEnabled(self._objection is not None)
        self._seconds = 0
        self.timer_label.setText(clock(0))
        if self.isVisible():
            self._ticker.start()
        if self.focusWidget() in (None, self.notes):
            self.reveal_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_nothing(self, sentence: str) -> None:
        self.current_code = None
        self._objection = None
        self.topic_label.setText("")
        self.prompt_label.setText("Nothing to practise.")
        self._set_handler_visible(False)
        for button in (self.reveal_button, self.skip_button, self.save_button):
            button.setEnabled(False)
        self._show_message(sentence, "bad")

    def toggle_handler(self) -> None:
        if self._objection is not None:
            self._set_handler_visible(not self.handler_view.isVisibleTo(self))

    def _set_handler_visible(self, visible: bool) -> None:
        # The text is only filled in on reveal, so nothing can be read ahead of answering.
        self.handler_view.setHtml(handler_html(self._objection) if visible and self._objection else "")
        self.handler_view.setVisible(visible)
        self.reveal_button.setText("Hide handler (R)" if visible else "Reveal handler (R)")

    def skip(self) -> None:
        self.message.clear()
        self.next_drill()

    def _mode_changed(self) -> None:
        self.message.clear()
        self.next_drill(repeat_allowed=True)  # the new order applies straight away

    def save_and_next(self) -> None:
        if self.current_code is None:
            return
        checked = {name: box.isChecked() for name, box in self.rubric.items()}
        try:
            changes = self._practice.record(
                self.current_code,
                self._seconds,
                checked["acknowledged"],
                checked["probed"],
                checked["used_lever"],
                checked["asked_again"],
                self.notes.text(),
            )
        except OfferDeskError as error:
            self._show_message(f"Not saved: {error}", "bad")
            return
        score = sum(checked.values())
        self._show_message(f"Saved: {score}/4 in {clock(self._seconds)}.", "good")
        self.changes_made.emit(changes)
        self.refresh_history()
        self.next_drill()

    def refresh_history(self) -> None:
        try:
            self.history_model.set_rows(self._practice.history())
        except OfferDeskError as error:
            self._show_message(str(error), "bad")

    def _show_message(self, text: str, kind: str) -> None:
        tint(self.message, kind)
        self.message.setText(text)

    def _tick(self) -> None:
        self._seconds += 1
        self.timer_label.setText(clock(self._seconds))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.current_code is not None:
            self._ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()  # the clock only runs while the drill is on screen
        super().hideEvent(event)
