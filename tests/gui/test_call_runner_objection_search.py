"""The objection search on the call: what the recruiter types finds the handler, the top three are marked, the
search learns which handler was opened for which words (and forgets when asked), and the notes suggest one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot

from offerdesk.services.callprep.search_memory import SearchMemory
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.panels.call_runner import CallRunner
from offerdesk.ui.panels.objection_finder import RANK_ROLE, REMEMBERED_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def _call(window: MainWindow, name: str = "Aisha") -> CallRunner:
    candidate_id = window.services.candidates.search(name)[0].id
    row = window.candidate_model.row_of(candidate_id)
    assert row is not None
    window.candidate_list.table.selectRow(row)
    window.start_call()
    assert window.call_runner is not None
    return window.call_runner


def _search(qtbot: QtBot, runner: CallRunner, text: str) -> list[str]:
    qtbot.keyClick(runner, Qt.Key.Key_K, CTRL)
    assert runner.search.hasFocus()
    runner.search.clear()
    qtbot.keyClicks(runner.search, text)
    return runner.finder.result_codes()


def _shown(runner: CallRunner, row: int) -> QListWidgetItem:
    item = runner.results.item(row)
    assert item is not None
    return item


def test_the_candidates_own_words_find_the_counteroffer_first(window: MainWindow, qtbot: QtBot) -> None:
    runner = _call(window)
    codes = _search(qtbot, runner, "my boss wants me to stay")
    assert codes and codes[0] == "COUNTEROFFER"


def test_the_first_result_says_which_of_its_words_matched(window: MainWindow, qtbot: QtBot) -> None:
    runner = _call(window)
    _search(qtbot, runner, "my boss wants me to stay")
    first = _shown(runner, 0)
    assert "matched: " in first.toolTip() and "matched: " in str(first.data(Qt.ItemDataRole.AccessibleTextRole))


def test_the_top_three_are_marked_with_their_place_and_the_rest_are_plain(window: MainWindow, qtbot: QtBot) -> None:
    runner = _call(window)
    codes = _search(qtbot, runner, "offer")
    assert len(codes) > 3
    assert [_shown(runner, row).data(RANK_ROLE) for row in range(len(codes))] == [1, 2, 3] + [0] * (len(codes) - 3)
    qtbot.keyClick(runner.search, Qt.Key.Key_Return)  # Enter still opens the first one's handler
    assert runner.raised == [codes[0]]
    assert _shown(runner, 0).text() in runner.handler.toPlainText()


def test_the_handler_opened_for_some_words_comes_first_for_them_next_time_until_forgotten(
    window: MainWindow, qtbot: QtBot
) -> None:
    runner = _call(window)
    first, second, *_ = _search(qtbot, runner, "money")
    runner.results.setCurrentRow(1)
    qtbot.keyClick(runner.search, Qt.Key.Key_Return)
    assert runner.raised == [second]

    assert _search(qtbot, runner, "money")[0] == second
    lifted = _shown(runner, 0)
    assert lifted.data(REMEMBERED_ROLE) and "forget" in lifted.toolTip()
    assert runner.finder.result_menu(_shown(runner, 1)) is None  # nothing to take back on the others

    window.end_call_view()  # a later call on this computer remembers it too
    runner = _call(window, "Lukas")
    assert _search(qtbot, runner, "money")[0] == second
    menu = runner.finder.result_menu(_shown(runner, 0))
    assert menu is not None
    [forget] = [action for action in menu.actions() if action.objectName() == "forgetSearch"]
    forget.trigger()
    assert runner.finder.result_codes()[0] == first
    assert not _shown(runner, 0).data(REMEMBERED_ROLE)
    assert SearchMemory(window.services.search_memory.path).entries() == []


def test_words_that_match_nothing_show_advice_instead_of_a_blank_list(window: MainWindow, qtbot: QtBot) -> None:
    runner = _call(window)
    assert _search(qtbot, runner, "zzqx") == []
    advice = runner.finder.advice
    assert advice.isVisible() and not runner.results.isVisible()
    assert "zzqx" in advice.text() and "Try fewer words" in advice.text() and "COMP_LOW" not in advice.text()
    qtbot.keyClick(runner.search, Qt.Key.Key_Return)
    assert runner.raised == []
    assert _search(qtbot, runner, "salary")  # and the list is back once something matches
    assert runner.results.isVisible() and not advice.isVisible()


def test_notes_that_sound_like_a_counteroffer_suggest_it_and_a_click_opens_it(window: MainWindow, qtbot: QtBot) -> None:
    runner = _call(window)
    sentence = "she said her manager offered her a raise to stay."
    runner.notes.setFocus()
    qtbot.keyClicks(runner.notes, sentence)
    suggestion = runner.finder.suggestion
    qtbot.waitUntil(suggestion.isVisible)
    assert "Their employer made a counteroffer" in suggestion.text() and "Sounds like" in suggestion.text()
    qtbot.mouseClick(suggestion, Qt.MouseButton.LeftButton)
    assert runner.raised == ["COUNTEROFFER"]
    assert "Their employer made a counteroffer" in runner.handler.toPlainText()
    assert runner.notes.hasFocus() and runner.notes.toPlainText() == sentence


def test_ctrl_enter_in_the_notes_opens_the_suggestion_and_leaves_the_notes_as_typed(
    window: MainWindow, qtbot: QtBot
) -> None:
    runner = _call(window)
    runner.notes.setFocus()
    qtbot.keyClicks(runner.notes, "Counteroffer")
    suggestion = runner.finder.suggestion
    qtbot.waitUntil(suggestion.isVisible)
    assert "Ctrl+Return" in suggestion.text()
    qtbot.keyClick(runner.notes, Qt.Key.Key_Return, CTRL)
    assert runner.raised == ["COUNTEROFFER"]
    assert runner.notes.hasFocus() and runner.notes.toPlainText() == "Counteroffer"
    runner.notes.clear()
    qtbot.waitUntil(lambda: not suggestion.isVisible())


def test_forgetting_every_remembered_search_asks_first_naming_how_many(
    window: MainWindow, prompter: RecordingPrompter
) -> None:
    memory = window.services.search_memory
    button = window.call_prep.forget_searches_button
    button.click()
    assert prompter.shown[-1][0] == "info"  # nothing to forget: said so, nothing asked
    memory.remember("money", "COMP_LOW")
    memory.remember("stay", "COUNTEROFFER")
    prompter.answer = False
    button.click()
    assert prompter.shown[-1][0] == "confirm" and "2 searches" in prompter.shown[-1][2]
    assert len(memory.entries()) == 2
    prompter.answer = True
    button.click()
    assert memory.entries() == [] and SearchMemory(memory.path).entries() == []
