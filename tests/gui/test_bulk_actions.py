"""Several candidates selected with Ctrl+click, changed at once after one question, and taken back with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.candidates import Stage
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage import candidate_records as repository
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _ctrl_click(window: MainWindow, qtbot: QtBot, name: str) -> int:
    candidate_id = window.services.candidates.search(name)[0].id
    table = window.candidate_list.table
    row = window.candidate_model.row_of(candidate_id)
    assert row is not None
    index = window.candidate_model.index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, CTRL, table.visualRect(index).center())
    return candidate_id


def _three(window: MainWindow, qtbot: QtBot) -> list[int]:
    first = window.services.candidates.search("Kwame")[0].id
    window.candidate_list.select_id(first)  # a plain selection of one to start from
    return [first, _ctrl_click(window, qtbot, "Jonas"), _ctrl_click(window, qtbot, "Noah")]


def _undo(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.candidate_list.table.setFocus()
    qtbot.keySequence(window, QKeySequence.StandardKey.Undo)


def test_set_the_stage_of_three_then_tag_them_then_undo_both(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    panel, records = window.candidate_list, window.services.candidate_records
    ids = _three(window, qtbot)
    before = {i: records.draft(i).stage for i in ids}
    assert sorted(panel.selected_ids()) == sorted(ids)
    assert panel.bulk_bar.isVisible() and panel.bulk_bar.count.text() == "3 candidates selected"

    window.candidate_actions.bulk.stage_actions[Stage.OFFER].trigger()
    assert prompter.shown[-1][:2] == ("confirm", "Set stage")
    assert prompter.shown[-1][2].startswith("Set the stage of 3 candidates to Offer? Undo (Ctrl+Z) puts it back.")
    qtbot.waitUntil(lambda: window.menu_actions.undo_delete.text() == "&Undo Set Stage (3 candidates)")
    assert all(records.draft(i).stage is Stage.OFFER for i in ids)
    assert all(records.history(i)[-1].to_stage is Stage.OFFER for i in ids)
    assert "3 candidates moved to Offer." in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.candidate_model.is_loading and sorted(panel.selected_ids()) == sorted(ids))

    prompter.texts.append("priority")
    window.candidate_actions.bulk.add_tag_action.trigger()
    assert prompter.shown[-1] == ("ask_text", "Add a tag", "Tag to add to 3 candidates:")
    qtbot.waitUntil(lambda: all("priority" in records.draft(i).tags for i in ids))
    qtbot.waitUntil(lambda: window.menu_actions.undo_delete.text() == "&Undo Add Tag (3 candidates)")

    _undo(window, qtbot)  # the tag goes first
    qtbot.waitUntil(lambda: window.menu_actions.undo_delete.text() == "&Undo Set Stage (3 candidates)")
    assert all("priority" not in records.draft(i).tags for i in ids)
    assert all(records.draft(i).stage is Stage.OFFER for i in ids)
    _undo(window, qtbot)  # then the stages, as one step, off the GUI thread: Undo waits for it to finish
    assert window.undo_stack.busy and not window.menu_actions.undo_delete.isEnabled()
    qtbot.waitUntil(lambda: window.undo_stack.records == [] and not window.undo_stack.busy)
    assert not window.menu_actions.undo_delete.isEnabled()
    assert {i: records.draft(i).stage for i in ids} == before
    assert "Undone: Set Stage for 3 candidates." in window.statusBar().currentMessage()


def test_no_to_the_question_changes_nothing(window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter) -> None:
    records = window.services.candidate_records
    ids = _three(window, qtbot)
    prompter.answer = False
    window.candidate_actions.bulk.archive_action.trigger()
    assert prompter.shown[-1][2].startswith("Archive 3 candidates?")
    assert not any(records.is_archived(i) for i in ids)
    assert not window.menu_actions.undo_delete.isEnabled()


def test_the_context_menu_acts_on_the_whole_selection(window: MainWindow, qtbot: QtBot) -> None:
    _three(window, qtbot)
    menu = window.candidate_actions.context_menu()
    texts = [action.text() for action in menu.actions()]
    assert "3 candidates selected" in texts and "&Archive" in texts and "Add &Tag…" in texts
    assert window.candidate_actions.bulk.stage_menu.menuAction() in menu.actions()


def test_export_letters_for_the_current_offers_of_the_selected(window: MainWindow, qtbot: QtBot) -> None:
    aisha = window.services.candidates.search("Aisha")[0].id
    window.candidate_list.select_id(aisha)
    _ctrl_click(window, qtbot, "Lukas")
    _ctrl_click(window, qtbot, "Kwame")  # no offer yet
    window.candidate_actions.bulk.export_action.trigger()
    dialog = window.candidate_actions.bulk.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert "The current offers of 2 candidates (1 candidate without an offer left out)." in [
        label.text() for label in dialog.findChildren(type(window.count_label))
    ]


@pytest.fixture
def big_window(qtbot: QtBot, services: Services, prompter: RecordingPrompter) -> Iterator[MainWindow]:
    """The demo set and 1,000 more candidates: five pages of the lazily loaded list."""
    drafts = [CandidateDraft(first_name=f"Zed{i:04d}", last_name="Bulk") for i in range(1000)]
    with services.database.transaction() as session:
        repository.insert_many(session, drafts, "test")
    main_window = MainWindow(services, ChangeBus(), prompter)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    main_window.close()


def test_select_all_of_a_paged_list_tags_everyone_without_loading_the_rows(
    big_window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    window, model = big_window, big_window.candidate_model
    assert model.rowCount() == 1020
    window.candidate_list.table.setFocus()
    qtbot.keySequence(window.candidate_list.table, QKeySequence.StandardKey.SelectAll)
    assert len(window.candidate_list.selected_ids()) == 1020
    assert len(model._pages) < 5  # only the pages on screen were read, not the selection's
    prompter.texts.append("q3-pipeline")
    window.candidate_actions.bulk.add_tag_action.trigger()
    assert prompter.shown[-1][2] == "Tag to add to 1,020 candidates:"
    qtbot.waitUntil(lambda: len(window.services.candidates.matching_ids("q3-pipeline") or ()) == 1020, timeout=20000)
