"""Create, edit, archive and delete candidates; every write returns Changes so each face refreshes the same way."""

from __future__ import annotations

import getpass
import json
import locale
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from sqlalchemy import exc as sa_exc

from offerdesk.domain.bulk import BulkAction, BulkKind
from offerdesk.domain.candidate_record import CandidateDraft, StageChange, check_draft
from offerdesk.domain.clock import utc_now
from offerdesk.domain.wording import plural
from offerdesk.errors import ValidationError
from offerdesk.files import atomic_write
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.setup.backups import backup_before
from offerdesk.storage import candidate_records as repository
from offerdesk.storage.candidate_records import BulkEdit
from offerdesk.storage.db import Database
from offerdesk.storage.snapshots import Snapshot, restore_snapshot, take_snapshot
from offerdesk.storage.tables import AppMeta, Candidate

_ALL = Changes.of(Kind.CANDIDATES, Kind.OFFERS, Kind.CALLS, Kind.FOLLOW_UPS, Kind.LETTERS)


class DuplicateCandidateError(ValidationError):
    """The email belongs to another candidate; the GUI offers to open them."""

    def __init__(self, email: str, existing_id: int, existing_name: str) -> None:
        super().__init__(f"{email} is already the email of {existing_name} (candidate {existing_id}).")
        self.existing_id = existing_id
        self.existing_name = existing_name


@dataclass(frozen=True)
class BulkChange:
    """What a bulk action did, kept for Undo: each candidate it changed, with the value before."""

    action: BulkAction
    asked: int  # candidates selected
    edits: tuple[BulkEdit, ...]

    @property
    def changed(self) -> int:
        return len(self.edits)

    def report(self) -> str:
        return self.action.report(self.changed, self.asked)


@dataclass(frozen=True)
class DeletedCandidate:
    """What a delete removed, kept for Undo; `saved_to` is the copy written before deleting."""

    candidate_id: int
    name: str
    offers: int
    snapshot: Snapshot
    saved_to: Path | None


def system_region() -> str | None:
    """The country of the user's locale (“de_DE” → “DE”), assumed for phone numbers typed without +.

    Windows names locales in words (“English_United States”): no region is guessed from those.
    """
    name = locale.getlocale()[0] or ""
    region = name.replace("-", "_").partition("_")[2].upper()
    return region if region in phonenumbers.SUPPORTED_REGIONS else None


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name known (a service account, a stripped container)
        return "this computer"


