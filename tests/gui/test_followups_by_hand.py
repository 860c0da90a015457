"""The Follow-ups tab by hand: add a follow-up, reschedule one (and Undo it), put one in the calendar app, and
export the calendar feed. Only the call that hands a file to the desktop is replaced."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from offerdesk.domain.clock import today
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.undo import UndoRecord
from offerdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.panels import followups as followups_module
from offerdesk.ui.panels.followups import FollowUpsPanel
from tests.gui.panel_loads import wait_for, wait_for_panels

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
COMPLETER_POPUP = "This plugin does not support (raise|grabbing)"  # the name completer's popup, offscreen


@pytest.fixture
def prompter() -> RecordingPrompter:
    return RecordingPrompter(answer=True)


@pytest.fixture
def panel(qtbot: QtBot, services: Services, prompter: RecordingPrompter, tmp_path: Path) -> FollowUpsPanel:
    widget = FollowUpsPanel(services.followups, prompter=prompter, exports_dir=tmp_path / "letters", zone=AMSTERDAM)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    wait_for(qtbot, widget)  # the agenda is read in the thread pool
    return widget


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files handed to the desktop's calendar app (none is started)."""
    paths: list[Path] = []

    def record(path: Path) -> bool:
        paths.append(path)
        return True

    monkeypatch.setattr(followups_module, "open_calendar_file", record)
    return paths


def rows(panel: FollowUpsPanel) -> list[tuple[str, date, str]]:
    return [(i.follow_up.candidate_name, i.follow_up.due_on, i.follow_up.note) for i in panel.follow_up_model.rows()]


def select_row(panel: FollowUpsPanel, row: int) -> None:
    index = panel.follow_up_model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.follow_up_table.selectionModel().setCurrentIndex(index, flags)


def open_dialog(qtbot: QtBot, panel: FollowUpsPanel, button_name: str) -> FollowUpDialog:
    qtbot.mouseClick(getattr(panel, button_name), Qt.MouseButton.LeftButton)
    dialog = panel.follow_up_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_date(qtbot: QtBot, dialog: FollowUpDialog, day: date) -> None:
    dialog.due.clear()
    qtbot.keyClicks(dialog.due, day.isoformat())


def add_by_hand(qtbot: QtBot, panel: FollowUpsPanel, name: str, day: date, note: str) -> FollowUpDialog:
    dialog = open_dialog(qtbot, panel, "add_button")
    dialog.candidate.clearEditText()
    qtbot.keyClicks(dialog.candidate.lineEdit(), name)
    type_date(qtbot, dialog, day)
    qtbot.keyClicks(dialog.note, note)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog


@pytest.mark.qt_log_ignore(COMPLETER_POPUP)
def test_a_follow_up_added_by_hand_appears_in_the_list(qtbot: QtBot, panel: FollowUpsPanel) -> None:
    soon = today() + timedelta(days=3)
    with qtbot.waitSignal(panel.changed) as emitted:
        dialog = add_by_hand(qtbot, panel, "aisha rahman", soon, "Ask about the notice")
    assert emitted.args == [Changes.of(Kind.FOLLOW_UPS)]
    assert not dialog.isVisible() and panel.follow_up_dialog is None
    wait_for(qtbot, panel)
    assert ("Aisha Rahman", soon, "Ask about the notice") in rows(panel)
    chosen = panel.selected_follow_up()
    assert chosen is not None and (chosen.due_on, chosen.kind_label) == (soon, "Check in")  # shown selected


@pytest.mark.qt_log_ignore(COMPLETER_POPUP)
def test_the_dialog_says_what_is_missing_and_keeps_what_was_typed(
    qtbot: QtBot, panel: FollowUpsPanel, prompter: RecordingPrompter
) -> None:
    before = rows(panel)
    dialog = add_by_hand(qtbot, panel, "Nobody Of That Name", today(), "kept")
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert dialog.problem.text() == "Choose one candidate from the list (type part of their name to find them)."
    assert dialog.note.text() == "kept" and rows(panel) == before

    dialog.candidate.clearEditText()
    qtbot.keyClicks(dialog.candidate.lineEdit(), "Becker")
    prompter.answer = False  # "Keep that day?" — no
    type_date(qtbot, dialog, today() - timedelta(days=2))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompter.shown[-1]
    assert (kind, title) == ("confirm", "Follow-up in the past")
    assert "is in the past" in text and "overdue at once" in text
    assert dialog.isVisible() and rows(panel) == before


