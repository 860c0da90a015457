"""The offer panel's terms follow the selection: switching from one candidate's offer to another's shows the
second offer's values in every row (the rows are kept and their values set), and a candidate without an offer
shows none (the rows are hidden, not deleted, and shown again with the next offer's labels)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import select


def _terms(window: MainWindow) -> dict[str, str]:
    form = window.offer_summary.terms
    shown: dict[str, str] = {}
    assert window.offer_summary.terms_box.isVisible()  # hidden only while its rows change
    for row in range(form.rowCount()):
        if not form.isRowVisible(row):
            continue
        label = form.itemAt(row, form.ItemRole.LabelRole).widget()
        value = form.itemAt(row, form.ItemRole.FieldRole).widget()
        assert isinstance(label, QLabel) and isinstance(value, QLabel)
        shown[label.text()] = value.text()
    return shown


def test_the_terms_show_the_newly_selected_candidates_offer(window: MainWindow, qtbot: QtBot) -> None:
    services = window.services
    with_offers = [row.id for row in services.candidates.search("") if services.offers.latest_id(row.id)]
    titles = {cid: services.offers.detail(services.offers.latest_id(cid) or 0).terms.title for cid in with_offers}
    first = with_offers[0]
    second = next(cid for cid in with_offers if titles[cid] != titles[first])
    for candidate_id in (first, second, first):
        select(qtbot, window, candidate_id)
        detail = services.offers.detail(services.offers.latest_id(candidate_id) or 0)
        terms = _terms(window)
        assert terms["Title"] == detail.terms.title
        assert terms["Status"] == detail.row.status.label
        assert terms["Version"] == f"v{detail.row.version}"
    without = next(row.id for row in services.candidates.search("") if not services.offers.latest_id(row.id))
    select(qtbot, window, without)
    assert _terms(window) == {}
    select(qtbot, window, second)
    assert _terms(window)["Title"] == titles[second]
