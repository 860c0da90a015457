"""A dialog the window opened is deleted once it is closed, with what it read: opening the offer editor, an import or
a bulk export many times in a session does not keep every one of them (and its data) until the window closes."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from offerdesk.services.changes import Kind
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import wait_for_panels


def _gone(qtbot: QtBot, dialog: QDialog) -> bool:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(1)
    return not shiboken6.isValid(dialog)


def _open_offer(window: MainWindow) -> None:
    candidate = window.services.candidates.search("Olivia")[0].id
    window.show_candidate(candidate)
    window.edit_offer(window.services.offers.latest_id(candidate))


OPENERS: dict[str, tuple[str, Callable[[MainWindow], None]]] = {
    "offer editor": ("offer_dialog", _open_offer),
    "bulk export": ("batch_dialog", lambda window: window.menu_actions.batch_export.trigger()),
    "import": ("import_wizard", lambda window: window.menu_actions.import_candidates.trigger()),
    "letter settings": ("settings_dialog", lambda window: window.menu_actions.letter_settings.trigger()),
    "templates": ("template_dialog", lambda window: window.menu_actions.templates.trigger()),
    "pay bands": ("bands_dialog", lambda window: window.menu_actions.pay_bands.trigger()),
    "shortcuts": ("shortcuts_dialog", lambda window: window.menu_actions.shortcuts.trigger()),
}


@pytest.mark.parametrize("which", sorted(OPENERS))
def test_a_closed_dialog_is_deleted_and_let_go_of(window: MainWindow, qtbot: QtBot, which: str) -> None:
    name, open_it = OPENERS[which]
    open_it(window)
    wait_for_panels(qtbot, window)
    qtbot.waitUntil(lambda: getattr(window, name) is not None)  # the offer editor opens once its offer is read
    dialog = getattr(window, name)
    qtbot.waitExposed(dialog)
    held = weakref.ref(dialog)
    dialog.close()
    qtbot.waitUntil(lambda shown=dialog: _gone(qtbot, shown))
    assert getattr(window, name) is None
    del dialog
    gc.collect()
    assert held() is None  # nothing keeps the dialog's Python side, nor what it holds


def test_a_bulk_export_closed_while_writing_reports_before_the_dialog_goes(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    letters = window.services.letters
    export_batch, release = letters.export_batch, threading.Event()

    def held_back(*args: Any, **kwargs: Any) -> Any:
        outcome = export_batch(*args, **kwargs)
        release.wait(30)  # written; the report is on its way when the dialog is closed
        return outcome

    letters.export_batch = held_back  # type: ignore[method-assign]
    published: list[object] = []
    window.bus.changed.connect(lambda changes, *_: published.append(changes))
    window.menu_actions.batch_export.trigger()
    dialog = window.batch_dialog
    prompter.files.append(tmp_path / "bulk")
    dialog.choose_folder()
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("letter_sent"))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: len(list((tmp_path / "bulk").glob("*.docx"))) == 1, timeout=60_000)
    dialog.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shiboken6.isValid(dialog)  # still writing: its result is still to come
    release.set()
    qtbot.waitUntil(lambda: _gone(qtbot, dialog), timeout=60_000)
    assert any(changes.touches(Kind.LETTERS) for changes in published)  # type: ignore[attr-defined]
