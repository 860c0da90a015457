"""A private PostgreSQL server for a benchmark: a new cluster in a temporary folder, on a Unix socket only.

Where no PostgreSQL binaries are installed, `private_server` yields None and the benchmark leaves its PostgreSQL
figure out. As root (a CI machine) the server runs as the `postgres` user, which PostgreSQL requires.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def binaries() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def private_server() -> Iterator[str | None]:
    """The base URL (`postgresql://postgres@/?host=…&port=…`, no database) of a running server, or None."""
    folder_of_binaries = binaries()
    if folder_of_binaries is None:
        yield None
        return
    folder = Path("/tmp") / f"offerdesk-bench-pg-{uuid.uuid4().hex[:8]}"  # a socket path must stay short
    folder.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", 40000 + os.getpid() % 10000
    initdb = [str(folder_of_binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
    subprocess.run(_as_server_user(initdb), check=True, capture_output=True, timeout=120)
    options = f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off"
    pg_ctl = str(folder_of_binaries / "pg_ctl")
    start = [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
    subprocess.run(_as_server_user(start), check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql://postgres@/?host={folder}&port={port}"
    finally:
        stop = [pg_ctl, "-D", str(data), "-m", "immediate", "stop"]
        subprocess.run(_as_server_user(stop), capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def database_url(base: str, name: str) -> str:
    head, query = base.split("/?", 1)
    return f"{head}/{name}?{query}"


def create_database(base: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(database_url(base, "postgres"), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return database_url(base, name)
