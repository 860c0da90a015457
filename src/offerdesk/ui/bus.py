"""One signal for every write: services return Changes, the window publishes them, views refresh themselves.

Each publish carries its initiator (the widget or dialog that made the change, or None), so a view can skip the
refresh of a change it made itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from offerdesk.services.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object, object)  # Changes, initiator

    def publish(self, changes: Changes, initiator: object | None = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)
