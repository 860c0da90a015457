"""The letter processes are kept for the session: a second batch runs on the processes of the first, a cancel
leaves them usable, an edited template is prepared again, and closing the services ends every process."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from offerdesk.domain.offers import OfferStatus
from offerdesk.letters.batch import LetterJob, run_jobs
from offerdesk.letters.pool import LetterPool
from offerdesk.letters.text import document_text
from offerdesk.services.setup.bootstrap import Services
from tests.letter_helpers import make_template, sample_values


def _jobs(template: Path, out: Path, count: int) -> list[LetterJob]:
    return [LetterJob(i, template, sample_values(f"Person {i:03d}"), out / f"{i:03d}.docx") for i in range(count)]


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def pool() -> Iterator[LetterPool]:
    kept = LetterPool()
    yield kept
    kept.close()


def test_a_second_batch_runs_on_the_processes_of_the_first(tmp_path: Path, pool: LetterPool) -> None:
    template = make_template(tmp_path / "t.docx", "Dear {{ candidate.full_name }}.")
    first = run_jobs(_jobs(template, tmp_path / "one", 20), workers=2, pool=pool)
    after_first = {process.pid for process in multiprocessing.active_children()}
    second = run_jobs(_jobs(template, tmp_path / "two", 20), workers=2, pool=pool)
    assert len(after_first) == 2 and {process.pid for process in multiprocessing.active_children()} == after_first
    assert all(result.error is None for result in first + second) and len(second) == 20
    assert "Dear Person 019." in document_text(tmp_path / "two" / "019.docx")


def test_a_cancelled_batch_leaves_the_processes_ready_for_the_next(tmp_path: Path, pool: LetterPool) -> None:
    template = make_template(tmp_path / "t.docx", "Dear {{ candidate.full_name }}.")
    stopped = run_jobs(_jobs(template, tmp_path / "one", 200), workers=2, pool=pool, cancelled=lambda: True)
    assert 0 < len(stopped) < 200 and all(result.error is None for result in stopped)
    assert sorted(path.name for path in (tmp_path / "one").glob("*.docx")) == sorted(
        result.target.name for result in stopped
    )  # the letters started were finished and reported; no other was written
    again = run_jobs(_jobs(template, tmp_path / "two", 30), workers=2, pool=pool)
    assert len(again) == 30 and all(result.error is None for result in again)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_template_edited_between_two_batches_is_prepared_again(
    tmp_path: Path, pool: LetterPool, workers: int
) -> None:
    template = make_template(tmp_path / "t.docx", "Dear {{ candidate.full_name }}.")
    run_jobs(_jobs(template, tmp_path / "one", 10), workers=workers, pool=pool)
    make_template(template, "Hello {{ candidate.full_name }}, welcome.")
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 2_000_000_000))
    run_jobs(_jobs(template, tmp_path / "two", 10), workers=workers, pool=pool)
    assert "Hello Person 009, welcome." in document_text(tmp_path / "two" / "009.docx")


def test_closing_the_services_ends_the_letter_processes(services: Services, tmp_path: Path) -> None:
    offer_ids = [offer.id for offer in services.offers.list()]
    assert len(offer_ids) >= 8  # enough for a batch to go to the processes
    report = services.letters.export_batch(OfferStatus.DRAFT, tmp_path, workers=2, offer_ids=offer_ids).value
    assert report.written
    kept = [process.pid for process in multiprocessing.active_children()]
    assert len(kept) == 2  # kept after the batch, for the next one
    services.close()
    assert multiprocessing.active_children() == []
    assert all(_gone(pid) for pid in kept)


EXITS = textwrap.dedent(
    """
    import multiprocessing, sys
    from pathlib import Path
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services

    if __name__ == "__main__":
        services, _ = open_services(resolve_paths(Path(sys.argv[1])))
        print(*sorted(services.letters.processes.start(2, wait_ready=True)), flush=True)
        services.close()
    """
)


def test_a_session_that_started_letter_processes_exits_and_leaves_none_behind(tmp_path: Path) -> None:
    script = tmp_path / "session.py"
    script.write_text(EXITS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "data")], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) == 2 and all(_gone(pid) for pid in pids)
