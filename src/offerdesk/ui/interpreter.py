"""How the window's process shares Python with its worker threads, so the window answers while they work.

Two things held the GUI thread up for 50 ms and more while a worker ran Python (a report, a batch reading its
offers, an import), measured with `bench/run.py responsiveness`:

- **The turn.** Every call from Qt into Python (a paint, a model's `data`, a timer) has to take the interpreter
  from a worker that is running Python, and by default waits up to 5 ms for it; a repaint makes many such calls.
  At 1 ms the window's calls wait a fifth as long, and a thread with nobody waiting pays nothing.
- **The full collection.** Python's cyclic garbage collector now and then walks every object the process holds,
  in whichever thread happens to allocate, and nobody else runs meanwhile: 45 ms with a 100,000-candidate
  window open. What the start built (modules, tables, the window) lives until the process ends, so once the
  window has loaded it is moved out of the collector's walk (`gc.freeze`); what is made later is collected as
  before, in walks of its own size.
- **The window's many short calls.** Even at 1 ms, each call into Python waits for a running worker, and a
  repaint makes a hundred of them: while workers run, the window beats and workers step aside when it is behind
  (`offerdesk.window_turn`).
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThread, QTimer

from offerdesk import window_turn

if TYPE_CHECKING:
    from offerdesk.ui.main_window import MainWindow

SWITCH_INTERVAL_S = 0.001


def favour_the_window() -> None:
    """Shorten the turn a waiting thread gets the interpreter at (the process-wide switch interval)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def settle_start() -> None:
    """Collect the young garbage and leave everything alive now out of later full collections."""
    gc.collect(1)
    gc.freeze()


def settle_once_loaded(window: MainWindow) -> None:
    """`settle_start` once the window's candidate list has first loaded (what the start made is all there), and
    `warm_up` a little later."""
    model = window.candidate_model

    def settle() -> None:
        settle_start()
        QTimer.singleShot(WARM_UP_DELAY_MS, window, lambda: warm_up(window))

    if not model.is_loading:
        QTimer.singleShot(0, window, settle)
        return

    def loaded() -> None:
        model.loaded.disconnect(loaded)
        QTimer.singleShot(0, window, settle)

    model.loaded.connect(loaded)


WARM_UP_DELAY_MS = 2000
WARM_UP_MODULES = (
    "offerdesk.letters.render",
    "offerdesk.services.candidates.importing",
    "offerdesk.ui.dialogs.offer_editor",
    "offerdesk.services.offers.compensation",
    "offerdesk.services.team.audit",
)
"""Loaded while the window is idle: the letter engine (Jinja, docxtpl, python-docx, lxml), the import code and
the offer editor with the services it reads. Loaded by the first export, import or editor instead, they ran
≈ 80 ms of Python beside the window just as it was busy (the editor's ≈ 50 ms on the GUI thread itself)."""


def warm_up(window: MainWindow) -> None:
    """Load WARM_UP_MODULES on a worker, then leave them out of full collections too."""
    from offerdesk.ui import workers  # workers starts the beat defined here

    def load(_signals: object) -> None:
        for name in WARM_UP_MODULES:
            importlib.import_module(name)

    workers.start(window, load, lambda _none: settle_start(), lambda _sentence, _details: None)


_beat: QTimer | None = None


def beat_while_workers_run() -> None:
    """As a task starts: beat for the workers (see `offerdesk.window_turn`) until the thread pool is idle."""
    global _beat
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return
    if _beat is None:
        _beat = QTimer(app)
        _beat.setInterval(window_turn.BEAT_INTERVAL_MS)
        _beat.timeout.connect(_beat_once)
    if not _beat.isActive():
        window_turn.watch()
        _beat.start()


def _beat_once() -> None:
    if window_turn.tasks_running() == 0:
        stop_beating()
        return
    window_turn.beat()


def stop_beating() -> None:
    """No worker waits for the window any more (the pool is idle, or the window is closing and waits for them)."""
    window_turn.unwatch()
    if _beat is not None:
        _beat.stop()
