"""How late the GUI thread answers: a timer that should fire every few milliseconds records each delay.

A firing that comes 120 ms late means the window could not repaint or take a key for 120 ms. The responsiveness
benchmark and the GUI tests run actions with a probe running; the figure is per action, max and p99.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 5


@dataclass(frozen=True)
class Lag:
    """What one stretch of probing saw, in ms: the worst delay, the 99th percentile, and how many firings."""

    worst_ms: float
    p99_ms: float
    firings: int


class LagProbe(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._interval = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._fired)
        self._last = 0.0
        self._delays: list[float] = []

    def start(self) -> None:
        self._delays = []
        self._last = time.perf_counter()
        self._timer.start()

    def _fired(self) -> None:
        now = time.perf_counter()
        self._delays.append(max(0.0, (now - self._last) * 1000 - self._interval))
        self._last = now

    def stop(self) -> Lag:
        """Stop and say what was seen; the time since the last firing counts too (a stall at the very end)."""
        self._fired()
        self._timer.stop()
        delays = sorted(self._delays)
        if len(delays) < 2:
            return Lag(delays[0] if delays else 0.0, delays[0] if delays else 0.0, len(delays))
        p99 = statistics.quantiles(delays, n=100, method="inclusive")[98]
        return Lag(delays[-1], p99, len(delays))
