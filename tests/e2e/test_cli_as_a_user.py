"""The `offerdesk` command in its own process, on real files, with a user's home folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from offerdesk.storage.schema import SCHEMA_HEAD
from tests.e2e.conftest import Runner, command
from tests.helpers import digest, hold_exclusive_lock, make_foreign_sqlite


def test_first_run_creates_the_demo_in_the_user_data_folder(run: Runner, tmp_path: Path) -> None:
    result = run(command("offerdesk"), "info", "--format", "json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["schema_revision"] == SCHEMA_HEAD
    assert info["counts"]["candidates"] == 20
    assert Path(info["data_dir"]).is_relative_to(tmp_path / "home")
    assert Path(info["database"]).exists()


def test_environment_variables_choose_the_data_folder(run: Runner, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    result = run(command("offerdesk"), "info", env={"OFFERDESK_DATA_DIR": str(folder)})
    assert result.returncode == 0, result.stderr
    assert (folder / "offerdesk.sqlite").exists()


def test_python_dash_m_runs_the_same_cli(run: Runner) -> None:
    import sys

    result = run(sys.executable, "-m", "offerdesk", "candidates", "list", "--search", "Nair")
    assert result.returncode == 0, result.stderr
    assert "Priya Nair" in result.stdout


def _bad_targets(tmp_path: Path) -> dict[str, Path]:
    not_db = tmp_path / "not-a-db.sqlite"
    not_db.write_text("This is a spreadsheet export, not a database.\n")
    read_only = tmp_path / "read-only.sqlite"
    make_foreign_sqlite(read_only)
    read_only.chmod(0o444)
    return {"not_db": not_db, "read_only": read_only, "foreign": make_foreign_sqlite(tmp_path / "notes.sqlite")}


@pytest.mark.parametrize(
    ("target", "message"),
    [("not_db", "not an OfferDesk database"), ("read_only", "read-only"), ("foreign", "another program")],
)
def test_bad_database_files_are_refused_and_untouched(run: Runner, tmp_path: Path, target: str, message: str) -> None:
    path = _bad_targets(tmp_path)[target]
    before = digest(path)
    result = run(command("offerdesk"), "--db-url", f"sqlite:///{path}", "info")
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert digest(path) == before


def test_a_locked_database_is_refused_and_untouched(run: Runner, tmp_path: Path) -> None:
    path = make_foreign_sqlite(tmp_path / "busy.sqlite")
    holder = hold_exclusive_lock(path)
    try:
        before = digest(path)
        result = run(command("offerdesk"), "--db-url", f"sqlite:///{path}", "candidates", "list")
        assert result.returncode == 1
        assert "is busy" in result.stderr and "nothing was saved" in result.stderr and "Traceback" not in result.stderr
        assert digest(path) == before
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db-url", "sqlite:////missing/folder/offers.sqlite", "info"], "does not exist"),
        (["export-everything"], "is not a command"),
        (["offers", "list", "--format", "yaml"], "--format must be one of"),
    ],
)
def test_user_mistakes_print_one_sentence(run: Runner, args: list[str], message: str) -> None:
    result = run(command("offerdesk"), *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_debug_shows_the_traceback(run: Runner) -> None:
    result = run(command("offerdesk"), "--debug", "--db-url", "sqlite:////missing/folder/x.sqlite", "info")
    assert result.returncode != 0
    assert "Traceback" in result.stderr
