"""Editing the pre-close profile: saved values show in call prep; a bad amount is explained and never saved."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import select, wait_for_panels


def test_profile_edits_reach_the_call_prep_panel(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = window.services.candidates.search("Jonas")[0].id
    select(qtbot, window, candidate_id)
    assert "No decision deadline recorded." in window.call_prep.unknowns.text()
    window.call_prep.edit_button.click()
    dialog = window.profile_dialog
    dialog.motivators.setPlainText("Wants to lead a team")
    dialog.decision_makers.setText("His partner and him")
    dialog.deadline.setText("2027-03-01")
    dialog.notice.setValue(90)
    dialog.readiness.setValue(6)
    dialog.expected_pay.setText("95,000")
    dialog.add_competing(None)
    dialog.competing.item(0, 0).setText("Acme GmbH")
    dialog.save()
    profile = window.services.candidates.detail(candidate_id).profile
    assert profile.motivators == "Wants to lead a team" and profile.readiness == 6
    assert profile.decision_deadline == date(2027, 3, 1)
    assert profile.expected_pay is not None and profile.expected_pay.minor == 95_000_00
    wait_for_panels(qtbot, window)
    likely = window.call_prep.objections.text()
    for title in (
        "They have another offer",
        "Start date or notice period",
        "Needs to talk it over with a partner",
        "I need to think about it",
    ):
        assert title in likely
    assert "No decision deadline recorded." not in window.call_prep.unknowns.text()


def test_an_invalid_amount_is_explained_and_not_saved(window: MainWindow) -> None:
    candidate_id = window.services.candidates.search("Jonas")[0].id
    window.candidate_list.select_id(candidate_id)
    window.call_prep.edit_button.click()
    dialog = window.profile_dialog
    dialog.expected_pay.setText("ninety thousand")
    assert "not an amount" in dialog.pay_problem.text()
    assert not dialog.save_button.isEnabled()
    dialog.save()
    assert window.services.candidates.detail(candidate_id).profile.expected_pay is None
    dialog.expected_pay.setText("95000")
    assert dialog.save_button.isEnabled()


def test_competing_offer_pay_feeds_the_comparison(window: MainWindow) -> None:
    candidate_id = window.services.candidates.search("Aisha")[0].id
    window.candidate_list.select_id(candidate_id)
    window.call_prep.edit_button.click()
    dialog = window.profile_dialog
    dialog.add_competing(None)
    row = dialog.competing.rowCount() - 1
    for column, text in ((0, "Contoso AG"), (4, "95000"), (5, "9500"), (6, "4000"), (7, "10000")):
        dialog.competing.item(row, column).setText(text)
    dialog.competing.cellWidget(row, 1).setCurrentText("offer")
    dialog.save()
    comparison = window.services.compensation.comparison(candidate_id, years=2)
    contoso = next(p for p in comparison.others if "Contoso" in p.package.name)
    assert contoso.package.years[0].total.minor == (95_000 + 9_500 + 4_000 + 10_000) * 100
    assert contoso.package.years[1].total.minor == (95_000 + 9_500 + 4_000) * 100


def test_a_deadline_typed_over_the_shown_one_is_stored_as_typed(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = window.services.candidates.search("Jonas")[0].id
    window.candidate_list.select_id(candidate_id)
    window.call_prep.edit_button.click()
    dialog = window.profile_dialog
    dialog.deadline.setText("12/1/26")
    dialog.deadline.selectAll()
    qtbot.keyClicks(dialog.deadline, "2/1/27")  # en-US: February 1, 2027
    dialog.save()
    assert window.services.candidates.detail(candidate_id).profile.decision_deadline == date(2027, 2, 1)


def test_an_unreadable_deadline_is_named_and_nothing_is_saved(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = window.services.candidates.search("Jonas")[0].id
    window.candidate_list.select_id(candidate_id)
    before = window.services.candidates.detail(candidate_id).profile
    window.call_prep.edit_button.click()
    dialog = window.profile_dialog
    dialog.motivators.setPlainText("Changed")
    dialog.deadline.clear()
    qtbot.keyClicks(dialog.deadline, "13/1/27")  # no 13th month in en-US notation
    dialog.save()
    assert "Decision deadline" in dialog.problem.text() and "is not a date" in dialog.problem.text()
    assert dialog.isVisible()
    assert window.services.candidates.detail(candidate_id).profile == before
