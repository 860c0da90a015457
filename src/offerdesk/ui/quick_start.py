"""Paint first, load behind: the kept first page on the screen before SQLAlchemy, the services and the panels load.

Only the laptop's own database has a kept page; a team server, a second window on the same file, or a page that
a write has made stale all start the ordinary way (the window appears once it is built). Imports here are Qt and
the stdlib: everything heavy is imported on a worker thread while the frame keeps painting.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from offerdesk.errors import OfferDeskError
from offerdesk.paths import DB_URL_ENV, AppPaths
from offerdesk.services.setup.first_page import kept_first_page
from offerdesk.services.setup.local_lock import WindowLock, lock_local_database
from offerdesk.ui.start_frame import StartFrame
from offerdesk.ui.theme import apply_appearance, saved_appearance

log = logging.getLogger("offerdesk.quick_start")
PAINT_WAIT_MS = 2000  # a window system that never sends the paint does not hold the start back longer


@dataclass
class QuickStart:
    """The frame on the screen and the lock on the database it shows (passed on to the full window)."""

    frame: StartFrame
    lock: WindowLock


def paint_kept_page(app: QApplication, paths: AppPaths, db_url: str | None) -> QuickStart | None:
    """Show the kept page and wait for its first paint; None when this start must read the database first."""
    if db_url or os.environ.get(DB_URL_ENV) or paths.team_choice_file.exists():
        return None  # a team server, or one chosen last time: its window is read from the server
    database = paths.database_file
    try:
        lock = lock_local_database(paths)
    except (OfferDeskError, OSError):
        return None  # the ordinary start says which window has it
    page = kept_first_page(database)
    if page is None:
        lock.release()
        return None
    window_state = QSettings(str(paths.window_state_file), QSettings.Format.IniFormat)
    apply_appearance(app, saved_appearance(window_state))
    frame = StartFrame(page, window_state)
    loop = QEventLoop()
    frame.painted.connect(loop.quit)
    QTimer.singleShot(PAINT_WAIT_MS, loop.quit)
    frame.show()
    loop.exec()
    return QuickStart(frame, lock)


def import_behind(modules: Sequence[str]) -> None:
    """Import `modules` on a worker thread while the event loop keeps the frame answering the window system."""
    failure: list[BaseException] = []
    done = threading.Event()

    def work() -> None:
        try:
            for name in modules:
                importlib.import_module(name)
        except BaseException as error:  # re-raised on the GUI thread, where the start reports it
            failure.append(error)
        finally:
            done.set()

    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if done.is_set() else None)
    threading.Thread(target=work, name="offerdesk-imports", daemon=True).start()
    poll.start()
    if not done.is_set():
        loop.exec()
    poll.stop()
    if failure:
        raise failure[0]
