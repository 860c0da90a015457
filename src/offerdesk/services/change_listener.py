"""Hears what teammates change on the shared server (LISTEN offerdesk_changes) and says it as Changes.

A thread holds one connection of its own (autocommit, LISTEN) and waits on psycopg's `notifies(timeout=…)`. Kinds
that arrive close together are told once, after COALESCE_S, so a teammate's import is one refresh, not hundreds.
When the server goes away the thread reconnects with a growing pause and then tells "everything" (what changed
meanwhile was not heard). Notices sent by this process's own connections are skipped: the window already published
those changes itself. On SQLite there is nothing to listen to, and `for_database` returns None.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

from offerdesk.services.changes import Changes, Kind
from offerdesk.storage.db import CONNECT_TIMEOUT_S, Database
from offerdesk.storage.pg_notify import CHANNEL

log = logging.getLogger(__name__)

COALESCE_S = 0.3  # kinds arriving within this time are told together
POLL_S = 0.5  # how often the thread looks whether it was asked to stop
BACKOFF_S = (0.5, 1.0, 2.0, 5.0, 10.0)  # pauses between reconnection attempts, the last one repeating
IMPLIED = {Kind.OFFERS: Kind.CANDIDATES}  # a candidate's row shows their offer's status

Callback = Callable[[Changes], None]


class OwnConnections:
    """The backend process ids of an engine's open connections, kept as the pool opens and closes them."""

    def __init__(self, engine: Engine) -> None:
        self.pids: set[int] = set()
        event.listen(engine, "connect", self._opened)
        event.listen(engine, "close", self._closed)
        event.listen(engine, "close_detached", self._detached)

    def _opened(self, dbapi_connection: Any, record: Any) -> None:
        pid = getattr(getattr(dbapi_connection, "info", None), "backend_pid", None)
        if isinstance(pid, int):
            record.info["offerdesk_pid"] = pid
            self.pids.add(pid)

    def _closed(self, _dbapi_connection: Any, record: Any) -> None:
        self.pids.discard(record.info.get("offerdesk_pid", -1))

    def _detached(self, dbapi_connection: Any) -> None:
        self.pids.discard(getattr(getattr(dbapi_connection, "info", None), "backend_pid", -1))


def _kinds(payload: str) -> set[Kind]:
    try:
        kind = Kind(payload)
    except ValueError:
        return set()  # a newer OfferDesk's kind: nothing here shows it
    implied = IMPLIED.get(kind)
    return {kind, implied} if implied else {kind}


class ChangeListener:
    """LISTEN on the server behind `database`; `callback` runs on the listener's thread."""

    def __init__(self, database: Database, callback: Callback, *, own: OwnConnections | None = None) -> None:
        self._database = database
        self._callback = callback
        self._own = own
        self._stop = threading.Event()
        self._connection: Any = None
        self.connected = threading.Event()  # set while LISTEN is in place (tests wait on it)
        self._thread = threading.Thread(target=self._run, name="offerdesk-change-listener", daemon=True)

    @classmethod
    def for_database(cls, database: Database, callback: Callback, *, skip_own: bool = True) -> ChangeListener | None:
        """A started listener for a server database; None for SQLite."""
        if database.is_sqlite:
            return None
        listener = cls(database, callback, own=OwnConnections(database.engine) if skip_own else None)
        listener.start()
        return listener

    def start(self) -> None:
        self._thread.start()

    def close(self, timeout: float = 5.0) -> None:
        """Stop listening; returns once the thread has ended (it looks every POLL_S)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _connect(self) -> Any:
        import psycopg

        engine = self._database.engine
        _args, params = engine.dialect.create_connect_args(engine.url)
        params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        source = self._database.password
        known = source.password(refused=False) if source is not None else None
        if known:
            params["password"] = known
        connection = psycopg.connect(autocommit=True, **params)
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _run(self) -> None:
        import psycopg

        lost = (psycopg.Error, OSError)  # what a server that cannot be reached or went away raises; a defect of ours
        attempt, missed = 0, False  # ends the thread (and is logged) instead of being retried forever
        while not self._stop.is_set():
            try:
                self._connection = self._connect()
            except lost as error:  # the server cannot be reached: wait, then try again
                log.info("change notices: cannot connect (%s); trying again", type(error).__name__)
                self._stop.wait(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
                attempt, missed = attempt + 1, True
                continue
            attempt = 0
            self.connected.set()
            if missed:
                self._tell({*Kind})  # what changed while the server was away was not heard
            try:
                self._listen(self._connection)
            except lost as error:  # the server went away: reconnect
                log.info("change notices: the connection ended (%s); reconnecting", type(error).__name__)
                missed = True
            finally:
                self.connected.clear()
                self._close_connection()

    def _listen(self, connection: Any) -> None:
        pending: set[Kind] = set()
        first = 0.0
        while not self._stop.is_set():
            for notice in connection.notifies(timeout=COALESCE_S if pending else POLL_S):
                if self._own is not None and notice.pid in self._own.pids:
                    continue
                if not pending:
                    first = time.monotonic()
                pending |= _kinds(notice.payload)
            if pending and time.monotonic() - first >= COALESCE_S:
                self._tell(pending)
                pending = set()

    def _tell(self, kinds: set[Kind]) -> None:
        """Hand the kinds on; a receiver's defect ends the thread and reaches the app's thread exception hook."""
        self._callback(Changes(frozenset(kinds)))

    def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # closing a connection that is already gone
                connection.close()
