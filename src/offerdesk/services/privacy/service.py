"""A candidate's rights over their data: a copy of it (GDPR Art. 15/20), erasure (Art. 17), and anonymisation by
a retention rule (Art. 5(1)(e)). The window and the command line call these same use cases.

Erasing and anonymising back the database up first ("before-erase", "before-anonymise"), zero what they remove in
the SQLite file and empty its log (services/privacy/secure.py), then name the backups that still hold the person so
they can be removed as well.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlalchemy.orm import Session

from offerdesk.domain.clock import utc_now
from offerdesk.domain.wording import plural
from offerdesk.errors import ValidationError
from offerdesk.files import atomic_write
from offerdesk.paths import AppPaths
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.privacy import retention
from offerdesk.services.privacy.anonymise import anonymise_rows, is_anonymised, placeholder
from offerdesk.services.privacy.gather import COUNTED, Identity, PersonalData, document_json, gather
from offerdesk.services.privacy.held_copies import HeldCopy, held_copies, purge
from offerdesk.services.privacy.secure import Wiped, secure_transaction
from offerdesk.services.setup.backups import BackupInfo, BackupService
from offerdesk.services.setup.settings import SettingsService
from offerdesk.storage.audit_hook import FORGOTTEN_BY_KEY, forget_person
from offerdesk.storage.data_version import forget_first_page
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Candidate

if TYPE_CHECKING:
    from offerdesk.services.setup.bootstrap import Services

_ALL = Changes.of(Kind.CANDIDATES, Kind.OFFERS, Kind.CALLS, Kind.FOLLOW_UPS, Kind.LETTERS)
DOCUMENT_NAME = "personal-data.json"


@dataclass(frozen=True)
class Plan:
    """What an erasure or anonymisation would touch, for the question asked before it."""

    candidate_id: int
    name: str
    counts: tuple[tuple[str, int], ...]  # (noun, count) of the rows beyond the candidate's own
    files: tuple[Path, ...]

    def summary(self) -> str:
        """“2 offers, 3 offer versions, 1 call and 2 letter files” (only what there is)."""
        parts = [plural(count, noun) for noun, count in self.counts if count]
        if self.files:
            parts.append(plural(len(self.files), "letter file"))
        if not parts:
            return "no other records"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def records(self) -> str:
        """“their record and 2 offers, …”, or “their record” alone when nothing else is stored about them."""
        summary = self.summary()
        return "their record" if summary == "no other records" else f"their record and {summary}"


@dataclass
class Report:
    """What an erasure or anonymisation did."""

    candidate_id: int
    name: str
    plan: Plan
    identity: Identity
    backup: BackupInfo | None
    log_emptied: bool
    files_removed: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    held: list[HeldCopy] = field(default_factory=list)


def _plan(data: PersonalData) -> Plan:
    counts = tuple((noun, data.count(table)) for table, noun in COUNTED)
    return Plan(data.identity.candidate_id, data.identity.full_name, counts, data.files)


def _remove_files(files: tuple[Path, ...], report: Report) -> None:
    for path in files:
        try:
            path.unlink(missing_ok=True)
            report.files_removed.append(path)
        except OSError as error:
            report.problems.append(f"Could not delete the letter file {path}: {error.strerror or error}.")


def _forget(session: Session, data: PersonalData) -> None:
    """Their audit entries go too: the log keeps old values, so it would keep the name."""
    offers = [int(row["id"]) for row in data.rows("offers")]
    keys = [f"{table}:{row['id']}" for table in FORGOTTEN_BY_KEY for row in data.rows(table)]
    forget_person(session, data.identity.candidate_id, offers, keys)


class PrivacyService:
    def __init__(self, database: Database, paths: AppPaths, backups: BackupService, settings: SettingsService) -> None:
        self._database = database
        self._paths = paths
        self._backups = backups
        self._settings = settings

    def _gather(self, candidate_id: int) -> PersonalData:
        with self._database.transaction(read_only=True) as session:
            return gather(session, self._paths.data_dir, candidate_id)

    def plan(self, candidate_id: int) -> Plan:
        return _plan(self._gather(candidate_id))

    # -- a copy for the person -----------------------------------------------------------------------------------
    def export(self, candidate_id: int, target: Path) -> Path:
        """A zip with everything stored about them as JSON and their letter files, written whole or not at all."""
        data = self._gather(candidate_id)
        names: dict[Path, str] = {}
        for path in data.files:
            name, number = f"letters/{path.name}", 1
            while name in names.values():
                number += 1
                name = f"letters/{path.stem}-{number}{path.suffix}"
            names[path] = name
        text = document_json(data, utc_now(), names)
        try:
            with atomic_write(target) as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(DOCUMENT_NAME, text)
                for path, name in names.items():
                    archive.write(path, name)
        except OSError as error:
            raise ValidationError(f"Could not write {target}: {error.strerror or error}.") from None
        return target

    # -- erasing and anonymising ---------------------------------------------------------------------------------
    def _backup(self, label: str) -> BackupInfo | None:
        """A copy of the database as it is; None on a server, whose own backups apply."""
        if self._backups.not_applicable() is not None:
            return None
        return self._backups.create(label)

    def erase(self, candidate_id: int) -> Outcome[Report]:
        """Every row about the candidate and their letter files, after a backup; the removed bytes are zeroed."""
        data = self._gather(candidate_id)
        backup = self._backup("before-erase")
        wiped = Wiped()
        with secure_transaction(self._database, wiped) as session:
            session.execute(delete(Candidate).where(Candidate.id == candidate_id))  # the rest cascades
            _forget(session, data)
            forget_first_page(session.connection())  # the start-up's kept list page may name them
        report = Report(candidate_id, data.identity.full_name, _plan(data), data.identity, backup, wiped.log_emptied)
        _remove_files(data.files, report)
        report.held = held_copies(self._paths.backup_dir, data.identity)
        return Outcome(report, _ALL)

    def anonymise(self, candidate_id: int) -> Outcome[Report]:
        """Replace what identifies the candidate with a placeholder, keeping what the dashboard counts."""
        [report] = self._anonymise([candidate_id], "before-anonymise")
        return Outcome(report, _ALL)

    def _anonymise(self, candidate_ids: list[int], label: str) -> list[Report]:
        """One backup and one wiped transaction for all of them, so a retention run of hundreds stays quick."""
        gathered = [self._gather(candidate_id) for candidate_id in candidate_ids]
        for data in gathered:
            identity = data.identity
            if is_anonymised(identity.first_name, identity.last_name, identity.candidate_id):
                raise ValidationError(f"Candidate {identity.candidate_id} is already anonymised.")
        made = self._backup(label)
        wiped = Wiped()
        with secure_transaction(self._database, wiped) as session:
            for data in gathered:
                anonymise_rows(session, data)
            for data in gathered:
                _forget(session, data)
            forget_first_page(session.connection())
        reports = []
        for data in gathered:
            identity = data.identity
            report = Report(identity.candidate_id, identity.full_name, _plan(data), identity, made, wiped.log_emptied)
            _remove_files(data.files, report)
            report.held = held_copies(self._paths.backup_dir, identity)
            reports.append(report)
        return reports

    def purge_copies(self, copies: list[HeldCopy]) -> tuple[list[Path], list[str]]:
        """Delete the backups and saved copies an erasure named (asked for by the user)."""
        return purge(copies)

    # -- the retention rule --------------------------------------------------------------------------------------
    def retention_months(self) -> int:
        months = retention.retention_months(self._settings.all().get(retention.SETTING, ""))
        if months is None:
            raise ValidationError(
                f"The retention rule is off; set it with `offerdesk settings set {retention.SETTING} MONTHS`."
            )
        return months

    def retention_preview(self, now: datetime | None = None) -> list[retention.Due]:
        """Who the rule would anonymise now, why, and when they were last active."""
        months = self.retention_months()
        with self._database.transaction(read_only=True) as session:
            return retention.due_candidates(session, months, now or utc_now())

    def apply_retention(self, now: datetime | None = None) -> Outcome[list[Report]]:
        """Anonymise everyone the preview lists, after one backup of the database."""
        due = self.retention_preview(now)
        if not due:
            return Outcome([], Changes())
        return Outcome(self._anonymise([item.candidate_id for item in due], "before-retention"), _ALL)


def privacy_service(services: Services) -> PrivacyService:
    """The service over an opened installation."""
    return PrivacyService(services.database, services.paths, services.backups, services.settings)


__all__ = ["Plan", "PrivacyService", "Report", "placeholder", "privacy_service"]
