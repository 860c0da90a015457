"""A letter file that exists is in its offer's letter history: the history row commits before the file appears."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import DatabaseError
from offerdesk.services.letters.export import LetterService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.settings import SettingsService
from offerdesk.storage.db import Database


class OtherProgram:
    """Another program taking the database's write lock, so that the letter's history cannot be written."""

    def __init__(self, database: Path) -> None:
        self._connection = sqlite3.connect(database, isolation_level=None)
        self._holding = False

    def hold(self, *_progress: int) -> None:
        if not self._holding:
            self._connection.execute("BEGIN IMMEDIATE")
            self._holding = True

    def close(self) -> None:
        if self._holding:
            self._connection.rollback()
        self._connection.close()


@pytest.mark.parametrize("export", ["one", "batch"])
def test_a_letter_whose_history_cannot_be_recorded_does_not_appear(
    services: Services, tmp_path: Path, export: str
) -> None:
    quick = Database(services.database.url, busy_timeout_ms=50)
    letters = LetterService(quick, services.paths, SettingsService(services.database))
    other = OtherProgram(services.paths.database_file)
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
