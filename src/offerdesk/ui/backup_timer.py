"""The open app's periodic backup: a Qt timer asks the backup service every half hour whether one is due.

The decision (something was written since the last backup, which is half an hour old) is BackupService.due; this
only counts the window's writes, as its ChangeBus publishes them, and keeps the clock.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer

from offerdesk.errors import OfferDeskError
from offerdesk.services.changes import Changes
from offerdesk.services.setup.backups import PERIODIC_BACKUP_EVERY, BackupInfo, BackupService
from offerdesk.ui.bus import ChangeBus

log = logging.getLogger(__name__)


class BackupTimer(QObject):
    def __init__(
        self, backups: BackupService, bus: ChangeBus, say: Callable[[str], None], parent: QObject | None = None
    ) -> None:
        """`say` shows a sentence when a backup could not be made (the window's status line)."""
        super().__init__(parent)
        self._backups, self._say = backups, say
        self.changed = False
        bus.changed.connect(self._written)
        self.timer = QTimer(self)
        self.timer.setInterval(int(PERIODIC_BACKUP_EVERY.total_seconds() * 1000))
        self.timer.timeout.connect(lambda: self.tick())
        self.timer.start()

    def _written(self, _changes: Changes, _initiator: object) -> None:
        self.changed = True

    def tick(self, now: datetime | None = None) -> BackupInfo | None:
        """The backup made, or None when none was due; a failure is said and logged, and never stops the app."""
        if not self._backups.due(now or datetime.now(UTC), self.changed):
            return None
        try:
            made = self._backups.create("auto")
            self._backups.prune(now=now)
        except (OfferDeskError, OSError, sqlite3.Error) as error:
            log.warning("no periodic backup: %s", error)
            self._say(f"The half-hourly backup was not made: {error}")
            return None
        self.changed = False
        return made
