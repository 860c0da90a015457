"""Import candidates from an ATS export: read, map, check, then write everything in one transaction or nothing.

A strict import of a file with an invalid row writes nothing; with `skip_invalid` the bad rows are left out and
written to a report next to the source. A SQLite database is backed up first. The mapping used is saved per header
set, so the next export of the same ATS maps itself.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.candidate_record import CandidateDraft, fold
from offerdesk.domain.clock import utc_now
from offerdesk.domain.wording import noun, plural
from offerdesk.errors import ValidationError
from offerdesk.importing.drafts import RowConverter, RowProblem
from offerdesk.importing.fields import ImportField
from offerdesk.importing.headers import detect_format, guess_mapping, header_key, normalise_header
from offerdesk.importing.reader import ImportCancelled, read_table
from offerdesk.importing.table import Table
from offerdesk.services.candidates.import_plan import Action, ImportPlan, OnDuplicate, plan_rows
from offerdesk.services.candidates.records import CandidateRecords
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.setup.backups import backup_before
from offerdesk.storage import candidate_records as records
from offerdesk.storage.db import Database
from offerdesk.storage.tables import ImportMapping, Role

Progress = Callable[[int, int], None]
CHUNK = 500


class ImportRefused(ValidationError):
    """Invalid rows in a strict import: nothing was written. `problems` lists every one."""

    def __init__(self, message: str, problems: tuple[RowProblem, ...]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class ImportOptions:
    format: str = "auto"
    mapping: dict[str, str] = field(default_factory=dict)  # column header → field name (or "" / "ignore")
    on_duplicate: str = "skip"
    skip_invalid: bool = False
    dry_run: bool = False
    report_path: Path | None = None


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    skipped: int
    invalid: int
    problems: tuple[RowProblem, ...]
    report: Path | None
    backup: Path | None
    overwritten: tuple[str, ...]
    dry_run: bool
    format: str
    encoding: str | None

    def summary(self) -> str:
        line = f"created {self.created:,}, updated {self.updated:,}, skipped {self.skipped:,}, invalid {self.invalid:,}"
        return line + (" (dry run: nothing was written)" if self.dry_run else "")


def _field(name: str, header: str) -> ImportField | None:
    cleaned = normalise_header(name)
    if cleaned in ("", "ignore", "skip", "none"):
        return None
    for target in ImportField:
        if cleaned in (normalise_header(target.value), normalise_header(target.label)):
            return target
    choices = ", ".join(target.value for target in ImportField)
    raise ValidationError(f"“{name}” (for column “{header}”) is not a candidate field; use one of: {choices}, ignore.")


class CandidateImport:
    def __init__(self, database: Database, backup_dir: Path | None = None) -> None:
        self._database = database
        self._backup_dir = backup_dir
        self._records = CandidateRecords(database, backup_dir)

    # -- planning ----------------------------------------------------------------------------------------------
    def read(self, path: Path, should_stop: Callable[[], bool] | None = None) -> Table:
        return read_table(path, should_stop=should_stop)

    def mapping_for(self, table: Table, options: ImportOptions) -> tuple[str, tuple[ImportField | None, ...], bool]:
        """The format, the field of each column and whether the mapping was saved from an earlier import."""
        found = detect_format(table.headers) if options.format == "auto" else options.format
        with self._database.transaction(read_only=True) as session:
            saved = session.get(ImportMapping, header_key(table.headers))
            stored = list(saved.fields) if saved is not None else None
        mapping: list[ImportField | None]
        if stored is not None and len(stored) == len(table.headers):
            mapping = [ImportField(v) if v in ImportField._value2member_map_ else None for v in stored]
        else:
            mapping = list(guess_mapping(table.headers, found))
        exact = {h: i for i, h in enumerate(table.headers)}
        by_header: dict[str, int] = {}
        for i, h in enumerate(table.headers):
            by_header.setdefault(normalise_header(h), i)
        for header, name in options.mapping.items():
            index = exact.get(header, by_header.get(normalise_header(header)))
            if index is None:
                raise ValidationError(f"--map names a column “{header}” that {table.path.name} does not have.")
            mapping[index] = _field(name, header)
        return found, tuple(mapping), stored is not None and not options.mapping

    def plan(
        self,
        path: Path,
        options: ImportOptions,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        table: Table | None = None,
    ) -> ImportPlan:
        """Everything the import would do, without writing; the dry run and the wizard's preview."""
        table = table or self.read(path, should_stop)
        found, mapping, was_saved = self.mapping_for(table, options)
        try:
            on_duplicate = OnDuplicate(options.on_duplicate)
        except ValueError:
            raise ValidationError(f"--on-duplicate is skip, update or merge, not “{options.on_duplicate}”.") from None
        if not any(m in mapping for m in (ImportField.FULL_NAME, ImportField.FIRST_NAME, ImportField.LAST_NAME)):
            raise ValidationError(
                f"No column of {table.path.name} is mapped to a name; "
                f'map one, e.g. --map "{table.headers[0]}=full_name".'
            )
        converter = RowConverter(table.headers, mapping, self._records.region())
        converted = []
        for index, row in enumerate(table.rows):
            if index % CHUNK == 0:
                if should_stop and should_stop():
                    raise ImportCancelled("The import was cancelled; nothing was imported.")
                if progress:
                    progress(index, len(table.rows) * 2)
            converted.append(converter.convert(row))
        with self._database.transaction(read_only=True) as session:
            existing = records.email_index(session)
            planned = plan_rows(converted, existing, on_duplicate, lambda i: records.draft_of(session, i))
        problems = tuple(problem for item in planned for problem in item.row.problems)
        return ImportPlan(table, found, mapping, was_saved, tuple(planned), problems)

    # -- running -----------------------------------------------------------------------------------------------
    def run(
        self,
        path: Path,
        options: ImportOptions,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        table: Table | None = None,
    ) -> Outcome[ImportResult]:
        """Import the file; `table` is the one a preview read, so what is imported is what was previewed."""
        plan = self.plan(path, options, progress, should_stop, table)
        invalid = plan.count(Action.INVALID)
        if invalid and not options.skip_invalid and not options.dry_run:
            raise ImportRefused(
                f"Nothing was imported: {plural(invalid, 'row')} {noun(invalid, 'is')} invalid in "
                f"{plan.table.path.name} "
                f"(first: {plan.problems[0].sentence()}). Fix them, or import with the invalid rows skipped.",
                plan.problems,
            )
        report = (
            self._write_report(plan, options) if invalid and (options.skip_invalid or options.report_path) else None
        )
        backup = None
        if not options.dry_run:
            backup = self._backup()
            self._write(plan, progress, should_stop)
        result = ImportResult(
            created=plan.count(Action.CREATE),
            updated=plan.count(Action.UPDATE),
            skipped=plan.count(Action.SKIP),
            invalid=invalid,
            problems=plan.problems,
            report=report,
            backup=backup,
            overwritten=tuple(f"row {p.row.number}: {o}" for p in plan.rows for o in p.overwritten),
            dry_run=options.dry_run,
            format=plan.format,
            encoding=plan.table.encoding,
        )
        wrote = not options.dry_run and (result.created or result.updated)
        return Outcome(result, Changes.of(Kind.CANDIDATES, Kind.ROLES) if wrote else Changes())

    def _backup(self) -> Path | None:
        return backup_before(self._database, self._backup_dir, "before-import")

    def _write(self, plan: ImportPlan, progress: Progress | None, should_stop: Callable[[], bool] | None) -> None:
        """One transaction: a cancel or an error anywhere leaves the database as it was."""
        actor = f"import of {plan.table.path.name}"
        total = len(plan.rows)
        with self._database.transaction() as session:
            roles = _RoleFinder(session)
            creates: list[CandidateDraft] = []
            for index, planned in enumerate(plan.rows):
                if index % CHUNK == 0:
                    if should_stop and should_stop():
                        raise ImportCancelled("The import was cancelled; nothing was imported.")
                    if progress:
                        progress(total + index, total * 2)
                draft = planned.row.draft
                if planned.row.role_title:
                    draft = replace(draft, role_id=roles.id_of(planned.row.role_title))
                if planned.action is Action.CREATE:
                    creates.append(draft)
                elif planned.action is Action.UPDATE and planned.existing_id is not None:
                    records.update_candidate(session, planned.existing_id, draft, actor)
            records.insert_many(session, creates, actor)
            session.merge(
                ImportMapping(
                    header_key=header_key(plan.table.headers),
                    headers=list(plan.table.headers),
                    fields=[m.value if m else None for m in plan.mapping],
                    updated_at=utc_now(),
                )
            )
        if progress:
            progress(total * 2, total * 2)

    def _write_report(self, plan: ImportPlan, options: ImportOptions) -> Path:
        """The rows left out, as they were in the file, with the problem in a last column; next to the source."""
        source = plan.table.path
        target = options.report_path or source.with_name(
            f"{source.stem}-skipped-{utc_now().strftime('%Y%m%d-%H%M%S')}.csv"
        )
        try:
            return self._write_report_to(target, plan)
        except OSError:
            if self._backup_dir is None:
                raise ValidationError(
                    f"The import is done, but the report of skipped rows could not be written to {target}."
                ) from None
            # A read-only folder (a share, a download folder of another user): the data folder takes the report.
            return self._write_report_to(self._backup_dir.parent / "reports" / target.name, plan)

    def _write_report_to(self, target: Path, plan: ImportPlan) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        by_row = {p.row.number: p for p in plan.rows}
        try:
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["Row", *plan.table.headers, "Problem"])
                for row in plan.table.rows:
                    planned = by_row.get(row.number)
                    if planned is not None and planned.action is Action.INVALID:
                        message = " ".join(problem.sentence() for problem in planned.row.problems)
                        writer.writerow([row.number, *row.values, message])
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)  # a full disk leaves no half report behind
            raise
        return target


class _RoleFinder:
    """A role by its title (folded), made when the file names one we do not have."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids = {fold(title): role_id for role_id, title in session.execute(select(Role.id, Role.title))}

    def id_of(self, title: str) -> int:
        key = fold(" ".join(title.split()))
        if key not in self._ids:
            role = Role(title=" ".join(title.split()))
            self._session.add(role)
            self._session.flush()
            self._ids[key] = role.id
        return self._ids[key]
