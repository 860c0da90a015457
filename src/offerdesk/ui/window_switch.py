"""Moving the window from one database to another (the local file ⇄ a team server) by building it anew.

Every panel holds the services it was built with, so switching opens the new database first, builds a new window
at the old one's place, and only then closes the old window and its services: a database that does not open leaves
the user where they were, told why. The choice is remembered for the next start (services.setup.team_connection).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from offerdesk.errors import OfferDeskError
from offerdesk.paths import AppPaths
from offerdesk.services.setup import team_connection
from offerdesk.services.setup.bootstrap import Services, StartupReport, WindowLock, lock_for_window, open_services
from offerdesk.services.setup.team_connection import is_server
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.unsent_drafts import reopen_unsent

log = logging.getLogger(__name__)

WindowReady = Callable[[MainWindow, Services, StartupReport | None], None]  # the start's per-window wiring


class WindowSwitcher(QObject):
    """Owns the one main window of the process and the database it is on."""

    def __init__(
        self, paths: AppPaths, prompter: Prompter, *, seed_demo_data: bool = True, on_window: WindowReady | None = None
    ) -> None:
        super().__init__()
        self.paths = paths
        self.prompter = prompter
        self.seed_demo_data = seed_demo_data
        self.on_window = on_window
        self.window: MainWindow | None = None
        self.services: Services | None = None
        self.lock: WindowLock | None = None

    @classmethod
    def adopting(cls, window: MainWindow) -> WindowSwitcher:
        """A switcher for a window built without one (its prompter, paths and services become the switcher's)."""
        switcher = cls(window.services.paths, window.prompter)
        switcher.window, switcher.services = window, window.services
        window.switcher = switcher
        return switcher

    def show(
        self,
        services: Services,
        report: StartupReport | None = None,
        lock: WindowLock | None = None,
        *,
        visible: bool = True,
    ) -> MainWindow:
        """Build and show the window on `services`."""
        window = MainWindow(services, ChangeBus(), self.prompter)
        window.switcher = self
        self.window, self.services, self.lock = window, services, lock
        if self.on_window is not None:
            self.on_window(window, services, report)
        if visible:
            window.show()
        QTimer.singleShot(0, window, lambda: reopen_unsent(window))  # terms a dropped server did not get
        return window

    def switch_to(self, db_url: str | None) -> bool:
        """Open `db_url` (None: the local database) and move the window onto it; False, said, when it cannot."""
        url = db_url or team_connection.local_url(self.paths)
        if self.services is not None and self.services.database.url == url:
            return True
        try:
            lock = lock_for_window(self.paths, url)
        except OfferDeskError as error:
            self.prompter.error("The database is open elsewhere", str(error))
            return False
        try:
            seed = self.seed_demo_data and not is_server(url)  # a team's new database starts with its own records
            services, report = open_services(self.paths, url, seed_demo_data=seed)
        except OfferDeskError as error:
            if lock is not None:
                lock.release()
            log.warning("cannot switch databases: %s", error)
            self.prompter.error("The database was not opened", f"{error} The window stays on the database it was on.")
            return False
        if is_server(url):
            team_connection.remember(self.paths, url)
        else:
            team_connection.forget(self.paths)
        self._replace(services, report, lock)
        return True

    def _replace(self, services: Services, report: StartupReport, lock: WindowLock | None) -> None:
        old_window, old_services, old_lock = self.window, self.services, self.lock
        if old_window is not None:
            old_window.save_window_state()  # the new window opens where this one is
        window = self.show(services, report, lock)  # first: closing the only window would end the app
        if self.prompter.parent is old_window:
            self.prompter.parent = window
        if old_window is not None:
            old_window.close()  # stops listening, waits for its background work
            old_window.deleteLater()
        if old_services is not None:
            old_services.close()
        if old_lock is not None:
            old_lock.release()
        window.statusBar().showMessage(f"Now working on {services.database.display_name}.", 10000)
