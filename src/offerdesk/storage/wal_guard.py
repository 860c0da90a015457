"""Which -wal belongs to the database: decided before SQLite opens the file, because opening replays the -wal.

Nothing in SQLite's file format ties a -wal to its database: a -wal saved from an earlier state of the same file, or
copied from another OfferDesk database, is replayed over our pages as readily as our own (index damage, or rows
silently gone). So every OfferDesk process keeps a marker beside the database while it has it open
(`<db>.open-<token>`: pid, host, since, and the salts and size of the -wal after its last write), and removes it after
a clean close, when its checkpoint has emptied the -wal. At start:

* a marker of a running process: the -wal is a live one (the CLI may run while the window is open); nothing to judge;
* no marker at all: OfferDesk closed cleanly, so a -wal with committed frames is not ours and is refused;
* only markers of processes that stopped (a crash): the -wal must be the one the newest marker names (same salts, not
  shorter), must exist when frames were recorded, and must replay cleanly: that is checked on a copy.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from offerdesk.storage.wal_file import (
    WalCursor,
    database_page_size,
    follow_wal,
    read_wal_header,
    summarize_wal,
    wal_path,
)

MARKER_INFIX = ".open-"


def _host() -> str:
    return socket.gethostname() or "localhost"


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running on this machine (best effort; unknown counts as alive)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Marker:
    """One process's note that it has the database open, and which -wal it last wrote."""

    file: Path
    pid: int
    host: str
    since: str
    updated_ns: int
    wal_salts: tuple[int, int] | None
    wal_size: int
    wal_committed: int  # committed frames in that -wal after this process's last write

    @property
    def running(self) -> bool:
        """A process on another machine (a shared folder) cannot be asked: it counts as running."""
        return self.host != _host() or process_alive(self.pid)


def _markers(database: Path) -> Iterator[Marker]:
    for file in database.parent.glob(f"{database.name}{MARKER_INFIX}*"):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            salts = data.get("wal_salts")
            yield Marker(
                file=file,
                pid=int(data["pid"]),
                host=str(data["host"]),
                since=str(data["since"]),
                updated_ns=int(data["updated_ns"]),
                wal_salts=(int(salts[0]), int(salts[1])) if salts else None,
                wal_size=int(data.get("wal_size", 0)),
                wal_committed=int(data.get("wal_committed", 0)),
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            continue  # half-written by a process that died writing it: it records nothing to judge by


def open_markers(database: Path) -> list[Marker]:
    return list(_markers(database))


@dataclass(frozen=True)
class WalVerdict:
    """`problem` completes "The database X ..." when the -wal must not be replayed; `replay_on_copy` asks for the
    health check to run on a copy of the database and its -wal (a crash left frames to replay)."""

    problem: str | None = None
    replay_on_copy: bool = False
    in_use: bool = False  # a running OfferDesk has the file open: its -wal is live


def judge_wal(database: Path) -> WalVerdict:
    """Read-only: whether SQLite may replay the -wal beside `database` into it."""
    markers = open_markers(database)
    if any(marker.running for marker in markers):
        return WalVerdict(in_use=True)
    wal_file = wal_path(database)
    wal = summarize_wal(wal_file)
    if not markers:
        if wal.replays:
            return WalVerdict(
                f"has a -wal file beside it ({wal_file.name}, {wal.committed_frames} pages of changes) that OfferDesk "
                "did not leave there: OfferDesk closed it properly last time, so the -wal was copied from another "
                "database or an earlier state, and replaying it would overwrite the database's pages"
            )
        return WalVerdict()
    newest = max(markers, key=lambda marker: marker.updated_ns)
    stopped = f"OfferDesk (process {newest.pid}, open since {newest.since}) stopped without closing it"
    if newest.wal_salts is not None and newest.wal_size > 0 and not wal.exists:
        return WalVerdict(
            f"is missing its -wal file ({wal_file.name}): {stopped}, and the latest changes were still in that file"
        )
    if 0 < wal.size < newest.wal_size:  # (an empty one was emptied by the checkpoint of another process)
        return WalVerdict(
            f"has a -wal file ({wal_file.name}) shorter than when {stopped}: part of the latest changes is missing"
        )
    if not wal.replays and not (wal.size and newest.wal_committed):
        return WalVerdict()
    if newest.wal_salts != wal.salts:
        return WalVerdict(
            f"has a -wal file beside it ({wal_file.name}) that is not the one OfferDesk was writing when {stopped}: "
            "it comes from another database or an earlier state"
        )
    if wal.committed_frames < newest.wal_committed:
        return WalVerdict(
            f"has a -wal file ({wal_file.name}) of which {newest.wal_committed - wal.committed_frames} of "
            f"{newest.wal_committed} changed pages no longer read back as written since {stopped}"
        )
    if wal.page_size != database_page_size(database):
        return WalVerdict(f"has a -wal file ({wal_file.name}) written for pages of another size")
    return WalVerdict(replay_on_copy=True)


def _atomic_write(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}-{secrets.token_hex(4)}.partial")  # leftovers.py clears a stray one
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # no fsync: the marker is a hint refreshed on every write, not data


class OpenMarker:
    """This process's marker: written before SQLite opens the file, refreshed after each write, removed on close."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.file = database.with_name(f"{database.name}{MARKER_INFIX}{secrets.token_hex(6)}")
        self._since = time.strftime("%Y-%m-%d %H:%M:%S")
        self._recorded: tuple[tuple[int, int] | None, int, int] | None = None
        self._cursor: WalCursor | None = None
        self._lock = threading.Lock()  # workers' transactions end on their own threads

    @classmethod
    def place(cls, database: Path) -> OpenMarker:
        """Write the marker and forget the markers of stopped processes (their -wal was judged before this)."""
        marker = cls(database)
        marker.record()
        forget_stopped(database, keep=marker.file)
        return marker

    def record(self) -> None:
        """Note which -wal this process writes to, how long it is and how many frames it commits; reads only the
        frames written since the last call."""
        with self._lock:
            self._record()

    def _record(self) -> None:
        wal = read_wal_header(wal_path(self.database))
        self._cursor = follow_wal(wal_path(self.database), self._cursor) if wal.size > 0 else None
        committed = self._cursor.committed if self._cursor is not None else 0
        state = (wal.salts if wal.size > 0 else None, wal.size, committed)
        if state == self._recorded:
            return
        data = {
            "pid": os.getpid(),
            "host": _host(),
            "since": self._since,
            "updated_ns": time.time_ns(),
            "wal_salts": list(state[0]) if state[0] else None,
            "wal_size": state[1],
            "wal_committed": state[2],
        }
        try:
            _atomic_write(self.file, json.dumps(data))
            self._recorded = state
        except OSError:
            pass  # a marker that cannot be written only weakens the next start's check; the work goes on

    def release(self, *, checkpointed: bool) -> None:
        """After a clean close: the marker goes when the -wal holds nothing the database lacks; else it is kept,
        refreshed, and judged at the next start like a crash's."""
        if not checkpointed:
            self.record()
            return
        self.file.unlink(missing_ok=True)
        if not wal_path(self.database).exists():  # this was the last connection: nothing is left to replay
            forget_stopped(self.database)


def forget_stopped(database: Path, keep: Path | None = None) -> None:
    """Remove the markers of processes that are no longer running (after their -wal was judged or replaced)."""
    for marker in open_markers(database):
        if marker.file != keep and not marker.running:
            marker.file.unlink(missing_ok=True)
