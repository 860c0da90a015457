"""The comparison dialog: a sound model, year columns that follow the spin box, and inline equity errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offerdesk.services.offers.compensation import CompensationService
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate
from offerdesk.ui.dialogs.comparison import ComparisonDialog


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    """Amounts are typed and shown in the interface locale; pin it so the test reads the same everywhere."""
    monkeypatch.setattr("offerdesk.ui.format.ui_locale", lambda: "en_US")


@pytest.fixture
def compensation(services: Services) -> CompensationService:
    return CompensationService(services.database)


@pytest.fixture
def aisha(services: Services, compensation: CompensationService) -> int:
    with services.database.transaction() as session:
        candidate_id = session.scalar(select(Candidate.id).where(Candidate.first_name == "Aisha"))
    assert candidate_id is not None
    compensation.add_competing(
        candidate_id, "offer", "Contoso AG", currency="EUR", base_minor=95_000_00, bonus_minor=5_000_00,
        sign_on_minor=15_000_00,
    )  # fmt: skip
    return candidate_id


@pytest.fixture
def dialog(qtbot: QtBot, compensation: CompensationService, aisha: int) -> Iterator[ComparisonDialog]:
    comparison_dialog = ComparisonDialog(compensation, aisha)
    qtbot.addWidget(comparison_dialog)
    comparison_dialog.show()
    qtbot.waitExposed(comparison_dialog)
    yield comparison_dialog
    comparison_dialog.close()


def _cells(dialog: ComparisonDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _headers(dialog: ComparisonDialog) -> list[str]:
    model = dialog.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_model_passes_the_model_tester_through_changes(
    qtmodeltester: ModelTester, dialog: ComparisonDialog
) -> None:
    qtmodeltester.check(dialog.model)
    dialog.years.setValue(2)
    dialog.equity_value.setText("50")
    qtmodeltester.check(dialog.model)


def test_one_row_per_package_with_yearly_and_cumulative_totals(dialog: ComparisonDialog) -> None:
    assert dialog.objectName() == "comparisonDialog"
    assert dialog.years.value() == 4
    assert _headers(dialog) == ["Package", "Year 1", "Year 2", "Year 3", "Year 4", "Total (4 years)", "Ours vs this"]
    assert dialog.model.rowCount() == 2
    assert _cells(dialog, 0) == ["Our offer", *["€111,000.00"] * 4, "€444,000.00", ""]
    assert _cells(dialog, 1) == [
        "Contoso AG", "€115,000.00", "€100,000.00", "€100,000.00", "€100,000.00", "€415,000.00", "+€29,000.00",
    ]  # fmt: skip
    summary = dialog.summary.text()
    assert "Over 4 years ours is worth €29,000.00 more than Contoso AG, though year 1 is €4,000.00 less" in summary
    assert "Northwind GmbH has no pay recorded" in summary


def test_changing_the_years_changes_the_columns_and_values(dialog: ComparisonDialog, qtbot: QtBot) -> None:
    with qtbot.waitSignal(dialog.model.modelReset):
        dialog.years.setValue(1)
    assert dialog.model.columnCount() == 4
    assert _headers(dialog) == ["Package", "Year 1", "Total (1 year)", "Ours vs this"]
    assert _cells(dialog, 1) == ["Contoso AG", "€115,000.00", "€115,000.00", "−€4,000.00"]
    assert "Over 1 year ours is worth €4,000.00 less than Contoso AG" in dialog.summary.text()
    dialog.years.setValue(3)
    assert dialog.model.columnCount() == 6
    assert _cells(dialog, 0)[4] == "€333,000.00"


def test_an_equity_assumption_is_applied(dialog: ComparisonDialog) -> None:
    assert "€40.00" in dialog.equity_value.placeholderText()
    dialog.equity_value.setText("50.00")
    assert not dialog.equity_problem.isVisible()
    assert _cells(dialog, 0)[1] == "€114,000.00"  # 300 units at €50 instead of €40
    dialog.equity_value.setText("")
    assert _cells(dialog, 0)[1] == "€111,000.00"


def test_a_bad_equity_value_shows_inline_and_is_not_applied(dialog: ComparisonDialog) -> None:
    dialog.equity_value.setText("50")
    assert _cells(dialog, 0)[1] == "€114,000.00"
    dialog.equity_value.setText("fifty")
    assert dialog.equity_problem.isVisible()
    assert "“fifty” is not an amount in en-US notation" in dialog.equity_problem.text()
    assert "b3261e" in dialog.equity_problem.styleSheet().lower() or "ff8a80" in dialog.equity_problem.styleSheet()
    assert _cells(dialog, 0)[1] == "€114,000.00"  # the last good value still counts
    dialog.equity_value.setText("45")
    assert not dialog.equity_problem.isVisible()
    assert _cells(dialog, 0)[1] == "€112,500.00"


def test_a_competing_offer_is_added_from_the_comparison(
    qtbot: QtBot, dialog: ComparisonDialog, compensation: CompensationService, aisha: int
) -> None:
    from offerdesk.services.changes import Kind

    assert dialog.model.rowCount() == 2
    dialog.add_competing_button.click()
    form = dialog.competing_dialog
    assert form.isVisible() and form.currency.currentText() == "EUR"  # our offer's currency to start with
    form.base.setText("101,000")
    form.save_button.click()
    assert "company" in form.problem.text() and form.isVisible()  # says what is missing, keeps what was typed
    form.company.setText("Fabrikam GmbH")
    form.bonus.setText("lots")
    form.save_button.click()
    assert "lots" in form.problem.text()
    form.bonus.setText("9,000")
    form.equity.setText("12,000.50")
    with qtbot.waitSignal(dialog.changed) as published:
        form.save_button.click()
    assert published.args[0].touches(Kind.CANDIDATES) and not form.isVisible()
    stored = compensation.competing(aisha)[-1]
    assert (stored.company, stored.kind, stored.currency) == ("Fabrikam GmbH", "offer", "EUR")
    assert (stored.base.minor, stored.bonus.minor, stored.equity_annual.minor) == (10_100_000, 900_000, 1_200_050)
    assert dialog.model.rowCount() == 3 and _cells(dialog, 2)[0] == "Fabrikam GmbH"
