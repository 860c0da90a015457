"""Runs one batch of letters in a fresh process with a light __main__, as `offerdesk letters export` does.

Spawned workers re-import the parent's __main__; driving the batch from bench/run.py would make every worker
import the whole benchmark suite and measure that instead of the letters.
usage: batch_driver.py TEMPLATE VALUES.json OUT_DIR COUNT WORKERS  → prints milliseconds
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from offerdesk.letters.batch import LetterJob, run_jobs

if __name__ == "__main__":
    template, values_file, out_dir, count, workers = sys.argv[1:6]
    values = json.loads(Path(values_file).read_text(encoding="utf-8"))
    jobs = [LetterJob(i, Path(template), values, Path(out_dir) / f"letter-{i:04d}.docx") for i in range(int(count))]
    started = time.perf_counter()
    results = run_jobs(jobs, workers=int(workers))
    elapsed = (time.perf_counter() - started) * 1000
    assert all(result.error is None for result in results) and len(results) == len(jobs)
    print(f"{elapsed:.1f}")
