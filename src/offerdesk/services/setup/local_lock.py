"""The one-window lock on the laptop's own database, taken before anything heavy is imported (the quick start).

bootstrap.lock_for_window does the same for any database URL, but it imports SQLAlchemy to read the URL.
"""

from __future__ import annotations

from offerdesk.paths import AppPaths
from offerdesk.storage.instance_lock import WindowLock

__all__ = ["WindowLock", "lock_local_database"]


def lock_local_database(paths: AppPaths) -> WindowLock:
    """The lock on the data folder's database file; AlreadyOpen (an OfferDeskError) names the window holding it."""
    return WindowLock.acquire(paths.database_file)
