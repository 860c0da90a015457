"""Letter use cases: fill one letter or many, optionally as PDF, and record what was sent on the offer."""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.clock import today, utc_now
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import check_replaceable, hidden_temporary
from offerdesk.letters.context import letter_context
from offerdesk.paths import AppPaths
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.letters.library import resolve_row, template_path
from offerdesk.services.setup.settings import SettingsService
from offerdesk.storage import offers as gateway
from offerdesk.storage.db import Database
from offerdesk.storage.tables import LetterExport

if TYPE_CHECKING:
    from offerdesk.letters.batch import JobResult
    from offerdesk.letters.pool import LetterPool
    from offerdesk.letters.render import PreparedTemplate, PreparedTemplates

GATHER_CHUNK = 20
"""Offers a batch reads per transaction: few enough to notice a cancel and report progress often."""

TURN_S = 0.0002
"""How long a batch pauses after each offer read and each letter named, so a window waiting in another thread gets
its turn: every SQLite call and file rename lets go of Python's lock for only microseconds, too short for a waiting
thread to take it, and without these pauses the window waited up to 50 ms at a time (measured; with them ≈ 4 ms,
for ≈ 8% more time reading)."""

MAX_BATCH_WORKERS = 32
"""More letter processes than this only queue for the same cores and memory (`offerdesk letters export --workers`)."""


@dataclass(frozen=True)
class LetterPlan:
    """What one letter will be made of: the offer's values and the template that fills them."""

    offer_id: int
    version: int
    candidate_name: str
    template_id: int | None
    template_name: str
    template: Path
    values: dict[str, Any]


@dataclass(frozen=True)
class ExportRecord:
    version: int
    template_name: str
    docx_path: str
    pdf_path: str
    exported_at: Any
    email_path: str = ""  # the .eml draft the letter was attached to, if it was prepared for email
    email_to: str = ""


@dataclass(frozen=True)
class BatchGathering:
    """What a batch will write, read before any letter is: each offer's plan and file, the offers that could not be
    planned, and the letters already in the folder that it would replace (the window asks about those first)."""

    out_dir: Path
    plans: dict[int, LetterPlan]
    failed: list[tuple[int, str]]
    targets: dict[int, Path]
    existing: list[Path]
    cancelled: bool = False


@dataclass(frozen=True)
class BatchReport:
    written: list[Path]
    pdfs: list[Path]
    failed: list[tuple[int, str]]  # offer id, sentence
    cancelled: bool


def _file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-") or "letter"


