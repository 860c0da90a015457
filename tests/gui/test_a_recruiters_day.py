"""A recruiter's day in the running window, typed as a recruiter types it: a new offer, its terms with typed amounts
and dates, the approval, the letter, the extension, the call, the follow-up and the decline with its reason. Every
value stored afterwards is the value typed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from docx import Document
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offerdesk.domain.candidates import Stage
from offerdesk.domain.labels import reason_label
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.storage.tables import CallLog, FollowUp
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown

CTRL = Qt.KeyboardModifier.ControlModifier


def _us(day: date) -> str:
    """A date as a recruiter with an en-US interface types it (M/d/yy)."""
    return f"{day.month}/{day.day}/{day.year % 100:02d}"


def _retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Select what the field shows and type over it, as a recruiter does."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def _type_amount(dialog: OfferEditorDialog, row: int, text: str) -> None:
    item = dialog.form.components.item(row, 2)
    assert item is not None
    item.setText(text)


def _move(dialog: OfferEditorDialog, status: OfferStatus) -> None:
    index = dialog.status_choice.findData(status.value)
    assert index >= 0, f"{status.value} is not offered"
    dialog.status_choice.setCurrentIndex(index)
    dialog.move_button.click()


def _letter_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_a_recruiters_day_stores_every_value_as_typed(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    services = window.services
    kwame = services.candidates.search("Kwame")[0].id  # Berlin, no offer yet
    window.candidate_list.select_id(kwame)

    # 1. A new offer asks its type and starts in the Berlin band's money and notation.
    window.offer_summary.new_button.click()
    new_offer = window.new_offer_dialog
    assert (new_offer.currency_field.text(), new_offer.locale_field.text()) == ("EUR", "de_DE")
    new_offer.set_offer_type(OfferType.WRITTEN)
    new_offer.create_button.click()
    dialog = editor_shown(qtbot, window)
    offer_id = dialog.offer_id

    # 2. The terms, typed: a title, the base and a sign-on in the interface's notation, two dates.
    expires, start = date.today() + timedelta(days=10), date.today() + timedelta(days=60)
    _retype(qtbot, dialog.form.title, "Platform Engineer")
    _type_amount(dialog, 0, "92,500")  # 92,500 here, 92.5 in the letter's German notation: refused, not guessed
    assert dialog.form.terms() is None and "both" not in dialog.form.problems()[0]
    assert "92.5 in the offer's de-DE notation" in dialog.form.problems()[0]
    _type_amount(dialog, 0, "92500")
    dialog.form.add_component_button.click()
    kind = dialog.form.components.cellWidget(1, 0)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(ComponentKind.SIGN_ON.value))  # paid once: the unit follows the kind
    _type_amount(dialog, 1, "7,500.50")
    _retype(qtbot, dialog.form.expires_on, _us(expires))
    _retype(qtbot, dialog.form.start_date, start.isoformat())
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "saved" in dialog.saved.text().lower() and "not" not in dialog.saved.text().lower())
    terms = OfferEditing(services.database, services.paths).terms(offer_id)
    assert terms.title == "Platform Engineer"
    assert (terms.expires_on, terms.start_date) == (expires, start)
    base, sign_on = terms.component(ComponentKind.BASE), terms.component(ComponentKind.SIGN_ON)
    assert base is not None and base.amount_minor == 92_500_00
    assert sign_on is not None and sign_on.amount_minor == 7_500_50
    assert (terms.currency, terms.locale) == ("EUR", "de_DE")

    # 3. Approved: the editor asks who approved it and records that with the move.
    prompter.texts.append("Miriam Okafor, Hiring manager")
    _move(dialog, OfferStatus.APPROVED)
    assert services.offers.detail(offer_id).row.status is OfferStatus.APPROVED
    [approval] = OfferEditing(services.database, services.paths).approvals(offer_id)
    assert (approval.approver_name, approval.approver_role) == ("Miriam Okafor", "Hiring manager")

    # 4. The letter, from the offer panel: the offer's values in the offer's (German) notation.
    dialog.close()
    window.candidate_list.select_id(kwame)
    box = window.offer_summary.letter_box
    letter = tmp_path / "kwame-offer.docx"
    prompter.files.append(letter)
    box.export_button.click()
    qtbot.waitUntil(lambda: box.history.count() == 1, timeout=20_000)
    text = _letter_text(letter).replace("\N{NO-BREAK SPACE}", " ")
    assert "92.500,00 €" in text and "Platform Engineer" in text
    assert "7.500,50 €" in text and "7.500,50 €\nper year" not in text  # a sign-on is paid once
    assert f"{start.day}. " in text and str(start.year) in text

    # 5. Extended: Letter sent names the letter that went out; the candidate's stage follows.
    window.offer_summary.edit_button.click()
    dialog = editor_shown(qtbot, window)
    [sent] = services.offers.letters(offer_id)
    prompter.choices.append(f"Sent from OfferDesk letter {sent.file_name} ({fmt.moment(sent.exported_at)})")
    _move(dialog, OfferStatus.LETTER_SENT)
    detail = services.offers.detail(offer_id)
    assert detail.row.status is OfferStatus.LETTER_SENT
    assert services.candidate_records.draft(kwame).stage is Stage.OFFER
    dialog.close()

    # 6. The call: needs time, with the follow-up date typed over the suggested one.
    follow_up_day = date.today() + timedelta(days=3)
    window.candidate_list.select_id(kwame)
    window.start_call()
    runner = window.call_runner
    assert runner is not None
    window.activateWindow()  # the offscreen platform does not hand activation back when the editor closes
    qtbot.waitUntil(window.isActiveWindow)
    runner.notes.setPlainText("Wants to talk it over with his partner")
    qtbot.keyClick(runner, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(runner, Qt.Key.Key_T)
    _retype(qtbot, runner.follow_up, _us(follow_up_day))
    qtbot.keyClick(runner.follow_up, Qt.Key.Key_Return)
    assert runner.result is not None and runner.result.offer_status is OfferStatus.LETTER_SENT
    with services.database.transaction() as session:
        call = session.scalars(select(CallLog).where(CallLog.candidate_id == kwame)).one()
        assert call.decision_date == follow_up_day and call.notes == "Wants to talk it over with his partner"
        due = session.scalars(select(FollowUp.due_on).where(FollowUp.call_id == call.id)).all()
        assert follow_up_day in due

    # 7. The follow-up, marked done from the Follow-ups tab (it asks, naming it).
    panel = window.follow_ups
    window.left_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: any(item.follow_up.candidate_id == kwame for item in panel.follow_up_model.rows()))
    row = next(i for i, item in enumerate(panel.follow_up_model.rows())
               if item.follow_up.candidate_id == kwame and item.follow_up.due_on == follow_up_day)  # fmt: skip
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.follow_up_table.selectionModel().setCurrentIndex(panel.follow_up_model.index(row, 0), flags)
    chosen = panel.selected_follow_up()
    assert chosen is not None
    panel.done_button.click()
    assert prompter.shown[-1][0] == "confirm" and "Kwame" in prompter.shown[-1][2]
    with services.database.transaction() as session:
        done = session.get(FollowUp, chosen.id)
        assert done is not None and done.done_at is not None

    # 8. The decline, with its reason asked in words and stored as its code.
    window.candidate_list.select_id(kwame)
    window.offer_summary.edit_button.click()
    dialog = editor_shown(qtbot, window)
    prompter.choices.append(reason_label("COMPETING_OFFER"))
    _move(dialog, OfferStatus.DECLINED)
    detail = services.offers.detail(offer_id)
    assert detail.row.status is OfferStatus.DECLINED and detail.history[-1].reason_code == "COMPETING_OFFER"
    assert services.candidate_records.draft(kwame).stage is Stage.DECLINED

    # Nothing typed was changed on the way: the terms are still exactly as typed.
    final = OfferEditing(services.database, services.paths).terms(offer_id)
    assert final == terms
