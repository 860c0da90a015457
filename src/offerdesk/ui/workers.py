"""Long work off the GUI thread: a callable runs in the thread pool and reports back through Qt signals.

The signals object is parented to the widget that asked, so a result never reaches a deleted widget, and the
window waits for running tasks when it closes. The signals object lives as long as that widget, so the callbacks
it calls are let go of once the result or failure is delivered: kept, they would hold whatever they captured (a
page of candidate rows for every search typed) for as long as the widget lives.
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
            self._tell("failed", str(error), "")
        except Exception as error:  # logged here, shown by the receiver; never lost in a thread
            details = traceback.format_exc()
            log.error("a background task failed\n%s", details)
            self._tell("failed", f"{error.__class__.__name__}: {error}", details)
        else:
            self._tell("finished", result)

    def _tell(self, signal: str, *args: Any) -> None:
        """Emit to the widget that asked; when it was deleted meanwhile (a closed window) the answer is nobody's."""
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:  # the signals object went with its owner
            log.debug("a background task ended after the widget that asked for it was deleted")


def start(
    owner: QObject,
    work: Callable[[TaskSignals], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str, str], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> Task:
    task = Task(work, owner)
    held: list[Any] = [on_done, on_error, on_progress]

    def done(result: Any) -> None:
        callback, held[:] = held[0], [None, None, None]
        if callback is not None:
            callback(result)

    def failed(sentence: str, details: str) -> None:
        callback, held[:] = held[1], [None, None, None]
        if callback is not None:
            callback(sentence, details)

    def progress(step: int, total: int) -> None:
        if held[2] is not None:
            held[2](step, total)

    task.signals.finished.connect(done)
    task.signals.failed.connect(failed)
    if on_progress is not None:
        task.signals.progress.connect(progress)
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_all(milliseconds: int = 30_000) -> bool:
    return bool(QThreadPool.globalInstance().waitForDone(milliseconds))
