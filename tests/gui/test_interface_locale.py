"""One notation per screen: a de-DE offer in euros is shown in the interface's notation (here en-US, "€89,000.00")
in the summary, the editor, the comparison and the dashboard; only its letter says "89.000,00 €"."""

from __future__ import annotations

import re

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.services.stats import StatsService
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.comparison import ComparisonDialog
from offerdesk.ui.dialogs.drill_down import DrillDownDialog
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, open_editor, select
from tests.gui.screen_text import widget_texts

GERMAN = re.compile(r"\d\.\d{3},\d{2}|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|\d\. [A-Z][a-z]+ \d{4}")


@pytest.fixture
def hannah(window: MainWindow, qtbot: QtBot) -> int:
    """Hannah Schulz's demo offer: de_DE, EUR, a base of €89,000."""
    assert fmt.ui_locale() == "en_US", "these tests read an en-US interface"
    candidate_id = window.services.candidates.search("Hannah Schulz")[0].id
    offer = window.services.offers.list(candidate_id=candidate_id)[0]
    assert (offer.locale, offer.currency, offer.base_minor) == ("de_DE", "EUR", 8_900_000)
    select(qtbot, window, candidate_id)
    return offer.id


def _german(texts: list[str]) -> list[str]:
    return [text for text in texts if GERMAN.search(text)]


def test_the_offer_summary_shows_a_german_offer_in_the_interfaces_notation(window: MainWindow, hannah: int) -> None:
    summary = window.offer_summary
    assert summary.offers_model.index(0, 3).data() == "€89,000.00"
    assert "€89,000.00" in [
        summary.components_model.index(r, 1).data() for r in range(summary.components_model.rowCount())
    ]
    assert not _german([text for _where, text in widget_texts(summary) if "Letter" not in text])


def test_the_editor_shows_a_german_offer_in_the_interfaces_notation(
    window: MainWindow, hannah: int, qtbot: QtBot
) -> None:
    dialog = open_editor(qtbot, window, hannah)
    assert "€89,000.00" in dialog.band.text()
    assert not _german([text for _where, text in widget_texts(dialog)])


def test_a_version_diff_shows_amounts_in_the_interfaces_notation(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = window.services.candidates.search("Aisha")[0].id  # de_DE, letter sent: a change is a version
    select(qtbot, window, candidate_id)
    window.offer_summary.edit_button.click()
    dialog = editor_shown(qtbot, window)
    terms = dialog.form.terms()
    assert terms is not None
    base = terms.components[0]
    raised = terms.with_changes(components=(base.__class__(**{**base.__dict__, "amount_minor": 9_500_000}),
                                            *terms.components[1:]))  # fmt: skip
    dialog.form.set_terms(raised)
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("COMP_LOW"))
    dialog.save_version()
    assert "€90,000.00" in dialog.diff_view.toPlainText() and "€95,000.00" in dialog.diff_view.toPlainText()
    assert not _german([dialog.diff_view.toPlainText()])


def test_the_comparison_and_the_dashboard_use_the_interfaces_notation(
    window: MainWindow, hannah: int, qtbot: QtBot
) -> None:
    candidate_id = window.candidate_list.selected_id()
    assert candidate_id is not None
    comparison = ComparisonDialog(window.services.compensation, candidate_id, window)
    qtbot.addWidget(comparison)
    shown = [text for _where, text in widget_texts(comparison)]
    assert any(text.startswith("€") and "," in text for text in shown) and not _german(shown)
    drill_down = DrillDownDialog(StatsService(window.services.database), "Hannah", [hannah], window)
    qtbot.addWidget(drill_down)
    first_year = [drill_down.offer_model.index(0, c).data() for c in range(drill_down.offer_model.columnCount())]
    assert any(str(cell).startswith("€") and str(cell).endswith(".00") for cell in first_year), first_year
    assert not _german([str(cell) for cell in first_year])


def test_the_letter_keeps_the_offers_own_notation(window: MainWindow, hannah: int) -> None:
    values = window.services.letters.values(hannah)
    assert values["offer"]["base"] == "89.000,00\xa0€"
    assert values["letter"]["locale"] == "de_DE"
