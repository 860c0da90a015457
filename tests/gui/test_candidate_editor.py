"""Adding, editing, archiving, deleting and bringing back a candidate the way a recruiter does it, by keyboard and
mouse, over a real database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from offerdesk.domain.candidate_record import CandidateDraft, display_phone
from offerdesk.domain.candidates import Stage
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.candidate_editor import CandidateEditor
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import wait_for_panels


@pytest.fixture
def empty_window(qtbot: QtBot, empty_services: Services, prompter: RecordingPrompter) -> Iterator[MainWindow]:
    main_window = MainWindow(empty_services, ChangeBus(), prompter)
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    main_window.close()


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """qtbot.keyClicks, also for letters outside ASCII (QTest maps only ASCII characters to keys)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def open_editor(window: MainWindow, qtbot: QtBot) -> CandidateEditor:
    editor = window.candidate_actions.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)  # shortcuts (Ctrl+Enter, Esc) go to the active window
    return editor


def new_editor(window: MainWindow, qtbot: QtBot) -> CandidateEditor:
    qtbot.keySequence(window, QKeySequence.StandardKey.New)
    return open_editor(window, qtbot)


def first_with_offers(services: Services) -> int:
    records = services.candidate_records
    return next(row.id for row in services.candidates.search("") if records.offer_count(row.id) == 1)


def test_a_candidate_from_an_empty_database_to_deleted_and_back(empty_window: MainWindow, qtbot: QtBot) -> None:
    window, panel = empty_window, empty_window.candidate_list
    records = window.services.candidate_records
    assert window.candidate_model.rowCount() == 0 and not window.menu_actions.edit_candidate.isEnabled()

    editor = new_editor(window, qtbot)
    assert editor.windowTitle() == "New candidate" and not editor.save_button.isEnabled()
    type_into(qtbot, editor.first_name, "Ana María")
    type_into(qtbot, editor.last_name, "Ramírez")
    qtbot.keyClicks(editor.emails, "ana.ramirez@example.com")
    qtbot.keyClicks(editor.phones, "+4915112345678")
    qtbot.keyClicks(editor.tags, "python, remote")
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    candidate_id = editor.candidate_id
    assert candidate_id is not None
    qtbot.waitUntil(lambda: panel.selected_id() == candidate_id)  # the list reloads in the background
    wait_for_panels(qtbot, window)  # and so do the panels
    assert window.candidate_model.rowCount() == 1 and "Ana María Ramírez" in window.call_prep.heading.text()
    assert records.draft(candidate_id).tags == ("python", "remote")
    assert panel.count.text() == "1 candidate"

    window.menu_actions.edit_candidate.trigger()
    editor = open_editor(window, qtbot)
    assert editor.phones.toPlainText() == display_phone("+4915112345678") == "+49 1511 2345678"  # not E.164
    assert editor.history.count() == 1 and "Added as Screening" in editor.history.item(0).text()
    editor.stage.setCurrentIndex(editor.stage.findData(Stage.INTERVIEWING.value))
    qtbot.keyClicks(editor.location, "Berlin")
    qtbot.keyClick(editor.location, Qt.Key.Key_Return)  # Enter saves
    assert not editor.isVisible()
    qtbot.waitUntil(lambda: not window.candidate_model.is_loading and panel.selected_id() == candidate_id)
    history = records.history(candidate_id)
    assert [(change.from_stage, change.to_stage) for change in history] == [
        (None, Stage.SCREENING),
        (Stage.SCREENING, Stage.INTERVIEWING),
    ]
    assert records.draft(candidate_id).location == "Berlin"
    panel.table.doubleClicked.emit(window.candidate_model.index(0, 0))
    editor = open_editor(window, qtbot)
    assert "Screening → Interviewing" in editor.history.item(0).text()  # the latest first
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()

    qtbot.keyClicks(panel.search, "ramirez berlin")
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1 and panel.selected_id() == candidate_id)
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.count.text() == "1 candidate")

    assert window.menu_actions.archive_candidate.text() == "&Archive Candidate"
    window.menu_actions.archive_candidate.trigger()
    assert records.is_archived(candidate_id)
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 0)
    scope = panel.filter_bar.archive  # the list's “Show: Active / Archived / All”
    scope.setCurrentIndex(scope.findText("Archived"))
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1 and panel.selected_id() == candidate_id)
    assert window.menu_actions.archive_candidate.text() == "&Restore Candidate"
    window.menu_actions.archive_candidate.trigger()
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 0)  # restored: no longer among the archived
    scope.setCurrentIndex(scope.findText("Active"))
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1 and panel.selected_id() == candidate_id)
    assert not records.is_archived(candidate_id)
    assert window.menu_actions.archive_candidate.text() == "&Archive Candidate"

    window.menu_actions.delete_candidate.trigger()
    kind, _title, question = window.prompter.shown[-1]  # type: ignore[attr-defined]
    assert kind == "confirm" and question.startswith("Delete Ana María Ramírez? A copy is kept")
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 0)
    undo = window.menu_actions.undo_delete
    assert undo.isEnabled() and undo.text() == "&Undo Delete Ana María Ramírez"
    window.activateWindow()  # the offscreen platform does not hand activation back when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    panel.table.setFocus()  # in a text field Ctrl+Z undoes the typing, as everywhere
    qtbot.keySequence(window, QKeySequence.StandardKey.Undo)
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1 and panel.selected_id() == candidate_id)
    assert len(records.history(candidate_id)) == 2
    assert undo.text() == "&Undo Restore Ana María Ramírez"  # the restore before the delete is next


