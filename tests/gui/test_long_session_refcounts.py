"""A long session must not abort the interpreter: the Qt binding's lost references to None and the bools.

PySide6 6.12.0 drops a reference to None on every call of a method that returns nothing, and to True or False on
every `Signal.emit` and `disconnect`. Each case runs in a process of its own, calls the culprit more times than
the object has references there (a few thousand), and must end normally (before the guard it aborted with
"Fatal Python error: bool_dealloc" or "none_dealloc").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

_SETUP = """
import sys, warnings
warnings.simplefilter("ignore")
import offerdesk.ui  # what every window and worker imports first
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    ping = Signal(object)

app = QCoreApplication([])
source = Source()
source.ping.connect(lambda _value: None)
"""

CALLS = 200_000  # well over the references None, True or False have in that process
CULPRITS = {
    "emit (True)": "source.ping.emit(1)",
    "failed disconnect (False)": "source.ping.disconnect(print)",
    "a method returning nothing (None)": "source.setObjectName('x')",
}


@pytest.mark.parametrize("culprit", list(CULPRITS))
def test_the_interpreter_survives_more_calls_than_the_singleton_has_references(culprit: str) -> None:
    script = _SETUP + f"for _ in range({CALLS}):\n    {CULPRITS[culprit]}\nprint('survived', flush=True)\n"
    environment = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=environment, check=False
    )
    assert finished.returncode == 0, finished.stderr[-1500:]
    assert "survived" in finished.stdout
