"""Worker threads step aside while the window is behind, so the window's calls into Python need not wait.

CPython runs one thread's Python at a time. One repaint of the window makes a hundred and more short calls from
Qt into Python (a model's `data`, an event filter, a layout's size), and while a worker runs Python each of those
calls waits for the interpreter: 0.5–1.5 ms each on a 2-core laptop, whatever the switch interval (the waiting
thread has to be woken and scheduled). So a repaint that takes 10 ms alone takes 80 ms beside one panel's read.

While workers run, the window beats (`beat`, a few times per 10 ms, from a timer on its own thread). A worker calls
`give_way` where it can pause (before each SQL statement, between chunks of a long loop): if the last beat is
late, the window is busy or waiting for the interpreter, and the worker sleeps in 1 ms steps until the window has
beaten again (20 ms at most, then it runs 2 ms before giving way again), so the window's calls find the
interpreter free. A window that has not beaten for STUCK_S is not
merely behind but stuck (waiting for this very worker, or in a long call of its own); then workers carry on at
full speed, so no worker ever waits on a window that is waiting on it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")

BEAT_INTERVAL_MS = 4  # how often the window beats while workers run
LATE_S = 0.008  # a beat older than this: the window is behind
STUCK_S = 0.1  # no beat for this long: the window is stuck, not behind; workers go on
STEP_S = 0.001  # how long a worker sleeps before it looks again
MAX_WAIT_S = 0.02  # the longest a worker gives way at a time
RUN_S = 0.002  # how long a worker then runs before it gives way again
CHUNK = 2000  # items of a long loop between two chances to give way (≈ 1-2 ms of Python)

_working = 0  # worker tasks handed to the pool and not yet ended
_working_lock = threading.Lock()
_window_thread: int | None = None  # the thread that beats; None: nobody is watching (no window, or it is idle)
_last_beat = 0.0
_turns = threading.local()  # per worker: resume_at, until when it runs without giving way


def task_started() -> None:
    """A worker task was handed to the thread pool: the window beats until it has ended (`task_ended`)."""
    global _working
    with _working_lock:
        _working += 1


def task_ended() -> None:
    global _working
    with _working_lock:
        _working -= 1


def tasks_running() -> int:
    return _working


def watch() -> None:
    """Begin beating from the calling thread (the window's, as workers start)."""
    global _window_thread
    _window_thread = threading.get_ident()
    beat()


def beat() -> None:
    global _last_beat
    _last_beat = time.perf_counter()


def last_beat() -> float:
    """When the window last beat (time.perf_counter)."""
    return _last_beat


def unwatch() -> None:
    """Stop: no worker waits for the window any more (no work running, or the window is closing)."""
    global _window_thread
    _window_thread = None


def watching() -> bool:
    """A window beats: workers give way to it when it is behind."""
    return _window_thread is not None


def window_is_behind() -> bool:
    """The window beats and its last beat is late but not so late that it is stuck."""
    if _window_thread is None or _window_thread == threading.get_ident():
        return False
    age = time.perf_counter() - _last_beat
    return LATE_S < age < STUCK_S


def give_way() -> None:
    """Sleep while the window is behind (see the module docstring), for at most MAX_WAIT_S; then run at least
    RUN_S before giving way again. Return at once when the window is not behind.

    The bounds keep a worker going when the window beats only now and then without being stuck: a window thread
    that sleeps between short turns of its event loop (a test waiting with QTest.qWait beats every 10 ms) would
    otherwise hold every worker back at every statement."""
    if _window_thread is None:
        return  # no window (the CLI, a letter process): the cheapest test first, this runs per SQL statement
    now = time.perf_counter()
    if now < getattr(_turns, "resume_at", 0.0) or not window_is_behind():
        return
    until = now + MAX_WAIT_S
    while window_is_behind() and time.perf_counter() < until:
        time.sleep(STEP_S)
    _turns.resume_at = time.perf_counter() + RUN_S


def in_turns(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """`items` in lists of `size`, with a chance to give way before each (a loop over a whole table)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        give_way()
        yield chunk