def test_an_invalid_email_marks_the_field_and_disables_save(empty_window: MainWindow, qtbot: QtBot) -> None:
    editor = new_editor(empty_window, qtbot)
    type_into(qtbot, editor.first_name, "山田 太郎")
    assert editor.save_button.isEnabled()
    qtbot.keyClicks(editor.emails, "taro.example.com")
    assert editor.emails.property("invalid") is True and editor.first_name.property("invalid") is not True
    assert "is not an email address" in editor.problem.text()
    assert not editor.save_button.isEnabled()
    editor.save()
    assert empty_window.services.candidates.count() == 0
    editor.emails.setPlainText("taro@example.jp")
    assert editor.emails.property("invalid") is False and editor.problem.text() == ""
    editor.consent.setText("2027-01-10")
    editor.retain_until.setText("2027-01-09")  # before the consent: refused
    assert editor.retain_until.property("invalid") is True and not editor.save_button.isEnabled()
    editor.retain_until.setText("13/1/27")  # not a date in en-US notation: refused, never stored as January 13
    assert editor.retain_until.property("invalid") is True and not editor.save_button.isEnabled()
    assert "Keep until" in editor.problem.text()
    editor.retain_until.clear()
    qtbot.keyClick(editor.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter saves
    assert not editor.isVisible() and empty_window.services.candidates.count() == 1


def test_a_duplicate_email_offers_to_open_the_candidate_who_has_it(window: MainWindow, qtbot: QtBot) -> None:
    panel, rows = window.candidate_list, window.services.candidates.search("")
    existing, other = rows[0], rows[1]
    assert panel.select_id(other.id)
    editor = new_editor(window, qtbot)
    qtbot.keyClicks(editor.first_name, "Someone Else")
    qtbot.keyClicks(editor.emails, existing.email.upper())
    editor.save_button.click()
    assert editor.isVisible() and "already the email of" in editor.problem.text()
    assert editor.open_existing.isVisible() and editor.open_existing.text() == f"Open {existing.full_name}"
    assert window.prompter.shown == []  # type: ignore[attr-defined]  # shown in the editor, once
    qtbot.mouseClick(editor.open_existing, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and panel.selected_id() == existing.id
    assert window.services.candidates.count() == 20


def test_the_duplicate_of_an_archived_candidate_is_the_sentence_only(window: MainWindow, qtbot: QtBot) -> None:
    existing = window.services.candidates.search("")[0]
    window.operations.run("Not archived", lambda: window.services.candidate_records.archive(existing.id))
    editor = new_editor(window, qtbot)
    editor.first_name.setText("Someone Else")
    editor.emails.setPlainText(existing.email)
    editor.save()
    assert "already the email of" in editor.problem.text() and not editor.open_existing.isVisible()


def test_deleting_a_candidate_with_an_offer_asks_more_and_no_keeps_them(
    window: MainWindow, prompter: RecordingPrompter
) -> None:
    candidate_id = first_with_offers(window.services)
    name = window.services.candidate_records.draft(candidate_id).full_name
    window.candidate_list.select_id(candidate_id)
    prompter.answer = False
    window.menu_actions.delete_candidate.trigger()
    assert prompter.shown[-1][2].startswith(f"Delete {name} and their 1 offer? A copy is kept in the backups folder")
    assert window.services.candidate_records.offer_count(candidate_id) == 1
    assert window.candidate_model.row_of(candidate_id) is not None
    assert not window.menu_actions.undo_delete.isEnabled()


def test_deletes_stack_undo_brings_back_the_latest_with_offers(window: MainWindow, qtbot: QtBot) -> None:
    panel, records = window.candidate_list, window.services.candidate_records
    with_offer = first_with_offers(window.services)
    plain = next(row.id for row in window.services.candidates.search("") if records.offer_count(row.id) == 0)
    plain_name = records.draft(plain).full_name
    for candidate_id in (plain, with_offer):
        panel.select_id(candidate_id)
        window.menu_actions.delete_candidate.trigger()
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 18)
    assert "11 offers" not in window.count_label.text()
    window.menu_actions.undo_delete.trigger()
    qtbot.waitUntil(lambda: panel.selected_id() == with_offer)
    assert records.offer_count(with_offer) == 1
    assert window.menu_actions.undo_delete.text() == f"&Undo Delete {plain_name}"
    window.close()
    assert not window.menu_actions.undo_delete.isEnabled() and window.undo_stack.records == []


def test_the_context_menu_offers_the_same_actions_and_enter_edits(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.candidate_list
    assert panel.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = window.candidate_actions.context_menu()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == [
        "&New Candidate…",
        "&Edit Candidate…",
        "&Archive Candidate",
        "&Delete Candidate…",
        "&Personal Data",
    ]
    selected = panel.selected_id()
    assert selected is not None
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    editor = open_editor(window, qtbot)
    assert editor.candidate_id == selected
    assert all(widget.accessibleName() for widget in editor.fields.values())


def test_tags_complete_the_entry_after_the_last_comma(window: MainWindow, qtbot: QtBot) -> None:
    draft = CandidateDraft(first_name="Tagged", tags=("remote", "Relocation"), recruiter="Sam Rivera")
    window.operations.run("Not created", lambda: window.services.candidate_records.create(draft))
    editor = new_editor(window, qtbot)
    tags = editor.tags.completer()
    editor.tags.setText("python, rem")
    tags.setCompletionPrefix(editor.tags.text())
    assert tags.completionCount() == 1 and tags.currentCompletion() == "python, remote"
    recruiters = editor.recruiter.completer()
    recruiters.setCompletionPrefix("sam")
    assert recruiters.currentCompletion() == "Sam Rivera"


def test_a_new_candidate_hidden_by_the_search_is_shown_and_selected(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.candidate_list
    qtbot.keyClicks(panel.search, "okonkwo")
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1)
    editor = new_editor(window, qtbot)
    editor.first_name.setText("Zoë")
    editor.last_name.setText("Adeyemi")
    editor.save()
    new_id = editor.candidate_id
    qtbot.waitUntil(lambda: panel.selected_id() == new_id)
    assert panel.search.text() == "" and window.candidate_model.rowCount() == 21


def test_export_writes_the_list_as_shown(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    target = tmp_path / "shortlist"
    prompter.files.append(target)
    qtbot.keyClicks(window.candidate_list.search, "okonkwo")
    qtbot.waitUntil(lambda: window.candidate_model.rowCount() == 1)
    window.menu_actions.export_candidates.trigger()
    written = target.with_suffix(".csv")  # no suffix typed: CSV
    qtbot.waitUntil(lambda: window.candidate_actions.last_export == written)
    text = written.read_text(encoding="utf-8-sig")
    assert "Okonkwo" in text and "Sofia" not in text
    assert "1 candidate exported" in window.statusBar().currentMessage()


def test_export_keeps_the_order_the_list_shows(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    target = tmp_path / "by-name-descending.csv"
    prompter.files.append(target)
    model = window.candidate_model
    with qtbot.waitSignal(model.loaded):
        window.candidate_list.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    shown = [model.candidate_at(row).full_name for row in range(model.rowCount())]  # type: ignore[union-attr]
    window.menu_actions.export_candidates.trigger()
    qtbot.waitUntil(lambda: window.candidate_actions.last_export == target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert [line.split(",")[0] for line in lines] == shown


def test_consent_and_retention_dates_are_stored_as_typed(empty_window: MainWindow, qtbot: QtBot) -> None:
    editor = new_editor(empty_window, qtbot)
    type_into(qtbot, editor.first_name, "Ana Ruiz")
    qtbot.keyClicks(editor.consent, "3/15/26")  # the interface's notation (en-US)
    qtbot.keyClicks(editor.retain_until, "2028-03-15")  # ISO-8601
    editor.save()
    [row] = empty_window.services.candidates.search("Ana")
    draft = empty_window.services.candidate_records.draft(row.id)
    assert (draft.consent_given_on, draft.retain_until) == (date(2026, 3, 15), date(2028, 3, 15))
