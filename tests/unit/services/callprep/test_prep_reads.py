"""What call prep reads: the calls with the follow-up agreed on each, the scripts, the objections and the script
values. They only read, so they neither wait for a writer nor make one wait (a command logging calls, say)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta

import pytest

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.clock import today
from offerdesk.services.setup.bootstrap import Services


def _id(services: Services, name: str) -> int:
    return services.candidates.search(name)[0].id


def test_each_call_lists_the_follow_up_agreed_on_it(services: Services) -> None:
    kwame, aisha = _id(services, "Kwame"), _id(services, "Aisha")
    agreed = today() + timedelta(days=4)
    logged = services.calls.log(kwame, CallOutcome.NEED_TIME, AskStyle.DIRECT, notes="Talks to his partner",
                                follow_up=agreed, decision_date=agreed + timedelta(days=3))  # fmt: skip
    services.calls.log(kwame, CallOutcome.NO, notes="Took the other offer")
    [last, first] = services.calls.list(candidate_id=kwame)
    assert (first.id, first.follow_up, first.candidate_name) == (logged.value.call_id, agreed, "Kwame Mensah")
    assert last.follow_up is None and last.notes == "Took the other offer"
    everyone = {call.id: call.follow_up for call in services.calls.list()}
    assert everyone[first.id] == agreed and everyone[last.id] is None
    assert [call.candidate_id for call in services.calls.list(candidate_id=aisha)] == [aisha]
    assert services.calls.list(candidate_id=_id(services, "Jonas")) == []


@pytest.fixture
def another_writer(services: Services) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write to the same file (it holds the write lock until it commits)."""
    writer = sqlite3.connect(services.paths.database_file, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    yield writer
    writer.execute("ROLLBACK")
    writer.close()


@pytest.mark.sqlite_only
def test_call_prep_reads_while_another_program_writes(services: Services, another_writer: sqlite3.Connection) -> None:
    aisha = _id(services, "Aisha")
    assert [call.notes for call in services.calls.list(candidate_id=aisha)] == [
        "Wants to compare with Northwind by Friday."
    ]
    assert services.content.scripts() and services.content.objections()
    values = services.scripts.values(aisha, None, {})  # her latest offer's
    assert values["offer"]["title"]
    assert values["candidate"]["first_name"] == "Aisha"
