"""Letters for every offer in a status (or for the offers chosen, such as the current offers of the candidates
selected in the list), written by worker processes, with progress and cancel."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import offerdesk.letters.pool  # noqa: F401 - loaded with the dialog, not by the warm-up thread (see __init__)
from offerdesk.domain.offers import OfferStatus
from offerdesk.domain.wording import plural
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import workers
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.window_geometry import FittedDialog

if TYPE_CHECKING:
    from offerdesk.services.letters.export import BatchGathering


PROGRESS_EVERY_S = 0.05
"""How often the progress bar hears from the work: each report wakes the window, which then waits for the worker
thread's Python to let it run; a few hundred reports a second cost the window tens of milliseconds."""


def _every_so_often(report: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """`report` at most every PROGRESS_EVERY_S, and always at the end."""
    last = [0.0]

    def throttled(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_EVERY_S:
            last[0] = now
            report(done, total)

    return throttled


class BatchExportDialog(FittedDialog):
    def __init__(
        self,
        services: Services,
        bus: ChangeBus,
        prompter: Prompter,
        parent: QWidget | None = None,
        *,
        offer_ids: Sequence[int] | None = None,
        scope: str = "",
    ) -> None:
        """`offer_ids` exports those offers instead of a status's; `scope` says which they are."""
        super().__init__(parent)
        self._offer_ids = list(offer_ids) if offer_ids is not None else None
        self.setObjectName("batchExport")
        self.setWindowTitle("Export letters in bulk")
        self.resize(520, 220)
        self._services, self._bus, self._prompter = services, bus, prompter
        self._cancel = threading.Event()
        self.folder = prompter.folders.folder("letters")
        self.status_choice = QComboBox(self)
        for status in OfferStatus:
            self.status_choice.addItem(status.label, status.value)
        self.status_choice.setCurrentIndex(list(OfferStatus).index(OfferStatus.APPROVED))
        self.folder_button = QPushButton(str(self.folder), self)
        self.pdf_box = QCheckBox("Also make PDFs", self)
        self.progress = QProgressBar(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.start_button = QPushButton("Export", self)
        self.cancel_button = QPushButton("Stop", self)
        self.cancel_button.setToolTip("Stop after the letters already started; those written stay")
        self.cancel_button.setEnabled(False)
        form = QFormLayout()
        if self._offer_ids is None:
            form.addRow("Offers in status", self.status_choice)
        else:
            self.status_choice.hide()
            form.addRow("Offers", QLabel(scope or f"{len(self._offer_ids)} offers", self))
        form.addRow("Into folder", self.folder_button)
        form.addRow("", self.pdf_box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close_buttons.rejected.connect(self.reject)
        layout.addWidget(close_buttons)
        self.folder_button.clicked.connect(self.choose_folder)
        self.status_choice.currentIndexChanged.connect(lambda _index: self._choice_changed())
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        # The letter processes start while the recruiter chooses, so the batch finds them ready (kept all session).
        # Their module is loaded with this one: loaded by the warm-up thread while the offers were being read, the
        # two threads' Python held the window up.
        workers.start(self, lambda _signals: services.letters.warm_up(), lambda _none: None, lambda _s, _d: None)

    def choose_folder(self) -> None:
        chosen = self._prompter.choose_folder("Folder for the letters", purpose="letters")
        if chosen is not None:
            self.folder = Path(chosen)
            self.folder_button.setText(str(self.folder))
            self._choice_changed()

    def _choice_changed(self) -> None:
        """The report was about the offers and folder chosen before; while a run goes on, it is about that run."""
        if self.start_button.isEnabled():
            self.message.clear()

    def start(self) -> None:
        """Read the offers off the GUI thread (a few hundred take a while), then ask about letters it would replace
        and write the letters, also off the GUI thread; Stop works from the first moment."""
        status = OfferStatus(str(self.status_choice.currentData()))
        folder, pdf = self.folder, self.pdf_box.isChecked()
        self._cancel.clear()
        self._set_running(True)
        self.progress.setValue(0)
        self.message.setText("Reading the offers…")

        def gather(signals: workers.TaskSignals) -> Any:
            return self._services.letters.gather_batch(
                status, folder, offer_ids=self._offer_ids, progress=_every_so_often(signals.progress.emit),
                cancelled=self._cancel.is_set,
            )  # fmt: skip

        self.task = workers.start(
            self, gather, lambda gathered: self._write(status, gathered, pdf), self._failed, self._progress
        )

    def _write(self, status: OfferStatus, gathered: BatchGathering, pdf: bool) -> None:
        if gathered.cancelled or self._cancel.is_set():
            self._set_running(False)
            self.message.setText("Stopped; no letter was written.")
            return
        existing, folder = gathered.existing, gathered.out_dir
        if existing and not self._prompter.confirm(
            "Replace letters?",
            f"{plural(len(existing), 'letter')} in {folder} with the same name would be replaced by the new "
            f"{'one' if len(existing) == 1 else 'ones'}. Replace {'it' if len(existing) == 1 else 'them'}?",
        ):
            self._set_running(False)
            self.message.clear()
            return
        self.message.setText("Writing letters…")

        def work(signals: workers.TaskSignals) -> Any:
            return self._services.letters.export_batch(
                status, folder, pdf=pdf, progress=_every_so_often(signals.progress.emit), cancelled=self._cancel.is_set,
                offer_ids=self._offer_ids, overwrite=bool(existing), gathered=gathered,
            )  # fmt: skip

        self.task = workers.start(self, work, self._finished, self._failed, self._progress)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def reject(self) -> None:
        """Closing while letters are being written stops after those already started (they stay valid)."""
        if not self.start_button.isEnabled():
            self.cancel()
        super().reject()

    def cancel(self) -> None:
        self._cancel.set()
        self.message.setText("Stopping after the letters already started…")

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self, outcome: Any) -> None:
        report = outcome.value
        self._bus.publish(outcome.changes)
        self._set_running(False)
        parts = [f"{plural(len(report.written), 'letter')} written to {self.folder}"]
        if report.pdfs:
            parts.append(plural(len(report.pdfs), "PDF"))
        if report.cancelled:
            parts.append("cancelled before the rest")
        if report.failed:
            parts.append(f"{len(report.failed)} failed: " + "; ".join(f"offer {i}: {m}" for i, m in report.failed[:5]))
        self.message.setText(". ".join(parts) + ".")

    def _failed(self, sentence: str, details: str) -> None:
        self._set_running(False)
        self.message.setText("")
        self._prompter.error("Letters not written", sentence, details)
