"""What one write costs the running window: transactions and SQL statements, from the edit to the repainted panels.

`python bench/statements.py` opens the main window offscreen on a fresh demo database, then counts what one
autosave of a draft and one letter export cost, including every refresh the change sets off.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class Counter:
    def __init__(self) -> None:
        self.transactions = 0
        self.statements = 0

    def reset(self) -> None:
        self.transactions = self.statements = 0


def _attach(engine: Any, counter: Counter) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "begin")
    def _begin(_connection: Any) -> None:
        counter.transactions += 1

    @event.listens_for(engine, "before_cursor_execute")
    def _statement(*_args: Any) -> None:
        counter.statements += 1


def _settle(app: Any, until: Callable[[], bool] | None = None, timeout_s: float = 20.0) -> None:
    """Run the event loop until `until` holds and the thread pool is idle, then a little longer for timers."""
    import time

    from PySide6.QtCore import QThreadPool

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if (until is None or until()) and QThreadPool.globalInstance().activeThreadCount() == 0:
            break
        time.sleep(0.005)
    end = time.monotonic() + 0.3
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def measure() -> dict[str, tuple[int, int]]:
    from PySide6.QtWidgets import QApplication

    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import RecordingPrompter
    from offerdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="offerdesk-statements-"))
    services, _ = open_services(resolve_paths(folder / "data"))
    counter = Counter()
    _attach(services.database.engine, counter)
    prompter = RecordingPrompter(answer=True)
    window = MainWindow(services, ChangeBus(), prompter)
    window.show()
    _settle(app)
    results: dict[str, tuple[int, int]] = {}

    # Autosave: a draft's title typed in the offer editor, saved, and every panel refreshed.
    draft = next(row for row in services.offers.list() if not row.status.is_extended)
    window.show_candidate(draft.candidate_id)
    _settle(app)
    window.edit_offer(draft.id)
    _settle(app)  # the editor is read in the thread pool, then shown
    dialog = window.offer_dialog
    assert dialog is not None
    dialog.form.title.setText(dialog.form.title.text() + " (revised)")
    dialog._autosave.stop()
    counter.reset()
    dialog.autosave()
    _settle(app)
    results["autosave"] = (counter.transactions, counter.statements)
    dialog.close()
    _settle(app)

    # Export: the selected offer's letter from the letter box, recorded, and the panels refreshed.
    box = window.offer_summary.letter_box
    before = box.history.count()
    prompter.files.append(folder / "letter.docx")
    counter.reset()
    box.export_button.click()
    _settle(app, lambda: box.history.count() > before)
    results["export"] = (counter.transactions, counter.statements)
    window.close()
    services.close()
    return results


def main() -> int:
    for name, (transactions, statements) in measure().items():
        print(f"{name} transactions={transactions} statements={statements}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
