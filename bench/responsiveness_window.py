"""The responsiveness run itself, in its own process: a real window on the benchmark's database, each action done
as a recruiter does it, with a lag probe running; one JSON line per action on stdout.

    python bench/responsiveness_window.py DATA_DIR WORK_DIR
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from offerdesk.letters.pdf import find_converter
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.ui.backup_timer import BackupTimer
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.interpreter import favour_the_window, settle_once_loaded
from offerdesk.ui.lag_probe import LagProbe
from offerdesk.ui.main_window import MainWindow

TIMEOUT_S = 180
PROFILE_ENV = "OFFERDESK_BENCH_PROFILE"  # an action's name: its GUI-thread profile goes to stderr
PROFILE_LINES = int(os.environ.get("OFFERDESK_BENCH_PROFILE_LINES", "40"))  # how many of its functions
MEMORY_ENV = "OFFERDESK_BENCH_MEMORY"  # set: the resident set after each action goes to stderr


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(done: Callable[[], bool], what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"responsiveness: {what} did not finish in {TIMEOUT_S} s")
        wait(10)


def rss_mb() -> float:
    """The resident set now (Linux: /proc; elsewhere the peak, which is what getrusage has)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 1_000_000
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_after(step: str) -> None:
    """With OFFERDESK_BENCH_MEMORY set: the resident set after a step, on stderr (stdout stays one line an action)."""
    if os.environ.get(MEMORY_ENV):
        print(json.dumps({"after": step, "rss_mb": round(rss_mb(), 1)}), file=sys.stderr, flush=True)


def main() -> None:
    data, work = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([])
    favour_the_window()  # as run_gui does
    services, _ = open_services(resolve_paths(data), seed_demo_data=False)
    prompter = RecordingPrompter(answer=True)
    window = MainWindow(services, ChangeBus(), prompter)
    window.show()
    settle_once_loaded(window)  # as run_gui does for every window
    backups = BackupTimer(services.backups, window.bus, lambda _text: None, window)
    wait(3000)  # the list warms what a first search needs, the sidebar counts
    memory_after("open")
    probe = LagProbe(window)

    def measure(name: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        profiled = os.environ.get(PROFILE_ENV) == name
        if profiled:
            profiler = cProfile.Profile()
            profiler.enable()
        probe.start()
        started = time.perf_counter()
        action()
        wait_until(done, name)
        took = (time.perf_counter() - started) * 1000
        wait(50)  # what the result's arrival sets off (a refresh of the list) is part of the action
        lag = probe.stop()
        if profiled:
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(PROFILE_LINES)
        print(json.dumps({"action": name, "max": lag.worst_ms, "p99": lag.p99_ms, "ms": took}), flush=True)
        memory_after(name)

    measure("idle", lambda: None, _after(1000))

    search = window.candidate_list.search
    model = window.candidate_model

    def type_search() -> None:
        for char in "berlin":
            QTest.keyClick(search, char)
            wait(40)

    measure("search_burst", type_search, lambda: not model.is_loading and search.text() == "berlin")
    search.clear()
    wait_until(lambda: not model.is_loading, "clearing the search")

    table = window.candidate_list.table

    def switch() -> None:
        table.setFocus()
        for _ in range(10):
            QTest.keyClick(table, Qt.Key.Key_Down)
            wait(60)

    measure("candidate_switch", switch, _after(300))

    window.candidate_list.select_id(services.candidates.search("Bench Offer 1")[0].id)
    wait(500)
    # Opening the editor is an action of its own: measured inside the autosave, its first paint and the window's
    # change of focus were counted as the autosave's.
    measure("offer_editor", window.offer_summary.edit_button.click, lambda: _editor_shown(window))
    editor = window.offer_dialog
    assert editor is not None

    def type_and_autosave() -> None:
        QTest.keyClicks(editor.form.title, " II")
        editor.autosave()

    measure("autosave", type_and_autosave, lambda: "Saved" in editor.saved.text() or "saved" in editor.saved.text())
    editor.close()
    editor = None  # type: ignore[assignment]  # the window lets go of a closed dialog; so does the run
    wait(300)

    box = window.offer_summary.letter_box
    before = box.history.count()
    prompter.files.append(work / "one-letter.docx")
    measure("letter_export", box.export_button.click, lambda: box.history.count() > before)
    if find_converter() is not None:
        count = box.history.count()
        prompter.files.append(work / "one-letter.pdf")
        measure("pdf", box.pdf_button.click, lambda: box.history.count() > count)

    window.menu_actions.batch_export.trigger()
    batch = window.batch_dialog
    prompter.files.append(work / "bulk")
    batch.choose_folder()  # offers in status Approved: the 200 the benchmark made
    measure("bulk_export_200", batch.start_button.click, lambda: "written to" in batch.message.text())
    batch.close()
    batch = None  # type: ignore[assignment]

    shown: list[bool] = []

    def open_dashboard() -> None:
        window.toggle_dashboard()
        assert window.dashboard is not None
        window.dashboard.reportShown.connect(lambda: shown.append(True))

    measure("dashboard", open_dashboard, lambda: bool(shown))
    # Back to the panels: an action of its own (measured with the import right after it, the two stalls added up
    # to one no recruiter meets: nobody clicks Import within 5 ms of closing the dashboard).
    measure("dashboard_close", window.toggle_dashboard, _after(400))

    wizard_steps: list[str] = []

    def import_file() -> None:
        window.menu_actions.import_candidates.trigger()
        wizard = window.import_wizard
        prompter.files.append(work / "import.csv")
        QTest.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
        wait_until(lambda: not wizard.busy, "reading the import")
        for _ in range(3):  # columns, preview, import
            QTest.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
            wait_until(lambda: not wizard.busy, "an import step")
        wizard_steps.append(wizard.result_page.summary.text())

    measure("import_1000", import_file, lambda: bool(wizard_steps))
    window.import_wizard.close()

    backups.changed = True
    made: list[object] = []
    backups.finished.connect(made.append)  # the backup is written in the thread pool: done when it has ended

    def back_up() -> None:
        from datetime import UTC, datetime, timedelta

        backups.tick(datetime.now(UTC) + timedelta(days=2))

    measure("backup", back_up, lambda: bool(made))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"action": "rss", "mb": rss_mb(), "peak_mb": peak}), flush=True)
    window.close()
    services.close()
    app.quit()


def _editor_shown(window: MainWindow) -> bool:
    """The editor is read in the thread pool, made, then shown: the opening ends once it is on screen."""
    return window.offer_dialog is not None and window.offer_dialog.isVisible()


def _after(ms: int) -> Callable[[], bool]:
    """Done once `ms` have passed since the action began (for actions with no end signal of their own)."""
    until = time.perf_counter() + ms / 1000
    return lambda: time.perf_counter() >= until


if __name__ == "__main__":
    main()
