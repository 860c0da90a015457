"""A script that runs away (a library imported before files were checked, or a hand edit) cannot freeze call prep:
the panel fills all of a script's steps and talk tracks on one clock and shows what did not finish as it is."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import wait_for_panels

RUNAWAY = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def test_a_script_of_runaway_steps_is_shown_within_one_budget(window: MainWindow, qtbot: QtBot) -> None:
    library = window.services.library
    steps = [{"key": f"s{n}", "title": f"Runaway {n}", "text": f"{RUNAWAY}{{# {n} #}}"} for n in range(6)]
    for item in library.scripts():
        library.update_script(item["key"], steps=steps)
    started = time.monotonic()
    window.candidate_list.select_id(window.services.candidates.search("Sofia")[0].id)
    panel = window.call_prep
    panel.reload()
    wait_for_panels(qtbot, window)  # the steps are filled in the thread pool; the window stays responsive meanwhile
    elapsed = time.monotonic() - started
    shown = panel.script_view.toPlainText()
    assert "Runaway 5" in shown  # every step is there, each as its text with the reason it was not filled in
    assert shown.count("not filled in") == 6
    assert elapsed < 8  # one 2-second budget, where six steps of 2 seconds each (and more for each reload) took 12+
    started = time.monotonic()
    panel.reload()  # shown again: the step that ran out of time is known and waits no more; the next one tries
    wait_for_panels(qtbot, window)
    assert time.monotonic() - started < 8
    again = panel.script_view.toPlainText()
    assert again.count("not filled in") == 6 and "this text runs too long" in again
