"""Long work off the GUI thread: a callable runs in the thread pool and reports back through Qt signals.

The signals object is parented to the widget that asked, so a result never reaches a deleted widget, and the
window waits for running tasks when it closes. It is deleted once its result or failure is delivered: kept, it
would hold the callbacks and, through them, every result they captured for as long as the widget lives.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from offerdesk.errors import OfferDeskError

log = logging.getLogger("offerdesk.ui.workers")


class TaskSignals(QObject):
    finished = Signal(object)  # the callable's result
    failed = Signal(str, str)  # sentence for the user, details (traceback) for the log or ""
    progress = Signal(int, int)  # done, total


class Task(QRunnable):
    def __init__(self, work: Callable[[TaskSignals], Any], owner: QObject) -> None:
        super().__init__()
        self.signals = TaskSignals(owner)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.signals)
        except OfferDeskError as error:
            self.signals.failed.emit(str(error), "")
        except Exception as error:  # logged here, shown by the receiver; never lost in a thread
            details = traceback.format_exc()
            log.error("a background task failed\n%s", details)
            self.signals.failed.emit(f"{error.__class__.__name__}: {error}", details)
        else:
            self.signals.finished.emit(result)


def start(
    owner: QObject,
    work: Callable[[TaskSignals], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str, str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    task = Task(work, owner)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    if on_progress is not None:
        task.signals.progress.connect(on_progress)
    task.signals.finished.connect(task.signals.deleteLater)  # after the callbacks: slots run in connection order
    task.signals.failed.connect(task.signals.deleteLater)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_all(milliseconds: int = 30_000) -> bool:
    return bool(QThreadPool.globalInstance().waitForDone(milliseconds))
