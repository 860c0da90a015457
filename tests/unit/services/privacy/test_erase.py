"""Erasing a candidate: every row and letter of theirs goes, and no byte of their name or email stays in the
database file or its write-ahead log; the backups that still hold them are named and can be removed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from offerdesk.services.privacy.service import PrivacyService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Approval, CallLog, Candidate, FollowUp, LetterExport, Offer, OfferVersion
from tests.unit.services.privacy.conftest import FIRST, LAST, Person, words_left


@pytest.mark.sqlite_only
def test_a_plain_delete_leaves_the_name_in_the_files(services: Services, person: Person) -> None:
    """Why erasure needs more than a delete: the bytes a delete leaves in the SQLite file's free space are there."""
    services.candidate_records.delete(person.candidate_id, with_offers=True)
    assert any(words_left(services).values())


def test_erase_leaves_no_byte_of_the_name_or_email(services: Services, privacy: PrivacyService, person: Person) -> None:
    assert any(words_left(services).values())
    report = privacy.erase(person.candidate_id).value
    assert report.log_emptied
    left = words_left(services)
    assert left and not any(left.values()), left


def test_erase_removes_every_row_and_letter_file(services: Services, privacy: PrivacyService, person: Person) -> None:
    before = {table: _count(services, table) for table in (Offer, OfferVersion, CallLog, FollowUp, LetterExport)}
    report = privacy.erase(person.candidate_id).value
    with services.database.transaction() as session:
        assert session.get(Candidate, person.candidate_id) is None
        assert session.get(Offer, person.offer_id) is None
        assert (
            session.scalar(select(func.count()).select_from(Approval).where(Approval.offer_id == person.offer_id)) == 0
        )
    after = {table: _count(services, table) for table in before}
    assert {t.__name__: before[t] - after[t] for t in before} == {
        "Offer": 1, "OfferVersion": 1, "CallLog": 1, "FollowUp": 1, "LetterExport": 1,
    }  # fmt: skip
    assert not person.letter.exists() and not person.signed.exists()
    assert set(report.files_removed) == {person.letter, person.signed}
    assert report.name == f"{FIRST} {LAST}"


def _count(services: Services, table: type[object]) -> int:
    with services.database.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


@pytest.mark.sqlite_only
def test_a_backup_is_taken_first_and_the_copies_holding_them_are_listed_and_purged(
    services: Services, privacy: PrivacyService, person: Person
) -> None:
    """Backup files are copies of the SQLite file (test_on_a_server_erase_claims_no_backup covers a server)."""
    older = services.backups.create("manual")
    services.candidate_records.delete(person.candidate_id, with_offers=True)  # keeps their rows for Undo
    [saved] = (services.paths.backup_dir / "deleted").glob(f"candidate-{person.candidate_id}-*.json")
    [before_delete] = [b.path for b in services.backups.list() if b.label == "before-delete"]
    unrelated = services.backups.create("without")
    services.backups.restore(str(older.path))  # they are back, as the older backup held them
    report = privacy.erase(person.candidate_id).value
    assert report.backup is not None and report.backup.label == "before-erase"
    held = {copy.path for copy in report.held}
    assert held == {
        older.path,
        before_delete,
        report.backup.path,
        saved,
    }  # not `unrelated`, nor the copy the restore kept
    removed, problems = privacy.purge_copies(report.held)
    assert problems == [] and set(removed) == held
    assert not older.path.exists() and not saved.exists() and unrelated.path.exists()


def test_on_a_server_erase_claims_no_backup(
    services: Services, privacy: PrivacyService, person: Person, db_url: str | None
) -> None:
    """A server is backed up by its administrator: the erasure goes ahead, and names no backup file it made."""
    if db_url is None:
        pytest.skip("a SQLite file is backed up first (the test above)")
    report = privacy.erase(person.candidate_id).value
    assert report.backup is None
    assert report.held == []  # no backup file of ours holds them
    assert services.backups.list() == []
    assert not any(words_left(services).values())