class CandidateRecords:
    def __init__(self, database: Database, backup_dir: Path | None = None) -> None:
        self._database = database
        self._backup_dir = backup_dir

    # -- who and where ------------------------------------------------------------------------------------------
    def actor(self) -> str:
        """The recruiter named in the settings, else the computer's user name: stage changes record it."""
        with self._database.transaction(read_only=True) as session:
            stored = session.get(AppMeta, "setting:recruiter.name")
        return (stored.value if stored and stored.value else "") or _user_name()

    def region(self) -> str | None:
        with self._database.transaction(read_only=True) as session:
            stored = session.get(AppMeta, "setting:phone.region")
        if stored and stored.value.upper() in phonenumbers.SUPPORTED_REGIONS:
            return stored.value.upper()
        return system_region()

    # -- reading -----------------------------------------------------------------------------------------------
    def draft(self, candidate_id: int) -> CandidateDraft:
        with self._database.transaction(read_only=True) as session:
            return repository.draft_of(session, candidate_id)

    def history(self, candidate_id: int) -> list[StageChange]:
        with self._database.transaction(read_only=True) as session:
            return repository.stage_history(session, candidate_id)

    def is_archived(self, candidate_id: int) -> bool:
        with self._database.transaction(read_only=True) as session:
            return repository.archived_at(session, candidate_id) is not None

    def offer_count(self, candidate_id: int) -> int:
        with self._database.transaction(read_only=True) as session:
            return repository.offer_count(session, candidate_id)

    # -- writing -----------------------------------------------------------------------------------------------
    def checked(self, draft: CandidateDraft, candidate_id: int | None = None) -> CandidateDraft:
        """The draft as it will be stored; ValidationError for any problem, DuplicateCandidateError for an email."""
        cleaned, problems = check_draft(draft, self.region())
        if problems:
            raise ValidationError(" ".join(problem.message for problem in problems))
        with self._database.transaction(read_only=True) as session:
            owners = repository.owners_of_emails(session, cleaned.emails, except_id=candidate_id)
            for email in cleaned.emails:
                owner = owners.get(email.casefold())
                if owner is not None:
                    raise DuplicateCandidateError(email, owner, repository.name_of(session, owner))
        return cleaned

    def create(self, draft: CandidateDraft) -> Outcome[int]:
        cleaned, actor = self.checked(draft), self.actor()
        with self._database.transaction() as session:
            candidate_id = repository.insert_candidate(session, cleaned, actor)
        return Outcome(candidate_id, Changes.of(Kind.CANDIDATES))

    def row_version(self, candidate_id: int) -> int:
        """The version of the record an editor opens, so its save can tell whether a teammate saved since."""
        with self._database.transaction(read_only=True) as session:
            return repository.row_version_of(session, candidate_id)

    def edit(self, candidate_id: int, draft: CandidateDraft, *, expected_version: int | None = None) -> Changes:
        """Write the editor's draft; `expected_version` (read when it opened) refuses a save over a newer one."""
        cleaned, actor = self.checked(draft, candidate_id), self.actor()
        with self._database.transaction() as session:
            repository.update_candidate(session, candidate_id, cleaned, actor, expected_version)
        return Changes.of(Kind.CANDIDATES)

    def archive(self, candidate_id: int) -> Changes:
        """Hide from the list without losing anything; offers and calls stay in the dashboard."""
        with self._database.transaction() as session:
            changed = repository.set_archived(session, candidate_id, True)
        return Changes.of(Kind.CANDIDATES) if changed else Changes()

    def restore(self, candidate_id: int) -> Changes:
        with self._database.transaction() as session:
            changed = repository.set_archived(session, candidate_id, False)
        return Changes.of(Kind.CANDIDATES) if changed else Changes()

    def delete(self, candidate_id: int, *, with_offers: bool = False) -> Outcome[DeletedCandidate]:
        """Remove the candidate and everything of theirs; refuses one with offers unless `with_offers`.

        A copy of every row removed is written to the backups folder first, and kept in memory for Undo; a backup
        of the whole database is made first too.
        """
        with self._database.transaction() as session:
            name = repository.name_of(session, candidate_id)
            offers = repository.offer_count(session, candidate_id)
            if offers and not with_offers:
                raise ValidationError(
                    f"{name} has {plural(offers, 'offer')}; deleting the candidate deletes them too. "
                    "Archive the candidate instead, or confirm deleting the offers as well."
                )
            snapshot = take_snapshot(session, Candidate.__table__, "id", candidate_id)  # type: ignore[arg-type]
            saved_to = self._save_copy(candidate_id, snapshot)
            backup_before(self._database, self._backup_dir, "before-delete")  # the whole database, as it was
            candidate = session.get(Candidate, candidate_id)
            session.delete(candidate)
        deleted = DeletedCandidate(candidate_id, name, offers, snapshot, saved_to)
        return Outcome(deleted, _ALL if offers else Changes.of(Kind.CANDIDATES, Kind.CALLS, Kind.FOLLOW_UPS))

    def bulk(self, candidate_ids: Sequence[int], action: BulkAction) -> Outcome[BulkChange]:
        """One change to many candidates in one transaction: all of them or, on an error, none.

        A stage change records a stage event per candidate as an edit does; candidates already so are left alone."""
        ids = list(dict.fromkeys(candidate_ids))
        actor = self.actor() if action.kind is BulkKind.SET_STAGE else ""
        with self._database.transaction() as session:
            edits = repository.apply_bulk(session, ids, action, actor)
        return Outcome(BulkChange(action, len(ids), tuple(edits)), Changes.of(Kind.CANDIDATES) if edits else Changes())

    def undo_bulk(self, change: BulkChange) -> Outcome[int]:
        """Put back what `change` changed, except where something changed it since; returns how many went back."""
        with self._database.transaction() as session:
            restored = repository.undo_bulk(session, change.action.kind, change.edits)
        return Outcome(len(restored), Changes.of(Kind.CANDIDATES) if restored else Changes())

    def latest_offers(self, candidate_ids: Sequence[int]) -> dict[int, int]:
        """Candidate id → their current (most recent) offer, for the candidates that have one."""
        with self._database.transaction() as session:
            return repository.latest_offers(session, list(dict.fromkeys(candidate_ids)))

    def undo_delete(self, deleted: DeletedCandidate) -> Changes:
        """Put back exactly what the delete removed, with the same ids."""
        try:
            with self._database.transaction() as session:
                restore_snapshot(session, deleted.snapshot)
        except sa_exc.IntegrityError:
            raise ValidationError(
                f"{deleted.name} cannot be brought back: a record made since then has taken their place. "
                f"The deleted rows are saved in {deleted.saved_to}."
            ) from None
        return _ALL

    def _save_copy(self, candidate_id: int, snapshot: Snapshot) -> Path | None:
        if self._backup_dir is None:
            return None
        folder = self._backup_dir / "deleted"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"candidate-{candidate_id}-{utc_now().strftime('%Y%m%d-%H%M%S-%f')}.json"
        document = {name: list(rows) for name, rows in snapshot.rows}
        with atomic_write(target, "w", encoding="utf-8") as stream:  # a full disk: one sentence, no partial copy
            stream.write(json.dumps(document, default=str, ensure_ascii=False, indent=1))
        return target
