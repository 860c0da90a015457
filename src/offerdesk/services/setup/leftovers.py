"""Half-written files a killed OfferDesk left behind: whole letters or records under a hidden name, removed on start.

Only OfferDesk's own temporary names in OfferDesk's own folders are touched, and only once they are old enough
that no other window can still be writing them.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

from offerdesk.paths import AppPaths

log = logging.getLogger(__name__)

STALE_AFTER_SECONDS = 60
# files.atomic_write: ".<target name>-<8 random characters from mkstemp>.partial"
_HIDDEN_TEMPORARY = re.compile(r"^\..+-[a-z0-9_]{8}\.partial$")
# backups, deleted-record copies and import reports: "<target name>.partial"
_NAMED_TEMPORARY = re.compile(r"^[^.].*\.(?:sqlite|json|csv)\.partial$")


def is_our_temporary(name: str) -> bool:
    return bool(_HIDDEN_TEMPORARY.match(name) or _NAMED_TEMPORARY.match(name))


def our_folders(paths: AppPaths) -> tuple[Path, ...]:
    data = paths.data_dir
    return (
        paths.exports_dir,
        paths.backup_dir,
        paths.backup_dir / "deleted",
        paths.templates_dir,
        data / "reports",
        data / "signed",
    )


def remove_stale_partials(paths: AppPaths, now: float | None = None) -> int:
    """Delete OfferDesk's temporary files older than a minute in its own folders; returns how many went."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed = 0
    for folder in our_folders(paths):
        try:
            candidates = [entry for entry in folder.iterdir() if is_our_temporary(entry.name)]
        except OSError:  # not made yet, or not readable: nothing of ours to tidy there
            continue
        for entry in candidates:
            try:
                if entry.is_file() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
                    entry.unlink()
                    removed += 1
            except OSError:
                continue
    if removed:
        log.info("removed %d unfinished temporary files left by an earlier run", removed)
    return removed
