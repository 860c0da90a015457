"""The frozen bundle: start-up of its window against the pip-installed app's, with its size and build time.

Builds afresh into a temporary folder with `installer/build.py` (about a minute), then starts both on the same demo
database: process start → main window painted, the median of several starts each.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "installer"))

from figures import start_figures  # noqa: E402


def bench_frozen() -> tuple[float, float, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="offerdesk-frozen-") as folder:
        dist, work = Path(folder) / "dist", Path(folder) / "build"
        built = subprocess.run(
            [sys.executable, str(REPO / "installer" / "build.py"), "--dist", str(dist), "--work", str(work),
             "--no-measure"],
            check=True, capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
        figures = {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", built.stdout)}
        frozen, installed = start_figures(dist, runs=7)
    return frozen, installed, {"bundle_mb": figures["bundle_mb"], "build_s": figures["build_s"]}
