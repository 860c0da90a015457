"""What only reads answers while another connection writes: the sidebar's counts, the import's column matching and
dry run, and a candidate's call history never wait in the writers' line (nor hold a writer up while they count).

On SQLite a transaction that may write starts as the writer and waits for the one writing now; a read that started
that way would hold the window's refresh up behind an import (or a save behind a count of 100,000 candidates).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from offerdesk.services.candidates.importing import ImportOptions
from offerdesk.services.setup.bootstrap import Services

CSV = "Name,Email\nLena Vogt,lena.vogt@example.de\nTim Brandt,tim@example.de\n"


@contextmanager
def another_writer(services: Services) -> Iterator[None]:
    """A second connection holds SQLite's write lock (as an import or a save on a worker does) until the block ends."""
    holding, release = threading.Event(), threading.Event()

    def write() -> None:
        with services.database.transaction() as session:
            session.connection()  # the transaction begins: as the writer, on SQLite
            holding.set()
            release.wait(30)

    writer = threading.Thread(target=write)
    writer.start()
    assert holding.wait(30)
    try:
        yield
    finally:
        release.set()
        writer.join(30)


def _reads(services: Services, tmp_path: Path) -> dict[str, Callable[[], object]]:
    source = tmp_path / "people.csv"
    source.write_text(CSV, encoding="utf-8")
    importer = services.candidate_import
    table = importer.read(source)
    options = ImportOptions()
    return {
        "view counts": services.candidate_views.views,
        "column matching": lambda: importer.mapping_for(table, options),
        "dry run": lambda: importer.plan(source, options, table=table),
        "call history": lambda: services.calls.list(),
        "roles": services.roles.list,
        "offers": lambda: services.offers.list(),
        "offer details": lambda: services.offers.detail(services.offers.list()[0].id),
        "latest offer": lambda: services.offers.latest_id(services.offers.list()[0].candidate_id),
        "scripts": lambda: services.content.scripts(),
        "objections": lambda: services.content.objections(),
    }


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "read",
    ["view counts", "column matching", "dry run", "call history", "roles", "offers", "offer details", "latest offer",
     "scripts", "objections"],
)  # fmt: skip
def test_a_read_answers_while_another_connection_writes(services: Services, tmp_path: Path, read: str) -> None:
    reading = _reads(services, tmp_path)[read]
    with another_writer(services):
        answer = reading()  # before the fix: waits for the writer, then "the database is busy"
    assert answer is not None


@pytest.mark.sqlite_only
def test_a_save_goes_through_while_the_sidebar_counts(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts run in the thread pool over the whole list; a save made meanwhile does not wait for them."""
    from offerdesk.domain.candidate_filter import CandidateFilter
    from offerdesk.services.candidates import views

    counting, saved = threading.Event(), threading.Event()
    waited_out: list[bool] = []
    count = views.listing.count_matching

    def slow_count(*args: object, **kwargs: object) -> int:
        counting.set()
        if not waited_out:
            waited_out.append(not saved.wait(10))
        return count(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(views.listing, "count_matching", slow_count)
    sidebar = threading.Thread(target=services.candidate_views.views)
    sidebar.start()
    assert counting.wait(30)
    try:
        services.candidate_views.save("Saved while counting", CandidateFilter())
    finally:
        saved.set()
        sidebar.join(30)
    assert waited_out == [False]  # the save landed while the count was still running
    assert "Saved while counting" in [view.name for view in services.candidate_views.views()]
