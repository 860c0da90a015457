"""Import: a 10,000-row messy ATS export into an empty database, end to end (read, map, check, write in one
transaction), against Python's csv module only reading the same file. Rows per second = 10,000 / seconds."""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from pathlib import Path

from messy_csv import write_messy_csv
from offerdesk.paths import resolve_paths
from offerdesk.services.candidates.importing import ImportOptions
from offerdesk.services.setup.bootstrap import open_services

ROWS = 10_000
RUNS = 3


def _read_with_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle))


def bench_import() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        source = write_messy_csv(Path(folder) / "messy.csv", ROWS)
        ours, baseline = [], []
        for run in range(RUNS):
            services, _ = open_services(resolve_paths(Path(folder) / f"data{run}"), seed_demo_data=False)
            started = time.perf_counter()
            result = services.candidate_import.run(source, ImportOptions(skip_invalid=True)).value
            ours.append((time.perf_counter() - started) * 1000)
            assert result.created + result.skipped + result.invalid == ROWS, result.summary()
            services.close()
            started = time.perf_counter()
            _read_with_csv(source)
            baseline.append((time.perf_counter() - started) * 1000)
    return statistics.median(ours), statistics.median(baseline)
