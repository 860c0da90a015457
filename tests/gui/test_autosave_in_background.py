"""The offer editor's autosave writes in the thread pool: typing never waits for the database, one save runs at a
time, and closing the editor (or a save asked for) lets the running one land first, so nothing typed is lost and
the editor's own save is never taken for a teammate's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, select, wait_for_panels


def _graces_draft(qtbot: QtBot, window: MainWindow) -> OfferEditorDialog:
    select(qtbot, window, window.services.candidates.search("Grace")[0].id)
    window.offer_summary.edit_button.click()
    return editor_shown(qtbot, window)


def _held_saves(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> tuple[threading.Event, list[int]]:
    """The real save, each held until the gate opens (5 s at most), noting the thread it runs on."""
    editing = window.services.offer_editing
    real: Callable[..., Any] = editing.save
    gate, threads = threading.Event(), []

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        gate.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(editing, "save", held)
    return gate, threads


def _first_autosave_held(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> tuple[OfferEditorDialog, threading.Event, list[int]]:
    """Grace's draft with "Head of Accounts" typed and its autosave waiting at the gate."""
    dialog = _graces_draft(qtbot, window)
    gate, threads = _held_saves(monkeypatch, window)
    dialog.form.title.setText("Head of Accounts")
    dialog.autosave()
    qtbot.waitUntil(lambda: bool(threads))
    return dialog, gate, threads


def test_an_autosave_that_waits_for_the_database_does_not_hold_up_the_editor(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _graces_draft(qtbot, window)
    gate, threads = _held_saves(monkeypatch, window)
    dialog.form.title.setText("Head of Accounts")
    dialog.autosave()
    assert dialog.is_saving  # back already, while the save waits
    qtbot.waitUntil(lambda: bool(threads))
    assert threading.get_ident() not in threads
    gate.set()
    qtbot.waitUntil(lambda: dialog.saved.text().startswith("Draft saved"))
    assert window.services.offer_editing.terms(dialog.offer_id).title == "Head of Accounts"
    assert "Head of Accounts" in dialog.changes_view.toPlainText()  # the Changes tab has it
    wait_for_panels(qtbot, window)
    assert "Head of Accounts" in window.offer_summary.summary_clip().plain  # the window heard of it
    dialog.close()


def test_typing_during_a_save_is_saved_next_and_closing_waits_for_both(
    qtbot: QtBot, window: MainWindow, prompter: RecordingPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog, gate, threads = _first_autosave_held(qtbot, window, monkeypatch)
    dialog.form.title.setText("Head of Key Accounts")  # typed while the first save waits
    dialog.autosave()  # the timer fires meanwhile: one save at a time, this one waits its turn
    assert len(threads) == 1
    threading.Timer(0.2, gate.set).start()
    dialog.close()  # waits for the running save, then writes the newest typing
    assert not dialog.isVisible()
    assert window.services.offer_editing.terms(dialog.offer_id).title == "Head of Key Accounts"
    assert dialog.conflict is None and not [shown for shown in prompter.shown if shown[0] != "info"]
    assert len(window.services.offer_editing.versions(dialog.offer_id)) == 1  # a draft is rewritten


def test_a_save_asked_for_while_an_autosave_runs_is_not_taken_for_a_teammates(
    qtbot: QtBot, window: MainWindow, prompter: RecordingPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog, gate, _threads = _first_autosave_held(qtbot, window, monkeypatch)
    dialog.form.title.setText("Head of Sales")
    threading.Timer(0.2, gate.set).start()
    dialog.save_version()  # a draft: written over, after the autosave landed
    assert dialog.conflict is None and not dialog.conflict_button.isVisible()
    assert not [shown for shown in prompter.shown if shown[0] == "error"]
    assert window.services.offer_editing.terms(dialog.offer_id).title == "Head of Sales"
    dialog.close()
