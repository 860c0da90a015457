"""A teammate's change on the shared server reaches the window's ChangeBus, on the GUI thread, within seconds.

The listener (services.change_listener) runs on a thread of its own; its notices cross to the GUI thread through a
queued Qt signal and are published on the bus like a change made here, so every view refreshes as it already does.
The window's own writes are skipped by the listener (it knows this process's connections), so a save is not
refreshed twice. On SQLite nothing is started.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from offerdesk.services.change_listener import ChangeListener
from offerdesk.services.changes import Changes
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus


class LiveChanges(QObject):
    heard = Signal(object)  # Changes, emitted on the listener's thread, received on the GUI thread

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._listener: ChangeListener | None = None
        self.heard.connect(self._publish, Qt.ConnectionType.QueuedConnection)

    def watch(self, services: Services) -> None:
        """Start listening to the services' database (instead of any before); nothing on SQLite."""
        self.stop()
        self._listener = ChangeListener.for_database(services.database, self.heard.emit)

    @property
    def listening(self) -> bool:
        """Whether notices are being heard now (LISTEN is in place on the server)."""
        return self._listener is not None and self._listener.connected.is_set()

    def _publish(self, changes: Changes) -> None:
        self._bus.publish(changes, self)

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()


def watch_server(bus: ChangeBus, services: Services, parent: QObject) -> LiveChanges:
    """The bridge for one window, already listening when its database is a server."""
    live = LiveChanges(bus, parent)
    live.watch(services)
    return live
