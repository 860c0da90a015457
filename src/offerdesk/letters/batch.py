"""Filling many letters at once, spread over worker processes (a letter is CPU work: Jinja, XML, zip).

The processes are kept for the session (pool.py) and each prepares a template once and reuses it until the file
changes. Jobs go out in chunks that shrink towards the end, so every process stays busy to the last letter,
progress is smooth and a cancel stops the letters not yet started; letters already written stay valid (each is
written atomically).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offerdesk.errors import OfferDeskError
from offerdesk.letters.pool import LetterPool, default_workers, worker_pool
from offerdesk.letters.render import PreparedTemplates


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


_PREPARED = PreparedTemplates(keep=4)
"""Templates kept prepared in one process (they outlive a batch): a batch rarely uses more than four."""


def run_job(job: LetterJob) -> JobResult:
    try:
        _PREPARED.get(job.template).render_to(job.values, job.target)
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


MAX_CHUNK = 50
"""Letters a process is handed at once, at most: enough to keep the cost of handing them over small."""


def chunks(jobs: Sequence[LetterJob], workers: int) -> list[list[LetterJob]]:
    """The jobs in chunks of a quarter of each process's share of what is left: large while much is left, one
    letter at the end, so no process idles while another finishes a large chunk."""
    parts: list[list[LetterJob]] = []
    start = 0
    while start < len(jobs):
        size = max(1, min(MAX_CHUNK, (len(jobs) - start) // (workers * 4)))
        parts.append(list(jobs[start : start + size]))
        start += size
    return parts


def run_jobs(
    jobs: Sequence[LetterJob],
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    pool: LetterPool | None = None,
) -> list[JobResult]:
    """Run every job; with one worker (or few jobs) in this process, else on the processes `pool` keeps (when it
    has that many) or on fresh ones for this batch alone."""
    total = len(jobs)
    count = workers if workers is not None else default_workers()
    results: list[JobResult] = []

    def report() -> None:
        if progress is not None:
            progress(len(results), total)

    if count <= 1 or total < 8:
        for job in jobs:
            if cancelled is not None and cancelled():
                break
            results.append(run_job(job))
            report()
        return results
    kept = pool.executor(count) if pool is not None else None
    if kept is None:
        with worker_pool(count) as executor:
            return _run_on(executor, chunks(jobs, count), count, results, report, cancelled)
    try:
        return _run_on(kept, chunks(jobs, count), count, results, report, cancelled)
    except BrokenProcessPool:
        assert pool is not None
        pool.discard(kept)  # a process died: the next batch starts fresh ones
        raise


def _run_on(
    executor: ProcessPoolExecutor,
    parts: list[list[LetterJob]],
    count: int,
    results: list[JobResult],
    report: Callable[[], None],
    cancelled: Callable[[], bool] | None,
) -> list[JobResult]:
    """Keep two chunks per process in flight; on cancel, those not yet handed to a process are dropped and those
    that were are waited for (their letters are written: they join the results)."""
    pending: set[Future[list[JobResult]]] = set()
    queue = iter(parts)

    def top_up() -> None:
        for part in queue:
            pending.add(executor.submit(_run_chunk, part))
            if len(pending) >= count * 2:
                break

    top_up()
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            results.extend(future.result())
        report()
        if cancelled is not None and cancelled():
            started = {future for future in pending if not future.cancel()}
            wait(started)
            for future in started:
                results.extend(future.result())
            return results
        top_up()
    return results
