"""The follow-ups panel: late follow-ups (in the theme's "bad" colour), today's, the week ahead, and the open offers
about to expire, so nothing that keeps a candidate warm is forgotten."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.wording import plural
from offerdesk.errors import NotFoundError
from offerdesk.services.callprep.followups import Agenda, ExpiringOffer, FollowUpService, FollowUpView
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.session_undo import undo_keys
from offerdesk.ui.theme import status_colour
from offerdesk.ui.views import read_only_table

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex

OVERDUE = "Overdue"
TODAY = "Today"
UPCOMING = "Next 7 days"


@dataclass(frozen=True)
class AgendaItem:
    """A follow-up with the agenda part it belongs to, so one table can show all three parts."""

    section: str
    follow_up: FollowUpView


@dataclass(frozen=True)
class ExpiringItem:
    offer: ExpiringOffer
    today: bool


class ColouredRowModel(RowTableModel[T]):
    """RowTableModel plus a text colour per row: colour is how urgency shows at a glance."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        colour: Callable[[T], QColor | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._colour = colour

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if not index.isValid() or not 0 <= index.row() < len(self._rows):
                return None
            return self._colour(self._rows[index.row()])
        return super().data(index, role)


def _follow_up_colour(item: AgendaItem) -> QColor | None:
    return status_colour("bad") if item.section == OVERDUE else None


def _offer_colour(item: ExpiringItem) -> QColor | None:
    return status_colour("warning") if item.today else None


FOLLOW_UP_COLUMNS: tuple[Column[AgendaItem], ...] = (
    Column("When", lambda i: i.section, lambda i: i.follow_up.due_on),
    Column("Due", lambda i: fmt.day(i.follow_up.due_on), lambda i: i.follow_up.due_on),
    Column("Candidate", lambda i: i.follow_up.candidate_name),
    Column("What", lambda i: i.follow_up.kind_label),
    Column("Note", lambda i: i.follow_up.note),
)
OFFER_COLUMNS: tuple[Column[ExpiringItem], ...] = (
    Column("Expires", lambda i: "Today" if i.today else fmt.day(i.offer.expires_on), lambda i: i.offer.expires_on),
    Column("Candidate", lambda i: i.offer.candidate_name),
    Column("Role", lambda i: i.offer.role_title),
    Column("Status", lambda i: i.offer.status.label),
)


def agenda_items(agenda: Agenda) -> list[AgendaItem]:
    return [
        *(AgendaItem(OVERDUE, f) for f in agenda.overdue),
        *(AgendaItem(TODAY, f) for f in agenda.due_today),
        *(AgendaItem(UPCOMING, f) for f in agenda.upcoming),
    ]


def expiring_items(agenda: Agenda) -> list[ExpiringItem]:
    return [
        *(ExpiringItem(o, today=True) for o in agenda.expiring_today),
        *(ExpiringItem(o, today=False) for o in agenda.expiring_this_week),
    ]


class FollowUpsPanel(QWidget):
    candidateChosen = Signal(int)  # candidate id of a double-clicked row
    changed = Signal(object)  # the Changes of a mark done, for the main window's bus
    undoable = Signal(object)  # the UndoRecord of a mark done, for the window's Undo

    def __init__(
        self, service: FollowUpService, parent: QWidget | None = None, *, prompter: Prompter | None = None
    ) -> None:
        super().__init__(parent)
        self._prompter = prompter or Prompter(self)
        self._refresher = RefreshWhenVisible(self, lambda: self.reload())
        self.setObjectName("followUpsPanel")
        self._service = service
        self.follow_up_model: ColouredRowModel[AgendaItem] = ColouredRowModel(
            FOLLOW_UP_COLUMNS, _follow_up_colour, self
        )
        self.offer_model: ColouredRowModel[ExpiringItem] = ColouredRowModel(OFFER_COLUMNS, _offer_colour, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("followUpSummary")
        self.summary.setWordWrap(True)
        self.follow_up_table = read_only_table(self.follow_up_model, self, "followUpTable", fit_columns=False)
        self.offer_table = read_only_table(self.offer_model, self, "expiringOfferTable", fit_columns=False)
        self.done_button = QPushButton("Mark done", self)
        self.done_button.setObjectName("markFollowUpDone")
        self.done_button.setToolTip("Mark the selected follow-up as done")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.follow_up_table, 2)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Offers expiring within a week:", self))
        layout.addWidget(self.offer_table, 1)
        self.done_button.clicked.connect(self.mark_done)
        self.follow_up_table.doubleClicked.connect(self._follow_up_double_clicked)
        self.offer_table.doubleClicked.connect(self._offer_double_clicked)
        self.follow_up_table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self.follow_up_model.modelReset.connect(self._update_button)
        self.reload()

    def reload(self) -> None:
        agenda = self._service.agenda()
        self.follow_up_model.set_rows(agenda_items(agenda))
        self.offer_model.set_rows(expiring_items(agenda))
        self.summary.setText(self._summary(agenda))

    @staticmethod
    def _summary(agenda: Agenda) -> str:
        if agenda.is_empty:
            return "Nothing due this week."
        expiring = len(agenda.expiring_today) + len(agenda.expiring_this_week)
        return (
            f"{len(agenda.overdue)} overdue · {len(agenda.due_today)} today · "
            f"{len(agenda.upcoming)} in the next 7 days · {plural(expiring, 'offer')} expiring"
        )

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        """Calls schedule follow-ups and offer moves change what is expiring; candidates carry the names."""
        if changes.touches(Kind.FOLLOW_UPS, Kind.CALLS, Kind.OFFERS, Kind.CANDIDATES):
            self._refresher.mark_stale()

    def selected_follow_up(self) -> FollowUpView | None:
        rows = self.follow_up_table.selectionModel().selectedRows()
        if not rows:
            return None
        items = self.follow_up_model.rows()
        row = rows[0].row()
        return items[row].follow_up if 0 <= row < len(items) else None

    def mark_done(self) -> None:
        """Asks first, naming the follow-up: done, it leaves the agenda (Undo puts it back in this session)."""
        chosen = self.selected_follow_up()
        if chosen is None:
            return
        question = (
            f"Mark “{chosen.kind_label}” for {chosen.candidate_name} (due {fmt.day(chosen.due_on)}) done? It leaves "
            f"the agenda; Undo ({undo_keys()}) puts it back until you close the window."
        )
        if not self._prompter.confirm("Mark follow-up done", question):
            return
        try:
            done = self._service.mark_done(chosen.id)
        except NotFoundError:
            # Someone else removed it (or its candidate) meanwhile: showing the current agenda is the answer.
            self.reload()
            return
        self.reload()
        self.changed.emit(done.changes)
        if done.value is not None:
            self.undoable.emit(done.value)

    def _update_button(self) -> None:
        self.done_button.setEnabled(self.selected_follow_up() is not None)

    def _follow_up_double_clicked(self, index: QModelIndex) -> None:
        items = self.follow_up_model.rows()
        if index.isValid() and 0 <= index.row() < len(items):
            self.candidateChosen.emit(items[index.row()].follow_up.candidate_id)

    def _offer_double_clicked(self, index: QModelIndex) -> None:
        items = self.offer_model.rows()
        if index.isValid() and 0 <= index.row() < len(items):
            self.candidateChosen.emit(items[index.row()].offer.candidate_id)
