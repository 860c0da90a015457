"""What the build reports about a frozen bundle: its size on disk and how fast it starts against the pip-installed app.

Shared by `installer/build.py` (which prints the figures after every build) and `bench/frozen.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SMOKE_TEST = {"OFFERDESK_SMOKE_TEST": "1"}  # the window quits once it has painted and prints what it showed


def bundle_folder(dist: Path) -> Path:
    """The folder a recruiter's installer carries: the .app on macOS, the one-folder bundle elsewhere."""
    return dist / "OfferDesk.app" if sys.platform == "darwin" else dist / "OfferDesk"


def executable(dist: Path, name: str) -> Path:
    """`offerdesk` (the command line) or `offerdesk-gui` (the window) inside the bundle."""
    folder = bundle_folder(dist)
    if sys.platform == "darwin":
        return folder / "Contents" / "MacOS" / name
    return folder / (f"{name}.exe" if sys.platform == "win32" else name)


def size_mb(folder: Path) -> float:
    """Bytes of every file, symbolic links counted once as links (a macOS bundle links its frameworks)."""
    total = sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink())
    return total / 1_000_000


def _environment(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, **SMOKE_TEST, "OFFERDESK_DATA_DIR": str(data_dir)}
    if sys.platform.startswith("linux"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def median_start_ms(command: list[str], data_dir: Path, runs: int) -> float:
    """Process start → main window painted, the median of `runs` starts after one that warms the file cache."""
    env = _environment(data_dir)
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


FIRST_PAGE_LINE = "OfferDesk first page painted"  # printed by the smoke test when the kept page is on the screen
WINDOW_LINE = "OfferDesk window painted"  # ... and when the full window is


def start_moments(command: list[str], data_dir: Path, runs: int) -> list[tuple[float, float]]:
    """(first paint, full window painted) in ms after the process was started, for each of `runs` starts after
    one that warms the file cache. Each moment is when the window's line reaches this process, so both are
    measured the same way for OfferDesk and for a bare window; a start without a kept page paints first when
    its full window does."""
    env = _environment(data_dir)
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    moments = []
    for _ in range(runs):
        started = time.perf_counter()
        first = ready = None
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as run:
            assert run.stdout is not None
            for line in run.stdout:
                elapsed = (time.perf_counter() - started) * 1000
                if line.startswith(FIRST_PAGE_LINE) and first is None:
                    first = elapsed
                elif line.startswith(WINDOW_LINE) and ready is None:
                    ready = elapsed
        if run.returncode != 0 or ready is None:
            raise RuntimeError(f"{command} did not paint its window (exit {run.returncode})")
        moments.append((first if first is not None else ready, ready))
    return moments


def start_figures(dist: Path, runs: int = 5) -> tuple[float, float]:
    """(frozen, pip-installed) start-up in ms, both on the same demo database in a fresh data folder."""
    with tempfile.TemporaryDirectory(prefix="offerdesk-start-") as folder:
        data = Path(folder)
        frozen = median_start_ms([str(executable(dist, "offerdesk-gui"))], data, runs)
        installed = median_start_ms([sys.executable, "-m", "offerdesk"], data, runs)
    return frozen, installed
