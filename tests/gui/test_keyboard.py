"""The keyboard alone gets everywhere: Tab leaves tables, the call runner says its keys and never ends a call
by surprise, and Help lists every shortcut there is."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.follow_up_dialog import FollowUpDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.dialogs.restore_backup import RestoreBackupDialog
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.panels.call_runner import CallRunner
from tests.gui.panel_loads import open_editor, wait_for_panels


def _focus_inside(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def test_tab_leaves_the_candidate_table_and_the_arrows_move_rows(window: MainWindow, qtbot: QtBot) -> None:
    table = window.candidate_list.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    chosen = window.candidate_list.selected_id()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not _focus_inside(table)
    assert window.candidate_list.selected_id() == chosen  # Tab chose nobody else
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert window.candidate_list.selected_id() != chosen


def _item_views(widget: QWidget) -> list[QAbstractItemView]:
    return [view for view in [widget, *widget.findChildren(QAbstractItemView)] if isinstance(view, QAbstractItemView)]


def test_no_table_or_list_keeps_tab_to_itself(window: MainWindow, qtbot: QtBot) -> None:
    """The panels, the dashboard and the dialogs they open: Tab always moves on to the next control."""
    wait_for_panels(qtbot, window)  # the first candidate's offer is shown: Edit offer opens it
    window.toggle_dashboard()
    window.toggle_dashboard()
    window.start_call()
    window.end_call_view()
    window.show_library()
    window.show_templates()
    window.show_practice()
    window.show_pay_bands()
    window.edit_profile()
    open_editor(qtbot, window).compare()
    window.import_candidates()
    window.menu_actions.shortcuts.trigger()
    window.toggle_coach()
    window.toggle_coach()
    RestoreBackupDialog(window.services.backups, window.operations, window.prompter, window).show()
    FollowUpDialog(window, choices=window.services.followups.candidate_choices()).show()
    trapping = [
        f"{type(top).__name__}: {type(view).__name__} {view.objectName()}"
        for top in QApplication.topLevelWidgets()
        for view in _item_views(top)
        if view.tabKeyNavigation()
    ]
    assert trapping == []


def _runner(window: MainWindow) -> CallRunner:
    window.start_call()
    runner = window.call_runner
    assert runner is not None
    return runner


def test_right_on_the_last_step_asks_before_ending_the_call(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    runner = _runner(window)
    for _ in range(len(runner.steps) - 1):
        qtbot.keyClick(runner, Qt.Key.Key_Right)
    assert runner.index == len(runner.steps) - 1 and prompter.shown == []
    prompter.answer = False
    qtbot.keyClick(runner, Qt.Key.Key_Right)
    assert prompter.shown and prompter.shown[-1][0] == "confirm"
    assert runner.pages.currentIndex() == 0 and runner.index == len(runner.steps) - 1  # still on the call
    prompter.answer = True
    qtbot.keyClick(runner, Qt.Key.Key_Right)
    assert runner.pages.currentWidget() is runner.outcome_page


def test_escape_goes_back_one_step(window: MainWindow, qtbot: QtBot) -> None:
    runner = _runner(window)
    qtbot.keyClick(runner, Qt.Key.Key_Right)
    qtbot.keyClick(runner, Qt.Key.Key_Right)
    qtbot.keyClick(runner, Qt.Key.Key_Escape)
    assert runner.index == 1 and window.pages.currentWidget() is runner
    qtbot.keyClick(runner, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(runner, Qt.Key.Key_Escape)  # from how it ended back to the script, same step
    assert runner.pages.currentIndex() == 0 and runner.index == 1


def test_escape_on_the_first_step_leaves_a_call_with_nothing_noted(window: MainWindow, qtbot: QtBot) -> None:
    runner = _runner(window)
    qtbot.keyClick(runner, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.splitter


def test_escape_on_the_first_step_asks_before_dropping_notes(
    window: MainWindow, qtbot: QtBot, prompter: RecordingPrompter
) -> None:
    runner = _runner(window)
    runner.notes.setPlainText("Wants a later start date")
    prompter.answer = False
    qtbot.keyClick(runner, Qt.Key.Key_Escape)
    assert prompter.shown[-1][0] == "confirm" and "notes will not be logged" in prompter.shown[-1][2]
    assert window.pages.currentWidget() is runner


def test_the_call_runner_shows_its_keys(window: MainWindow) -> None:
    hint = _runner(window).hint.text()
    for shown in ("← back", "→ next", "Esc back"):
        assert shown in hint


def test_keyboard_shortcuts_lists_every_shortcut_and_the_call_keys(window: MainWindow, qtbot: QtBot) -> None:
    window.menu_actions.shortcuts.trigger()
    dialog = window.shortcuts_dialog
    listed = dialog.listed()
    native = QKeySequence.SequenceFormat.NativeText
    for field in dataclasses.fields(window.menu_actions):
        action = getattr(window.menu_actions, field.name)
        if action.shortcut().isEmpty():
            continue
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        key = action.shortcut().toString(native)
        assert any(name == text and key in shown.split(" or ") for name, shown in listed), (text, key)
    call_keys = {name for name, _keys in listed}
    assert any(name.startswith("Next step") for name in call_keys)
    assert any("Esc" in keys for _name, keys in listed)
