"""Long work off the GUI thread: a callable runs in the thread pool and reports back through Qt signals.

The signals object is parented to the widget that asked, so a result never reaches a deleted widget, and the
window waits for running tasks when it closes. The callbacks it calls are let go of once the result or failure is
delivered: kept, they would hold whatever they captured (a page of candidate rows for every search typed). The
signals object itself (about 4 KB with its connections) is deleted when the widget starts its next task, once its
result was delivered and its thread is done with it: deleting it while the thread may still be inside `emit`
could crash, and kept, the list's signals would pile up by the thousand over a day of searches.

A task started with `must_finish` (a backup being written) is waited for at close however long it takes: the wait
for the others gives up after a while, but a backup is never cut half-way.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from offerdesk import window_turn
from offerdesk.errors import OfferDeskError
from offerdesk.ui.interpreter import beat_while_workers_run

log = logging.getLogger("offerdesk.ui.workers")
_must_finish: set[threading.Event] = set()  # one per running task started with must_finish, set when it ends
_must_finish_lock = threading.Lock()


class TaskSignals(QObject):
    finished = Signal(object)  # the callable's result
    failed = Signal(str, str)  # sentence for the user, details (traceback) for the log or ""
    progress = Signal(int, int)  # done, total

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.delivered = False  # the result or failure reached the callbacks: nothing more comes
        self.released = False  # the worker thread is done with this object (its last emit has returned)


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
            window_turn.task_ended()
            if self._ended is not None:
                with _must_finish_lock:
                    _must_finish.discard(self._ended)
                self._ended.set()

    def _run(self) -> None:
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
        finally:
            with contextlib.suppress(RuntimeError):  # the signals object went with its owner
                self.signals.released = True

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
    *,
    must_finish: bool = False,
) -> Task:
    """`must_finish`: the app waits for this task at close however long it takes (see wait_for_all)."""
    _delete_finished(owner)
    task = Task(work, owner, must_finish)
    signals = task.signals  # the callbacks hold this, not the task (which holds the work and what it captured)
    held: list[Any] = [on_done, on_error, on_progress]

    def done(result: Any) -> None:
        signals.delivered = True
        callback, held[:] = held[0], [None, None, None]
        if callback is not None:
            callback(result)

    def failed(sentence: str, details: str) -> None:
        signals.delivered = True
        callback, held[:] = held[1], [None, None, None]
        if callback is not None:
            callback(sentence, details)

    def progress(step: int, total: int) -> None:
        if held[2] is not None:
            held[2](step, total)

    signals.finished.connect(done)
    signals.failed.connect(failed)
    if on_progress is not None:
        signals.progress.connect(progress)
    window_turn.task_started()
    QThreadPool.globalInstance().start(task)
    beat_while_workers_run()
    return task


def _delete_finished(owner: QObject) -> None:
    """The signals of the owner's earlier tasks that nothing will use again (see the module docstring)."""
    for signals in owner.findChildren(TaskSignals, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if signals.delivered and signals.released:
            signals.deleteLater()


def delete_when_idle(widget: QObject) -> None:
    """Delete a closed widget once the tasks it started have reported to it (a letter batch still writing tells
    the dialog how it ended, and publishes what it changed, before the dialog goes)."""
    pending = [signals for signals in widget.findChildren(TaskSignals) if not signals.delivered]
    if not pending:
        widget.deleteLater()
        return

    def reported() -> None:
        if all(signals.delivered for signals in pending):
            widget.deleteLater()

    for signals in pending:  # connected after the task's own callbacks, so this runs once they have
        signals.finished.connect(lambda _result: reported())
        signals.failed.connect(lambda _sentence, _details: reported())


def wait_for_all(milliseconds: int = 30_000) -> bool:
    """Wait up to `milliseconds` for every task, and for the must-finish ones (a backup) until they have ended."""
    finished = bool(QThreadPool.globalInstance().waitForDone(milliseconds))
    with _must_finish_lock:
        pending = list(_must_finish)
    for ended in pending:
        ended.wait()
    return finished
