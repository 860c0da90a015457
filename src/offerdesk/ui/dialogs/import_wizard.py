"""File → Import Candidates…: choose a file, match its columns, see every row checked, then import it in one go.

Reading, the dry run and the import each run on a worker through the window's Operations, so the GUI thread only
shows pages: a 10,000-row file keeps a live progress bar and a Cancel that works, and the import's Changes reach
the bus like any other write. Nothing is written before the last step, and a cancelled import writes nothing.
The reading and importing code loads on the worker that reads the first file, not in the click that opens this.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.wording import plural
from offerdesk.ui import workers
from offerdesk.ui.desktop import open_folder
from offerdesk.ui.dialogs.import_pages import FILE_FILTER, FilePage, MappingPage, ResultPage, format_name
from offerdesk.ui.dialogs.import_preview import PreviewPage
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.operations import Operations
from offerdesk.ui.theme import status_colour
from offerdesk.ui.window_geometry import FittedDialog

if TYPE_CHECKING:
    from offerdesk.importing.table import Table
    from offerdesk.services.candidates.importing import CandidateImport, ImportOptions, ImportResult
    from offerdesk.services.setup.bootstrap import Services

Work = Callable[[workers.TaskSignals, Callable[[], bool]], Any]
Failed = Callable[[str, bool], None]  # the sentence, and whether the user cancelled


class Step(IntEnum):
    FILE = 0
    COLUMNS = 1
    PREVIEW = 2
    RESULT = 3


_TITLES = {
    Step.FILE: "Choose the file",
    Step.COLUMNS: "Match the columns",
    Step.PREVIEW: "Check the rows",
    Step.RESULT: "Import",
}
_NEXT = {Step.FILE: "&Next", Step.COLUMNS: "&Preview", Step.PREVIEW: "&Import", Step.RESULT: "&Finish"}


def _local_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    local = [url.toLocalFile() for url in urls if url.isLocalFile()]
    return Path(local[0]) if local else None


class ImportWizard(FittedDialog):
    def __init__(
        self,
        services: Services,
        operations: Operations,
        prompter: Prompter,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import candidates")
        self.setAcceptDrops(True)
        self.resize(1120, 720)
        self._services = services  # its candidate_import is first reached on the worker that reads the file
        self._way_back = services.backups.before_change_note()  # what the first page says protects the data
        self._operations, self._prompter = operations, prompter
        self.table: Table | None = None
        self.import_result: ImportResult | None = None
        self._table_serial = 0
        self._mapped_for: tuple[int, str] | None = None  # (table serial, format) the mapping page shows
        self._generation = 0  # results of work started before the latest start are dropped
        self._stop: threading.Event | None = None
        self.busy = False
        self._build()
        self._connect_signals()
        self._show(Step.FILE)
        if path is not None:
            self.read_file(path)

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("importStepTitle")
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.25)
        self.title.setFont(bold)
        self.file_page = FilePage(self, self._way_back)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.pages = QStackedWidget(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.pages.addWidget(page)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName("Progress")
        self.status = QLabel(self)
        self.status.setObjectName("importStatus")
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        self.back_button = QPushButton("< &Back", self)
        self.back_button.setObjectName("importBack")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("importNext")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("importCancel")
        for button in (self.back_button, self.next_button, self.cancel_button):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)  # holds the buttons at the right while the progress bar is hidden
        buttons.addSpacing(12)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        leave = QDialogButtonBox(self)  # Cancel in the dialog's own button box: Escape and the platform agree
        leave.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addWidget(leave)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)
        self.file_page.browse_button.clicked.connect(self.browse)
        self.file_page.path_edit.textChanged.connect(self._update_buttons)
        self.mapping_page.changed.connect(self._update_buttons)
        self.preview_page.duplicatesChanged.connect(self.check_rows)
        self.preview_page.skipInvalidChanged.connect(self._skip_invalid_changed)
        self.result_page.open_report.clicked.connect(self.open_report_folder)

    # -- moving between pages ------------------------------------------------------------------------------------
    def step(self) -> Step:
        return Step(self.pages.currentIndex())

    def _show(self, step: Step) -> None:
        self.pages.setCurrentIndex(step)
        self.title.setText(f"Step {step + 1} of {len(Step)}: {_TITLES[step]}")
        self._update_buttons()

    def go_next(self) -> None:
        step = self.step()
        if self.busy or not self.next_button.isEnabled():
            return
        if step is Step.FILE:
            path = self.file_page.path()
            if self.table is not None and path == self.table.path:
                self._show_columns()
            elif path is not None:
                self.read_file(path, advance=True)
        elif step is Step.COLUMNS:
            self.check_rows()
        elif step is Step.PREVIEW:
            self.start_import()
        else:
            self.accept()

    def go_back(self) -> None:
        if self.busy:
            return
        self.set_status("")
        self._show({Step.COLUMNS: Step.FILE, Step.PREVIEW: Step.COLUMNS}.get(self.step(), Step.PREVIEW))

    def reject(self) -> None:
        """Cancel stops the work in progress first (the dialog stays to say how it ended); then it closes."""
        if self.busy and self._stop is not None:
            self._stop.set()
            self.set_status("Stopping…")
            self.cancel_button.setEnabled(False)
            return
        super().reject()

    def done(self, code: int) -> None:
        """Closing lets go of the file's rows and the plan (a large file holds tens of megabytes of them)."""
        self.table = None
        self.preview_page.clear()
        super().done(code)

    def _update_buttons(self) -> None:
        step, busy = self.step(), self.busy
        imported = self.import_result is not None
        self.next_button.setText(_NEXT[step])
        ready = {
            Step.FILE: bool(self.file_page.path_edit.text().strip()),
            Step.COLUMNS: self.mapping_page.has_name(),
            Step.PREVIEW: self.preview_page.can_import(),
            Step.RESULT: imported,
        }[step]
        self.next_button.setEnabled(ready and not busy)
        self.next_button.setVisible(step is not Step.RESULT or imported)
        self.back_button.setEnabled(not busy and step is not Step.FILE and not imported)
        self.back_button.setVisible(not imported)
        self.cancel_button.setVisible(not imported)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Close" if step is Step.RESULT and not busy else "Cancel")
        for widget in (self.file_page, self.mapping_page):
            widget.setEnabled(not busy)
        self.preview_page.duplicate_choice.setEnabled(not busy)
        self.preview_page.skip_invalid.setEnabled(not busy)
        self.progress.setVisible(busy)

    def set_status(self, text: str, *, bad: bool = False) -> None:
        self.status.setStyleSheet(f"color: {status_colour('bad').name()}" if bad else "")
        self.status.setText(text)

    # -- background work -----------------------------------------------------------------------------------------
    def _start(self, title: str, message: str, work: Work, done: Callable[[Any], None], failed: Failed) -> None:
        """Run `work` on a worker with its own Cancel flag; only the latest start's answer reaches the pages.

        The worker starts once the page it was started from is laid out and painted (a timer comes after those
        events): a worker running Python takes turns with the window, and the page would take twice as long."""
        if self._stop is not None:
            self._stop.set()
        self._generation += 1
        generation, stop = self._generation, threading.Event()
        self._stop, self.busy = stop, True
        self.progress.setRange(0, 0)  # busy until the first progress report says how far
        self.set_status(message)
        self._update_buttons()
        self.cancel_button.setFocus()

        def finish() -> bool:
            if generation != self._generation:
                return False
            self.busy, self._stop = False, None
            self.set_status("")
            self._update_buttons()
            return True

        def on_done(value: Any) -> None:
            if finish():
                done(value)

        def on_error(sentence: str) -> None:
            if finish():
                failed(sentence, stop.is_set())

        QTimer.singleShot(
            1,
            self,
            lambda: self._operations.run_in_background(
                title,
                lambda signals: work(signals, stop.is_set),
                on_done,
                owner=self,
                initiator=self,
                on_error=on_error,
                on_progress=self._progress,
            ),
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    # -- 1. the file ---------------------------------------------------------------------------------------------
    def browse(self) -> None:
        chosen = self._prompter.open_file("Import candidates", FILE_FILTER, purpose="imports")
        if chosen is not None:
            self.read_file(chosen)

    def read_file(self, path: Path, *, advance: bool = False) -> None:
        """Read `path` off the GUI thread; with `advance`, go on to the columns once it is read."""
        self._show(Step.FILE)
        self.file_page.path_edit.setText(str(path))
        self.file_page.info.clear()
        self.file_page.problem.clear()
        self.table, self.import_result = None, None
        services = self._services

        def done(table: Table) -> None:
            self.table = table
            self._table_serial += 1
            self.file_page.show_table(table)
            self._update_buttons()
            if advance:
                self._show_columns()

        def failed(sentence: str, _cancelled: bool) -> None:
            self.file_page.show_problem(sentence)

        self._start(
            "File not read",
            f"Reading {path.name}… (Cancel stops it)",
            lambda _signals, stop: services.candidate_import.read(path, stop),
            done,
            failed,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.busy and self.step() is Step.FILE and _local_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _local_file(event)
        if path is not None and not self.busy:
            event.acceptProposedAction()
            self.read_file(path)

    # -- 2. the columns ------------------------------------------------------------------------------------------
    def _show_columns(self) -> None:
        """The mapping page for the file and format chosen; kept as the user left it while neither changes."""
        table, chosen = self.table, self.file_page.format()
        if table is None:
            return
        if self._mapped_for != (self._table_serial, chosen):
            from offerdesk.services.candidates.importing import ImportOptions

            importer = self._importer
            done, answer = self._operations.run(
                "Columns not matched",
                lambda: importer.mapping_for(table, ImportOptions(format=chosen)),
                on_error=self.file_page.show_problem,
            )
            if not done:
                return
            found, mapping, was_saved = answer
            self.mapping_page.show_columns(table, mapping, self._mapping_note(chosen, found, was_saved))
            self._mapped_for = (self._table_serial, chosen)
        self._show(Step.COLUMNS)
        if self.mapping_page.combos:
            self.mapping_page.combos[0].setFocus()

    @staticmethod
    def _mapping_note(chosen: str, found: str, was_saved: bool) -> str:
        if was_saved:
            return "Mapped as last time for this export: these columns were imported before. Check them, then Preview."
        if chosen != "auto":
            return f"Matched as a {format_name(found)} export, as chosen on the first page. Check each column."
        if found != "generic":
            return f"Recognised as a {format_name(found)} export. Check each column, then Preview."
        return (
            "Not an export OfferDesk recognises: the columns were matched by their names where possible. "
            "Choose what each column holds, then Preview."
        )

    @property
    def _importer(self) -> CandidateImport:
        return self._services.candidate_import

    def options(self) -> ImportOptions:
        """The import as the pages describe it; every column's field is stated, so nothing is guessed again."""
        from offerdesk.services.candidates.importing import ImportOptions

        return ImportOptions(
            format=self.file_page.format(),
            mapping=self.mapping_page.mapping(),
            on_duplicate=self.preview_page.on_duplicate(),
            skip_invalid=self.preview_page.skip_invalid.isChecked(),
        )

    # -- 3. the dry run ------------------------------------------------------------------------------------------
    def check_rows(self) -> None:
        """The plan of every row, computed off the GUI thread from the table already read."""
        table = self.table
        if table is None or not self.mapping_page.has_name():
            return
        self.preview_page.clear()
        self._show(Step.PREVIEW)
        importer, options = self._importer, self.options()

        def work(signals: workers.TaskSignals, stop: Callable[[], bool]) -> Any:
            # The plan reports its rows as the first half of an import; here they are the whole of the work.
            return importer.plan(table.path, options, lambda d, t: signals.progress.emit(2 * d, t), stop, table)

        def failed(sentence: str, cancelled: bool) -> None:
            self._show(Step.COLUMNS)
            if cancelled:
                self.set_status("The check was cancelled; nothing was imported. Preview checks the rows again.")
            else:
                self.set_status(sentence, bad=True)

        self._start(
            "Rows not checked",
            f"Checking {plural(len(table.rows), 'row')}… (Cancel stops it)",
            work,
            self._checked,
            failed,
        )

    def _checked(self, plan: Any) -> None:
        self.preview_page.show_plan(plan)
        self._update_buttons()
        if self.next_button.isEnabled():
            self.next_button.setFocus()

    def _skip_invalid_changed(self) -> None:
        self.preview_page.update_strict()
        self._update_buttons()

    # -- 4. the import -------------------------------------------------------------------------------------------
    def start_import(self) -> None:
        table = self.table
        if table is None or not self.preview_page.can_import():
            return
        self._show(Step.RESULT)
        self.result_page.show_running(f"Importing {plural(len(table.rows), 'row')} from {table.path.name}…")
        self.result_page.summary.setText(self.preview_page.counts.text())
        importer, options, path = self._importer, self.options(), table.path

        def failed(sentence: str, cancelled: bool) -> None:
            if cancelled:
                self.result_page.show_stopped(
                    "The import was cancelled.",
                    "Nothing was imported: OfferDesk holds the same candidates as before. "
                    "Go Back to change something, or Close.",
                )
            else:
                self.result_page.show_stopped("Nothing was imported.", sentence)
            self._update_buttons()

        self._start(
            "Candidates not imported",
            "Importing… Cancel stops it and leaves the database as it was.",
            lambda signals, stop: importer.run(path, options, signals.progress.emit, stop, table),
            self._imported,
            failed,
        )

    def _imported(self, result: ImportResult) -> None:
        """The Changes are already on the bus (Operations publishes them); here the page says what happened."""
        self.import_result = result
        name = self.table.path.name if self.table else "The file"
        self.result_page.show_result(result, name)
        self._update_buttons()
        self.next_button.setFocus()

    def open_report_folder(self) -> None:
        report = self.result_page.report_path
        if report is not None:
            open_folder(report.parent, "folder of the import report", self._prompter)
