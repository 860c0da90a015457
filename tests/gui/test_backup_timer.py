"""While the window is open, a backup every half hour, only when something was written since the last one; it and the
daily backup at start are written in the thread pool, one at a time, and closing the window waits for them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.backups import PERIODIC_BACKUP_EVERY, BackupInfo, BackupService
from offerdesk.ui import workers
from offerdesk.ui.backup_timer import BackupTimer
from offerdesk.ui.main_window import MainWindow


def _made(qtbot: QtBot, timer: BackupTimer, start: Callable[[], bool]) -> BackupInfo | None:
    """What the backup started by `start` made (None: none was due, or it failed), once it has ended."""
    with qtbot.waitSignal(timer.finished, timeout=20_000) as ended:
        assert start()
    made = ended.args[0] if ended.args else None
    assert made is None or isinstance(made, BackupInfo)
    return made


def _threads_of(monkeypatch: pytest.MonkeyPatch, backups: BackupService, name: str, pause: float = 0.0) -> list[int]:
    """The threads `backups.<name>` ran on; with `pause`, each call first waits that long (a slow disk)."""
    seen: list[int] = []
    real = getattr(backups, name)

    def recorded(*args: object, **kwargs: object) -> object:
        seen.append(threading.get_ident())
        time.sleep(pause)
        return real(*args, **kwargs)

    monkeypatch.setattr(backups, name, recorded)
    return seen


def test_the_half_hourly_backup_is_made_only_after_a_change(window: MainWindow, qtbot: QtBot) -> None:
    messages: list[str] = []
    timer = BackupTimer(window.services.backups, window.bus, messages.append, window)
    assert timer.timer.isActive() and timer.timer.interval() == PERIODIC_BACKUP_EVERY.total_seconds() * 1000
    later = datetime.now(UTC) + timedelta(hours=1)
    assert _made(qtbot, timer, lambda: timer.tick(later)) is None and window.services.backups.list() == []
    window.bus.publish(Changes.of(Kind.CANDIDATES))
    made = _made(qtbot, timer, lambda: timer.tick(later))
    assert made is not None and [b.path for b in window.services.backups.list()] == [made.path]
    assert _made(qtbot, timer, lambda: timer.tick(later + timedelta(hours=1))) is None  # nothing written since
    assert messages == []


def test_the_backup_is_written_off_the_gui_thread(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = window.services.backups
    threads = _threads_of(monkeypatch, backups, "create")
    timer = BackupTimer(backups, window.bus, lambda _text: None, window)
    timer.changed = True
    made = _made(qtbot, timer, lambda: timer.tick(datetime.now(UTC) + timedelta(hours=1)))
    assert made is not None and made.path.is_file()
    assert threads and threading.get_ident() not in threads


def test_a_backup_that_cannot_be_written_is_said_in_the_status_line(window: MainWindow, qtbot: QtBot) -> None:
    messages: list[str] = []
    backups = window.services.backups
    folder = window.services.paths.backup_dir
    assert not folder.exists()
    folder.write_text("a file where the backup folder should be")
    timer = BackupTimer(backups, window.bus, messages.append, window)
    timer.changed = True
    assert _made(qtbot, timer, lambda: timer.tick(datetime.now(UTC) + timedelta(hours=1))) is None
    assert len(messages) == 1 and messages[0].startswith("The half-hourly backup was not made: ")
    assert timer.changed  # still to be backed up at the next tick


def test_only_one_backup_runs_at_a_time(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    backups = window.services.backups
    threads = _threads_of(monkeypatch, backups, "create", pause=0.5)
    timer = BackupTimer(backups, window.bus, lambda _text: None, window)
    timer.changed = True
    later = datetime.now(UTC) + timedelta(hours=1)
    with qtbot.waitSignal(timer.finished, timeout=20_000):
        assert timer.tick(later)
        assert not timer.tick(later)  # the first is still being written
        assert not timer.back_up_at_start(lambda: timedelta(hours=24))
    assert len(threads) == 1 and len(backups.list()) == 1


def test_waiting_for_the_workers_waits_for_a_backup_however_long_it_takes(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup is never cut half-way by the app ending: the wait at close lasts as long as the backup does."""
    backups = window.services.backups
    _threads_of(monkeypatch, backups, "create", pause=0.5)
    timer = BackupTimer(backups, window.bus, lambda _text: None, window)
    timer.changed = True
    assert timer.tick(datetime.now(UTC) + timedelta(hours=1))
    workers.wait_for_all(milliseconds=1)
    made = backups.list()
    assert len(made) == 1 and "is intact" in backups.verify(str(made[0].path))
    assert not any(path.name.endswith(".partial") for path in made[0].path.parent.iterdir())


def test_closing_the_window_waits_for_the_backup_to_be_complete(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = window.services.backups
    _threads_of(monkeypatch, backups, "create", pause=0.5)
    timer = BackupTimer(backups, window.bus, lambda _text: None, window)
    timer.changed = True
    assert timer.tick(datetime.now(UTC) + timedelta(hours=1))
    window.close()
    made = backups.list()
    assert len(made) == 1 and "is intact" in backups.verify(str(made[0].path))


def test_the_daily_backup_at_start_is_written_off_the_gui_thread(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from offerdesk.app import _start_window_work

    backups = window.services.backups
    threads = _threads_of(monkeypatch, backups, "automatic")
    assert backups.list() == []
    _start_window_work(window, window.services, None)
    qtbot.waitUntil(lambda: len(backups.list()) == 1, timeout=20_000)
    assert threads and threading.get_ident() not in threads
