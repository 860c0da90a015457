"""The offer lifecycle in the running window: a move that loses the offer asks first and keeps its reason, No
changes nothing, Ctrl+Z takes a mistaken move back, Approved needs an approval, Letter sent asks how it went out,
and the candidate list shows the stage the offer gave the candidate."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from offerdesk.domain.candidates import Stage
from offerdesk.domain.labels import reason_label
from offerdesk.domain.offers import OfferStatus
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.dialogs.status_move_questions import ANOTHER_WAY
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, select, wait_for_panels


def open_offer(qtbot: QtBot, window: MainWindow, name: str) -> OfferEditorDialog:
    candidate_id = window.services.candidates.search(name)[0].id
    select(qtbot, window, candidate_id)
    window.offer_summary.edit_button.click()
    return editor_shown(qtbot, window)


def choose(dialog: OfferEditorDialog, status: OfferStatus) -> None:
    index = dialog.status_choice.findData(status.value)
    assert index >= 0, f"{status.value} is not offered"
    dialog.status_choice.setCurrentIndex(index)
    dialog.move_button.click()


def status_of(window: MainWindow, dialog: OfferEditorDialog) -> OfferStatus:
    return window.services.offers.detail(dialog.offer_id).row.status


def listed_stage(window: MainWindow, qtbot: QtBot, candidate_id: int) -> Stage:
    model = window.candidate_model
    qtbot.waitUntil(lambda: not model.is_loading and model.row_of(candidate_id) is not None)
    row = model.candidate_at(model.row_of(candidate_id) or 0)
    assert row is not None
    return row.stage


def press_undo(window: MainWindow, qtbot: QtBot) -> None:
    """Ctrl+Z in the main window, as the recruiter presses it once back from the editor."""
    window.activateWindow()  # the offscreen platform does not hand activation back when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    window.candidate_list.table.setFocus()  # in a text field Ctrl+Z undoes the typing, as everywhere
    qtbot.keySequence(window, QKeySequence.StandardKey.Undo)


def test_rescind_asks_naming_the_offer_and_records_the_reason(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = open_offer(qtbot, window, "Aisha")  # letter sent
    prompter.texts.append("Headcount frozen by finance")
    choose(dialog, OfferStatus.RESCINDED)
    asked = [shown for shown in prompter.shown if shown[0] in ("ask_text", "confirm")]
    assert asked[0][0] == "ask_text" and "Why is the offer to Aisha Rahman" in asked[0][2]
    assert asked[1] == (
        "confirm",
        "Rescind the offer",
        "Rescind the offer to Aisha Rahman (Senior Backend Engineer)? The candidate's offer is withdrawn; "
        "this cannot be undone.\n\nReason: Headcount frozen by finance",
    )
    detail = window.services.offers.detail(dialog.offer_id)
    assert detail.row.status is OfferStatus.RESCINDED and detail.history[-1].note == "Headcount frozen by finance"
    assert "Aisha's stage moved to Withdrawn." in dialog.status_message.text()
    assert not window.menu_actions.undo_delete.isEnabled()  # irreversible: nothing to undo
    wait_for_panels(qtbot, window)
    history = window.offer_summary.history_model
    assert history.index(0, 2).data() == "Headcount frozen by finance"


def test_answering_no_changes_nothing(window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot) -> None:
    dialog = open_offer(qtbot, window, "Aisha")
    before = window.services.offers.detail(dialog.offer_id)
    prompter.answer = False
    prompter.choices.append(reason_label("COMP_LOW"))
    choose(dialog, OfferStatus.DECLINED)
    assert prompter.shown[-1][0] == "confirm" and "Mark the offer to Aisha Rahman" in prompter.shown[-1][2]
    assert window.services.offers.detail(dialog.offer_id) == before
    prompter.texts.append(None)  # the rescind reason: cancelled
    choose(dialog, OfferStatus.RESCINDED)
    assert window.services.offers.detail(dialog.offer_id) == before


def test_a_blank_rescind_reason_is_refused_with_a_sentence(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = open_offer(qtbot, window, "Aisha")
    prompter.texts.append("   ")
    choose(dialog, OfferStatus.RESCINDED)
    kind, _title, text = prompter.shown[-1]
    assert kind == "error" and "reason in words" in text
    assert status_of(window, dialog) is OfferStatus.LETTER_SENT


def test_ctrl_z_undoes_a_decline(window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot) -> None:
    dialog = open_offer(qtbot, window, "Aisha")
    aisha = dialog.row.candidate_id
    prompter.choices.append(reason_label("COMPETING_OFFER"))
    choose(dialog, OfferStatus.DECLINED)
    chosen = [shown for shown in prompter.shown if shown[0] == "ask_choice"]
    assert chosen and "Why did Aisha Rahman decline" in chosen[-1][2]
    assert status_of(window, dialog) is OfferStatus.DECLINED
    assert window.services.offers.detail(dialog.offer_id).history[-1].reason_code == "COMPETING_OFFER"
    assert listed_stage(window, qtbot, aisha) is Stage.DECLINED
    undo = window.menu_actions.undo_delete
    assert undo.isEnabled() and undo.text() == "&Undo Declined for Aisha Rahman"
    dialog.close()
    press_undo(window, qtbot)
    assert status_of(window, dialog) is OfferStatus.LETTER_SENT
    qtbot.waitUntil(lambda: listed_stage(window, qtbot, aisha) is Stage.OFFER)
    assert not undo.isEnabled()
    assert "back to Letter sent" in window.statusBar().currentMessage()


def test_an_open_editor_follows_an_undo(window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot) -> None:
    dialog = open_offer(qtbot, window, "Aisha")
    prompter.choices.append(reason_label("COMP_LOW"))
    choose(dialog, OfferStatus.DECLINED)
    assert dialog.status_choice.count() == 0  # declined is final
    window.menu_actions.undo_delete.trigger()
    assert dialog.row.status is OfferStatus.LETTER_SENT and dialog.status_choice.count() == 5


def test_approved_without_an_approval_is_refused_with_the_sentence(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = open_offer(qtbot, window, "Grace")  # a draft nobody approved
    prompter.texts.append("")  # no name given
    choose(dialog, OfferStatus.APPROVED)
    kind, _title, text = prompter.shown[-1]
    assert kind == "error" and "no approval is recorded" in text and "Grace Okonkwo" in text
    assert status_of(window, dialog) is OfferStatus.DRAFT
    prompter.texts.append("Daniel Brooks, Hiring manager")
    choose(dialog, OfferStatus.APPROVED)
    assert status_of(window, dialog) is OfferStatus.APPROVED
    assert "Daniel Brooks" in dialog.approvals.toPlainText()


def test_approved_with_an_approval_on_record_asks_nothing(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = open_offer(qtbot, window, "Grace")
    dialog.approver.setText("Daniel Brooks")
    dialog.record_button.click()
    asked = len(prompter.shown)
    choose(dialog, OfferStatus.APPROVED)
    assert status_of(window, dialog) is OfferStatus.APPROVED and len(prompter.shown) == asked


def test_letter_sent_without_a_letter_asks_how_it_was_sent(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = open_offer(qtbot, window, "Hannah")  # approved, no letter made yet
    prompter.choices.append(None)  # cancelled
    choose(dialog, OfferStatus.LETTER_SENT)
    kind, _title, label = prompter.shown[-1]
    assert kind == "ask_choice" and "Hannah Schulz" in label
    assert prompter.options[-1] == [ANOTHER_WAY]
    assert status_of(window, dialog) is OfferStatus.APPROVED
    prompter.choices.append(ANOTHER_WAY)
    prompter.texts.append("DocuSign envelope")
    choose(dialog, OfferStatus.LETTER_SENT)
    detail = window.services.offers.detail(dialog.offer_id)
    assert detail.row.status is OfferStatus.LETTER_SENT
    assert detail.history[-1].note == "Sent another way: DocuSign envelope"


def test_the_candidate_stage_in_the_list_follows_the_offer(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    records = window.services.candidate_records
    hannah = window.services.candidates.search("Hannah")[0].id
    records.edit(hannah, replace(records.draft(hannah), stage=Stage.FINAL_ROUND))  # as the stage was left
    window.bus.publish(Changes.of(Kind.CANDIDATES))
    assert listed_stage(window, qtbot, hannah) is Stage.FINAL_ROUND
    dialog = open_offer(qtbot, window, "Hannah")
    prompter.choices.append(ANOTHER_WAY)
    prompter.texts.append("By email")
    choose(dialog, OfferStatus.LETTER_SENT)
    assert "Hannah's stage moved to Offer." in dialog.status_message.text()
    qtbot.waitUntil(lambda: listed_stage(window, qtbot, hannah) is Stage.OFFER)
    choose(dialog, OfferStatus.SIGNED)
    qtbot.waitUntil(lambda: listed_stage(window, qtbot, hannah) is Stage.HIRED)


def test_mark_done_asks_naming_the_follow_up_and_ctrl_z_brings_it_back(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    panel = window.follow_ups
    window.left_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.follow_up_model.rowCount() > 0)
    index = panel.follow_up_model.index(0, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.follow_up_table.selectionModel().setCurrentIndex(index, flags)
    chosen = panel.selected_follow_up()
    assert chosen is not None
    rows = panel.follow_up_model.rowCount()
    prompter.answer = False
    panel.done_button.click()
    kind, _title, question = prompter.shown[-1]
    assert kind == "confirm" and chosen.kind_label in question and chosen.candidate_name in question
    assert panel.follow_up_model.rowCount() == rows  # No: still on the agenda
    prompter.answer = True
    panel.done_button.click()
    wait_for_panels(qtbot, window)
    assert panel.follow_up_model.rowCount() == rows - 1
    window.left_tabs.setCurrentWidget(window.candidate_list)
    press_undo(window, qtbot)
    window.left_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.follow_up_model.rowCount() == rows)
    assert chosen.id in {item.follow_up.id for item in panel.follow_up_model.rows()}


def test_archive_is_undone_with_ctrl_z(window: MainWindow, qtbot: QtBot) -> None:
    records = window.services.candidate_records
    kwame = window.services.candidates.search("Kwame")[0].id
    window.candidate_list.select_id(kwame)
    window.menu_actions.archive_candidate.trigger()
    assert records.is_archived(kwame)
    assert window.menu_actions.undo_delete.text() == "&Undo Archive Kwame Mensah"
    press_undo(window, qtbot)
    assert not records.is_archived(kwame)
    qtbot.waitUntil(lambda: window.candidate_list.selected_id() == kwame)
