"""Saving in the offer editor when the database cannot grow (a full disk): one sentence, and the saved offer stays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.full_disk import cannot_grow
from tests.gui.panel_loads import editor_shown, select


def test_saving_a_version_on_a_full_disk_says_so_in_one_sentence(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, capfd: Any
) -> None:
    services = window.services
    select(qtbot, window, services.candidates.search("Grace")[0].id)
    window.offer_summary.edit_button.click()
    dialog = editor_shown(qtbot, window)
    offer_id = dialog.offer_id
    saved_title = dialog.form.title.text()
    cannot_grow(services.database.engine, services.paths.database_file)
    dialog.form.title.setText(saved_title + " (revised)" * 150)  # a change too big for the room inside its page
    QTest.keyClicks(dialog.form.title, "!")
    dialog.save_version()
    dialog.autosave()
    qtbot.waitUntil(lambda: not dialog.is_saving)

    database = services.database.display_name
    assert dialog.saved.text().startswith("Not saved: The disk is full"), dialog.saved.text()
    errors = [shown for shown in prompter.shown if shown[0] == "error"]
    assert len(errors) == 1, errors
    sentence = errors[0][2]
    assert sentence.startswith("The disk is full") and str(window.services.paths.data_dir) in sentence
    assert Path(database).name in sentence
    assert "Traceback" not in capfd.readouterr().err
    assert services.offer_editing.terms(offer_id).title == saved_title
