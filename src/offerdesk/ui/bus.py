"""One signal for every write: services return Changes, the window publishes them, views refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from offerdesk.services.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
