"""The other editors when a teammate saved the same record first: a sentence and Reload, never an overwrite."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.db import Database
from offerdesk.ui.dialogs.candidate_editor import CandidateEditor
from offerdesk.ui.dialogs.letter_settings import LetterSettingsDialog
from offerdesk.ui.dialogs.library_editor import LibraryEditorDialog
from offerdesk.ui.dialogs.profile_editor import ProfileEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.operations import KEEP_EDITING, RELOAD


@pytest.fixture
def teammate(window: MainWindow) -> Iterator[Services]:
    other = Services.over(window.services.paths, Database(window.services.database.url))
    yield other
    other.database.dispose()


def _grace(window: MainWindow) -> int:
    return window.services.candidates.search("Grace")[0].id


def _edit_candidate_notes(teammate: Services, candidate_id: int, notes: str) -> None:
    records = teammate.candidate_records
    version = records.row_version(candidate_id)
    records.edit(candidate_id, replace(records.draft(candidate_id), notes=notes), expected_version=version)


def test_the_candidate_editor_keeps_the_typing_or_reloads_theirs(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    candidate_id = _grace(window)
    editor = CandidateEditor(window.services, window.operations, candidate_id, window)
    qtbot.addWidget(editor)
    _edit_candidate_notes(teammate, candidate_id, "Their note")
    editor.location.setText("Leeds")

    prompter.actions.append(KEEP_EDITING)
    editor.save()
    [(kind, _title, text)] = prompter.shown
    assert kind == "ask_action" and "after you opened it" in text and prompter.options[-1] == [RELOAD, KEEP_EDITING]
    assert editor.location.text() == "Leeds"  # kept, unsaved
    assert teammate.candidate_records.draft(candidate_id).notes == "Their note"

    prompter.actions.append(RELOAD)
    editor.save()
    assert editor.notes.toPlainText() == "Their note"  # theirs, shown
    editor.location.setText("Leeds")
    editor.save()  # and a save now goes through over their version
    stored = teammate.candidate_records.draft(candidate_id)
    assert (stored.location, stored.notes) == ("Leeds", "Their note")


def test_the_profile_editor_offers_reload(window: MainWindow, teammate: Services, qtbot: QtBot) -> None:
    candidate_id = _grace(window)
    dialog = ProfileEditorDialog(window.services, window.bus, candidate_id, window)
    qtbot.addWidget(dialog)
    profile = teammate.candidates.detail(candidate_id).profile
    version = teammate.candidates.profile_version(candidate_id)
    teammate.candidates.update_profile(candidate_id, replace(profile, needs="Relocation"), expected_version=version)
    dialog.needs.setText("Visa")
    dialog.save()
    assert "after you opened it" in dialog.problem.text() and not dialog.reload_button.isHidden()
    assert teammate.candidates.detail(candidate_id).profile.needs == "Relocation"
    dialog.reload_button.click()
    assert dialog.needs.text() == "Relocation" and dialog.reload_button.isHidden()


def test_letter_settings_refuse_an_overwrite_and_reload(window: MainWindow, teammate: Services, qtbot: QtBot) -> None:
    dialog = LetterSettingsDialog(window.services, window.bus, window)
    qtbot.addWidget(dialog)
    shown = dialog.opened["company.name"]
    teammate.settings.set("company.name", "Theirs Ltd", expected=shown)
    dialog.editors["company.name"].setText("Mine plc")
    dialog.editors["company.address"].setText("1 Main Street")  # a field they did not touch
    dialog.save()
    assert "company" in dialog.problem.text().lower() and not dialog.reload_button.isHidden()
    assert teammate.settings.letter_settings()["company.name"] == "Theirs Ltd"
    dialog.reload_button.click()
    assert dialog.editors["company.name"].text() == "Theirs Ltd"


def test_the_library_editor_asks_before_dropping_the_typing(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = LibraryEditorDialog(window.services.library, prompter=prompter)
    qtbot.addWidget(dialog)
    dialog.select("objection", "COMP_LOW")
    version = teammate.library.objection("COMP_LOW")["row_version"]
    teammate.library.update_objection("COMP_LOW", expected_version=version, title="Their title")
    dialog.objection_title.setText("My title")
    prompter.actions.append(KEEP_EDITING)
    dialog.save()
    assert prompter.shown[-1][0] == "ask_action" and "the objection COMP_LOW" in prompter.shown[-1][2]
    assert dialog.objection_title.text() == "My title"
    prompter.actions.append(RELOAD)
    dialog.save()
    assert dialog.objection_title.text() == "Their title"
    assert teammate.library.objection("COMP_LOW")["title"] == "Their title"
