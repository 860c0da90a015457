"""The letter says what the editor shows: for every demo offer, each field of the letter context equals the
editor's widget for it (amounts read in the interface's notation, then written in the letter's locale)."""

from __future__ import annotations

from babel.dates import format_date
from pytestqt.qtbot import QtBot

from offerdesk.domain.money import Money
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.main_window import MainWindow


def _cell(dialog: OfferEditorDialog, row: int, column: int) -> str:
    table = dialog.form.components
    widget = table.cellWidget(row, column)
    if widget is not None:
        return str(widget.currentData())  # type: ignore[attr-defined]
    item = table.item(row, column)
    return item.text() if item is not None else ""


def test_every_demo_offers_letter_context_equals_what_the_editor_shows(window: MainWindow, qtbot: QtBot) -> None:
    offers = window.services.offers.list()
    assert len(offers) >= 10
    for row in offers:
        values = window.services.letters.values(row.id)
        context, locale = values["offer"], values["letter"]["locale"]
        dialog = OfferEditorDialog(window.services, window.bus, window.prompter, row.id, window)
        qtbot.addWidget(dialog)
        form = dialog.form
        where = f"offer {row.id}"
        for name in ("title", "level", "department", "reports_to", "location"):
            assert context[name] == getattr(form, name).text(), f"{where}: {name}"
        assert context["currency"] == form.currency.currentText(), where
        assert context["employment_type"] == form.employment_type.currentText(), where
        assert context["pay_frequency"] == form.pay_frequency.currentText().lower(), where
        assert locale == form.letter_locale.currentData(), where
        for name in ("start_date", "expires_on", "end_date", "effective_date"):
            shown = getattr(form, name).value()
            assert context.get(f"{name}_iso", "") == shown, f"{where}: {name}"
            if shown:
                assert context[name] == format_date(getattr(form.terms(), name), "long", locale=locale), where
        remote = form.remote_days.value()
        assert context.get("remote_days", 0) == max(remote, 0), where
        assert len(context["components"]) == form.components.rowCount(), where
        for index, component in enumerate(context["components"]):
            assert component["kind"] == _cell(dialog, index, 0), where
            typed = _cell(dialog, index, 2)
            if typed:  # the amount as the recruiter typed it, in the interface's notation
                amount = Money.parse(typed, context["currency"], fmt.ui_locale())
                assert component["amount"] == amount.format(locale), f"{where}: component {index}"
            else:
                assert component["amount"].startswith(_cell(dialog, index, 4)), f"{where}: component {index}"
        dialog.close()
