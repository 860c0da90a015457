"""The window's Undo (Edit ▸ Undo, Ctrl+Z): the session's undo records, the most recent taken back first.

Use cases that can be undone answer with a Qt-free `UndoRecord` (a delete, an archive, an offer's status move, a
follow-up marked done); whoever ran one pushes it here. The menu item names what the next Undo takes back, and
closing the window ends the session: nothing is undone after that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeySequence

from offerdesk.errors import DatabaseError, OfferDeskError
from offerdesk.services.changes import Outcome
from offerdesk.services.undo import UndoRecord

if TYPE_CHECKING:
    from offerdesk.ui.main_window import MainWindow

UNDO_TEXT = "&Undo"


def undo_keys() -> str:
    """The platform's Undo keys as the user reads them (“Ctrl+Z”, “⌘Z”), for sentences that mention them."""
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


class SessionUndo(QObject):
    undone = Signal(object)  # the UndoRecord just taken back

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.action = window.menu_actions.undo_delete
        self.records: list[UndoRecord] = []  # most recent last
        self.action.triggered.connect(self.undo)
        window.installEventFilter(self)
        self._update()

    def push(self, record: object) -> None:
        """Remember `record` (an UndoRecord; anything else, such as None for nothing to undo, is ignored)."""
        if isinstance(record, UndoRecord):
            self.records.append(record)
            self._update()

    def undo(self) -> None:
        if not self.records:
            return
        record = self.records[-1]
        refused: list[OfferDeskError] = []

        def take_back() -> Outcome[str]:
            try:
                return record.undo()
            except DatabaseError:
                raise  # the database was busy or away: the record stays for another try
            except OfferDeskError as error:
                refused.append(error)  # what it would reverse has moved on: it never can, so it leaves the stack
                raise

        done, sentence = self._window.operations.run("Not undone", take_back, initiator=self)
        if done or refused:
            self.records.remove(record)
        self._update()
        if done:
            self._window.statusBar().showMessage(str(sentence), 8000)
            self.undone.emit(record)

    def clear(self) -> None:
        self.records.clear()
        self._update()

    def _update(self) -> None:
        label = self.records[-1].label.replace("&", "&&") if self.records else ""
        self.action.setEnabled(bool(self.records))
        self.action.setText(f"{UNDO_TEXT} {label}" if label else UNDO_TEXT)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.clear()
        return False
