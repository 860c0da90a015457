"""The team database a person chose to work on: its address, how to check it, and remembering the choice.

The chosen URL (never its password: that lives in the keychain) is kept in the config folder as a small JSON file,
so the window opens on the team server next time; "Use Local Database" forgets it. `--db-url` and OFFERDESK_DB_URL
still win over it. A connection check says in one sentence what a Connect would meet: the server, its schema, the
password.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import URL, make_url, text
from sqlalchemy import exc as sa_exc

from offerdesk.errors import DatabaseError, ServerUnreachable
from offerdesk.files import atomic_write
from offerdesk.paths import DB_URL_ENV, AppPaths
from offerdesk.services.setup.secrets import Keychain
from offerdesk.services.setup.team_password import TeamPassword
from offerdesk.storage import schema
from offerdesk.storage.db import Database, describe_error, normalize_url, server_name

DEFAULT_PORT = 5432
TLS_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
NAME_NOT_FOUND = ("failed to resolve host", "name or service not known", "could not translate host name",
                  "nodename nor servname", "no such host")  # fmt: skip
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})


def default_tls(host: str) -> str:
    """verify-full for a server across the network (the certificate must name it); prefer for this computer."""
    host = host.strip().lower()
    return "prefer" if host in LOCAL_HOSTS or host.startswith("/") else "verify-full"


@dataclass(frozen=True)
class TeamServer:
    """What the connect dialog asks for; `url` is the URL OfferDesk opens (no password in it)."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    tls: str = ""

    @property
    def url(self) -> str:
        query: dict[str, str] = {"sslmode": self.tls or default_tls(self.host)}
        host: str | None = self.host.strip() or None
        if host is not None and host.startswith("/"):  # a socket folder goes in the query, as libpq takes it
            query["host"], host = host, None
            query["port"] = str(self.port)
        return URL.create(
            "postgresql+psycopg",
            username=self.user.strip() or None,
            host=host,
            port=self.port if host is not None else None,
            database=self.database.strip() or None,
            query=query,
        ).render_as_string(hide_password=False)

    @property
    def where(self) -> str:
        return f"{self.host.strip() or 'localhost'}:{self.port}/{self.database.strip()}"

    @classmethod
    def from_url(cls, url: str) -> TeamServer:
        parsed = make_url(url)
        query = dict(parsed.query)
        host = parsed.host or str(query.get("host") or "")
        port = parsed.port or int(str(query.get("port") or DEFAULT_PORT))
        return cls(host, parsed.database or "", parsed.username or "", port, str(query.get("sslmode") or ""))

    def problems(self) -> list[str]:
        missing = [name for name, value in (("host", self.host), ("database", self.database), ("user", self.user))
                   if not value.strip()]  # fmt: skip
        named = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        sentences = [f"Give the {named} of the team database."] if missing else []
        if not 0 < self.port < 65536:
            sentences.append(f"The port {self.port} is not a port number (1–65535; PostgreSQL uses 5432).")
        if self.tls and self.tls not in TLS_MODES:
            sentences.append(f"“{self.tls}” is not a TLS mode; use one of {', '.join(TLS_MODES)}.")
        return sentences


