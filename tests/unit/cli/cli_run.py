"""Running the command line in-process as a user types it, for the CLI tests."""

from __future__ import annotations

import pytest

from offerdesk.cli import main
from offerdesk.services.setup.bootstrap import Services


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The exit code, what was printed and what was said on stderr."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def database_args(db_url: str | None) -> list[str]:
    """`--db-url URL` for a test's server database, nothing for the data folder's SQLite file: the command then
    opens the very database the test's services have open."""
    return ["--db-url", db_url] if db_url else []


def db_url_of(services: Services) -> str | None:
    """The --db-url that opens the database `services` has open; None for the data folder's own SQLite file."""
    return None if services.database.is_sqlite else services.database.url
