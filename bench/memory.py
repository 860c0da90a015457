"""Memory: peak resident set size of OfferDesk opened on 100,000 candidates and 20,000 offers (start, first paint,
quit), against the bare PySide6 window, both as fresh processes. Printed in MB in the ours/baseline fields."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import BARE_WINDOW, build_database

_PEAK = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); " \
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"  # fmt: skip


def _peak_mb(command: list[str], env: dict[str, str]) -> float:
    """Measured in a fresh parent so that only this one child counts (ru_maxrss is in KiB on Linux)."""
    output = subprocess.run([sys.executable, "-c", _PEAK, *command], env=env, check=True, capture_output=True,
                            text=True, timeout=180)  # fmt: skip
    return int(output.stdout.strip()) / 1024


def bench_startup_rss() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        build_database(data)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OFFERDESK_SMOKE_TEST": "1",
               "OFFERDESK_DATA_DIR": str(data)}  # fmt: skip
        ours = _peak_mb([sys.executable, "-m", "offerdesk"], env)
        baseline = _peak_mb([sys.executable, "-c", BARE_WINDOW], env)
    return ours, baseline
