"""A worker steps aside while the window is behind, and only then: never for a window that is idle, stuck or
gone, and never on the window's own thread. The test thread plays the window (it beats or does not); the
workers are real threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from offerdesk import window_turn
from offerdesk.storage.db import Database

WAIT_S = 10.0  # how long a test waits for a thread that should finish (far more than it ever needs)


@pytest.fixture(autouse=True)
def no_window() -> Iterator[None]:
    yield
    window_turn.unwatch()


@pytest.fixture
def patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window counts as stuck only after 30 s and a worker gives way for as long, so a slow test machine cannot
    turn "behind" into "stuck" or "waited long enough"."""
    monkeypatch.setattr(window_turn, "STUCK_S", 30.0)
    monkeypatch.setattr(window_turn, "MAX_WAIT_S", 30.0)


def _behind_window() -> None:
    """The test thread watches, then stops beating until the beat is late."""
    window_turn.watch()
    time.sleep(window_turn.LATE_S * 2)


def _in_a_worker(work: object) -> threading.Event:
    ended = threading.Event()

    def run() -> None:
        work()  # type: ignore[operator]
        ended.set()

    threading.Thread(target=run, daemon=True).start()
    return ended


def test_a_worker_waits_while_the_window_is_behind_and_goes_on_once_it_beats(patient: None) -> None:
    _behind_window()
    ended = _in_a_worker(window_turn.give_way)
    assert not ended.wait(0.2), "the worker went on while the window was behind"
    window_turn.beat()
    assert ended.wait(WAIT_S)


def test_a_worker_waits_before_each_sql_statement(patient: None, tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'turns.sqlite'}")
    try:
        _behind_window()
        read: list[int] = []

        def query() -> None:
            with database.engine.connect() as connection:
                read.append(connection.exec_driver_sql("SELECT 1").scalar_one())

        ended = _in_a_worker(query)
        assert not ended.wait(0.2) and not read
        window_turn.beat()
        assert ended.wait(WAIT_S) and read == [1]
    finally:
        database.dispose()


def test_a_stuck_window_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window that waits for this very worker (closing, say) stops beating: the worker must carry on."""
    monkeypatch.setattr(window_turn, "STUCK_S", window_turn.LATE_S * 2)
    window_turn.watch()
    time.sleep(window_turn.LATE_S * 4)
    assert _in_a_worker(window_turn.give_way).wait(WAIT_S)


def test_nobody_waits_when_no_window_watches(patient: None) -> None:
    _behind_window()
    window_turn.unwatch()
    assert not window_turn.watching()
    assert _in_a_worker(window_turn.give_way).wait(WAIT_S)


def test_the_window_thread_itself_never_waits(patient: None) -> None:
    _behind_window()
    beaten = threading.Event()
    later = threading.Timer(3.0, lambda: (beaten.set(), window_turn.beat()))
    later.start()
    try:
        window_turn.give_way()  # the test thread is the window: it returns before anyone beats
        assert not beaten.is_set()
    finally:
        later.cancel()


def test_a_long_loop_gets_every_item_in_chunks() -> None:
    chunks = list(window_turn.in_turns(range(4500), size=2000))
    assert [len(chunk) for chunk in chunks] == [2000, 2000, 500]
    assert [item for chunk in chunks for item in chunk] == list(range(4500))


def test_a_window_that_stays_behind_holds_a_worker_back_only_so_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window thread that beats only now and then (sleeping between short turns of its event loop) must not
    hold a worker back at every statement: it gives way for a while, then runs a while."""
    monkeypatch.setattr(window_turn, "STUCK_S", 30.0)
    monkeypatch.setattr(window_turn, "MAX_WAIT_S", 0.05)
    monkeypatch.setattr(window_turn, "RUN_S", 30.0)
    _behind_window()
    gave_way = threading.Event()
    went_on = threading.Event()

    def work() -> None:
        window_turn.give_way()  # waits its while: nobody beats
        gave_way.set()
        window_turn.give_way()  # the window is still behind, but the worker runs its while first
        went_on.set()

    _in_a_worker(work)
    assert gave_way.wait(WAIT_S) and went_on.wait(WAIT_S)
