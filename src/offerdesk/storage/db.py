"""Engine and sessions: SQLite (WAL, foreign keys on, real transactions) or a PostgreSQL server for teams."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import NullPool

from offerdesk import window_turn
from offerdesk.errors import DatabaseDamaged, DatabaseError, DiskFull, EditConflict, NotPermitted, ServerUnreachable
from offerdesk.storage import audit_hook, ownership  # noqa: F401 - install the audit and demo-ownership flush hooks
from offerdesk.storage.pg_roles import session_role
from offerdesk.storage.refusals import is_refusal, refusal_sentence

BUSY_TIMEOUT_MS = 3000  # how long a write waits for another writer to finish before it is refused
READ_ONLY = "offerdesk_read_only"  # execution option: this transaction only reads, so SQLite need not lock
SQLITE_HEADER = b"SQLite format 3\x00"
CONNECT_TIMEOUT_S = 5  # a server that does not answer is said within seconds instead of freezing the window
UNREACHABLE_SIGNS = (
    "connection refused", "server closed the connection", "could not connect", "timeout expired", "timed out",
    "no route", "the database system is shutting down", "the database system is starting up",
    "connection is lost", "connection is closed", "terminating connection", "could not translate host name",
    "network is unreachable", "consuming input failed", "is the server running",
    "failed to resolve host", "name or service not known", "nodename nor servname", "no such host",
    "not currently accepting connections",
)  # fmt: skip
LOW_SPACE_BYTES = 1024 * 1024  # below this a "disk I/O error" is a full disk: SQLite needs room for its -wal and -shm
RECORD_WORDS = {  # what a refused stale save is about, by the table whose row changed under it
    "offers": "this offer",
    "offer_versions": "this offer",
    "candidates": "this candidate's record",
    "preclose_profiles": "this candidate's pre-close profile",
    "competing_offers": "this competing offer",
    "roles": "this role",
    "pay_bands": "this pay band",
    "saved_views": "this saved view",
    "letter_templates": "this letter template",
    "scripts": "this script",
    "objections": "this objection",
    "follow_ups": "this follow-up",
    "app_meta": "these settings",
}


class PasswordSource(Protocol):
    """Where a server's password comes from when connecting (the keychain, or the user): never the URL."""

    def password(self, refused: bool) -> str | None:
        """The password to try; `refused` when the server turned the last one down (or wanted one)."""

    def accepted(self, password: str) -> None:
        """The server took `password`: keep it for next time."""


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory SQLite and server databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _install_sqlite_pragmas(engine: Engine, *, foreign_keys: bool, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling skips BEGIN before DDL; we emit BEGIN ourselves (below) so that
        # migrations and multi-statement use cases are atomic.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        # FULL: a commit the window or a command reported as done is on disk even if the laptop loses power a
        # moment later (NORMAL may lose the last commits then). It costs ≈ 0.3 ms per commit, once per save.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A deferred BEGIN that reads and then writes cannot wait for the lock: if another connection committed
        # after its read, SQLite refuses the write at once. Starting as the writer waits in line (busy_timeout).
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def normalize_url(url: str) -> str:
    """Check a database URL and pick our PostgreSQL driver (psycopg 3) when the URL names none."""
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise DatabaseError(
            f"“{url}” is not a database URL; use sqlite:///PATH or postgresql://USER@HOST/DB."
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"OfferDesk works with SQLite files and PostgreSQL servers, not {parsed.get_backend_name()} "
            f"({parsed.render_as_string(hide_password=True)})."
        )
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def server_name(url: str) -> str:
    """A server database as people say it, HOST:PORT/DB (a socket folder stands for the host); a file as its path."""
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database or "memory")
    query_host = parsed.query.get("host")
    host = parsed.host or (query_host if isinstance(query_host, str) else None) or "localhost"
    query_port = parsed.query.get("port")
    port = parsed.port or (query_port if isinstance(query_port, str) else None) or 5432
    return f"{host}:{port}/{parsed.database or ''}"


