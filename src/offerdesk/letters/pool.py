"""The letter worker processes of a session: started once (when a batch is about to be made, or by the first batch),
kept between batches and ended when the services close.

A process costs a Python start and the import of the letter code (Jinja, lxml, docxtpl) before its first letter,
and a template is prepared once in each; a batch on kept processes pays only for its letters. This module is light
on purpose (no letter code): the window imports it to start the processes ahead, the processes import the rest.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

WORKER_MEMORY = 2 * 1024**3
"""The address space a letter worker may take: far above a letter (≈ 100 MB at the package limits, measured), far
below what a laptop can give; the size budgets (limits.py) stop a hostile template long before, this is the floor."""

READY_SECONDS = 60.0
"""How long `start(wait_ready=True)` waits for every process to answer before it settles for those that did."""


def cap_worker_memory(limit: int = WORKER_MEMORY) -> bool:
    """Limit this process's address space where the system enforces it (Linux); whether a limit now holds."""
    if not sys.platform.startswith("linux"):
        return False  # macOS does not enforce RLIMIT_AS and Windows has none: the size budgets hold alone there
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        return False
    return True


def start_worker() -> None:
    """What every letter process does first: take the memory cap and load the letter code."""
    cap_worker_memory()
    import offerdesk.letters.batch  # noqa: F401 - Jinja, lxml, docxtpl: loaded before the first letter is asked for


def worker_id(pause: float = 0.0) -> int:
    """This process's id, after `pause` seconds (long enough for every process to take one of a round)."""
    time.sleep(pause)
    return os.getpid()


def default_workers() -> int:
    return max(1, min(8, (os.cpu_count() or 1)))


def worker_pool(count: int) -> ProcessPoolExecutor:
    """Fresh processes, each under the memory cap. "spawn" everywhere: forking a process that runs Qt threads is
    unsafe, and it is what Windows and macOS do."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=start_worker)


class LetterPool:
    """The kept processes, made at the size first asked for; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._size = 0
        self._closed = False

    def executor(self, count: int) -> ProcessPoolExecutor | None:
        """The kept processes when there are `count` of them (or none yet: they start now); None when the pool
        has another size or is closed, and a batch asking for that runs on processes of its own."""
        with self._lock:
            if self._closed:
                return None
            if self._executor is None:
                self._executor, self._size = worker_pool(count), count
            return self._executor if self._size == count else None

    def start(self, count: int | None = None, wait_ready: bool = False) -> set[int]:
        """Start the processes now instead of with the first batch; with `wait_ready`, return once each has loaded
        the letter code, with their process ids (empty when one process is all a batch uses, which is this one)."""
        count = count if count is not None else default_workers()
        if count <= 1:
            return set()
        executor = self.executor(count)
        if executor is None:
            return set()
        first = [executor.submit(worker_id) for _ in range(count)]  # one each: every process starts at once
        if not wait_ready:
            return set()
        seen = {future.result() for future in first}
        deadline = time.monotonic() + READY_SECONDS
        while len(seen) < count and time.monotonic() < deadline:  # a process still loading takes none of a round
            seen |= {future.result() for future in [executor.submit(worker_id, 0.02) for _ in range(count)]}
        return seen

    def submit(self, work: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run one call in a kept process (the pool's size: the one it has, else the default)."""
        executor = self.executor(self._size or default_workers())
        if executor is None:
            raise RuntimeError("the letter processes are closed")
        return executor.submit(work, *args)

    def discard(self, executor: ProcessPoolExecutor) -> None:
        """Forget processes that broke (one died mid-letter): the next batch starts fresh ones."""
        with self._lock:
            if self._executor is executor:
                self._executor, self._size = None, 0
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """End the processes once the letters they are writing are done; a closed pool starts no more."""
        with self._lock:
            executor, self._executor, self._closed = self._executor, None, True
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
