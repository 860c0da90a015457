"""`offerdesk team …`, `offerdesk offers history` and `offerdesk db upgrade` as a user types them: on a SQLite file
(where there is no team) and on a PostgreSQL server."""

from __future__ import annotations

import io
from pathlib import Path

import psycopg
import pytest

from offerdesk.cli import main
from tests.postgres import postgres_url  # noqa: F401 - a fixture
from tests.unit.cli.cli_run import run

ON_A_FILE = "Team users exist on a team's PostgreSQL server; this database is a file on this computer"


@pytest.mark.parametrize(
    "args",
    [("team", "list"), ("team", "add-user", "rita", "--role", "recruiter", "--password-stdin"),
     ("team", "remove-user", "rita", "--yes")],
)  # fmt: skip
def test_on_a_sqlite_file_the_team_commands_say_there_is_no_team(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a password typed\n"))
    code, out, err = run(capsys, "--data-dir", data, *args)
    assert code == 1
    assert ON_A_FILE in err
    assert "Traceback" not in out + err


def test_an_offers_history_says_who_changed_what(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--data-dir", data, "settings", "set", "recruiter.name", "Sam Rivera")[0] == 0
    code, out, _err = run(capsys, "--data-dir", data, "offers", "new", "1", "--currency", "EUR")
    assert code == 0
    offer_id = next(word for word in out.split() if word.isdigit())
    code, out, err = run(capsys, "--data-dir", data, "offers", "history", offer_id)
    assert code == 0, err
    assert "Sam Rivera  Added the offer" in out
    assert "Added pay line “Base salary”" in out
    code, _out, err = run(capsys, "--data-dir", data, "offers", "history", "9999")
    assert code == 1 and "There is no offer with id 9999." in err


@pytest.fixture
def server(tmp_path: Path, postgres_url: str) -> str:  # noqa: F811 - the fixture
    code = main(["--data-dir", str(tmp_path / "owner"), "--db-url", postgres_url, "db", "upgrade"])
    assert code == 0
    return postgres_url


def test_db_upgrade_renews_the_server_objects_when_the_schema_is_current(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute("DROP TRIGGER offerdesk_audit ON offers")
        connection.execute("DROP FUNCTION offerdesk_app_role() CASCADE")
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "owner"), "--db-url", server, "db", "upgrade")
    assert code == 0, err
    assert "(current)" in out
    with psycopg.connect(server) as connection:
        triggers = connection.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'offerdesk_audit'").fetchone()
        role = connection.execute("SELECT offerdesk_app_role()").fetchone()
    assert triggers is not None and triggers[0] == 13
    assert role == ("admin",)


def test_on_a_server_add_user_asks_for_the_password_and_never_takes_it_as_an_argument(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ("--data-dir", str(tmp_path / "owner"), "--db-url", server, "team")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script, not a terminal
    code, _out, err = run(capsys, *base, "add-user", "rosa_cli", "--role", "recruiter")
    assert code == 1 and "pipe it in with --password-stdin" in err
    code, _out, err = run(capsys, *base, "add-user", "rosa_cli", "--role", "boss")
    assert code == 2 and "--role must be one of recruiter, approver, admin" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _out, err = run(capsys, *base, "add-user", "rosa_cli", "--role", "recruiter", "--password-stdin")
    assert code == 1 and "needs at least 8 characters" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough secret\n"))
    code, _out, err = run(capsys, *base, "add-user", "Rosa Smith", "--role", "recruiter", "--password-stdin")
    assert code == 1 and "cannot be a login name" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough secret\n"))
    code, out, err = run(capsys, *base, "add-user", "rosa_cli", "--role", "recruiter", "--password-stdin")
    assert code == 0, err
    assert out.strip() == "rosa_cli is on the team as recruiter."
    code, out, _err = run(capsys, *base, "list")
    assert "rosa_cli  recruiter" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _out, err = run(capsys, *base, "remove-user", "rosa_cli")
    assert code == 1 and "Removing rosa_cli needs a yes" in err
    code, _out, err = run(capsys, *base, "remove-user", "nobody_here", "--yes")
    assert code == 1 and "nobody_here is not on the team of" in err
    code, out, err = run(capsys, *base, "remove-user", "rosa_cli", "--yes")
    assert code == 0, err
    assert "rosa_cli is no longer on the team" in out


def test_a_recruiter_is_told_that_managing_the_team_needs_an_admin(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = ("--data-dir", str(tmp_path / "owner"), "--db-url", server)
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough secret\n"))
    assert run(capsys, *owner, "team", "add-user", "remy_cli", "--role", "recruiter", "--password-stdin")[0] == 0
    remy = ("--data-dir", str(tmp_path / "remy"), "--db-url", server.replace("postgres@", "remy_cli@", 1))
    code, _out, err = run(capsys, *remy, "team", "remove-user", "postgres", "--yes")
    assert code == 1
    assert "Removing a team member needs the admin team role; yours is recruiter." in err
    code, _out, err = run(capsys, *remy, "roles", "set-band", "1", "EUR", "50000", "60000", "70000")
    assert code == 1
    assert "Your team role (recruiter) does not allow changing pay bands; ask an admin." in err
    assert "Traceback" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_the_password_is_asked_twice_without_echo(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ("--data-dir", str(tmp_path / "owner"), "--db-url", server, "team", "add-user", "tess_cli", "--role")
    monkeypatch.setattr("sys.stdin", _Terminal(""))
    answers = iter(["long enough secret", "long enough secreT"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    code, _out, err = run(capsys, *base, "approver")
    assert code == 1 and "The two passwords differ; tess_cli was not added." in err
    answers = iter(["long enough secret", "long enough secret"])
    code, out, err = run(capsys, *base, "approver")
    assert code == 0, err
    assert "tess_cli is on the team as approver." in out


def test_db_upgrade_by_a_team_member_says_only_the_owner_may(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("long enough secret\n"))
    owner = ("--data-dir", str(tmp_path / "owner"), "--db-url", server)
    assert run(capsys, *owner, "team", "add-user", "adam_cli", "--role", "admin", "--password-stdin")[0] == 0
    adam = ("--data-dir", str(tmp_path / "adam"), "--db-url", server.replace("postgres@", "adam_cli@", 1))
    code, _out, err = run(capsys, *adam, "db", "upgrade")
    assert code == 1
    assert "Only the owner of" in err and "may renew its triggers, roles and grants" in err
