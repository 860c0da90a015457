"""The follow-ups panel: late follow-ups (in the theme's "bad" colour), today's, the week ahead, and the open offers
about to expire, so nothing that keeps a candidate warm is forgotten.

Follow-ups can be added by hand and rescheduled (Undo moves one back), and go to the recruiter's own calendar: one
as an .ics the calendar app opens ("Add to calendar"), or all of them with the coming decision deadlines and offer
expiries as a feed file to import or subscribe to.

The agenda is read in the thread pool (panels/newest_load.py): a change published while the tab is open never
waits for the database on the GUI thread, and only the newest answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.clock import today
from offerdesk.domain.wording import plural
from offerdesk.errors import NotFoundError, OfferDeskError
from offerdesk.services.callprep.calendar_feed import follow_up_file_name, local_zone, write_calendar
from offerdesk.services.callprep.followups import Agenda, ExpiringOffer, FollowUpService, FollowUpView, past_day
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.models.row_table import Column, RowTableModel
from offerdesk.ui.panels.newest_load import NewestLoad, Work
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.session_undo import undo_keys
from offerdesk.ui.theme import status_colour
from offerdesk.ui.views import read_only_table

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex

OVERDUE = "Overdue"
TODAY = "Today"
UPCOMING = "Next 7 days"
CALENDAR_FILTER = "Calendar files (*.ics)"
FEED_FILE_NAME = "offerdesk-follow-ups.ics"


def open_calendar_file(path: Path) -> bool:
    """Hand the .ics to the desktop, whose calendar app offers to add it; the one OS call, so tests can replace it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


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
    loaded = Signal()  # the panel shows the agenda read for the newest request

    def __init__(
        self,
        service: FollowUpService,
        parent: QWidget | None = None,
        *,
        prompter: Prompter | None = None,
        exports_dir: Path | None = None,
        zone: ZoneInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._prompter = prompter or Prompter(self)
        self.exports_dir = exports_dir  # where "Add to calendar" writes its file; None: ask where
        self.zone = zone or local_zone()
        self.follow_up_dialog: FollowUpDialog | None = None
        self._load = NewestLoad(self, self._reading, self._show, self._failed)
        self._after_load: list[Callable[[], None]] = []  # e.g. select the follow-up just added, once it is listed
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
        self.add_button = self._button("&Add follow-up…", "addFollowUp", "Add a follow-up by hand", self.add_follow_up)
        self.reschedule_button = self._button(
            "&Reschedule…", "rescheduleFollowUp", "Move the selected follow-up to another day", self.reschedule
        )
        self.calendar_button = self._button(
            "Add to &calendar", "addFollowUpToCalendar", "Open the selected follow-up in your calendar app",
            self.add_to_calendar,
        )  # fmt: skip
        self.feed_button = self._button(
            "Export calendar &feed…", "exportCalendarFeed",
            "Write every open follow-up, decision deadline and offer expiry to one .ics file to import or subscribe to",
            self.export_feed,
        )  # fmt: skip
        buttons = button_row(  # wraps when the tab is narrow, so the window still fits a small screen
            self.add_button, self.reschedule_button, self.done_button, self.calendar_button, self.feed_button
        )
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

    @property
    def is_loading(self) -> bool:
        return self._load.is_loading

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the agenda in the thread pool; `then` runs once the newest agenda is shown."""
        if then is not None:
            self._after_load.append(then)
        self._load.request()

    def _reading(self) -> Work:
        return self._service.agenda

    def _show(self, agenda: Agenda) -> None:
        self.follow_up_model.set_rows(agenda_items(agenda))
        self.offer_model.set_rows(expiring_items(agenda))
        self.summary.setText(self._summary(agenda))
        self._loaded()

    def _failed(self, sentence: str) -> None:
        self.follow_up_model.set_rows([])
        self.offer_model.set_rows([])
        self.summary.setText(f"The follow-ups were not loaded: {sentence}")
        self._loaded()

    def _loaded(self) -> None:
        waiting, self._after_load = self._after_load, []
        for step in waiting:
            step()
        self.loaded.emit()

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

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda: slot())
        return button

    def _update_button(self) -> None:
        chosen = self.selected_follow_up() is not None
        for button in (self.done_button, self.reschedule_button, self.calendar_button):
            button.setEnabled(chosen)

    # --- by hand: add and reschedule ------------------------------------------------------------------------------

    def add_follow_up(self) -> None:
        """A dialog to pick the candidate (the selected row's, to start with), the day and a note."""
        dialog = FollowUpDialog(self, choices=self._service.candidate_choices())
        chosen = self.selected_follow_up()
        if chosen is not None:
            dialog.candidate.choose(chosen.candidate_id)
        dialog.due.set_value(today())
        dialog.submitted.connect(lambda: self._save_new(dialog))
        self._open(dialog)

    def reschedule(self) -> None:
        chosen = self.selected_follow_up()
        if chosen is None:
            return
        dialog = FollowUpDialog(self, rescheduling=chosen)
        dialog.submitted.connect(lambda: self._save_move(dialog, chosen))
        self._open(dialog)

    def _open(self, dialog: FollowUpDialog) -> None:
        if self.follow_up_dialog is not None:
            self.follow_up_dialog.close()
        self.follow_up_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: FollowUpDialog) -> None:
        if self.follow_up_dialog is dialog:
            self.follow_up_dialog = None
        dialog.deleteLater()

    def _past_day_agreed(self, dialog: FollowUpDialog) -> bool:
        """A day gone by is most often a typo, but may be meant (one missed): ask, naming what happens."""
        day = dialog.due_on()
        warning = past_day(day) if day is not None else None
        return warning is None or self._prompter.confirm("Follow-up in the past", f"{warning} Keep that day?")

    def _save_new(self, dialog: FollowUpDialog) -> None:
        candidate_id, day = dialog.candidate_id(), dialog.due_on()
        if candidate_id is None or day is None or not self._past_day_agreed(dialog):
            return
        try:
            added = self._service.add(candidate_id, day, note=dialog.note_text())
        except OfferDeskError as error:
            dialog.show_problem(str(error))
            return
        dialog.accept()
        self.reload(then=lambda: self._select(added.value))
        self.changed.emit(added.changes)

    def _save_move(self, dialog: FollowUpDialog, chosen: FollowUpView) -> None:
        day = dialog.due_on()
        if day is None or not self._past_day_agreed(dialog):
            return
        try:
            moved = self._service.move(chosen.id, day)
        except OfferDeskError as error:
            dialog.show_problem(str(error))
            return
        dialog.accept()
        self.reload(then=lambda: self._select(chosen.id))
        self.changed.emit(moved.changes)
        if moved.value is not None:
            self.undoable.emit(moved.value)

    def _select(self, follow_up_id: int) -> None:
        """Show the follow-up just added or moved (it may be beyond the week shown: then nothing is selected)."""
        for row, item in enumerate(self.follow_up_model.rows()):
            if item.follow_up.id == follow_up_id:
                self.follow_up_table.selectRow(row)
                return

    # --- the calendar ---------------------------------------------------------------------------------------------

    def add_to_calendar(self) -> Path | None:
        """Write the selected follow-up as a one-event .ics and open it: the calendar app offers to add it.

        Its UID stays the same, so adding it again after a reschedule updates the event rather than doubling it.
        """
        chosen = self.selected_follow_up()
        if chosen is None:
            return None
        name = follow_up_file_name(chosen.id, chosen.due_on)
        if self.exports_dir is not None:
            target: Path | None = self.exports_dir / "calendar" / name
        else:
            target = self._prompter.save_file("Save follow-up as calendar file", name, CALENDAR_FILTER, "calendar")
        if target is None:
            return None
        written = self._write(lambda: self._service.follow_up_calendar(chosen.id, self.zone), target)
        if written is not None and not open_calendar_file(written):
            self._prompter.info(
                "Calendar file saved",
                f"No calendar app opened it. The follow-up is saved as\n{written}\n"
                "Import that file into your calendar.",
            )
        return written

    def export_feed(self) -> Path | None:
        """Every open follow-up plus the coming decision deadlines and expiries in one file, written whole."""
        target = self._prompter.save_file("Export calendar feed", FEED_FILE_NAME, CALENDAR_FILTER, "calendar")
        if target is None:
            return None
        written = self._write(lambda: self._service.feed_calendar(self.zone), target)
        if written is not None:
            self._prompter.info(
                "Calendar feed exported",
                f"Wrote the follow-ups, decision deadlines and offer expiries ({self.zone.key} time) to\n{written}\n\n"
                "Import it into your calendar, or subscribe to the file there: exporting again to the same file "
                "updates the same events.",
            )
        return written

    def _write(self, build: Callable[[], Any], target: Path) -> Path | None:
        try:
            write_calendar(build(), target)
        except OfferDeskError as error:
            self.reload()  # e.g. the follow-up was removed meanwhile: show what is there now
            self._prompter.error("Calendar file not written", str(error))
            return None
        except OSError as error:
            self._prompter.error(
                "Calendar file not written", f"The calendar file {target} cannot be written: {error.strerror or error}."
            )
            return None
        return target

    def _follow_up_double_clicked(self, index: QModelIndex) -> None:
        items = self.follow_up_model.rows()
        if index.isValid() and 0 <= index.row() < len(items):
            self.candidateChosen.emit(items[index.row()].follow_up.candidate_id)

    def _offer_double_clicked(self, index: QModelIndex) -> None:
        items = self.offer_model.rows()
        if index.isValid() and 0 <= index.row() < len(items):
            self.candidateChosen.emit(items[index.row()].offer.candidate_id)
