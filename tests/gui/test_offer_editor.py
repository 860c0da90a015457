"""The offer editor as a recruiter uses it: a draft saves itself, an extended offer gets versions with a reason
and a diff, statuses move only where allowed, approvals are voided by key changes."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.domain.labels import reason_label
from offerdesk.domain.offers import OfferStatus
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, record_threads, select, wait_for_panels


def _open(qtbot: QtBot, window: MainWindow, name: str) -> int:
    candidate_id = window.services.candidates.search(name)[0].id
    select(qtbot, window, candidate_id)
    window.offer_summary.edit_button.click()
    editor_shown(qtbot, window)
    return candidate_id


def test_a_draft_saves_itself_while_typing(window: MainWindow, qtbot: QtBot) -> None:
    _open(qtbot, window, "Grace")  # her offer is a draft
    dialog = window.offer_dialog
    dialog.form.title.setText("Senior Account Executive")
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "Draft saved" in dialog.saved.text(), timeout=5000)
    editing = OfferEditing(window.services.database, window.services.paths)
    assert editing.terms(dialog.offer_id).title == "Senior Account Executive"
    assert len(editing.versions(dialog.offer_id)) == 1  # a draft is rewritten, not versioned


def test_an_extended_offer_needs_a_reason_then_gets_a_version_and_a_diff(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    _open(qtbot, window, "Aisha")  # letter sent
    dialog = window.offer_dialog
    assert "band" in dialog.band.text()
    terms = dialog.form.terms()
    assert terms is not None
    base = terms.components[0]
    raised = terms.with_changes(components=(base.__class__(**{**base.__dict__, "amount_minor": 9_500_000}),
                                            *terms.components[1:]))  # fmt: skip
    dialog.form.set_terms(raised)
    dialog.save_version()
    assert prompter.shown[-1][0] == "error" and "reason" in prompter.shown[-1][2]
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("COMP_LOW"))
    dialog.save_version()
    assert "Saved as version 2" in dialog.saved.text()
    assert "Base salary" in dialog.diff_view.toPlainText() and "€95,000.00" in dialog.diff_view.toPlainText()


def test_statuses_move_only_where_allowed_and_declines_need_a_reason(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    _open(qtbot, window, "Aisha")
    dialog = window.offer_dialog
    allowed = {dialog.status_choice.itemData(i) for i in range(dialog.status_choice.count())}
    assert allowed == {"verbally_accepted", "signed", "declined", "expired", "rescinded"}
    dialog.status_choice.setCurrentIndex(dialog.status_choice.findData("declined"))
    prompter.choices.append(reason_label("COMPETING_OFFER"))  # the decline reason is asked for
    dialog.move_button.click()
    offer = window.services.offers.detail(dialog.offer_id)
    assert offer.row.status is OfferStatus.DECLINED and offer.history[-1].reason_code == "COMPETING_OFFER"
    assert dialog.status_choice.count() == 0  # declined is final


def test_a_key_change_voids_the_approvals(window: MainWindow, qtbot: QtBot) -> None:
    _open(qtbot, window, "Hannah")  # approved, not yet extended
    dialog = window.offer_dialog
    dialog.approver.setText("Miriam Okafor")
    dialog.approver_role.setText("Hiring manager")
    dialog.record_button.click()
    assert "Miriam Okafor" in dialog.approvals.toPlainText()
    dialog.form.title.setText("Staff Backend Engineer")
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "Draft saved" in dialog.saved.text(), timeout=5000)
    dialog.reload()
    assert "void" in dialog.approvals.toPlainText()
    assert window.services.offers.detail(dialog.offer_id).row.status is OfferStatus.DRAFT


def test_new_offer_for_a_candidate_opens_in_the_editor(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = window.services.candidates.search("Kwame")[0].id
    select(qtbot, window, candidate_id)
    window.offer_summary.new_button.click()
    window.new_offer_dialog.create_button.click()
    dialog = editor_shown(qtbot, window)
    assert dialog.row.candidate_id == candidate_id and dialog.row.status is OfferStatus.DRAFT
    wait_for_panels(qtbot, window)
    assert window.offer_summary.offers_model.rowCount() == 1


def test_key_fields_are_set_from_the_approvals_tab(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    _open(qtbot, window, "Hannah")
    dialog = window.offer_dialog
    assert "Base salary" in dialog.key_fields.text() and "base" not in dialog.key_fields.text()
    dialog.key_fields.setText("base, start_date")
    dialog.save_key_fields()
    assert OfferEditing(window.services.database, window.services.paths).key_fields() == ("base", "start_date")
    assert dialog.key_fields.text() == "Base salary, Start date"
    dialog.key_fields.setText("Base salary, sign-on bonus")  # the words shown are accepted back
    dialog.save_key_fields()
    assert OfferEditing(window.services.database, window.services.paths).key_fields() == ("base", "sign_on")
    dialog.key_fields.setText("base, nonsense")
    dialog.save_key_fields()
    assert prompter.shown[-1][0] == "error" and "nonsense" in prompter.shown[-1][2]


def test_escape_right_after_typing_saves_the_draft_before_closing(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _open(qtbot, window, "Grace")
    dialog = window.offer_dialog
    dialog.form.title.setText("Head of Accounts")
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.services.offer_editing.terms(dialog.offer_id).title == "Head of Accounts"


def test_opening_the_editor_reads_the_offer_off_the_gui_thread_and_a_second_click_opens_no_second_editor(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read on the GUI thread, the offer, versions, approvals and changes held the window ≈ 40 ms before the editor
    appeared; a click again while they are read must not open the editor twice."""
    select(qtbot, window, window.services.candidates.search("Aisha")[0].id)  # letter sent, one version
    services, seen = window.services, []
    for service, method in ((services.offers, "detail"), (services.offer_editing, "versions"),
                            (services.offer_editing, "diff"), (services.offer_editing, "approvals"),
                            (services.audit, "audit_for_offer")):  # fmt: skip
        record_threads(monkeypatch, service, method, seen)
    window.offer_summary.edit_button.click()
    window.offer_summary.edit_button.click()
    dialog = editor_shown(qtbot, window)
    qtbot.wait(100)  # a second editor would be read and made by now
    assert len(seen) >= 4 and threading.get_ident() not in seen  # one version: no diff to read
    editors = [d for d in window.findChildren(OfferEditorDialog) if d.isVisible()]
    assert editors == [dialog]
    assert "band" in dialog.band.text() and dialog.versions.count() == len(
        services.offer_editing.versions(dialog.offer_id)
    )


