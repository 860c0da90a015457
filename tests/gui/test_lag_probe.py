"""The lag probe sees a stall of the GUI thread for what it is, and nothing when the thread is free."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer
from pytestqt.qtbot import QtBot

from offerdesk.ui.lag_probe import LagProbe


def _spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def test_a_blocked_gui_thread_is_seen_as_a_late_firing_at_least_as_long(qtbot: QtBot) -> None:
    probe = LagProbe()
    probe.start()
    _spin(30)
    time.sleep(0.12)  # the GUI thread does something slow
    _spin(30)
    lag = probe.stop()
    assert lag.worst_ms >= 110 and lag.firings > 2


def test_a_stall_at_the_very_end_is_counted_too(qtbot: QtBot) -> None:
    probe = LagProbe()
    probe.start()
    _spin(20)
    time.sleep(0.08)
    assert probe.stop().worst_ms >= 70
