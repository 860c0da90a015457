"""The candidate's email, phone and call history beside the call prep, current after every call logged."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.clock import today
from offerdesk.ui import format as fmt
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import select, wait_for_panels


def _show(qtbot: QtBot, window: MainWindow, name: str) -> int:
    candidate_id = window.services.candidates.search(name)[0].id
    select(qtbot, window, candidate_id)
    return candidate_id


def _cells(window: MainWindow, row: int) -> list[str]:
    model = window.call_prep.card.calls_model
    return [model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) for column in range(model.columnCount())]


def test_the_card_shows_email_phone_and_calls_with_their_notes(window: MainWindow, qtbot: QtBot) -> None:
    aisha = _show(qtbot, window, "Aisha")
    card = window.call_prep.card
    assert card.isVisible()
    assert "aisha.rahman@example.com" in card.email.text() and "mailto:" in card.email.text()
    assert card.phone.text() == "—"  # the demo set has no phone for her
    records = window.services.candidate_records
    window.bus.publish(records.edit(aisha, replace(records.draft(aisha), phones=("+4915112345678",))))
    wait_for_panels(qtbot, window)
    assert ">+49 1511 2345678<" in card.phone.text()  # shown in the international format, not as stored
    assert card.calls_model.rowCount() == 1
    assert _cells(window, 0)[1:] == ["Need time", "", "Wants to compare with Northwind by Friday."]


def test_a_call_logged_shows_at_once_newest_first(window: MainWindow, qtbot: QtBot) -> None:
    aisha = _show(qtbot, window, "Aisha")
    follow_up = today() + timedelta(days=3)
    logged = window.services.calls.log(
        aisha, CallOutcome.COUNTER, AskStyle.DIRECT, ["COMP_LOW"], "Asked for 95k base.", follow_up=follow_up
    )
    window.bus.publish(logged.changes)  # as the call view does when the call is saved
    wait_for_panels(qtbot, window)
    card = window.call_prep.card
    assert card.calls_model.rowCount() == 2
    when, outcome, shown_follow_up, notes = _cells(window, 0)
    assert (outcome, shown_follow_up, notes) == ("Counter", fmt.day(follow_up), "Asked for 95k base.")
    assert when


def test_a_candidate_without_calls_says_so(window: MainWindow, qtbot: QtBot) -> None:
    _show(qtbot, window, "Kwame")
    card = window.call_prep.card
    assert card.no_calls.isVisible() and not card.calls_view.isVisible()
    assert "kwame.mensah@example.com" in card.email.text()
