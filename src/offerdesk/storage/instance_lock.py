"""One OfferDesk window per database: an OS-level lock on `<db>.window-lock`, held while the window is open.

The operating system releases the lock when the process ends, however it ends, so a crash never leaves a window
"still open". Commands (the CLI) take no lock: they run alongside the window and take turns writing through SQLite's
transactions. The lock file says who holds it (pid, host, since) for the sentence a second window shows; it is never
deleted, because removing a lock file while another process opens it lets two processes each hold "the" lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import IO

from offerdesk.errors import DatabaseError

LOCK_SUFFIX = ".window-lock"
_INFO_OFFSET = 1  # Windows locks byte 0 only, so the holder's details after it stay readable to others


class AlreadyOpen(DatabaseError):
    """Another OfferDesk window has this database open."""


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _holder(path: Path) -> str:
    """Who holds the lock, as the sentence names them: 'process 123 on host, open since 2026-12-02 16:00'."""
    try:
        with path.open("rb") as handle:
            handle.seek(_INFO_OFFSET)
            data = json.loads(handle.read().decode("utf-8"))
        where = f" on {data['host']}" if data["host"] != socket.gethostname() else ""
        return f"process {int(data['pid'])}{where}, open since {data['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


class WindowLock:
    """Held by the window's process from before the database opens until it quits."""

    def __init__(self, database: Path, handle: IO[bytes]) -> None:
        self.database = database
        self._handle: IO[bytes] | None = handle

    @classmethod
    def acquire(cls, database: Path) -> WindowLock:
        """The lock, or AlreadyOpen with one sentence naming the window that has the database."""
        path = lock_file(database)
        handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o644), "r+b")  # never truncated before locking
        if not _try_lock(handle):
            handle.close()
            raise AlreadyOpen(
                f"OfferDesk is already open on {database} ({_holder(path)}); switch to that window instead of "
                "opening a second one (commands such as `offerdesk info` can still run alongside it)."
            )
        details = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.strftime("%Y-%m-%d %H:%M")}
        try:
            handle.seek(0)
            handle.write(b"\n")
            handle.write(json.dumps(details).encode("utf-8"))
            handle.truncate()
            handle.flush()
        except OSError:
            pass  # the lock holds all the same; the second window's sentence just cannot name us
        return cls(database, handle)

    def release(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            # Closing releases the lock even when a full disk keeps its last write (the holder's details) unflushed.
            with contextlib.suppress(OSError):
                handle.close()