def test_an_offer_that_went_before_its_editor_opened_is_said_and_opens_nothing(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    window.edit_offer(987_654)
    qtbot.waitUntil(lambda: any(kind == "error" for kind, _title, _text in prompter.shown))
    [(_kind, title, text)] = [entry for entry in prompter.shown if entry[0] == "error"]
    assert title == "Offer not opened" and "987654" in text.replace(",", "")
    assert window.offer_dialog is None
    window.edit_offer(987_654)  # asked again: asked again, not taken for a click while it is read
    qtbot.waitUntil(lambda: len([entry for entry in prompter.shown if entry[0] == "error"]) == 2)


def test_the_window_answers_between_the_steps_of_opening_the_editor(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terms form, the rest of the editor and its first show each take a turn of the event loop: the window's
    own timers (and so its input and paints) run between them, instead of one 90 ms stall."""
    from PySide6.QtCore import QTimer

    from offerdesk.ui.offer_opening import EditorOpener

    wait_for_panels(qtbot, window)
    happened: list[str] = []
    for step in ("_made", "_assemble"):
        real = getattr(EditorOpener, step)
        monkeypatch.setattr(EditorOpener, step, _noting(real, step, happened))
    monkeypatch.setattr(OfferEditorDialog, "showEvent", _noting(OfferEditorDialog.showEvent, "shown", happened))
    ticking = QTimer(window)
    ticking.setInterval(1)
    ticking.timeout.connect(lambda: happened.append("tick") if happened and happened[-1] != "tick" else None)
    window.offer_summary.edit_button.click()
    ticking.start()
    editor_shown(qtbot, window)
    ticking.stop()
    steps = [entry for entry in happened if entry != "tick"]
    assert steps[:3] == ["_made", "_assemble", "shown"]
    made, assembled = happened.index("_made"), happened.index("_assemble")
    assert "tick" in happened[made:assembled] and "tick" in happened[assembled : happened.index("shown")]


def _noting(real: Any, name: str, happened: list[str]) -> Any:
    def noted(*args: Any, **kwargs: Any) -> Any:
        happened.append(name)
        return real(*args, **kwargs)

    return noted
