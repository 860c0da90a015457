"""Once the window has loaded, what the start made stays out of the collector's full walks (a 45 ms stop of every
thread with 100,000 candidates open), and what is made later is still collected; waiting threads get their turn
sooner; while tasks run the window beats, so workers can give way to it (offerdesk.window_turn)."""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from offerdesk import window_turn
from offerdesk.ui import workers
from offerdesk.ui.interpreter import SWITCH_INTERVAL_S, favour_the_window, settle_once_loaded
from offerdesk.ui.main_window import MainWindow


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """The test process goes on after the test: what it froze is given back to the collector."""
    yield
    gc.unfreeze()


def _tracked(obj: object) -> bool:
    return any(tracked is obj for tracked in gc.get_objects())


def test_the_loaded_window_is_left_out_of_full_collections(window: MainWindow, qtbot: QtBot, unfrozen: None) -> None:
    assert _tracked(window.candidate_model)
    settle_once_loaded(window)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    assert not window.candidate_model.is_loading
    assert not _tracked(window.candidate_model)
    assert window.candidate_model.rowCount() > 0  # the window works on as before


def test_garbage_made_after_the_start_is_still_collected(window: MainWindow, qtbot: QtBot, unfrozen: None) -> None:
    settle_once_loaded(window)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0)
    cycle: list[object] = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1


def test_a_waiting_thread_gets_the_interpreter_within_a_millisecond() -> None:
    before = sys.getswitchinterval()
    try:
        favour_the_window()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S) and SWITCH_INTERVAL_S <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_the_window_beats_while_a_task_runs_and_stops_once_none_does(qtbot: QtBot) -> None:
    """Workers give way only to a window that beats; an idle window does not wake every few milliseconds."""
    owner = QObject()
    release = threading.Event()
    workers.start(owner, lambda _signals: release.wait(30), lambda _result: None, lambda _s, _d: None)
    assert window_turn.watching()
    first = window_turn.last_beat()
    qtbot.waitUntil(lambda: window_turn.last_beat() > first, timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not window_turn.watching(), timeout=5000)


def test_once_the_window_has_loaded_what_a_first_letter_needs_loads_on_a_worker(
    window: MainWindow, qtbot: QtBot, unfrozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loaded by the first export instead, the letter engine ran its imports beside a busy window."""
    from offerdesk.ui import interpreter

    monkeypatch.setattr(interpreter, "WARM_UP_DELAY_MS", 0)
    monkeypatch.setattr(interpreter, "WARM_UP_MODULES", ("json.tool",))  # a module nothing else here loads
    sys.modules.pop("json.tool", None)
    loaded_on: list[bool] = []
    monkeypatch.setattr(importlib, "import_module", _recording(importlib.import_module, loaded_on))
    settle_once_loaded(window)
    qtbot.waitUntil(lambda: "json.tool" in sys.modules)
    assert loaded_on == [False]  # not on the window's thread


def _recording(import_module: Callable[[str], object], on_main: list[bool]) -> Callable[[str], object]:
    def recorded(name: str) -> object:
        if name == "json.tool":
            on_main.append(threading.current_thread() is threading.main_thread())
        return import_module(name)

    return recorded
