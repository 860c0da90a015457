"""A whole offer call driven with the keyboard alone, as a recruiter on the phone would."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.storage.tables import CallLog, FollowUp
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import wait_for_panels

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _select(window: MainWindow, name: str) -> int:
    candidate_id = window.services.candidates.search(name)[0].id
    row = window.candidate_model.row_of(candidate_id)
    assert row is not None
    window.candidate_list.table.selectRow(row)
    return candidate_id


def test_a_whole_call_by_keyboard_logs_the_call_and_the_follow_up(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = _select(window, "Aisha")
    window.candidate_list.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL | SHIFT)
    runner = window.call_runner
    assert runner is not None and window.pages.currentWidget() is runner
    assert "Aisha Rahman" in runner.header.text()
    for _ in range(4):  # good news, why you, growth, specifics → the ask
        qtbot.keyClick(runner, Qt.Key.Key_Right)
    assert runner.current_step()["key"] == "the_ask"
    qtbot.keyClick(runner, Qt.Key.Key_Down)  # the next ask style
    assert runner.ask_style is AskStyle.SUMMARY_DIRECT
    qtbot.keyClick(runner, Qt.Key.Key_Right)  # silence: the pause cue shows
    assert "stay silent" in runner.pause_cue.text()
    qtbot.keyClick(runner, Qt.Key.Key_K, CTRL)
    assert runner.search.hasFocus()
    qtbot.keyClicks(runner.search, "other offer")
    assert runner.results.currentItem().text() == "They have another offer"
    qtbot.keyClick(runner.search, Qt.Key.Key_Return)
    assert runner.raised == ["COMPETING_OFFER"]
    assert "Probe" in runner.handler.toPlainText()
    qtbot.keyClick(runner.search, Qt.Key.Key_Escape)
    qtbot.keyClick(runner, Qt.Key.Key_E, CTRL)  # end of the call
    qtbot.keyClick(runner, Qt.Key.Key_T)  # 1: needs time
    assert runner.follow_up.hasFocus()
    qtbot.keyClick(runner.follow_up, Qt.Key.Key_Up)  # move the agreed date on by one step
    chosen = runner.follow_up_date()
    assert chosen is not None and chosen > date.today()
    qtbot.keyClick(runner.follow_up, Qt.Key.Key_Return)  # 2: save
    assert runner.result is not None
    assert window.pages.currentWidget() is window.splitter  # back to the panels

    with window.services.database.transaction() as session:
        call = session.scalars(select(CallLog).where(CallLog.candidate_id == candidate_id)
                               .order_by(CallLog.id.desc())).first()  # fmt: skip
        assert call is not None
        assert call.outcome is CallOutcome.NEED_TIME and call.ask_style is AskStyle.SUMMARY_DIRECT
        assert [o.code for o in call.objections] == ["COMPETING_OFFER"]
        assert call.decision_date == chosen
        follow_ups = {
            item.due_on: item.kind for item in session.scalars(select(FollowUp).where(FollowUp.call_id == call.id))
        }
        assert follow_ups.get(chosen) == "decision_check_in"  # the agreed date, plus the cadence's own


def test_a_yes_moves_the_offer_to_verbally_accepted(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = _select(window, "Lukas")
    window.start_call()
    runner = window.call_runner
    assert runner is not None and window.pages.currentWidget() is runner
    qtbot.keyClick(runner, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(runner, Qt.Key.Key_Y)
    qtbot.keyClick(runner.follow_up, Qt.Key.Key_Return)
    [offer] = window.services.offers.list(candidate_id=candidate_id)
    assert offer.status.value == "verbally_accepted"
    wait_for_panels(qtbot, window)
    assert window.offer_summary.offers_model.rows()[0].status.value == "verbally_accepted"  # the views refreshed


def test_a_counter_starts_a_revised_offer(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = _select(window, "Aisha")
    window.start_call()
    runner = window.call_runner
    assert runner is not None and window.pages.currentWidget() is runner
    qtbot.keyClick(runner, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(runner.search, "COMP_LOW")
    qtbot.keyClick(runner.search, Qt.Key.Key_Return)
    qtbot.keyClick(runner.search, Qt.Key.Key_Escape)
    qtbot.keyClick(runner, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(runner, Qt.Key.Key_C)
    qtbot.keyClick(runner.follow_up, Qt.Key.Key_Return)
    offers = window.services.offers.list(candidate_id=candidate_id)
    revised = [offer for offer in offers if offer.offer_type.value == "revised"]
    assert len(revised) == 1 and revised[0].status.value == "draft" and revised[0].base_minor == 9_000_000


def test_a_follow_up_date_typed_over_the_suggested_one_is_the_one_stored(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = _select(window, "Aisha")
    window.start_call()
    runner = window.call_runner
    assert runner is not None
    qtbot.keyClick(runner, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(runner, Qt.Key.Key_T)  # needs time: a date two days on is suggested and selected
    typed = date(date.today().year + 1, 2, 1)
    runner.follow_up.selectAll()
    qtbot.keyClicks(runner.follow_up, f"2/1/{typed.year % 100:02d}")  # en-US notation, over the suggestion
    qtbot.keyClick(runner.follow_up, Qt.Key.Key_Return)
    with window.services.database.transaction() as session:
        call = session.scalars(select(CallLog).where(CallLog.candidate_id == candidate_id)
                               .order_by(CallLog.id.desc())).first()  # fmt: skip
        assert call is not None and call.decision_date == typed


def test_an_unreadable_follow_up_date_stops_the_save_with_a_sentence(window: MainWindow, qtbot: QtBot) -> None:
    candidate_id = _select(window, "Aisha")
    calls_before = len(window.services.calls.list(candidate_id=candidate_id))
    window.start_call()
    runner = window.call_runner
    assert runner is not None
    qtbot.keyClick(runner, Qt.Key.Key_E, CTRL)
    qtbot.keyClick(runner, Qt.Key.Key_T)
    runner.follow_up.setText("13/1/27")
    runner.save()
    assert runner.result is None and runner.follow_up.property("invalid") is True
    assert any("is not a date" in text for kind, _title, text in window.prompter.shown if kind == "error")
    assert len(window.services.calls.list(candidate_id=candidate_id)) == calls_before
