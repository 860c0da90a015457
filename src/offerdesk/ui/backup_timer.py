"""The open app's backups: the daily one at start, and a Qt timer asking every half hour whether one is due.

The decision (something was written since the last backup, which is half an hour old) is BackupService.due; this
only counts the window's writes, as its ChangeBus publishes them, and keeps the clock. Each backup is written in the
thread pool (it copies the whole database: seconds on a big one), one at a time, and closing the window waits for a
running one to end (workers.start's must_finish): a backup file appears whole or not at all.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from offerdesk.errors import OfferDeskError
from offerdesk.services.changes import Changes
from offerdesk.services.setup.backups import PERIODIC_BACKUP_EVERY, BackupInfo, BackupService
from offerdesk.ui import workers
from offerdesk.ui.bus import ChangeBus

log = logging.getLogger(__name__)
PERIODIC, DAILY = "The half-hourly backup was not made", "The daily backup was not made"


@dataclass(frozen=True)
class _NotMade:
    """A backup that failed in a way a user can do something about (the folder, the disk): said, never raised."""

    sentence: str


class BackupTimer(QObject):
    finished = Signal(object)  # the BackupInfo made, or None: none was due, or it failed (then said through `say`)

    def __init__(
        self, backups: BackupService, bus: ChangeBus, say: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        """`say` shows a sentence when a backup could not be made (the window's status line)."""
        super().__init__(parent)
        self._backups, self._say = backups, say
        self.changed = False
        self.running = False
        self._writes = 0  # the window's writes so far: one made during a backup may have missed it
        bus.changed.connect(self._written)
        self.timer = QTimer(self)
        self.timer.setInterval(int(PERIODIC_BACKUP_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(lambda: self.tick())
        self.timer.start()

    def _written(self, _changes: Changes, _initiator: object) -> None:
        self.changed = True
        self._writes += 1

    def tick(self, now: datetime | None = None) -> bool:
        """Start the periodic backup in the thread pool (it makes one only when due); False while one is running.

        `finished` says what it made; a failure is said and logged, and never stops the app."""
        backups, changed, writes = self._backups, self.changed, self._writes

        def periodic() -> BackupInfo | None:
            if not backups.due(now or datetime.now(UTC), changed):
                return None
            made = backups.create("auto")
            backups.prune(now=now)
            return made

        def done(made: BackupInfo | None) -> None:
            if made is not None and self._writes == writes:
                self.changed = False

        return self._start(periodic, PERIODIC, done)

    def back_up_at_start(self, interval: Callable[[], timedelta]) -> bool:
        """The daily backup, in the thread pool: one when the newest is older than `interval()` (read there, as it
        reads the database); False while another backup is running (that one is as fresh)."""
        backups = self._backups
        return self._start(lambda: backups.automatic(interval=interval()), DAILY, lambda _made: None)

    def _start(
        self, backup: Callable[[], BackupInfo | None], failure: str, done: Callable[[BackupInfo | None], None]
    ) -> bool:
        if self.running:
            return False
        self.running = True

        def work(_signals: workers.TaskSignals) -> BackupInfo | _NotMade | None:
            try:
                return backup()
            except (OfferDeskError, OSError, sqlite3.Error) as error:
                return _NotMade(str(error))

        def landed(result: Any) -> None:
            if isinstance(result, _NotMade):
                self._ended(None, failure, result.sentence)
            else:
                done(result)
                self._ended(result, failure, None)

        workers.start(
            self, work, landed, lambda sentence, _details: self._ended(None, failure, sentence), must_finish=True
        )
        return True

    def _ended(self, made: BackupInfo | None, failure: str, problem: str | None) -> None:
        self.running = False
        if problem is not None:
            log.warning("%s: %s", failure, problem)
            self._say(f"{failure}: {problem}")
        self.finished.emit(made)
