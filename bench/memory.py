"""Memory: peak resident set size of OfferDesk opened on 100,000 candidates and 20,000 offers, left to settle (the
list reads what the first search needs) and searched once, against the bare PySide6 window, both as fresh
processes. Printed in MB in the ours/baseline fields."""

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


OPEN_AND_SEARCH = """
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.main_window import MainWindow
app = QApplication([])
services, _ = open_services(resolve_paths(__import__("os").environ["OFFERDESK_DATA_DIR"]))
window = MainWindow(services, ChangeBus(), Prompter())
window.show()
def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()
wait(3000)
window.candidate_list.apply_filter(window.candidate_model.filter.with_query("ber"))
window.candidate_model.settle()
wait(500)
window.close()
"""


def bench_startup_rss() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        build_database(data)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OFFERDESK_SMOKE_TEST": "1",
               "OFFERDESK_DATA_DIR": str(data)}  # fmt: skip
        ours = _peak_mb([sys.executable, "-c", OPEN_AND_SEARCH], env)
        baseline = _peak_mb([sys.executable, "-c", BARE_WINDOW], env)
    return ours, baseline
