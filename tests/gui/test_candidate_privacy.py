"""The candidate's Personal Data menu: export, anonymise and erase ask first, naming the candidate, and do it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow


def _select(window: MainWindow, qtbot: QtBot) -> int:
    """A demo candidate with an offer, selected in the list."""
    candidate_id = window.services.offers.list()[0].candidate_id
    assert window.candidate_list.select_id(candidate_id)
    return candidate_id


def test_the_menu_is_in_the_edit_menu_and_the_context_menu(window: MainWindow, qtbot: QtBot) -> None:
    privacy = window.candidate_actions.privacy
    _select(window, qtbot)
    menu = window.candidate_actions.context_menu()
    assert privacy.menu.menuAction() in menu.actions()
    edit = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit")
    assert privacy.menu.menuAction() in edit.actions()
    names = [a.text().replace("&", "") for a in privacy.menu.actions()]
    assert names == ["Export Personal Data…", "Anonymise…", "Erase…"]


def test_erase_asks_naming_the_candidate_and_the_counts_then_offers_to_purge(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    candidate_id = _select(window, qtbot)
    name = window.services.candidate_records.draft(candidate_id).full_name
    prompter.answer = False
    window.candidate_actions.privacy.erase_action.trigger()
    kind, title, text = prompter.shown[-1]
    assert (kind, title) == ("confirm", f"Erase {name}")
    assert "offer" in text and "cannot be undone" in text and "backed up first" in text
    assert window.services.candidate_records.draft(candidate_id).full_name == name  # a no changes nothing

    prompter.answer = True
    window.candidate_actions.privacy.erase_action.trigger()
    assert window.services.candidates.search(name) == []
    titles = [title for _kind, title, _text in prompter.shown]
    assert "Candidate erased" in titles and "Delete the backups that hold them" in titles
    assert "before-erase" in next(text for _k, title, text in prompter.shown if title == "Candidate erased")
    assert list(window.services.paths.backup_dir.glob("*before-erase*.sqlite")) == []  # the purge was confirmed
    qtbot.waitUntil(lambda: not window.candidate_list.model.is_loading)
    assert window.candidate_list.model.row_of(candidate_id) is None
    assert [kind for kind, _title, _text in prompter.shown if kind == "error"] == []


def test_anonymise_and_export_call_the_same_services(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    candidate_id = _select(window, qtbot)
    target = tmp_path / "jonas"
    prompter.files.append(target)
    window.candidate_actions.privacy.export_action.trigger()
    with zipfile.ZipFile(target.with_suffix(".zip")) as archive:
        assert "personal-data.json" in archive.namelist()
    window.candidate_actions.privacy.anonymise_action.trigger()
    assert ("confirm", f"Anonymise {_name_before(prompter)}") in [(k, t) for k, t, _ in prompter.shown]
    assert window.services.candidate_records.draft(candidate_id).full_name == f"Anonymised candidate #{candidate_id}"


def _name_before(prompter: RecordingPrompter) -> str:
    return next(title.removeprefix("Anonymise ") for kind, title, _ in prompter.shown if title.startswith("Anonymise "))
