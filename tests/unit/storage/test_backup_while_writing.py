"""A backup taken while another thread saves is a consistent database: whole, and holding exactly the saves
committed before some moment (a prefix), no half of one. Restoring it gives back that database."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.services.setup.bootstrap import Services

WRITES = 1200
BACKUPS = 6


def _numbers(database: Path) -> list[int]:
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT last_name FROM candidates WHERE first_name = 'Backup'").fetchall()
        assert [row[0] for row in connection.execute("PRAGMA integrity_check")] == ["ok"]
    finally:
        connection.close()
    return sorted(int(name.removeprefix("No")) for (name,) in rows)


@pytest.mark.sqlite_only
def test_backups_taken_while_saving_hold_a_committed_prefix_and_restore_to_it(empty_services: Services) -> None:
    """Backup files are copies of the SQLite file; a server database is backed up by its administrator."""
    services = empty_services
    committed: list[int] = []
    problems: list[BaseException] = []

    def save_candidates() -> None:
        try:
            for number in range(WRITES):
                draft = CandidateDraft(first_name="Backup", last_name=f"No{number}", emails=(f"b{number}@example.com",))
                services.candidate_records.create(draft)
                committed.append(number)
        except BaseException as error:
            problems.append(error)

    writer = threading.Thread(target=save_candidates)
    writer.start()
    taken: list[tuple[int, Path, int]] = []  # saves committed before the backup, the backup, after it
    while writer.is_alive() and len(taken) < BACKUPS:
        if len(committed) < (len(taken) + 1) * WRITES // (BACKUPS + 1):
            time.sleep(0.001)
            continue
        before = len(committed)
        backup = services.backups.create(f"during{len(taken)}")
        taken.append((before, backup.path, len(committed)))
    writer.join()
    assert problems == []
    assert len(taken) >= 2, "the saves ended before the backups could overlap them"

    prefixes = []
    for before, path, after in taken:
        numbers = _numbers(path)
        assert numbers == list(range(len(numbers))), f"{path.name} is not a prefix of the saves"
        assert before <= len(numbers) <= after
        prefixes.append(len(numbers))
    for (_, path, _), prefix in zip(taken, prefixes, strict=True):
        services.backups.restore(str(path))
        assert _numbers(services.paths.database_file) == list(range(prefix))
