"""Runs one batch of letters in a fresh process with a light __main__, as `offerdesk letters export` does.

Spawned workers re-import the parent's __main__; driving the batch from bench/run.py would make every worker
import the whole benchmark suite and measure that instead of the letters.
usage: batch_driver.py TEMPLATE VALUES.json OUT_DIR COUNT WORKERS [cold|warm]  → prints milliseconds

cold: the processes start inside the timing (a batch asked for before they are up, and every batch before they were
kept). warm: they are started and have loaded the letter code before the timing (the bulk export starts them when
it opens); each still prepares the template inside it, as the first batch of a session does.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from offerdesk.letters.batch import LetterJob, run_jobs
from offerdesk.letters.pool import LetterPool

if __name__ == "__main__":
    template, values_file, out_dir, count, workers = sys.argv[1:6]
    warm = sys.argv[6:7] == ["warm"]
    values = json.loads(Path(values_file).read_text(encoding="utf-8"))
    jobs = [LetterJob(i, Path(template), values, Path(out_dir) / f"letter-{i:04d}.docx") for i in range(int(count))]
    pool = LetterPool()
    if warm:
        pool.start(int(workers), wait_ready=True)
    started = time.perf_counter()
    results = run_jobs(jobs, workers=int(workers), pool=pool)
    elapsed = (time.perf_counter() - started) * 1000
    pool.close()
    assert all(result.error is None for result in results) and len(results) == len(jobs)
    print(f"{elapsed:.1f}")