class LetterService:
    def __init__(self, database: Database, paths: AppPaths, settings: SettingsService) -> None:
        self._database = database
        self._paths = paths
        self._settings = settings
        self._processes: LetterPool | None = None
        self._prepared: PreparedTemplates | None = None

    @property
    def processes(self) -> LetterPool:
        """The letter processes of this session, made when first needed and kept until `close`."""
        if self._processes is None:
            from offerdesk.letters.pool import LetterPool

            self._processes = LetterPool()
        return self._processes

    def warm_up(self) -> None:
        """Start the letter processes now, so the batch about to be asked for finds them ready; returns at once."""
        self.processes.start()

    def close(self) -> None:
        """End the letter processes (after the letters they are writing); the services are closing."""
        if self._processes is not None:
            self._processes.close()

    def values(self, offer_id: int) -> dict[str, Any]:
        """The letter context of the offer's current version (what every template is filled with)."""
        settings = self._settings.all()
        with self._database.transaction() as session:
            return letter_context(gateway.load_record(session, offer_id), settings, today())

    def plan(self, offer_id: int, template: str | None = None) -> LetterPlan:
        settings = self._settings.all()
        with self._database.transaction(read_only=True) as session:
            return self._plan_in(session, offer_id, template, settings, {})

    def _plan_in(
        self,
        session: Session,
        offer_id: int,
        template: str | None,
        settings: dict[str, str],
        chosen: dict[tuple[str, str], tuple[int | None, str, Path]],
    ) -> LetterPlan:
        """The offer's plan; `chosen` keeps the template picked per offer type and locale (a batch picks once)."""
        record = gateway.load_record(session, offer_id)
        values = letter_context(record, settings, today())
        name = record.candidate.full_name
        if template and (Path(template).suffix.lower() == ".docx" or Path(template).expanduser().is_file()):
            path = Path(template).expanduser()
            return LetterPlan(offer_id, record.version, name, None, path.name, path, values)
        key = (record.terms.offer_type.value, record.terms.locale)
        if key not in chosen:
            row = resolve_row(session, template, record.terms.offer_type, record.terms.locale)
            chosen[key] = (row.id, row.name, template_path(self._paths, row))
        template_id, template_name, path = chosen[key]
        return LetterPlan(offer_id, record.version, name, template_id, template_name, path, values)

    def default_target(self, plan: LetterPlan, folder: Path | None = None) -> Path:
        name = _file_name(f"{plan.candidate_name} - {plan.template_name} v{plan.version}")
        return (folder or self._paths.exports_dir) / f"{name}.docx"

    def export(
        self,
        offer_id: int,
        template: str | None = None,
        out: Path | None = None,
        pdf: bool = False,
        plan: LetterPlan | None = None,
    ) -> Outcome[tuple[Path, Path | None]]:
        """Fill the offer's letter, write it atomically, optionally convert it, and record the export.

        `plan` is the plan the caller already made for this offer and template (the window makes one to suggest
        the file name), so the offer is read once.
        """
        if plan is None or plan.offer_id != offer_id:
            plan = self.plan(offer_id, template)
        target = out if out is not None and out.suffix.lower() == ".docx" else self.default_target(plan, out)
        recorded: list[int] = []
        # The history row commits before the letter appears under its name: a letter on disk is always in the history.
        self._prepared_template(plan.template).render_to(
            plan.values, target, before_publish=lambda: recorded.extend(self._record([(plan, target)]))
        )
        pdf_path = self._convert([target], target.parent)[0] if pdf else None
        if pdf_path is not None:
            self._add_pdfs([(recorded[0], pdf_path)])
        return Outcome((target, pdf_path), Changes.of(Kind.LETTERS))

    def _prepared_template(self, template: Path) -> PreparedTemplate:
        """The template as prepared for the last export from it (the window exports one letter after another)."""
        if self._prepared is None:
            from offerdesk.letters.render import PreparedTemplates  # Jinja, lxml, docxtpl: loaded when first needed

            self._prepared = PreparedTemplates(keep=2)
        return self._prepared.get(template)

    def preview(self, offer_id: int, template: str | None = None) -> Path:
        """A filled copy in a temporary folder, for showing in the app; nothing is recorded."""
        from offerdesk.letters.render import PreparedTemplate

        plan = self.plan(offer_id, template)
        folder = Path(tempfile.mkdtemp(prefix="offerdesk-preview-"))
        return PreparedTemplate(plan.template).render_to(plan.values, folder / "preview.docx")

    def preview_with_pdf(self, offer_id: int, template: str | None = None) -> tuple[Path, Path | None]:
        """The preview .docx and, where a converter is installed, its PDF (None where it is not or it failed:
        the preview then shows the letter's text)."""
        from offerdesk.letters.pdf import ConversionError, find_converter

        docx = self.preview(offer_id, template)
        converter = find_converter()
        if converter is None:
            return docx, None
        try:
            return docx, converter.convert([docx], docx.parent)[0]
        except ConversionError:
            return docx, None

    def export_batch(
        self,
        status: OfferStatus,
        out_dir: Path,
        template: str | None = None,
        pdf: bool = False,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        offer_ids: Sequence[int] | None = None,
        overwrite: bool = False,
        gathered: BatchGathering | None = None,
    ) -> Outcome[BatchReport]:
        """The letters of every offer in `status`, or of the offers in `offer_ids` when given.

        Letters already in `out_dir` under the same names are replaced only with `overwrite` (FilesExist names
        them otherwise, before any letter is written), and a read-only one never. `gathered` is what
        `gather_batch` read for the same choices (the window reads it first to ask about those letters).
        """
        from offerdesk.letters.batch import LetterJob, run_jobs

        if workers is not None and not 1 <= workers <= MAX_BATCH_WORKERS:
            raise ValidationError(f"A batch runs 1 to {MAX_BATCH_WORKERS} processes, not {workers}.")
        if gathered is None or gathered.out_dir != out_dir:
            gathered = self.gather_batch(status, out_dir, template, offer_ids, cancelled=cancelled)
        plans, targets, failed = gathered.plans, gathered.targets, list(gathered.failed)
        if gathered.cancelled:
            return Outcome(BatchReport([], [], sorted(failed), True), Changes())
        check_replaceable(list(targets.values()), overwrite)
        # Each letter is written under a hidden name and appears under its own only once the history records it.
        jobs = [
            LetterJob(offer_id, plan.template, plan.values, hidden_temporary(targets[offer_id]))
            for offer_id, plan in plans.items()
        ]
        results: list[JobResult] = run_jobs(
            jobs, workers=workers, progress=progress, cancelled=cancelled, pool=self.processes
        )
        written = [result for result in results if result.error is None]
        failed.extend((result.key, result.error) for result in results if result.error is not None)
        letters = self._publish([(plans[result.key], result.target, targets[result.key]) for result in written])
        pdfs: list[Path] = []
        is_cancelled = bool(cancelled and cancelled())
        if pdf and letters and not is_cancelled:
            pdfs = self._convert([docx for _, docx in letters], out_dir)
            self._add_pdfs([(export_id, pdf_path) for (export_id, _), pdf_path in zip(letters, pdfs, strict=False)])
        report = BatchReport([docx for _, docx in letters], pdfs, sorted(failed), is_cancelled)
        return Outcome(report, Changes.of(Kind.LETTERS) if written else Changes())

    def existing_letters(
        self,
        status: OfferStatus,
        out_dir: Path,
        template: str | None = None,
        offer_ids: Sequence[int] | None = None,
    ) -> list[Path]:
        """The letters a batch into `out_dir` would replace (the window asks before it replaces them)."""
        return self.gather_batch(status, out_dir, template, offer_ids).existing

    def gather_batch(
        self,
        status: OfferStatus,
        out_dir: Path,
        template: str | None = None,
        offer_ids: Sequence[int] | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BatchGathering:
        """Each offer's plan and letter file (two offers that would share a name get their offer id in it).

        Reading a few hundred offers takes a while: it goes in chunks, each read in one go (reading writes
        nothing, so it neither waits for a writer nor makes one wait); `progress` hears of each chunk and
        `cancelled` stops the reading between two.
        """
        if offer_ids is None:
            with self._database.transaction(read_only=True) as session:
                offer_ids = gateway.offer_ids_with_status(session, status)
        settings = self._settings.all()
        plans: dict[int, LetterPlan] = {}
        failed: list[tuple[int, str]] = []
        chosen: dict[tuple[str, str], tuple[int | None, str, Path]] = {}
        for start in range(0, len(offer_ids), GATHER_CHUNK):
            if cancelled is not None and cancelled():
                return BatchGathering(out_dir, {}, failed, {}, [], cancelled=True)
            with self._database.transaction(read_only=True) as session:
                for offer_id in offer_ids[start : start + GATHER_CHUNK]:
                    try:
                        plans[offer_id] = self._plan_in(session, offer_id, template, settings, chosen)
                    except NotFoundError as error:
                        failed.append((offer_id, str(error)))
                    time.sleep(TURN_S)
            if progress is not None:
                progress(min(start + GATHER_CHUNK, len(offer_ids)), len(offer_ids))
        targets = {offer_id: self.default_target(plan, out_dir) for offer_id, plan in plans.items()}
        shared = Counter(targets.values())
        for offer_id, target in targets.items():
            if shared[target] > 1:
                targets[offer_id] = target.with_name(f"{target.stem} (offer {offer_id}){target.suffix}")
        existing = [target for target in targets.values() if target.exists()]
        return BatchGathering(out_dir, plans, failed, targets, existing)

    def history(self, offer_id: int) -> list[ExportRecord]:
        with self._database.transaction() as session:
            rows = session.scalars(
                select(LetterExport).where(LetterExport.offer_id == offer_id).order_by(LetterExport.exported_at.desc())
            )
            return [
                ExportRecord(r.version_number, r.template_name, r.docx_path, r.pdf_path, r.exported_at,
                             r.email_path or "", r.email_to or "")
                for r in rows
            ]  # fmt: skip

    def _convert(self, documents: list[Path], out_dir: Path) -> list[Path]:
        from offerdesk.letters.pdf import convert_to_pdf

        return convert_to_pdf(documents, out_dir)

    def _publish(self, staged: list[tuple[LetterPlan, Path, Path]]) -> list[tuple[int, Path]]:
        """Record the letters written under hidden names, then give each its own name; (export id, file) each."""
        try:
            ids = self._record([(plan, target) for plan, _, target in staged])
        except BaseException:
            for _, hidden, _ in staged:
                hidden.unlink(missing_ok=True)
            raise
        for _, hidden, target in staged:
            hidden.replace(target)
            time.sleep(TURN_S)
        return list(zip(ids, [target for _, _, target in staged], strict=True))

    def _record(self, exports: list[tuple[LetterPlan, Path]]) -> list[int]:
        if not exports:
            return []
        now = utc_now()
        with self._database.transaction() as session:
            rows = [
                LetterExport(offer_id=plan.offer_id, version_number=plan.version, template_id=plan.template_id,
                             template_name=plan.template_name, docx_path=str(docx_path), pdf_path="",
                             exported_at=now)
                for plan, docx_path in exports
            ]  # fmt: skip
            for start in range(0, len(rows), GATHER_CHUNK):  # in chunks, with a turn for the window between
                session.add_all(rows[start : start + GATHER_CHUNK])
                session.flush()
                time.sleep(TURN_S)
            return [row.id for row in rows]

    def _add_pdfs(self, pdfs: list[tuple[int, Path]]) -> None:
        """The PDF made from a recorded letter joins its history row."""
        if not pdfs:
            return
        with self._database.transaction() as session:
            for export_id, pdf_path in pdfs:
                row = session.get(LetterExport, export_id)
                if row is not None:
                    row.pdf_path = str(pdf_path)
