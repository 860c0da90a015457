"""The offer terms form: values round-trip exactly, bad amounts are explained and never returned, undo/redo work."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from offerdesk.domain.offer_terms import ComponentTerms, ContingencyTerms, EquityTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, OfferType, PayUnit
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.panels.terms_form import TermsForm
from tests.gui.panel_loads import editor_shown, select


def full_terms(currency: str = "USD", base: int = 90_000_00, sign_on: int = 10_000_00) -> OfferTerms:
    return OfferTerms(
        offer_type=OfferType.CONDITIONAL, currency=currency, locale="en_GB", expires_on=date(2026, 7, 1),
        title="Staff Engineer", level="L6", department="Platform", reports_to="Ana Ruiz", employment_type="full_time",
        exempt=True, start_date=date(2026, 9, 1), location="Berlin", remote_days=2, probation_months=6,
        pay_frequency="monthly", benefits_note="Health", pto_note="28 days",
        required_agreements=("NDA", "IP assignment"),
        components=(
            ComponentTerms(ComponentKind.BASE, "Base salary", base, currency),
            ComponentTerms(ComponentKind.BONUS, "Annual bonus", None, currency, PayUnit.YEAR, percent_bp=1250),
            ComponentTerms(ComponentKind.SIGN_ON, "Sign-on", sign_on, currency, PayUnit.ONCE, clawback_months=12),
        ),
        equity=(EquityTerms("rsu", 1200, currency, assumed_value_minor=base // 1000, vesting_start=date(2026, 9, 1)),),
        contingencies=(ContingencyTerms("background", "Standard check", "pending"),),
    )  # fmt: skip


@pytest.fixture
def form(qtbot: QtBot) -> TermsForm:
    widget = TermsForm()
    qtbot.addWidget(widget)
    return widget


def amount_cell(form: TermsForm, row: int) -> str:
    item = form.components.item(row, 2)
    assert item is not None
    return item.text()


@pytest.mark.parametrize(
    ("currency", "base", "sign_on", "shown"),
    [("USD", 90_000_00, 10_000_00, "90,000.00"), ("JPY", 9_000_000, 500_000, "9,000,000"),
     ("BHD", 30_000_125, 2_000_000, "30,000.125")],
)  # fmt: skip
def test_set_terms_round_trips(form: TermsForm, currency: str, base: int, sign_on: int, shown: str) -> None:
    terms = full_terms(currency, base, sign_on)
    form.set_terms(terms)
    assert amount_cell(form, 0) == shown
    assert form.problems() == []
    assert form.terms() == terms
    assert form.undo_stack.count() == 0


def test_invalid_amount_blocks_terms_and_is_explained(form: TermsForm) -> None:
    form.set_terms(full_terms())
    item = form.components.item(1, 2)
    assert item is not None
    item.setText("12,5x")
    assert form.terms() is None
    sentence = "Row 2 amount: “12,5x” is not an amount in en-US notation."
    assert sentence in form.problems()
    assert sentence in form.problem.text()
    item.setText("")  # a percent bonus may leave the amount empty
    assert form.terms() == full_terms()


def test_invalid_currency_blocks_terms(form: TermsForm) -> None:
    form.set_terms(full_terms())
    form.currency.setEditText("XYZ")
    assert form.terms() is None
    assert form.problems()[0].startswith("Currency: “XYZ” is not an ISO 4217")
    form.currency.setEditText("EUR")
    terms = form.terms()
    assert terms is not None and terms.currency == "EUR" and terms.base_minor == 90_000_00


def test_undo_restores_the_previous_amount_and_redo_reapplies(form: TermsForm) -> None:
    form.set_terms(full_terms())
    item = form.components.item(0, 2)
    assert item is not None
    item.setText("95,000.00")
    form.title.setText("Principal")
    assert form.undo_stack.count() == 2
    form.undo_stack.undo()
    form.undo_stack.undo()
    assert amount_cell(form, 0) == "90,000.00"
    assert form.terms() == full_terms()
    form.undo_stack.redo()
    assert amount_cell(form, 0) == "95,000.00"
    terms = form.terms()
    assert terms is not None and terms.base_minor == 95_000_00 and terms.title == "Staff Engineer"
    form.undo_stack.redo()
    assert form.title.text() == "Principal"


def test_typing_in_one_field_merges_into_one_undo_step(form: TermsForm, qtbot: QtBot) -> None:
    form.set_terms(full_terms())
    form.show()
    qtbot.waitExposed(form)
    form.title.clear()
    QTest.keyClicks(form.title, "CTO")
    assert form.undo_stack.count() == 1
    form.activateWindow()
    form.title.setFocus()
    QTest.keyClick(form.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.title.text() == "Staff Engineer"
    QTest.keyClick(form.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert form.title.text() == "CTO"
    window = form.windowHandle()  # through the window system: the form's Undo/Redo shortcuts fire
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.title.text() == "Staff Engineer"
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert form.title.text() == "CTO" and form.undo_stack.index() == 1


def test_type_switch_shows_type_specific_fields(form: TermsForm) -> None:
    form.set_terms(full_terms())
    assert form.field_visible("contingencies") and not form.field_visible("end_date")
    form.offer_type.setCurrentIndex(form.offer_type.findData(OfferType.CONTRACT.value))
    assert form.field_visible("end_date") and form.field_visible("conversion_terms")
    assert not form.field_visible("effective_date") and not form.field_visible("contingencies")
    form.offer_type.setCurrentIndex(form.offer_type.findData(OfferType.INTERNAL.value))
    assert form.field_visible("effective_date") and form.field_visible("prior_terms")
    assert not form.field_visible("end_date") and not form.field_visible("conversion_terms")
    terms = form.terms()
    assert terms is not None and terms.offer_type is OfferType.INTERNAL
    form.undo_stack.undo()
    assert form.field_visible("end_date")


def test_add_and_remove_component(form: TermsForm) -> None:
    form.set_terms(full_terms())
    form.add_component_button.click()
    assert form.components.rowCount() == 4
    assert form.terms() is None  # the new row has no amount yet
    kind = form.components.cellWidget(3, 0)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(ComponentKind.RELOCATION.value))
    item = form.components.item(3, 2)
    assert item is not None
    item.setText("5,000")
    terms = form.terms()
    assert terms is not None and terms.component(ComponentKind.RELOCATION) is not None
    assert terms.components[3].amount_minor == 5_000_00
    form.components.setCurrentCell(1, 1)
    form.remove_component_button.click()
    terms = form.terms()
    assert terms is not None and [c.kind for c in terms.components] == [
        ComponentKind.BASE, ComponentKind.SIGN_ON, ComponentKind.RELOCATION]  # fmt: skip
    form.undo_stack.undo()
    assert form.components.rowCount() == 4 and form.terms() is not None
    for _ in range(3):
        form.undo_stack.undo()
    assert form.terms() == full_terms()


def test_edited_on_user_changes_only(form: TermsForm, qtbot: QtBot) -> None:
    seen: list[None] = []
    form.edited.connect(lambda: seen.append(None))
    form.set_terms(full_terms())
    form.set_terms(full_terms("JPY", 9_000_000, 500_000))
    assert seen == []
    with qtbot.waitSignal(form.edited, timeout=1000):
        form.level.setText("L7")
    with qtbot.waitSignal(form.edited, timeout=1000):
        form.remote_days.setValue(3)
    with qtbot.waitSignal(form.edited, timeout=1000):
        form.equity_grant.setChecked(False)
    terms = form.terms()
    assert terms is not None and terms.equity == () and terms.remote_days == 3
    with qtbot.waitSignal(form.edited, timeout=1000):
        form.undo_stack.undo()
    assert len(seen) == 4


def test_a_german_thousands_point_typed_in_an_english_interface_is_refused_not_saved_as_cents(
    form: TermsForm,
) -> None:
    """A recruiter types 85.000 for a euro offer with a German letter: that is never stored as €85.00."""
    terms = full_terms("EUR").with_changes(locale="de_DE")
    form.set_terms(terms)
    item = form.components.item(0, 2)
    assert item is not None
    item.setText("85.000")
    assert form.terms() is None
    [problem] = form.problems()
    assert "85 in en-US" in problem and "85,000 in the offer's de-DE notation" in problem
    item.setText("85000")
    stored = form.terms()
    assert stored is not None and stored.components[0].amount_minor == 85_000_00


def test_a_full_date_typed_over_the_shown_one_is_stored_as_typed(form: TermsForm, qtbot: QtBot) -> None:
    """Typing 2/1/27 over 12/1/26 stored 2027-12-01 (the old month kept); every date field now reads what is typed."""
    from PySide6.QtWidgets import QLineEdit

    form.set_terms(full_terms().with_changes(expires_on=date(2026, 12, 1)))
    form.show()
    field = form.expires_on if isinstance(form.expires_on, QLineEdit) else form.expires_on.edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "2/1/27")
    stored = form.terms()
    assert stored is not None and stored.expires_on == date(2027, 2, 1)
    field.selectAll()
    qtbot.keyClicks(field, "2027-03-04")  # ISO-8601 is read too
    stored = form.terms()
    assert stored is not None and stored.expires_on == date(2027, 3, 4)
    field.selectAll()
    qtbot.keyClicks(field, "13/1/27")  # not a date in en-US: refused, never read as January 13
    assert form.terms() is None
    assert any("Expires on: “13/1/27” is not a date" in problem for problem in form.problems())


def _edit_graces_draft(qtbot: QtBot, window: MainWindow) -> OfferEditorDialog:
    select(qtbot, window, window.services.candidates.search("Grace")[0].id)
    window.offer_summary.edit_button.click()  # her offer is a draft: it saves as she types
    return editor_shown(qtbot, window)


def test_not_saved_goes_as_soon_as_undo_puts_the_base_salary_back(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _edit_graces_draft(qtbot, window)
    form = dialog.form
    form.components.setCurrentCell(0, 1)  # the base salary row
    form.remove_component_button.click()
    qtbot.waitUntil(lambda: dialog.saved.text().startswith("Not saved"), timeout=5000)
    assert "no base salary" in dialog.saved.text()
    form.title.setFocus()
    QTest.keyClick(form.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.terms() is not None
    assert "Not saved" not in dialog.saved.text()  # re-checked at once, not at the next save
    qtbot.waitUntil(lambda: "saved" in dialog.saved.text(), timeout=5000)
    assert "Not saved" not in dialog.saved.text()


def test_a_draft_blocked_by_a_missing_base_saves_once_undo_restores_it(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _edit_graces_draft(qtbot, window)
    form = dialog.form
    form.title.setText("Senior Account Executive")
    amount = form.components.item(0, 2)
    assert amount is not None
    amount.setText("")  # before the title was saved
    qtbot.waitUntil(lambda: dialog.saved.text().startswith("Not saved"), timeout=5000)
    form.title.setFocus()
    QTest.keyClick(form.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Draft saved" in dialog.saved.text(), timeout=5000)
    stored = window.services.offer_editing.terms(dialog.offer_id)
    assert stored.title == "Senior Account Executive" and stored.base_minor == form.terms().base_minor  # type: ignore[union-attr]


def test_a_component_turned_into_a_sign_on_is_paid_once(form: TermsForm) -> None:
    """A sign-on added with the yearly unit a new row starts with printed “Sign-on bonus … per year” in the letter."""
    form.set_terms(full_terms())
    form.add_component_button.click()
    kind = form.components.cellWidget(3, 0)
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(ComponentKind.SIGN_ON.value))
    item = form.components.item(3, 2)
    assert item is not None
    item.setText("5000")
    terms = form.terms()
    assert terms is not None and terms.components[3].unit is PayUnit.ONCE
    kind.setCurrentIndex(kind.findData(ComponentKind.ALLOWANCE.value))  # back to a recurring kind: yearly again
    terms = form.terms()
    assert terms is not None and terms.components[3].unit is PayUnit.YEAR
    unit = form.components.cellWidget(3, 3)
    assert isinstance(unit, QComboBox)
    unit.setCurrentIndex(unit.findData(PayUnit.MONTH.value))  # a unit the recruiter chose stays theirs
    kind.setCurrentIndex(kind.findData(ComponentKind.OTHER.value))
    terms = form.terms()
    assert terms is not None and terms.components[3].unit is PayUnit.MONTH
