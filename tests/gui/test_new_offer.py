"""A new offer asks its type and starts in the money and notation of the role's band or place."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, wait_for_panels


def _new_offer_for(window: MainWindow, name: str) -> int:
    candidate_id = window.services.candidates.search(name)[0].id
    window.candidate_list.select_id(candidate_id)
    window.offer_summary.new_button.click()
    return candidate_id


def test_a_new_offer_for_a_berlin_candidate_is_in_euros_and_de_de(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = _new_offer_for(window, "Kwame")  # Berlin, for the Berlin role whose band is in EUR
    dialog = window.new_offer_dialog
    assert dialog.isVisible()
    assert (dialog.currency_field.text(), dialog.locale_field.text()) == ("EUR", "de_DE")
    assert "from the Berlin band" in dialog.source.text()
    dialog.set_offer_type(OfferType.CONDITIONAL)
    dialog.create_button.click()
    assert not dialog.isVisible()
    editor = editor_shown(qtbot, window)
    assert editor.row.candidate_id == candidate_id and editor.row.status is OfferStatus.DRAFT
    assert (editor.row.offer_type, editor.row.currency, editor.row.locale) == (OfferType.CONDITIONAL, "EUR", "de_DE")
    wait_for_panels(qtbot, window)
    assert window.offer_summary.offers_model.rowCount() == 1


def test_a_typed_currency_is_kept_and_the_locale_follows(window: MainWindow, qtbot: QtBot) -> None:
    _new_offer_for(window, "Kwame")
    dialog = window.new_offer_dialog
    dialog.currency_field.selectAll()
    qtbot.keyClicks(dialog.currency_field, "GBP")
    assert dialog.locale_field.text() == "en_GB" and "GBP as given" in dialog.source.text()
    dialog.set_offer_type(OfferType.CONTRACT)
    dialog.create_button.click()
    editor = editor_shown(qtbot, window)
    assert (editor.row.currency, editor.row.locale) == ("GBP", "en_GB")


def test_a_mistake_is_said_in_the_dialog_and_nothing_is_created(
    window: MainWindow, prompter: RecordingPrompter
) -> None:
    candidate_id = _new_offer_for(window, "Kwame")
    dialog = window.new_offer_dialog
    dialog.set_offer_type(OfferType.REVISED)  # Kwame has no offer to revise
    dialog.create_button.click()
    assert dialog.isVisible() and "no offer yet" in dialog.problem.text()
    dialog.set_offer_type(OfferType.WRITTEN)
    dialog.locale_field.setText("xx_YY")
    dialog.create_button.click()
    assert dialog.isVisible() and "xx_YY" in dialog.problem.text()
    assert window.services.offers.list(candidate_id=candidate_id) == []
    assert not [shown for shown in prompter.shown if shown[0] == "error"]
