"""Long work off the GUI thread: a callable runs in the thread pool and reports back through Qt signals.

The signals object is parented to the widget that asked, so a result never reaches a deleted widget, and the
window waits for running tasks when it closes. The signals object lives as long as that widget, so the callbacks
it calls are let go of once the result or failure is delivered: kept, they would hold whatever they captured (a
page of candidate rows for every search typed) for as long as the widget lives.

A task started with `must_finish` (a backup being written) is waited for at close however long it takes: the wait
for the others gives up after a while, but a backup is never cut half-way.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from offerdesk.errors import OfferDeskError

log = logging.getLogger("offerdesk.ui.workers")
_must_finish: set[threading.Event] = set()  # one per running task started with must_finish, set when it ends
_must_finish_lock = threading.Lock()


class TaskSignals(QObject):
    finished = Signal(object)  # the callable's result
    failed = Signal(str, str)  # sentence for the user, details (traceback) for the log or ""
    progress = Signal(int, int)  # done, total


class Task(QRunnable):
    def __init__(self, work: Callable[[TaskSignals], Any], owner: QObject, must_finish: bool = False) -> None:
        super().__init__()
        self.signals = TaskSignals(owner)
        self._work = work
        self._ended: threading.Event | None = None
        if must_finish:
            self._ended = threading.Event()
            with _must_finish_lock:
                _must_finish.add(self._ended)

    def run(self) -> None:
        try:
            self._run()
        finally:
            if self._ended is not None:
                with _must_finish_lock:
                    _must_finish.discard(self._ended)
                self._ended.set()

    def _run(self) -> None:
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
    *,
    must_finish: bool = False,
) -> Task:
    """`must_finish`: the app waits for this task at close however long it takes (see wait_for_all)."""
    task = Task(work, owner, must_finish)
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
    """Wait up to `milliseconds` for every task, and for the must-finish ones (a backup) until they have ended."""
    finished = bool(QThreadPool.globalInstance().waitForDone(milliseconds))
    with _must_finish_lock:
        pending = list(_must_finish)
    for ended in pending:
        ended.wait()
    return finished
