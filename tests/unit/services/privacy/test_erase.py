"""Erasing a candidate: every row and letter of theirs goes, and no byte of their name or email stays in the
database file or its write-ahead log; the backups that still hold them are named and can be removed."""

from __future__ import annotations

from sqlalchemy import func, select

from offerdesk.services.privacy.service import PrivacyService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Approval, CallLog, Candidate, FollowUp, LetterExport, Offer, OfferVersion
from tests.unit.services.privacy.conftest import EMAIL, FIRST, LAST, Person

WORDS = (FIRST, LAST, EMAIL)


def _left_in_database(services: Services) -> dict[str, list[str]]:
    """Which of the person's words each database file still holds, ignoring case (the search text is folded)."""
    live = services.paths.database_file
    found = {}
    for path in (live, live.with_name(live.name + "-wal")):
        data = path.read_bytes().lower() if path.exists() else b""
        found[path.name] = [word for word in WORDS if word.lower().encode() in data]
    return found


def test_a_plain_delete_leaves_the_name_in_the_files(services: Services, person: Person) -> None:
    """Why erasure needs more than a delete: what this test suite checks is really there to find."""
    services.candidate_records.delete(person.candidate_id, with_offers=True)
    assert any(_left_in_database(services).values())


def test_erase_leaves_no_byte_of_the_name_or_email(services: Services, privacy: PrivacyService, person: Person) -> None:
    assert any(_left_in_database(services).values())
    report = privacy.erase(person.candidate_id).value
    assert report.log_emptied
    assert _left_in_database(services) == {"offerdesk.sqlite": [], "offerdesk.sqlite-wal": []}


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


def test_a_backup_is_taken_first_and_the_copies_holding_them_are_listed_and_purged(
    services: Services, privacy: PrivacyService, person: Person
) -> None:
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
