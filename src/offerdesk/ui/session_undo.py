"""The window's Undo (Edit ▸ Undo, Ctrl+Z): the session's undo records, the most recent taken back first.

Use cases that can be undone answer with a Qt-free `UndoRecord` (a delete, an archive, an offer's status move, a
follow-up marked done); whoever ran one pushes it here. The menu item names what the next Undo takes back, and
closing the window ends the session: nothing is undone after that.
"""

from __future__ import annotations

from collections.abc import Callable
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
        self.busy = False  # an undo is running off the GUI thread
        self.action.triggered.connect(self.undo)
        window.installEventFilter(self)
        self._update()

    def push(self, record: object) -> None:
        """Remember `record` (an UndoRecord; anything else, such as None for nothing to undo, is ignored)."""
        if isinstance(record, UndoRecord):
            self.records.append(record)
            self._update()

    def undo(self) -> None:
        if not self.records or self.busy:
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

        if record.in_background:
            self._undo_in_background(record, take_back, refused)
            return
        done, sentence = self._window.operations.run("Not undone", take_back, initiator=self)
        self._finished(record, done, refused, str(sentence) if done else "")

    def _undo_in_background(
        self, record: UndoRecord, take_back: Callable[[], Outcome[str]], refused: list[OfferDeskError]
    ) -> None:
        """The same undo on a worker thread, the menu item disabled meanwhile so it is not taken back twice."""
        self.busy = True
        self._update()

        def failed(sentence: str) -> None:
            self._finished(record, False, refused, "")
            self._window.prompter.error("Not undone", sentence)

        def done(sentence: object) -> None:
            self._finished(record, True, refused, str(sentence))

        self._window.operations.run_in_background(
            "Not undone", lambda _signals: take_back(), done, owner=self, initiator=self, on_error=failed
        )

    def _finished(self, record: UndoRecord, done: bool, refused: list[OfferDeskError], sentence: str) -> None:
        self.busy = False
        if (done or refused) and record in self.records:
            self.records.remove(record)
        self._update()
        if done:
            self._window.statusBar().showMessage(sentence, 8000)
            self.undone.emit(record)

    def clear(self) -> None:
        self.records.clear()
        self._update()

    def _update(self) -> None:
        label = self.records[-1].label.replace("&", "&&") if self.records else ""
        self.action.setEnabled(bool(self.records) and not self.busy)
        self.action.setText(f"{UNDO_TEXT} {label}" if label else UNDO_TEXT)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.clear()
        return False
