"""On a team server, a window hears within seconds what a teammate changed (LISTEN/NOTIFY); SQLite has no notices."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, text

from offerdesk.paths import resolve_paths
from offerdesk.services.change_listener import ChangeListener
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage import pg_notify
from offerdesk.storage.db import Database
from tests.postgres import TemplateDatabases

DEADLINE_S = 15.0  # generous: the notice normally arrives in well under a second


class Heard:
    """What a listener told, collected from its thread."""

    def __init__(self) -> None:
        self.changes: list[Changes] = []
        self._lock = threading.Lock()

    def __call__(self, changes: Changes) -> None:
        with self._lock:
            self.changes.append(changes)

    def kinds(self) -> set[Kind]:
        with self._lock:
            return {kind for changes in self.changes for kind in changes.kinds}

    def clear(self) -> None:
        with self._lock:
            self.changes.clear()


def wait_until(condition: Callable[[], bool], deadline_s: float = DEADLINE_S) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def team(tmp_path: Path, postgres_templates: TemplateDatabases) -> Iterator[tuple[Services, Services]]:
    """Two people's services on one server database: A (whose window listens) and B (the teammate)."""
    url = postgres_templates.copy(seeded=True)
    a, _ = open_services(resolve_paths(tmp_path / "a"), url)
    b, _ = open_services(resolve_paths(tmp_path / "b"), url)
    yield a, b
    b.close()
    a.close()


@pytest.fixture
def listening(team: tuple[Services, Services]) -> Iterator[tuple[Heard, ChangeListener]]:
    heard = Heard()
    listener = ChangeListener.for_database(team[0].database, heard)
    assert listener is not None
    assert listener.connected.wait(DEADLINE_S)
    yield heard, listener
    listener.close()


def _rename(services: Services, name: str) -> None:
    candidate_id = services.candidates.search("Olivia")[0].id
    draft = services.candidate_records.draft(candidate_id)
    services.candidate_records.edit(candidate_id, dataclasses.replace(draft, first_name=name))


def test_a_teammates_candidate_change_is_heard(
    team: tuple[Services, Services], listening: tuple[Heard, ChangeListener]
) -> None:
    heard, _listener = listening
    _rename(team[1], "Olivia-Mae")
    assert wait_until(lambda: Kind.CANDIDATES in heard.kinds())


def test_a_teammates_offer_save_is_heard_as_offers_and_candidates(
    team: tuple[Services, Services], listening: tuple[Heard, ChangeListener]
) -> None:
    heard, _listener = listening
    b = team[1]
    offer_id = b.offers.latest_id(b.candidates.search("Olivia")[0].id)
    assert offer_id is not None
    terms = b.offer_editing.terms(offer_id)
    b.offer_editing.save(
        offer_id, dataclasses.replace(terms, department=f"{terms.department} East".strip()), "", "Asked"
    )
    assert wait_until(lambda: {Kind.OFFERS, Kind.CANDIDATES} <= heard.kinds())


def test_the_windows_own_changes_are_not_heard_again(
    team: tuple[Services, Services], listening: tuple[Heard, ChangeListener]
) -> None:
    """A's own save was published by A's window already; only B's later change comes through the listener."""
    heard, _listener = listening
    _rename(team[0], "Olivia-Own")
    _rename(team[1], "Olivia-Theirs")
    assert wait_until(lambda: bool(heard.changes))
    time.sleep(1.0)  # let anything else that was coming arrive
    assert len(heard.changes) == 1


def test_a_bulk_copy_sends_no_notices(team: tuple[Services, Services], listening: tuple[Heard, ChangeListener]) -> None:
    heard, _listener = listening
    with team[1].database.engine.begin() as connection:
        connection.execute(text("SET LOCAL offerdesk.bulk_copy = 'on'"))
        connection.execute(text("UPDATE candidates SET notes = 'copied' WHERE id = (SELECT min(id) FROM candidates)"))
    _rename(team[1], "Olivia-After")  # a marker: once it is heard, the copy's notice would have been too
    assert wait_until(lambda: bool(heard.changes))
    time.sleep(1.0)
    assert heard.changes == [Changes.of(Kind.CANDIDATES)]


def test_the_listener_comes_back_after_the_server_drops_it(
    team: tuple[Services, Services], listening: tuple[Heard, ChangeListener]
) -> None:
    heard, listener = listening
    url = make_url(team[0].database.url)
    with team[1].database.engine.begin() as connection:
        dropped = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :db AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
            ),
            {"db": url.database},
        ).fetchall()
    assert dropped == [(True,)]
    assert wait_until(lambda: set(Kind) <= heard.kinds())  # back: whatever changed meanwhile was missed
    heard.clear()
    _rename(team[1], "Olivia-Again")
    assert wait_until(lambda: Kind.CANDIDATES in heard.kinds())
    listener.close()
    assert not listener.running


def test_installing_the_notices_twice_is_harmless(team: tuple[Services, Services]) -> None:
    with team[0].database.engine.begin() as connection:
        pg_notify.install(connection)
        pg_notify.install(connection)
        count = connection.execute(
            text("SELECT count(*) FROM pg_trigger WHERE tgname = :name"), {"name": pg_notify.TRIGGER}
        ).scalar()
    assert count == len(pg_notify.TABLE_KINDS)


def test_sqlite_has_nothing_to_listen_to(tmp_path: Path) -> None:
    services, _ = open_services(resolve_paths(tmp_path / "local"), seed_demo_data=False)
    try:
        assert ChangeListener.for_database(services.database, Heard()) is None
    finally:
        services.close()


def test_the_listener_stops_cleanly_while_the_server_is_unreachable() -> None:
    """A server that is not there: the listener keeps trying quietly, and stops at once when asked."""
    server = Database(f"postgresql+psycopg://nobody@127.0.0.1:{_closed_port()}/offerdesk")
    listener = ChangeListener(server, Heard())
    listener.start()
    time.sleep(0.5)
    listener.close()
    assert not listener.running
    server.dispose()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_psycopg_tells_notices_with_a_timeout() -> None:
    """The listener relies on psycopg 3.2's notifies(timeout=…)."""
    assert "timeout" in psycopg.Connection.notifies.__code__.co_varnames
