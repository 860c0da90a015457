"""A letter file that exists is in its offer's letter history: the history row commits before the file appears."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import DatabaseError
from offerdesk.services.letters.export import LetterService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.settings import SettingsService
from offerdesk.storage.db import Database, make_engine


class OtherProgram:
    """Another program holding a write lock, so that the letter's history cannot be written: SQLite's write lock
    on the file, or on a server a lock on the letter history table that lets readers through."""

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url, pooled=False)
        self._connection: Connection | None = None

    def hold(self, *_progress: int) -> None:
        if self._connection is not None:
            return
        self._connection = self._engine.connect()
        self._connection.begin()  # on SQLite, OfferDesk's engine begins as the writer
        if self._engine.dialect.name == "postgresql":
            self._connection.exec_driver_sql("LOCK TABLE letter_exports IN EXCLUSIVE MODE")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.rollback()
            self._connection.close()
        self._engine.dispose()


@pytest.mark.parametrize("export", ["one", "batch"])
def test_a_letter_whose_history_cannot_be_recorded_does_not_appear(
    services: Services, tmp_path: Path, export: str
) -> None:
    quick = Database(services.database.url, busy_timeout_ms=50)
    letters = LetterService(quick, services.paths, SettingsService(services.database))
    other = OtherProgram(services.database.url)
    folder = tmp_path / "letters"
    folder.mkdir()
    try:
        with pytest.raises(DatabaseError, match="busy"):
            if export == "one":
                plan = letters.plan(7)
                other.hold()
                letters.export(7, out=folder / "letter.docx", plan=plan)
            else:  # the lock is taken once the first letter is written
                letters.export_batch(OfferStatus.APPROVED, folder, workers=1, progress=other.hold)
    finally:
        other.close()
        quick.dispose()
    assert sorted(path.name for path in folder.iterdir()) == []


def test_a_batch_letter_appears_under_its_own_name_and_in_the_history(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    report = services.letters.export_batch(OfferStatus.APPROVED, folder, workers=1).value
    assert report.written
    assert sorted(folder.iterdir()) == sorted(report.written)
    with services.database.transaction(read_only=True) as session:
        recorded = {Path(row[0]) for row in session.execute(text("SELECT docx_path FROM letter_exports"))}
    assert set(report.written) <= recorded
