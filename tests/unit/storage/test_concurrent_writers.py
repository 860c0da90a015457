"""Two OfferDesk processes on one SQLite file (the window and a command, two windows) take turns writing.

A write waits for the other writer instead of failing; a lock held longer than the wait ends in one sentence
that says the database is busy and that nothing was saved.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from offerdesk.errors import DatabaseError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.db import Database
from tests.postgres import postgres_url  # noqa: F401 - fixture

WRITES_PER_PROCESS = 200


def _notes_database(path: Path) -> str:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    connection.commit()
    connection.close()
    return f"sqlite:///{path}"


def _bodies(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in connection.execute("SELECT body FROM notes"))
    finally:
        connection.close()


def test_a_write_after_a_read_waits_for_a_write_committed_in_between(tmp_path: Path) -> None:
    """The read-then-write use case (an autosave, an import) is not refused because another one wrote first."""
    target = tmp_path / "offers.sqlite"
    url = _notes_database(target)
    first, second = Database(url), Database(url)
    first.enable_wal()
    first_has_read, second_done = threading.Event(), threading.Event()
    problems: list[BaseException] = []

    def first_use_case() -> None:
        try:
            with first.transaction() as session:
                session.execute(text("SELECT count(*) FROM notes")).scalar()
                first_has_read.set()
                second_done.wait(0.5)  # the other writer finishes now, or waits for this one to commit
                session.execute(text("INSERT INTO notes (body) VALUES ('first')"))
        except BaseException as error:
            problems.append(error)
            first_has_read.set()

    def second_use_case() -> None:
        try:
            with second.transaction() as session:
                session.execute(text("INSERT INTO notes (body) VALUES ('second')"))
        except BaseException as error:
            problems.append(error)
        finally:
            second_done.set()

    reader = threading.Thread(target=first_use_case)
    reader.start()
    first_has_read.wait()
    writer = threading.Thread(target=second_use_case)
    writer.start()
    reader.join()
    writer.join()
    first.dispose()
    second.dispose()
    assert [str(problem) for problem in problems] == []
    assert _bodies(target) == ["first", "second"]


_WRITER = textwrap.dedent(
    """
    import dataclasses
    import sys
    from pathlib import Path
    from offerdesk.domain.candidate_record import CandidateDraft
    from offerdesk.errors import OfferDeskError
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services

    import keyring
    from keyring.backend import KeyringBackend

    class NoSecrets(KeyringBackend):  # this machine's keychain, if any, is not the test's business
        priority = 1
        def get_password(self, service, username): return None
        def set_password(self, service, username, password): pass
        def delete_password(self, service, username): pass

    keyring.set_keyring(NoSecrets())
    name, count, url = sys.argv[2], int(sys.argv[3]), sys.argv[4] or None
    services, _ = open_services(resolve_paths(Path(sys.argv[1])), url, seed_demo_data=False)
    records = services.candidate_records
    print("ready", flush=True)
    sys.stdin.readline()
    failures = 0
    for number in range(count):
        draft = CandidateDraft(first_name=name, last_name=f"No{number}", emails=(f"{name}{number}@example.com",))
        try:
            candidate_id = records.create(draft).value
            records.edit(candidate_id, dataclasses.replace(draft, notes="edited"))
        except OfferDeskError as error:
            failures += 1
            print(error, file=sys.stderr, flush=True)
    services.close()
    print(failures, flush=True)
    """
)


def test_two_processes_writing_at_once_lose_no_write(
    paths: AppPaths, empty_services: Services, empty_db_url: str | None
) -> None:
    """A command saving candidates while the window autosaves: every save lands, none reports a lock."""
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(paths.data_dir), name, str(WRITES_PER_PROCESS), empty_db_url or ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Window", "Command")
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both start together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [writer.communicate() for writer in writers]
    assert [(out.strip(), err.strip()) for out, err in results] == [("0", ""), ("0", "")]
    with empty_services.database.transaction() as session:
        rows = session.execute(text("SELECT first_name, notes FROM candidates")).all()
    assert sorted(name for name, _ in rows) == ["Command"] * WRITES_PER_PROCESS + ["Window"] * WRITES_PER_PROCESS
    assert {notes for _, notes in rows} == {"edited"}


def test_a_lock_held_too_long_is_one_sentence_and_nothing_is_saved(tmp_path: Path) -> None:
    target = tmp_path / "offers.sqlite"
    url = _notes_database(target)
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    database = Database(url, busy_timeout_ms=50)
    try:
        with pytest.raises(DatabaseError) as raised, database.transaction() as session:
            session.execute(text("SELECT count(*) FROM notes")).scalar()
            session.execute(text("INSERT INTO notes (body) VALUES ('lost?')"))
    finally:
        holder.rollback()
        holder.close()
        database.dispose()
    sentence = str(raised.value)
    assert str(target) in sentence
    assert "busy" in sentence
    assert "another OfferDesk window or command is writing" in sentence
    assert "nothing was saved" in sentence
    assert "another program" not in sentence
    assert _bodies(target) == []


def test_reading_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    """The candidate list and the dashboard still load while a long import holds the write lock."""
    target = tmp_path / "offers.sqlite"
    url = _notes_database(target)
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO notes (body) VALUES ('not yet committed')")
    database = Database(url, busy_timeout_ms=50)
    try:
        with database.transaction(read_only=True) as session:
            counted = session.execute(text("SELECT count(*) FROM notes")).scalar()
    finally:
        holder.rollback()
        holder.close()
        database.dispose()
    assert counted == 0


def test_on_a_server_a_lock_held_too_long_is_one_sentence_and_nothing_is_saved(postgres_url: str) -> None:  # noqa: F811
    """Another session's long transaction makes a save wait as long as on SQLite, then refuses it, where a server
    on its own would keep the window waiting until that session ends."""
    setup = Database(postgres_url)
    with setup.transaction() as session:
        session.execute(text("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)"))
    holder = setup.engine.connect()
    holder.begin()
    holder.exec_driver_sql("LOCK TABLE notes IN EXCLUSIVE MODE")  # readers pass, writers wait
    database = Database(postgres_url, busy_timeout_ms=50)
    try:
        with pytest.raises(DatabaseError, match="is busy") as raised, database.transaction() as session:
            assert session.execute(text("SELECT count(*) FROM notes")).scalar() == 0
            session.execute(text("INSERT INTO notes (body) VALUES ('lost?')"))
    finally:
        holder.rollback()
        holder.close()
        database.dispose()
    assert "nothing was saved" in str(raised.value)
    with setup.transaction(read_only=True) as session:
        assert session.execute(text("SELECT count(*) FROM notes")).scalar() == 0
    setup.dispose()
