"""While the window is open, a backup every half hour, only when something was written since the last one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.backups import PERIODIC_BACKUP_EVERY
from offerdesk.ui.backup_timer import BackupTimer
from offerdesk.ui.main_window import MainWindow


def test_the_half_hourly_backup_is_made_only_after_a_change(window: MainWindow) -> None:
    messages: list[str] = []
    timer = BackupTimer(window.services.backups, window.bus, messages.append, window)
    assert timer.timer.isActive() and timer.timer.interval() == PERIODIC_BACKUP_EVERY.total_seconds() * 1000
    later = datetime.now(UTC) + timedelta(hours=1)
    assert timer.tick(later) is None and window.services.backups.list() == []  # nothing written yet
    window.bus.publish(Changes.of(Kind.CANDIDATES))
    made = timer.tick(later)
    assert made is not None and [b.path for b in window.services.backups.list()] == [made.path]
    assert timer.tick(later + timedelta(hours=1)) is None  # nothing written since
    assert messages == []