def _install_password(engine: Engine, source: PasswordSource) -> None:
    """Each new connection gets its password from `source`; one the server refuses is asked for once more."""

    @event.listens_for(engine, "do_connect")
    def _on_connect(dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        known = source.password(refused=False)
        if known:
            cparams["password"] = known
        try:
            return dialect.connect(*cargs, **cparams)
        except dialect.loaded_dbapi.Error as error:  # the driver's own errors: a refusal names the password
            if "password" not in str(error).lower():
                raise
            fresh = source.password(refused=True)
            if not fresh:
                raise
            cparams["password"] = fresh
            connection = dialect.connect(*cargs, **cparams)
            source.accepted(fresh)
            return connection


def make_engine(
    url: str,
    *,
    foreign_keys: bool = True,
    pooled: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    password: PasswordSource | None = None,
) -> Engine:
    """An engine with OfferDesk's connection settings; foreign_keys=False only for schema migrations."""
    options: dict[str, Any] = {"hide_parameters": True}  # an error's text (and so the log) names no one
    if not pooled:
        options["poolclass"] = NullPool
    if url.startswith("postgres"):
        options["pool_pre_ping"] = True  # a connection the server dropped (a restart) is replaced, not failed on
        if "connect_timeout" not in url:
            options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(normalize_url(url), **options)
    except (ModuleNotFoundError, sa_exc.NoSuchModuleError) as error:
        backend = make_url(url).get_backend_name()
        hint = " (reinstall OfferDesk: it ships the psycopg driver)" if backend == "postgresql" else ""
        raise DatabaseError(
            f"OfferDesk cannot talk to a {backend} database: its driver is not installed{hint}."
        ) from error
    event.listen(engine, "before_cursor_execute", _give_way)
    if engine.dialect.name == "sqlite":
        _install_sqlite_pragmas(engine, foreign_keys=foreign_keys, busy_timeout_ms=busy_timeout_ms)
        return engine
    _install_lock_timeout(engine, busy_timeout_ms)  # before the password hook, which makes the connection
    if password is not None:
        _install_password(engine, password)
    return engine


def _give_way(*_event: Any) -> None:
    """Before each statement a worker runs: let a window that is behind have the interpreter first."""
    window_turn.give_way()


def _install_lock_timeout(engine: Engine, lock_timeout_ms: int) -> None:
    """A write another session holds a lock against waits as long as on SQLite, then is refused with a sentence,
    instead of hanging the window until that other session ends (a server waits forever by default)."""

    @event.listens_for(engine, "do_connect")
    def _on_connect(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        given = str(cparams.get("options", ""))
        cparams["options"] = f"{given} -c lock_timeout={lock_timeout_ms}".strip()


def check_sqlite_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file OfferDesk could not use or must not change."""
    if not path.parent.is_dir():
        raise DatabaseError(f"Cannot open the database {path}: the folder {path.parent} does not exist.")
    if not path.exists():
        return
    if not path.is_file():
        raise DatabaseError(f"Cannot open the database {path}: it is not a file.")
    mode = path.stat().st_mode
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise DatabaseError(
            f"The database {path} is read-only; OfferDesk needs to write to it (check the file's permissions)."
        )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not an OfferDesk database (it is not a SQLite file).")


def describe_error(error: BaseException, where: str, *, role: str | None = None) -> DatabaseError:
    """Turn a driver error into one sentence that says what happened and where (`role`: the login's team role)."""
    text = str(getattr(error, "orig", error)).lower()
    if is_refusal(text):
        return NotPermitted(refusal_sentence(text, role))
    if where.startswith("postgresql"):
        where = server_name(where)  # HOST:PORT/DB, as people name a server
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return DatabaseError(
            f"The database {where} is busy: another OfferDesk window or command is writing to it and did not "
            "finish in time; nothing was saved, try again in a moment."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"{where} is damaged or is not a database ({text}); close OfferDesk and start it again to check it."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"The database {where} is read-only; OfferDesk needs to write to it.")
    if "unable to open" in text:
        return DatabaseError(f"Cannot open the database {where}; check that the folder exists and is writable.")
    if ("disk" in text and "full" in text) or ("disk i/o error" in text and _no_room_beside(where)):
        # SQLite says "disk I/O error" when a full disk stops it making or growing its -wal and -shm files.
        return DatabaseError(
            str(DiskFull.writing(f"the database {Path(where).name}", Path(where).parent, elsewhere=False))
        )
    if "disk i/o error" in text:
        return DatabaseError(
            f"The disk holding the database {where} failed to read or write it (disk I/O error); nothing was "
            "saved. Check that the disk is still connected and working, then try again."
        )
    if "password" in text and ("authentication failed" in text or "no password" in text):
        return DatabaseError(
            f"The database server {where} did not accept the password (or was given none); give it once in "
            "--db-url postgresql://USER:PASSWORD@HOST/DB, or set OFFERDESK_DB_PASSWORD."
        )
    if text.startswith("connection failed") and "database" in text and "does not exist" in text:
        return DatabaseError(f"The database server has no database {where}; check the database name.")
    if any(sign in text for sign in UNREACHABLE_SIGNS):
        server = where
        first_line = text.strip().splitlines()[0] if text.strip() else "no answer"
        return ServerUnreachable(
            f"Cannot reach the database server {server} ({first_line}); nothing was written. Check the network, "
            "or ask the administrator whether the server is running, then try again.",
            server,
        )
    return DatabaseError(f"The database {where} reported an error: {text.strip()}")


def describe_conflict(error: StaleDataError) -> EditConflict:
    """A save over a teammate's newer one (SQLAlchemy's version check matched no row) as one sentence."""
    text = str(error)
    table = next((name for name in RECORD_WORDS if f"table '{name}'" in text), "")
    return EditConflict.about(RECORD_WORDS.get(table, "this record"))


def _no_room_beside(where: str) -> bool:
    """Whether the folder of the database file `where` (not a server) has less room than SQLite needs to write."""
    try:
        return shutil.disk_usage(Path(where).parent).free < LOW_SPACE_BYTES
    except (OSError, ValueError):
        return False


class Database:
    """One database: an engine plus a session factory; services open one transaction per use case."""

    def __init__(
        self, url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, password: PasswordSource | None = None
    ) -> None:
        self.url = url
        self.password = password
        self.engine = make_engine(url, busy_timeout_ms=busy_timeout_ms, password=password)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        self.after_write: list[Callable[[], None]] = []  # e.g. the open-marker noting which -wal holds the changes
        self.on_close: list[Callable[[bool], None]] = []  # told whether the closing checkpoint emptied the -wal
        self._team_role: str | None = None
        self._team_role_known = False

    @property
    def display_name(self) -> str:
        path = sqlite_file(self.url)
        return str(path) if path else make_url(self.url).render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Session]:
        """Commit when the block ends normally, roll back otherwise; driver errors become one sentence.

        On SQLite a transaction starts as the writer, so two writers take turns instead of one failing; a block
        that only reads passes read_only=True and neither waits for writers nor makes them wait.
        """
        session = (self._readers if read_only else self._sessions)()
        try:
            with session.begin():
                yield session
        except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
            role = self.team_role() if is_refusal(str(getattr(error, "orig", error))) else None
            raise describe_error(error, self.display_name, role=role) from error
        except StaleDataError as error:  # a teammate saved this row after we read it: nothing of ours was written
            raise describe_conflict(error) from error
        finally:
            session.close()
        if not read_only:
            self.wrote()

    def team_role(self) -> str | None:
        """The app role of this login (admin on SQLite); looked up once, as a role changes only between sessions."""
        if not self._team_role_known:
            with self.engine.connect() as connection:
                self._team_role = session_role(connection)
            self._team_role_known = True
        return self._team_role

    def wrote(self) -> None:
        """Something was written (by a transaction, a migration or a restore): tell who keeps track."""
        for listener in self.after_write:
            listener()

    def enable_wal(self) -> None:
        """WAL lets the GUI read while a worker writes; it is a property of the file, set outside a transaction."""
        if not self.is_sqlite or sqlite_file(self.url) is None:
            return
        try:
            raw = self.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
            finally:
                raw.close()
        except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
            raise describe_error(error, self.display_name) from error

    def dispose(self) -> None:
        self.engine.dispose()

    def close(self) -> None:
        """The end of this process's use: a checkpoint empties the -wal into the file, then the connections go."""
        checkpointed = False
        if self.is_sqlite and sqlite_file(self.url) is not None:
            try:
                raw = self.engine.raw_connection()
                try:
                    row = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()  # type: ignore[union-attr]
                    checkpointed = row is not None and row[0] == 0
                finally:
                    raw.close()
            except (sa_exc.OperationalError, sa_exc.DatabaseError, sqlite3.Error):
                checkpointed = False  # busy or damaged: the -wal stays, and the next start judges it
        self.engine.dispose()
        for listener in self.on_close:
            listener(checkpointed)
