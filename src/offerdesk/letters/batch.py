"""Filling many letters at once, spread over worker processes (a letter is CPU work: Jinja, XML, zip).

Workers prepare each template once and reuse it. Jobs go out in small chunks so progress is smooth and a
cancel stops the letters not yet started; letters already written stay valid (each is written atomically).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offerdesk.errors import OfferDeskError
from offerdesk.letters.render import PreparedTemplate


@dataclass(frozen=True)
class LetterJob:
    key: int  # the caller's reference, e.g. the offer id
    template: Path
    values: dict[str, Any]
    target: Path


@dataclass(frozen=True)
class JobResult:
    key: int
    target: Path
    error: str | None = None


WORKER_MEMORY = 2 * 1024**3
"""The address space a letter worker may take: far above a letter (≈ 100 MB at the package limits, measured), far
below what a laptop can give; the size budgets (limits.py) stop a hostile template long before, this is the floor."""


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


_PREPARED: dict[Path, PreparedTemplate] = {}
_KEEP_PREPARED = 4
"""Templates kept prepared in one process: a batch rarely uses more, and each may hold up to 64 MB of pictures."""


def _prepared(template: Path) -> PreparedTemplate:
    if template not in _PREPARED:
        while len(_PREPARED) >= _KEEP_PREPARED:
            del _PREPARED[next(iter(_PREPARED))]
        _PREPARED[template] = PreparedTemplate(template)
    return _PREPARED[template]


def run_job(job: LetterJob) -> JobResult:
    try:
        _prepared(job.template).render_to(job.values, job.target)
    except OfferDeskError as error:
        return JobResult(job.key, job.target, str(error))
    except MemoryError:  # the worker's memory cap: the letter is refused, the batch goes on
        return JobResult(
            job.key,
            job.target,
            f"The template {job.template.name} needs more memory than a letter may use; no letter was made from it.",
        )
    return JobResult(job.key, job.target)


def _run_chunk(jobs: Sequence[LetterJob]) -> list[JobResult]:
    return [run_job(job) for job in jobs]


def default_workers() -> int:
    return max(1, min(8, (os.cpu_count() or 1)))


def worker_pool(count: int) -> ProcessPoolExecutor:
    """Fresh processes, each under the memory cap. "spawn" everywhere: forking a process that runs Qt threads is
    unsafe, and it is what Windows and macOS do."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=cap_worker_memory)


def run_jobs(
    jobs: Sequence[LetterJob],
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[JobResult]:
    """Run every job; with one worker (or few jobs) in this process, else in a pool of fresh processes."""
    total = len(jobs)
    count = workers if workers is not None else default_workers()
    results: list[JobResult] = []

    def report() -> None:
        if progress is not None:
            progress(len(results), total)

    # Chunks big enough to keep the overhead per letter small, small enough to keep every worker busy to the end.
    chunk_size = max(1, min(50, -(-total // (count * 4))))
    if count <= 1 or total < 8:
        for job in jobs:
            if cancelled is not None and cancelled():
                break
            results.append(run_job(job))
            report()
        return results
    chunks = [list(jobs[start : start + chunk_size]) for start in range(0, total, chunk_size)]
    with worker_pool(count) as pool:
        pending: set[Future[list[JobResult]]] = set()
        queue = iter(chunks)
        for chunk in queue:
            pending.add(pool.submit(_run_chunk, chunk))
            if len(pending) >= count * 2:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results.extend(future.result())
            report()
            if cancelled is not None and cancelled():
                for future in pending:
                    future.cancel()
                break
            for chunk in queue:
                pending.add(pool.submit(_run_chunk, chunk))
                if len(pending) >= count * 2:
                    break
        pool.shutdown(wait=True, cancel_futures=True)
        for future in pending:
            if future.done() and not future.cancelled():
                results.extend(future.result())
    return results