def test_reschedule_moves_it_and_undo_moves_it_back(qtbot: QtBot, panel: FollowUpsPanel) -> None:
    select_row(panel, 0)
    chosen = panel.selected_follow_up()
    assert chosen is not None
    later = today() + timedelta(days=5)
    dialog = open_dialog(qtbot, panel, "reschedule_button")
    assert dialog.due.value() == chosen.due_on  # starts from the day it is due now
    type_date(qtbot, dialog, later)
    with qtbot.waitSignal(panel.undoable) as undoable:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    wait_for(qtbot, panel)
    moved = {i.follow_up.id: i.follow_up.due_on for i in panel.follow_up_model.rows()}
    assert moved[chosen.id] == later
    record = undoable.args[0]
    assert isinstance(record, UndoRecord) and record.label.startswith("Reschedule: ")
    record.undo()
    panel.reload()
    wait_for(qtbot, panel)
    assert {i.follow_up.id: i.follow_up.due_on for i in panel.follow_up_model.rows()}[chosen.id] == chosen.due_on


def test_rescheduling_a_follow_up_done_meanwhile_says_so(
    qtbot: QtBot, services: Services, panel: FollowUpsPanel
) -> None:
    select_row(panel, 0)
    chosen = panel.selected_follow_up()
    assert chosen is not None
    dialog = open_dialog(qtbot, panel, "reschedule_button")
    services.followups.mark_done(chosen.id)  # from another window, or the command line
    type_date(qtbot, dialog, today() + timedelta(days=4))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "is done, so it cannot be moved" in dialog.problem.text()


def test_add_to_calendar_writes_a_one_event_ics_and_opens_it(
    qtbot: QtBot, panel: FollowUpsPanel, opened: list[Path], tmp_path: Path
) -> None:
    assert not panel.calendar_button.isEnabled()
    select_row(panel, 0)
    chosen = panel.selected_follow_up()
    assert chosen is not None and panel.calendar_button.isEnabled()
    qtbot.mouseClick(panel.calendar_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].parent == tmp_path / "letters" / "calendar"
    parsed = Calendar.from_ical(opened[0].read_bytes())
    (event,) = parsed.walk("VEVENT")
    assert str(event["uid"]) == f"followup-{chosen.id}@offerdesk"
    assert str(event["summary"]) == f"Follow up: {chosen.candidate_name} — {chosen.kind_label}"
    assert event.decoded("dtstart") == chosen.due_on and len(event.walk("VALARM")) == 1


def test_when_no_calendar_app_opens_it_the_user_hears_where_it_is(
    qtbot: QtBot, panel: FollowUpsPanel, prompter: RecordingPrompter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(followups_module, "open_calendar_file", lambda _path: False)
    select_row(panel, 0)
    written = panel.add_to_calendar()
    assert written is not None and written.is_file()
    kind, title, text = prompter.shown[-1]
    assert (kind, title) == ("info", "Calendar file saved") and str(written) in text


def test_export_calendar_feed_writes_the_file_chosen(
    qtbot: QtBot, panel: FollowUpsPanel, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    target = tmp_path / "calendars" / "mine.ics"
    prompter.files.append(target)
    qtbot.mouseClick(panel.feed_button, Qt.MouseButton.LeftButton)
    parsed = Calendar.from_ical(target.read_bytes())
    uids = {str(event["uid"]) for event in parsed.walk("VEVENT")}
    assert {f"followup-{i.follow_up.id}@offerdesk" for i in panel.follow_up_model.rows()} <= uids
    assert any(uid.endswith("-expiry@offerdesk") for uid in uids)
    assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    kind, title, text = prompter.shown[-1]
    assert (kind, title) == ("info", "Calendar feed exported") and str(target) in text


def test_ctrl_z_in_the_window_takes_a_reschedule_back(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.follow_ups
    window.left_tabs.setCurrentWidget(panel)
    wait_for_panels(qtbot, window)
    select_row(panel, 0)
    chosen = panel.selected_follow_up()
    assert chosen is not None
    dialog = open_dialog(qtbot, panel, "reschedule_button")
    type_date(qtbot, dialog, today() + timedelta(days=6))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.menu_actions.undo_delete.text().startswith("&Undo Reschedule: ")
    window.menu_actions.undo_delete.trigger()
    qtbot.waitUntil(lambda: window.services.followups.get(chosen.id).due_on == chosen.due_on)
    QApplication.processEvents()
