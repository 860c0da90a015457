"""The bulk export keeps the window responsive: the offers are read and the letters written off the GUI thread, with
the dialog saying what it is doing meanwhile, and Stop works from the first moment."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.letters.pool import default_workers
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.letter_helpers import qt_loaded

RELEASE_AFTER_S = 5  # on a GUI thread that waits for the test, the wait ends by itself instead of hanging the run


def _open_on(window: MainWindow, prompter: RecordingPrompter, folder: Path, status: str) -> Any:
    window.menu_actions.batch_export.trigger()
    dialog = window.batch_dialog
    prompter.files.append(folder)
    dialog.choose_folder()
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData(status))
    return dialog


def _wrap_reading(window: MainWindow, before: Callable[[], None]) -> None:
    """Reading the batch's offers first runs `before` (the real reading follows: no database is mocked)."""
    letters = window.services.letters
    real = letters.gather_batch

    def gather_batch(*args: Any, **kwargs: Any) -> Any:
        before()
        return real(*args, **kwargs)

    letters.gather_batch = gather_batch  # type: ignore[method-assign]


def test_the_offers_of_a_bulk_export_are_read_off_the_gui_thread(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    threads: list[int] = []
    _wrap_reading(window, lambda: threads.append(threading.get_ident()))
    dialog = _open_on(window, prompter, tmp_path / "bulk", "letter_sent")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "written to" in dialog.message.text(), timeout=60_000)
    assert threads and threading.get_ident() not in threads
    assert dialog.message.text().startswith("1 letter written to")


def test_the_dialog_says_it_reads_the_offers_and_stop_works_meanwhile(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    release = threading.Event()
    _wrap_reading(window, lambda: release.wait(RELEASE_AFTER_S))
    dialog = _open_on(window, prompter, tmp_path / "bulk", "letter_sent")
    dialog.start_button.click()
    assert not release.is_set()  # the click returned while the offer was still being read
    assert "Reading" in dialog.message.text() and not dialog.start_button.isEnabled()
    assert dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)
    assert "no letter was written" in dialog.message.text()
    assert list((tmp_path / "bulk").glob("*.docx")) == []


@pytest.mark.skipif(default_workers() < 2, reason="with one core a batch writes its letters in the window's process")
def test_opening_the_bulk_export_starts_the_letter_processes_and_they_load_no_qt(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _open_on(window, prompter, tmp_path / "bulk", "letter_sent")
    qtbot.waitUntil(lambda: len(multiprocessing.active_children()) == default_workers(), timeout=60_000)
    assert window.services.letters.processes.submit(qt_loaded).result(timeout=60) is False
    dialog.close()