# -- the remembered choice -------------------------------------------------------------------------------------
def remembered_url(paths: AppPaths) -> str | None:
    """The team database chosen last time, or None (the local database); a damaged file counts as none."""
    try:
        data = json.loads(paths.team_choice_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith("postgresql") else None


def remember(paths: AppPaths, url: str) -> None:
    """Keep `url` (its password taken out first) as the database the window opens on."""
    bare = make_url(url)._replace(password=None).render_as_string(hide_password=False)
    with atomic_write(paths.team_choice_file, "w", encoding="utf-8") as stream:
        stream.write(json.dumps({"url": bare}, indent=2) + "\n")


def forget(paths: AppPaths) -> None:
    """Back to the local database at the next start."""
    paths.team_choice_file.unlink(missing_ok=True)


def start_url(paths: AppPaths, given: str | None) -> str | None:
    """What the window opens: --db-url, then OFFERDESK_DB_URL, then the remembered team database, else None."""
    return given or os.environ.get(DB_URL_ENV) or remembered_url(paths)


def local_url(paths: AppPaths) -> str:
    return f"sqlite:///{paths.database_file.as_posix()}"


# -- the check -------------------------------------------------------------------------------------------------
class Finding(Enum):
    READY = "ready"
    EMPTY = "empty"
    OUTDATED = "outdated"
    NEWER = "newer"
    NOT_OFFERDESK = "not_offerdesk"
    WRONG_PASSWORD = "wrong_password"
    UNREACHABLE = "unreachable"
    REFUSED = "refused"


@dataclass(frozen=True)
class ConnectionCheck:
    finding: Finding
    sentence: str

    @property
    def can_connect(self) -> bool:
        return self.finding in (Finding.READY, Finding.EMPTY)


class _GivenPassword:
    """The password typed in the dialog, for one check; nothing is asked or kept."""

    def __init__(self, password: str | None) -> None:
        self._password = password

    def password(self, refused: bool) -> str | None:
        return None if refused else self._password

    def accepted(self, password: str) -> None:
        """Kept only when the person connects."""


def check(server: TeamServer, password: str | None) -> ConnectionCheck:
    """Connect once and say what was found; runs in a worker thread (it may wait CONNECT_TIMEOUT_S)."""
    database = Database(server.url, password=_GivenPassword(password))
    try:
        return _check(database, server)
    finally:
        database.dispose()


def _check(database: Database, server: TeamServer) -> ConnectionCheck:
    where = server.where
    try:
        status = schema.schema_status(database)
    except ServerUnreachable as error:
        if any(sign in str(error).lower() for sign in NAME_NOT_FOUND):
            return ConnectionCheck(
                Finding.UNREACHABLE,
                f"Cannot reach the server {server.host}:{server.port}: no computer of the name {server.host} was "
                "found. Check the host name (and that this computer is on the network that knows it).",
            )
        return ConnectionCheck(
            Finding.UNREACHABLE,
            f"Cannot reach the server {server.host or 'localhost'}:{server.port}: nothing answered there. Check the "
            "host and port, and that the server is running and lets this computer in.",
        )
    except DatabaseError as error:
        said = str(error)
        if "password" in said.lower():
            return ConnectionCheck(
                Finding.WRONG_PASSWORD,
                f"The server {where} did not accept the password for {server.user}; check it and try again.",
            )
        if "another program" in said:
            return ConnectionCheck(Finding.NOT_OFFERDESK, f"{where} is not an OfferDesk database: it holds another "
                                   "program's tables. Choose another database.")  # fmt: skip
        if "newer OfferDesk" in said:
            return ConnectionCheck(
                Finding.NEWER,
                f"Connected, but {where} was set up by a newer OfferDesk; update OfferDesk to work on it.",
            )
        return ConnectionCheck(Finding.REFUSED, said)
    if status.state is schema.SchemaState.CURRENT:
        return ConnectionCheck(Finding.READY, f"Connected to {where}: an OfferDesk database of this version.")
    if status.state is schema.SchemaState.OUTDATED:
        return ConnectionCheck(
            Finding.OUTDATED,
            f"Connected, but {where} uses an older OfferDesk schema ({status.revision}); ask the administrator to "
            "run `offerdesk db upgrade` on it.",
        )
    if _owns(database):
        return ConnectionCheck(
            Finding.EMPTY, f"Connected to {where}: the database is empty, and yours; Connect sets it up for OfferDesk."
        )
    return ConnectionCheck(
        Finding.REFUSED,
        f"Connected to {where}, but the database is empty; ask its owner (the administrator) to run "
        "`offerdesk db upgrade` on it.",
    )


def _owns(database: Database) -> bool:
    try:
        with database.engine.connect() as connection:
            return bool(
                connection.execute(
                    text(
                        "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database "
                        "WHERE datname = current_database()"
                    )
                ).scalar()
            )
    except (sa_exc.OperationalError, sa_exc.DatabaseError) as error:
        raise describe_error(error, database.display_name) from error


def keep_password(server: TeamServer, password: str, chain: Keychain | None = None) -> None:
    """The password goes to the keychain under the server's name (the way TeamPassword finds it); never a file."""
    if password:
        source = TeamPassword(server.url, chain)
        source.chain.set(source.name, password)


def is_server(db_url: str | None) -> bool:
    """Whether `db_url` names a PostgreSQL server (a bad URL is not one: opening it says what is wrong)."""
    if not db_url:
        return False
    try:
        return make_url(normalize_url(db_url)).get_backend_name() == "postgresql"
    except (DatabaseError, sa_exc.ArgumentError):
        return False


def server_label(db_url: str) -> str:
    """HOST:PORT/DB, as people name a server."""
    return server_name(normalize_url(db_url))
